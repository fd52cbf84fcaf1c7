"""Who may ask and what each place may see, enforced before any data is read.

A channel scoped to account A never receives a figure of account B: not in answers, threads, buttons,
the other analyses, or App Home."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

import analysis.sources.demo_profile as org
from analysis.bootstrap import waste_scanner
from bot.access import AccessPolicy, Scope
from bot.settings import Settings
from tests.fakes.assistant import RecordingAssistant
from tests.fakes.slack_harness import AS_OF, NOW, build_harness
from tests.fakes.slack_requests import block_action, event_callback, slash_command
from tests.fakes.slack_server import BOT_USER

A = "600000000001"  # checkout-prod
OTHERS = [a for a in org.ACCOUNTS if a.account_id != A]
ORG_WASTE = waste_scanner(Settings(as_of=AS_OF))(None)  # type: ignore[call-arg]


class CountingAnalysis:
    """Wraps the analysis to prove a refused request reads no data at all."""

    def __init__(self, analysis):
        self.analysis, self.calls = analysis, 0

    def answer(self, request, progress=None):
        self.calls += 1
        return self.analysis.answer(request, progress) if progress else self.analysis.answer(request)

    def __getattr__(self, name):
        return getattr(self.analysis, name)


@pytest.fixture
def scoped(fake_slack, demo_analysis):
    """C1 may see only account A; C2 is not scoped; App Home shows A."""
    policy = AccessPolicy(scopes={"C1": Scope(frozenset({A})), "home": Scope(frozenset({A}))})
    return build_harness(fake_slack, demo_analysis, access=policy, assistant=RecordingAssistant())


def _assert_only_account_a(fake, report_of, period="last-30d"):
    posted = fake.everything_posted()
    for account in OTHERS:
        assert account.account_id not in posted and account.name not in posted, account.name
    org_total = report_of(period).total.format("en")
    assert org_total not in posted  # the organisation's total is a figure of B too
    for finding in ORG_WASTE.findings:  # nor a waste finding of another account (top savings, summaries)
        if finding.account_id != A:
            assert f"`{finding.resource_id}`" not in posted and finding.resource_id not in posted, finding.resource_id


def test_a_scoped_channel_sees_only_its_accounts_in_the_answer_and_the_summary(scoped, report_of):
    scoped.send(slash_command("costs last-30d by account", response_url=scoped.fake.response_url()))
    [parent] = scoped.fake.in_channel("C1")
    numbers = scoped.fake.in_thread("C1", parent.ts)[0].all_text()
    assert report_of("last-30d", accounts=(A,)).total.format("en") in numbers
    assert "checkout-prod (600000000001)" in numbers
    _assert_only_account_a(scoped.fake, report_of)


def test_a_scoped_channel_sees_the_savings_of_its_accounts_only(fake_slack, demo_analysis, report_of):
    """Even when the stored waste report is the organisation's (scanned from an unscoped channel): cut down to A."""
    from analysis.state import MemoryStateStore
    from analysis.waste_service import WasteFindings

    kept = WasteFindings(MemoryStateStore(), "demo", freshness=timedelta(hours=6), clock=lambda: NOW)  # no quick scan
    policy = AccessPolicy(scopes={"C1": Scope(frozenset({A}))})
    slack = build_harness(fake_slack, demo_analysis, access=policy, assistant=RecordingAssistant(), waste=kept)
    slack.send(slash_command("waste", channel="C2"))  # the organisation's findings, kept
    fake_slack.clear()
    slack.send(slash_command("costs last-30d", response_url=fake_slack.response_url()))
    [parent] = fake_slack.in_channel("C1")
    numbers = fake_slack.in_thread("C1", parent.ts)[0].all_text()
    ours = [f for f in ORG_WASTE.findings if f.account_id == A]
    assert "Top savings" in numbers and f"`{ours[0].resource_id}`" in numbers
    _assert_only_account_a(fake_slack, report_of)
    [insights] = slack.assistant.insights
    assert insights is not None and {s.account_id for s in insights.savings} == {A}


def test_asking_for_another_account_is_refused_before_any_data_is_read(fake_slack, demo_analysis):
    counting = CountingAnalysis(demo_analysis)
    slack = build_harness(fake_slack, counting, access=AccessPolicy(scopes={"C1": Scope(frozenset({A}))}))
    response = slack.send(slash_command("costs last-7d accounts 700000000001"))
    assert json.loads(response["body"])["text"] == (
        ":lock: This channel may not see account(s) 700000000001. Ask without them, or in a channel that covers them.")
    assert counting.calls == 0 and fake_slack.messages == {}


