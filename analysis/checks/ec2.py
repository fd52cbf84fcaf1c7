"""EC2 instances: long stopped, idle, of a previous generation, or ready for Graviton."""

from __future__ import annotations

from decimal import Decimal

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import Instance
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day, move_to, successor
from analysis.domain.findings import ActionKind

INSTANCE = "AWS::EC2::Instance"

# Previous-generation families and the current one to move to at the same size.
PREVIOUS_GENERATION = {"t1": "t3", "t2": "t3", "m1": "m5", "m2": "r5", "m3": "m5", "m4": "m5", "c1": "c5",
                       "c3": "c5", "c4": "c5", "r3": "r5", "r4": "r5", "i2": "i3", "d2": "d3", "g2": "g4dn",
                       "g3": "g4dn", "p2": "p3"}
# Current x86 families with a Graviton equivalent at the same size.
GRAVITON = {"t3": "t4g", "t3a": "t4g", "m5": "m6g", "m5a": "m6g", "m6i": "m6g", "c5": "c6g", "c5a": "c6g",
            "c6i": "c6g", "r5": "r6g", "r5a": "r6g", "r6i": "r6g"}


LINUX = "Linux on-demand prices"


def _kind(i: Instance) -> str:
    return i.instance_type


def _instance_hours(i: Instance, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(HOURS_PER_MONTH * price("ec2", i.instance_type), assumption=LINUX)


def _nothing_while_stopped(i: Instance, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(Decimal(0), assumption="a stopped instance bills no compute; its volumes and "
                                                 "addresses are separate findings")


def _running_on_demand(i: Instance) -> bool:
    return i.state == "running" and not i.spot


def _facts(i: Instance, ctx: CheckContext) -> dict[str, str]:
    return {"id": i.instance_id, "instance_type": i.instance_type, "launched": iso_day(i.launch_time),
            "stopped_since": iso_day(i.stopped_since), "stopped_days": str(ctx.days_since(i.stopped_since)),
            "volumes": str(len(i.volume_ids)), "volumes_gib": str(i.volumes_gib),
            "cpu_max": f"{i.cpu_max or 0:.1f}", "window_days": str(ctx.thresholds.window_days),
            "target": ""}


_MODIFY = ("aws ec2 stop-instances --region {region} --instance-ids {id} && aws ec2 modify-instance-attribute "
           "--region {region} --instance-id {id} --instance-type Value={target} && "
           "aws ec2 start-instances --region {region} --instance-ids {id}")

RULES: tuple[Rule[Instance], ...] = (
    Rule("ec2-long-stopped", "Instance stopped for over 30 days", INSTANCE,
         "stopped for 30 days or more",
         lambda i, ctx: i.state == "stopped" and ctx.days_since(i.stopped_since) >= ctx.thresholds.stopped_days,
         "none for the instance itself (its volumes and Elastic IPs are separate findings)", _nothing_while_stopped,
         "{instance_type} stopped since {stopped_since} ({stopped_days} days); its {volumes} volume(s), "
         "{volumes_gib} GiB, still bill",
         "aws ec2 create-image --region {region} --instance-id {id} --name {id}-final && "
         "aws ec2 terminate-instances --region {region} --instance-ids {id}", ActionKind.DELETE),
    Rule("ec2-idle", "Idle instance", INSTANCE,
         "running for the whole window with CPU never above 5%",
         lambda i, ctx: (_running_on_demand(i) and ctx.older_than_window(i.launch_time) and i.cpu_max is not None
                         and i.cpu_max < ctx.thresholds.cpu_idle_percent),
         "730 h × instance hourly price", _instance_hours,
         "{instance_type} peaked at {cpu_max}% CPU in {window_days} days",
         "aws ec2 stop-instances --region {region} --instance-ids {id}", ActionKind.STOP),
    Rule("ec2-previous-generation", "Previous-generation instance type", INSTANCE,
         "running a previous-generation family (t2, m4, c4, r4, …)",
         lambda i, ctx: _running_on_demand(i) and successor(i.instance_type, PREVIOUS_GENERATION) is not None,
         "730 h × (current price − successor price, same size)",
         move_to("ec2", PREVIOUS_GENERATION, _kind, assumption=LINUX),
         "{instance_type} is a previous generation; {target} is faster and costs less",
         _MODIFY, ActionKind.UPGRADE),
    Rule("ec2-graviton", "Graviton candidate", INSTANCE,
         "running Linux on an x86 family with a Graviton equivalent (m5, c5, r5, t3, m6i, …)",
         lambda i, ctx: (_running_on_demand(i) and i.platform == "linux" and i.architecture == "x86_64"
                         and successor(i.instance_type, GRAVITON) is not None),
         "730 h × (x86 price − Graviton price, same size)",
         move_to("ec2", GRAVITON, _kind, assumption=LINUX),
         "{instance_type} runs Linux on x86; {target} (Graviton) costs less for the same size",
         "rebuild the image for arm64, then: " + _MODIFY, ActionKind.MIGRATE_TO_GRAVITON),
)

PARTS = (RuleFamily[Instance]("ec2", "regional", lambda inventory: inventory.instances(), _facts, RULES),)
