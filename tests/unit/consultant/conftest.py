"""The demo organisation's report for a fixed day, shared by the consultant tests (built once)."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.catalog import load_catalog
from analysis.domain.basis import CostBasis
from analysis.domain.costs import CostQuery
from analysis.domain.period import parse_period
from analysis.domain.report import CostReport, build_report
from analysis.sources.demo import DemoCostSource

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
