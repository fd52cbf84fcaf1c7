"""What goes beside a costs report: the waste savings of the same accounts and the month's forecast.

Both are looked up on threads while the cost analysis runs, so neither waits for the other; a part not ready
within the budget is left out of the answer (never shown as zero) and, for a scan, stored when it finishes so
the next answer has it. Failures of the sources are logged and leave the part out: the numbers still come.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, TypeVar

from analysis.errors import AnalysisError

if TYPE_CHECKING:
    from datetime import date

    from analysis.domain.basis import CostBasis
    from analysis.domain.findings import Finding, WasteReport
    from analysis.domain.forecast import Forecast
    from analysis.ports import StateStore
    from analysis.settings import AnalysisSettings
    from analysis.waste_service import WasteFindings
    from consultant.insights import Insights

BUDGET_SECONDS = 5.0
log = logging.getLogger(__name__)
T = TypeVar("T")


class Outlook:
    def __init__(self, savings: Callable[[], WasteReport | None], forecast: Callable[[], Forecast | None], *,
                 budget: float = BUDGET_SECONDS, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._deadline = monotonic() + budget
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="outlook")
        self._savings: Future[WasteReport | None] = pool.submit(savings)
        self._forecast: Future[Forecast | None] = pool.submit(forecast)
        pool.shutdown(wait=False)  # the threads finish on their own; a late scan still stores its report

    def savings(self) -> WasteReport | None:
        return self._within_budget(self._savings, "waste findings")

    def forecast(self) -> Forecast | None:
        return self._within_budget(self._forecast, "forecast")

    def _within_budget(self, future: Future[T], what: str) -> T | None:
        try:
            return future.result(timeout=max(0.0, self._deadline - self._monotonic()))
        except FutureTimeout:
            log.info("%s not ready within %.0f s: left out of this answer", what, BUDGET_SECONDS)
        except AnalysisError as exc:  # e.g. no ce:GetCostForecast: the answer goes without that part, said in logs
            log.warning("%s left out: %s: %s", what, type(exc).__name__, exc)
        return None


def start_outlook(settings: AnalysisSettings, state: StateStore, waste: WasteFindings,
                  accounts: tuple[str, ...] | None, basis: CostBasis, today: date) -> Outlook:
    """The stored (or, for the demo, freshly scanned) waste findings of these accounts and the month's forecast
    on the same basis, from the sources the settings name."""
    from analysis.bootstrap import build_forecast_source

    scope = frozenset(accounts) if accounts is not None else None

    def savings() -> WasteReport | None:
        return waste.fresh(accounts) or (waste.scan_and_remember(accounts) if waste.can_scan else None)

    def forecast() -> Forecast:
        return build_forecast_source(settings, state).forecast(today, basis, scope)

    return Outlook(savings, forecast)


def insights_of(waste: WasteReport | None, forecast: Forecast | None,
                title_of: Callable[[Finding], str] | None = None) -> Insights | None:
    """For the consultant: the savings (titles in the reader's language via `title_of`) and the month's
    forecast; None when there is neither."""
    from consultant.insights import Forecast as MonthForecast
    from consultant.insights import Insights

    month = MonthForecast.of_month(forecast) if forecast is not None else None
    if waste is None or not waste.findings:
        return Insights(forecast=month) if month is not None else None
    return Insights.from_waste(waste, forecast=month, title_of=title_of)
