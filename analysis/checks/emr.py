"""EMR clusters left waiting for work."""

from __future__ import annotations

from decimal import Decimal

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import EmrCluster
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day
from analysis.domain.findings import ActionKind

CLUSTER = "AWS::EMR::Cluster"
ACTIVE = ("RUNNING", "WAITING")


def _idle_hours(c: EmrCluster, price: Quoter, ctx: CheckContext) -> Quote:
    hourly = sum((count * (price("ec2", kind) + price("emr", kind)) for kind, count in c.instances), Decimal(0))
    idle = Decimal(str(c.idle_ratio or 0))
    return Quote(HOURS_PER_MONTH * hourly * idle,
                 assumption=f"EC2 plus EMR fee, for the {idle * 100:.0f}% of the time the cluster was idle")


def _facts(c: EmrCluster, ctx: CheckContext) -> dict[str, str]:
    nodes = ", ".join(f"{count} × {kind}" for kind, count in c.instances)
    return {"id": c.cluster_id, "name": c.name, "state": c.state, "nodes": nodes, "created": iso_day(c.created),
            "idle_pct": f"{(c.idle_ratio or 0) * 100:.0f}", "window_days": str(ctx.thresholds.window_days)}


RULES: tuple[Rule[EmrCluster], ...] = (
    Rule("emr-idle", "Idle EMR cluster", CLUSTER,
         "running or waiting, idle (IsIdle) for 90% of the window or more",
         lambda c, ctx: (c.state in ACTIVE and ctx.older_than_window(c.created) and c.idle_ratio is not None
                         and c.idle_ratio >= ctx.thresholds.emr_idle_ratio),
         "730 h × Σ instances × (EC2 + EMR price) × idle share", _idle_hours,
         "cluster {name} ({nodes}) was idle {idle_pct}% of the last {window_days} days",
         "aws emr terminate-clusters --region {region} --cluster-ids {id}  # or set an auto-termination policy",
         ActionKind.DELETE),
)

PARTS = (RuleFamily[EmrCluster]("emr", "regional", lambda inventory: inventory.emr_clusters(), _facts, RULES),)
