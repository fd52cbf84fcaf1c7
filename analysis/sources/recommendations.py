"""Shared by the Compute Optimizer and Cost Optimization Hub adapters: ARNs, money and token loops."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from analysis.domain.money import CENT, Money


def native_id(arn: str) -> str:
    """The id people use for a resource in its ARN: i-…, vol-…, a function or group name."""
    if not arn.startswith("arn:"):
        return arn
    resource = arn.split(":", 5)[5]
    if resource.startswith("function:"):
        return resource.split(":")[1]  # drops a version qualifier such as :$LATEST
    if "/" in resource:
        return resource.rsplit("/", 1)[1]
    return resource.rsplit(":", 1)[-1]


def arn_region(arn: str, default: str) -> str:
    parts = arn.split(":")
    return parts[3] if arn.startswith("arn:") and len(parts) > 3 and parts[3] else default


def money(value: float | int | None, currency: str = "USD") -> Money:
    """AWS returns savings as floats; their shortest decimal form, to the cent."""
    amount = Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_EVEN)
    return Money(amount, currency or "USD")


def all_pages(call: Callable[..., dict[str, Any]], key: str, **params: Any) -> Iterator[dict[str, Any]]:
    """Follow nextToken for operations botocore has no paginator for."""
    token: str | None = None
    while True:
        page = call(**params, **({"nextToken": token} if token else {}))
        yield from page.get(key, [])
        token = page.get("nextToken")
        if not token:
            return
