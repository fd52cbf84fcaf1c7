"""A consultant that records what the bot asks of it (questions with their history, feedback)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.domain.report import CostReport
from consultant.insights import Insights
from consultant.personas import Persona
from consultant.ports import Reply, ReplyInfo, Turn


@dataclass
class RecordingAssistant:
    name: str = "recording"
    uses_ai: bool = False
    questions: list[tuple[str, tuple[Turn, ...]]] = field(default_factory=list)
    summaries: list[tuple[str, str]] = field(default_factory=list)
    feedback_calls: list[tuple[str, str, bool]] = field(default_factory=list)
    insights: list[Insights | None] = field(default_factory=list)  # what each summary and answer was given

    def summarise(self, report: CostReport, persona: Persona, language: str, *, insights: Insights | None = None,
                  **_: object) -> Reply:
        self.summaries.append((Persona(persona).value, language))
        self.insights.append(insights)
        top = report.by_service[0].key if report.by_service else "-"
        words = ["Summary ", f"for {Persona(persona).value} ", f"({language}): ",
                 f"total {report.total.format(language)}, ", f"led by {top}."]
        return Reply(words, ReplyInfo(self.name, conversation_id="conv-1", message_id=f"msg-{len(self.summaries)}"))

    def answer(self, question: str, report: CostReport, history: Sequence[Turn], language: str, *,
               insights: Insights | None = None, **_: object) -> Reply:
        self.questions.append((question, tuple(history)))
        self.insights.append(insights)
        return Reply([f"Answer to “{question}” ", f"after {len(history)} turn(s): ",
                      f"total {report.total.format(language)}."], ReplyInfo(self.name))

    def feedback(self, conversation_id: str, message_id: str, useful: bool) -> None:
        self.feedback_calls.append((conversation_id, message_id, useful))
