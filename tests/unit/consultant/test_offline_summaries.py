from __future__ import annotations

import pytest

from analysis.domain.money import Money
from analysis.domain.report import CostReport
from consultant.adapters.offline import OfflineAssistant
from consultant.insights import Insights, Saving
from consultant.personas import Persona

from .conftest import demo_report


def test_offline_summary_says_it_is_template_based_not_ai(report: CostReport) -> None:
    assistant = OfflineAssistant()
    assert assistant.uses_ai is False
    assert "not by an AI model" in assistant.summarise(report, Persona.EXECUTIVE, "en").text()
    assert "sem modelo de IA" in assistant.summarise(report, Persona.EXECUTIVE, "pt-BR").text()


@pytest.mark.parametrize("persona", list(Persona))
def test_every_summary_states_basis_period_and_freshness(report: CostReport, persona: Persona) -> None:
    text = OfflineAssistant().summarise(report, persona, "en").text()
    assert "Basis: amortized · credits and refunds excluded · tax included" in text
    assert "Oct 16, 2026 to Nov 14, 2026 UTC (30 days)" in text
    assert "data as of Nov 15, 2026 06:00 UTC" in text


def test_personas_differ_in_length_and_focus(report: CostReport, catalog: object) -> None:
    assistant = OfflineAssistant(glossary=catalog)  # type: ignore[arg-type]
    texts = {p: assistant.summarise(report, p, "en").text() for p in Persona}
    assert len(texts[Persona.EXECUTIVE]) < min(len(texts[p]) for p in (Persona.CTO, Persona.DEVOPS, Persona.ANALYST))
    assert "*Decision:*" in texts[Persona.EXECUTIVE]
    assert "*Architectural levers*" in texts[Persona.CTO] and "Savings Plans" in texts[Persona.CTO]
    assert "aws ce get-cost-and-usage" in texts[Persona.DEVOPS]
    assert "*Method*" in texts[Persona.ANALYST] and "14-day median" in texts[Persona.ANALYST]


def test_executive_decision_prefers_savings_when_findings_are_given(report: CostReport) -> None:
    insights = Insights(savings=(Saving("Stop idle SageMaker endpoints", Money.of("1200")),))
    text = OfflineAssistant().summarise(report, Persona.EXECUTIVE, "en", insights=insights).text()
    assert '*Decision:* approve the 1 savings found, worth US$ 1,200.00 a month' in text


def test_partial_report_says_what_is_missing() -> None:
    from dataclasses import replace

    from analysis.domain.report import MissingPart

    partial = replace(demo_report(), missing=(MissingPart("b2", "accounts 7…", "AccessDenied on ce:GetCostAndUsage"),))
    text = OfflineAssistant().summarise(partial, Persona.ANALYST, "en").text()
    assert "⚠ Partial report: 1 part(s) could not be read (accounts 7…: AccessDenied on ce:GetCostAndUsage)" in text


def test_a_quiet_report_has_no_spike_or_driver_sentences() -> None:
    from dataclasses import replace

    quiet = replace(demo_report(), anomalies=(), movers_up=(), movers_down=(), appeared=(), vanished=())
    text = OfflineAssistant().summarise(quiet, Persona.EXECUTIVE, "en").text()
    assert "spike" not in text and "driver" not in text
    assert "*Decision:* none needed: spend is stable." in text
    assert Money(quiet.total.amount).format("en") in text
