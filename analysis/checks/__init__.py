"""Waste checks as data-driven rules over resource inventories, plus AWS's own recommendations.

Public API (the pipeline's mapper and worker call these):
- `plan_check_batches(accounts, regions, families) -> list[CheckBatch]`
- `run_check_batch(batch, inventories, clock) -> list[Finding]` (raises `analysis.errors.SourceError`)
- `scan(inventories, accounts, regions, checks, …) -> WasteReport` (local: thread pool, partial on failure)
"""

from analysis.checks.batches import GLOBAL, CheckBatch, Clock, plan_check_batches, run_check_batch, utc_now
from analysis.checks.ports import Inventory, InventoryFactory
from analysis.checks.prices import PriceTable, load_prices
from analysis.checks.registry import FAMILIES, GROUPS, RULE_FAMILIES, UnknownCheckError, all_rules, select_checks
from analysis.checks.rules import Thresholds
from analysis.checks.scan import scan

__all__ = [
    "FAMILIES",
    "GLOBAL",
    "GROUPS",
    "RULE_FAMILIES",
    "CheckBatch",
    "Clock",
    "Inventory",
    "InventoryFactory",
    "PriceTable",
    "Thresholds",
    "UnknownCheckError",
    "all_rules",
    "load_prices",
    "plan_check_batches",
    "run_check_batch",
    "scan",
    "select_checks",
    "utc_now",
]
