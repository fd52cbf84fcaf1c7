"""Each persona × language on the demo organisation, offline, for a fixed day, with what the bot gives the
consultant beside the report (the waste scan's savings and the month's forecast): reviewed once, then pinned.
Every money figure and percentage in them is one the grounding checker knows."""

from __future__ import annotations

import pytest

from analysis.domain.report import CostReport
from consultant.adapters.offline import OfflineAssistant
from consultant.facts import build_facts
from consultant.grounding import KnownFigures, check_text
from consultant.personas import Persona
from tests.unit.consultant.conftest import demo_insights


@pytest.mark.parametrize("language", ["en", "pt-BR"])
@pytest.mark.parametrize("persona", list(Persona))
def test_offline_persona_summary_matches_snapshot(
    report: CostReport, catalog: object, persona: Persona, language: str, snapshot: object
) -> None:
    insights = demo_insights(language)
    text = OfflineAssistant(glossary=catalog).summarise(  # type: ignore[arg-type]
        report, persona, language, insights=insights).text()
    assert text == snapshot
    known = KnownFigures.of(build_facts(report, insights, catalog))  # type: ignore[arg-type]
    assert check_text(text, known, language).unverified == []


@pytest.mark.parametrize("language", ["en", "pt-BR"])
def test_the_executive_summary_cites_the_forecast_and_the_top_savings(
    report: CostReport, catalog: object, language: str
) -> None:
    insights = demo_insights(language)
    text = OfflineAssistant(glossary=catalog).summarise(  # type: ignore[arg-type]
        report, Persona.EXECUTIVE, language, insights=insights).text()
    assert insights.forecast is not None and insights.forecast.amount.format(language) in text
    for saving in insights.savings[:3]:
        assert f"{saving.title} ({saving.monthly.format(language)})" in text
    assert "/finops waste" in text
