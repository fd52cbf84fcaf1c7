"""Lazy listeners on Lambda: the function invokes itself asynchronously with the same event, as Bolt's Lambda
adapter does, so the acknowledgement returns at once and the slow half runs in its own invocation.

Unlike Bolt's adapter (which imports boto3 when it is imported), boto3 loads on the first lazy listener: a cold
container answering `/finops help`, a typo or a refusal inside the acknowledgement never pays for it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt.lazy_listener import LazyListenerRunner
from slack_bolt.request import BoltRequest

LAZY_ONLY = "x-slack-bolt-lazy-only"  # the headers Bolt's dispatcher reads on a re-invocation
LAZY_FUNCTION = "x-slack-bolt-lazy-function-name"


class SelfInvocationError(RuntimeError):
    """Lambda refused the asynchronous self-invocation (permissions, throttling); the work did not start."""


class SelfInvocation(LazyListenerRunner):
    def __init__(self, logger: logging.Logger, lambda_client: Any = None) -> None:
        self.logger = logger
        self.lambda_client = lambda_client

    def start(self, function: Callable[..., None], request: BoltRequest) -> None:
        client = self.lambda_client or self._client()
        event: dict[str, Any] = request.context["lambda_request"]
        event["headers"] = {**event["headers"], LAZY_ONLY: "1", LAZY_FUNCTION: request.lazy_function_name}
        event["method"] = "NONE"  # `bot.handler` trusts the lazy headers only on this re-invocation
        from botocore.exceptions import ClientError

        try:
            client.invoke(FunctionName=request.context["aws_lambda_invoked_function_arn"], InvocationType="Event",
                          Payload=json.dumps(event))
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "ClientError")
            raise SelfInvocationError(f"lambda:InvokeFunction on this function failed ({code})") from exc

    def _client(self) -> Any:
        import boto3

        self.lambda_client = boto3.client("lambda")
        return self.lambda_client
