"""EBS volumes: unattached, left on stopped instances, or on an older, dearer volume type."""

from __future__ import annotations

from decimal import Decimal

from analysis.checks.prices import Quoter
from analysis.checks.resources import Volume
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day
from analysis.domain.findings import ActionKind

VOLUME = "AWS::EC2::Volume"
GP3_FREE_IOPS, GP3_FREE_THROUGHPUT = 3000, 125
GP3_MAX_IOPS = 16000
IO2_TIER1_IOPS, IO2_TIER2_IOPS = 32000, 64000


def volume_monthly_cost(volume_type: str, size_gib: int, iops: int, throughput: int, price: Quoter) -> Decimal:
    """Storage plus provisioned IOPS and throughput, as EBS bills them."""
    cost = size_gib * price("ebs", f"storage.{volume_type}")
    if volume_type == "io1":
        cost += iops * price("ebs", "iops.io1")
    elif volume_type == "io2":
        cost += min(iops, IO2_TIER1_IOPS) * price("ebs", "iops.io2")
        if iops > IO2_TIER1_IOPS:
            cost += (min(iops, IO2_TIER2_IOPS) - IO2_TIER1_IOPS) * price("ebs", "iops.io2.tier2")
        if iops > IO2_TIER2_IOPS:
            cost += (iops - IO2_TIER2_IOPS) * price("ebs", "iops.io2.tier3")
    elif volume_type == "gp3":
        if iops > GP3_FREE_IOPS:
            cost += (iops - GP3_FREE_IOPS) * price("ebs", "iops.gp3")
        if throughput > GP3_FREE_THROUGHPUT:
            cost += (throughput - GP3_FREE_THROUGHPUT) * price("ebs", "throughput.gp3")
    return cost


def gp2_performance(size_gib: int) -> tuple[int, int]:
    """gp2's sustained IOPS (3 per GiB, 100..16,000) and throughput: 250 MiB/s from 334 GiB; below that
    128 MiB/s at most, which gp3's free 125 MiB/s baseline matches for practical purposes."""
    return min(max(3 * size_gib, 100), GP3_MAX_IOPS), (250 if size_gib >= 334 else GP3_FREE_THROUGHPUT)


def _current_cost(v: Volume, price: Quoter) -> Decimal:
    iops, throughput = gp2_performance(v.size_gib) if v.volume_type == "gp2" else (v.iops or 0, v.throughput or 0)
    return volume_monthly_cost(v.volume_type, v.size_gib, iops, throughput, price)


def _whole_volume(v: Volume, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(_current_cost(v, price))


def _as_gp3(v: Volume, price: Quoter, ctx: CheckContext) -> Quote:
    """gp3 with the same IOPS and throughput the volume has today (gp2: its baseline)."""
    iops, throughput = gp2_performance(v.size_gib) if v.volume_type == "gp2" else (v.iops or 0, GP3_FREE_THROUGHPUT)
    target = volume_monthly_cost("gp3", v.size_gib, iops, throughput, price)
    return Quote(_current_cost(v, price) - target, {"target": "gp3", "target_iops": str(max(iops, GP3_FREE_IOPS))})


def _as_io2(v: Volume, price: Quoter, ctx: CheckContext) -> Quote:
    target = volume_monthly_cost("io2", v.size_gib, v.iops or 0, 0, price)
    return Quote(_current_cost(v, price) - target, {"target": "io2"},
                 "io2 costs the same as io1 up to 32,000 IOPS and less above; it is 100× more durable")


def _in_service(v: Volume, ctx: CheckContext) -> bool:
    return v.state == "in-use" and not _on_stopped_instance(v, ctx)


def _on_stopped_instance(v: Volume, ctx: CheckContext) -> bool:
    return (v.state == "in-use" and v.instance_state == "stopped"
            and ctx.days_since(v.instance_stopped_since) >= ctx.thresholds.volume_stopped_days)


def _facts(v: Volume, ctx: CheckContext) -> dict[str, str]:
    return {"id": v.volume_id, "volume_type": v.volume_type, "size_gib": str(v.size_gib), "iops": str(v.iops or 0),
            "created": iso_day(v.created), "instance_id": v.instance_id or "",
            "stopped_days": str(ctx.days_since(v.instance_stopped_since))}


_SNAPSHOT_THEN = "aws ec2 create-snapshot --region {region} --volume-id {id} && "
_MODIFY = "aws ec2 modify-volume --region {region} --volume-id {id} --volume-type {target}"

RULES: tuple[Rule[Volume], ...] = (
    Rule("ebs-unattached", "Unattached EBS volume", VOLUME,
         "state is `available`: attached to no instance",
         lambda v, ctx: v.state == "available",
         "size × volume-type price per GiB-month, plus provisioned IOPS/throughput", _whole_volume,
         "{size_gib} GiB {volume_type} volume created {created} is attached to nothing",
         _SNAPSHOT_THEN + "aws ec2 delete-volume --region {region} --volume-id {id}", ActionKind.DELETE),
    Rule("ebs-on-stopped-instance", "EBS volume on a stopped instance", VOLUME,
         "attached to an instance stopped for 7 days or more",
         _on_stopped_instance,
         "size × volume-type price per GiB-month, plus provisioned IOPS/throughput", _whole_volume,
         "{size_gib} GiB {volume_type} volume on {instance_id}, stopped for {stopped_days} days, still bills",
         _SNAPSHOT_THEN + "aws ec2 detach-volume --region {region} --volume-id {id} && "
         "aws ec2 delete-volume --region {region} --volume-id {id}", ActionKind.DELETE),
    Rule("ebs-gp2-to-gp3", "gp2 volume that gp3 serves for less", VOLUME,
         "gp2 volume in use",
         lambda v, ctx: v.volume_type == "gp2" and _in_service(v, ctx),
         "gp2 cost − gp3 cost at the same baseline IOPS and throughput", _as_gp3,
         "{size_gib} GiB gp2 volume: gp3 gives the same {target_iops} IOPS for 20% less per GiB",
         _MODIFY, ActionKind.UPGRADE),
    Rule("ebs-io1-to-gp3", "io1 volume within gp3's limits", VOLUME,
         "io1 volume in use with at most 16,000 provisioned IOPS",
         lambda v, ctx: v.volume_type == "io1" and (v.iops or 0) <= GP3_MAX_IOPS and _in_service(v, ctx),
         "io1 storage + IOPS − gp3 storage + IOPS above 3,000", _as_gp3,
         "{size_gib} GiB io1 volume with {iops} IOPS: gp3 provides that for much less",
         _MODIFY + " --iops {target_iops}", ActionKind.UPGRADE),
    Rule("ebs-io1-to-io2", "io1 volume above gp3's limits", VOLUME,
         "io1 volume in use with more than 16,000 provisioned IOPS",
         lambda v, ctx: v.volume_type == "io1" and (v.iops or 0) > GP3_MAX_IOPS and _in_service(v, ctx),
         "io1 cost − io2 cost (tiered IOPS pricing above 32,000)", _as_io2,
         "{size_gib} GiB io1 volume with {iops} IOPS: io2 costs no more and is more durable",
         _MODIFY, ActionKind.UPGRADE),
)

PARTS = (RuleFamily[Volume]("ebs", "regional", lambda inventory: inventory.volumes(), _facts, RULES),)
