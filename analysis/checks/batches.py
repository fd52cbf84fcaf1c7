"""The public API the pipeline calls: plan batches of checks, run one batch.

A batch is one account × one region × one group of families (see `registry.GROUPS`). Running it
either returns its findings or raises a named `analysis.errors.SourceError`; never [] for a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from analysis.checks.ports import InventoryFactory
from analysis.checks.prices import PriceTable, load_prices
from analysis.checks.registry import FAMILIES, GROUPS, UnknownCheckError, scope_of
from analysis.checks.rules import CheckContext, Thresholds
from analysis.domain.findings import Finding

GLOBAL = "global"  # the region of account-wide batches (S3 buckets, Cost Optimization Hub)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class CheckBatch(BaseModel):
    """What one worker runs. Small and JSON-serialisable, so Step Functions can carry it."""

    model_config = ConfigDict(frozen=True)
    batch_id: str
    account_id: str
    region: str
    families: tuple[str, ...]

    def describe(self) -> str:
        where = "all regions" if self.region == GLOBAL else self.region
        return f"waste checks ({', '.join(self.families)}) in account {self.account_id}, {where}"


def plan_check_batches(accounts: Iterable[str], regions: Sequence[str],
                       families: Iterable[str] | None = None) -> list[CheckBatch]:
    """Account × region × family group; account-wide families once per account. Ordered and stable."""
    wanted = tuple(families) if families is not None else tuple(FAMILIES)
    unknown = [f for f in wanted if f not in FAMILIES]
    if unknown:
        raise UnknownCheckError(f"unknown check families {unknown}; expected some of {list(FAMILIES)}")
    batches = []
    for account in dict.fromkeys(accounts):
        for group, members in GROUPS.items():
            chosen = tuple(f for f in members if f in wanted)
            if not chosen:
                continue
            where = [GLOBAL] if scope_of(chosen[0]) == "global" else list(dict.fromkeys(regions))
            batches += [CheckBatch(batch_id=f"waste-{account}-{region}-{group}", account_id=account, region=region,
                                   families=chosen) for region in where]
    return batches


def run_check_batch(batch: CheckBatch, inventories: InventoryFactory, clock: Clock = utc_now, *,
                    prices: PriceTable | None = None, thresholds: Thresholds | None = None) -> list[Finding]:
    """Read the batch's inventories and evaluate its families. Raises `SourceError` subclasses."""
    ctx = CheckContext(clock(), batch.account_id, batch.region, thresholds or Thresholds())
    inventory = inventories.open(batch.account_id, batch.region, now=ctx.now,
                                 window_days=ctx.thresholds.window_days)
    table = prices or load_prices()
    findings: list[Finding] = []
    for family in batch.families:
        for part in FAMILIES[family]:
            findings += part.run(inventory, ctx, table)
    return findings
