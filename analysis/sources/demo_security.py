"""The demo organisation's security findings: its security account (acme-security) runs Security Hub,
GuardDuty and Macie in us-east-1, as its costs in `demo_profile` show."""

from __future__ import annotations

from analysis.domain.security import FindingCounts, ServiceFindings, Severity
from analysis.sources import demo_profile as org

DEMO_REGION = org.ACCOUNTS[1].regions[0][0]
DEMO_COUNTS: dict[str, dict[Severity, int]] = {
    "AWS Security Hub": {Severity.CRITICAL: 3, Severity.HIGH: 27, Severity.MEDIUM: 112, Severity.LOW: 240,
                         Severity.INFORMATIONAL: 515},
    "Amazon GuardDuty": {Severity.HIGH: 2, Severity.MEDIUM: 9, Severity.LOW: 31},
    "Amazon Macie": {Severity.HIGH: 4, Severity.MEDIUM: 12, Severity.LOW: 40},
}


class DemoSecurityFindings:
    name = "demo"

    def findings(self, service: str) -> ServiceFindings:
        return ServiceFindings("enabled", FindingCounts(dict(DEMO_COUNTS[service])), (DEMO_REGION,))
