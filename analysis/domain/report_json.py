"""The report as a stable JSON document (schema version 1): CLI `--format json`, S3 `report.json`.

Money is a decimal string, exact (never rounded, so parts always sum to the total); dates are ISO
8601; periods are `{start, end}` with `end` exclusive, as Cost Explorer has them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from analysis.domain.anomalies import Spike
from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import GroupBy
from analysis.domain.money import Money
from analysis.domain.period import Period
from analysis.domain.report import CostReport, DailyPoint, LineItem, MissingPart

SCHEMA_VERSION: Literal["1"] = "1"
DecimalString = str  # e.g. "1234.5600000000"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PeriodDoc(_Doc):
    start: date = Field(description="first day, UTC")
    end: date = Field(description="day after the last day (exclusive), UTC")


class ServiceRow(_Doc):
    service: str
    cost: DecimalString
    comparison_cost: DecimalString
    share: DecimalString | None = Field(description="fraction of the total, 0..1; null when the total is 0")


class AccountRow(_Doc):
    account_id: str
    account_name: str
    cost: DecimalString
    comparison_cost: DecimalString
    share: DecimalString | None


class DimensionRow(_Doc):
    key: str
    cost: DecimalString
    comparison_cost: DecimalString
    share: DecimalString | None


class MoverRow(_Doc):
    service: str
    cost: DecimalString
    comparison_cost: DecimalString
    delta: DecimalString
    delta_pct: DecimalString | None


class DailyRow(_Doc):
    date: date
    cost: DecimalString
    comparison_cost: DecimalString | None
    estimated: bool = Field(description="Cost Explorer may still revise this day")


class AnomalyRow(_Doc):
    service: str
    first_day: date
    last_day: date
    expected: DecimalString
    actual: DecimalString
    excess: DecimalString
    source: str


class MissingRow(_Doc):
    batch_id: str
    description: str
    reason: str


class Freshness(_Doc):
    fetched_at: datetime = Field(description="when the cost data was read from its source, UTC")
    source: str
    requests: int = Field(description="billable Cost Explorer requests made for this report")
    estimated_days: list[date]


class CostReportDocument(_Doc):
    schema_version: Literal["1"] = SCHEMA_VERSION
    period: PeriodDoc
    period_label: str
    as_of: date
    comparison_period: PeriodDoc
    currency: str
    basis: Literal["unblended", "amortized", "net-unblended", "net-amortized"]
    credits_included: bool = Field(description="credits and refunds")
    tax_included: bool
    group_by: str
    total: DecimalString
    comparison_total: DecimalString
    delta: DecimalString
    delta_pct: DecimalString | None
    by_service: list[ServiceRow]
    by_account: list[AccountRow]
    by_dimension: list[DimensionRow]
    movers_up: list[MoverRow]
    movers_down: list[MoverRow]
    appeared: list[str]
    vanished: list[str]
    anomalies: list[AnomalyRow]
    daily: list[DailyRow]
    accounts_in_scope: list[str] | None
    partial: bool
    missing: list[MissingRow]
    warnings: list[str]
    freshness: Freshness


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _money(value: Money) -> str:
    return str(value.amount)


def to_document(report: CostReport) -> CostReportDocument:
    comparison = report.period.comparison or report.period
    return CostReportDocument(
        period=PeriodDoc(start=report.period.start, end=report.period.end),
        period_label=report.period.label,
        as_of=report.period.as_of,
        comparison_period=PeriodDoc(start=comparison.start, end=comparison.end),
        currency=report.currency,
        basis=report.basis.metric.value,
        credits_included=report.basis.credits_included,
        tax_included=report.basis.tax_included,
        group_by=str(report.group_by),
        total=_money(report.total),
        comparison_total=_money(report.comparison_total),
        delta=_money(report.delta),
        delta_pct=_s(report.delta_pct),
        by_service=[ServiceRow(service=i.key, cost=_money(i.cost), comparison_cost=_money(i.comparison),
                               share=_s(i.share)) for i in report.by_service],
        by_account=[AccountRow(account_id=i.key, account_name=i.label, cost=_money(i.cost),
                               comparison_cost=_money(i.comparison), share=_s(i.share)) for i in report.by_account],
        by_dimension=[DimensionRow(key=i.key, cost=_money(i.cost), comparison_cost=_money(i.comparison),
                                   share=_s(i.share)) for i in report.by_dimension],
        movers_up=[_mover(i) for i in report.movers_up],
        movers_down=[_mover(i) for i in report.movers_down],
        appeared=list(report.appeared),
        vanished=list(report.vanished),
        anomalies=[AnomalyRow(service=a.service, first_day=a.first_day, last_day=a.last_day,
                              expected=str(a.expected), actual=str(a.actual), excess=str(a.excess),
                              source=a.source) for a in report.anomalies],
        daily=[DailyRow(date=p.day, cost=_money(p.cost),
                        comparison_cost=_money(p.comparison_cost) if p.comparison_cost else None,
                        estimated=p.estimated) for p in report.daily],
        accounts_in_scope=sorted(report.accounts_in_scope) if report.accounts_in_scope is not None else None,
        partial=report.partial,
        missing=[MissingRow(batch_id=m.batch_id, description=m.description, reason=m.reason)
                 for m in report.missing],
        warnings=list(report.warnings),
        freshness=Freshness(fetched_at=report.fetched_at, source=report.source, requests=report.requests,
                            estimated_days=list(report.estimated_days)),
    )


def _mover(item: LineItem) -> MoverRow:
    return MoverRow(service=item.key, cost=_money(item.cost), comparison_cost=_money(item.comparison),
                    delta=_money(item.delta), delta_pct=_s(item.delta_pct))


def report_to_json(report: CostReport, indent: int | None = 2) -> str:
    return to_document(report).model_dump_json(indent=indent)


def report_from_json(text: str | bytes) -> CostReport:
    return from_document(CostReportDocument.model_validate_json(text))


def from_document(doc: CostReportDocument) -> CostReport:
    """Rebuild the report exactly; used when a fresh report is read back from the state store."""
    cur = doc.currency

    def m(text: str) -> Money:
        return Money(Decimal(text), cur)

    def share(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    comparison = Period(doc.comparison_period.start, doc.comparison_period.end, "comparison", doc.as_of)
    period = Period(doc.period.start, doc.period.end, doc.period_label, doc.as_of, comparison)
    services = tuple(LineItem(r.service, r.service, m(r.cost), m(r.comparison_cost), share(r.share))
                     for r in doc.by_service)
    lookup = {item.key: item for item in services}

    def mover(row: MoverRow) -> LineItem:
        return lookup.get(row.service) or LineItem(row.service, row.service, m(row.cost), m(row.comparison_cost),
                                                   None)

    return CostReport(
        period=period,
        basis=CostBasis(Metric(doc.basis), doc.credits_included, doc.tax_included),
        group_by=GroupBy.parse(doc.group_by),
        currency=cur,
        total=m(doc.total),
        comparison_total=m(doc.comparison_total),
        by_service=services,
        by_account=tuple(LineItem(r.account_id, r.account_name, m(r.cost), m(r.comparison_cost), share(r.share))
                         for r in doc.by_account),
        by_dimension=tuple(LineItem(r.key, r.key, m(r.cost), m(r.comparison_cost), share(r.share))
                           for r in doc.by_dimension),
        daily=tuple(DailyPoint(r.date, m(r.cost), m(r.comparison_cost) if r.comparison_cost is not None else None,
                               r.estimated) for r in doc.daily),
        movers_up=tuple(mover(r) for r in doc.movers_up),
        movers_down=tuple(mover(r) for r in doc.movers_down),
        appeared=tuple(doc.appeared),
        vanished=tuple(doc.vanished),
        anomalies=tuple(Spike(a.service, a.first_day, a.last_day, Decimal(a.expected), Decimal(a.actual), a.source)
                        for a in doc.anomalies),
        fetched_at=doc.freshness.fetched_at,
        source=doc.freshness.source,
        accounts_in_scope=frozenset(doc.accounts_in_scope) if doc.accounts_in_scope is not None else None,
        missing=tuple(MissingPart(r.batch_id, r.description, r.reason) for r in doc.missing),
        warnings=tuple(doc.warnings),
        requests=doc.freshness.requests,
        account_names={r.account_id: r.account_name for r in doc.by_account},
    )


def json_schema() -> dict[str, Any]:
    return CostReportDocument.model_json_schema()
