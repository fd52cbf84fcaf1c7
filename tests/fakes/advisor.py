"""A fake consultant for the bot's tests: deterministic text drawn from the report, records what it is asked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.domain.report import CostReport
from bot.ports import PastTurn, Written


@dataclass
class FakeAdvisor:
    name: str = "fake"
    uses_ai: bool = False
    questions: list[tuple[str, tuple[PastTurn, ...]]] = field(default_factory=list)
    summaries: list[tuple[str, str]] = field(default_factory=list)
    feedback_calls: list[tuple[str, str, bool]] = field(default_factory=list)

    def summarise(self, report: CostReport, persona: str, language: str) -> Written:
        self.summaries.append((persona, language))
        top = report.by_service[0].key if report.by_service else "-"
        words = ["Summary ", f"for {persona} ", f"({language}): ", f"total {report.total.format(language)}, ",
                 f"led by {top}."]
        return Written(iter(words), ids=lambda: ("conv-1", f"msg-{len(self.summaries)}"))

    def answer(self, question: str, report: CostReport, history: Sequence[PastTurn], language: str, *,
               request_id: str | None = None) -> Written:
        self.questions.append((question, tuple(history)))
        return Written(iter([f"Answer to “{question}” ", f"after {len(history)} turn(s): ",
                             f"total {report.total.format(language)}."]))

    def feedback(self, conversation_id: str, message_id: str, useful: bool) -> None:
        self.feedback_calls.append((conversation_id, message_id, useful))
