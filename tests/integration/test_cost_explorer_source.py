"""CostExplorerCostSource against a moto server: GetCostAndUsage answers are queued through moto's
`/moto-api/static/ce/cost-and-usage-results` (each new request body takes the next answer, so pages
and their order are part of what is tested). Failures moto cannot produce are answered by a botocore
hook before the request leaves the client."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import CostQuery, GroupBy
from analysis.domain.period import parse_period
from analysis.domain.report import build_report
from analysis.errors import SourceAccessDeniedError, SourceError, SourceThrottledError
from analysis.sources.aws_calls import RetryPolicy
from analysis.sources.aws_clients import default_client
from analysis.sources.ce_query import plan_requests
from analysis.sources.cost_explorer import CostExplorerCostSource
from analysis.sources.errors import BillExpiredError, CostDataUnavailableError, PageTokenExpiredError
from analysis.state import MemoryStateStore
from tests.fakes.aws_calls import FailFirst, RequestCounter
from tests.fakes.cost_explorer import SyntheticOrg, bucket, load_moto_results, paginate
from tests.fakes.moto_server import MotoServer

pytestmark = pytest.mark.integration

AS_OF = date(2026, 11, 15)
SERVICES = ["Amazon Elastic Compute Cloud - Compute", "Amazon Simple Storage Service", "AWS Lambda",
            "Amazon Relational Database Service", "AmazonCloudWatch"]
NO_WAIT = RetryPolicy(attempts=4, initial_wait=0, max_wait=0, sleep=lambda _: None)


@pytest.fixture()
def ce(moto: MotoServer) -> Any:
    moto.reset()  # empties moto's queue of Cost Explorer answers
    return default_client("ce", endpoint_url=moto.url)  # botocore retries off, as in production


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 15, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _source(ce: Any, **kwargs: Any) -> CostExplorerCostSource:
    return CostExplorerCostSource(ce, retry=NO_WAIT, **kwargs)


def _load_plan(moto: MotoServer, org: SyntheticOrg, query: CostQuery) -> int:
    """Queue the synthetic organisation's pages for every planned request, in plan order; pages queued."""
    pages = [page for request in plan_requests(query) for page in org.pages(request.params())]
    load_moto_results(moto.url, pages)
    return len(pages)


def _expected_total(org: SyntheticOrg, start: date, end: date, accounts: list[str] | None = None) -> Decimal:
    days = [start + timedelta(days=n) for n in range((end - start).days)]
    return sum((org.cost(a, i, d) for a in accounts or org.account_ids() for i in range(len(org.services))
                for d in days), Decimal(0))


def test_a_two_page_answer_is_followed_and_every_page_counts(moto: MotoServer, ce: Any) -> None:
    org = SyntheticOrg(accounts=3, services=SERVICES, page_groups=45)  # 14 days × 5 services: 2 pages
    query = CostQuery(parse_period("last-7d", AS_OF))
    queued = _load_plan(moto, org, query)
    counter = RequestCounter(ce, "GetCostAndUsage")

    data = _source(ce).fetch_costs(query)
    report = build_report(data, query.period, query.basis)

    assert queued == 3 and counter.total == 3 and data.requests == 3
    assert counter.bodies[1]["NextPageToken"] == "SERVICE-2026-11-01-1"
    assert report.total.amount == _expected_total(org, date(2026, 11, 8), date(2026, 11, 15))
    assert report.comparison_total.amount == _expected_total(org, date(2026, 11, 1), date(2026, 11, 8))
    accounts = {item.key: item.cost.amount for item in report.by_account}
    assert accounts == {a: _expected_total(org, date(2026, 11, 8), date(2026, 11, 15), [a])
                        for a in org.account_ids()}
    assert report.account_names[org.account_ids()[0]] == f"account-{org.account_ids()[0][-4:]}"


def test_a_period_across_a_month_boundary_sums_both_months(moto: MotoServer, ce: Any) -> None:
    org = SyntheticOrg(accounts=2, services=SERVICES)
    query = CostQuery(parse_period("2026-10-20..2026-11-05", AS_OF))
    _load_plan(moto, org, query)

    report = build_report(_source(ce).fetch_costs(query), query.period, query.basis)

    assert report.total.amount == _expected_total(org, date(2026, 10, 20), date(2026, 11, 6))
    assert report.comparison_total.amount == _expected_total(org, date(2026, 10, 3), date(2026, 10, 20))
    assert len(report.daily) == 17 and report.daily[12].day == date(2026, 11, 1)


def test_month_aligned_periods_read_accounts_in_monthly_buckets(moto: MotoServer, ce: Any) -> None:
    org = SyntheticOrg(accounts=4, services=SERVICES)
    query = CostQuery(parse_period("2026-Q3", AS_OF))  # July–September against April–June
    plan = plan_requests(query)
    _load_plan(moto, org, query)

    report = build_report(_source(ce).fetch_costs(query), query.period, query.basis)

    assert [(r.role, r.granularity) for r in plan] == [("services", "DAILY"), ("accounts", "MONTHLY")]
    assert report.total.amount == _expected_total(org, date(2026, 7, 1), date(2026, 10, 1))
    assert sum((i.comparison.amount for i in report.by_account), Decimal(0)) == \
        _expected_total(org, date(2026, 4, 1), date(2026, 7, 1))


