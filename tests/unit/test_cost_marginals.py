"""Cost data may carry marginals (by account, by dimension) instead of a service × account cross product."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from analysis.domain.basis import CostBasis
from analysis.domain.costs import CostData, CostRecord, GroupBy, KeyedCost, merge_cost_data
from analysis.domain.period import parse_period
from analysis.domain.report import RecordOutsidePeriodError, build_report
from analysis.pipeline.codec import decode_cost_data, encode_cost_data

AS_OF = date(2026, 11, 15)
PERIOD = parse_period("last-7d", AS_OF)  # 2026-11-08..2026-11-15, compared with 2026-11-01..2026-11-08
FETCHED = datetime(2026, 11, 15, 6, tzinfo=UTC)


def _day(offset: int) -> tuple[date, date]:
    start = date(2026, 11, 1 + offset)
    return start, date(2026, 11, 2 + offset)


def _service_only_data() -> CostData:
    records = [CostRecord(*_day(8), "", "Amazon EC2", Decimal("70")),
               CostRecord(*_day(9), "", "Amazon S3", Decimal("30")),
               CostRecord(*_day(1), "", "Amazon EC2", Decimal("50"))]
    by_account = [KeyedCost(*_day(8), "111", Decimal("60")), KeyedCost(*_day(9), "222", Decimal("40")),
                  KeyedCost(*_day(1), "111", Decimal("50"))]
    return CostData(records, "USD", FETCHED, account_names={"111": "prod"}, source="aws", by_account=by_account)


def test_report_takes_accounts_from_the_marginal_not_from_blank_record_accounts() -> None:
    report = build_report(_service_only_data(), PERIOD, CostBasis())
    assert report.total.amount == Decimal("100")
    accounts = {item.key: (item.cost.amount, item.comparison.amount) for item in report.by_account}
    assert accounts == {"111": (Decimal("60"), Decimal("50")), "222": (Decimal("40"), Decimal("0"))}
    assert {item.key for item in report.by_service} == {"Amazon EC2", "Amazon S3"}


def test_report_takes_the_dimension_from_its_marginal_and_blank_keys_read_untagged() -> None:
    data = _service_only_data()
    data.by_dimension = [KeyedCost(*_day(8), "payments", Decimal("80")), KeyedCost(*_day(9), "", Decimal("20"))]
    report = build_report(data, PERIOD, CostBasis(), GroupBy.parse("tag:team"))
    assert {i.key: i.cost.amount for i in report.by_dimension} == {"payments": Decimal("80"),
                                                                  "(untagged)": Decimal("20")}


def test_a_marginal_outside_the_period_and_its_comparison_is_refused() -> None:
    data = _service_only_data()
    data.by_account = [KeyedCost(date(2026, 10, 1), date(2026, 10, 2), "111", Decimal("1"))]
    with pytest.raises(RecordOutsidePeriodError, match="111"):
        build_report(data, PERIOD, CostBasis())


def test_merging_marginal_data_with_cross_product_data_counts_each_account_once() -> None:
    cross = CostData([CostRecord(*_day(10), "333", "Amazon S3", Decimal("5"))], "USD", FETCHED, source="aws")
    merged = merge_cost_data(_service_only_data(), cross)
    report = build_report(merged, PERIOD, CostBasis())
    assert {i.key: i.cost.amount for i in report.by_account} == {
        "111": Decimal("60"), "222": Decimal("40"), "333": Decimal("5")}
    assert report.total.amount == Decimal("105")


def test_marginals_survive_the_pipeline_codec() -> None:
    data = _service_only_data()
    data.by_dimension = [KeyedCost(*_day(8), "sa-east-1", Decimal("80"), estimated=True)]
    decoded = decode_cost_data(encode_cost_data(data))
    assert decoded.by_account == data.by_account
    assert decoded.by_dimension == data.by_dimension
    assert decoded.records == data.records
