"""Finding counts by severity from Security Hub (GetFindings), GuardDuty (ListDetectors +
GetFindingsStatistics) and Macie (GetFindingStatistics), summed over the regions asked for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from botocore.exceptions import ClientError

from analysis.domain.security import FindingCounts, ServiceFindings, Severity
from analysis.sources.inventory.clients import CLIENT_CONFIG, pages
from analysis.sources.inventory.errors import reading

ClientFor = Callable[[str, str], Any]  # (service, region) -> boto3 client

ACTIVE = {"RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}],
          "WorkflowStatus": [{"Value": "NEW", "Comparison": "EQUALS"}, {"Value": "NOTIFIED", "Comparison": "EQUALS"}]}
MACIE_LABELS = {"High": Severity.HIGH, "Medium": Severity.MEDIUM, "Low": Severity.LOW}


def guardduty_severity(score: float) -> Severity:
    """GuardDuty's documented bands: 9.0+ critical, 7.0+ high, 4.0+ medium, below that low."""
    if score >= 9.0:
        return Severity.CRITICAL
    if score >= 7.0:
        return Severity.HIGH
    if score >= 4.0:
        return Severity.MEDIUM
    return Severity.LOW


def _code(exc: ClientError) -> tuple[str, str]:
    error = exc.response.get("Error", {})
    return str(error.get("Code", "")), str(error.get("Message", ""))


def security_hub(client: Any) -> ServiceFindings:
    try:
        findings = pages(client, "get_findings", "Findings", Filters=ACTIVE, MaxResults=100)
    except ClientError as exc:
        code, message = _code(exc)
        if code == "InvalidAccessException" and "not subscribed" in message.lower():
            return ServiceFindings("not-enabled")
        raise
    counted = Counter(Severity(f.get("Severity", {}).get("Label", "INFORMATIONAL")) for f in findings)
    return ServiceFindings("enabled", FindingCounts(dict(counted)))


def guardduty(client: Any) -> ServiceFindings:
    detectors = pages(client, "list_detectors", "DetectorIds")
    if not detectors:
        return ServiceFindings("not-enabled")
    counts = FindingCounts()
    for detector in detectors:
        stats = client.get_findings_statistics(
            DetectorId=detector, GroupBy="SEVERITY",
            FindingCriteria={"Criterion": {"service.archived": {"Eq": ["false"]}}})["FindingStatistics"]
        counted: Counter[Severity] = Counter()
        for group in stats.get("GroupedBySeverity", []):
            counted[guardduty_severity(float(group["Severity"]))] += int(group["TotalFindings"])
        for score, count in stats.get("CountBySeverity", {}).items():  # the older shape, still returned
            if not stats.get("GroupedBySeverity"):
                counted[guardduty_severity(float(score))] += int(count)
        counts = counts + FindingCounts(dict(counted))
    return ServiceFindings("enabled", counts)


def macie(client: Any) -> ServiceFindings:
    try:
        stats = client.get_finding_statistics(groupBy="severity.description",
                                              findingCriteria={"criterion": {"archived": {"eq": ["false"]}}})
    except ClientError as exc:
        code, message = _code(exc)
        if code == "AccessDeniedException" and "not enabled" in message.lower():
            return ServiceFindings("not-enabled")
        raise
    counted = {MACIE_LABELS[g["groupKey"]]: int(g["count"]) for g in stats.get("countsByGroup", [])
               if g.get("groupKey") in MACIE_LABELS}
    return ServiceFindings("enabled", FindingCounts(counted))


READERS = {"AWS Security Hub": ("securityhub", security_hub), "Amazon GuardDuty": ("guardduty", guardduty),
           "Amazon Macie": ("macie2", macie)}


class AwsSecurityFindings:
    """Counts in the regions given (use the Security Hub aggregation region, or every region you run them)."""

    name = "aws"

    def __init__(self, session: Any, regions: Sequence[str], *, account_id: str = "(caller)",
                 endpoint_url: str | None = None) -> None:
        self._session, self.regions, self._account = session, tuple(regions), account_id
        self._endpoint_url = endpoint_url

    def _client(self, service: str, region: str) -> Any:
        extra = {"endpoint_url": self._endpoint_url} if self._endpoint_url else {}
        return self._session.client(service, region_name=region, config=CLIENT_CONFIG, **extra)

    def findings(self, service: str) -> ServiceFindings:
        api, read = READERS[service]
        enabled_in: list[str] = []
        counts = FindingCounts()
        for region in self.regions:
            with reading(api, self._account, region):
                found = read(self._client(api, region))
            if found.status == "enabled":
                enabled_in.append(region)
                counts = counts + found.counts
        return ServiceFindings("enabled" if enabled_in else "not-enabled", counts, tuple(enabled_in))
