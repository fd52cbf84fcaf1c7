"""A seeded generator of the demo organisation's costs, behind the same `CostSource` port as Cost Explorer."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import CostData, CostQuery, CostRecord, Dimension, GroupBy
from analysis.sources import demo_profile as org

QUANTUM = Decimal("0.000001")  # Cost Explorer returns amounts with many decimals; keep six


class DemoCostSource:
    """Deterministic for a given seed and as-of date: the same question gets the same answer."""

    name = "demo"

    def __init__(self, seed: int = 2026) -> None:
        self.seed = seed
        self.accounts = {a.account_id: a for a in org.ACCOUNTS}

    def fetch_costs(self, query: CostQuery) -> CostData:
        period = query.period
        # the comparison window need not touch the period (mtd compares with the start of last month)
        windows = [period.comparison, period] if period.comparison else [period]
        records = [
            record
            for window in windows
            for day in window.iter_days()
            for record in self._day_records(day, period.as_of, query.basis, query.group_by, query.accounts)
        ]
        return CostData(
            records=records,
            currency="USD",
            fetched_at=datetime.combine(period.as_of, time(6, 0), UTC),
            account_names={a.account_id: a.name for a in org.ACCOUNTS},
            source="demo",
        )

    def _day_records(
        self, day: date, as_of: date, basis: CostBasis, group_by: GroupBy, scope: frozenset[str] | None
    ) -> Iterator[CostRecord]:
        days_ago = (as_of - day).days
        if days_ago > org.HISTORY_DAYS or days_ago < 0:
            return
        estimated = days_ago <= 1
        completeness = 0.4 if days_ago == 0 else 1.0  # today's data is still arriving
        sp_fee = 0.0
        for account in org.ACCOUNTS:
            if scope is not None and account.account_id not in scope:
                continue
            for service, base in self._services(account, days_ago):
                usage = self._usage(account, service, base, day, days_ago) * completeness
                if service == org.EC2 and account.environment == "prod":
                    covered = usage * org.SAVINGS_PLAN_COVERAGE
                    sp_fee += covered * org.SAVINGS_PLAN_RATE
                    usage -= covered
                    if basis.metric in (Metric.AMORTIZED, Metric.NET_AMORTIZED):
                        usage += covered * org.SAVINGS_PLAN_RATE  # amortized: the commitment lands on usage
                yield from self._split(account, service, _net(usage, basis), day, group_by, estimated)
                if basis.credits_included and account.account_id == org.CREDIT_ACCOUNT and service.startswith(
                    ("Amazon SageMaker", org.BEDROCK)
                ):
                    yield from self._split(account, service, -usage * org.CREDIT_SHARE, day, group_by, estimated)
        yield from self._billing_lines(day, days_ago, basis, group_by, scope, sp_fee * completeness, estimated)

    def _services(self, account: org.DemoAccount, days_ago: int) -> Iterator[tuple[str, float]]:
        for service, base in account.services:
            if service == org.EMR and days_ago < org.VANISHES_DAYS_AGO:
                continue
            yield service, base
        if account.account_id == org.APPEARS_ACCOUNT and days_ago <= org.APPEARS_DAYS_AGO:
            ramp = 1 + (org.APPEARS_DAYS_AGO - days_ago) / org.APPEARS_DAYS_AGO
            yield org.BEDROCK, org.APPEARS_BASE * ramp

    def _usage(self, account: org.DemoAccount, service: str, base: float, day: date, days_ago: int) -> float:
        months_back = days_ago / 30.4
        growth: float = (1 + account.monthly_growth) ** (-months_back)
        weekend = account.weekend_factor if day.weekday() >= 5 else 1.0
        # a gentle monthly wave so month-over-month comparisons are not flat
        wave = 1 + 0.04 * math.sin(2 * math.pi * day.timetuple().tm_yday / 91)
        noise = 0.94 + 0.12 * self._uniform(account.account_id, service, day.isoformat())
        value = base * growth * weekend * wave * noise
        if (account.account_id, service) == (org.SPIKE_ACCOUNT, org.SPIKE_SERVICE) and days_ago in org.SPIKE_DAYS_AGO:
            value *= org.SPIKE_FACTOR
        return value

    def _billing_lines(
        self, day: date, days_ago: int, basis: CostBasis, group_by: GroupBy, scope: frozenset[str] | None,
        sp_fee: float, estimated: bool,
    ) -> Iterator[CostRecord]:
        """Lines of the management (payer) account: Savings Plans fee, tax and a refund."""
        if scope is not None and org.MANAGEMENT_ACCOUNT not in scope:
            return
        payer = self.accounts[org.MANAGEMENT_ACCOUNT]
        if basis.metric in (Metric.UNBLENDED, Metric.NET_UNBLENDED) and sp_fee:
            yield from self._split(payer, org.SAVINGS_PLANS, _net(sp_fee, basis), day, group_by, estimated)
        if basis.tax_included and day.day == 1:
            yield from self._split(payer, org.TAX, org.MONTHLY_TAX * (1 + 0.01 * (day.month % 5)), day, group_by,
                                   estimated)
        if basis.credits_included and days_ago == org.REFUND_DAYS_AGO:
            yield CostRecord(day, day + timedelta(days=1), payer.account_id, org.SUPPORT, Decimal(org.REFUND_AMOUNT),
                             _dimension(payer, org.SUPPORT, group_by, "global", self.seed), estimated)

    def _split(
        self, account: org.DemoAccount, service: str, amount: float, day: date, group_by: GroupBy, estimated: bool
    ) -> Iterator[CostRecord]:
        end = day + timedelta(days=1)
        total = Decimal(repr(amount)).quantize(QUANTUM)
        if group_by.dimension != Dimension.REGION:
            yield CostRecord(day, end, account.account_id, service, total,
                             _dimension(account, service, group_by, None, self.seed), estimated)
            return
        regions = (("global", 1.0),) if service in org.GLOBAL_SERVICES else account.regions
        remaining = total
        for index, (region, weight) in enumerate(regions):
            part = remaining if index == len(regions) - 1 else (total * Decimal(repr(weight))).quantize(QUANTUM)
            remaining -= part
            yield CostRecord(day, end, account.account_id, service, part, region, estimated)

    def _uniform(self, *parts: str) -> float:
        digest = hashlib.blake2b("|".join((str(self.seed), *parts)).encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") / 2**64


def _net(amount: float, basis: CostBasis) -> float:
    if basis.metric in (Metric.NET_AMORTIZED, Metric.NET_UNBLENDED):
        return amount * (1 - org.EDP_DISCOUNT)
    return amount


def _dimension(account: org.DemoAccount, service: str, group_by: GroupBy, region: str | None, seed: int) -> str | None:
    if group_by.dimension == Dimension.REGION:
        return region
    if group_by.dimension not in (Dimension.TAG, Dimension.COST_CATEGORY):
        return None
    if group_by.dimension == Dimension.COST_CATEGORY:
        return account.business_unit
    if service in org.UNTAGGABLE:
        return None
    # about one resource line in seven is untagged, as in real organisations
    digest = hashlib.blake2b(f"{seed}|{account.account_id}|{service}".encode(), digest_size=2).digest()
    if int.from_bytes(digest, "big") % 7 == 0:
        return None
    tags = {"team": account.team, "environment": account.environment, "env": account.environment,
            "business-unit": account.business_unit, "cost-center": account.business_unit}
    return tags.get((group_by.key or "").lower())

