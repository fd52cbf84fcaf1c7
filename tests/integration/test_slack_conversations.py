"""Mentions, thread follow-ups, DMs (Slack's agent experience) and what the bot ignores."""

from __future__ import annotations

from tests.fakes.assistant import RecordingAssistant
from tests.fakes.slack_harness import build_harness
from tests.fakes.slack_requests import event_callback
from tests.fakes.slack_server import BOT_ID, BOT_USER

MENTION_TS = "1763100000.000100"


def _mention(text, ts=MENTION_TS, thread_ts=None):
    event = {"type": "app_mention", "user": "U1", "text": text, "ts": ts, "channel": "C1", "event_ts": ts}
    return {**event, "thread_ts": thread_ts} if thread_ts else event


def _message(text, ts, *, thread_ts=None, channel="C1", channel_type="channel", user="U1", **extra):
    event = {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel,
             "channel_type": channel_type, "event_ts": ts, **extra}
    return {**event, "thread_ts": thread_ts} if thread_ts else event


def test_a_mention_with_a_command_answers_in_the_mentions_thread(slack, report_of):
    slack.send(event_callback(_mention(f"<@{BOT_USER}> top last-7d by account"), event_id="Ev1"))
    [numbers] = slack.fake.in_thread("C1", MENTION_TS)
    seen = numbers.all_text()
    assert "AWS costs · last 7 days" in seen and "By account" in seen
    assert report_of("last-7d").total.format("en") in seen
    assert slack.fake.in_channel("C1") == []  # no new parent: the mention is the parent


def test_a_mention_with_a_question_is_answered_from_the_report(fake_slack, demo_analysis, report_of):
    assistant = RecordingAssistant()
    slack = build_harness(fake_slack, demo_analysis, assistant=assistant)
    slack.send(event_callback(_mention(f"<@{BOT_USER}> why did EC2 go up?"), event_id="Ev2"))
    answer = slack.fake.in_thread("C1", MENTION_TS)[-1]
    assert answer.streamed
    assert answer.text == f"Answer to “why did EC2 go up?” after 0 turn(s): total {report_of().total.format('en')}."
    assert assistant.questions[0][0] == "why did EC2 go up?"


def test_follow_ups_in_the_thread_keep_the_conversation(fake_slack, demo_analysis):
    assistant = RecordingAssistant()
    slack = build_harness(fake_slack, demo_analysis, assistant=assistant)
    slack.send(event_callback(_mention(f"<@{BOT_USER}> what did we spend?"), event_id="Ev3"))
    slack.send(event_callback(_message("and which account grew most?", "1763100000.000200", thread_ts=MENTION_TS),
                              event_id="Ev4"))
    slack.send(event_callback(_message("only prod?", "1763100000.000300", thread_ts=MENTION_TS), event_id="Ev5"))
    histories = [[t.text for t in history] for _, history in assistant.questions]
    assert [q for q, _ in assistant.questions] == ["what did we spend?", "and which account grew most?",
                                                   "only prod?"]
    assert len(histories[2]) == 4 and histories[2][0] == "what did we spend?"
    assert histories[2][2] == "and which account grew most?"
    record = slack.bot.threads.get("T1", "C1", MENTION_TS)
    assert [t.role for t in record.turns] == ["user", "assistant"] * 3


def test_threads_the_bot_is_not_part_of_and_its_own_messages_are_ignored(slack):
    slack.send(event_callback(_message("chatting among humans", "1763100000.000400", thread_ts="1763000000.1"),
                              event_id="Ev6"))
    slack.send(event_callback(_message("top level chatter", "1763100000.000500"), event_id="Ev7"))
    slack.send(event_callback(_message("my own post", "1763100000.000600", user=BOT_USER, bot_id=BOT_ID),
                              event_id="Ev8"))
    slack.send(event_callback(_message("edited", "1763100000.000700", subtype="message_changed",
                                       channel_type="im", channel="D1"), event_id="Ev9"))
    assert slack.fake.calls == [] or {c.method for c in slack.fake.calls} <= {"auth.test"}


def test_a_message_mentioning_the_bot_in_its_thread_is_answered_once(slack):
    slack.send(event_callback(_mention(f"<@{BOT_USER}> costs last-7d"), event_id="Ev10"))
    before = len(slack.fake.in_thread("C1", MENTION_TS))
    text = f"<@{BOT_USER}> top last-7d"
    slack.send(event_callback(_message(text, "1763100000.000800", thread_ts=MENTION_TS), event_id="Ev11"))
    slack.send(event_callback(_mention(text, ts="1763100000.000800", thread_ts=MENTION_TS), event_id="Ev12"))
    assert len(slack.fake.in_thread("C1", MENTION_TS)) == before + 1


def test_assistant_thread_started_offers_suggested_prompts(slack):
    event = {"type": "assistant_thread_started", "event_ts": "1763100000.000900",
             "assistant_thread": {"user_id": "U1", "channel_id": "D1", "thread_ts": "1763100000.000900",
                                  "context": {}}}
    slack.send(event_callback(event, event_id="Ev13"))
    [call] = slack.fake.called("assistant.threads.setSuggestedPrompts")
    messages = [p["message"] for p in call.args["prompts"]]
    assert messages[:3] == ["costs last-30d", "top last-7d", "report executive"]
    assert call.args["channel_id"] == "D1" and call.args["thread_ts"] == "1763100000.000900"


def test_a_dm_in_an_assistant_thread_shows_a_status_then_answers_there(slack, report_of):
    dm = _message("costs last-7d", "1763100000.001000", thread_ts="1763100000.000900", channel="D1",
                  channel_type="im")
    slack.send(event_callback(dm, event_id="Ev14"))
    [status, *_] = slack.fake.called("assistant.threads.setStatus")
    assert status.args["status"] == "is looking at your costs…"
    replies = slack.fake.in_thread("D1", "1763100000.000900")
    assert report_of("last-7d").total.format("en") in replies[0].all_text()
    assert replies[-1].streamed  # the persona summary


def test_a_plain_dm_is_answered_in_its_own_thread(slack):
    slack.send(event_callback(_message("ajuda", "1763100000.001100", channel="D2", channel_type="im"),
                              event_id="Ev15"))
    [help_reply] = slack.fake.called("chat.postEphemeral")
    assert "/finops costs" in str(help_reply.args["blocks"])


def test_questions_about_savings_and_the_forecast_use_the_same_insights_as_the_summary(slack):
    """The costs answer's thread: a follow-up about savings or the forecast is answered from the same waste
    findings and the month's forecast for the thread's accounts, in the asker's language."""
    from tests.unit.consultant.conftest import demo_insights

    insights = demo_insights("en")
    assert insights.forecast is not None
    slack.send(event_callback(_mention(f"<@{BOT_USER}> costs last-30d"), event_id="EvS1"))
    slack.send(event_callback(_message("where can we save?", "1763100000.000200", thread_ts=MENTION_TS),
                              event_id="EvS2"))
    slack.send(event_callback(_message("what is the forecast?", "1763100000.000300", thread_ts=MENTION_TS),
                              event_id="EvS3"))
    *_, savings, forecast = slack.fake.in_thread("C1", MENTION_TS)
    top = insights.savings[0]
    assert f"{insights.savings_count} saving(s) found, worth {insights.savings_total.format('en')} a month" \
        in savings.text and f"{top.title}: {top.monthly.format('en')} a month" in savings.text
    assert f"(end exclusive): {insights.forecast.amount.format('en')}" in forecast.text
