"""`Chat` that records instead of posting: `finops slack` and `finops demo` print what the bot would post."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.ports import Blocks


@dataclass
class Posted:
    kind: str  # "message", "private", "stream", "status", "home", "prompts"
    channel: str
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str | None = None
    ts: str | None = None
    user: str | None = None


class TranscriptChat:
    def __init__(self) -> None:
        self.entries: list[Posted] = []
        self._ts = itertools.count(1)

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def post(self, channel: str, text: str, blocks: Blocks | None = None, thread_ts: str | None = None) -> str:
        ts = self._next_ts()
        self.entries.append(Posted("message", channel, text, list(blocks or ()), thread_ts, ts))
        return ts

    def update(self, channel: str, ts: str, text: str, blocks: Blocks | None = None) -> None:
        for entry in self.entries:
            if entry.ts == ts and entry.channel == channel:
                entry.text = text
                entry.blocks = list(blocks) if blocks is not None else entry.blocks

    def private(self, channel: str, user: str, text: str, blocks: Blocks | None = None, *,
                thread_ts: str | None = None, response_url: str | None = None) -> None:
        self.entries.append(Posted("private", channel, text, list(blocks or ()), thread_ts, user=user))

    def stream(self, channel: str, thread_ts: str, chunks: Iterable[str], *, user: str | None, team: str | None,
               blocks_after: Blocks | None = None) -> str:
        ts = self._next_ts()
        self.entries.append(Posted("stream", channel, "".join(chunks), list(blocks_after or ()), thread_ts, ts))
        return ts

    def set_status(self, channel: str, thread_ts: str, status: str) -> None:
        self.entries.append(Posted("status", channel, status, [], thread_ts))

    def suggest_prompts(self, channel: str, thread_ts: str, title: str, prompts: Sequence[tuple[str, str]]) -> None:
        self.entries.append(Posted("prompts", channel, "\n".join(t for t, _ in prompts), [], thread_ts))

    def publish_home(self, user: str, blocks: Blocks) -> None:
        self.entries.append(Posted("home", user, "", list(blocks), user=user))

    def group_members(self, group: str) -> frozenset[str]:
        return frozenset()  # no directory offline: user-group allowlists cannot admit anyone here
