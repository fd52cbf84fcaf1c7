"""`/finops costs` end to end: signed request → slack_handler → Bolt → lazy work → the fake Slack server."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.fakes.slack_requests import slash_command


def test_costs_command_acks_then_answers_in_a_thread_with_numbers_and_a_summary(slack, report_of):
    fake = slack.fake
    report = report_of("last-30d")
    total = report.total.format("en")
    response = slack.send(slash_command("costs last-30d", response_url=fake.response_url()))

    assert response["statusCode"] == 200
    ack = json.loads(response["body"])
    assert ack["response_type"] == "ephemeral"
    assert ack["text"].startswith("Understood: costs · last 30 days · by service · amortized basis")

    [parent] = fake.in_channel("C1")
    assert "<@U1> asked `/finops costs last-30d`" in parent.text
    assert f"*{total}*" in parent.text  # the headline, once the numbers are in
    numbers, *_, summary = fake.in_thread("C1", parent.ts)
    seen = numbers.all_text()
    assert "AWS costs · last 30 days" in seen
    assert f"Total: {total}" in seen
    top = report.by_service[0]
    assert "Top services" in seen and f"{top.share * 100:.1f}%" in seen
    assert "Biggest increases" in seen and "EC2-Other" in seen
    assert "Anomalies" in seen
    assert "Basis: amortized · credits and refunds excluded" in seen and "/finops costs last-30d" in seen
    assert summary.streamed and total in summary.text  # the offline consultant's executive summary
    assert [b["action_id"] for b in summary.blocks[0]["elements"]] == ["finops.feedback.up", "finops.feedback.down"]
    assert fake.called("chat.startStream") and fake.called("chat.stopStream")


def _demo_waste(accounts=None):  # type: ignore[no-untyped-def]
    """The waste checks over the demo organisation, as the bot runs them for the same day."""
    from analysis.bootstrap import waste_scanner
    from bot.settings import Settings
    from tests.fakes.slack_harness import AS_OF

    return waste_scanner(Settings(as_of=AS_OF))(accounts)  # type: ignore[call-arg]


def test_the_costs_answer_shows_the_top_three_savings_and_the_summary_cites_them(slack):
    waste = _demo_waste()
    slack.send(slash_command("costs last-30d"))
    [parent] = slack.fake.in_channel("C1")
    numbers, *_, summary = slack.fake.in_thread("C1", parent.ts)
    savings = next(b["text"]["text"] for b in numbers.blocks if "Top savings" in b.get("text", {}).get("text", ""))
    lines = [line for line in savings.splitlines() if line.startswith(":moneybag:")]
    assert lines == [f":moneybag: {f.estimated_monthly_saving.format('en')} a month · {title} `{f.resource_id}` "
                     f"({waste.account_names[f.account_id]}, {f.region})"
                     for f, title in zip(waste.findings[:3], ("Idle Redshift cluster", "Unattached EBS volume",
                                                              "Idle instance"), strict=True)]
    assert (f"{len(waste.findings)} finding(s) worth {waste.total_saving.format('en')} a month in all (each "
            "resource counted once); `/finops waste` lists them") in savings
    assert "resources read Nov 15, 2026 06:00 UTC · source: demo organisation" in numbers.all_text()
    assert f"worth {waste.total_saving.format('en')} a month" in summary.text  # the executive's decision


def test_without_waste_findings_at_hand_the_answer_says_nothing_of_savings(fake_slack, demo_analysis):
    from analysis.state import MemoryStateStore
    from analysis.waste_service import WasteFindings
    from tests.fakes.assistant import RecordingAssistant
    from tests.fakes.slack_harness import build_harness

    no_scan = WasteFindings(MemoryStateStore(), "demo", freshness=timedelta(hours=6))  # as on AWS: no quick scan
    slack = build_harness(fake_slack, demo_analysis, waste=no_scan, assistant=RecordingAssistant())
    slack.send(slash_command("costs last-30d"))
    [parent] = fake_slack.in_channel("C1")
    numbers = fake_slack.in_thread("C1", parent.ts)[0].all_text()
    assert "Top savings" not in numbers and "finding" not in numbers and "/finops waste" not in numbers
    [insights] = slack.assistant.insights
    assert insights is not None and insights.savings == () and insights.savings_total is None
    assert insights.forecast is not None  # the forecast still goes to the summary


def test_a_waste_scan_is_kept_and_the_next_costs_answer_cites_it(fake_slack, demo_analysis):
    from analysis.state import MemoryStateStore
    from analysis.waste_service import WasteFindings
    from tests.fakes.slack_harness import NOW, build_harness

    no_scan = WasteFindings(MemoryStateStore(), "demo", freshness=timedelta(hours=6), clock=lambda: NOW)
    slack = build_harness(fake_slack, demo_analysis, waste=no_scan)
    slack.send(slash_command("waste"))
    slack.send(slash_command("costs last-7d", channel="C2"))
    [parent] = fake_slack.in_channel("C2")
    numbers = fake_slack.in_thread("C2", parent.ts)[0].all_text()
    top = _demo_waste().findings[0]
    assert "Top savings" in numbers and f"{top.estimated_monthly_saving.format('en')} a month" in numbers
