"""Per-user settings (language) in the state store, with the workspace default when none is set."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.ports import StateStore


CACHE_SECONDS = 60.0  # the ack path reads this on every command; a change is written through the cache
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def user_key(team: str | None, user: str) -> str:
    return f"slack/users/{_safe(team or '_')}/{_safe(user)}.json"


def _safe(part: str) -> str:
    return _SAFE.sub("_", part)[:64] or "_"


class Preferences:
    def __init__(self, state: StateStore, default_language: str,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.state = state
        self.default_language = default_language
        self._monotonic = monotonic
        self._cache: dict[str, tuple[float, dict[str, str]]] = {}

    def _read(self, team: str | None, user: str) -> dict[str, str]:
        key = user_key(team, user)
        cached = self._cache.get(key)
        if cached and self._monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        raw = self.state.get(key)
        values: dict[str, str] = json.loads(raw) if raw else {}
        self._cache[key] = (self._monotonic(), values)
        return values

    def language(self, team: str | None, user: str) -> str:
        return self._read(team, user).get("language", self.default_language)

    def has_language(self, team: str | None, user: str) -> bool:
        return "language" in self._read(team, user)

    def set_language(self, team: str | None, user: str, language: str) -> None:
        values = {**self._read(team, user), "language": language}
        self.state.put(user_key(team, user), json.dumps(values).encode())
        self._cache[user_key(team, user)] = (self._monotonic(), values)
