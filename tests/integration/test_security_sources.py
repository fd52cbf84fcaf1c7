"""Security finding counts: Security Hub on a moto server with imported findings; GuardDuty statistics
and Macie (which moto lacks) through Stubber with the real service models."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from analysis.domain.security import Severity
from analysis.errors import SourceAccessDeniedError
from analysis.sources import security
from analysis.sources.security import AwsSecurityFindings
from tests.fakes.moto_server import MotoServer, moto_server

pytestmark = pytest.mark.integration
ACCOUNT, REGION = "123456789012", "us-east-1"


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with moto_server() as server:
        hub = server.client("securityhub", "eu-central-1")
        hub.enable_security_hub()
        now = datetime.now(UTC).isoformat()
        hub.batch_import_findings(Findings=[{
            "SchemaVersion": "2018-10-08", "Id": f"finding-{n}", "ProductArn":
            f"arn:aws:securityhub:eu-central-1:{ACCOUNT}:product/{ACCOUNT}/default", "GeneratorId": "waste-test",
            "AwsAccountId": ACCOUNT, "Types": ["Software and Configuration Checks"], "CreatedAt": now,
            "UpdatedAt": now, "Severity": {"Label": label}, "Title": f"finding {n}", "Description": "d",
            "Resources": [{"Type": "AwsAccount", "Id": f"AWS::::Account:{ACCOUNT}"}]}
            for n, label in enumerate(["CRITICAL", "HIGH", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"])])
        yield server


def test_security_hub_counts_findings_by_severity_label(moto: MotoServer) -> None:
    found = security.security_hub(moto.client("securityhub", "eu-central-1"))
    assert found.status == "enabled"
    assert found.counts.by_severity == {Severity.CRITICAL: 1, Severity.HIGH: 2, Severity.MEDIUM: 1,
                                        Severity.LOW: 1, Severity.INFORMATIONAL: 1}


def test_the_aws_source_reads_each_region_it_is_given(moto: MotoServer) -> None:
    source = AwsSecurityFindings(boto3.Session(region_name=REGION), ["eu-central-1"], endpoint_url=moto.url)
    found = source.findings("AWS Security Hub")
    assert (found.status, found.regions, found.counts.total) == ("enabled", ("eu-central-1",), 6)


def test_security_hub_not_subscribed_is_a_status_not_an_error() -> None:
    client = _client("securityhub")
    with Stubber(client) as stub:
        stub.add_client_error("get_findings", "InvalidAccessException",
                              f"Account {ACCOUNT} is not subscribed to AWS Security Hub", 401)
        assert security.security_hub(client).status == "not-enabled"


def _client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)


def test_guardduty_statistics_map_scores_to_severity_bands() -> None:
    client = _client("guardduty")
    with Stubber(client) as stub:
        stub.add_response("list_detectors", {"DetectorIds": ["12abc34d567e8fa901bc2d34eexample"]})
        stub.add_response("get_findings_statistics", {"FindingStatistics": {"GroupedBySeverity": [
            {"Severity": 9.5, "TotalFindings": 1}, {"Severity": 8.0, "TotalFindings": 3},
            {"Severity": 5.0, "TotalFindings": 7}, {"Severity": 2.0, "TotalFindings": 20}]}},
            {"DetectorId": "12abc34d567e8fa901bc2d34eexample", "GroupBy": "SEVERITY",
             "FindingCriteria": {"Criterion": {"service.archived": {"Eq": ["false"]}}}})
        found = security.guardduty(client)
    assert found.counts.by_severity == {Severity.CRITICAL: 1, Severity.HIGH: 3, Severity.MEDIUM: 7,
                                        Severity.LOW: 20}


def test_guardduty_without_a_detector_is_not_enabled() -> None:
    client = _client("guardduty")
    with Stubber(client) as stub:
        stub.add_response("list_detectors", {"DetectorIds": []})
        assert security.guardduty(client).status == "not-enabled"


def test_macie_statistics_by_severity_description() -> None:
    client = _client("macie2")
    with Stubber(client) as stub:
        stub.add_response("get_finding_statistics", {"countsByGroup": [
            {"count": 4, "groupKey": "High"}, {"count": 12, "groupKey": "Medium"}, {"count": 40, "groupKey": "Low"}]},
            {"groupBy": "severity.description", "findingCriteria": {"criterion": {"archived": {"eq": ["false"]}}}})
        found = security.macie(client)
    assert found.counts.by_severity == {Severity.HIGH: 4, Severity.MEDIUM: 12, Severity.LOW: 40}


def test_macie_not_enabled_is_a_status_but_a_denial_is_an_error() -> None:
    client = _client("macie2")
    with Stubber(client) as stub:
        stub.add_client_error("get_finding_statistics", "AccessDeniedException",
                              "Macie is not enabled for this account", 403)
        assert security.macie(client).status == "not-enabled"

    class Session:
        def client(self, service: str, **_: Any) -> Any:
            return client

    with Stubber(client) as stub:
        stub.add_client_error("get_finding_statistics", "AccessDeniedException",
                              "User is not authorized to perform: macie2:GetFindingStatistics", 403)
        with pytest.raises(SourceAccessDeniedError, match="macie2:GetFindingStatistics failed in account"):
            AwsSecurityFindings(Session(), [REGION]).findings("Amazon Macie")
