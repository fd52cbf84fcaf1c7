"""Every rule against a resource it must flag and a near-identical one it must spare, with the saving."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from analysis.checks import FAMILIES, all_rules, load_prices
from analysis.checks.resources import (
    Address,
    Bucket,
    CacheCluster,
    DbInstance,
    DbSnapshot,
    EmrCluster,
    Function,
    Instance,
    LoadBalancer,
    LogGroup,
    NatGateway,
    RedshiftCluster,
    Snapshot,
    Table,
    Volume,
)
from analysis.checks.rules import CheckContext, RuleFamily, evaluate
from analysis.domain.findings import Finding

NOW = datetime(2026, 5, 1, 6, tzinfo=UTC)
GIB = 1024**3


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def volume(**changes: Any) -> Volume:
    base = Volume("vol-1", "gp2", 100, "in-use", ago(400), instance_id="i-1", instance_state="running")
    return replace(base, **changes)


def instance(**changes: Any) -> Instance:
    return replace(Instance("i-1", "m5.large", "running", ago(400), None, "linux", "x86_64", cpu_max=40.0), **changes)


def db(**changes: Any) -> DbInstance:
    return replace(DbInstance("db-1", "db.m5.large", "mysql", "available", False, "gp3", 100, ago(400), 12.0),
                   **changes)


def fn(**changes: Any) -> Function:
    return replace(Function("f", "python3.12", 512, 30, "arm64", 1_000_000, 100.0, 800.0), **changes)


NAT = NatGateway("nat-1", "available", ago(100), "vpc-1", 0, 0, True)
LB = LoadBalancer("lb-1", "application", ago(100), 1, 2, 5000, "arn:lb-1")
SNAP = Snapshot("snap-1", "vol-1", 100, ago(30), True, False)
DBSNAP = DbSnapshot("s-1", "db-1", "manual", ago(30), 200, True)
CACHE = CacheCluster("c-1", "cache.m5.large", 2, "redis", "available", ago(100), 40.0)
REDSHIFT = RedshiftCluster("r-1", "dc2.large", 2, "available", ago(100), 3.0)
EMR = EmrCluster("j-1", "etl", "WAITING", ago(100), (("m5.xlarge", 3),), 0.2)

# (check id, resource it flags, resource it spares, expected US$ saving at us-east-1 prices)
CASES: list[tuple[str, Any, Any, str]] = [
    ("ebs-unattached", volume(state="available"), volume(), "10.00"),
    ("ebs-unattached", volume(state="available", volume_type="io1", iops=1000), volume(), "77.50"),
    ("ebs-on-stopped-instance", volume(instance_state="stopped", instance_stopped_since=ago(10)),
     volume(instance_state="stopped", instance_stopped_since=ago(2)), "10.00"),
    ("ebs-gp2-to-gp3", volume(), volume(volume_type="gp3"), "2.00"),
    # 200 − (160 + 3000 IOPS × 0.005 + 125 MiB/s × 0.04)
    ("ebs-gp2-to-gp3", volume(size_gib=2000), volume(size_gib=2000, state="available"), "20.00"),
    # 12.50 + 260 − (8 + 5)
    ("ebs-io1-to-gp3", volume(volume_type="io1", iops=4000), volume(volume_type="io1", iops=20000), "259.50"),
    ("ebs-io1-to-io2", volume(volume_type="io1", iops=40000), volume(volume_type="io1", iops=16000), "156.00"),
    ("snapshot-orphaned", replace(SNAP, source_volume_exists=False),
     replace(SNAP, source_volume_exists=False, used_by_image=True), "5.00"),
    ("snapshot-old", replace(SNAP, started=ago(400)), SNAP, "5.00"),
    ("eip-unassociated", Address("eipalloc-1", "1.2.3.4", None),
     Address("eipalloc-2", "1.2.3.5", "eipassoc-1", "i-1", "running"), "3.65"),
    ("eip-on-stopped-instance", Address("eipalloc-1", "1.2.3.4", "eipassoc-1", "i-1", "stopped"),
     Address("eipalloc-2", "1.2.3.5", "eipassoc-2", "i-2", "running"), "3.65"),
    ("nat-idle", NAT, replace(NAT, bytes_out=5 * GIB), "32.85"),
    ("nat-idle", replace(NAT, bytes_out=None, connections_max=None), replace(NAT, created=ago(3)), "32.85"),
    ("nat-unrouted", replace(NAT, routed=False, bytes_out=9 * GIB), NAT, "32.85"),
    ("elb-no-listeners", replace(LB, listeners=0), LB, "16.42"),
    ("elb-no-targets", replace(LB, targets=0), LB, "16.42"),
    ("elb-idle", replace(LB, requests=0), replace(LB, requests=0, created=ago(5)), "16.42"),
    ("elb-idle", replace(LB, lb_type="classic", requests=None), replace(LB, requests=1), "18.25"),
    ("ec2-long-stopped", instance(state="stopped", stopped_since=ago(40)),
     instance(state="stopped", stopped_since=ago(20)), "0.00"),
    ("ec2-idle", instance(cpu_max=2.0), instance(cpu_max=2.0, launch_time=ago(3)), "70.08"),
    ("ec2-previous-generation", instance(instance_type="m4.xlarge"), instance(instance_type="m5.xlarge"), "5.84"),
    ("ec2-previous-generation", instance(instance_type="t2.medium"),
     instance(instance_type="t2.medium", state="stopped"), "3.50"),
    ("ec2-graviton", instance(), instance(platform="windows"), "13.87"),
    ("ec2-graviton", instance(instance_type="c5.xlarge"), instance(instance_type="c5.xlarge", spot=True), "24.82"),
    ("rds-idle", db(connections_max=0.0), db(connections_max=0.0, created=ago(2)), "124.83"),
    ("rds-idle", db(connections_max=None, multi_az=True), db(), "249.66"),
    ("rds-previous-generation", db(instance_class="db.m4.large"), db(instance_class="db.m6g.large"), "2.92"),
    ("rds-graviton", db(), db(engine="sqlserver-se"), "13.87"),
    ("rds-snapshot-orphaned", replace(DBSNAP, source_instance_exists=False),
     replace(DBSNAP, source_instance_exists=False, snapshot_type="automated"), "19.00"),
    ("rds-snapshot-old", replace(DBSNAP, created=ago(500)), DBSNAP, "19.00"),
    ("logs-no-retention", LogGroup("/g", None, 100 * GIB, ago(180)), LogGroup("/g", 30, 100 * GIB, ago(180)),
     "1.50"),
    ("s3-no-lifecycle", Bucket("b", "us-east-1", ago(10), False, 1000 * GIB), Bucket("b", "us-east-1", ago(10),
                                                                                     True, 1000 * GIB), "5.25"),
    ("dynamodb-no-autoscaling", Table("t", "PROVISIONED", 100, 50, False, 7.0, 3.5),
     Table("t", "PROVISIONED", 100, 50, True, 7.0, 3.5), "29.89"),  # 730 × (90 × 0.00013 + 45 × 0.00065)
    # 1 GB × 100,000 s × 730/336 × arm64 price
    ("lambda-memory-oversized", fn(memory_mb=2048), fn(memory_mb=2048, invocations=0), "2.90"),
    ("lambda-timeout-excessive", fn(timeout_s=900), fn(timeout_s=900, max_duration_ms=120_000.0), "0.00"),
    ("lambda-arm64", fn(architecture="x86_64"), fn(), "0.36"),
    ("redshift-idle", replace(REDSHIFT, connections_max=0.0), REDSHIFT, "365.00"),
    ("elasticache-idle", replace(CACHE, connections_max=None), CACHE, "227.76"),
    ("elasticache-previous-generation", replace(CACHE, node_type="cache.r4.large"), CACHE, "17.52"),
    ("emr-idle", replace(EMR, idle_ratio=0.95), EMR, "499.32"),  # 730 × 3 × (0.192 + 0.048) × 0.95
]


def run(check_id: str, resources: Sequence[Any], region: str = "us-east-1") -> list[Finding]:
    ctx = CheckContext(NOW, "111111111111", region)
    findings: list[Finding] = []
    for parts in FAMILIES.values():
        for part in parts:
            if isinstance(part, RuleFamily) and any(r.check_id == check_id for r in part.rules):
                only = replace(part, rules=tuple(r for r in part.rules if r.check_id == check_id))
                findings += evaluate(only, [r for r in resources if isinstance(r, type(resources[0]))], ctx,
                                     load_prices())
    return findings


@pytest.mark.parametrize(("check_id", "flagged", "spared", "saving"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_flags_what_it_should_and_spares_what_it_should_not(check_id: str, flagged: Any, spared: Any,
                                                                 saving: str) -> None:
    [found] = run(check_id, [flagged])
    assert found.check_id == check_id
    assert found.estimated_monthly_saving.amount == Decimal(saving)
    assert found.source == "rule"
    assert found.account_id == "111111111111"
    assert found.pricing_note  # every estimate cites its prices or says why there is none
    assert "{" not in found.reason and "{" not in found.action  # every placeholder was filled
    assert run(check_id, [spared]) == []


def test_every_rule_has_a_case() -> None:
    assert {rule.check_id for rule in all_rules()} == {case[0] for case in CASES}


def test_at_least_25_checks_with_unique_ids() -> None:
    ids = [rule.check_id for rule in all_rules()]
    assert len(ids) >= 25
    assert len(ids) == len(set(ids))


def test_region_missing_from_the_price_table_uses_us_east_1_and_says_so() -> None:
    [found] = run("redshift-idle", [replace(REDSHIFT, connections_max=0.0)], region="ap-southeast-2")
    assert found.region == "ap-southeast-2"
    assert found.estimated_monthly_saving.amount == Decimal("365.00")
    assert "no ap-southeast-2 price" in found.pricing_note and "us-east-1" in found.pricing_note


def test_regional_prices_are_used_where_the_table_has_them() -> None:
    [found] = run("nat-idle", [NAT], region="sa-east-1")
    assert found.estimated_monthly_saving.amount == Decimal("67.89")  # 730 h × US$ 0.093
    assert "(sa-east-1, as of 2025-06-01)" in found.pricing_note


def test_unknown_instance_price_reports_the_finding_without_inventing_a_saving() -> None:
    [found] = run("ec2-previous-generation", [instance(instance_type="m4.16xlarge")])
    assert found.estimated_monthly_saving.amount == 0
    assert found.pricing_note.startswith("saving not estimated: no ec2 price for 'm4.16xlarge'")


def test_bucket_findings_carry_the_bucket_region_not_the_batch_region() -> None:
    ctx = CheckContext(NOW, "111111111111", "global")
    [part] = FAMILIES["s3"]
    assert isinstance(part, RuleFamily)
    [found] = evaluate(part, [Bucket("b", "sa-east-1", ago(10), False, None)], ctx, load_prices())
    assert found.region == "sa-east-1"
    assert found.estimated_monthly_saving.amount == 0
    assert "size unknown" in found.pricing_note
