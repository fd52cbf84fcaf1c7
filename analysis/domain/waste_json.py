"""Waste findings and the waste report as stable JSON documents (schema version 1).

`finops waste --format json` prints the report document; pipeline workers store lists of findings
with `findings_to_json` and the aggregator reads them back. Money is an exact decimal string.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from analysis.domain.findings import (
    ActionKind,
    Corroboration,
    Finding,
    FindingSource,
    SavingGroup,
    ScanScope,
    WasteReport,
)
from analysis.domain.money import Money
from analysis.domain.report import MissingPart

SCHEMA_VERSION: Literal["1"] = "1"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CorroborationRow(_Doc):
    source: FindingSource
    check_id: str
    estimated_monthly_saving: str


class FindingRow(_Doc):
    check_id: str
    title: str
    resource_id: str
    resource_type: str
    account_id: str
    region: str
    reason: str
    estimated_monthly_saving: str = Field(description="decimal string in the report currency, per month")
    currency: str
    pricing_note: str = Field(description="which price, its date and region, or how the source estimated it")
    source: FindingSource
    action: str
    action_kind: ActionKind
    details: dict[str, str]
    agreed_by: list[CorroborationRow] = Field(description="other sources or rules that gave the same advice")


class FindingsDocument(_Doc):
    schema_version: Literal["1"] = SCHEMA_VERSION
    findings: list[FindingRow]


class ScopeDoc(_Doc):
    accounts: list[str]
    regions: list[str]
    families: list[str]


class GroupRow(_Doc):
    key: str
    findings: int
    estimated_monthly_saving: str


class MissingRow(_Doc):
    batch_id: str
    description: str
    reason: str


class WasteReportDocument(_Doc):
    schema_version: Literal["1"] = SCHEMA_VERSION
    kind: Literal["waste"] = "waste"
    generated_at: datetime = Field(description="when the inventories were read, UTC")
    source: str
    currency: str
    scope: ScopeDoc
    total_monthly_saving: str = Field(description="each resource counted once, at its largest finding")
    by_check: list[GroupRow] = Field(description="plain sums per check; checks may overlap on a resource")
    by_account: list[GroupRow] = Field(description="each resource counted once; adds up to the total")
    account_names: dict[str, str]
    findings: list[FindingRow]
    partial: bool
    missing: list[MissingRow]


def _row(finding: Finding) -> FindingRow:
    return FindingRow(
        check_id=finding.check_id, title=finding.title, resource_id=finding.resource_id,
        resource_type=finding.resource_type, account_id=finding.account_id, region=finding.region,
        reason=finding.reason, estimated_monthly_saving=str(finding.estimated_monthly_saving.amount),
        currency=finding.estimated_monthly_saving.currency, pricing_note=finding.pricing_note,
        source=finding.source, action=finding.action, action_kind=finding.action_kind,
        details=dict(finding.details),
        agreed_by=[CorroborationRow(source=c.source, check_id=c.check_id,
                                    estimated_monthly_saving=str(c.estimated_monthly_saving.amount))
                   for c in finding.agreed_by],
    )


def _finding(row: FindingRow) -> Finding:
    def money(text: str) -> Money:
        return Money(Decimal(text), row.currency)

    return Finding(
        check_id=row.check_id, title=row.title, resource_id=row.resource_id, resource_type=row.resource_type,
        account_id=row.account_id, region=row.region, reason=row.reason,
        estimated_monthly_saving=money(row.estimated_monthly_saving), pricing_note=row.pricing_note,
        source=row.source, action=row.action, action_kind=row.action_kind, details=dict(row.details),
        agreed_by=tuple(Corroboration(c.source, c.check_id, money(c.estimated_monthly_saving))
                        for c in row.agreed_by),
    )


def findings_to_json(findings: Iterable[Finding]) -> str:
    return FindingsDocument(findings=[_row(f) for f in findings]).model_dump_json()


def findings_from_json(text: str | bytes) -> list[Finding]:
    return [_finding(row) for row in FindingsDocument.model_validate_json(text).findings]


def _group(group: SavingGroup) -> GroupRow:
    return GroupRow(key=group.key, findings=group.findings, estimated_monthly_saving=str(group.saving.amount))


def to_document(report: WasteReport) -> WasteReportDocument:
    return WasteReportDocument(
        generated_at=report.generated_at,
        source=report.source,
        currency=report.currency,
        scope=ScopeDoc(accounts=list(report.scope.accounts), regions=list(report.scope.regions),
                       families=list(report.scope.families)),
        total_monthly_saving=str(report.total_saving.amount),
        by_check=[_group(g) for g in report.by_check],
        by_account=[_group(g) for g in report.by_account],
        account_names=dict(report.account_names),
        findings=[_row(f) for f in report.findings],
        partial=report.partial,
        missing=[MissingRow(batch_id=m.batch_id, description=m.description, reason=m.reason)
                 for m in report.missing],
    )


def waste_report_to_json(report: WasteReport, indent: int | None = 2) -> str:
    return to_document(report).model_dump_json(indent=indent)


def waste_report_from_json(text: str | bytes) -> WasteReport:
    doc = WasteReportDocument.model_validate_json(text)
    return WasteReport(
        findings=tuple(_finding(row) for row in doc.findings),
        scope=ScanScope(tuple(doc.scope.accounts), tuple(doc.scope.regions), tuple(doc.scope.families)),
        generated_at=doc.generated_at,
        source=doc.source,
        currency=doc.currency,
        missing=tuple(MissingPart(m.batch_id, m.description, m.reason) for m in doc.missing),
        account_names=dict(doc.account_names),
    )


def json_schema() -> dict[str, Any]:
    return WasteReportDocument.model_json_schema()
