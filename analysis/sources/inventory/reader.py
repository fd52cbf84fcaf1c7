"""What every inventory adapter needs: clients for one account and region, the clock and the window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from analysis.sources.inventory.clients import Clients
from analysis.sources.inventory.metrics import MetricQuery, Series, Stat, read_metrics


@dataclass(frozen=True)
class Reader:
    account_id: str
    region: str
    now: datetime
    window_days: int
    clients: Clients

    def metrics(self, queries: Iterable[MetricQuery], region: str | None = None) -> dict[tuple[str, str, Stat], Series]:
        return read_metrics(self.clients("cloudwatch", region), queries, self.now, self.window_days)
