"""DynamoDB tables with fixed provisioned capacity that no autoscaling adjusts."""

from __future__ import annotations

import math
from decimal import Decimal

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import Table
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily
from analysis.domain.findings import ActionKind

TABLE = "AWS::DynamoDB::Table"


def _needed(consumed: float | None, ctx: CheckContext) -> int:
    """Capacity autoscaling would settle on for the average consumption, never below 1."""
    average = Decimal(str(consumed or 0))
    return max(1, math.ceil(average / ctx.thresholds.dynamodb_target_utilisation))


def _autoscaled(table: Table, price: Quoter, ctx: CheckContext) -> Quote:
    reads, writes = _needed(table.consumed_read_avg, ctx), _needed(table.consumed_write_avg, ctx)
    spare_reads, spare_writes = max(table.read_capacity - reads, 0), max(table.write_capacity - writes, 0)
    saving = HOURS_PER_MONTH * (spare_reads * price("dynamodb", "rcu") + spare_writes * price("dynamodb", "wcu"))
    target = f"{ctx.thresholds.dynamodb_target_utilisation * 100:.0f}"
    return Quote(saving, {"needed_rcu": str(reads), "needed_wcu": str(writes)},
                 f"assumes target tracking at {target}% of the average consumption over the window")


def _facts(table: Table, ctx: CheckContext) -> dict[str, str]:
    return {"id": table.name, "rcu": str(table.read_capacity), "wcu": str(table.write_capacity),
            "read_avg": f"{table.consumed_read_avg or 0:.1f}", "write_avg": f"{table.consumed_write_avg or 0:.1f}"}


RULES: tuple[Rule[Table], ...] = (
    Rule("dynamodb-no-autoscaling", "Provisioned table without autoscaling", TABLE,
         "PROVISIONED billing and no Application Auto Scaling target",
         lambda table, ctx: table.billing_mode == "PROVISIONED" and not table.autoscaling,
         "730 h × (provisioned − needed capacity) × RCU/WCU hourly price", _autoscaled,
         "fixed {rcu} RCU / {wcu} WCU while it averages {read_avg} reads and {write_avg} writes per second",
         "aws application-autoscaling register-scalable-target --region {region} --service-namespace dynamodb "
         "--resource-id table/{id} --scalable-dimension dynamodb:table:ReadCapacityUnits --min-capacity "
         "{needed_rcu} --max-capacity {rcu}  # and the same for WriteCapacityUnits, then a target-tracking policy",
         ActionKind.CONFIGURE),
)

PARTS = (RuleFamily[Table]("dynamodb", "regional", lambda inventory: inventory.tables(), _facts, RULES),)
