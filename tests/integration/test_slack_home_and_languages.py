"""App Home and languages: per-user language with a workspace default, every reply in it."""

from __future__ import annotations

import json

from tests.fakes.slack_harness import build_harness
from tests.fakes.slack_requests import block_action, event_callback, slash_command
from tests.fakes.slack_server import strings


def _open_home(slack, user="U1"):
    slack.send(event_callback({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home",
                               "event_ts": "1763100000.1"}, event_id=f"EvHome{user}{len(slack.fake.calls)}"))
    view = slack.fake.called("views.publish")[-1].args
    assert view["user_id"] == user
    return "\n".join(strings(view["view"]["blocks"])), view["view"]["blocks"]


def test_app_home_shows_the_latest_numbers_digests_settings_and_how_to_restrict_access(slack, report_of):
    text, blocks = _open_home(slack)
    assert report_of("last-30d").total.format("en") in text and "Top services" in text
    assert "*Digest subscriptions*\nNone yet." in text
    assert "Your language: English (the workspace default)." in text
    assert "Everyone in this workspace can ask about every AWS account. To restrict it, set `FINOPS_ACCESS`" in text
    assert len(blocks) <= 50


def test_app_home_lists_the_digests_the_digest_module_stored(slack):
    from datetime import UTC, datetime

    from bot.digests.store import SubscriptionStore
    from bot.digests.subscription import Cadence, Subscription

    SubscriptionStore(slack.bot.state).add(Subscription(
        id="abc123", team="T1", channel="C0FINOPS", cadence=Cadence.DAILY, at="09:00", timezone="America/Sao_Paulo",
        persona="cto", paused=True, created_at=datetime(2026, 11, 1, tzinfo=UTC)))
    text, _ = _open_home(slack)
    assert "• <#C0FINOPS> · daily 09:00 America/Sao_Paulo · CTO · paused" in text
    slack.bot.state.put("digests/T1/subscriptions/broken.json", b'{"id": "broken"}')
    text, _ = _open_home(slack)
    assert "The subscriptions could not be read" in text and "Your language" in text  # the rest of the page stays


def test_language_setting_is_per_user_and_changes_every_reply(slack):
    response = slack.send(slash_command("settings language pt-BR"))
    assert json.loads(response["body"])["text"] == "Pronto: vou escrever para você em Português (Brasil)."
    ack = json.loads(slack.send(slash_command("custos ultimos-7d", response_url=slack.fake.response_url()))["body"])
    assert ack["text"].startswith("Entendido: custos · últimos 7 dias · por serviço · base amortizado")
    [parent] = slack.fake.in_channel("C1")
    numbers = slack.fake.in_thread("C1", parent.ts)[0].all_text()
    assert "Custos AWS · últimos 7 dias" in numbers and "Principais serviços" in numbers and "US$ " in numbers
    other = json.loads(slack.send(slash_command("help", user="U2"))["body"])["text"]
    assert other.startswith("*FinOps AWS* tells you")  # another user keeps the workspace default
    text, _ = _open_home(slack)
    assert "Seu idioma: Português (Brasil) (escolha sua)." in text


def test_the_workspace_default_language_applies_to_users_without_a_setting(fake_slack, demo_analysis):
    slack = build_harness(fake_slack, demo_analysis, language="pt-BR")
    body = json.loads(slack.send(slash_command("cots"))["body"])
    assert body["text"].startswith("Não conheço o comando `cots`.")
    assert "Você quis dizer:" in json.dumps(body["blocks"], ensure_ascii=False)


def test_the_language_buttons_on_app_home_switch_the_language_and_refresh_the_home(slack):
    _open_home(slack)
    slack.send(block_action("finops.run.1", "settings language pt-BR", view=True))
    text, _ = _open_home(slack)
    assert "Seu idioma: Português (Brasil)" in text and "Resumos agendados" in text
    assert slack.bot.preferences.language("T1", "U1") == "pt-BR"


def test_help_lists_every_command_in_both_languages(slack):
    english = json.loads(slack.send(slash_command("help"))["body"])["text"]
    for command in ("costs", "top", "anomalies", "forecast", "waste", "commitments", "report", "ask", "digest",
                    "email", "settings", "help"):
        assert f"`/finops {command}`" in english
    slack.send(slash_command("settings language pt-BR", timestamp=None))
    portuguese = json.loads(slack.send(slash_command("ajuda custos"))["body"])["text"]
    assert "*/finops costs* — quanto vocês gastaram" in portuguese and "Também: `cost`, `custos`" in portuguese
