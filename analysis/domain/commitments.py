"""Savings Plans and Reserved Instances: what is committed, how well it is used, what expires soon."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from analysis.domain.money import Money

CommitmentKind = Literal["savings-plan", "reserved-instance"]
EXPIRY_WINDOW_DAYS = 60


@dataclass(frozen=True, slots=True)
class Commitment:
    kind: CommitmentKind
    commitment_id: str
    description: str  # "Compute Savings Plan", "EC2 m6i.xlarge", "RDS db.r6g.large (Multi-AZ)"
    service: str  # "Savings Plans", "EC2", "RDS"
    start: date
    end: date  # the first day it no longer applies
    account_id: str | None = None
    region: str | None = None
    count: int | None = None  # instances reserved (RIs)
    hourly_commitment: Money | None = None  # Savings Plans

    def days_left(self, as_of: date) -> int:
        return (self.end - as_of).days

    def expires_within(self, as_of: date, days: int = EXPIRY_WINDOW_DAYS) -> bool:
        return 0 <= self.days_left(as_of) <= days


@dataclass(frozen=True, slots=True)
class Usage:
    """Coverage and utilization of one commitment family over `[start, end)`.

    Coverage: the share of eligible spend (Savings Plans) or running hours (RIs) the commitments
    paid for. Utilization: the share of what was committed that was used. None when AWS has no
    data (nothing of that family was bought, or it is too recent).
    """

    family: Literal["savings-plans", "reservations"]
    start: date
    end: date
    coverage_pct: Decimal | None
    utilization_pct: Decimal | None
    on_demand_cost: Money | None = None  # eligible spend the commitments did not cover
    unused_commitment: Money | None = None
    net_savings: Money | None = None


@dataclass(frozen=True)
class CommitmentsReport:
    as_of: date
    currency: str
    commitments: tuple[Commitment, ...]
    usage: tuple[Usage, ...]
    source: str
    fetched_at: datetime
    window_days: int = EXPIRY_WINDOW_DAYS
    warnings: tuple[str, ...] = field(default=())
    requests: int = 0

    @property
    def expiring(self) -> tuple[Commitment, ...]:
        soon = (c for c in self.commitments if c.expires_within(self.as_of, self.window_days))
        return tuple(sorted(soon, key=lambda c: (c.end, c.commitment_id)))

    def family(self, family: str) -> Usage | None:
        return next((u for u in self.usage if u.family == family), None)
