"""Conversation memory per Slack thread, in the state store: the recent turns and the report each is about."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from analysis.ports import StateStore
from consultant.ports import ReportRef, Turn

MAX_TURNS = 12  # enough for "and last month?" chains; old turns only cost prompt tokens


def thread_id(team: str, channel: str, thread_ts: str) -> str:
    """The conversation id of a Slack thread (also what offline/Bedrock feedback is filed under)."""
    return f"{team}/{channel}/{thread_ts}"


class ConversationMemory:
    def __init__(self, state: StateStore, *, max_turns: int = MAX_TURNS, prefix: str = "consultant/threads") -> None:
        self.state = state
        self.max_turns = max_turns
        self.prefix = prefix

    def history(self, conversation_id: str) -> list[Turn]:
        raw = self.state.get(self._key(conversation_id))
        if raw is None:
            return []
        return [_turn(item) for item in json.loads(raw)["turns"]]

    def append(self, conversation_id: str, *turns: Turn) -> list[Turn]:
        """Add turns and keep the most recent `max_turns`; returns the history as stored."""
        kept = [*self.history(conversation_id), *turns][-self.max_turns:]
        document = {"version": 1, "turns": [_doc(t) for t in kept]}
        self.state.put(self._key(conversation_id), json.dumps(document, default=_iso).encode())
        return kept

    def current_report(self, conversation_id: str) -> ReportRef | None:
        """The report the thread is talking about now: the one of its latest turn that has one."""
        return next((t.report for t in reversed(self.history(conversation_id)) if t.report is not None), None)

    def _key(self, conversation_id: str) -> str:
        safe = "/".join("".join(c if c.isalnum() or c in "-_." else "_" for c in part)
                        for part in conversation_id.split("/"))
        return f"{self.prefix}/{safe}.json"


def _doc(turn: Turn) -> dict[str, Any]:
    return asdict(turn)


def _iso(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")


def _turn(item: dict[str, Any]) -> Turn:
    report = item.get("report")
    return Turn(
        role=item["role"], text=item["text"],
        report=_ref(report) if report else None,
        at=datetime.fromisoformat(item["at"]) if item.get("at") else None,
        backend_conversation_id=item.get("backend_conversation_id"),
        backend_message_id=item.get("backend_message_id"),
    )


def _ref(item: dict[str, Any]) -> ReportRef:
    accounts = item.get("accounts")
    return ReportRef(
        period=item["period"], start=date.fromisoformat(item["start"]), end=date.fromisoformat(item["end"]),
        as_of=date.fromisoformat(item["as_of"]), accounts=tuple(accounts) if accounts is not None else None,
        group_by=item.get("group_by", "service"), report_key=item.get("report_key"),
    )
