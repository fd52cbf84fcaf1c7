"""botocore event hooks for tests: count requests a client sends, and answer chosen calls with an AWS error
before they reach the server (throttling, AccessDenied…), so a moto-backed client meets the failures
real AWS produces."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from botocore.awsrequest import AWSResponse


def _event(client: Any, operation: str) -> str:
    # botocore names events by the hyphenated service id: "cost-explorer", not "ce"
    return f"before-send.{client.meta.service_model.service_id.hyphenize()}.{operation}"


class RequestCounter:
    """Counts requests by operation as they leave the client (retries and pages included)."""

    def __init__(self, client: Any, operation: str = "*") -> None:
        self.counts: Counter[str] = Counter()
        self.bodies: list[dict[str, Any]] = []
        client.meta.events.register(_event(client, operation), self._seen)

    def _seen(self, request: Any, **_: Any) -> None:
        self.counts[request.context.get("operation_name") or "?"] += 1
        if request.body:
            with contextlib.suppress(ValueError):  # a query-protocol body (form encoded) is counted, not kept
                self.bodies.append(json.loads(request.body))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def reset(self) -> None:
        self.counts.clear()
        self.bodies.clear()


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.data


class FailFirst:
    """The first `times` calls of `operation` get the AWS JSON error `code` instead of reaching the server."""

    def __init__(self, client: Any, operation: str, code: str, times: int = 1, status: int = 400,
                 message: str = "injected by the test") -> None:
        self.remaining = times
        self.failed = 0
        self.code, self.status, self.message = code, status, message
        client.meta.events.register(_event(client, operation), self._maybe_fail)

    def _maybe_fail(self, request: Any, **_: Any) -> AWSResponse | None:
        if self.remaining <= 0:
            return None
        self.remaining -= 1
        self.failed += 1
        body = json.dumps({"__type": self.code, "message": self.message}).encode()
        headers = {"Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": self.code}
        return AWSResponse(request.url, self.status, headers, _Body(body))
