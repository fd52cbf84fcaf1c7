"""Which `GetCostAndUsage` requests answer a cost question, in the fewest billed pages.

Cost Explorer bills US$ 0.01 per request and every page is a request, so the plan asks for
marginals, not the service × account cross product:

1. **services** — DAILY over the comparison's start to the period's end, grouped by SERVICE.
   Gives by-service totals for the period and its comparison, the daily series (charts, our
   anomaly detector) and the estimated flags, in `days × services` rows.
2. **accounts** — grouped by LINKED_ACCOUNT (skipped when the scope is one account). MONTHLY over
   the same span when every calendar-month bucket falls inside the period or the comparison
   (last-month, 2026-Q3…); otherwise DAILY over the span or MONTHLY over each window separately,
   whichever needs fewer pages for the number of accounts expected.
3. **dimension** — only for `--by region|tag:KEY|cost-category:NAME`: the same shape as 2,
   grouped by that dimension. (Cost Explorer allows two GroupBy keys; marginals need only one.)

`costs last-30d` over 50 accounts × 253 services: 60 × 253 = 15,180 service rows and 60 × 50 =
3,000 account rows — 3 requests at the page size we assume (`ASSUMED_PAGE_GROUPS`; AWS does not
document it), against 253+ for one query per service. The cross product would be 4 × 12,650 rows
(MONTHLY buckets split at month ends, so the period and its comparison are two buckets each) plus
the daily series: 8 requests at the same page size.

Spans older than Cost Explorer's daily history (`DAILY_HISTORY_MONTHS`) use MONTHLY buckets and a
separate DAILY-by-SERVICE request for the recent part, for the daily series.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from analysis.domain.basis import CostBasis
from analysis.domain.costs import CostQuery, Dimension, GroupBy
from analysis.domain.period import Period

# Not documented by AWS. Page sizes we have seen reported range from a few thousand groups up;
# the request counts in the README and the benchmarks say which size they assume.
ASSUMED_PAGE_GROUPS = 10_000
DAILY_HISTORY_MONTHS = 14  # Cost Explorer keeps daily granularity for the last 14 months
UNKNOWN_KEYS = 50  # how many accounts or dimension values to plan for when nobody knows
DAILY_UNAVAILABLE = "daily-unavailable"  # warning code: part of the span is older than the daily history

Role = Literal["services", "accounts", "dimension", "daily"]
Granularity = Literal["DAILY", "MONTHLY"]


@dataclass(frozen=True)
class CeRequest:
    """One logical GetCostAndUsage request (its pages follow NextPageToken)."""

    role: Role
    start: date
    end: date
    granularity: Granularity
    group_by: tuple[tuple[str, str], ...]
    metric: str
    filter: dict[str, Any] | None = field(default=None, compare=False)

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {
            "TimePeriod": {"Start": self.start.isoformat(), "End": self.end.isoformat()},
            "Granularity": self.granularity,
            "Metrics": [self.metric],
            "GroupBy": [{"Type": kind, "Key": key} for kind, key in self.group_by],
        }
        if self.filter is not None:
            params["Filter"] = self.filter
        return params

    def cache_key(self) -> str:
        """A hash of the exact request: the same question asks Cost Explorer once per freshness window."""
        text = json.dumps(self.params(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def buckets(self) -> int:
        if self.granularity == "DAILY":
            return (self.end - self.start).days
        return len(month_buckets(self.start, self.end))


@dataclass(frozen=True)
class PlanHints:
    """What the planner may know in advance: how many accounts are in scope (from Organizations)."""

    accounts: int | None = None
    page_groups: int = ASSUMED_PAGE_GROUPS


def comparison_of(period: Period) -> Period:
    """The comparison window; the same fallback `build_report` uses when a period has none."""
    return period.comparison or Period(period.start - (period.end - period.start), period.start, "comparison",
                                       period.as_of)


def plan_requests(query: CostQuery, hints: PlanHints = PlanHints()) -> list[CeRequest]:
    period, comparison = query.period, comparison_of(query.period)
    span = (min(comparison.start, period.start), max(comparison.end, period.end))
    metric = query.basis.metric.ce_metric
    cost_filter = build_filter(query.basis, query.accounts)
    history_start = daily_history_start(period.as_of)
    daily_ok = span[0] >= history_start

    def request(role: Role, key: tuple[str, str], granularity: Granularity, window: tuple[date, date]) -> CeRequest:
        return CeRequest(role, window[0], window[1], granularity, (key,), metric, cost_filter)

    windows = [span] if _aligned(span, period, comparison) else [(comparison.start, comparison.end),
                                                                 (period.start, period.end)]
    service = ("DIMENSION", "SERVICE")
    if daily_ok:
        plan = [request("services", service, "DAILY", span)]
    else:
        plan = [request("services", service, "MONTHLY", window) for window in windows]
        recent = (max(span[0], history_start), span[1])
        if recent[0] < recent[1]:
            plan.append(request("daily", service, "DAILY", recent))

    def marginal(role: Role, key: tuple[str, str], expected_keys: int) -> list[CeRequest]:
        if len(windows) == 1:
            return [request(role, key, "MONTHLY", span)]
        daily_pages = math.ceil((span[1] - span[0]).days * expected_keys / hints.page_groups)
        if daily_ok and daily_pages <= len(windows):
            return [request(role, key, "DAILY", span)]
        return [request(role, key, "MONTHLY", window) for window in windows]

    if query.accounts is None or len(query.accounts) > 1:
        expected = len(query.accounts) if query.accounts is not None else (hints.accounts or UNKNOWN_KEYS)
        plan += marginal("accounts", ("DIMENSION", "LINKED_ACCOUNT"), expected)
    if query.group_by.dimension not in (Dimension.SERVICE, Dimension.ACCOUNT):
        plan += marginal("dimension", group_definition(query.group_by), UNKNOWN_KEYS)
    return plan


def build_filter(basis: CostBasis, accounts: frozenset[str] | None) -> dict[str, Any] | None:
    """Account scope as a LINKED_ACCOUNT filter; credits, refunds and tax left out through RECORD_TYPE."""
    parts: list[dict[str, Any]] = []
    if accounts is not None:
        parts.append({"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": sorted(accounts)}})
    excluded = basis.excluded_record_types()
    if excluded:
        parts.append({"Not": {"Dimensions": {"Key": "RECORD_TYPE", "Values": list(excluded)}}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"And": parts}


def group_definition(group_by: GroupBy) -> tuple[str, str]:
    if group_by.dimension == Dimension.TAG:
        return "TAG", group_by.key or ""
    if group_by.dimension == Dimension.COST_CATEGORY:
        return "COST_CATEGORY", group_by.key or ""
    return "DIMENSION", {Dimension.REGION: "REGION", Dimension.ACCOUNT: "LINKED_ACCOUNT"}.get(
        group_by.dimension, "SERVICE")


def month_buckets(start: date, end: date) -> list[tuple[date, date]]:
    """The buckets MONTHLY granularity returns for `[start, end)`: split at each month's first day."""
    buckets = []
    cursor = start
    while cursor < end:
        following = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        buckets.append((cursor, min(following, end)))
        cursor = following
    return buckets


def daily_history_start(as_of: date) -> date:
    """First day of the oldest month with daily data: the current month and the 13 before it."""
    index = as_of.year * 12 + as_of.month - 1 - (DAILY_HISTORY_MONTHS - 1)
    return date(index // 12, index % 12 + 1, 1)


def _aligned(span: tuple[date, date], period: Period, comparison: Period) -> bool:
    """True when one MONTHLY request over the span gives buckets wholly inside the period or the comparison."""
    return all(
        (period.start <= start and end <= period.end) or (comparison.start <= start and end <= comparison.end)
        for start, end in month_buckets(*span)
    )
