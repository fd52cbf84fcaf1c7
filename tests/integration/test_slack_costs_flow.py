"""`/finops costs` end to end: signed request → slack_handler → Bolt → lazy work → the fake Slack server."""

from __future__ import annotations

import json

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
