"""`finops report` and `finops ask` end to end on the demo organisation, offline."""

from __future__ import annotations

import pytest

from bot.cli import main
from tests.unit.consultant.conftest import demo_report


def test_report_prints_the_persona_summary_with_the_reports_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "sre", "last-30d", "--as-of", "2026-11-15"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("*DevOps/SRE briefing · last 30 days*")
    assert demo_report().total.format("en") in out and "not by an AI model" in out


def test_report_in_portuguese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "executivo", "mes-passado", "--as-of", "2026-11-15", "--lang", "pt-BR"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("*Resumo executivo · mês passado*")
    assert demo_report("last-month").total.format("pt-BR") in out


def test_ask_takes_the_period_from_the_question(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "how much did we spend last month?", "--as-of", "2026-11-15"]) == 0
    assert demo_report("last-month").total.format("en") in capsys.readouterr().out


def test_unknown_persona_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "intern", "--as-of", "2026-11-15"]) == 2
    assert "`intern` is not a persona" in capsys.readouterr().err


def test_misconfigured_backend_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "cto", "--backend", "bedrock", "--as-of", "2026-11-15"]) == 3
    assert "FINOPS_LLM=bedrock needs FINOPS_BEDROCK_MODEL_ID" in capsys.readouterr().err


def test_report_and_ask_cite_the_demo_waste_scan_and_the_months_forecast(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.unit.consultant.conftest import demo_insights

    insights = demo_insights("en")
    assert insights.forecast is not None and insights.savings_total is not None
    assert main(["report", "executive", "last-30d", "--as-of", "2026-11-15"]) == 0
    out = capsys.readouterr().out
    assert f"Forecast for Nov 1, 2026 to Dec 1, 2026 (end exclusive): {insights.forecast.amount.format('en')}" in out
    assert f"worth {insights.savings_total.format('en')} a month; the largest: {insights.savings[0].title}" in out
    assert main(["ask", "where can we save?", "--as-of", "2026-11-15"]) == 0
    assert f"{insights.savings[0].title}: {insights.savings[0].monthly.format('en')} a month" in capsys.readouterr().out
    assert main(["ask", "what is the forecast?", "--as-of", "2026-11-15"]) == 0
    assert insights.forecast.amount.format("en") in capsys.readouterr().out
