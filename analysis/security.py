"""Security spend next to security findings: the use case behind `finops security`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from analysis.catalog import load_catalog
from analysis.domain.report import CostReport, MissingPart
from analysis.domain.security import SecurityPosture, ServiceFindings, Severity, build_security_posture
from analysis.errors import SourceError

# The services that report findings, by their Cost Explorer names, and the severities each one uses.
REPORTED_SEVERITIES: dict[str, tuple[Severity, ...]] = {
    "AWS Security Hub": tuple(Severity),
    "Amazon GuardDuty": (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW),
    "Amazon Macie": (Severity.HIGH, Severity.MEDIUM, Severity.LOW),
}
COUNTED = tuple(REPORTED_SEVERITIES)


class SecurityFindingsSource(Protocol):
    """Finding counts of one service across the regions asked for. Raises `SourceError` when it cannot
    read; a service that is simply not enabled is `ServiceFindings("not-enabled")`, not an error."""

    name: str

    def findings(self, service: str) -> ServiceFindings: ...


def assess_security(report: CostReport, source: SecurityFindingsSource,
                    clock: Callable[[], datetime]) -> SecurityPosture:
    catalog = load_catalog()
    flagged = [item.key for item in report.by_service if catalog.entry(item.key).security_service]
    findings: dict[str, ServiceFindings] = {}
    missing: list[MissingPart] = []
    for service in COUNTED:
        try:
            findings[service] = source.findings(service)
        except SourceError as exc:
            findings[service] = ServiceFindings("unread")
            missing.append(MissingPart(f"security-{catalog.entry(service).short_name.lower().replace(' ', '-')}",
                                       f"{service} finding counts", f"{type(exc).__name__}: {exc}"))
    return build_security_posture(report, flagged, findings, clock(), source.name, missing)
