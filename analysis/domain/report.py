"""The cost report every surface speaks: Slack blocks, the CLI, email, the consultant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from analysis.domain.anomalies import Spike, detect_spikes
from analysis.domain.basis import CostBasis
from analysis.domain.costs import OTHER, CostData, Dimension, GroupBy
from analysis.domain.money import Money
from analysis.domain.period import Period

TOP_MOVERS = 5
UNTAGGED = "(untagged)"


class RecordOutsidePeriodError(ValueError):
    """A cost source returned a record that is in neither the period nor its comparison."""


@dataclass(frozen=True, slots=True)
class LineItem:
    """One row of a breakdown: a service, an account, a region or a tag value."""

    key: str
    label: str
    cost: Money
    comparison: Money
    share: Decimal | None  # of the period total; None when the total is zero

    @property
    def delta(self) -> Money:
        return self.cost - self.comparison

    @property
    def delta_pct(self) -> Decimal | None:
        return percent_change(self.cost.amount, self.comparison.amount)


@dataclass(frozen=True, slots=True)
class DailyPoint:
    day: date
    cost: Money
    comparison_cost: Money | None  # the same offset inside the comparison period
    estimated: bool


@dataclass(frozen=True, slots=True)
class MissingPart:
    """A piece of the analysis that failed: the report says so instead of showing a silent zero."""

    batch_id: str
    description: str
    reason: str


@dataclass(frozen=True)
class CostReport:
    period: Period
    basis: CostBasis
    group_by: GroupBy
    currency: str
    total: Money
    comparison_total: Money
    by_service: tuple[LineItem, ...]
    by_account: tuple[LineItem, ...]
    by_dimension: tuple[LineItem, ...]
    daily: tuple[DailyPoint, ...]
    movers_up: tuple[LineItem, ...]
    movers_down: tuple[LineItem, ...]
    appeared: tuple[str, ...]
    vanished: tuple[str, ...]
    anomalies: tuple[Spike, ...]
    fetched_at: datetime
    source: str
    accounts_in_scope: frozenset[str] | None = None
    missing: tuple[MissingPart, ...] = ()
    warnings: tuple[str, ...] = ()
    requests: int = 0
    account_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def delta(self) -> Money:
        return self.total - self.comparison_total

    @property
    def delta_pct(self) -> Decimal | None:
        return percent_change(self.total.amount, self.comparison_total.amount)

    @property
    def partial(self) -> bool:
        return bool(self.missing)

    @property
    def estimated_days(self) -> tuple[date, ...]:
        return tuple(point.day for point in self.daily if point.estimated)

    def service(self, name: str) -> LineItem | None:
        return next((item for item in self.by_service if item.key == name), None)


def percent_change(current: Decimal, previous: Decimal) -> Decimal | None:
    """Change in percent, or None when there is nothing to compare with."""
    if previous == 0:
        return None
    return (current - previous) / abs(previous) * 100


class _Sums:
    """Running totals for the period and its comparison, keyed by one label."""

    __slots__ = ("comparison", "current")

    def __init__(self) -> None:
        self.current: defaultdict[str, Decimal] = defaultdict(Decimal)
        self.comparison: defaultdict[str, Decimal] = defaultdict(Decimal)

    def add(self, key: str, amount: Decimal, is_current: bool) -> None:
        (self.current if is_current else self.comparison)[key] += amount

    def items(self, currency: str, total: Decimal, labels: Mapping[str, str]) -> tuple[LineItem, ...]:
        keys = set(self.current) | set(self.comparison)
        rows = [
            LineItem(
                key=key,
                label=labels.get(key, key),
                cost=Money(self.current.get(key, Decimal(0)), currency),
                comparison=Money(self.comparison.get(key, Decimal(0)), currency),
                share=(self.current.get(key, Decimal(0)) / total) if total else None,
            )
            for key in keys
        ]
        return tuple(sorted(rows, key=lambda r: (-r.cost.amount, -r.comparison.amount, r.key)))


def build_report(
    data: CostData,
    period: Period,
    basis: CostBasis,
    group_by: GroupBy = GroupBy(),
    *,
    accounts_in_scope: frozenset[str] | None = None,
    missing: Iterable[MissingPart] = (),
    extra_warnings: Iterable[str] = (),
) -> CostReport:
    """Aggregate records into the report. Exact Decimal sums: the parts always add up to the total."""
    comparison = period.comparison or Period(period.start - (period.end - period.start), period.start,
                                             "comparison", period.as_of)
    services, accounts, dimensions = _Sums(), _Sums(), _Sums()
    daily_total: defaultdict[date, Decimal] = defaultdict(Decimal)
    daily_service: defaultdict[str, defaultdict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    records_are_daily = data.daily is None
    blank = UNTAGGED if group_by.dimension in (Dimension.TAG, Dimension.COST_CATEGORY) else OTHER
    wants_dimension = group_by.dimension not in (Dimension.SERVICE, Dimension.ACCOUNT)
    for record in data.records:
        is_current = _role(record.start, record.end, record.service, period, comparison)
        service = record.service or OTHER
        services.add(service, record.amount, is_current)
        if data.by_account is None:
            accounts.add(record.account_id or OTHER, record.amount, is_current)
        if wants_dimension and data.by_dimension is None:
            dimensions.add(record.dimension or blank, record.amount, is_current)
        if records_are_daily:
            daily_total[record.start] += record.amount
            daily_service[service][record.start] += record.amount
    for cost in data.by_account or ():
        accounts.add(cost.key or OTHER, cost.amount, _role(cost.start, cost.end, cost.key, period, comparison))
    for cost in (data.by_dimension or ()) if wants_dimension else ():
        dimensions.add(cost.key or blank, cost.amount, _role(cost.start, cost.end, cost.key, period, comparison))
    for point in data.daily or ():
        daily_total[point.day] += point.amount
        daily_service[point.service or OTHER][point.day] += point.amount

    currency = data.currency
    total = sum(services.current.values(), Decimal(0))
    comparison_total = sum(services.comparison.values(), Decimal(0))
    by_service = services.items(currency, total, {})
    movers = sorted((item for item in by_service if item.delta.amount != 0), key=lambda i: i.delta.amount)
    days = list(period.iter_days())
    spikes = detect_spikes(
        daily_service, days, min_excess=max(Decimal(10), abs(total) / max(len(days), 1) * Decimal("0.02"))
    )
    return CostReport(
        period=period,
        basis=basis,
        group_by=group_by,
        currency=currency,
        total=Money(total, currency),
        comparison_total=Money(comparison_total, currency),
        by_service=by_service,
        by_account=accounts.items(currency, total, data.account_names),
        by_dimension=dimensions.items(currency, total, {}),
        daily=_daily_points(period, comparison, daily_total, currency, _source_estimated_days(data)),
        movers_up=tuple(reversed([m for m in movers if m.delta.amount > 0][-TOP_MOVERS:])),
        movers_down=tuple(m for m in movers if m.delta.amount < 0)[:TOP_MOVERS],
        appeared=tuple(sorted(k for k, v in services.current.items() if v and not services.comparison.get(k))),
        vanished=tuple(sorted(k for k, v in services.comparison.items() if v and not services.current.get(k))),
        anomalies=tuple(spikes[:TOP_MOVERS]),
        fetched_at=data.fetched_at,
        source=data.source,
        accounts_in_scope=accounts_in_scope,
        missing=tuple(missing),
        warnings=tuple(data.warnings) + tuple(extra_warnings),
        requests=data.requests,
        account_names=dict(data.account_names),
    )


def _role(start: date, end: date, what: str, period: Period, comparison: Period) -> bool:
    """True for the period, False for its comparison; anything else is a bug in the source."""
    if period.start <= start and end <= period.end:
        return True
    if comparison.start <= start and end <= comparison.end:
        return False
    raise RecordOutsidePeriodError(
        f"record {start}..{end} for {what!r} is outside {period.describe()} "
        f"and its comparison {comparison.describe()}"
    )


def _source_estimated_days(data: CostData) -> frozenset[date]:
    """Days the source itself marks as not final (Cost Explorer's `Estimated`), beyond yesterday and today."""
    spans = {(r.start, r.end) for r in data.records if r.estimated}
    spans |= {(c.start, c.end) for c in data.by_account or () if c.estimated}
    return frozenset(start + timedelta(days=n) for start, end in spans for n in range((end - start).days))


def _daily_points(
    period: Period, comparison: Period, daily: Mapping[date, Decimal], currency: str, estimated: frozenset[date]
) -> tuple[DailyPoint, ...]:
    points = []
    for offset, day in enumerate(period.iter_days()):
        twin = comparison.start + timedelta(days=offset)
        points.append(
            DailyPoint(
                day=day,
                cost=Money(daily.get(day, Decimal(0)), currency),
                comparison_cost=Money(daily.get(twin, Decimal(0)), currency) if twin in comparison else None,
                estimated=day >= period.first_unfinalised_day or day in estimated,
            )
        )
    return tuple(points)
