"""Cost records and the question asked of a cost source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from analysis.domain.basis import CostBasis
from analysis.domain.period import Period

OTHER = "Other"  # where a row that cannot be categorised goes; nothing is dropped


class GroupByError(ValueError):
    """An unknown breakdown dimension."""


class Dimension(StrEnum):
    SERVICE = "service"
    ACCOUNT = "account"
    REGION = "region"
    TAG = "tag"
    COST_CATEGORY = "cost-category"


@dataclass(frozen=True, slots=True)
class GroupBy:
    dimension: Dimension = Dimension.SERVICE
    key: str | None = None  # the tag key or cost category name

    @classmethod
    def parse(cls, text: str) -> GroupBy:
        raw = text.strip()
        lowered = raw.lower()
        aliases = {"servico": "service", "serviço": "service", "conta": "account", "regiao": "region",
                   "região": "region", "accounts": "account", "services": "service", "regions": "region"}
        for prefix, dimension in (("tag:", Dimension.TAG), ("cost-category:", Dimension.COST_CATEGORY),
                                  ("category:", Dimension.COST_CATEGORY)):
            if lowered.startswith(prefix):
                key = raw[len(prefix):].strip()
                if not key:
                    raise GroupByError(f"`{text}` needs a key, for example `tag:team`.")
                return cls(dimension, key)
        lowered = aliases.get(lowered, lowered)
        if lowered in {"service", "account", "region"}:
            return cls(Dimension(lowered))
        raise GroupByError(
            f"`{text}` is not a breakdown. Use service, account, region, tag:KEY or cost-category:NAME."
        )

    def __str__(self) -> str:
        return f"{self.dimension.value}:{self.key}" if self.key else self.dimension.value


@dataclass(frozen=True, slots=True)
class CostRecord:
    """Cost of one service in one account over `[start, end)` (a day, or a coarser bucket)."""

    start: date
    end: date
    account_id: str
    service: str
    amount: Decimal
    dimension: str | None = None  # region, tag value or cost category value when grouped by one
    estimated: bool = False  # Cost Explorer may still revise it


@dataclass(frozen=True, slots=True)
class DailyCost:
    """A finer series used for charts and anomaly detection when records are coarser than a day."""

    day: date
    service: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class KeyedCost:
    """The cost of one account, region, tag value or cost category value over `[start, end)`, summed
    over every service. A source may return these marginals instead of a service × key cross product:
    Cost Explorer answers "by service" and "by account" in far fewer rows than "by service × account"."""

    start: date
    end: date
    key: str
    amount: Decimal
    estimated: bool = False


@dataclass(frozen=True, slots=True)
class CostQuery:
    period: Period
    basis: CostBasis = CostBasis()
    group_by: GroupBy = GroupBy()
    accounts: frozenset[str] | None = None  # None: every account the caller may see

    @property
    def key(self) -> str:
        scope = ",".join(sorted(self.accounts)) if self.accounts is not None else "*"
        comparison = self.period.comparison
        span = f"{comparison.start}..{self.period.end}" if comparison else f"{self.period.start}..{self.period.end}"
        return f"{span}|{self.period.start}|{self.basis.key}|{self.group_by}|{scope}"


@dataclass(slots=True)
class CostData:
    """What a cost source returns for one query: records for both the period and its comparison."""

    records: list[CostRecord]
    currency: str
    fetched_at: datetime
    account_names: dict[str, str] = field(default_factory=dict)
    daily: list[DailyCost] | None = None  # None: derive from records (they are daily)
    warnings: list[str] = field(default_factory=list)
    source: str = "unknown"
    requests: int = 0  # billable API requests made to answer (0 when served from cache)
    by_account: list[KeyedCost] | None = None  # None: derive from the records' account ids
    by_dimension: list[KeyedCost] | None = None  # None: derive from the records' dimension

    def account_costs(self) -> list[KeyedCost]:
        """Cost per account, from the marginal when the source gave one, else from the records."""
        if self.by_account is not None:
            return self.by_account
        return [KeyedCost(r.start, r.end, r.account_id, r.amount, r.estimated) for r in self.records]

    def dimension_costs(self) -> list[KeyedCost]:
        if self.by_dimension is not None:
            return self.by_dimension
        return [KeyedCost(r.start, r.end, r.dimension or "", r.amount, r.estimated) for r in self.records]


def merge_cost_data(left: CostData, right: CostData) -> CostData:
    """Two partial answers as one (batches of the same question). A side that carries marginals makes
    the merged data carry them too, so no part is counted from records and marginals twice."""
    daily = None if left.daily is None and right.daily is None else [*(left.daily or []), *(right.daily or [])]
    by_account = None
    if left.by_account is not None or right.by_account is not None:
        by_account = [*left.account_costs(), *right.account_costs()]
    by_dimension = None
    if left.by_dimension is not None or right.by_dimension is not None:
        by_dimension = [*left.dimension_costs(), *right.dimension_costs()]
    return CostData(
        records=[*left.records, *right.records],
        currency=left.currency,
        fetched_at=min(left.fetched_at, right.fetched_at),  # a report is as fresh as its oldest part
        account_names={**left.account_names, **right.account_names},
        daily=daily,
        warnings=[*left.warnings, *(w for w in right.warnings if w not in left.warnings)],
        source=left.source,
        requests=left.requests + right.requests,
        by_account=by_account,
        by_dimension=by_dimension,
    )
