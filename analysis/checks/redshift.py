"""Redshift clusters nobody connects to."""

from __future__ import annotations

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import RedshiftCluster
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day
from analysis.domain.findings import ActionKind

CLUSTER = "AWS::Redshift::Cluster"


def _node_hours(c: RedshiftCluster, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(HOURS_PER_MONTH * c.nodes * price("redshift", c.node_type),
                 assumption="compute only; managed storage (RA3) still bills while paused")


def _facts(c: RedshiftCluster, ctx: CheckContext) -> dict[str, str]:
    return {"id": c.identifier, "node_type": c.node_type, "nodes": str(c.nodes), "created": iso_day(c.created),
            "window_days": str(ctx.thresholds.window_days)}


RULES: tuple[Rule[RedshiftCluster], ...] = (
    Rule("redshift-idle", "Idle Redshift cluster", CLUSTER,
         "available for the whole window with no database connection",
         lambda c, ctx: c.status == "available" and ctx.older_than_window(c.created) and not c.connections_max,
         "730 h × nodes × node-type price", _node_hours,
         "{nodes} × {node_type} had no connection in {window_days} days",
         "aws redshift pause-cluster --region {region} --cluster-identifier {id}", ActionKind.STOP),
)

PARTS = (RuleFamily[RedshiftCluster]("redshift", "regional", lambda inventory: inventory.redshift_clusters(),
                                     _facts, RULES),)
