"""Reading GetCostAndUsage pages into rows the domain understands. Pure: works on the response dicts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from analysis.domain.period import Period
from analysis.sources.ce_query import CeRequest
from analysis.sources.errors import CostExplorerResponseError


@dataclass(frozen=True, slots=True)
class GroupCost:
    """One group of one time bucket: the cost of `key` over `[start, end)`."""

    start: date
    end: date
    key: str
    amount: Decimal
    estimated: bool
    in_period: bool  # False: in the comparison


def read_groups(request: CeRequest, pages: Iterable[Mapping[str, Any]], period: Period,
                comparison: Period) -> Iterator[tuple[GroupCost, str]]:
    """Every non-zero group with its currency. Buckets in neither window (the days between a `mtd`
    comparison and the period) are skipped; a bucket straddling a window edge is a planning bug."""
    for page in pages:
        for bucket in page.get("ResultsByTime", ()):
            start = date.fromisoformat(bucket["TimePeriod"]["Start"])
            end = date.fromisoformat(bucket["TimePeriod"]["End"])
            in_period = _window(start, end, period, comparison, request)
            if in_period is None:
                continue
            estimated = bool(bucket.get("Estimated")) or end > period.first_unfinalised_day
            for group in bucket.get("Groups", ()):
                metric = group["Metrics"][request.metric]
                amount = Decimal(metric["Amount"])
                if amount:
                    yield GroupCost(start, end, group_value(group["Keys"][0]), amount, estimated, in_period), \
                        metric.get("Unit", "USD")


def group_value(key: str) -> str:
    """Tag and cost category groups come back as `name$value`; an empty value means untagged."""
    return key.split("$", 1)[1] if "$" in key else key


def account_names(pages: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Names Cost Explorer attaches to LINKED_ACCOUNT groups (used when Organizations is not readable)."""
    names = {}
    for page in pages:
        for item in page.get("DimensionValueAttributes", ()):
            name = item.get("Attributes", {}).get("description")
            if name:
                names[item["Value"]] = name
    return names


def _window(start: date, end: date, period: Period, comparison: Period, request: CeRequest) -> bool | None:
    if period.start <= start and end <= period.end:
        return True
    if comparison.start <= start and end <= comparison.end:
        return False
    if end <= comparison.start or start >= period.end or (comparison.end <= start and end <= period.start):
        return None
    raise CostExplorerResponseError(
        f"Cost Explorer bucket {start}..{end} of the {request.role} request straddles "
        f"{comparison.describe()} and {period.describe()}"
    )
