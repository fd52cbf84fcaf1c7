"""A fake Lambda `Invoke` endpoint on localhost: records asynchronous invocations and answers 202, as Lambda does.

For measuring the acknowledgement of a command whose work runs in a self-invocation (boto3 with
`AWS_ENDPOINT_URL_LAMBDA` pointing here); the invoked work itself is not run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeLambda:
    def __init__(self) -> None:
        self.invocations: list[tuple[str, bytes]] = []  # (path, payload)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                payload = self.rfile.read(int(self.headers.get("content-length") or 0))
                fake.invocations.append((self.path, payload))
                self.send_response(202)
                self.send_header("content-length", "0")
                self.end_headers()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def fake_lambda_server() -> Iterator[FakeLambda]:
    fake = FakeLambda()
    try:
        yield fake
    finally:
        fake.close()
