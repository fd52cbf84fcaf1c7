"""Spend forecasts to the end of the month and of the quarter, with a prediction interval.

Cost Explorer forecasts for AWS; the demo (and any source without a forecast service) uses
`project_by_weekday`, documented below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from statistics import mean, pstdev
from typing import Literal

from analysis.domain.basis import CostBasis
from analysis.domain.money import Money

HorizonKind = Literal["month", "quarter"]
DEFAULT_CONFIDENCE = 80  # percent; Cost Explorer accepts 51–99
# Two-sided normal quantiles: the interval holds the true value with this probability.
_Z = {80: Decimal("1.2816"), 90: Decimal("1.6449"), 95: Decimal("1.9600")}


@dataclass(frozen=True, slots=True)
class Horizon:
    """Spend of one calendar month or quarter: actual so far plus the forecast for the days left."""

    kind: HorizonKind
    start: date  # first day of the month or quarter
    end: date  # first day after it (exclusive)
    as_of: date  # first forecast day: actuals cover [start, as_of)
    actual: Money
    forecast: Money  # mean forecast for [as_of, end)
    lower: Money  # prediction interval of the forecast part
    upper: Money

    @property
    def expected_total(self) -> Money:
        return self.actual + self.forecast

    @property
    def total_lower(self) -> Money:
        return self.actual + self.lower

    @property
    def total_upper(self) -> Money:
        return self.actual + self.upper


@dataclass(frozen=True)
class Forecast:
    as_of: date
    basis: CostBasis
    currency: str
    confidence: int
    horizons: tuple[Horizon, ...]
    method: str  # "cost-explorer" or "weekday-profile"
    source: str
    fetched_at: datetime
    accounts_in_scope: frozenset[str] | None = None
    warnings: tuple[str, ...] = field(default=())
    requests: int = 0

    def horizon(self, kind: HorizonKind) -> Horizon | None:
        return next((h for h in self.horizons if h.kind == kind), None)


def horizon_windows(as_of: date) -> list[tuple[HorizonKind, date, date]]:
    """The current month and quarter as `[start, end)`; both always contain `as_of`."""
    month_start = as_of.replace(day=1)
    quarter_start = date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    return [("month", month_start, _add_months(month_start, 1)), ("quarter", quarter_start,
                                                                  _add_months(quarter_start, 3))]


def project_by_weekday(
    daily: Mapping[date, Decimal], start: date, end: date, *, history_days: int = 28,
    confidence: int = DEFAULT_CONFIDENCE,
) -> tuple[Decimal, Decimal, Decimal]:
    """Mean, lower and upper spend for `[start, end)` from the `history_days` before `start`.

    Method: each future day is forecast as the mean of the same weekday over the history (weekly
    seasonality: weekends differ), scaled by the trend — the ratio of the last 14 days to the 14
    before. The interval assumes the daily residuals around those weekday means are independent
    and normal: ±z·σ·√n for n days (z = 1.2816 at 80%). Simple, explainable, and honest about its
    uncertainty; Cost Explorer's own model replaces it on AWS.
    """
    history = [start - timedelta(days=n) for n in range(history_days, 0, -1)]
    values = [daily.get(day, Decimal(0)) for day in history]
    by_weekday: dict[int, list[Decimal]] = {}
    for day, value in zip(history, values, strict=True):
        by_weekday.setdefault(day.weekday(), []).append(value)
    profile = {weekday: Decimal(mean(items)) for weekday, items in by_weekday.items()}
    recent, before = sum(values[-14:], Decimal(0)), sum(values[-28:-14], Decimal(0))
    trend = recent / before if before > 0 and history_days >= 28 else Decimal(1)
    residuals = [value - profile[day.weekday()] for day, value in zip(history, values, strict=True)]
    sigma = Decimal(pstdev(residuals)) if len(residuals) > 1 else Decimal(0)
    days = [start + timedelta(days=n) for n in range((end - start).days)]
    projected = sum((profile.get(day.weekday(), Decimal(0)) * trend for day in days), Decimal(0))
    spread = _Z.get(confidence, _Z[DEFAULT_CONFIDENCE]) * sigma * Decimal(len(days)).sqrt()
    return projected, max(projected - spread, Decimal(0)), projected + spread


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
