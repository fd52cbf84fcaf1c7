"""The waste scan's findings feed "where can we save?" and the executive decision, with its own total."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from analysis.checks import scan
from analysis.domain.findings import WasteReport
from analysis.domain.report import CostReport
from analysis.sources.demo_inventory import DemoInventories
from consultant.adapters.offline import OfflineAssistant
from consultant.facts import build_facts
from consultant.grounding import KnownFigures, check_text
from consultant.insights import Insights
from consultant.personas import Persona


@pytest.fixture(scope="module")
def waste() -> WasteReport:
    demo = DemoInventories()
    return scan(demo, demo.default_accounts(), clock=lambda: datetime(2026, 11, 15, 6, tzinfo=UTC))


def test_savings_come_from_the_waste_scan_counting_each_resource_once(report: CostReport, waste: WasteReport) -> None:
    insights = Insights.from_waste(waste, limit=5)
    text = OfflineAssistant().answer("where can we save?", report, [], "en", insights=insights).text()
    largest = waste.findings[0]
    assert f"{len(waste.findings)} saving(s) found, worth {waste.total_saving.format('en')} a month" in text
    assert f"{largest.title}: {largest.estimated_monthly_saving.format('en')} a month" in text
    assert largest.action in text


def test_executive_decision_and_grounding_use_the_scans_figures(report: CostReport, waste: WasteReport) -> None:
    insights = Insights.from_waste(waste)
    text = OfflineAssistant().summarise(report, Persona.EXECUTIVE, "pt-BR", insights=insights).text()
    assert f"somam {waste.total_saving.format('pt-BR')} por mês" in text
    known = KnownFigures.of(build_facts(report, insights))
    assert check_text(text, known, "pt-BR").unverified == []
