"""The Cost Explorer query plan: fewest pages, buckets that never straddle the period and its comparison."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import CostQuery, GroupBy
from analysis.domain.period import parse_period
from analysis.sources.ce_query import PlanHints, build_filter, comparison_of, month_buckets, plan_requests
from analysis.sources.ce_results import read_groups
from analysis.sources.errors import CostExplorerResponseError
from tests.fakes.cost_explorer import bucket, paginate

AS_OF = date(2026, 11, 15)


def _shape(query: CostQuery, hints: PlanHints | None = None) -> list[tuple[str, str, str, str, str]]:
    return [(r.role, r.granularity, r.group_by[0][1], r.start.isoformat(), r.end.isoformat())
            for r in plan_requests(query, hints or PlanHints())]


def test_last_30d_is_one_daily_service_request_and_one_account_request() -> None:
    assert _shape(CostQuery(parse_period("last-30d", AS_OF))) == [
        ("services", "DAILY", "SERVICE", "2026-09-16", "2026-11-15"),
        ("accounts", "DAILY", "LINKED_ACCOUNT", "2026-09-16", "2026-11-15"),
    ]


def test_a_thousand_accounts_read_monthly_per_window_when_daily_rows_would_need_more_pages() -> None:
    shape = _shape(CostQuery(parse_period("last-30d", AS_OF)), PlanHints(accounts=1000))
    assert shape[1:] == [("accounts", "MONTHLY", "LINKED_ACCOUNT", "2026-09-16", "2026-10-16"),
                         ("accounts", "MONTHLY", "LINKED_ACCOUNT", "2026-10-16", "2026-11-15")]


def test_calendar_months_read_accounts_in_one_monthly_request() -> None:
    shape = _shape(CostQuery(parse_period("last-month", AS_OF)))
    assert shape[1] == ("accounts", "MONTHLY", "LINKED_ACCOUNT", "2026-09-01", "2026-11-01")


def test_one_account_in_scope_needs_no_account_request() -> None:
    query = CostQuery(parse_period("last-30d", AS_OF), accounts=frozenset({"600000000001"}))
    assert [role for role, *_ in _shape(query)] == ["services"]


@pytest.mark.parametrize(("by", "kind", "key"), [("region", "DIMENSION", "REGION"), ("tag:team", "TAG", "team"),
                                                 ("cost-category:unit", "COST_CATEGORY", "unit")])
def test_a_breakdown_adds_one_request_grouped_by_that_dimension(by: str, kind: str, key: str) -> None:
    plan = plan_requests(CostQuery(parse_period("last-30d", AS_OF), group_by=GroupBy.parse(by)))
    assert [r.role for r in plan] == ["services", "accounts", "dimension"]
    assert plan[2].params()["GroupBy"] == [{"Type": kind, "Key": key}]


def test_periods_older_than_the_daily_history_use_monthly_buckets_without_a_daily_request() -> None:
    shape = _shape(CostQuery(parse_period("2024-Q3", AS_OF)))
    assert shape == [("services", "MONTHLY", "SERVICE", "2024-04-01", "2024-10-01"),
                     ("accounts", "MONTHLY", "LINKED_ACCOUNT", "2024-04-01", "2024-10-01")]


def test_a_long_unaligned_span_reads_monthly_windows_and_the_recent_days_daily() -> None:
    shape = _shape(CostQuery(parse_period("last-400d", AS_OF)))
    assert [s[:2] for s in shape[:3]] == [("services", "MONTHLY"), ("services", "MONTHLY"), ("daily", "DAILY")]
    assert shape[2][3] == "2025-10-01"


@pytest.mark.parametrize("text", ["last-30d", "last-7d", "mtd", "qtd", "ytd", "last-month", "last-quarter",
                                  "2026-10", "2026-Q2", "2025", "last-3m", "2026-10-20..2026-11-05", "today"])
def test_no_planned_bucket_straddles_the_period_and_its_comparison(text: str) -> None:
    query = CostQuery(parse_period(text, AS_OF))
    period, comparison = query.period, comparison_of(query.period)
    monthly = [r for r in plan_requests(query, PlanHints(accounts=5000)) if r.granularity == "MONTHLY"]
    for request in monthly:  # DAILY buckets are single days: they cannot straddle
        for start, end in month_buckets(request.start, request.end):
            inside = (period.start <= start and end <= period.end) or \
                (comparison.start <= start and end <= comparison.end)
            assert inside, (text, request.role, start, end)
    assert monthly or text in {"last-30d", "last-7d", "mtd", "qtd", "2026-10-20..2026-11-05", "today"}


def test_filters_combine_scope_and_record_types() -> None:
    assert build_filter(CostBasis(Metric.UNBLENDED, credits_included=True, tax_included=True), None) is None
    assert build_filter(CostBasis(), frozenset({"2", "1"})) == {"And": [
        {"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": ["1", "2"]}},
        {"Not": {"Dimensions": {"Key": "RECORD_TYPE", "Values": ["Credit", "Refund"]}}},
    ]}


def test_the_cache_key_is_the_exact_request() -> None:
    period = parse_period("last-30d", AS_OF)
    amortized = plan_requests(CostQuery(period))[0]
    net = plan_requests(CostQuery(period, CostBasis(Metric.NET_AMORTIZED)))[0]
    assert amortized.cache_key() == plan_requests(CostQuery(period))[0].cache_key()
    assert amortized.cache_key() != net.cache_key()


def test_month_buckets_split_at_each_first_of_month() -> None:
    assert month_buckets(date(2026, 12, 20), date(2027, 2, 3)) == [
        (date(2026, 12, 20), date(2027, 1, 1)), (date(2027, 1, 1), date(2027, 2, 1)),
        (date(2027, 2, 1), date(2027, 2, 3))]


def test_reading_skips_the_days_between_a_mtd_comparison_and_the_period() -> None:
    query = CostQuery(parse_period("mtd", AS_OF))  # 2026-11-01..15 against 2026-10-01..15
    request = plan_requests(query)[0]
    days = [date(2026, 10, 14), date(2026, 10, 20), date(2026, 11, 3)]
    pages = paginate([bucket(d, d.replace(day=d.day + 1), {"AWS Lambda": Decimal(1)}) for d in days], 2)
    read = [(cost.start, cost.in_period) for cost, _ in read_groups(request, pages, query.period,
                                                                    comparison_of(query.period))]
    assert read == [(date(2026, 10, 14), False), (date(2026, 11, 3), True)]
    assert len(pages) == 2


def test_a_bucket_across_the_window_edge_is_refused() -> None:
    query = CostQuery(parse_period("last-30d", AS_OF))
    request = plan_requests(query)[0]
    pages = paginate([bucket(date(2026, 10, 1), date(2026, 11, 1), {"AWS Lambda": Decimal(1)})], 10)
    with pytest.raises(CostExplorerResponseError, match="straddles"):
        list(read_groups(request, pages, query.period, comparison_of(query.period)))
