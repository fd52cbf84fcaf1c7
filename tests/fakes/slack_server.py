"""A fake Slack Web API on localhost: records every call and fails on demand.

Point `WebClient(base_url=server.url)` at it. Supports what the bot posts with: chat.postMessage,
chat.update, auth.test, and the three steps of files_upload_v2 (getUploadURLExternal, the upload
itself, completeUploadExternal).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse


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
class FakeSlack:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    failures: dict[str, Failure] = field(default_factory=dict)
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, method: str, error: str | None = None, *, status: int = 200, times: int | None = None,
             retry_after: int = 0) -> None:
        self.failures[method] = Failure(error, status, times, retry_after)

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()
            self.uploads.clear()
            self.failures.clear()

    def called(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def _answer(self, method: str, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
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
        if method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            return {"ok": True, "channel": args.get("channel"), "ts": ts,
                    "message": {"text": args.get("text"), "ts": ts, "thread_ts": args.get("thread_ts")}}
        if method == "chat.update":
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = args.get("files")
            items = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in items]}
        if method == "auth.test":
            return {"ok": True, "team_id": "T0FAKE", "user_id": "UFINOPS", "bot_id": "BFINOPS"}
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
            method = path.path.strip("/").rsplit("/", 1)[-1]
            args: dict[str, Any] = dict(parse_qsl(path.query))
            if "json" in (self.headers.get("Content-Type") or ""):
                args.update(json.loads(body or b"{}"))
            else:
                args.update(parse_qsl(body.decode()))
            auth = self.headers.get("Authorization") or ""
            fake.calls.append(Call(method, args, auth.removeprefix("Bearer ") or None))
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


@contextmanager
def fake_slack_server() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/api/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
