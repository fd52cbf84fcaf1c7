"""Ports: what the bot's use cases need from Slack and from email. Adapters implement them.

The consultant's port is `consultant.ports.Assistant`; the bot uses it as it is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from analysis.domain.report import CostReport

Blocks = Sequence[dict[str, Any]]


class Chat(Protocol):
    """Slack as the use cases see it. Failures raise `bot.errors.ChatError` with Slack's error code."""

    def post(self, channel: str, text: str, blocks: Blocks | None = None, thread_ts: str | None = None) -> str:
        """Post a message; returns its ts."""
        ...

    def update(self, channel: str, ts: str, text: str, blocks: Blocks | None = None) -> None: ...

    def private(self, channel: str, user: str, text: str, blocks: Blocks | None = None, *,
                thread_ts: str | None = None, response_url: str | None = None) -> None:
        """A message only `user` sees (ephemeral; through `response_url` when Slack gave one)."""
        ...

    def stream(self, channel: str, thread_ts: str, chunks: Iterable[str], *, user: str | None, team: str | None,
               blocks_after: Blocks | None = None) -> str:
        """Stream markdown into the thread as it is written; returns the message ts."""
        ...

    def set_status(self, channel: str, thread_ts: str, status: str) -> None:
        """The "is thinking…" line of an assistant thread (DMs); empty clears it."""
        ...

    def suggest_prompts(self, channel: str, thread_ts: str, title: str, prompts: Sequence[tuple[str, str]]) -> None: ...

    def publish_home(self, user: str, blocks: Blocks) -> None: ...

    def group_members(self, group: str) -> frozenset[str]: ...


@dataclass(frozen=True)
class PastTurn:
    """One message of a thread's conversation, as the bot remembers it (with its Slack ts)."""

    role: Literal["user", "assistant"]
    text: str
    ts: str | None = None  # the Slack message
    backend_conversation_id: str | None = None
    backend_message_id: str | None = None


class ReportMailer(Protocol):
    """Sends a report by email to a Slack user (the "email me this" button). Returns the address used."""

    def send_report(self, user: str, team: str | None, report: CostReport, language: str) -> str: ...
