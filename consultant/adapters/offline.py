"""The default backend: persona narratives and answers written by templates from the report. No AI."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence

from analysis.domain.report import CostReport
from consultant.facts import Facts, build_facts
from consultant.feedback import LoggedFeedback
from consultant.insights import Insights
from consultant.intents import read_question
from consultant.language import normalise_language
from consultant.narrate import narrative, template_context
from consultant.personas import Persona
from consultant.ports import FeedbackLog, Reply, ReplyInfo, ServiceGlossary, Turn
from consultant.templates import macro, tidy


class OfflineAssistant:
    name = "offline"
    uses_ai = False

    def __init__(self, *, glossary: ServiceGlossary | None = None, feedback_log: FeedbackLog | None = None) -> None:
        self.glossary = glossary
        self.feedback_log = feedback_log or LoggedFeedback()

    def summarise(
        self, report: CostReport, persona: Persona, language: str, *, insights: Insights | None = None
    ) -> Reply:
        language = normalise_language(language)
        text = narrative(self._facts(report, insights), Persona(persona), language)
        return Reply(paragraphs(text), ReplyInfo(self.name, message_id=str(uuid.uuid4())))

    def answer(
        self, question: str, report: CostReport, history: Sequence[Turn], language: str, *,
        insights: Insights | None = None, request_id: str | None = None,
    ) -> Reply:
        language = normalise_language(language)
        facts = self._facts(report, insights)
        return Reply(paragraphs(offline_answer(question, facts, language, self.glossary)),
                     ReplyInfo(self.name, message_id=str(uuid.uuid4())))

    def feedback(self, conversation_id: str, message_id: str, useful: bool) -> None:
        self.feedback_log.record(conversation_id, message_id, useful, self.name)

    def _facts(self, report: CostReport, insights: Insights | None) -> Facts:
        return build_facts(report, insights, self.glossary)


def offline_answer(question: str, facts: Facts, language: str, glossary: ServiceGlossary | None = None) -> str:
    reading = read_question(question, facts, glossary)
    context = template_context(facts, language)
    answers = f"narratives/{language}/answers.j2"
    common = f"narratives/{language}/_common.j2"
    body = macro(answers, reading.intent.value)(facts, context["w"], reading)
    footer = f"{macro(common, 'provenance')(facts, context['w'])}\n{macro(common, 'offline_note')()}"
    return tidy(f"{body}\n\n{footer}")


def paragraphs(text: str) -> Iterator[str]:
    """Stream a finished text paragraph by paragraph, so Slack shows it growing like a model's."""
    parts = text.split("\n\n")
    for index, part in enumerate(parts):
        yield part + ("\n\n" if index < len(parts) - 1 else "")
