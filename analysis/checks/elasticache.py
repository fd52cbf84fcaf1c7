"""ElastiCache clusters with no clients, or on previous-generation nodes."""

from __future__ import annotations

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import CacheCluster
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day, move_to, successor
from analysis.domain.findings import ActionKind

CACHE = "AWS::ElastiCache::CacheCluster"
PREVIOUS_GENERATION = {"cache.t1": "cache.t3", "cache.t2": "cache.t3", "cache.m1": "cache.m5",
                       "cache.m3": "cache.m5", "cache.m4": "cache.m5", "cache.r3": "cache.r5", "cache.r4": "cache.r5"}


def _node_hours(c: CacheCluster, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(HOURS_PER_MONTH * c.nodes * price("elasticache", c.node_type))


def _facts(c: CacheCluster, ctx: CheckContext) -> dict[str, str]:
    return {"id": c.cluster_id, "node_type": c.node_type, "nodes": str(c.nodes), "engine": c.engine,
            "created": iso_day(c.created), "window_days": str(ctx.thresholds.window_days), "target": ""}


RULES: tuple[Rule[CacheCluster], ...] = (
    Rule("elasticache-idle", "Idle ElastiCache cluster", CACHE,
         "available for the whole window with no client connection",
         lambda c, ctx: c.status == "available" and ctx.older_than_window(c.created) and not c.connections_max,
         "730 h × nodes × node-type price", _node_hours,
         "{engine} cluster of {nodes} × {node_type} had no client connection in {window_days} days",
         "aws elasticache delete-cache-cluster --region {region} --cache-cluster-id {id} "
         "--final-snapshot-identifier {id}-final", ActionKind.DELETE),
    Rule("elasticache-previous-generation", "Previous-generation cache nodes", CACHE,
         "nodes of a previous-generation type (cache.t2, cache.m4, cache.r4, …)",
         lambda c, ctx: c.status == "available" and successor(c.node_type, PREVIOUS_GENERATION) is not None,
         "730 h × nodes × (node price − successor price)",
         move_to("elasticache", PREVIOUS_GENERATION, lambda c: c.node_type, copies=lambda c: c.nodes),
         "{nodes} × {node_type} is a previous generation; {target} costs less",
         "aws elasticache modify-cache-cluster --region {region} --cache-cluster-id {id} "
         "--cache-node-type {target} --apply-immediately", ActionKind.UPGRADE),
)

PARTS = (RuleFamily[CacheCluster]("elasticache", "regional", lambda inventory: inventory.cache_clusters(),
                                  _facts, RULES),)
