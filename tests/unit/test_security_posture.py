import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import CostQuery, GroupBy
from analysis.domain.money import Money
from analysis.domain.period import parse_period
from analysis.domain.report import CostReport, build_report
from analysis.domain.security import FindingCounts, ServiceFindings, Severity
from analysis.domain.security_json import security_to_json
from analysis.errors import SourceAccessDeniedError, SourceError
from analysis.security import COUNTED, assess_security
from analysis.sources.demo import DemoCostSource
from bot.cli import main

NOW = datetime(2026, 5, 1, 6, tzinfo=UTC)


@pytest.fixture(scope="module")
def report() -> CostReport:
    period = parse_period("last-30d", date(2026, 5, 1))
    basis = CostBasis(Metric.AMORTIZED, False, True)
    data = DemoCostSource().fetch_costs(CostQuery(period, basis, GroupBy(), None))
    return build_report(data, period, basis)


@dataclass
class FakeFindings:
    answers: dict[str, ServiceFindings | SourceError] = field(default_factory=dict)
    name: str = "fake"

    def findings(self, service: str) -> ServiceFindings:
        answer = self.answers.get(service, ServiceFindings("not-enabled"))
        if isinstance(answer, SourceError):
            raise answer
        return answer


def test_spend_comes_from_the_cost_report_for_every_security_service(report: CostReport) -> None:
    hub = ServiceFindings("enabled", FindingCounts({Severity.HIGH: 4, Severity.LOW: 6}), ("us-east-1",))
    posture = assess_security(report, FakeFindings({"AWS Security Hub": hub}), lambda: NOW)
    services = [line.service for line in posture.lines]
    assert {"Amazon GuardDuty", "AWS Security Hub", "Amazon Macie", "Amazon Inspector", "AWS WAF"} <= set(services)
    assert "Amazon Simple Storage Service" not in services
    spends = [line.spend.amount for line in posture.lines]
    assert spends == sorted(spends, reverse=True)
    line = posture.line("AWS Security Hub")
    assert line is not None and line.spend == report.service("AWS Security Hub").cost  # type: ignore[union-attr]
    assert line.cost_per_finding == Money(line.spend.amount / 10)
    assert posture.total_spend == Money(sum((ln.spend.amount for ln in posture.lines), Decimal(0)))
    assert not posture.partial


def test_a_finding_source_that_fails_is_a_missing_part_not_zero_findings(report: CostReport) -> None:
    failing = FakeFindings({"Amazon Macie": SourceAccessDeniedError("macie2:GetFindingStatistics denied")})
    posture = assess_security(report, failing, lambda: NOW)
    assert posture.partial
    [missing] = posture.missing
    assert missing.batch_id == "security-macie"
    assert missing.reason == "SourceAccessDeniedError: macie2:GetFindingStatistics denied"
    macie = posture.line("Amazon Macie")
    assert macie is not None and macie.findings is not None and macie.findings.status == "unread"
    assert macie.cost_per_finding is None


def test_counted_services_show_even_without_spend(report: CostReport) -> None:
    scoped = build_report(DemoCostSource().fetch_costs(CostQuery(report.period, report.basis, GroupBy(),
                                                                 frozenset({"990000000001"}))),
                          report.period, report.basis)
    posture = assess_security(scoped, FakeFindings(), lambda: NOW)
    assert {line.service for line in posture.lines} == set(COUNTED)
    assert all(line.spend.is_zero() and line.findings and line.findings.status == "not-enabled"
               for line in posture.lines)


def test_finding_counts_add_across_regions() -> None:
    east = FindingCounts({Severity.HIGH: 2, Severity.LOW: 1})
    south = FindingCounts({Severity.HIGH: 1, Severity.CRITICAL: 1})
    assert (east + south).by_severity == {Severity.HIGH: 3, Severity.LOW: 1, Severity.CRITICAL: 1}
    assert (east + south).total == 5


def test_security_json_names_period_basis_and_counts(report: CostReport) -> None:
    hub = ServiceFindings("enabled", FindingCounts({Severity.CRITICAL: 1}), ("us-east-1",))
    doc = json.loads(security_to_json(assess_security(report, FakeFindings({"AWS Security Hub": hub}), lambda: NOW)))
    assert doc["kind"] == "security" and doc["basis"] == "amortized" and doc["credits_included"] is False
    assert doc["period_start"] == "2026-04-01" and doc["period_end"] == "2026-05-01"
    line = next(row for row in doc["lines"] if row["service"] == "AWS Security Hub")
    assert line["findings"] == {"CRITICAL": 1} and line["total_findings"] == 1
    waf = next(row for row in doc["lines"] if row["service"] == "AWS WAF")
    assert waf["status"] is None and waf["total_findings"] is None


def test_cli_security_demo_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["security", "--as-of", "2026-05-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Security services · last 30 days")
    assert "995 active finding(s)" in out and "enabled in us-east-1" in out
    assert "Basis: amortized · credits and refunds excluded" in out
    assert main(["security", "--as-of", "2026-05-01", "--lang", "pt-BR"]) == 0
    assert "Serviços de segurança · últimos 30 dias" in capsys.readouterr().out


def test_cli_security_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["security", "mtd", "--as-of", "2026-05-20", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    guardduty = next(row for row in doc["lines"] if row["service"] == "Amazon GuardDuty")
    assert guardduty["findings"] == {"HIGH": 2, "MEDIUM": 9, "LOW": 31} and guardduty["status"] == "enabled"
    assert doc["period_start"] == "2026-05-01"
