"""An in-memory `InventoryFactory` for unit tests: resources per (account, region), failures on demand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from analysis.sources.demo_inventory import DemoInventory, Site


@dataclass
class FakeInventories:
    sites: dict[tuple[str, str], Site] = field(default_factory=dict)
    failures: dict[tuple[str, str], Exception] = field(default_factory=dict)
    enabled: dict[str, list[str]] = field(default_factory=dict)
    opened: list[tuple[str, str, datetime, int]] = field(default_factory=list)
    source: str = "fake"

    def site(self, account: str, region: str) -> Site:
        return self.sites.setdefault((account, region), Site())

    def open(self, account_id: str, region: str, *, now: datetime, window_days: int) -> Any:
        self.opened.append((account_id, region, now, window_days))
        failure = self.failures.get((account_id, region))
        if failure is not None:
            return _Failing(account_id, region, failure)
        return DemoInventory(account_id, region, self.sites.get((account_id, region), Site()))

    def regions(self, account_id: str) -> list[str]:
        failure = self.failures.get((account_id, "*regions*"))
        if failure is not None:
            raise failure
        return self.enabled.get(account_id, ["us-east-1"])

    def account_names(self) -> dict[str, str]:
        return {}

    def default_accounts(self) -> list[str]:
        return sorted({account for account, _ in self.sites})


class _Failing:
    """Every read raises the configured error, as a denied or throttled AWS API would."""

    def __init__(self, account_id: str, region: str, error: Exception) -> None:
        self.account_id, self.region, self._error = account_id, region, error

    def __getattr__(self, name: str) -> Any:
        def read() -> Sequence[Any]:
            raise self._error
        return read
