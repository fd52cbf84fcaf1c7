"""Scheduled digests: subscriptions, the digest use case, delivery with email fallback, and replay.

`digest_handler` is the EventBridge Scheduler target (Terraform names `bot.digests.digest_handler`).
"""

from __future__ import annotations

from typing import Any

from bot.digests.store import list_subscriptions


def digest_handler(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    from bot.digests.handler import handle

    return handle(event, context)


__all__ = ["digest_handler", "list_subscriptions"]
