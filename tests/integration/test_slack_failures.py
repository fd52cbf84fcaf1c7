"""When Slack pushes back: rate limits and server errors are retried; a channel the bot cannot post in, a
missing streaming API or a missing feature is explained; nothing ends in a stack trace."""

from __future__ import annotations

import json

from tests.fakes.slack_harness import build_harness
from tests.fakes.slack_requests import slash_command


def test_rate_limits_and_server_errors_are_retried_and_the_answer_arrives(slack, report_of):
    slack.fake.fail("chat.postMessage", status=429, retry_after=0, times=1)
    slack.fake.fail("chat.update", status=500, times=1)
    slack.send(slash_command("costs last-30d", response_url=slack.fake.response_url()))
    posts = slack.fake.called("chat.postMessage")
    assert len([c for c in posts if "asked" in c.args.get("text", "")]) == 2  # the 429, then the retry
    [parent] = slack.fake.in_channel("C1")
    assert report_of("last-30d").total.format("en") in parent.text  # the headline edit survived a 500


def test_a_channel_the_bot_cannot_post_in_is_explained_privately(slack):
    slack.fake.fail("chat.postMessage", "channel_not_found")
    slack.send(slash_command("costs last-7d", response_url=slack.fake.response_url()))
    assert slack.fake.responses[-1]["text"] == (":warning: I can't post in this channel (channel_not_found). "
                                                "Invite me with `/invite @FinOps`, or send me a DM.")


def test_without_slacks_streaming_api_the_summary_grows_by_edits(slack):
    slack.fake.fail("chat.startStream", "unknown_method")
    slack.send(slash_command("costs last-30d", response_url=slack.fake.response_url()))
    [parent] = slack.fake.in_channel("C1")
    summary = slack.fake.in_thread("C1", parent.ts)[-1]
    assert not summary.streamed
    assert summary.blocks[0]["type"] == "markdown" and "Executive summary" in summary.blocks[0]["text"]
    assert summary.blocks[-1]["elements"][0]["action_id"] == "finops.feedback.up"
    assert slack.fake.called("chat.update")


def test_digest_and_email_are_answered_by_the_digests_module_not_the_placeholder(slack):
    for text in ("digest list", "email list"):
        slack.send(slash_command(text, response_url=slack.fake.response_url()))
    replies = [r["text"] for r in slack.fake.responses]
    assert replies[-2].startswith("No digests yet") and replies[-1] == "No email recipients for this digest."
    assert not any("not available yet" in r for r in replies)
    assert slack.fake.in_channel("C1") == []


def test_without_a_consultant_summaries_and_questions_are_not_faked(fake_slack, demo_analysis):
    slack = build_harness(fake_slack, demo_analysis, assistant=None)
    slack.send(slash_command("ask why did EC2 go up?", response_url=fake_slack.response_url()))
    assert "`/finops ask` is not available yet in this deployment" in fake_slack.responses[-1]["text"]
    slack.send(slash_command("costs last-7d", response_url=fake_slack.response_url()))
    [parent] = fake_slack.in_channel("C1")
    thread = fake_slack.in_thread("C1", parent.ts)
    assert len(thread) == 1 and not any(m.streamed for m in thread)  # the numbers, no invented summary
    ids = [e["action_id"] for b in thread[0].blocks if b["type"] == "actions" for e in b["elements"]]
    assert not any(i.startswith("finops.persona") for i in ids)


def test_ask_by_slash_command_opens_a_thread_with_the_answer(slack, report_of):
    slack.send(slash_command("ask what did we spend?", response_url=slack.fake.response_url()))
    [parent] = slack.fake.in_channel("C1")
    assert parent.text == ":speech_balloon: <@U1> asked: what did we spend?"
    answer = slack.fake.in_thread("C1", parent.ts)[-1]
    assert answer.streamed and report_of("last-30d").total.format("en") in answer.text


def test_an_invalid_setting_the_ack_does_not_read_is_named_when_the_work_needs_it(fake_slack, demo_analysis,
                                                                                 monkeypatch):
    """The ack reads a few variables lightly; the rest are validated on first use, and a bad one is named (never
    its value) instead of failing as an unexplained error."""
    from analysis.state import MemoryStateStore
    from bot import handler
    from bot.bootstrap import bootstrap
    from tests.fakes.slack_harness import NOW, DrainableExecutor
    from tests.fakes.slack_requests import SIGNING_SECRET

    for name, value in {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                        "SLACK_API_URL": fake_slack.url, "FINOPS_AS_OF": "2026-11-15",
                        "FINOPS_MAX_WORKERS": "0"}.items():
        monkeypatch.setenv(name, value)
    executor = DrainableExecutor()
    handler.install(bootstrap(state=MemoryStateStore(), analysis=demo_analysis, clock=lambda: NOW), executor=executor)
    try:
        ack = json.loads(handler.slack_handler(slash_command("costs last-7d", response_url=fake_slack.response_url()),
                                               None)["body"])
        executor.drain()
    finally:
        handler.reset()
    assert ack["text"].startswith("Understood: costs · last 7 days")
    assert fake_slack.responses[-1]["text"] == (
        ":warning: This deployment's configuration is invalid (FINOPS_MAX_WORKERS), so I can't answer. An "
        "administrator must fix it; the logs say what is wrong.")
    assert fake_slack.messages == {}
