"""Q Business ChatSync and PutFeedback with botocore's Stubber on the real service model. Under moto,
Q Business calls would escape to the real endpoint, so every call here is stubbed and sending is refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from analysis.domain.report import CostReport
from analysis.state.local import MemoryStateStore
from consultant.adapters.qbusiness import QBusinessAssistant
from consultant.errors import BackendAccessDeniedError, BackendUnavailableError
from consultant.followup import resolve_follow_up
from consultant.memory import ConversationMemory, thread_id
from consultant.personas import Persona
from consultant.ports import ReportRef, Turn

from .conftest import AS_OF, demo_report

APP = "a1b2c3d4-e5f6-4a5b-9c8d-0123456789ab"
CONVERSATION = "c0000000-0000-4000-8000-000000000001"
MESSAGES = [f"m0000000-0000-4000-8000-00000000000{i}" for i in range(1, 4)]


@pytest.fixture()
def q() -> Iterator[tuple[Any, Stubber, list[dict[str, Any]]]]:
    client = boto3.client("qbusiness", region_name="us-east-1")
    sent: list[dict[str, Any]] = []
    client.meta.events.register("provide-client-params.qbusiness.*", lambda params, **_: sent.append(dict(params)))
    client.meta.events.register("before-send.qbusiness", _refuse)
    with Stubber(client) as stubber:
        yield client, stubber, sent
        stubber.assert_no_pending_responses()


def _refuse(**_: Any) -> None:
    raise AssertionError("a Q Business call tried to leave the machine")


def _reply(text: str, message_id: str) -> dict[str, Any]:
    return {"conversationId": CONVERSATION, "systemMessage": text, "systemMessageId": message_id,
            "userMessageId": message_id.replace("m", "u", 1)}


def test_a_thread_keeps_one_q_conversation_over_three_turns(q: Any, report: CostReport) -> None:
    client, stubber, sent = q
    assistant = QBusinessAssistant(client, APP)
    memory = ConversationMemory(MemoryStateStore())
    thread = thread_id("T1", "C1", "1763190000.000100")
    total, last_month = report.total.format("en"), demo_report("last-month")

    stubber.add_response("chat_sync", _reply(f"*Summary*\n\nWe spent {total}.", MESSAGES[0]))
    first = assistant.summarise(report, Persona.EXECUTIVE, "en")
    memory.append(thread, Turn("assistant", first.text(), ReportRef.of(report), None, first.info.conversation_id,
                               first.info.message_id))

    question = "why did EC2-Other go up?"
    scope = resolve_follow_up(question, memory.current_report(thread), allowed_accounts=None,  # type: ignore[arg-type]
                              account_names=report.account_names)
    assert not scope.changed  # same report: answered from what the thread already has
    stubber.add_response("chat_sync", _reply("Mostly the Nov 3–5 spike.", MESSAGES[1]))
    second = assistant.answer(question, report, memory.history(thread), "en", request_id="Ev0001")
    memory.append(thread, Turn("user", question, ReportRef.of(report)),
                  Turn("assistant", second.text(), ReportRef.of(report), None, second.info.conversation_id,
                       second.info.message_id))

    follow_up = "and last month?"
    scope = resolve_follow_up(follow_up, memory.current_report(thread), allowed_accounts=None,  # type: ignore[arg-type]
                              account_names=report.account_names, as_of=AS_OF)
    assert (scope.period, scope.changed) == ("last-month", True)
    stubber.add_response("chat_sync", _reply(f"Last month: {last_month.total.format('en')}.", MESSAGES[2]))
    third = assistant.answer(follow_up, last_month, memory.history(thread), "en", request_id="Ev0002")
    third_text = third.text()
    memory.append(thread, Turn("user", follow_up, ReportRef.of(last_month)),
                  Turn("assistant", third_text, ReportRef.of(last_month), None, third.info.conversation_id,
                       third.info.message_id))

    opening, follow, again = sent
    assert "conversationId" not in opening and opening["attachments"][0]["name"].startswith("finops-report-")
    assert f"TOTAL: {total}".encode() in opening["attachments"][0]["data"]
    assert (follow["conversationId"], follow["parentMessageId"], follow["clientToken"]) == (
        CONVERSATION, MESSAGES[0], "Ev0001")
    assert "attachments" not in follow  # Q already holds this report in the conversation
    assert (again["conversationId"], again["parentMessageId"]) == (CONVERSATION, MESSAGES[1])
    assert again["attachments"][0]["name"] == "finops-report-2026-10-01-2026-10-31.txt"
    assert "> and last month?" in again["userMessage"]
    assert third_text == f"Last month: {last_month.total.format('en')}."
    assert [t.role for t in memory.history(thread)] == ["assistant", "user", "assistant", "user", "assistant"]
    assert memory.current_report(thread) == ReportRef.of(last_month)


def test_sections_are_yielded_whole_and_checked(q: Any, report: CostReport) -> None:
    client, stubber, _ = q
    stubber.add_response("chat_sync", _reply("*Where*\nEC2 leads.\n\nLunch cost US$ 12,345.", MESSAGES[0]))
    reply = QBusinessAssistant(client, APP).summarise(report, Persona.CTO, "en")
    assert list(reply) == ["*Where*\nEC2 leads.\n\n", "Lunch cost US$ 12,345 (⚠ unverified)."]
    assert reply.info.unverified_figures == ["US$ 12,345"]


def test_a_retried_question_sends_the_same_client_token(q: Any, report: CostReport) -> None:
    client, stubber, sent = q
    assistant = QBusinessAssistant(client, APP)
    for _ in range(2):
        stubber.add_response("chat_sync", _reply("Same.", MESSAGES[0]))
        assistant.answer("how much?", report, [], "en").text()
    assert sent[0]["clientToken"] == sent[1]["clientToken"] and len(sent[0]["clientToken"]) <= 100


@pytest.mark.parametrize(("useful", "verdict"), [(True, "USEFUL"), (False, "NOT_USEFUL")])
def test_feedback_reaches_q_business(q: Any, useful: bool, verdict: str) -> None:
    client, stubber, _ = q
    stubber.add_response("put_feedback", {}, {
        "applicationId": APP, "conversationId": CONVERSATION, "messageId": MESSAGES[0],
        "messageUsefulness": {"usefulness": verdict, "submittedAt": ANY},
    })
    QBusinessAssistant(client, APP).feedback(CONVERSATION, MESSAGES[0], useful)


def test_identity_for_iam_federated_apps_goes_in_user_id(q: Any, report: CostReport) -> None:
    client, stubber, sent = q
    stubber.add_response("chat_sync", _reply("Ok.", MESSAGES[0]))
    QBusinessAssistant(client, APP, user_id="ana@acme.example").answer("how much?", report, [], "en").text()
    assert sent[0]["userId"] == "ana@acme.example"


def test_access_denied_is_a_named_error(q: Any, report: CostReport) -> None:
    client, stubber, _ = q
    stubber.add_client_error("chat_sync", "AccessDeniedException", "not subscribed", 403)
    with pytest.raises(BackendAccessDeniedError, match="qbusiness:ChatSync"):
        QBusinessAssistant(client, APP).answer("how much?", report, [], "en")


def test_a_rejected_report_attachment_is_an_error_not_an_ungrounded_answer(q: Any, report: CostReport) -> None:
    client, stubber, _ = q
    response = _reply("Something.", MESSAGES[0]) | {"failedAttachments": [
        {"name": "finops-report.txt", "status": "FAILED",
         "error": {"errorCode": "InvalidRequest", "errorMessage": "file uploads are disabled"}}]}
    stubber.add_response("chat_sync", response)
    with pytest.raises(BackendUnavailableError, match="file uploads are disabled"):
        QBusinessAssistant(client, APP).summarise(report, Persona.EXECUTIVE, "en")
