"""EBS snapshots whose volume is gone, or kept far longer than anyone restores from."""

from __future__ import annotations

from analysis.checks.prices import Quoter
from analysis.checks.resources import Snapshot
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day
from analysis.domain.findings import ActionKind

SNAPSHOT = "AWS::EC2::Snapshot"
UPPER_BOUND = ("upper bound: the source volume's size; snapshots store changed blocks only, so the bill "
               "may be lower")


def _stored(s: Snapshot, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(s.size_gib * price("ebs", f"snapshot.{s.storage_tier}"), assumption=UPPER_BOUND)


def _orphaned(s: Snapshot, ctx: CheckContext) -> bool:
    return not s.source_volume_exists and not s.used_by_image


def _old(s: Snapshot, ctx: CheckContext) -> bool:
    return (s.source_volume_exists and not s.used_by_image
            and ctx.days_since(s.started) >= ctx.thresholds.snapshot_age_days)


def _facts(s: Snapshot, ctx: CheckContext) -> dict[str, str]:
    return {"id": s.snapshot_id, "volume_id": s.volume_id or "", "size_gib": str(s.size_gib),
            "started": iso_day(s.started), "age_days": str(ctx.days_since(s.started)), "tier": s.storage_tier}


_DELETE = "aws ec2 delete-snapshot --region {region} --snapshot-id {id}"

RULES: tuple[Rule[Snapshot], ...] = (
    Rule("snapshot-orphaned", "Snapshot of a deleted volume", SNAPSHOT,
         "its source volume no longer exists and no AMI uses it",
         _orphaned,
         "volume size × snapshot price per GB-month (upper bound)", _stored,
         "{size_gib} GiB snapshot from {started} of {volume_id}, which no longer exists",
         _DELETE, ActionKind.DELETE),
    Rule("snapshot-old", "Snapshot older than a year", SNAPSHOT,
         "older than 365 days, volume still exists, no AMI uses it",
         _old,
         "volume size × snapshot price per GB-month (upper bound)", _stored,
         "{size_gib} GiB snapshot of {volume_id} is {age_days} days old",
         _DELETE, ActionKind.DELETE),
)

PARTS = (RuleFamily[Snapshot]("snapshots", "regional", lambda inventory: inventory.snapshots(), _facts, RULES),)
