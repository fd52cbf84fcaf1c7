"""The digest's waste scan: the waste checks over the accounts the report covers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from analysis.checks import InventoryFactory, scan
from analysis.domain.costs import OTHER
from analysis.domain.findings import WasteReport
from analysis.domain.report import CostReport
from bot.digests.subscription import utc_now


class WasteScan:
    def __init__(self, inventories: InventoryFactory, clock: Callable[[], datetime] = utc_now) -> None:
        self.inventories = inventories
        self.clock = clock

    def __call__(self, report: CostReport) -> WasteReport:
        accounts = (sorted(report.accounts_in_scope) if report.accounts_in_scope is not None
                    else [item.key for item in report.by_account if item.key != OTHER])
        now = self.clock()
        return scan(self.inventories, accounts, clock=lambda: now)