def test_thread_follow_ups_and_buttons_stay_inside_the_scope(scoped, report_of):
    scoped.send(event_callback({"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> costs last-30d",
                                "ts": "1763100000.000100", "channel": "C1"}, event_id="EvA1"))
    scoped.send(event_callback({"type": "message", "user": "U1", "text": "which account costs most?",
                                "ts": "1763100000.000200", "thread_ts": "1763100000.000100", "channel": "C1",
                                "channel_type": "channel"}, event_id="EvA2"))
    numbers = scoped.fake.in_thread("C1", "1763100000.000100")[0]
    for action, value in (("finops.period.last-7d", "last-7d"), ("finops.persona.cto", "cto"),
                          ("finops.query", "query")):
        scoped.send(block_action(action, value, message_ts=numbers.ts, thread_ts="1763100000.000100",
                                 response_url=scoped.fake.response_url()))
    question, history = scoped.assistant.questions[-1]
    assert question == "which account costs most?"
    assert history[0].report.accounts == (A,)  # the follow-up is about A's report
    assert json.loads(scoped.fake.responses[-1]["text"].split("```")[1])["LinkedAccounts"] == [A]
    _assert_only_account_a(scoped.fake, report_of)
    _assert_only_account_a(scoped.fake, report_of, "last-7d")


def _forecast_total(accounts):
    from analysis.domain.basis import CostBasis
    from analysis.sources.demo_insights import DemoForecastSource
    from tests.fakes.slack_harness import AS_OF

    forecast = DemoForecastSource().forecast(AS_OF, CostBasis(), accounts)
    return forecast.horizons[0].expected_total.format("en")


@pytest.mark.parametrize("command", ["forecast", "anomalies last-30d", "waste"])
def test_the_other_analyses_stay_inside_the_scope(scoped, report_of, command):
    scoped.send(slash_command(command, response_url=scoped.fake.response_url()))
    [parent] = scoped.fake.in_channel("C1")
    assert scoped.fake.in_thread("C1", parent.ts)  # answered…
    _assert_only_account_a(scoped.fake, report_of)  # …with A's figures only
    if command == "forecast":
        posted = scoped.fake.everything_posted()
        assert _forecast_total(frozenset({A})) in posted and _forecast_total(None) not in posted


def test_organisation_wide_commitments_are_not_shown_in_a_scoped_channel(scoped):
    scoped.send(slash_command("commitments", response_url=scoped.fake.response_url()))
    assert "bought and shared across the whole organisation" in scoped.fake.responses[-1]["text"]
    assert scoped.fake.messages == {}
    scoped.send(slash_command("commitments", channel="C2", response_url=scoped.fake.response_url()))
    [parent] = scoped.fake.in_channel("C2")
    assert "Savings Plans and Reserved Instances" in scoped.fake.in_thread("C2", parent.ts)[0].all_text()


def test_app_home_shows_the_home_scope_only(scoped, report_of):
    scoped.send(event_callback({"type": "app_home_opened", "user": "U1", "tab": "home"}, event_id="EvHomeA"))
    assert report_of("last-30d", accounts=(A,)).total.format("en") in scoped.fake.everything_posted()
    assert "This page shows: 600000000001." in scoped.fake.everything_posted()
    _assert_only_account_a(scoped.fake, report_of)


def test_channel_and_user_allowlists_refuse_politely_without_figures(fake_slack, demo_analysis):
    fake_slack.group_members["S0FINOPS"] = ["U3"]
    policy = AccessPolicy(channels=frozenset({"C1"}), users=frozenset({"U1"}), user_groups=frozenset({"S0FINOPS"}))
    slack = build_harness(fake_slack, demo_analysis, access=policy)
    wrong_channel = json.loads(slack.send(slash_command("costs", channel="C9"))["body"])["text"]
    wrong_user = json.loads(slack.send(slash_command("costs", user="U2"))["body"])["text"]
    assert "not enabled in this channel" in wrong_channel and "US$" not in wrong_channel
    assert "not on the list of people who may run cost analyses" in wrong_user
    in_group = json.loads(slack.send(slash_command("costs last-7d", user="U3"))["body"])["text"]
    assert in_group.startswith("Understood")
    assert json.loads(slack.send(slash_command("help", user="U2"))["body"])["text"].startswith("*FinOps AWS*")
    slack.send(event_callback({"type": "app_home_opened", "user": "U2", "tab": "home"}, event_id="EvHomeU2"))
    home = fake_slack.called("views.publish")[-1].args["view"]
    assert "US$" not in json.dumps(home) and "not on the list" in json.dumps(home)


def test_without_configuration_everyone_sees_every_account(slack, report_of):
    slack.send(slash_command("costs last-30d by account", user="U9", channel="C9",
                             response_url=slack.fake.response_url()))
    [parent] = slack.fake.in_channel("C9")
    numbers = slack.fake.in_thread("C9", parent.ts)[0].all_text()
    assert report_of("last-30d").total.format("en") in numbers
