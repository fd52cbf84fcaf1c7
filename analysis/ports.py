"""Ports: what the analysis use cases need from the outside world. Adapters implement them."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from analysis.domain.accounts import AccountList
from analysis.domain.basis import CostBasis
from analysis.domain.commitments import CommitmentsReport
from analysis.domain.cost_anomalies import DetectedAnomalies
from analysis.domain.costs import CostData, CostQuery
from analysis.domain.forecast import Forecast
from analysis.domain.period import Period


class CostSource(Protocol):
    """Where cost records come from: the demo organisation or Cost Explorer."""

    name: str

    def fetch_costs(self, query: CostQuery) -> CostData:
        """Records for `query.period` and its comparison, in the basis and grouping asked for.

        Raises a `analysis.errors.SourceError` subclass on failure; never returns an empty result
        for data it could not read.
        """
        ...


class StateStore(Protocol):
    """Small durable key/value store for execution state, caches and reports (S3 or a local folder)."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes, *, if_absent: bool = False) -> bool:
        """Write `data`; with `if_absent`, only when the key does not exist yet. False if it existed."""
        ...

    def list(self, prefix: str) -> list[str]: ...

    def delete(self, key: str) -> None: ...


class AccountDirectory(Protocol):
    """Account ids → names and OU paths (AWS Organizations)."""

    def accounts(self) -> AccountList:
        """Never raises for missing access: an empty list with a warning code instead."""
        ...


class ForecastSource(Protocol):
    """Spend to the end of the month and quarter (Cost Explorer, or the demo's documented method)."""

    name: str

    def forecast(self, as_of: date, basis: CostBasis, accounts: frozenset[str] | None) -> Forecast: ...


class AnomalySource(Protocol):
    """Anomalies found by AWS Cost Anomaly Detection (or the demo's twin). Our own detector runs on the
    daily cost series in the report; the use case merges both."""

    name: str

    def anomalies(self, period: Period) -> DetectedAnomalies: ...


class CommitmentSource(Protocol):
    """Savings Plans and Reserved Instances: inventory with end dates, coverage and utilization."""

    name: str

    def commitments(self, as_of: date) -> CommitmentsReport: ...