def _credit_answer(credits: bool) -> list[dict[str, Any]]:
    day = {"Amazon SageMaker": Decimal("100.00")}
    if credits:
        day["Amazon SageMaker"] = Decimal("65.00")  # the same day with a 35.00 credit netted in
    services = [bucket(date(2026, 11, 1) + timedelta(days=n), date(2026, 11, 2) + timedelta(days=n), day)
                for n in range(14)]
    accounts = [bucket(date(2026, 11, 1) + timedelta(days=n), date(2026, 11, 2) + timedelta(days=n),
                       {"800000000001": day["Amazon SageMaker"]}) for n in range(14)]
    return [*paginate(services, 1000), *paginate(accounts, 1000)]


@pytest.mark.parametrize(("credits", "total"), [(False, Decimal("700.00")), (True, Decimal("455.00"))])
def test_credits_and_refunds_are_left_out_through_record_type_unless_asked(
    moto: MotoServer, ce: Any, credits: bool, total: Decimal,
) -> None:
    load_moto_results(moto.url, _credit_answer(credits))
    counter = RequestCounter(ce, "GetCostAndUsage")
    query = CostQuery(parse_period("last-7d", AS_OF), CostBasis(Metric.AMORTIZED, credits_included=credits))

    report = build_report(_source(ce).fetch_costs(query), query.period, query.basis)

    not_credits = {"Not": {"Dimensions": {"Key": "RECORD_TYPE", "Values": ["Credit", "Refund"]}}}
    assert all(("Filter" in body) is (not credits) for body in counter.bodies)
    if not credits:
        assert counter.bodies[0]["Filter"] == not_credits
    assert report.total.amount == total


def test_the_metric_follows_the_basis(moto: MotoServer, ce: Any) -> None:
    org = SyntheticOrg(accounts=2, services=SERVICES)
    query = CostQuery(parse_period("last-7d", AS_OF), CostBasis(Metric.NET_UNBLENDED, tax_included=False))
    pages = [page for r in plan_requests(query) for page in org.pages(r.params())]
    load_moto_results(moto.url, pages)
    counter = RequestCounter(ce, "GetCostAndUsage")

    data = _source(ce).fetch_costs(query)

    assert {tuple(body["Metrics"]) for body in counter.bodies} == {("NetUnblendedCost",)}
    assert counter.bodies[0]["Filter"]["Not"]["Dimensions"]["Values"] == ["Credit", "Refund", "Tax"]
    assert data.records  # the synthetic answers carry the requested metric name


def test_an_account_scope_becomes_a_linked_account_filter(moto: MotoServer, ce: Any) -> None:
    org = SyntheticOrg(accounts=5, services=SERVICES)
    scope = frozenset(org.account_ids()[1:3])
    query = CostQuery(parse_period("last-7d", AS_OF), accounts=scope)
    _load_plan(moto, org, query)
    counter = RequestCounter(ce, "GetCostAndUsage")

    report = build_report(_source(ce).fetch_costs(query), query.period, query.basis)

    scope_filter = {"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": sorted(scope)}}
    assert all(scope_filter in body["Filter"]["And"] for body in counter.bodies)
    assert {i.key for i in report.by_account} == scope
    assert report.total.amount == _expected_total(org, date(2026, 11, 8), date(2026, 11, 15), sorted(scope))


def test_a_single_account_scope_needs_no_account_breakdown_request(moto: MotoServer, ce: Any) -> None:
    org = SyntheticOrg(accounts=5, services=SERVICES)
    only = org.account_ids()[4]
    query = CostQuery(parse_period("last-7d", AS_OF), accounts=frozenset({only}))
    assert _load_plan(moto, org, query) == 1

    report = build_report(_source(ce).fetch_costs(query), query.period, query.basis)

    assert [i.key for i in report.by_account] == [only]
    assert report.total.amount == _expected_total(org, date(2026, 11, 8), date(2026, 11, 15), [only])


def test_days_cost_explorer_marks_estimated_are_flagged_with_yesterday_and_today(moto: MotoServer, ce: Any) -> None:
    days = [date(2026, 11, 1) + timedelta(days=n) for n in range(15)]
    services = [bucket(d, d + timedelta(days=1), {"AWS Lambda": Decimal("3")}, estimated=d >= date(2026, 11, 10))
                for d in days]
    accounts = [bucket(d, d + timedelta(days=1), {"111111111111": Decimal("3")}) for d in days]
    load_moto_results(moto.url, [*paginate(services, 100), *paginate(accounts, 100)])
    query = CostQuery(parse_period("last-7d", date(2026, 11, 16)))  # 2026-11-09..15; today is the 16th

    report = build_report(_source(ce).fetch_costs(query), query.period, query.basis)

    assert report.estimated_days == tuple(date(2026, 11, d) for d in range(10, 16))


