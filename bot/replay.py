"""Replayed requests get 401: a signature is accepted once, even inside Bolt's 5-minute window.

Slack's own retries (X-Slack-Retry-Num) of a request already seen get an empty 200 instead, so Slack stops
retrying; the event listeners also claim each event id, so a retry that Slack signs anew is answered once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

if TYPE_CHECKING:
    from analysis.ports import StateStore


def replay_guard(state: StateStore) -> Callable[..., Any]:
    def guard(req: BoltRequest, next: Callable[[], Any]) -> Any:
        signature = _first(req, "x-slack-signature")
        if req.lazy_only or not signature:  # our own lazy invocation, or Socket Mode (no HTTP signature)
            return next()
        key = f"slack/requests/{hashlib.sha256(signature.encode()).hexdigest()[:40]}"
        if state.put(key, (_first(req, "x-slack-request-timestamp") or "").encode(), if_absent=True):
            return next()
        if _first(req, "x-slack-retry-num"):
            return BoltResponse(status=200, body="")
        return BoltResponse(status=401, body='{"error":"replayed request"}',
                            headers={"content-type": "application/json"})

    return guard


def _first(req: BoltRequest, name: str) -> str | None:
    values = req.headers.get(name) or []
    return values[0] if values else None
