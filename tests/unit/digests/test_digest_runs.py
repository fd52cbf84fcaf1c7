"""The digest use case with fake Slack, email and queue: what is posted, sent, kept and replayed."""

from __future__ import annotations

import email
from email import policy

from tests.unit.digests.conftest import NOW, Harness


def test_full_digest_posts_numbers_then_summary_in_the_thread(harness: Harness) -> None:
    subscription = harness.add("daily", "cto", "email:cfo@example.com")
    outcome = harness.app.runner.run(subscription, NOW)
    assert outcome.status == "delivered"
    channel, text, blocks = harness.poster.posts[0]
    assert channel == "C1"
    report = harness.report(subscription)
    assert report.period.describe() == "2026-10-08 → 2026-10-14"
    assert f"Total: {report.total.format('en')}" in text
    shown = str(blocks)
    assert "Top movers" in shown and "EC2-Other" in shown
    assert "Basis: amortized" in shown and "Oct 8, 2026 to Oct 14, 2026" in shown
    button = next(b for b in blocks if b["type"] == "actions")
    assert str(button).count("https://dashboards.example.com/dashboards/") == 1
    (posted, summary), = harness.poster.replies
    assert posted.ts == "1700000000.000001"
    assert summary.startswith(f"cto summary in en: total {report.total.cents().amount}, ")
    assert summary.endswith(" waste findings")  # the summary is told about the same scan as the savings
    savings = next(b for b in blocks if "Top savings" in str(b))["text"]["text"]  # type: ignore[index]
    assert savings.count(":moneybag:") == 3 and "Idle Redshift cluster" in savings
    assert outcome.emails_sent == 1 and harness.email.to("cfo@example.com")


def test_quiet_digest_is_one_line_when_nothing_moved(harness: Harness) -> None:
    subscription = harness.add("daily", quiet="50")
    outcome = harness.app.runner.run(subscription, NOW)
    assert outcome.status == "quiet"
    _channel, text, blocks = harness.poster.posts[0]
    report = harness.report(subscription)
    pct = f"{abs(report.delta_pct):.1f}"  # type: ignore[arg-type]
    assert text.startswith(f"Daily FinOps digest · last 7 days: {report.total.format('en')} (−{pct}% vs the previous")
    assert "Nothing moved more than 50%" in text
    assert [b["type"] for b in blocks] == ["section", "context"]
    assert harness.poster.replies == []  # no summary, no charts for a quiet day


def test_slack_refusal_sends_the_digest_to_the_fallback_addresses(harness: Harness) -> None:
    subscription = harness.add("daily", "fallback:ops@example.com")
    harness.poster.refuse = "channel_not_found"
    outcome = harness.app.runner.run(subscription, NOW)
    assert (outcome.status, outcome.reason, outcome.fallback_sent) == ("fallback", "channel_not_found", 1)
    message = email.message_from_bytes(harness.email.to("ops@example.com")[0], policy=policy.default)
    assert "Slack refused the digest for C1 (channel_not_found)" in message.get_body(("plain",)).get_content()
    failures = harness.app.store.failures(subscription)
    assert [(f["channel"], f["reason"]) for f in failures] == [("slack", "channel_not_found")]
    assert harness.dead_letters() == []


def test_when_slack_and_email_fail_the_digest_waits_in_the_queue_and_replays_once(harness: Harness) -> None:
    subscription = harness.add("daily", "fallback:ops@example.com")
    harness.poster.refuse, harness.email.refuse = "is_archived", {"*"}
    outcome = harness.app.runner.run(subscription, NOW)
    assert outcome.status == "dead_letter"
    (letter,) = harness.dead_letters()
    assert letter["targets"] == ["slack"] and letter["subscription"]["id"] == subscription.id
    still_failing = harness.app.replayer.replay()
    assert (still_failing.delivered, still_failing.failed) == (0, 1)
    harness.poster.refuse, harness.email.refuse = None, set()
    first = harness.app.replayer.replay()
    assert (first.delivered, first.failed) == (1, 0)
    assert len(harness.poster.posts) == 1 and harness.dead_letters() == []
    assert harness.app.replayer.replay().delivered == 0  # the queue is empty now


def test_a_duplicated_dead_letter_never_delivers_twice(harness: Harness) -> None:
    subscription = harness.add("daily")
    harness.poster.refuse = "invalid_auth"
    harness.app.runner.run(subscription, NOW)
    (letter,) = harness.app.replayer.dlq.receive(10)
    harness.app.replayer.dlq.send(letter.body)  # SQS delivers at least once: a copy arrives
    harness.poster.refuse = None
    result = harness.app.replayer.replay()
    assert (result.delivered, result.skipped, result.failed) == (1, 1, 0)
    assert len(harness.poster.posts) == 1


