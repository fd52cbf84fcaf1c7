"""`AnomalySource` on AWS Cost Anomaly Detection: GetAnomalies with root causes, paged.

One request per page of up to 100 anomalies (usually one). An anomaly's service is its largest
root cause's service (the monitor's dimension value when AWS gives no root cause), so it can be
matched with our detector's spikes, which are per service.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from analysis.domain.cost_anomalies import AWS, Anomaly, DetectedAnomalies, RootCause
from analysis.domain.period import Period
from analysis.ports import StateStore
from analysis.sources.ce_calls import CachedCalls
from analysis.sources.cost_explorer import CE_ERRORS, MAX_PAGES
from analysis.sources.errors import CostExplorerResponseError

PAGE_SIZE = 100


class CostExplorerAnomalySource:
    name = "aws"

    def __init__(self, client: Any = None, *, cache: StateStore | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC), **options: Any) -> None:
        self.calls = CachedCalls("ce", client, cache=cache, clock=clock, named=CE_ERRORS, **options)

    def anomalies(self, period: Period) -> DetectedAnomalies:
        found: list[Anomaly] = []
        token: str | None = None
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"DateInterval": {"StartDate": period.start.isoformat(),
                                                       "EndDate": period.last_day.isoformat()},
                                      "MaxResults": PAGE_SIZE}
            if token:
                params["NextPageToken"] = token
            page = self.calls("get_anomalies", "ce:GetAnomalies", **params)
            found += [read_anomaly(item) for item in page.get("Anomalies", ())]
            token = page.get("NextPageToken")
            if not token:
                return DetectedAnomalies(tuple(found), self.calls.fetched_at(), self.calls.requests)
        raise CostExplorerResponseError(f"GetAnomalies kept paging past {MAX_PAGES} pages")


def read_anomaly(item: dict[str, Any]) -> Anomaly:
    impact = item.get("Impact", {})
    total_impact = _decimal(impact.get("TotalImpact")) or _decimal(impact.get("MaxImpact")) or Decimal(0)
    actual = _decimal(impact.get("TotalActualSpend"))
    expected = _decimal(impact.get("TotalExpectedSpend"))
    if actual is None:
        actual = (expected or Decimal(0)) + total_impact
    if expected is None:
        expected = actual - total_impact
    causes = tuple(
        RootCause(service=c.get("Service"), region=c.get("Region"), usage_type=c.get("UsageType"),
                  account_id=c.get("LinkedAccount"), account_name=c.get("LinkedAccountName"),
                  contribution=_decimal(c.get("Impact", {}).get("Contribution")))
        for c in item.get("RootCauses", ())
    )
    ranked = sorted((c for c in causes if c.service), key=lambda c: c.contribution or Decimal(0), reverse=True)
    first = _day(item.get("AnomalyStartDate")) or _day(item.get("AnomalyEndDate"))
    if first is None:
        raise CostExplorerResponseError(f"anomaly {item.get('AnomalyId')} has no dates")
    return Anomaly(
        service=ranked[0].service if ranked and ranked[0].service else item.get("DimensionValue") or "Other",
        first_day=first,
        last_day=_day(item.get("AnomalyEndDate")) or first,
        expected=expected,
        actual=actual,
        sources=(AWS,),
        root_causes=causes,
        anomaly_id=item.get("AnomalyId"),
        score=_decimal(item.get("AnomalyScore", {}).get("MaxScore")),
    )


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None
