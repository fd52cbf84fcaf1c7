"""Cost Explorer requests (US$ 0.01 each) per `costs last-30d` over 50 accounts × 253 services: our plan
beside the cross-product plan and the one-query-per-service approach, counted against an in-memory Cost
Explorer that pages like the real one, at several assumed page sizes (AWS does not document it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from analysis.domain.accounts import Account, AccountList
from analysis.domain.costs import CostQuery
from analysis.domain.period import parse_period
from analysis.sources.ce_query import ASSUMED_PAGE_GROUPS, comparison_of
from analysis.sources.cost_explorer import CostExplorerCostSource
from analysis.state import MemoryStateStore
from tests.fakes.cost_explorer import FakeCostExplorerClient, SyntheticOrg, catalog_services

PRICE = Decimal("0.01")
QUERY = CostQuery(parse_period("last-30d", date(2026, 11, 15)))
PAGE_SIZES = (2_000, 5_000, ASSUMED_PAGE_GROUPS)


class Directory:
    def __init__(self, org: SyntheticOrg) -> None:
        self.listing = AccountList(tuple(Account(a, f"account-{a[-4:]}") for a in org.account_ids()))

    def accounts(self) -> AccountList:
        return self.listing


def _pages(client: FakeCostExplorerClient, params: dict[str, Any]) -> None:
    response = client.get_cost_and_usage(**params)
    while "NextPageToken" in response:
        response = client.get_cost_and_usage(**params, NextPageToken=response["NextPageToken"])


def _window(start: date, end: date) -> dict[str, str]:
    return {"Start": start.isoformat(), "End": end.isoformat()}


def our_plan(org: SyntheticOrg) -> tuple[int, int]:
    """Requests for the question, then for the same question inside the freshness window."""
    client = FakeCostExplorerClient(org)
    source = CostExplorerCostSource(client, organizations=Directory(org), cache=MemoryStateStore())
    first = source.fetch_costs(QUERY).requests
    return first, source.fetch_costs(QUERY).requests


def cross_product_plan(org: SyntheticOrg) -> int:
    """SERVICE × LINKED_ACCOUNT MONTHLY per window (buckets split at month ends) + DAILY by SERVICE."""
    client = FakeCostExplorerClient(org)
    period, comparison = QUERY.period, comparison_of(QUERY.period)
    for window in ((comparison.start, comparison.end), (period.start, period.end)):
        _pages(client, {"TimePeriod": _window(*window), "Granularity": "MONTHLY", "Metrics": ["AmortizedCost"],
                        "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"},
                                    {"Type": "DIMENSION", "Key": "LINKED_ACCOUNT"}]})
    _pages(client, {"TimePeriod": _window(comparison.start, period.end), "Granularity": "DAILY",
                    "Metrics": ["AmortizedCost"], "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}]})
    return client.requests


def per_service_approach(org: SyntheticOrg) -> int:
    """One query per service (filtered by SERVICE, by LINKED_ACCOUNT, DAILY): what the seed project did."""
    client = FakeCostExplorerClient(org)
    period, comparison = QUERY.period, comparison_of(QUERY.period)
    for service in org.services:
        _pages(client, {"TimePeriod": _window(comparison.start, period.end), "Granularity": "DAILY",
                        "Metrics": ["AmortizedCost"], "GroupBy": [{"Type": "DIMENSION", "Key": "LINKED_ACCOUNT"}],
                        "Filter": {"Dimensions": {"Key": "SERVICE", "Values": [service]}}})
    return client.requests


def _cost(requests: int) -> str:
    return f"{requests:>3} = US$ {requests * PRICE:>6}"


def test_cost_explorer_requests_per_last_30d_over_50_accounts_and_253_services() -> None:
    services = catalog_services(253)
    print("\n[ce requests] costs last-30d, 50 accounts × 253 services (US$ 0.01 per request)")
    print(f"  {'groups/page':>11} | {'our plan':>16} | {'repeat <6 h':>11} | {'cross product':>16} | "
          f"{'one per service':>16}")
    ours_at_assumed = 0
    for size in PAGE_SIZES:
        org = SyntheticOrg(accounts=50, services=services, page_groups=size)
        ours, repeat = our_plan(org)
        cross, per_service = cross_product_plan(org), per_service_approach(org)
        print(f"  {size:>11,} | {_cost(ours)} | {repeat:>11} | {_cost(cross)} | {_cost(per_service)}")
        assert repeat == 0 and ours < cross < per_service
        if size == ASSUMED_PAGE_GROUPS:
            ours_at_assumed = ours
            print(f"  at the assumed page size: per-service / ours = {per_service / ours:.0f}×; "
                  f"a 6-hourly refresh for a month costs US$ {ours * 4 * 30 * PRICE} vs "
                  f"US$ {per_service * 4 * 30 * PRICE}")
    assert ours_at_assumed <= 3  # DESIGN §5
