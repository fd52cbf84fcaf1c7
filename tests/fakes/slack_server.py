"""A fake Slack Web API on localhost: real HTTP, records every call, fails on demand.

Point `WebClient(base_url=server.url)` at it. Besides recording calls it keeps the messages it was
sent (edits and streams applied), so tests check what a person would see, not only that a call was
made. Supports chat.postMessage/update/postEphemeral, the streaming trio (startStream, appendStream,
stopStream), views.publish, assistant.threads.*, usergroups.users.list, auth.test, files_upload_v2's
three steps, and `response_url` posts (`server.response_url()`).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

BOT_USER = "UFINOPS"
BOT_ID = "BFINOPS"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None


@dataclass
class Failure:
    error: str | None = None  # Slack's `ok: false` error code, with HTTP 200
    status: int = 200  # or an HTTP status such as 500 or 429
    times: int | None = None  # None: until cleared
    retry_after: int = 0


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str | None = None
    streamed: bool = False

    def all_text(self) -> str:
        """Everything a reader sees: the text and every string inside the blocks."""
        return self.text + "\n" + "\n".join(strings(self.blocks))


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[str, Message] = {}
        self.responses: list[dict[str, Any]] = []  # what was sent to a response_url (ephemeral replies)
        self.uploads: dict[str, bytes] = {}
        self.failures: dict[str, Failure] = {}
        self.group_members: dict[str, list[str]] = {}
        self._ts = itertools.count(1)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    # -- set-up -------------------------------------------------------------------------------------------------
    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """The Web API base URL (`WebClient(base_url=…)`)."""
        return f"{self.base}/api/"

    def response_url(self, name: str = "r") -> str:
        return f"{self.base}/response/{name}"

    def fail(self, method: str, error: str | None = None, *, status: int = 200, times: int | None = None,
             retry_after: int = 0) -> None:
        """Calls of `method` fail (`times` of them, or until cleared): `{"ok": false, "error"}` or HTTP `status`."""
        with self._lock:
            self.failures[method] = Failure(error, status, times, retry_after)

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()
            self.messages.clear()
            self.responses.clear()
            self.uploads.clear()
            self.failures.clear()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what happened ------------------------------------------------------------------------------------------
    def called(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def in_channel(self, channel: str) -> list[Message]:
        """Top-level messages of a channel, oldest first."""
        with self._lock:
            return [m for m in self.messages.values() if m.channel == channel and m.thread_ts in (None, m.ts)]

    def in_thread(self, channel: str, thread_ts: str) -> list[Message]:
        """Replies in a thread, oldest first."""
        with self._lock:
            return [m for m in self.messages.values()
                    if m.channel == channel and m.thread_ts == thread_ts and m.ts != thread_ts]

    def everything_posted(self) -> str:
        """Every visible and private word the bot sent, for "never shows X" checks."""
        with self._lock:
            texts = [m.all_text() for m in self.messages.values()]
            texts += ["\n".join(strings(r)) for r in self.responses]
            texts += ["\n".join(strings(c.args)) for c in self.calls
                      if c.method in ("chat.postEphemeral", "views.publish", "assistant.threads.setStatus")]
        return "\n".join(texts)

    def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("the fake Slack server did not see what was expected in time")
            time.sleep(0.01)

    # -- the API ------------------------------------------------------------------------------------------------
    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def _answer(self, method: str, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            self.calls.append(Call(method, args, args.pop("_token", None)))
            failure = self.failures.get(method)
            if failure is not None:
                if failure.times is not None:
                    failure.times -= 1
                    if failure.times <= 0:
                        del self.failures[method]
                headers = {"Retry-After": str(failure.retry_after)} if failure.status == 429 else {}
                return failure.status, {"ok": False, "error": failure.error or f"http_{failure.status}"}, headers
            return 200, self._success(method, args), {}

    def _success(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel") or args.get("channel_id")
        if method == "chat.postMessage":
            ts = self._next_ts()
            self.messages[ts] = Message(channel, ts, args.get("text") or "", _blocks(args), args.get("thread_ts"))
            return {"ok": True, "channel": channel, "ts": ts,
                    "message": {"text": args.get("text"), "ts": ts, "thread_ts": args.get("thread_ts")}}
        if method in ("chat.update", "chat.appendStream", "chat.stopStream"):
            message = self.messages.get(args.get("ts", ""))
            if message is None:
                return {"ok": False, "error": "message_not_found"}
            if method == "chat.update":
                message.text = args.get("text") or message.text
                message.blocks = _blocks(args) if "blocks" in args else message.blocks
            else:
                message.text += _chunk_text(args)
                message.blocks = _blocks(args) if args.get("blocks") else message.blocks
            return {"ok": True, "channel": channel, "ts": args["ts"]}
        if method == "chat.startStream":
            ts = self._next_ts()
            self.messages[ts] = Message(channel, ts, _chunk_text(args), [], args.get("thread_ts"), True)
            return {"ok": True, "channel": channel, "ts": ts}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "usergroups.users.list":
            return {"ok": True, "users": self.group_members.get(args.get("usergroup", ""), [])}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = args.get("files")
            items = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in items]}
        if method == "auth.test":
            return {"ok": True, "team_id": "T0FAKE", "user_id": BOT_USER, "bot_id": BOT_ID, "user": "finops"}
        return {"ok": True}


def _handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            return None

        def do_POST(self) -> None:
            path = urlparse(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if "/upload/" in path.path:
                fake.uploads[path.path.rsplit("/", 1)[-1]] = body
                self._reply(200, b"OK - uploaded", "text/plain", {})
                return
            args: dict[str, Any] = dict(parse_qsl(path.query))
            if "json" in (self.headers.get("Content-Type") or ""):
                args.update(json.loads(body or b"{}"))
            else:
                args.update(parse_qsl(body.decode()))
            if path.path.startswith("/response/"):
                with fake._lock:
                    fake.responses.append(args)
                self._reply(200, b"ok", "text/plain", {})
                return
            method = path.path.strip("/").rsplit("/", 1)[-1]
            auth = self.headers.get("Authorization") or ""
            args["_token"] = auth.removeprefix("Bearer ") or None
            status, answer, headers = fake._answer(method, args)
            self._reply(status, json.dumps(answer).encode(), "application/json", headers)

        do_GET = do_POST

        def _reply(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _blocks(args: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = args.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else list(blocks)


def _chunk_text(args: dict[str, Any]) -> str:
    text = args.get("markdown_text") or ""
    for chunk in args.get("chunks") or []:
        if chunk.get("type") == "markdown_text":
            text += chunk.get("text", "")
    return text


@contextmanager
def fake_slack_server() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    try:
        yield fake
    finally:
        fake.close()
