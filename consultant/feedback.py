"""Where 👍/👎 go when the backend has no feedback API of its own (offline, Bedrock): the state store."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from analysis.ports import StateStore

log = logging.getLogger("consultant.feedback")


class StateFeedbackLog:
    def __init__(self, state: StateStore, prefix: str = "consultant/feedback") -> None:
        self.state = state
        self.prefix = prefix

    def record(self, conversation_id: str, message_id: str, useful: bool, backend: str) -> None:
        entry = {"conversation_id": conversation_id, "message_id": message_id, "useful": useful,
                 "backend": backend, "at": datetime.now(UTC).isoformat()}
        # One key per message: a second click on the same message replaces the first (people change their minds).
        key = f"{self.prefix}/{_safe(conversation_id)}/{_safe(message_id)}.json"
        self.state.put(key, json.dumps(entry).encode())
        log.info("feedback %s on %s/%s (%s)", _word(useful), conversation_id, message_id, backend)


class LoggedFeedback:
    """No store configured: the feedback is at least in the logs, never silently dropped."""

    def record(self, conversation_id: str, message_id: str, useful: bool, backend: str) -> None:
        log.info("feedback %s on %s/%s (%s)", _word(useful), conversation_id, message_id, backend)


def _safe(part: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in part)


def _word(useful: bool) -> str:
    return "useful" if useful else "not useful"
