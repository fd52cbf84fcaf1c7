"""AWS answers kept in the state store for a freshness window, so a repeated question costs no request."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from analysis.ports import StateStore


class ResponseCache:
    """JSON values under `cache/<namespace>/<key>.json`, each with the time it was read from AWS.

    Without a store it caches nothing (every call goes to AWS), which is what a one-off CLI run
    without a state folder wants.
    """

    def __init__(self, store: StateStore | None, clock: Callable[[], datetime], freshness: timedelta) -> None:
        self.store = store
        self.clock = clock
        self.freshness = freshness

    def get(self, namespace: str, key: str) -> tuple[Any, datetime] | None:
        """The value and when it was read, if it is younger than the freshness window."""
        if self.store is None:
            return None
        raw = self.store.get(self._key(namespace, key))
        if raw is None:
            return None
        entry = json.loads(raw)
        stored_at = datetime.fromisoformat(entry["stored_at"])
        if self.clock() - stored_at > self.freshness:
            return None
        return entry["value"], stored_at

    def put(self, namespace: str, key: str, value: Any) -> datetime:
        stored_at = self.clock()
        if self.store is not None:
            entry = {"stored_at": stored_at.isoformat(), "value": value}
            self.store.put(self._key(namespace, key), json.dumps(entry, separators=(",", ":")).encode())
        return stored_at

    @staticmethod
    def _key(namespace: str, key: str) -> str:
        return f"cache/{namespace}/{key}.json"
