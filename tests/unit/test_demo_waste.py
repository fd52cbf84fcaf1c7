"""The demo organisation's waste: plausible, stable and consistent with its cost profile."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from analysis.catalog import load_catalog
from analysis.checks import scan
from analysis.checks.registry import family_of_check
from analysis.domain.findings import WasteReport
from analysis.sources import demo_profile as org
from analysis.sources.demo_inventory import DemoInventories

NOW = datetime(2026, 5, 1, 6, tzinfo=UTC)
EC2_OTHER, VPC = org.EC2_OTHER, "Amazon Virtual Private Cloud"
# Which Cost Explorer services bill the resources each family looks at.
BILLED_AS = {
    "ec2": {org.EC2}, "ebs": {EC2_OTHER}, "snapshots": {EC2_OTHER}, "eip": {EC2_OTHER, VPC},
    "nat": {EC2_OTHER, VPC}, "elb": {"Amazon Elastic Load Balancing"}, "rds": {"Amazon Relational Database Service"},
    "logs": {"AmazonCloudWatch"}, "s3": {"Amazon Simple Storage Service"}, "dynamodb": {"Amazon DynamoDB"},
    "lambda": {"AWS Lambda"}, "redshift": {"Amazon Redshift"}, "elasticache": {"Amazon ElastiCache"},
    "emr": {org.EMR},
}


@pytest.fixture(scope="module")
def report() -> WasteReport:
    demo = DemoInventories()
    return scan(demo, demo.default_accounts(), clock=lambda: NOW)


def test_demo_shows_a_few_dozen_findings_with_savings(report: WasteReport) -> None:
    assert 25 <= len(report.findings) <= 45
    assert not report.partial
    assert report.source == "demo"
    assert report.total_saving.amount > Decimal(1000)
    assert len({f.check_id for f in report.findings}) >= 20


def test_demo_findings_live_in_accounts_and_regions_of_the_demo_profile(report: WasteReport) -> None:
    accounts = {a.account_id: a for a in org.ACCOUNTS}
    catalog = load_catalog()  # the profile may use a former service name; compare canonical ones
    for finding in report.findings:
        account = accounts[finding.account_id]
        assert finding.region in {region for region, _ in account.regions}, finding
        if finding.source == "rule":
            billed = {catalog.entry(service).service for service, _ in account.services}
            assert BILLED_AS[family_of_check(finding.check_id)] & billed, finding


def test_demo_shows_aws_recommendations_merged_with_ours(report: WasteReport) -> None:
    agreed = {f.resource_id: {c.source for c in f.agreed_by} for f in report.findings if f.agreed_by}
    assert agreed["vol-0bruno0000000001"] == {"cost-optimization-hub"}
    assert agreed["push-dispatcher"] == {"rule"}
    assert agreed["vol-0api00000000001"] == {"compute-optimizer"}


def test_the_retired_emr_cluster_leaves_orphaned_snapshots_but_no_cluster(report: WasteReport) -> None:
    checks = {f.check_id for f in report.findings if f.account_id == org.SPIKE_ACCOUNT}
    assert "snapshot-orphaned" in checks
    assert "emr-idle" not in checks


def test_the_demo_is_deterministic() -> None:
    demo = DemoInventories()
    first = scan(demo, demo.default_accounts(), clock=lambda: NOW)
    second = scan(demo, demo.default_accounts(), clock=lambda: NOW)
    assert first == second
