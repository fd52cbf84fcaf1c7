"""The labelled figures every consultant text is made of, computed once from the report.

Offline narratives, the data given to an LLM and the grounding checker all read these, so a figure
the consultant writes is a figure the report holds (or a named derivation such as a daily average).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from analysis.domain.money import Money
from analysis.domain.period import Period
from analysis.domain.report import CostReport, LineItem, percent_change
from consultant.insights import Forecast, Insights, Saving
from consultant.ports import ServiceGlossary

RECENT_DAYS = 7
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class ItemFact:
    """A service or an account in the period, against the comparison period."""

    key: str
    name: str
    cost: Money
    comparison: Money
    delta: Money
    delta_pct: Decimal | None
    share_pct: Decimal | None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class AnomalyFact:
    service: str
    name: str
    first_day: date
    last_day: date
    expected: Money
    actual: Money
    excess: Money
    excess_pct: Decimal | None
    source: str


@dataclass(frozen=True, slots=True)
class DayFact:
    day: date
    cost: Money


@dataclass(frozen=True, slots=True)
class Facts:
    period: Period
    comparison: Period | None
    currency: str
    metric: str
    credits_included: bool
    tax_included: bool
    total: Money
    comparison_total: Money
    delta: Money
    delta_pct: Decimal | None
    services: tuple[ItemFact, ...]
    accounts: tuple[ItemFact, ...]
    movers_up: tuple[ItemFact, ...]
    movers_down: tuple[ItemFact, ...]
    appeared: tuple[ItemFact, ...]
    vanished: tuple[ItemFact, ...]
    anomalies: tuple[AnomalyFact, ...]
    account_movers_up: tuple[ItemFact, ...]
    categories: tuple[ItemFact, ...]  # spend per service category; empty without a glossary
    daily_average: Money
    recent_daily_average: Money  # the last RECENT_DAYS days, for a run rate
    run_rate_30d: Money  # recent daily average × 30: a naive projection, not a forecast
    peak: DayFact | None
    top3_share_pct: Decimal | None
    estimated_days: int
    missing: tuple[str, ...]
    warnings: tuple[str, ...]
    savings: tuple[Saving, ...]
    savings_total: Money | None
    savings_count: int
    forecast: Forecast | None
    source: str
    fetched_at: datetime

    @property
    def partial(self) -> bool:
        return bool(self.missing)

    def top_services(self, n: int = 5) -> tuple[ItemFact, ...]:
        return tuple(s for s in self.services if s.cost.amount > 0)[:n]

    def top_accounts(self, n: int = 5) -> tuple[ItemFact, ...]:
        return tuple(a for a in self.accounts if a.cost.amount > 0)[:n]

    def account_name(self, account_id: str) -> str:
        return next((a.name for a in self.accounts if a.key == account_id), account_id)

    def service(self, key: str) -> ItemFact | None:
        return next((s for s in self.services if s.key == key), None)

    def anomalies_for(self, key: str) -> tuple[AnomalyFact, ...]:
        return tuple(a for a in self.anomalies if a.service == key)


def build_facts(report: CostReport, insights: Insights | None = None,
                glossary: ServiceGlossary | None = None) -> Facts:
    insights = insights or Insights()
    services = tuple(_item(i, _name(i.key, glossary), _category(i.key, glossary)) for i in report.by_service)
    by_key = {s.key: s for s in services}
    accounts = tuple(_item(i, report.account_names.get(i.key, i.label)) for i in report.by_account)
    daily = list(report.daily)
    recent = daily[-RECENT_DAYS:]
    currency = report.currency
    recent_avg = _average([p.cost for p in recent], currency)
    positive = [s.share_pct for s in services[:3] if s.share_pct is not None]
    savings_total = insights.savings_total or (
        Money(sum((s.monthly.amount for s in insights.savings), Decimal(0)), currency) if insights.savings else None
    )
    return Facts(
        period=report.period,
        comparison=report.period.comparison,
        currency=currency,
        metric=report.basis.metric.value,
        credits_included=report.basis.credits_included,
        tax_included=report.basis.tax_included,
        total=report.total,
        comparison_total=report.comparison_total,
        delta=report.delta,
        delta_pct=report.delta_pct,
        services=services,
        accounts=accounts,
        movers_up=tuple(by_key[m.key] for m in report.movers_up),
        movers_down=tuple(by_key[m.key] for m in report.movers_down),
        appeared=tuple(by_key[k] for k in report.appeared if k in by_key),
        vanished=tuple(by_key[k] for k in report.vanished if k in by_key),
        anomalies=tuple(
            AnomalyFact(a.service, _name(a.service, glossary), a.first_day, a.last_day, Money(a.expected, currency),
                        Money(a.actual, currency), Money(a.excess, currency), percent_change(a.actual, a.expected),
                        a.source)
            for a in report.anomalies
        ),
        account_movers_up=tuple(sorted((a for a in accounts if a.delta.amount > 0),
                                       key=lambda a: -a.delta.amount)[:3]),
        categories=_categories(services, report.total, currency),
        daily_average=_average([p.cost for p in daily], currency),
        recent_daily_average=recent_avg,
        run_rate_30d=recent_avg * 30,
        peak=max((DayFact(p.day, p.cost) for p in daily), key=lambda d: d.cost.amount, default=None),
        top3_share_pct=sum(positive, Decimal(0)) if positive else None,
        estimated_days=len(report.estimated_days),
        missing=tuple(f"{m.description}: {m.reason}" for m in report.missing),
        warnings=tuple(report.warnings),
        savings=tuple(sorted(insights.savings, key=lambda s: -s.monthly.amount)),
        savings_total=savings_total,
        savings_count=insights.savings_count if insights.savings_count is not None else len(insights.savings),
        forecast=insights.forecast,
        source=report.source,
        fetched_at=report.fetched_at,
    )


def _item(item: LineItem, name: str, category: str | None = None) -> ItemFact:
    share = item.share * HUNDRED if item.share is not None else None
    return ItemFact(item.key, name, item.cost, item.comparison, item.delta, item.delta_pct, share, category)


def _categories(services: tuple[ItemFact, ...], total: Money, currency: str) -> tuple[ItemFact, ...]:
    now: dict[str, Decimal] = {}
    before: dict[str, Decimal] = {}
    for s in services:
        if s.category is None:
            return ()
        now[s.category] = now.get(s.category, Decimal(0)) + s.cost.amount
        before[s.category] = before.get(s.category, Decimal(0)) + s.comparison.amount
    rows = [
        ItemFact(c, c, Money(now[c], currency), Money(before[c], currency), Money(now[c] - before[c], currency),
                 percent_change(now[c], before[c]), now[c] / total.amount * HUNDRED if total.amount else None, c)
        for c in now
    ]
    return tuple(sorted(rows, key=lambda r: (-r.cost.amount, r.key)))


def _average(values: list[Money], currency: str) -> Money:
    if not values:
        return Money.zero(currency)
    return Money(sum((v.amount for v in values), Decimal(0)) / len(values), currency)


def _name(service: str, glossary: ServiceGlossary | None) -> str:
    if glossary is not None:
        return glossary.entry(service).short_name
    for prefix in ("Amazon ", "AWS "):
        if service.startswith(prefix) and len(service) > len(prefix):
            return service[len(prefix):]
    return service


def _category(service: str, glossary: ServiceGlossary | None) -> str | None:
    return str(glossary.entry(service).category) if glossary is not None else None
