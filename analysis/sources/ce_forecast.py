"""`ForecastSource` on Cost Explorer: actual spend so far plus GetCostForecast for the rest of the month
and of the quarter, with the 80% prediction interval.

Requests: one GetCostAndUsage (MONTHLY, ungrouped, quarter start → today: month-to-date and
quarter-to-date) and one GetCostForecast per horizon (one when the month ends the quarter) — 3 at
most, US$ 0.03, cached like every Cost Explorer answer. The quarter's interval is the sum of its
months' bounds Cost Explorer returns: wider than the true interval, never narrower.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.forecast import DEFAULT_CONFIDENCE, Forecast, Horizon, horizon_windows
from analysis.domain.money import Money
from analysis.ports import StateStore
from analysis.sources.ce_calls import CachedCalls
from analysis.sources.ce_query import build_filter
from analysis.sources.cost_explorer import CE_ERRORS

FORECAST_METRICS = {
    Metric.UNBLENDED: "UNBLENDED_COST", Metric.AMORTIZED: "AMORTIZED_COST",
    Metric.NET_UNBLENDED: "NET_UNBLENDED_COST", Metric.NET_AMORTIZED: "NET_AMORTIZED_COST",
}


class CostExplorerForecastSource:
    name = "aws"

    def __init__(self, client: Any = None, *, cache: StateStore | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC), **options: Any) -> None:
        self.calls = CachedCalls("ce", client, cache=cache, clock=clock, named=CE_ERRORS, **options)

    def forecast(self, as_of: date, basis: CostBasis, accounts: frozenset[str] | None) -> Forecast:
        windows = horizon_windows(as_of)
        cost_filter = build_filter(basis, accounts)
        actual_by_month = self._actuals(windows[1][1], as_of, basis, cost_filter)
        forecasts: dict[date, tuple[Decimal, Decimal, Decimal, str]] = {}
        horizons = []
        for kind, start, end in windows:
            if end not in forecasts:
                forecasts[end] = self._forecast(as_of, end, basis, cost_filter)
            mean, lower, upper, currency = forecasts[end]
            actual = sum((amount for month, amount in actual_by_month.items() if month >= start), Decimal(0))
            horizons.append(Horizon(kind, start, end, as_of, Money(actual, currency), Money(mean, currency),
                                    Money(lower, currency), Money(upper, currency)))
        return Forecast(as_of, basis, horizons[0].actual.currency, DEFAULT_CONFIDENCE, tuple(horizons),
                        "cost-explorer", self.name, self.calls.fetched_at(), accounts, (), self.calls.requests)

    def _actuals(self, start: date, as_of: date, basis: CostBasis, cost_filter: dict[str, Any] | None
                 ) -> dict[date, Decimal]:
        if start >= as_of:  # the first day of a quarter: nothing spent yet
            return {}
        params: dict[str, Any] = {"TimePeriod": {"Start": start.isoformat(), "End": as_of.isoformat()},
                                  "Granularity": "MONTHLY", "Metrics": [basis.metric.ce_metric]}
        if cost_filter is not None:
            params["Filter"] = cost_filter
        answer = self.calls("get_cost_and_usage", "ce:GetCostAndUsage", **params)
        return {date.fromisoformat(r["TimePeriod"]["Start"]): Decimal(r["Total"][basis.metric.ce_metric]["Amount"])
                for r in answer.get("ResultsByTime", ())}

    def _forecast(self, as_of: date, end: date, basis: CostBasis, cost_filter: dict[str, Any] | None
                  ) -> tuple[Decimal, Decimal, Decimal, str]:
        params: dict[str, Any] = {
            "TimePeriod": {"Start": as_of.isoformat(), "End": end.isoformat()},
            "Metric": FORECAST_METRICS[basis.metric], "Granularity": "MONTHLY",
            "PredictionIntervalLevel": DEFAULT_CONFIDENCE,
        }
        if cost_filter is not None:
            params["Filter"] = cost_filter
        answer = self.calls("get_cost_forecast", "ce:GetCostForecast", **params)
        rows = answer.get("ForecastResultsByTime", ())
        mean = Decimal(answer["Total"]["Amount"])
        lower = sum((Decimal(r.get("PredictionIntervalLowerBound", r["MeanValue"])) for r in rows), Decimal(0))
        upper = sum((Decimal(r.get("PredictionIntervalUpperBound", r["MeanValue"])) for r in rows), Decimal(0))
        return mean, lower if rows else mean, upper if rows else mean, answer["Total"].get("Unit", "USD")

