"""Stable JSON documents (schema version 1) for forecasts, anomalies and commitments: CLI `--format json`.

As in the cost report: money is an exact decimal string in `currency`, dates ISO 8601, windows
`{start, end}` with `end` exclusive.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from analysis.domain.commitments import CommitmentsReport
from analysis.domain.cost_anomalies import AnomalyReport
from analysis.domain.forecast import Forecast
from analysis.domain.money import Money


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Provenance(_Doc):
    source: str
    fetched_at: datetime = Field(description="when the figures were read from their source, UTC")
    requests: int = Field(description="billable Cost Explorer requests made for this answer")
    warnings: list[str] = Field(description="warning codes (see the README) or notes")


class Window(_Doc):
    start: date
    end: date = Field(description="exclusive")


class HorizonRow(_Doc):
    kind: Literal["month", "quarter"]
    window: Window
    actual_to_date: str = Field(description="spent from the window's start up to as_of (exclusive)")
    forecast: str = Field(description="mean forecast from as_of to the window's end")
    forecast_lower: str
    forecast_upper: str
    expected_total: str
    total_lower: str
    total_upper: str


class ForecastDocument(_Provenance):
    schema_version: Literal["1"] = "1"
    kind: Literal["forecast"] = "forecast"
    as_of: date
    currency: str
    basis: str
    credits_included: bool
    tax_included: bool
    confidence_pct: int = Field(description="the prediction interval's probability")
    method: str
    horizons: list[HorizonRow]
    accounts_in_scope: list[str] | None


class RootCauseRow(_Doc):
    service: str | None
    region: str | None
    usage_type: str | None
    account_id: str | None
    account_name: str | None
    contribution: str | None


class AnomalyRow(_Doc):
    service: str
    first_day: date
    last_day: date
    expected: str
    actual: str
    excess: str
    sources: list[str]
    root_causes: list[RootCauseRow]
    anomaly_id: str | None
    score: str | None


class AnomaliesDocument(_Provenance):
    schema_version: Literal["1"] = "1"
    kind: Literal["anomalies"] = "anomalies"
    period: Window
    currency: str
    aws_detection: bool = Field(description="false: only our detector over the daily series was used")
    anomalies: list[AnomalyRow]


class CommitmentRow(_Doc):
    kind: Literal["savings-plan", "reserved-instance"]
    commitment_id: str
    description: str
    service: str
    window: Window
    days_left: int
    expiring: bool
    account_id: str | None
    region: str | None
    count: int | None
    hourly_commitment: str | None


class UsageRow(_Doc):
    family: Literal["savings-plans", "reservations"]
    window: Window
    coverage_pct: str | None
    utilization_pct: str | None
    on_demand_cost: str | None
    unused_commitment: str | None
    net_savings: str | None


class CommitmentsDocument(_Provenance):
    schema_version: Literal["1"] = "1"
    kind: Literal["commitments"] = "commitments"
    as_of: date
    currency: str
    expiry_window_days: int
    commitments: list[CommitmentRow]
    usage: list[UsageRow]


def _m(value: Money | None) -> str | None:
    return None if value is None else str(value.amount)


def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def forecast_document(forecast: Forecast) -> ForecastDocument:
    return ForecastDocument(
        as_of=forecast.as_of, currency=forecast.currency, basis=forecast.basis.metric.value,
        credits_included=forecast.basis.credits_included, tax_included=forecast.basis.tax_included,
        confidence_pct=forecast.confidence, method=forecast.method,
        horizons=[HorizonRow(kind=h.kind, window=Window(start=h.start, end=h.end), actual_to_date=str(h.actual.amount),
                             forecast=str(h.forecast.amount), forecast_lower=str(h.lower.amount),
                             forecast_upper=str(h.upper.amount), expected_total=str(h.expected_total.amount),
                             total_lower=str(h.total_lower.amount), total_upper=str(h.total_upper.amount))
                  for h in forecast.horizons],
        accounts_in_scope=sorted(forecast.accounts_in_scope) if forecast.accounts_in_scope is not None else None,
        source=forecast.source, fetched_at=forecast.fetched_at, requests=forecast.requests,
        warnings=list(forecast.warnings),
    )


def anomalies_document(report: AnomalyReport) -> AnomaliesDocument:
    return AnomaliesDocument(
        period=Window(start=report.period.start, end=report.period.end), currency=report.currency,
        aws_detection=report.aws_detection,
        anomalies=[AnomalyRow(service=a.service, first_day=a.first_day, last_day=a.last_day, expected=str(a.expected),
                              actual=str(a.actual), excess=str(a.excess), sources=list(a.sources),
                              root_causes=[RootCauseRow(service=c.service, region=c.region, usage_type=c.usage_type,
                                                        account_id=c.account_id, account_name=c.account_name,
                                                        contribution=_d(c.contribution)) for c in a.root_causes],
                              anomaly_id=a.anomaly_id, score=_d(a.score)) for a in report.anomalies],
        source=report.source, fetched_at=report.fetched_at, requests=report.requests, warnings=list(report.warnings),
    )


def commitments_document(report: CommitmentsReport) -> CommitmentsDocument:
    expiring = {c.commitment_id for c in report.expiring}
    return CommitmentsDocument(
        as_of=report.as_of, currency=report.currency, expiry_window_days=report.window_days,
        commitments=[CommitmentRow(kind=c.kind, commitment_id=c.commitment_id, description=c.description,
                                   service=c.service, window=Window(start=c.start, end=c.end),
                                   days_left=c.days_left(report.as_of), expiring=c.commitment_id in expiring,
                                   account_id=c.account_id, region=c.region, count=c.count,
                                   hourly_commitment=_m(c.hourly_commitment))
                     for c in sorted(report.commitments, key=lambda c: (c.end, c.commitment_id))],
        usage=[UsageRow(family=u.family, window=Window(start=u.start, end=u.end), coverage_pct=_d(u.coverage_pct),
                        utilization_pct=_d(u.utilization_pct), on_demand_cost=_m(u.on_demand_cost),
                        unused_commitment=_m(u.unused_commitment), net_savings=_m(u.net_savings))
               for u in report.usage],
        source=report.source, fetched_at=report.fetched_at, requests=report.requests, warnings=list(report.warnings),
    )


def to_json(document: BaseModel, indent: int | None = 2) -> str:
    return document.model_dump_json(indent=indent)


def json_schemas() -> dict[str, Any]:
    return {doc.__name__: doc.model_json_schema() for doc in (ForecastDocument, AnomaliesDocument, CommitmentsDocument)}
