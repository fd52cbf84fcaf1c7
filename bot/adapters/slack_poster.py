"""Slack Web API for digests: post, reply in the thread, upload charts. Errors become `SlackRefusedError`."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.digests.errors import SlackRefusedError
from bot.digests.ports import Attachment, Posted


def digest_web_client(token: str, base_url: str | None = None, retries: int = 2) -> WebClient:
    """Retries 429 (after Retry-After), 5xx and dropped connections before giving up."""
    client = WebClient(token=token, base_url=base_url or WebClient.BASE_URL, timeout=10)
    client.retry_handlers.extend([
        ConnectionErrorRetryHandler(max_retry_count=retries),
        RateLimitErrorRetryHandler(max_retry_count=retries),
        ServerErrorRetryHandler(max_retry_count=retries),
    ])
    return client


class SlackPoster:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def post(self, channel: str, text: str, blocks: Sequence[dict[str, object]]) -> Posted:
        try:
            response = self.client.chat_postMessage(channel=channel, text=text, blocks=list(blocks),
                                                    unfurl_links=False)
        except SlackApiError as exc:
            raise _refused(exc) from exc
        except SlackClientError as exc:  # connection failures after the retry handlers gave up
            raise SlackRefusedError("connection_failed", str(exc)) from exc
        return Posted(str(response["channel"]), str(response["ts"]))

    def reply(self, posted: Posted, text: str) -> None:
        try:
            self.client.chat_postMessage(channel=posted.channel, thread_ts=posted.ts, text=text)
        except SlackApiError as exc:
            raise _refused(exc) from exc
        except SlackClientError as exc:
            raise SlackRefusedError("connection_failed", str(exc)) from exc

    def upload(self, posted: Posted, files: Sequence[Attachment]) -> None:
        uploads = [{"content": f.content, "filename": f.filename, "title": f.title, "alt_txt": f.title}
                   for f in files]
        try:
            self.client.files_upload_v2(channel=posted.channel, thread_ts=posted.ts, file_uploads=uploads)
        except SlackApiError as exc:
            raise _refused(exc) from exc
        except SlackClientError as exc:
            raise SlackRefusedError("upload_failed", str(exc)) from exc


def _refused(exc: SlackApiError) -> SlackRefusedError:
    status = exc.response.status_code
    if status >= 500:
        return SlackRefusedError(f"http_{status}", "Slack kept failing after retries")
    return SlackRefusedError(str(exc.response.get("error", f"http_{status}")))
