"""Amazon Bedrock through ConverseStream: tokens stream into the thread as the model writes them."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from analysis.domain.report import CostReport
from consultant.adapters.aws_errors import CALL_ERRORS, backend_error
from consultant.facts import Facts, build_facts
from consultant.feedback import LoggedFeedback
from consultant.grounding import Policy, grounded
from consultant.insights import Insights
from consultant.language import normalise_language
from consultant.personas import Persona
from consultant.ports import FeedbackLog, Reply, ReplyInfo, ServiceGlossary, Turn
from consultant.prompting import question_request, summary_request, system_prompt

log = logging.getLogger("consultant.bedrock")
ACTION = "bedrock:InvokeModelWithResponseStream"


class BedrockAssistant:
    name = "bedrock"
    uses_ai = True

    def __init__(
        self, client: Any, model_id: str, *, max_tokens: int = 1200, temperature: float = 0.2,
        glossary: ServiceGlossary | None = None, feedback_log: FeedbackLog | None = None, policy: Policy = "mark",
    ) -> None:
        self.client = client
        self.model_id = model_id
        self.inference = {"maxTokens": max_tokens, "temperature": temperature}
        self.glossary = glossary
        self.feedback_log = feedback_log or LoggedFeedback()
        self.policy = policy

    def summarise(
        self, report: CostReport, persona: Persona, language: str, *, insights: Insights | None = None
    ) -> Reply:
        language = normalise_language(language)
        persona = Persona(persona)
        facts = self._facts(report, insights)
        return self._converse(system_prompt(persona, language), summary_request(facts, persona, language),
                              facts, language)

    def answer(
        self, question: str, report: CostReport, history: Sequence[Turn], language: str, *,
        insights: Insights | None = None, request_id: str | None = None,
    ) -> Reply:
        language = normalise_language(language)
        facts = self._facts(report, insights)
        return self._converse(system_prompt(None, language), question_request(facts, question, history, language),
                              facts, language)

    def feedback(self, conversation_id: str, message_id: str, useful: bool) -> None:
        # Bedrock has no feedback API: keep it with the conversation, where evaluations can find it.
        self.feedback_log.record(conversation_id, message_id, useful, self.name)

    def _converse(self, system: str, user_text: str, facts: Facts, language: str) -> Reply:
        info = ReplyInfo(self.name, message_id=str(uuid.uuid4()))
        try:  # called now, not on first read: a denied model fails before anything is posted
            response = self.client.converse_stream(
                modelId=self.model_id,
                system=[{"text": system}],
                messages=[{"role": "user", "content": [{"text": user_text}]}],
                inferenceConfig=self.inference,
            )
        except CALL_ERRORS as exc:
            raise backend_error(exc, "Bedrock", ACTION, self.model_id) from exc
        return Reply(grounded(self._deltas(response["stream"], info), facts, language, info, self.policy), info,
                     on_done=self._log_usage)

    def _deltas(self, stream: Any, info: ReplyInfo) -> Iterator[str]:
        try:
            for event in stream:
                if "contentBlockDelta" in event:
                    text = event["contentBlockDelta"]["delta"].get("text")
                    if text:
                        yield text
                elif "metadata" in event:
                    usage = event["metadata"].get("usage", {})
                    info.input_tokens = usage.get("inputTokens")
                    info.output_tokens = usage.get("outputTokens")
                elif "messageStop" in event and event["messageStop"].get("stopReason") == "max_tokens":
                    log.warning("Bedrock reply cut at maxTokens=%s", self.inference["maxTokens"])
        except CALL_ERRORS as exc:  # errors inside the event stream arrive mid-answer
            raise backend_error(exc, "Bedrock", ACTION, self.model_id) from exc

    def _log_usage(self, info: ReplyInfo) -> None:
        log.info("bedrock model=%s input_tokens=%s output_tokens=%s unverified=%d", self.model_id, info.input_tokens,
                 info.output_tokens, len(info.unverified_figures))

    def _facts(self, report: CostReport, insights: Insights | None) -> Facts:
        return build_facts(report, insights, self.glossary)
