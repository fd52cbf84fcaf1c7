"""Amazon Q Business through ChatSync, for organisations that already run an application.

One Q conversation per Slack thread: the first answer starts it, later ones pass `conversationId` and
`parentMessageId` from the thread's last assistant turn. The report goes as a text attachment (the
service takes at most 5 files of 10 MB each per message), re-attached only when the report changes.
ChatSync does not stream, so the reply is yielded section by section, each checked against the report.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from analysis.domain.report import CostReport
from consultant.adapters.aws_errors import CALL_ERRORS, backend_error
from consultant.errors import BackendUnavailableError
from consultant.facts import Facts, build_facts
from consultant.grounding import Policy, grounded
from consultant.insights import Insights
from consultant.language import normalise_language
from consultant.personas import Persona
from consultant.ports import Reply, ReplyInfo, ReportRef, ServiceGlossary, Turn
from consultant.prompting import AUDIENCE, question_request_with_data, report_data, system_prompt
from consultant.templates import render

log = logging.getLogger("consultant.qbusiness")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # per file, per the ChatSync API reference
MAX_USER_MESSAGE_CHARS = 7000  # keep the message small: the data travels as the attachment
ATTACHED = {"en": "(the report data is in the attached file {name})", "pt-BR": "(os dados estão no anexo {name})"}


class QBusinessAssistant:
    name = "qbusiness"
    uses_ai = True

    def __init__(
        self, client: Any, application_id: str, *, user_id: str | None = None,
        glossary: ServiceGlossary | None = None, policy: Policy = "mark",
    ) -> None:
        self.client = client
        self.application_id = application_id
        self.user_id = user_id  # only for IAM-federated applications; identity-aware sessions carry the user
        self.glossary = glossary
        self.policy = policy

    def summarise(
        self, report: CostReport, persona: Persona, language: str, *, insights: Insights | None = None
    ) -> Reply:
        language = normalise_language(language)
        persona = Persona(persona)
        facts = build_facts(report, insights, self.glossary)
        name = _attachment_name(report)
        request = render(f"prompts/{language}/summary_request.j2", data=ATTACHED[language].format(name=name),
                         audience=_audience(persona, language))
        message = f"{system_prompt(persona, language)}\n\n{request}"
        token = _token("summary", self.application_id, ReportRef.of(report), persona.value, language)
        return self._chat(message, facts, language, conversation=None, parent=None, client_token=token,
                          attachment=(name, report_data(facts, language)))

    def answer(
        self, question: str, report: CostReport, history: Sequence[Turn], language: str, *,
        insights: Insights | None = None, request_id: str | None = None,
    ) -> Reply:
        language = normalise_language(language)
        facts = build_facts(report, insights, self.glossary)
        previous = next((t for t in reversed(history) if t.role == "assistant" and t.backend_conversation_id), None)
        conversation = previous.backend_conversation_id if previous else None
        parent = previous.backend_message_id if previous else None
        reference = ReportRef.of(report)
        same_report = previous is not None and previous.report is not None and _same(previous.report, reference)
        name = _attachment_name(report)
        data = ATTACHED[language].format(name=name)
        # Q keeps the conversation itself; our own history only matters when starting a new one.
        request = question_request_with_data(data, question, () if conversation else history, language)
        message = request if conversation else f"{system_prompt(None, language)}\n\n{request}"
        token = request_id or _token("answer", conversation or "", parent or "", question, str(len(history)))
        attachment = None if same_report else (name, report_data(facts, language))
        return self._chat(message, facts, language, conversation=conversation, parent=parent, client_token=token,
                          attachment=attachment)

    def feedback(self, conversation_id: str, message_id: str, useful: bool) -> None:
        params: dict[str, Any] = {
            "applicationId": self.application_id, "conversationId": conversation_id, "messageId": message_id,
            "messageUsefulness": {"usefulness": "USEFUL" if useful else "NOT_USEFUL",
                                  "submittedAt": datetime.now(UTC)},
        }
        if self.user_id:
            params["userId"] = self.user_id
        try:
            self.client.put_feedback(**params)
        except CALL_ERRORS as exc:
            raise backend_error(exc, "Q Business", "qbusiness:PutFeedback", self.application_id) from exc

    def _chat(
        self, message: str, facts: Facts, language: str, *, conversation: str | None, parent: str | None,
        client_token: str, attachment: tuple[str, str] | None,
    ) -> Reply:
        params: dict[str, Any] = {"applicationId": self.application_id, "userMessage": message[:MAX_USER_MESSAGE_CHARS],
                                  "clientToken": client_token}
        if self.user_id:
            params["userId"] = self.user_id
        if conversation:
            params["conversationId"] = conversation
            if parent:
                params["parentMessageId"] = parent
        if attachment is not None:
            name, text = attachment
            data = text.encode("utf-8")
            if len(data) > MAX_ATTACHMENT_BYTES:
                raise BackendUnavailableError(f"the report data is {len(data)} bytes; Q Business takes 10 MB per file")
            params["attachments"] = [{"name": name, "data": data}]
        try:
            response = self.client.chat_sync(**params)
        except CALL_ERRORS as exc:
            raise backend_error(exc, "Q Business", "qbusiness:ChatSync", self.application_id) from exc
        failed = [a for a in response.get("failedAttachments", []) if a.get("status") == "FAILED"]
        if failed:
            reasons = "; ".join(f"{a.get('name')}: {a.get('error', {}).get('errorMessage', '?')}" for a in failed)
            raise BackendUnavailableError(f"Q Business did not accept the report attachment ({reasons})")
        info = ReplyInfo(self.name, conversation_id=response.get("conversationId"),
                         message_id=response.get("systemMessageId"))
        return Reply(self._sections(response.get("systemMessage", ""), facts, language, info), info)

    def _sections(self, text: str, facts: Facts, language: str, info: ReplyInfo) -> Iterator[str]:
        sections = [s for s in text.split("\n\n") if s.strip()]
        for index, section in enumerate(sections):
            checked = "".join(grounded([section], facts, language, info, self.policy))
            yield checked + ("\n\n" if index < len(sections) - 1 else "")


def _attachment_name(report: CostReport) -> str:
    return f"finops-report-{report.period.start.isoformat()}-{report.period.last_day.isoformat()}.txt"


def _audience(persona: Persona, language: str) -> str:
    return AUDIENCE[language][persona]


def _same(a: ReportRef, b: ReportRef) -> bool:
    return (a.start, a.end, a.accounts, a.group_by) == (b.start, b.end, b.accounts, b.group_by)


def _token(*parts: object) -> str:
    """Same request → same token, so a Slack retry does not create a second answer (ClientToken ≤ 100)."""
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
