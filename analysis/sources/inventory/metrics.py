"""CloudWatch metrics over the look-back window, many resources per GetMetricData call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

DAY = 86400
MAX_QUERIES = 500  # GetMetricData's limit per request

Stat = Literal["Sum", "Maximum", "Average"]


@dataclass(frozen=True, slots=True)
class MetricQuery:
    key: str  # our own label, e.g. a resource id
    namespace: str
    name: str
    dimensions: Mapping[str, str]
    stat: Stat


@dataclass(frozen=True, slots=True)
class Series:
    """Daily datapoints, oldest first; empty when CloudWatch had nothing in the window."""

    values: tuple[float, ...]

    def total(self) -> float | None:
        return sum(self.values) if self.values else None

    def peak(self) -> float | None:
        return max(self.values) if self.values else None

    def mean(self) -> float | None:
        return sum(self.values) / len(self.values) if self.values else None

    def latest(self) -> float | None:
        return self.values[-1] if self.values else None


def read_metrics(cloudwatch: Any, queries: Iterable[MetricQuery], now: datetime,
                 window_days: int) -> dict[tuple[str, str, Stat], Series]:
    """One daily series per (key, metric name, stat); chunks of 500 queries, following NextToken."""
    wanted = list(queries)
    start = now - timedelta(days=window_days)
    found: dict[tuple[str, str, Stat], Series] = {}
    for offset in range(0, len(wanted), MAX_QUERIES):
        chunk = wanted[offset:offset + MAX_QUERIES]
        by_id = {f"q{offset + index}": query for index, query in enumerate(chunk)}
        points: dict[str, list[tuple[datetime, float]]] = {qid: [] for qid in by_id}
        request = {
            "MetricDataQueries": [
                {"Id": qid, "ReturnData": True, "MetricStat": {
                    "Metric": {"Namespace": q.namespace, "MetricName": q.name,
                               "Dimensions": [{"Name": k, "Value": v} for k, v in q.dimensions.items()]},
                    "Period": DAY, "Stat": q.stat}}
                for qid, q in by_id.items()],
            "StartTime": start, "EndTime": now, "ScanBy": "TimestampAscending",
        }
        for page in cloudwatch.get_paginator("get_metric_data").paginate(**request):
            for result in page.get("MetricDataResults", []):
                points[result["Id"]] += list(zip(result.get("Timestamps", []), result.get("Values", []), strict=True))
        for qid, query in by_id.items():
            ordered = sorted(points[qid], key=lambda point: point[0])
            found[(query.key, query.name, query.stat)] = Series(tuple(float(v) for _, v in ordered))
    return found
