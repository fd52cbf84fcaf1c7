"""Digests against a moto server (Scheduler, SES v2, SQS) and the fake Slack Web API, through the real
adapters and the digest Lambda handler."""

from __future__ import annotations

import email
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email import policy
from typing import Any
from urllib.request import urlopen

import pytest
from botocore.exceptions import ClientError

from bot.digests.bootstrap import DigestApp, build_digest_app
from bot.digests.commands import parse_digest_add
from bot.digests.handler import handle
from bot.digests.settings import DigestSettings
from tests.fakes.moto_server import MotoServer, moto_server
from tests.fakes.slack_server import FakeSlack, fake_slack_server

pytestmark = pytest.mark.integration

SENDER = "finops@example.com"
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:finops-digest"
ROLE_ARN = "arn:aws:iam::123456789012:role/finops-scheduler"
NOW = datetime(2026, 10, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with moto_server() as server:
        yield server


@pytest.fixture(scope="module")
def slack() -> Iterator[FakeSlack]:
    with fake_slack_server() as fake:
        yield fake


@pytest.fixture
def app(moto: MotoServer, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> DigestApp:
    moto.reset()
    slack.clear()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)  # every boto3 client the bootstrap builds goes to moto
    moto.client("sesv2").create_email_identity(EmailIdentity=SENDER)
    moto.client("scheduler").create_schedule_group(Name="finops-digests")
    sqs = moto.client("sqs")
    queue_url = sqs.create_queue(QueueName="finops-digest-dlq")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    settings = DigestSettings.model_validate({
        "as_of": date(2026, 10, 15), "email_sender": SENDER, "digest_dlq_url": queue_url,
        "digest_dlq_arn": queue_arn, "digest_function_arn": FUNCTION_ARN, "scheduler_role_arn": ROLE_ARN,
    })
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", slack.url)
    return build_digest_app(settings, clock=lambda: datetime(2026, 10, 1, tzinfo=UTC))


def sent_emails(moto: MotoServer) -> list[tuple[list[str], email.message.EmailMessage]]:
    """What SES accepted, read back from moto's own data dump."""
    with urlopen(f"{moto.url}/moto-api/data.json", timeout=10) as response:
        data = json.load(response)
    return [(m["destinations"], email.message_from_string(m["raw_data"], policy=policy.default))  # type: ignore[misc]
            for m in data["ses"].get("RawMessage", [])]


def dlq_messages(moto: MotoServer, app: DigestApp) -> list[dict[str, Any]]:
    response = moto.client("sqs").receive_message(QueueUrl=app.settings.digest_dlq_url, MaxNumberOfMessages=10,
                                                  VisibilityTimeout=0)
    return [json.loads(m["Body"]) for m in response.get("Messages", [])]


def test_subscriptions_create_pause_and_delete_scheduler_schedules(app: DigestApp, moto: MotoServer) -> None:
    scheduler = moto.client("scheduler")
    subscription, created = app.admin.add("T1", parse_digest_add(["C1", "weekly", "09:15", "America/Sao_Paulo",
                                                                  "day:fri"]))
    assert created
    schedule = scheduler.get_schedule(Name=subscription.schedule_name, GroupName="finops-digests")
    assert schedule["ScheduleExpression"] == "cron(15 9 ? * FRI *)"
    assert schedule["ScheduleExpressionTimezone"] == "America/Sao_Paulo"
    assert schedule["State"] == "ENABLED" and schedule["FlexibleTimeWindow"] == {"Mode": "OFF"}
    target = schedule["Target"]
    assert (target["Arn"], target["RoleArn"]) == (FUNCTION_ARN, ROLE_ARN)
    assert target["DeadLetterConfig"]["Arn"].endswith(":finops-digest-dlq")
    assert target["RetryPolicy"] == {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 3600}
    assert json.loads(target["Input"]) == {"team": "T1", "subscription_id": subscription.id,
                                           "scheduled_time": "<aws.scheduler.scheduled-time>"}
    app.admin.set_paused("T1", subscription.id, True)
    assert scheduler.get_schedule(Name=subscription.schedule_name, GroupName="finops-digests")["State"] == "DISABLED"
    app.admin.remove("T1", subscription.id)
    with pytest.raises(ClientError) as gone:
        scheduler.get_schedule(Name=subscription.schedule_name, GroupName="finops-digests")
    assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert app.store.for_team("T1") == []


def test_scheduled_run_posts_to_slack_with_thread_and_charts_and_emails_a_copy(
        app: DigestApp, moto: MotoServer, slack: FakeSlack) -> None:
    subscription, _ = app.admin.add("T1", parse_digest_add(["C1", "daily", "cto", "quiet:0",
                                                           "email:cfo@example.com"]))
    result = handle({"team": "T1", "subscription_id": subscription.id,
                     "scheduled_time": "2026-10-15T11:00:00Z"}, None, app=app)
    assert result["status"] == "delivered" and result["emails_sent"] == 1
    parent, thread = slack.called("chat.postMessage")
    assert parent.args["channel"] == "C1" and parent.token == "xoxb-test"
    assert any(b["type"] == "header" for b in parent.args["blocks"])
    assert thread.args["thread_ts"] == "1700000000.000001" and "CTO" in thread.args["text"]
    (complete,) = slack.called("files.completeUploadExternal")
    assert complete.args["thread_ts"] == "1700000000.000001"
    assert len(slack.uploads) == 2 and all(b.startswith(b"\x89PNG") for b in slack.uploads.values())

    ((to, message),) = sent_emails(moto)
    assert "cfo@example.com" in to
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    html = message.get_body(("html",)).get_content()
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 2 and all(f'cid:{p["Content-ID"].strip("<>")}' in html for p in images)
    # the scheduler's retry of the same occurrence changes nothing
    again = handle({"team": "T1", "subscription_id": subscription.id, "scheduled_time": "2026-10-15T11:00:00Z"},
                   None, app=app)
    assert again["status"] == "skipped" and len(slack.called("chat.postMessage")) == 2


def test_channel_not_found_sends_the_digest_by_email_instead(app: DigestApp, moto: MotoServer,
                                                           slack: FakeSlack) -> None:
    subscription, _ = app.admin.add("T1", parse_digest_add(["C404", "daily", "fallback:ops@example.com"]))
    slack.fail("chat.postMessage", "channel_not_found")
    outcome = app.runner.run(subscription, NOW)
    assert (outcome.status, outcome.reason) == ("fallback", "channel_not_found")
    ((to, message),) = sent_emails(moto)
    assert "ops@example.com" in to
    assert "channel_not_found" in message.get_body(("plain",)).get_content()
    assert dlq_messages(moto, app) == []


def test_slack_5xx_after_retries_counts_as_refused(app: DigestApp, moto: MotoServer, slack: FakeSlack) -> None:
    subscription, _ = app.admin.add("T1", parse_digest_add(["C1", "daily", "fallback:ops@example.com"]))
    slack.fail("chat.postMessage", status=503)
    outcome = app.runner.run(subscription, NOW)
    assert (outcome.status, outcome.reason) == ("fallback", "http_503")
    assert len(slack.called("chat.postMessage")) == 3  # the first try and two retries


def test_slack_and_ses_both_failing_queue_the_digest_and_replay_delivers_it_once(
        app: DigestApp, moto: MotoServer, slack: FakeSlack) -> None:
    subscription, _ = app.admin.add("T1", parse_digest_add(["C1", "daily", "fallback:ops@example.com"]))
    slack.fail("chat.postMessage", "not_in_channel")
    moto.client("sesv2").delete_email_identity(EmailIdentity=SENDER)  # SES now rejects the sender
    outcome = app.runner.run(subscription, NOW)
    assert outcome.status == "dead_letter" and "not_in_channel" in outcome.reason
    (letter,) = dlq_messages(moto, app)
    assert letter["targets"] == ["slack"] and letter["delivery_id"].startswith(subscription.id)
    assert sent_emails(moto) == []

    slack.clear()
    moto.client("sesv2").create_email_identity(EmailIdentity=SENDER)
    first = app.replayer.replay()
    assert (first.delivered, first.failed) == (1, 0)
    assert len(slack.called("chat.postMessage")) >= 1
    assert dlq_messages(moto, app) == []
    # a duplicate of the message (SQS is at-least-once) is recognised and not delivered again
    app.replayer.dlq.send(json.dumps(letter))
    second = app.replayer.replay()
    assert (second.delivered, second.skipped) == (0, 1)
    assert len([c for c in slack.called("chat.postMessage") if "thread_ts" not in c.args]) == 1
