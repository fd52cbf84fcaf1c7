"""Planning and running batches, and the local scan that turns failures into missing parts."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from analysis.checks import (
    FAMILIES,
    GLOBAL,
    CheckBatch,
    UnknownCheckError,
    plan_check_batches,
    run_check_batch,
    scan,
)
from analysis.checks.resources import Address, Bucket, Volume
from analysis.domain.money import Money
from analysis.errors import SourceAccessDeniedError, SourceThrottledError
from tests.fakes.inventory import FakeInventories

NOW = datetime(2026, 5, 1, 6, tzinfo=UTC)
A, B = "111111111111", "222222222222"


def unattached(volume_id: str, gib: int = 100) -> Volume:
    return Volume(volume_id, "gp2", gib, "available", NOW - timedelta(days=90))


def test_plan_groups_families_per_account_and_region_and_runs_global_ones_once() -> None:
    batches = plan_check_batches([A, B], ["us-east-1", "sa-east-1"], ["ebs", "eip", "nat", "s3"])
    assert [(b.account_id, b.region, b.families) for b in batches] == [
        (A, "us-east-1", ("ebs", "eip")), (A, "sa-east-1", ("ebs", "eip")),
        (A, "us-east-1", ("nat",)), (A, "sa-east-1", ("nat",)),
        (A, GLOBAL, ("s3",)),
        (B, "us-east-1", ("ebs", "eip")), (B, "sa-east-1", ("ebs", "eip")),
        (B, "us-east-1", ("nat",)), (B, "sa-east-1", ("nat",)),
        (B, GLOBAL, ("s3",)),
    ]
    assert len({b.batch_id for b in batches}) == len(batches)
    assert batches[0].batch_id == f"waste-{A}-us-east-1-compute"


def test_plan_of_every_family_covers_each_family_once_per_account_and_region() -> None:
    batches = plan_check_batches([A], ["us-east-1"])
    covered = [f for b in batches for f in b.families]
    assert sorted(covered) == sorted(FAMILIES)


def test_plan_rejects_an_unknown_family() -> None:
    with pytest.raises(UnknownCheckError, match="ebz"):
        plan_check_batches([A], ["us-east-1"], ["ebz"])


def test_batch_survives_a_json_round_trip_for_step_functions() -> None:
    batch = plan_check_batches([A], ["eu-west-1"], ["rds"])[0]
    assert CheckBatch.model_validate_json(batch.model_dump_json()) == batch
    assert batch.describe() == f"waste checks (rds) in account {A}, eu-west-1"


def test_run_check_batch_returns_findings_and_opens_the_inventory_with_the_clock_and_window() -> None:
    fake = FakeInventories()
    fake.site(A, "us-east-1").volumes.append(unattached("vol-1"))
    [batch] = plan_check_batches([A], ["us-east-1"], ["ebs"])
    [finding] = run_check_batch(batch, fake, lambda: NOW)
    assert (finding.check_id, finding.resource_id, finding.estimated_monthly_saving) == (
        "ebs-unattached", "vol-1", Money(Decimal("10.00")))
    assert fake.opened == [(A, "us-east-1", NOW, 14)]


def test_run_check_batch_raises_access_denied_instead_of_returning_nothing() -> None:
    fake = FakeInventories(failures={(A, "us-east-1"): SourceAccessDeniedError("ec2:DescribeVolumes denied")})
    [batch] = plan_check_batches([A], ["us-east-1"], ["ebs"])
    with pytest.raises(SourceAccessDeniedError, match="DescribeVolumes"):
        run_check_batch(batch, fake, lambda: NOW)


def test_access_denied_in_one_region_gives_a_partial_report_naming_the_batch() -> None:
    fake = FakeInventories(failures={(A, "eu-west-1"): SourceAccessDeniedError("ec2:DescribeVolumes denied")})
    fake.site(A, "us-east-1").volumes.append(unattached("vol-1"))
    report = scan(fake, [A], ["us-east-1", "eu-west-1"], ["ebs"], clock=lambda: NOW)
    assert report.partial
    [missing] = report.missing
    assert missing.batch_id == f"waste-{A}-eu-west-1-compute"
    assert "eu-west-1" in missing.description
    assert missing.reason == "SourceAccessDeniedError: ec2:DescribeVolumes denied"
    assert [f.resource_id for f in report.findings] == ["vol-1"]  # the region that answered still counts


def test_throttling_is_retried_before_a_batch_is_given_up() -> None:
    fake = FakeInventories()
    fake.site(A, "us-east-1").volumes.append(unattached("vol-1"))
    calls = []
    real_open = fake.open

    def flaky_open(account_id: str, region: str, *, now: datetime, window_days: int) -> object:
        calls.append(region)
        if len(calls) == 1:
            raise SourceThrottledError("Throttling: rate exceeded")
        return real_open(account_id, region, now=now, window_days=window_days)

    fake.open = flaky_open  # type: ignore[method-assign]
    report = scan(fake, [A], ["us-east-1"], ["ebs"], clock=lambda: NOW, throttle_attempts=2)
    assert not report.partial
    assert len(calls) == 2
    assert [f.resource_id for f in report.findings] == ["vol-1"]


def test_throttling_that_never_stops_becomes_a_missing_part() -> None:
    fake = FakeInventories(failures={(A, "us-east-1"): SourceThrottledError("Throttling")})
    report = scan(fake, [A], ["us-east-1"], ["eip"], clock=lambda: NOW, throttle_attempts=1)
    assert [m.reason for m in report.missing] == ["SourceThrottledError: Throttling"]


def test_regions_default_to_each_accounts_enabled_regions() -> None:
    fake = FakeInventories(enabled={A: ["us-east-1"], B: ["sa-east-1"]})
    fake.site(B, "sa-east-1").addresses.append(Address("eipalloc-1", "1.1.1.1", None))
    report = scan(fake, [A, B], None, ["eip"], clock=lambda: NOW)
    assert {(a, r) for a, r, *_ in fake.opened} == {(A, "us-east-1"), (B, "sa-east-1")}
    assert report.scope.regions == ("sa-east-1", "us-east-1")
    assert [f.region for f in report.findings] == ["sa-east-1"]


def test_region_discovery_failure_is_reported_not_skipped() -> None:
    fake = FakeInventories(failures={(A, "*regions*"): SourceAccessDeniedError("ec2:DescribeRegions denied")})
    report = scan(fake, [A], None, ["eip"], clock=lambda: NOW)
    assert [m.batch_id for m in report.missing] == [f"waste-{A}-regions"]


def test_single_checks_can_be_asked_for_by_id_next_to_whole_families() -> None:
    fake = FakeInventories()
    fake.site(A, "us-east-1").volumes += [unattached("vol-1"),
                                          Volume("vol-2", "gp2", 100, "in-use", NOW, instance_id="i-1",
                                                 instance_state="running")]
    fake.site(A, GLOBAL).buckets.append(Bucket("b", "us-east-1", NOW, False, None))
    only_gp3 = scan(fake, [A], ["us-east-1"], ["ebs-gp2-to-gp3"], clock=lambda: NOW)
    assert [f.check_id for f in only_gp3.findings] == ["ebs-gp2-to-gp3"]
    mixed = scan(fake, [A], ["us-east-1"], ["ebs-gp2-to-gp3", "s3"], clock=lambda: NOW)
    assert sorted(f.check_id for f in mixed.findings) == ["ebs-gp2-to-gp3", "s3-no-lifecycle"]


def test_unknown_check_names_are_a_usage_error_listing_the_families() -> None:
    with pytest.raises(UnknownCheckError, match="neither a check family"):
        scan(FakeInventories(), [A], ["us-east-1"], ["gp2"], clock=lambda: NOW)


def test_minimum_saving_drops_small_findings() -> None:
    fake = FakeInventories()
    fake.site(A, "us-east-1").volumes += [unattached("vol-big", 1000), unattached("vol-small", 10)]
    report = scan(fake, [A], ["us-east-1"], ["ebs"], clock=lambda: NOW, min_saving=Money(Decimal("5")))
    assert [f.resource_id for f in report.findings] == ["vol-big"]
