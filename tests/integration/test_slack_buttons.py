"""Buttons under an answer: persona, period, email, the query, feedback, and the "did you mean" choices."""

from __future__ import annotations

import json

import pytest

from tests.fakes.assistant import RecordingAssistant
from tests.fakes.slack_harness import build_harness
from tests.fakes.slack_requests import block_action, slash_command


@pytest.fixture
def answered(slack):
    """A `/finops costs last-30d` answer: (harness, parent ts, numbers message ts, summary message ts)."""
    slack.send(slash_command("costs last-30d", response_url=slack.fake.response_url()))
    [parent] = slack.fake.in_channel("C1")
    thread = slack.fake.in_thread("C1", parent.ts)
    return slack, parent.ts, thread[0].ts, thread[-1].ts


def _click(slack, action_id, value, message_ts, thread_ts, **kwargs):
    return slack.send(block_action(action_id, value, message_ts=message_ts, thread_ts=thread_ts,
                                   response_url=slack.fake.response_url(), **kwargs))


def test_the_answer_offers_persona_period_email_and_query_buttons(answered):
    slack, _, numbers_ts, _ = answered
    numbers = slack.fake.messages[numbers_ts]
    ids = [e["action_id"] for b in numbers.blocks if b["type"] == "actions" for e in b["elements"]]
    assert ids == ["finops.persona.executive", "finops.persona.cto", "finops.persona.devops",
                   "finops.persona.analyst", "finops.period.last-7d", "finops.period.mtd",
                   "finops.period.last-month", "finops.email", "finops.query"]


def test_switching_persona_streams_that_personas_summary_in_the_thread(answered):
    slack, parent, numbers_ts, _ = answered
    assert _click(slack, "finops.persona.devops", "devops", numbers_ts, parent)["statusCode"] == 200
    latest = slack.fake.in_thread("C1", parent)[-1]
    assert latest.streamed and "DevOps" in latest.text
    assert slack.bot.threads.get("T1", "C1", parent).persona == "devops"


def test_switching_period_posts_the_new_numbers_in_the_same_thread(answered, report_of):
    slack, parent, numbers_ts, _ = answered
    _click(slack, "finops.period.mtd", "mtd", numbers_ts, parent)
    texts = [m.all_text() for m in slack.fake.in_thread("C1", parent)]
    assert any("AWS costs · month to date" in t and report_of("mtd").total.format("en") in t for t in texts)
    assert slack.bot.threads.get("T1", "C1", parent).command == "costs mtd"


def test_a_crafted_button_value_is_refused_politely(answered):
    slack, parent, numbers_ts, _ = answered
    _click(slack, "finops.period.x", "../../etc", numbers_ts, parent)
    _click(slack, "finops.persona.x", "hacker", numbers_ts, parent)
    assert [r["text"] for r in slack.fake.responses] == [":warning: That button is out of date. Ask again with "
                                                         "`/finops help`."] * 2


def test_show_the_query_tells_exactly_what_was_asked(answered):
    slack, parent, numbers_ts, _ = answered
    _click(slack, "finops.query", "query", numbers_ts, parent)
    [reply] = slack.fake.responses
    text = reply["text"]
    assert "What I asked the cost source for `/finops costs last-30d`" in text
    doc = json.loads(text.split("```")[1])
    assert doc["TimePeriod"] == {"Start": "2026-10-16", "End": "2026-11-15"}
    assert doc["Metrics"] == ["AmortizedCost"] and doc["ExcludedRecordTypes"] == ["Credit", "Refund"]
    assert doc["LinkedAccounts"] == "all accounts"


def test_email_me_this_says_email_is_not_configured(answered):
    slack, parent, numbers_ts, _ = answered
    _click(slack, "finops.email", "email", numbers_ts, parent)
    assert "Email is not configured in this deployment" in slack.fake.responses[-1]["text"]


class RecordingMailer:
    def __init__(self):
        self.sent = []

    def send_report(self, user, team, report, language):
        self.sent.append((user, team, report.period.label, language))
        return "ana@example.com"


def test_email_me_this_sends_the_threads_report_when_email_is_configured(fake_slack, demo_analysis):
    mailer = RecordingMailer()
    slack = build_harness(fake_slack, demo_analysis, mailer=mailer)
    slack.send(slash_command("costs last-7d", response_url=fake_slack.response_url()))
    [parent] = fake_slack.in_channel("C1")
    numbers = fake_slack.in_thread("C1", parent.ts)[0]
    _click(slack, "finops.email", "email", numbers.ts, parent.ts)
    assert mailer.sent == [("U1", "T1", "last-7d", "en")]
    assert fake_slack.responses[-1]["text"] == "Sent to ana@example.com."


def test_feedback_is_recorded_and_passed_to_the_consultant_once_per_click(fake_slack, demo_analysis):
    assistant = RecordingAssistant()
    slack = build_harness(fake_slack, demo_analysis, assistant=assistant)
    slack.send(slash_command("costs last-7d", response_url=fake_slack.response_url()))
    [parent] = fake_slack.in_channel("C1")
    summary = fake_slack.in_thread("C1", parent.ts)[-1]
    assert summary.streamed
    for _ in range(2):  # a double click
        _click(slack, "finops.feedback.down", "down", summary.ts, parent.ts)
    assert assistant.feedback_calls == [("conv-1", "msg-1", False)]
    [vote_key] = slack.bot.state.list("slack/feedback/")
    assert json.loads(slack.bot.state.get(vote_key)) == {"useful": False, "user": "U1", "message_ts": summary.ts}
    assert fake_slack.responses[-1]["text"] == "Thanks — noted that this was not useful."


def test_a_did_you_mean_button_runs_the_suggested_command(slack):
    response = slack.send(slash_command("cots last-7d", response_url=slack.fake.response_url()))
    body = json.loads(response["body"])
    [button] = [e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["value"] == "costs last-7d"
    slack.send(block_action(button["action_id"], button["value"], ephemeral=True,
                            response_url=slack.fake.response_url()))
    [parent] = slack.fake.in_channel("C1")
    assert "asked `/finops costs last-7d`" in parent.text
    assert slack.fake.responses[0]["text"].startswith("Understood: costs · last 7 days")


def test_a_persona_choice_button_runs_the_report(slack):
    body = json.loads(slack.send(slash_command("report last-7d"))["body"])
    buttons = [e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["value"] for b in buttons] == ["report executive last-7d", "report cto last-7d",
                                              "report devops last-7d", "report analyst last-7d"]
    slack.send(block_action(buttons[1]["action_id"], buttons[1]["value"], ephemeral=True,
                            response_url=slack.fake.response_url()))
    [parent] = slack.fake.in_channel("C1")
    summary = slack.fake.in_thread("C1", parent.ts)[-1]
    assert summary.streamed and "CTO" in summary.text