def test_grouping_by_tag_adds_one_request_and_reads_untagged_values(moto: MotoServer, ce: Any) -> None:
    days = [date(2026, 11, 1) + timedelta(days=n) for n in range(14)]
    services = [bucket(d, d + timedelta(days=1), {"AWS Lambda": Decimal("10")}) for d in days]
    accounts = [bucket(d, d + timedelta(days=1), {"111111111111": Decimal("10")}) for d in days]
    tags = [bucket(d, d + timedelta(days=1), {"team$payments": Decimal("7"), "team$": Decimal("3")}) for d in days]
    load_moto_results(moto.url, [*paginate(services, 100), *paginate(accounts, 100), *paginate(tags, 100)])
    counter = RequestCounter(ce, "GetCostAndUsage")
    query = CostQuery(parse_period("last-7d", AS_OF), group_by=GroupBy.parse("tag:team"))

    report = build_report(_source(ce).fetch_costs(query), query.period, query.basis, query.group_by)

    assert counter.bodies[2]["GroupBy"] == [{"Type": "TAG", "Key": "team"}]
    assert {i.key: i.cost.amount for i in report.by_dimension} == {"payments": Decimal("49"),
                                                                  "(untagged)": Decimal("21")}
    assert {i.key: i.cost.amount for i in report.by_account} == {"111111111111": Decimal("70")}


def test_a_repeat_inside_the_freshness_window_costs_no_request(moto: MotoServer, ce: Any) -> None:
    org = SyntheticOrg(accounts=3, services=SERVICES)
    query = CostQuery(parse_period("last-7d", AS_OF))
    _load_plan(moto, org, query)
    clock = Clock()
    source = _source(ce, cache=MemoryStateStore(), clock=clock, freshness=timedelta(hours=6))
    counter = RequestCounter(ce, "GetCostAndUsage")

    first = source.fetch_costs(query)
    clock.now += timedelta(hours=5)
    second = source.fetch_costs(query)
    clock.now += timedelta(hours=2)
    third = source.fetch_costs(query)  # moto answers the same bodies again with the same pages

    assert (first.requests, second.requests, third.requests) == (2, 0, 2)
    assert counter.total == 4
    assert second.records == first.records and second.fetched_at == first.fetched_at
    assert third.fetched_at == clock.now


def test_throttling_on_the_first_calls_still_gives_the_right_answer(moto: MotoServer, ce: Any) -> None:
    org = SyntheticOrg(accounts=3, services=SERVICES)
    query = CostQuery(parse_period("last-7d", AS_OF))
    _load_plan(moto, org, query)
    throttle = FailFirst(ce, "GetCostAndUsage", "LimitExceededException", times=3)

    report = build_report(_source(ce).fetch_costs(query), query.period, query.basis)

    assert throttle.failed == 3
    assert report.total.amount == _expected_total(org, date(2026, 11, 8), date(2026, 11, 15))


def test_throttling_past_the_retries_is_a_named_error(ce: Any) -> None:
    FailFirst(ce, "GetCostAndUsage", "LimitExceededException", times=10)
    with pytest.raises(SourceThrottledError, match="ce:GetCostAndUsage"):
        _source(ce).fetch_costs(CostQuery(parse_period("last-7d", AS_OF)))


def test_access_denied_names_the_missing_permission(ce: Any) -> None:
    FailFirst(ce, "GetCostAndUsage", "AccessDeniedException", message="User is not authorized")
    with pytest.raises(SourceAccessDeniedError, match="ce:GetCostAndUsage") as caught:
        _source(ce).fetch_costs(CostQuery(parse_period("last-7d", AS_OF)))
    assert caught.value.__cause__ is not None  # raised from the ClientError


@pytest.mark.parametrize(("code", "error"), [
    ("DataUnavailableException", CostDataUnavailableError),
    ("BillExpirationException", BillExpiredError),
    ("InvalidNextTokenException", PageTokenExpiredError),
])
def test_cost_explorer_errors_have_names(ce: Any, code: str, error: type[SourceError]) -> None:
    FailFirst(ce, "GetCostAndUsage", code)
    with pytest.raises(error):
        _source(ce).fetch_costs(CostQuery(parse_period("last-7d", AS_OF)))


def test_the_default_client_honours_aws_endpoint_url(moto: MotoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    moto.reset()
    org = SyntheticOrg(accounts=2, services=SERVICES)
    query = CostQuery(parse_period("last-7d", AS_OF))
    _load_plan(moto, org, query)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)

    data = CostExplorerCostSource(retry=NO_WAIT).fetch_costs(query)

    assert data.requests == 2 and data.source == "aws"
    assert build_report(data, query.period, query.basis).total.amount == \
        _expected_total(org, date(2026, 11, 8), date(2026, 11, 15))
