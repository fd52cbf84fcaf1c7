"""How many Cost Explorer requests `costs last-30d` costs over 50 accounts × 253 services (DESIGN §5):
the pages of the planned requests (≤ 3), and 0 on a repeat inside the freshness window. Requests are
counted as they leave the boto3 client (botocore `before-send` hook), through the whole local pipeline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.service import CostAnalysis
from analysis.sources.aws_calls import RetryPolicy
from analysis.sources.aws_clients import default_client
from analysis.sources.ce_query import plan_requests
from analysis.sources.cost_explorer import CostExplorerCostSource
from analysis.state import MemoryStateStore
from tests.fakes.aws_calls import FailFirst, RequestCounter
from tests.fakes.cost_explorer import SyntheticOrg, catalog_services, load_moto_results
from tests.fakes.moto_server import MotoServer

pytestmark = pytest.mark.integration

AS_OF = date(2026, 11, 15)
REQUEST = AnalysisRequest(period="last-30d", as_of=AS_OF, source="aws")
NO_WAIT = RetryPolicy(attempts=4, initial_wait=0, max_wait=0, sleep=lambda _: None)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 15, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def org() -> SyntheticOrg:
    return SyntheticOrg(accounts=50, services=catalog_services(253))


@pytest.fixture()
def ce(moto: MotoServer, org: SyntheticOrg) -> tuple[Any, int]:
    """A client whose moto server holds the answers to the plan; and how many pages that plan needs."""
    moto.reset()
    pages = [page for request in plan_requests(REQUEST.query()) for page in org.pages(request.params())]
    load_moto_results(moto.url, pages)
    return default_client("ce", endpoint_url=moto.url), len(pages)


def _analysis(source: CostExplorerCostSource, clock: Clock) -> CostAnalysis:
    state = MemoryStateStore()
    return CostAnalysis(state, LocalPipeline(state, source, max_wait_seconds=0), clock=clock)


def test_last_30d_costs_the_pages_of_the_plan_and_a_repeat_costs_nothing(
    ce: tuple[Any, int], org: SyntheticOrg,
) -> None:
    client, pages_needed = ce
    counter = RequestCounter(client, "GetCostAndUsage")
    clock = Clock()
    source = CostExplorerCostSource(client, cache=MemoryStateStore(), clock=clock, retry=NO_WAIT)
    analysis = _analysis(source, clock)

    report = analysis.answer(REQUEST)
    first = counter.total
    clock.now += timedelta(hours=1)
    again = analysis.answer(REQUEST)  # the fresh report
    direct = source.fetch_costs(REQUEST.query())  # below the report cache: the Cost Explorer cache

    assert first == pages_needed <= 3
    assert report is not None and report.requests == first
    assert counter.total == first and direct.requests == 0
    assert again is not None and again.total == report.total
    assert len(report.by_service) == 253 and len(report.by_account) == 50
    expected = sum((org.cost(a, i, AS_OF - timedelta(days=d)) for a in org.account_ids() for i in range(253)
                    for d in range(1, 31)), Decimal(0))
    assert report.total.amount == expected


def test_after_the_freshness_window_cost_explorer_is_asked_again(ce: tuple[Any, int]) -> None:
    client, pages_needed = ce
    counter = RequestCounter(client, "GetCostAndUsage")
    clock = Clock()
    source = CostExplorerCostSource(client, cache=MemoryStateStore(), clock=clock, retry=NO_WAIT)

    source.fetch_costs(REQUEST.query())
    clock.now += timedelta(hours=6, minutes=1)
    source.fetch_costs(REQUEST.query())

    assert counter.total == 2 * pages_needed


def test_throttling_on_the_first_calls_still_yields_the_right_report(ce: tuple[Any, int]) -> None:
    client, pages_needed = ce
    throttle = FailFirst(client, "GetCostAndUsage", "LimitExceededException", times=2)
    counter = RequestCounter(client, "GetCostAndUsage")
    reference = CostExplorerCostSource(client, retry=NO_WAIT).fetch_costs(REQUEST.query())
    report = _analysis(CostExplorerCostSource(client, retry=NO_WAIT), Clock()).answer(REQUEST)

    assert throttle.failed == 2
    assert counter.total == 2 + 2 * pages_needed  # two throttled attempts, then every page, twice
    assert report is not None and not report.partial
    assert report.total.amount == sum((r.amount for r in reference.records if r.start >= report.period.start),
                                      Decimal(0))


def test_access_denied_in_the_pipeline_is_a_partial_report_naming_the_permission(ce: tuple[Any, int]) -> None:
    client, _ = ce
    FailFirst(client, "GetCostAndUsage", "AccessDeniedException", message="User is not authorized")

    report = _analysis(CostExplorerCostSource(client, retry=NO_WAIT), Clock()).answer(REQUEST)

    assert report is not None and report.partial
    assert report.missing[0].batch_id == "costs"
    assert "SourceAccessDeniedError" in report.missing[0].reason and "ce:GetCostAndUsage" in report.missing[0].reason
