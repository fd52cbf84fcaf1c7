"""The demo organisation's report for a fixed day, shared by the consultant tests (built once)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache

import pytest

from analysis.catalog import load_catalog
from analysis.domain.basis import CostBasis
from analysis.domain.costs import CostQuery
from analysis.domain.period import parse_period
from analysis.domain.report import CostReport, build_report
from analysis.sources.demo import DemoCostSource
from consultant.insights import Insights

AS_OF = date(2026, 11, 15)


def demo_report(period: str = "last-30d", accounts: frozenset[str] | None = None) -> CostReport:
    resolved = parse_period(period, AS_OF)
    data = DemoCostSource(seed=2026).fetch_costs(CostQuery(resolved, accounts=accounts))
    return build_report(data, resolved, CostBasis(), accounts_in_scope=accounts)


@pytest.fixture(scope="session")
def report() -> CostReport:
    return demo_report()


@pytest.fixture(scope="session")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog()


@cache
def demo_insights(language: str) -> Insights:
    """What the bot and the CLI give the consultant on the demo that day: the waste scan's findings (named in the
    reader's language, as the bot names them) and the month's forecast."""
    from analysis.bootstrap import waste_scanner
    from analysis.settings import AnalysisSettings
    from analysis.sources.demo_insights import DemoForecastSource
    from bot.i18n import translator
    from bot.render.waste_view import finding_text
    from consultant.insights import Forecast

    waste = waste_scanner(AnalysisSettings(as_of=AS_OF), lambda: datetime(2026, 11, 15, 6, tzinfo=UTC))(None)
    forecast = DemoForecastSource(seed=2026).forecast(AS_OF, CostBasis(), None)
    t = translator(language)
    return Insights.from_waste(waste, forecast=Forecast.of_month(forecast), title_of=lambda f: finding_text(f, t)[0])
