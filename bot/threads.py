"""What the bot remembers about each thread it answers in: the question, the data, the conversation.

A thread without a record is one the bot is not part of: its messages are ignored.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from bot.ports import PastTurn
from bot.preferences import _safe

if TYPE_CHECKING:
    from analysis.ports import StateStore

MAX_TURNS = 20  # older turns drop off: a follow-up needs the recent context, not the whole history


@dataclass(frozen=True)
class ThreadRecord:
    team: str | None
    channel: str
    thread_ts: str
    command: str  # the command text of the data this thread is about: "costs last-30d by account"
    as_of: date  # the day it was asked, so follow-ups read the same data
    language: str
    persona: str | None = None
    report_key: str | None = None
    turns: tuple[PastTurn, ...] = field(default_factory=tuple)

    def with_turn(self, turn: PastTurn) -> ThreadRecord:
        return replace(self, turns=(*self.turns, turn)[-MAX_TURNS:])

    def turn_at(self, ts: str) -> PastTurn | None:
        return next((t for t in self.turns if t.ts == ts), None)


def thread_key(team: str | None, channel: str, thread_ts: str) -> str:
    return f"slack/threads/{_safe(team or '_')}/{_safe(channel)}/{_safe(thread_ts)}.json"


class ThreadStore:
    def __init__(self, state: StateStore) -> None:
        self.state = state

    def get(self, team: str | None, channel: str, thread_ts: str) -> ThreadRecord | None:
        raw = self.state.get(thread_key(team, channel, thread_ts))
        if raw is None:
            return None
        doc = json.loads(raw)
        doc["as_of"] = date.fromisoformat(doc["as_of"])
        doc["turns"] = tuple(PastTurn(**t) for t in doc.get("turns", ()))
        return ThreadRecord(**doc)

    def save(self, record: ThreadRecord) -> None:
        doc = asdict(record)
        doc["as_of"] = record.as_of.isoformat()
        self.state.put(thread_key(record.team, record.channel, record.thread_ts), json.dumps(doc).encode())

    def add_turn(self, team: str | None, channel: str, thread_ts: str, turn: PastTurn) -> None:
        record = self.get(team, channel, thread_ts)
        if record is not None:
            self.save(record.with_turn(turn))
