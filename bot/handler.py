"""Lambda entry point for Slack: `slack_handler(event, context)` behind a Function URL or API Gateway v2.

Kept light at import; the app is built once per container on the first request. On Lambda, lazy listeners
re-invoke this function asynchronously (`bot.adapters.lambda_invoke`, which loads boto3 only then); elsewhere
(`finops serve`, tests) they run on threads in this process, so every entry point goes through the same code.
The event mapping is the one of Bolt's Lambda adapter (API Gateway v2 / Function URL events), done here so that
importing that adapter (and boto3 with it) stays off the acknowledgement.
"""

from __future__ import annotations

import base64
import os
import threading
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.bootstrap import Bot

_INTERNAL = "x-slack-bolt-"  # headers Bolt uses for its own lazy re-invocation; never taken from outside
_lock = threading.Lock()
_handler: Any = None


def slack_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response: dict[str, Any] = _request_handler().handle(_trusted(event), context)
    return response


def install(bot: Bot, *, executor: Executor | None = None, lambda_client: Any = None) -> Any:
    """Use this bot (tests, `finops serve`): every dependency injected, the same app and handler.

    `lambda_client` replaces the boto3 Lambda client Bolt's adapter re-invokes the function with."""
    global _handler
    from bot.app import build_app

    with _lock:
        _handler = _adapter_for(build_app(bot, executor=executor), lambda_client)
    return _handler


def reset() -> None:
    global _handler
    with _lock:
        _handler = None


def _request_handler() -> Any:
    global _handler
    if _handler is None:
        with _lock:
            if _handler is None:
                from bot.app import build_app
                from bot.bootstrap import bootstrap

                _handler = _adapter_for(build_app(bootstrap()))
    return _handler


def _adapter_for(app: Any, lambda_client: Any = None) -> EventHandler:
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        from bot.adapters.lambda_invoke import SelfInvocation

        app.listener_runner.lazy_listener_runner = SelfInvocation(app.logger, lambda_client)
        return EventHandler(app, on_lambda=True)
    return EventHandler(app)


def _trusted(event: dict[str, Any]) -> dict[str, Any]:
    """Bolt's lazy-only headers are honoured only on its own re-invocation (a top-level "method": "NONE",
    which an HTTP request cannot set); from outside they would skip the acknowledgement."""
    if event.get("method") == "NONE":
        return event
    headers = {k: v for k, v in (event.get("headers") or {}).items() if not k.lower().startswith(_INTERNAL)}
    return {**event, "headers": headers}


class EventHandler:
    """A Function URL / API Gateway v2 event in, Bolt's response out. On Lambda the request carries what the
    self-invocation needs (this function's ARN and the event); elsewhere lazy listeners run on local threads."""

    def __init__(self, app: Any, *, on_lambda: bool = False) -> None:
        self.app = app
        self.on_lambda = on_lambda

    def handle(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        from slack_bolt.request import BoltRequest

        method = (event.get("requestContext") or {}).get("http", {}).get("method", "POST")
        if method != "POST":
            return {"statusCode": 404, "body": "Not Found", "headers": {}}
        body = event.get("body") or ""
        if event.get("isBase64Encoded"):
            body = base64.b64decode(body).decode("utf-8")
        request = BoltRequest(body=body, query=event.get("rawQueryString") or {},
                              headers=dict(event.get("headers") or {}))
        if self.on_lambda:
            request.context["aws_lambda_function_name"] = context.function_name
            request.context["aws_lambda_invoked_function_arn"] = context.invoked_function_arn
            request.context["lambda_request"] = event
        response = self.app.dispatch(request)
        return {"statusCode": response.status, "body": response.body, "headers": response.first_headers()}
