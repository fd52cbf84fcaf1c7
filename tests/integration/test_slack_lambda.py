"""On Lambda, Bolt's adapter acknowledges, then re-invokes the function for the lazy work: the same code path."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import boto3
import pytest

from bot import handler
from bot.bootstrap import bootstrap
from bot.settings import Settings, SlackSettings
from tests.fakes.slack_harness import AS_OF, NOW, build_harness
from tests.fakes.slack_requests import LambdaContext, slash_command


class FakeLambda:
    """boto3's Lambda `invoke(InvocationType="Event")`: runs the payload through the handler on a thread."""

    def __init__(self):
        self.invocations, self.threads = [], []

    def invoke(self, FunctionName, InvocationType, Payload):
        event = json.loads(Payload)
        self.invocations.append((FunctionName, InvocationType, event))
        thread = threading.Thread(target=handler.slack_handler, args=(event, LambdaContext()))
        thread.start()
        self.threads.append(thread)
        return {"StatusCode": 202}


@pytest.fixture
def lambda_client(fake_slack, demo_analysis, monkeypatch) -> Iterator[FakeLambda]:
    """The bot installed as on Lambda, its self-invocations going to a fake Lambda client."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "finops-slack")
    harness = build_harness(fake_slack, demo_analysis)
    client = FakeLambda()
    handler.install(harness.bot, lambda_client=client)
    yield client
    for thread in client.threads:
        thread.join(timeout=30)
    handler.reset()


def test_on_lambda_the_ack_returns_and_a_self_invocation_does_the_work(fake_slack, lambda_client, report_of):
    response = handler.slack_handler(slash_command("costs last-7d", response_url=fake_slack.response_url()),
                                     LambdaContext())
    assert json.loads(response["body"])["text"].startswith("Understood: costs · last 7 days")
    [(function, kind, event)] = lambda_client.invocations
    assert function == LambdaContext().invoked_function_arn and kind == "Event"
    assert event["method"] == "NONE" and event["headers"]["x-slack-bolt-lazy-only"] == "1"
    for thread in lambda_client.threads:
        thread.join(timeout=30)
    [parent] = fake_slack.in_channel("C1")
    assert report_of("last-7d").total.format("en") in parent.text


def test_on_lambda_help_and_typos_are_answered_in_the_ack_without_a_self_invocation(lambda_client):
    """A lazy listener on Lambda is a second invocation; commands the ack answers whole must not start one."""
    replies = [json.loads(handler.slack_handler(slash_command(text, trigger_id=text), LambdaContext())["body"])
               for text in ("help", "cots last-7d", "settings")]
    assert "costs" in replies[0]["text"] and "costs" in json.dumps(replies[1])
    assert "English" in json.dumps(replies[2])
    assert lambda_client.invocations == []
    handler.slack_handler(slash_command("top last-7d", trigger_id="top"), LambdaContext())
    assert len(lambda_client.invocations) == 1  # an analysis still runs in its own invocation


def test_the_slack_secret_is_read_once_from_secrets_manager(moto, monkeypatch, fake_slack):
    client = boto3.client("secretsmanager", endpoint_url=moto.url, region_name="us-east-1")
    arn = client.create_secret(Name="finops/slack", SecretString=json.dumps(
        {"SLACK_BOT_TOKEN": "xoxb-from-secrets", "SLACK_SIGNING_SECRET": "from-secrets"}))["ARN"]
    bot = bootstrap(settings=Settings(as_of=AS_OF),  # type: ignore[call-arg]
                    slack=SlackSettings(secret_arn=arn, api_url=fake_slack.url),  # type: ignore[call-arg]
                    secrets_client=client, clock=lambda: NOW)
    assert (bot.credentials.bot_token, bot.credentials.signing_secret) == ("xoxb-from-secrets", "from-secrets")
    bot.chat.post("C1", "hello")
    assert fake_slack.called("chat.postMessage")[0].token == "xoxb-from-secrets"


def test_a_secret_without_the_signing_secret_is_a_clear_error(moto):
    from bot.adapters.secrets import read_slack_secret
    from bot.errors import SecretsError

    client = boto3.client("secretsmanager", endpoint_url=moto.url, region_name="us-east-1")
    arn = client.create_secret(Name="finops/slack-incomplete",
                               SecretString=json.dumps({"bot_token": "xoxb-1"}))["ARN"]
    try:
        read_slack_secret(arn, client)
    except SecretsError as exc:
        assert "lacks signing_secret" in str(exc) and "xoxb-1" not in str(exc)
    else:
        raise AssertionError("an incomplete secret must be refused")
    try:
        read_slack_secret("arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-AbCdEf", client)
    except SecretsError as exc:
        assert "ResourceNotFoundException" in str(exc)
