"""`/finops digest …` and `/finops email …` through the real Slack handler and the fake Slack server."""

from __future__ import annotations

import json

import pytest

from bot.access import AccessPolicy, Scope
from bot.digests import list_subscriptions
from tests.fakes.slack_harness import SlackHarness, build_harness
from tests.fakes.slack_requests import event_callback, slash_command
from tests.fakes.slack_server import FakeSlack

pytestmark = pytest.mark.integration


def private_replies(slack: SlackHarness) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in slack.fake.responses)


def test_digest_add_list_pause_and_email_from_slack(slack: SlackHarness) -> None:
    fake = slack.fake
    slack.send(slash_command("digest add <#C42|finops-daily> weekly 09:00 America/Sao_Paulo cto day:fri",
                             response_url=fake.response_url()))
    (subscription,) = list_subscriptions(slack.bot.state, "T1")
    assert (subscription.channel, subscription.cadence, subscription.at, subscription.day) == \
        ("C42", "weekly", "09:00", "fri")
    assert subscription.created_by == "U1" and subscription.persona == "cto"
    assert f"Digest {subscription.id} added: C42, weekly at 09:00 (America/Sao_Paulo)" in private_replies(slack)

    slack.send(slash_command(f"email add cfo@example.com {subscription.id}", response_url=fake.response_url()))
    slack.send(slash_command(f"digest pause {subscription.id}", response_url=fake.response_url()))
    slack.send(slash_command("digest list", response_url=fake.response_url()))
    replies = private_replies(slack)
    assert "cfo@example.com will get the weekly digest" in replies
    assert f"{subscription.id} · C42 · weekly at 09:00 America/Sao_Paulo (fri) · CTO" in replies
    assert "paused" in replies and "email: cfo@example.com" in replies
    assert fake.in_channel("C1") == []  # managing digests posts nothing visible


def test_mistakes_are_explained_in_the_askers_language(slack: SlackHarness) -> None:
    slack.send(slash_command("settings language pt-BR"))
    slack.send(slash_command("digest add #finops hourly", response_url=slack.fake.response_url()))
    slack.send(slash_command("digest remove nope", response_url=slack.fake.response_url()))
    slack.send(slash_command("email add not-an-address", response_url=slack.fake.response_url()))
    replies = private_replies(slack)
    assert "`hourly` não é uma frequência" in replies
    assert "Nenhum resumo `nope` neste workspace" in replies
    assert "`not-an-address` não é um endereço de e-mail" in replies
    assert list_subscriptions(slack.bot.state, "T1") == []


def test_unknown_action_is_answered_in_the_acknowledgement(slack: SlackHarness) -> None:
    response = slack.send(slash_command("digest explode"))
    assert "is not something I can do with digests" in json.loads(response["body"])["text"]


def test_a_scoped_channel_cannot_get_a_digest_of_other_accounts(fake_slack: FakeSlack, demo_analysis: object) -> None:
    access = AccessPolicy(scopes={"C9": Scope(frozenset({"600000000001"}))})
    harness = build_harness(fake_slack, demo_analysis, access=access)
    harness.send(slash_command("digest add <#C9|checkout> daily accounts:700000000001",
                               response_url=fake_slack.response_url()))
    assert list_subscriptions(harness.bot.state, "T1") == []
    harness.send(slash_command("digest add <#C9|checkout> daily", response_url=fake_slack.response_url()))
    (subscription,) = list_subscriptions(harness.bot.state, "T1")
    assert subscription.accounts == ("600000000001",)


def test_app_home_lists_a_digest_added_from_slack(slack: SlackHarness) -> None:
    slack.send(slash_command("digest add <#C42|finops-daily> daily 08:30"))
    slack.send(event_callback({"type": "app_home_opened", "user": "U1", "tab": "home"}))
    view = json.dumps(slack.fake.called("views.publish")[-1].args["view"], ensure_ascii=False)
    assert "C42" in view and "08:30" in view
