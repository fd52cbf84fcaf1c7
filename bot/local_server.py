"""`finops serve`: Slack's HTTP requests on localhost, through the same `slack_handler` as the Lambda."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bot import handler
from bot.bootstrap import Bot


def make_server(bot: Bot, host: str = "127.0.0.1", port: int = 3000, *, executor: Any = None) -> ThreadingHTTPServer:
    handler.install(bot, executor=executor)
    return ThreadingHTTPServer((host, port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # Slack request bodies stay out of the console
        return None

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        event = {
            "version": "2.0", "rawPath": self.path, "rawQueryString": "",
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "requestContext": {"http": {"method": "POST", "path": self.path}},
            "body": body, "isBase64Encoded": False,
        }
        response = handler.slack_handler(event, None)
        data = (response.get("body") or "").encode("utf-8")
        self.send_response(int(response["statusCode"]))
        for name, value in (response.get("headers") or {}).items():
            if name.lower() != "content-length":
                self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
