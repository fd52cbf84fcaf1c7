"""The security posture as a stable JSON document (`finops security --format json`), schema version 1."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from analysis.domain.security import SecurityPosture, Severity, Status


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SecurityLineDoc(_Doc):
    service: str
    spend: str = Field(description="decimal string, the period's spend in the report currency")
    status: Status | None = Field(description="enabled, not-enabled, unread; null: no finding counts for it")
    regions: list[str]
    findings: dict[Severity, int]
    total_findings: int | None
    cost_per_finding: str | None


class MissingDoc(_Doc):
    batch_id: str
    description: str
    reason: str


class SecurityPostureDocument(_Doc):
    schema_version: Literal["1"] = "1"
    kind: Literal["security"] = "security"
    period_start: date
    period_end: date = Field(description="exclusive, UTC")
    basis: str
    credits_included: bool
    currency: str
    total_spend: str
    lines: list[SecurityLineDoc]
    generated_at: datetime
    cost_data_fetched_at: datetime
    source: str
    partial: bool
    missing: list[MissingDoc]


def security_to_json(posture: SecurityPosture, indent: int | None = 2) -> str:
    report = posture.report
    lines = []
    for line in posture.lines:
        found = line.findings
        per = line.cost_per_finding
        lines.append(SecurityLineDoc(
            service=line.service, spend=str(line.spend.amount), status=found.status if found else None,
            regions=list(found.regions) if found else [], findings=dict(found.counts.by_severity) if found else {},
            total_findings=found.counts.total if found else None, cost_per_finding=str(per.amount) if per else None))
    missing = [*report.missing, *posture.missing]
    return SecurityPostureDocument(
        period_start=report.period.start, period_end=report.period.end, basis=report.basis.metric.value,
        credits_included=report.basis.credits_included, currency=report.currency,
        total_spend=str(posture.total_spend.amount), lines=lines, generated_at=posture.generated_at,
        cost_data_fetched_at=report.fetched_at, source=posture.source, partial=posture.partial,
        missing=[MissingDoc(batch_id=m.batch_id, description=m.description, reason=m.reason) for m in missing],
    ).model_dump_json(indent=indent)
