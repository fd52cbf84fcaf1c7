from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from analysis.domain.basis import CostBasis
from analysis.domain.costs import OTHER, CostData, CostRecord, GroupBy
from analysis.domain.money import Money
from analysis.domain.period import parse_period
from analysis.domain.report import RecordOutsidePeriodError, build_report

AS_OF = date(2026, 11, 25)
PERIOD = parse_period("last-7d", AS_OF)  # 2026-11-18 .. 2026-11-25, comparison 2026-11-11 .. 2026-11-18


def rec(day: date, service: str, amount: str, account: str = "111111111111", dim: str | None = None) -> CostRecord:
    return CostRecord(day, day + timedelta(days=1), account, service, Decimal(amount), dim)


def data(records, **kw) -> CostData:
    return CostData(records=records, currency="USD", fetched_at=datetime(2026, 11, 25, 6, tzinfo=UTC), **kw)


def d(n: int) -> date:
    return date(2026, 11, n)


def test_totals_deltas_and_shares():
    report = build_report(data([rec(d(18), "EC2", "70"), rec(d(19), "S3", "30"), rec(d(12), "EC2", "50"),
                                rec(d(12), "S3", "30")]), PERIOD, CostBasis())
    assert report.total == Money.of("100")
    assert report.comparison_total == Money.of("80")
    assert report.delta == Money.of("20")
    assert report.delta_pct == Decimal(25)
    assert [(i.key, i.cost.amount, i.share) for i in report.by_service] == [
        ("EC2", Decimal(70), Decimal("0.7")), ("S3", Decimal(30), Decimal("0.3"))]
    assert report.movers_up[0].key == "EC2" and report.movers_up[0].delta == Money.of("20")
    assert report.movers_down == ()


def test_a_service_that_appears_and_one_that_vanishes():
    report = build_report(data([rec(d(20), "Bedrock", "5"), rec(d(12), "EMR", "9"), rec(d(20), "S3", "1"),
                                rec(d(12), "S3", "1")]), PERIOD, CostBasis())
    assert report.appeared == ("Bedrock",)
    assert report.vanished == ("EMR",)
    assert report.service("EMR").cost == Money.of("0")


def test_rows_without_a_service_or_account_go_under_other_and_nothing_is_dropped():
    report = build_report(data([rec(d(20), "", "4", account=""), rec(d(20), "S3", "6")]), PERIOD, CostBasis())
    assert report.service(OTHER).cost == Money.of("4")
    assert {i.key for i in report.by_account} == {OTHER, "111111111111"}
    assert report.total == Money.of("10")


def test_untagged_rows_are_named_when_grouped_by_tag():
    report = build_report(data([rec(d(20), "S3", "6", dim="payments"), rec(d(20), "S3", "4", dim=None)]),
                          PERIOD, CostBasis(), GroupBy.parse("tag:team"))
    assert {i.key: i.cost.amount for i in report.by_dimension} == {"payments": 6, "(untagged)": 4}


def test_a_record_outside_the_period_and_its_comparison_is_a_source_bug():
    with pytest.raises(RecordOutsidePeriodError):
        build_report(data([rec(d(1), "EC2", "1")]), PERIOD, CostBasis())


def test_daily_series_is_aligned_with_the_comparison_and_flags_unfinal_days():
    report = build_report(data([rec(d(18), "EC2", "3"), rec(d(11), "EC2", "2")]), PERIOD, CostBasis())
    assert len(report.daily) == 7
    first = report.daily[0]
    assert (first.day, first.cost.amount, first.comparison_cost.amount) == (d(18), 3, 2)
    assert [p.day for p in report.daily if p.estimated] == [d(24)]  # yesterday is not final


def test_coarse_records_with_a_separate_daily_series_are_not_double_counted():
    from analysis.domain.costs import DailyCost

    monthly = [CostRecord(d(18), d(25), "1", "EC2", Decimal("70")), CostRecord(d(11), d(18), "1", "EC2", Decimal(7))]
    daily = [DailyCost(d(18) + timedelta(days=i), "EC2", Decimal(10)) for i in range(7)]
    report = build_report(data(monthly, daily=daily), PERIOD, CostBasis())
    assert report.total == Money.of("70")
    assert sum(p.cost.amount for p in report.daily) == Decimal(70)


def test_a_spike_is_reported_as_an_anomaly():
    period = parse_period("last-30d", AS_OF)
    records = []
    for offset in range(60):
        day = period.comparison.start + timedelta(days=offset)
        amount = "400" if day in (d(13), d(14)) else "100"
        records.append(rec(day, "EC2 - Other", amount))
        records.append(rec(day, "S3", "50"))
    report = build_report(data(records), period, CostBasis())
    assert len(report.anomalies) == 1
    spike = report.anomalies[0]
    assert (spike.service, spike.first_day, spike.last_day) == ("EC2 - Other", d(13), d(14))
    assert spike.excess == Decimal(600)


def test_steady_noise_is_not_an_anomaly():
    period = parse_period("last-30d", AS_OF)
    records = [rec(period.comparison.start + timedelta(days=i), "EC2", str(100 + (i * 7) % 11)) for i in range(60)]
    assert build_report(data(records), period, CostBasis()).anomalies == ()
