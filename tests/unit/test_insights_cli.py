"""`finops forecast`, `finops anomalies` and `finops commitments` on the demo organisation."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from analysis.domain.insights_json import AnomaliesDocument, CommitmentsDocument, ForecastDocument
from bot.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_forecast_text_names_both_horizons_and_the_method(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "forecast", "--as-of", "2026-11-25")
    assert code == 0
    assert "This month (Nov 1, 2026 to Nov 30, 2026): expected US$ " in out and "80% interval" in out
    assert "This quarter (Oct 1, 2026 to Dec 31, 2026)" in out and "weekday profile" in out
    assert "Basis: amortized · credits and refunds excluded" in out


def test_forecast_json_adds_up(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "forecast", "--as-of", "2026-11-25", "--format", "json", "--basis", "unblended")
    doc = ForecastDocument.model_validate_json(out)
    month = doc.horizons[0]
    assert code == 0 and doc.basis == "unblended" and doc.confidence_pct == 80
    assert Decimal(month.actual_to_date) + Decimal(month.forecast) == Decimal(month.expected_total)
    assert Decimal(month.total_lower) <= Decimal(month.expected_total) <= Decimal(month.total_upper)


def test_anomalies_merge_the_demo_spike_seen_by_both(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "anomalies", "--as-of", "2026-11-25", "--format", "json")
    doc = AnomaliesDocument.model_validate_json(out)
    nat = [a for a in doc.anomalies if a.service == "EC2 - Other"]
    assert code == 0 and len(nat) == 1
    assert nat[0].sources == ["cost-anomaly-detection", "detector"] and nat[0].root_causes[0].account_id


def test_anomalies_in_portuguese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "anomalies", "ultimos-30d", "--as-of", "2026-11-25", "--lang", "pt-BR")
    assert code == 0 and "Anomalias de custo" in out and "causa raiz: data-platform-prod" in out


def test_commitments_put_what_expires_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "commitments", "--as-of", "2026-11-25")
    assert code == 0
    assert out.index("Expiring within 60 days") < out.index("Coverage and utilization") < out.index("All commitments")
    assert "RDS db.r6g.xlarge" in out.split("Coverage and utilization")[0]
    assert "Savings Plans: coverage" in out and "Reserved Instances: coverage 46.8%" in out


def test_commitments_json_marks_the_expiring_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "commitments", "--as-of", "2026-11-25", "--format", "json", "--lang", "pt-BR")
    doc = CommitmentsDocument.model_validate_json(out)
    assert code == 0 and [c.commitment_id for c in doc.commitments if c.expiring] == ["ri-demo-rds-checkout"]
    assert {c.kind for c in doc.commitments} == {"savings-plan", "reserved-instance"}
    assert json.loads(out)["schema_version"] == "1"


@pytest.mark.parametrize("command", ["forecast", "anomalies", "commitments"])
def test_every_new_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0 and "--format" in capsys.readouterr().out


def test_a_bad_period_is_one_line_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["anomalies", "last30", "--as-of", "2026-11-25"]) == 2
    assert "last-30d" in capsys.readouterr().err
