"""Optional richer inputs: savings found by the waste checks and a cost forecast.

Summaries and answers work without them; when given, they add "where can we save" and "what next".
Kept as small consultant-side shapes so the consultant never depends on how the checks are built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from analysis.domain import forecast as domain
from analysis.domain.findings import Finding, WasteReport
from analysis.domain.money import Money


@dataclass(frozen=True, slots=True)
class Saving:
    """One waste finding or optimisation, with what it would save per month."""

    title: str
    monthly: Money
    service: str | None = None  # Cost Explorer service name
    account_id: str | None = None
    resource: str | None = None  # e.g. an EBS volume id
    action: str | None = None  # the command or console step that realises it


@dataclass(frozen=True, slots=True)
class Forecast:
    """Expected spend over `[start, end)` with an optional prediction interval."""

    start: date
    end: date
    amount: Money
    low: Money | None = None
    high: Money | None = None
    source: str = "cost-explorer"  # how it was made: "cost-explorer" or "weekday-profile"

    @classmethod
    def of_month(cls, forecast: domain.Forecast) -> Forecast | None:
        """The calendar month's expected total (actual so far + forecast of the days left) and its interval;
        None when the forecast has no month horizon (nothing left to forecast)."""
        month = forecast.horizon("month")
        if month is None:
            return None
        return cls(month.start, month.end, month.expected_total, month.total_lower, month.total_upper,
                   forecast.method)


@dataclass(frozen=True, slots=True)
class Insights:
    savings: tuple[Saving, ...] = ()
    forecast: Forecast | None = None
    savings_total: Money | None = None  # when the source knows better than a plain sum (one per resource)
    savings_count: int | None = None  # findings in all, when `savings` holds only the largest

    @classmethod
    def from_waste(cls, waste: WasteReport, forecast: Forecast | None = None, limit: int = 20,
                   title_of: Callable[[Finding], str] | None = None) -> Insights:
        """The waste scan's largest findings; its total counts each resource once, as the scan does.
        `title_of` names a finding in the reader's language (the checks' own titles are English)."""
        savings = tuple(
            Saving(title_of(f) if title_of else f.title, f.estimated_monthly_saving, account_id=f.account_id,
                   resource=f.resource_id, action=f.action)
            for f in waste.findings[:limit]
        )
        return cls(savings, forecast, waste.total_saving if waste.findings else None, len(waste.findings))
