from datetime import date, timedelta
from decimal import Decimal

from analysis.catalog import load_catalog
from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import CostQuery, GroupBy
from analysis.domain.period import parse_period
from analysis.domain.report import build_report
from analysis.sources import demo_profile as org
from analysis.sources.demo import DemoCostSource

AS_OF = date(2026, 11, 25)
SOURCE = DemoCostSource()


def report(period="last-30d", basis=CostBasis(), group_by="service", as_of=AS_OF, accounts=None):
    p = parse_period(period, as_of)
    query = CostQuery(p, basis, GroupBy.parse(group_by), accounts)
    return build_report(SOURCE.fetch_costs(query), p, basis, query.group_by)


def test_the_organisation_is_big_enough_to_be_interesting():
    accounts = {a.account_id for a in org.ACCOUNTS}
    services = {s for a in org.ACCOUNTS for s, _ in a.services}
    assert len(accounts) >= 12
    assert len(services) >= 60
    catalog = load_catalog()
    assert [s for s in services if not catalog.entry(s).known] == []


def test_same_seed_same_answer_and_another_seed_another():
    first, second = report(), report()
    assert first.total == second.total
    other = DemoCostSource(seed=7)
    p = parse_period("last-30d", AS_OF)
    assert build_report(other.fetch_costs(CostQuery(p)), p, CostBasis()).total != first.total


def test_thirteen_months_of_history_and_nothing_before():
    assert report("last-12m").total.amount > 0
    assert report("2025-10", as_of=AS_OF).total.amount > 0
    assert report("2025-08").total.amount == 0


def test_the_spike_is_inside_the_last_30_days_and_detected():
    anomalies = report().anomalies
    assert anomalies, "the demo spike must be found"
    spike = anomalies[0]
    assert spike.service == org.SPIKE_SERVICE
    assert spike.first_day == AS_OF - timedelta(days=max(org.SPIKE_DAYS_AGO))
    assert spike.last_day == AS_OF - timedelta(days=min(org.SPIKE_DAYS_AGO))


def test_a_service_appears_and_another_vanishes():
    r = report()
    assert org.BEDROCK in r.appeared
    assert org.EMR in r.vanished


def test_credits_and_the_refund_only_count_when_included():
    excluded = report(basis=CostBasis(Metric.AMORTIZED, credits_included=False))
    included = report(basis=CostBasis(Metric.AMORTIZED, credits_included=True))
    assert included.total < excluded.total
    support = included.service(org.SUPPORT).cost.amount - excluded.service(org.SUPPORT).cost.amount
    assert support == Decimal(org.REFUND_AMOUNT)


def test_unblended_shows_the_savings_plan_fee_that_amortized_spreads():
    unblended = report(basis=CostBasis(Metric.UNBLENDED))
    amortized = report(basis=CostBasis(Metric.AMORTIZED))
    assert unblended.service(org.SAVINGS_PLANS) is not None
    assert amortized.service(org.SAVINGS_PLANS) is None
    assert amortized.service(org.EC2).cost > unblended.service(org.EC2).cost
    net = report(basis=CostBasis(Metric.NET_AMORTIZED))
    assert net.total < amortized.total


def test_tax_is_left_out_on_request():
    assert report("last-month").service(org.TAX) is not None
    assert report("last-month", basis=CostBasis(tax_included=False)).service(org.TAX) is None


def test_tags_and_regions_break_the_same_total_down():
    base = report()
    by_team = report(group_by="tag:team")
    by_region = report(group_by="region")
    assert by_team.total == base.total == by_region.total
    assert "(untagged)" in {i.key for i in by_team.by_dimension}
    assert {"sa-east-1", "us-east-1", "global"} <= {i.key for i in by_region.by_dimension}


def test_account_scope_limits_the_data():
    scoped = report(accounts=frozenset({"600000000001"}))
    assert {i.key for i in scoped.by_account} == {"600000000001"}
    assert scoped.total < report().total


def test_today_is_partial_and_estimated():
    today = report("today")
    assert all(p.estimated for p in today.daily)
    assert today.total < today.comparison_total
