"""Waste checks as data: a rule says which resources it flags, why, what to do and how much that saves.

Each family module (ebs.py, nat.py, …) declares a tuple of `Rule` rows and a `RuleFamily`; the one
evaluator below turns (family, resources) into findings. Estimates read prices from the price table
through a `Quoter`, so each finding cites the prices, their date and region.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from analysis.checks.prices import HOURS_PER_MONTH, PriceNotFoundError, PriceTable, Quoter
from analysis.domain.findings import ActionKind, Finding
from analysis.domain.money import CENT, Money

if TYPE_CHECKING:
    from analysis.checks.ports import Inventory

R = TypeVar("R")
Scope = Literal["regional", "global"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a resource counts as idle, old or oversized. Defaults are conservative on purpose."""

    window_days: int = 14  # metrics look-back; a resource younger than this is never called idle
    stopped_days: int = 30  # an instance stopped this long is "long-stopped"
    volume_stopped_days: int = 7  # a volume whose instance has been stopped this long is waste
    snapshot_age_days: int = 365
    nat_idle_bytes: int = 1024**3  # BytesOutToDestination over the window
    cpu_idle_percent: float = 5.0  # CPUUtilization maximum
    lambda_memory_mb: int = 1536
    lambda_timeout_s: int = 300
    log_retention_days: int = 90  # what we propose for log groups that keep everything
    s3_cold_share: Decimal = Decimal("0.5")  # share of a bucket assumed to be older than 30 days and cold
    dynamodb_target_utilisation: Decimal = Decimal("0.7")  # Application Auto Scaling's usual target
    emr_idle_ratio: float = 0.9


@dataclass(frozen=True, slots=True)
class CheckContext:
    now: datetime
    account_id: str
    region: str  # the batch's region; "global" for account-wide families such as S3
    thresholds: Thresholds = field(default_factory=Thresholds)

    def days_since(self, moment: datetime | None) -> int:
        return 0 if moment is None else max((self.now - moment).days, 0)

    def older_than_window(self, created: datetime) -> bool:
        """Only a resource that existed for the whole metrics window can be called idle."""
        return created <= self.now - timedelta(days=self.thresholds.window_days)

    @property
    def months_per_window(self) -> Decimal:
        """Scale a metric summed over the window to a 730-hour month."""
        return Decimal(730) / (Decimal(24) * self.thresholds.window_days)


@dataclass(frozen=True, slots=True)
class Quote:
    """A monthly saving in US$ with what it assumed; `facts` may name the target (e.g. gp3, m6g.large)."""

    usd: Decimal
    facts: Mapping[str, str] = field(default_factory=dict)
    assumption: str = ""


Estimate = Callable[[R, Quoter, CheckContext], Quote]


@dataclass(frozen=True)
class Rule(Generic[R]):
    check_id: str
    title: str
    resource_type: str
    condition: str  # what `applies` tests, in words (README table)
    applies: Callable[[R, CheckContext], bool]
    saving_formula: str  # what `estimate` computes, in words (README table)
    estimate: Estimate[R]
    reason: str  # str.format template over the family's facts and the quote's facts
    action: str  # the same; usually the AWS CLI command
    action_kind: ActionKind


@dataclass(frozen=True)
class RuleFamily(Generic[R]):
    """One resource family: how to read its resources from an inventory, their facts, and its rules."""

    name: str
    scope: Scope
    read: Callable[[Inventory], Sequence[R]]
    facts: Callable[[R, CheckContext], dict[str, str]]  # must include "id"; may override "region"
    rules: tuple[Rule[R], ...]

    def run(self, inventory: Inventory, ctx: CheckContext, prices: PriceTable) -> list[Finding]:
        return evaluate(self, self.read(inventory), ctx, prices)


def evaluate(family: RuleFamily[R], resources: Sequence[R], ctx: CheckContext, prices: PriceTable) -> list[Finding]:
    findings = []
    for resource in resources:
        facts: dict[str, str] | None = None
        for rule in family.rules:
            if not rule.applies(resource, ctx):
                continue
            if facts is None:
                facts = {"region": ctx.region, **family.facts(resource, ctx)}
            findings.append(_finding(rule, resource, facts, ctx, prices))
    return findings


def _finding(rule: Rule[R], resource: R, facts: dict[str, str], ctx: CheckContext, prices: PriceTable) -> Finding:
    region = facts["region"]
    quoter = Quoter(prices, region)
    try:
        quote = rule.estimate(resource, quoter, ctx)
        usd, note = max(quote.usd, Decimal(0)), quoter.note()
        if quote.assumption:
            note = f"{note}; {quote.assumption}" if note else quote.assumption
        values = {**facts, **quote.facts, **_price_facts(quoter)}
    except PriceNotFoundError as exc:
        usd, note, values = Decimal(0), f"saving not estimated: {exc}", dict(facts)
    return Finding(
        check_id=rule.check_id,
        title=rule.title,
        resource_id=facts["id"],
        resource_type=rule.resource_type,
        account_id=ctx.account_id,
        region=region,
        reason=rule.reason.format_map(values),
        estimated_monthly_saving=Money(usd.quantize(CENT, rounding=ROUND_HALF_EVEN)),
        pricing_note=note,
        source="rule",
        action=rule.action.format_map(values),
        action_kind=rule.action_kind,
        details=values,
    )


def _price_facts(quoter: Quoter) -> dict[str, str]:
    """When the prices date from, and whether any came from another region (the view marks those)."""
    if not quoter.used:
        return {}
    facts = {"price_as_of": max(price.as_of for price in quoter.used).isoformat()}
    fallback = sorted({price.region for price in quoter.used if price.fallback})
    if fallback:
        facts["priced_in"] = ", ".join(fallback)
    return facts


def iso_day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


def family_of(instance_type: str) -> tuple[str, str]:
    """'m5.large' → ('m5', 'large'); 'db.r4.xlarge' → ('db.r4', 'xlarge'); 'cache.t2.micro' → ('cache.t2', 'micro')."""
    family, _, size = instance_type.rpartition(".")
    return family, size


def successor(instance_type: str, table: Mapping[str, str]) -> str | None:
    """The same size in the family `table` maps this one's family to, if any."""
    family, size = family_of(instance_type)
    target = table.get(family)
    return f"{target}.{size}" if target else None


def move_to(service: str, table: Mapping[str, str], kind_of: Callable[[R], str], *,
            copies: Callable[[R], int] = lambda resource: 1, assumption: str = "") -> Estimate[R]:
    """The saving of moving to the successor type at the same size: 730 h × price gap × copies
    (nodes, or two for Multi-AZ)."""
    def estimate(resource: R, price: Quoter, ctx: CheckContext) -> Quote:
        current = kind_of(resource)
        target = successor(current, table)
        if target is None:  # the rule's condition checks this first
            raise ValueError(f"{current} has no successor")
        gap = price(service, current) - price(service, target)
        return Quote(HOURS_PER_MONTH * gap * copies(resource), {"target": target}, assumption)
    return estimate