def test_a_failing_copy_is_queued_alone_and_the_channel_still_gets_its_digest(harness: Harness) -> None:
    subscription = harness.add("daily", "email:cfo@example.com", "email:cto@example.com")
    harness.email.refuse = {"cto@example.com"}
    outcome = harness.app.runner.run(subscription, NOW)
    assert outcome.status == "delivered" and outcome.emails_sent == 1
    (letter,) = harness.dead_letters()
    assert letter["targets"] == ["email:cto@example.com"]
    harness.email.refuse = set()
    assert harness.app.replayer.replay().delivered == 1
    assert len(harness.email.to("cto@example.com")) == 1 and len(harness.email.to("cfo@example.com")) == 1


def test_one_run_per_occurrence_and_run_due_does_what_the_scheduler_would(harness: Harness) -> None:
    subscription = harness.add("daily", "08:30", "America/Sao_Paulo")
    (outcome,) = harness.app.runner.run_due(NOW)
    assert outcome.occurrence.isoformat() == "2026-10-15T08:30:00-03:00"
    assert harness.app.runner.run_due(NOW) == []
    assert harness.app.runner.run(subscription, outcome.occurrence).status == "skipped"
    assert len(harness.poster.posts) == 1


def test_adding_twice_is_one_subscription_and_a_refused_schedule_leaves_nothing(harness: Harness) -> None:
    first = harness.add("weekly", "fri")
    again = harness.add("weekly", "fri")
    assert first.id == again.id and len(harness.app.store.for_team("T1")) == 1
    assert list(harness.scheduler.schedules) == [f"finops-digest-{first.id}"]
    harness.scheduler.refuse = True
    import pytest

    from bot.digests.errors import SchedulerError

    with pytest.raises(SchedulerError):
        harness.add("monthly")
    assert [s.id for s in harness.app.store.for_team("T1")] == [first.id]


def test_pause_resume_remove_keep_store_and_schedule_together(harness: Harness) -> None:
    subscription = harness.add("daily")
    harness.app.admin.set_paused("T1", subscription.id, True)
    assert harness.scheduler.schedules[subscription.schedule_name].paused
    assert harness.app.runner.run_due(NOW) == []
    harness.app.admin.set_paused("T1", subscription.id, False)
    assert not harness.app.store.get("T1", subscription.id).paused
    harness.app.admin.remove("T1", subscription.id)
    assert harness.scheduler.schedules == {} and harness.app.store.for_team("T1") == []


def test_email_add_and_remove_pick_the_only_digest_of_a_channel(harness: Harness) -> None:
    subscription = harness.add("daily")
    harness.app.admin.add_email("T1", "cfo@example.com", None, channel="C1")
    harness.app.admin.add_email("T1", "ops@example.com", subscription.id, fallback=True)
    current = harness.app.store.get("T1", subscription.id)
    assert (current.email_to, current.fallback_emails) == (("cfo@example.com",), ("ops@example.com",))
    harness.app.admin.remove_email("T1", "cfo@example.com", None)
    assert harness.app.store.get("T1", subscription.id).email_to == ()


def test_replay_reruns_failed_invocations_and_leaves_other_dead_letters_alone(harness: Harness) -> None:
    import json

    subscription = harness.add("daily")
    invocation = {"team": "T1", "subscription_id": subscription.id, "scheduled_time": "2026-10-15T11:00:00Z"}
    dlq = harness.app.replayer.dlq
    dlq.send(json.dumps(invocation))  # EventBridge Scheduler's dead letter: the target input
    dlq.send(json.dumps({"requestContext": {"condition": "RetriesExhausted"},  # a failed async invocation
                         "requestPayload": {**invocation, "scheduled_time": "2026-10-16T11:00:00Z"}}))
    dlq.send(json.dumps({"Error": "States.TaskFailed", "job_id": "abc"}))  # a failed analysis: not ours
    result = harness.app.replayer.replay()
    assert (result.delivered, result.ignored, result.failed) == (2, 1, 0)
    assert len(harness.poster.posts) == 2
    assert [json.loads(m.body)["job_id"] for m in dlq.receive(10)] == ["abc"]


def test_a_report_still_computing_fails_the_run_so_the_scheduler_retries_it(harness: Harness) -> None:
    import pytest

    from bot.digests.errors import DigestNotReadyError
    from bot.digests.handler import handle

    subscription = harness.add("daily")
    real = harness.app.runner.answers
    harness.app.runner.answers = type("Async", (), {"answer": lambda self, request, progress=None: None})()
    event = {"team": "T1", "subscription_id": subscription.id, "scheduled_time": "2026-10-15T11:00:00Z"}
    with pytest.raises(DigestNotReadyError):
        handle(event, None, app=harness.app)
    assert harness.poster.posts == []
    harness.app.runner.answers = real  # the Step Functions job finished: the retry finds the report
    assert handle(event, None, app=harness.app)["status"] == "delivered"
    harness.app.admin.set_paused("T1", subscription.id, True)
    assert handle({**event, "scheduled_time": "2026-10-16T11:00:00Z"}, None, app=harness.app)["status"] == "paused"
