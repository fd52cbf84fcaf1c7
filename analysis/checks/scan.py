"""Run every batch locally in a thread pool and build the waste report (what `finops waste` calls).

The Step Functions pipeline runs the same batches through `run_check_batch`; here a failed batch
becomes a `MissingPart` of a partial report, exactly as the aggregator records it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_random_exponential

from analysis.checks.batches import CheckBatch, Clock, plan_check_batches, run_check_batch, utc_now
from analysis.checks.ports import InventoryFactory
from analysis.checks.prices import PriceTable, load_prices
from analysis.checks.registry import select_checks
from analysis.checks.rules import Thresholds
from analysis.domain.findings import Finding, ScanScope, WasteReport, build_waste_report
from analysis.domain.money import Money
from analysis.domain.report import MissingPart
from analysis.errors import SourceError, SourceThrottledError


def scan(
    inventories: InventoryFactory,
    accounts: Sequence[str],
    regions: Sequence[str] | None = None,
    checks: Iterable[str] | None = None,
    *,
    clock: Clock = utc_now,
    min_saving: Money | None = None,
    max_workers: int = 8,
    throttle_attempts: int = 3,
    prices: PriceTable | None = None,
    thresholds: Thresholds | None = None,
) -> WasteReport:
    """`regions` None: each account's enabled regions. `checks`: family names and/or check ids."""
    selection = select_checks(checks)
    now = clock()
    table = prices or load_prices()
    batches: list[CheckBatch] = []
    missing: list[MissingPart] = []
    scanned_regions: set[str] = set()
    for account in accounts:
        try:
            account_regions = list(regions) if regions else inventories.regions(account)
        except SourceError as exc:
            missing.append(MissingPart(f"waste-{account}-regions", f"enabled regions of account {account}",
                                       _reason(exc)))
            continue
        scanned_regions.update(account_regions)
        batches += plan_check_batches([account], account_regions, selection.families)

    def run(batch: CheckBatch) -> list[Finding]:
        attempt = retry(retry=retry_if_exception_type(SourceThrottledError), reraise=True,
                        stop=stop_after_attempt(throttle_attempts), wait=wait_random_exponential(multiplier=0.5, max=8))
        return attempt(run_check_batch)(batch, inventories, lambda: now, prices=table, thresholds=thresholds)

    findings: list[Finding] = []
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = [(batch, pool.submit(run, batch)) for batch in batches]
        for batch, future in futures:
            try:
                findings += future.result()
            except SourceError as exc:
                missing.append(MissingPart(batch.batch_id, batch.describe(), _reason(exc)))
    return build_waste_report(
        [f for f in findings if selection.keeps(f)],
        ScanScope(tuple(accounts), tuple(sorted(scanned_regions)), selection.families),
        now, inventories.source, missing=missing, min_saving=min_saving,
        account_names=inventories.account_names(),
    )


def _reason(exc: SourceError) -> str:
    return f"{type(exc).__name__}: {exc}"

