"""What the security services cost next to what they find: spend from the cost report, finding counts
by severity from Security Hub, GuardDuty and Macie."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

from analysis.domain.money import Money, total
from analysis.domain.report import CostReport, MissingPart


class Severity(StrEnum):
    CRITICAL = "CRITICAL"
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"
    INFORMATIONAL = "INFORMATIONAL"


Status = Literal["enabled", "not-enabled", "unread"]


@dataclass(frozen=True, slots=True)
class FindingCounts:
    """Active findings by severity; a severity the service never reports is simply absent."""

    by_severity: Mapping[Severity, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())

    def __add__(self, other: FindingCounts) -> FindingCounts:
        merged = dict(self.by_severity)
        for severity, count in other.by_severity.items():
            merged[severity] = merged.get(severity, 0) + count
        return FindingCounts(merged)

    def count(self, severity: Severity) -> int:
        return self.by_severity.get(severity, 0)


@dataclass(frozen=True, slots=True)
class ServiceFindings:
    """What one finding source said: enabled (with counts) or not enabled where it was asked."""

    status: Status
    counts: FindingCounts = field(default_factory=FindingCounts)
    regions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SecurityLine:
    service: str  # the Cost Explorer service name
    spend: Money
    findings: ServiceFindings | None  # None: this service has no finding counts to show (e.g. WAF)

    @property
    def cost_per_finding(self) -> Money | None:
        if self.findings is None or self.findings.counts.total == 0:
            return None
        return Money(self.spend.amount / self.findings.counts.total, self.spend.currency)


@dataclass(frozen=True)
class SecurityPosture:
    report: CostReport  # the period, basis and freshness the spend comes from
    lines: tuple[SecurityLine, ...]  # largest spend first
    generated_at: datetime
    source: str
    missing: tuple[MissingPart, ...] = ()

    @property
    def total_spend(self) -> Money:
        return total((line.spend for line in self.lines), self.report.currency)

    @property
    def partial(self) -> bool:
        return bool(self.missing) or self.report.partial

    def line(self, service: str) -> SecurityLine | None:
        return next((line for line in self.lines if line.service == service), None)


def build_security_posture(
    report: CostReport,
    security_services: Iterable[str],
    findings: Mapping[str, ServiceFindings],
    generated_at: datetime,
    source: str,
    missing: Iterable[MissingPart] = (),
) -> SecurityPosture:
    """Every security service with spend in the period, plus every service we have counts for (even at
    zero spend, so "enabled but free tier" and "not enabled" both show)."""
    wanted = set(security_services) | set(findings)
    spend = {item.key: item.cost for item in report.by_service if item.key in wanted}
    lines = [SecurityLine(service, spend.get(service, Money.zero(report.currency)), findings.get(service))
             for service in wanted if service in spend or service in findings]
    lines.sort(key=lambda line: (-line.spend.amount, line.service))
    return SecurityPosture(report, tuple(lines), generated_at, source, tuple(missing))
