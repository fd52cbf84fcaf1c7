"""`Chat` on the Slack Web API. Slack's errors become `ChatError` with Slack's own code."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.webhook import WebhookClient

from bot.adapters.slack_client import retry_handlers
from bot.errors import ChatError
from bot.render.limits import MARKDOWN_TEXT, NOTIFICATION_TEXT

if TYPE_CHECKING:
    from bot.ports import Blocks

UPDATE_INTERVAL = 1.0  # chat.update is rate limited (~50/min): at most one edit a second per message


@contextmanager
def _slack(method: str) -> Iterator[None]:
    try:
        yield
    except SlackApiError as exc:
        raise ChatError(str(exc.response.get("error", "unknown_error")), method) from exc
    except SlackRequestError as exc:
        raise ChatError("request_failed", method) from exc


class SlackChat:
    def __init__(self, client: WebClient, *, update_interval: float = UPDATE_INTERVAL,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.update_interval = update_interval
        self._monotonic = monotonic

    def post(self, channel: str, text: str, blocks: Blocks | None = None, thread_ts: str | None = None) -> str:
        with _slack("chat.postMessage"):
            response = self.client.chat_postMessage(channel=channel, text=text[:NOTIFICATION_TEXT],
                                                    blocks=list(blocks) if blocks else None, thread_ts=thread_ts,
                                                    unfurl_links=False, unfurl_media=False)
        return str(response["ts"])

    def update(self, channel: str, ts: str, text: str, blocks: Blocks | None = None) -> None:
        with _slack("chat.update"):
            self.client.chat_update(channel=channel, ts=ts, text=text[:NOTIFICATION_TEXT],
                                    blocks=list(blocks) if blocks is not None else None)

    def private(self, channel: str, user: str, text: str, blocks: Blocks | None = None, *,
                thread_ts: str | None = None, response_url: str | None = None) -> None:
        if response_url:
            webhook = WebhookClient(response_url, retry_handlers=retry_handlers(), timeout=self.client.timeout)
            response = webhook.send(text=text[:NOTIFICATION_TEXT], blocks=list(blocks) if blocks else None,
                                    response_type="ephemeral", replace_original=False)
            if response.status_code != 200:
                raise ChatError(response.body or str(response.status_code), "response_url")
            return
        with _slack("chat.postEphemeral"):
            self.client.chat_postEphemeral(channel=channel, user=user, text=text[:NOTIFICATION_TEXT],
                                           blocks=list(blocks) if blocks else None, thread_ts=thread_ts)

    def stream(self, channel: str, thread_ts: str, chunks: Iterable[str], *, user: str | None, team: str | None,
               blocks_after: Blocks | None = None) -> str:
        """Slack's streaming API; where it is refused, a message edited as the text grows."""
        pieces = iter(chunks)
        written = ""
        streamer = self.client.chat_stream(channel=channel, thread_ts=thread_ts, recipient_user_id=user,
                                           recipient_team_id=team)
        try:
            for piece in pieces:
                if len(written) + len(piece) > MARKDOWN_TEXT:  # full: finish this message, go on in a new one
                    streamer.stop()
                    streamer = self.client.chat_stream(channel=channel, thread_ts=thread_ts,
                                                       recipient_user_id=user, recipient_team_id=team)
                    written = ""
                written += piece
                streamer.append(markdown_text=piece)
            response = streamer.stop(blocks=list(blocks_after) if blocks_after else None)
            return str(response.get("ts") or streamer.ts)
        except SlackApiError as exc:
            if streamer.ts is not None:  # the stream started, then broke: not a missing feature
                raise ChatError(str(exc.response.get("error", "unknown_error")), "chat.appendStream") from exc
            # Streaming refused (older workspace, missing feature): the same text by throttled edits.
            return self._stream_by_update(channel, thread_ts, written, pieces, blocks_after)

    def _stream_by_update(self, channel: str, thread_ts: str, first: str, rest: Iterator[str],
                          blocks_after: Blocks | None) -> str:
        text = first
        ts = self.post(channel, text or "…", [{"type": "markdown", "text": text or "…"}], thread_ts)
        last_edit = self._monotonic()
        for piece in rest:
            if len(text) + len(piece) > MARKDOWN_TEXT:
                self.update(channel, ts, text, [{"type": "markdown", "text": text}])
                text = ""
                ts = self.post(channel, piece, [{"type": "markdown", "text": piece}], thread_ts)
            text += piece
            if self._monotonic() - last_edit >= self.update_interval:
                self.update(channel, ts, text, [{"type": "markdown", "text": text}])
                last_edit = self._monotonic()
        self.update(channel, ts, text, [{"type": "markdown", "text": text}, *(blocks_after or ())])
        return ts

    def set_status(self, channel: str, thread_ts: str, status: str) -> None:
        with _slack("assistant.threads.setStatus"):
            self.client.assistant_threads_setStatus(channel_id=channel, thread_ts=thread_ts, status=status)

    def suggest_prompts(self, channel: str, thread_ts: str, title: str, prompts: Sequence[tuple[str, str]]) -> None:
        with _slack("assistant.threads.setSuggestedPrompts"):
            self.client.assistant_threads_setSuggestedPrompts(
                channel_id=channel, thread_ts=thread_ts, title=title,
                prompts=[{"title": t, "message": m} for t, m in prompts])

    def publish_home(self, user: str, blocks: Blocks) -> None:
        with _slack("views.publish"):
            self.client.views_publish(user_id=user, view={"type": "home", "blocks": list(blocks)})

    def group_members(self, group: str) -> frozenset[str]:
        with _slack("usergroups.users.list"):
            response: Any = self.client.usergroups_users_list(usergroup=group)
        return frozenset(response.get("users", ()))
