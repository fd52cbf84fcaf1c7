"""Cost anomalies from AWS Cost Anomaly Detection and from our own detector, merged into one list.

The two often see the same event: an AWS anomaly and one of our spikes on the same service with
overlapping days are one anomaly, reported once with both sources and AWS's root causes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from analysis.domain.anomalies import Spike
from analysis.domain.period import Period

AWS = "cost-anomaly-detection"
DETECTOR = "detector"


@dataclass(frozen=True, slots=True)
class RootCause:
    service: str | None = None
    region: str | None = None
    usage_type: str | None = None
    account_id: str | None = None
    account_name: str | None = None
    contribution: Decimal | None = None  # share of the impact, in the currency (AWS's Impact.Contribution)


@dataclass(frozen=True, slots=True)
class Anomaly:
    service: str
    first_day: date
    last_day: date
    expected: Decimal
    actual: Decimal
    sources: tuple[str, ...]
    root_causes: tuple[RootCause, ...] = ()
    anomaly_id: str | None = None
    score: Decimal | None = None

    @property
    def excess(self) -> Decimal:
        return self.actual - self.expected

    def overlaps(self, other: Anomaly) -> bool:
        return self.service == other.service and self.first_day <= other.last_day and other.first_day <= self.last_day

    def accounts(self) -> frozenset[str]:
        return frozenset(c.account_id for c in self.root_causes if c.account_id)


@dataclass(frozen=True)
class DetectedAnomalies:
    """What an anomaly service returned for a period."""

    anomalies: tuple[Anomaly, ...]
    fetched_at: datetime
    requests: int = 0


@dataclass(frozen=True)
class AnomalyReport:
    period: Period
    currency: str
    anomalies: tuple[Anomaly, ...]
    fetched_at: datetime
    source: str
    aws_detection: bool  # False: Cost Anomaly Detection was not read (demo, or no access) — ours only
    warnings: tuple[str, ...] = field(default=())
    requests: int = 0


def from_spike(spike: Spike) -> Anomaly:
    return Anomaly(spike.service, spike.first_day, spike.last_day, spike.expected, spike.actual, (DETECTOR,))


def merge_anomalies(found_by_aws: Iterable[Anomaly], spikes: Iterable[Spike]) -> list[Anomaly]:
    """AWS anomalies first-class; a spike that overlaps one (same service, overlapping days) adds its
    name to that anomaly's sources instead of being listed again. Largest excess first."""
    merged: list[Anomaly] = list(found_by_aws)
    for spike in spikes:
        ours = from_spike(spike)
        index = next((i for i, a in enumerate(merged) if a.overlaps(ours)), None)
        if index is None:
            merged.append(ours)
        elif DETECTOR not in merged[index].sources:
            merged[index] = replace(merged[index], sources=(*merged[index].sources, DETECTOR))
    return sorted(merged, key=lambda a: (-a.excess, a.service, a.first_day))


def in_scope(anomalies: Sequence[Anomaly], accounts: frozenset[str] | None) -> list[Anomaly]:
    """Anomalies a channel limited to `accounts` may see: those whose root causes name one of them."""
    if accounts is None:
        return list(anomalies)
    return [a for a in anomalies if a.accounts() & accounts]
