"""Every check family in one place, and how families group into pipeline batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.checks import (
    dynamodb,
    ebs,
    ec2,
    eip,
    elasticache,
    elb,
    emr,
    lambdas,
    logs,
    nat,
    rds,
    redshift,
    s3,
    snapshots,
)
from analysis.checks.prices import PriceTable
from analysis.checks.rules import CheckContext, Rule, RuleFamily, Scope
from analysis.domain.findings import Finding

if TYPE_CHECKING:
    from analysis.checks.ports import Inventory


class UnknownCheckError(ValueError):
    """A check id or family name that does not exist; the message lists what does."""


@dataclass(frozen=True)
class RecommendationFamily:
    """Recommendations AWS computes for us (Compute Optimizer, Cost Optimization Hub), read as findings."""

    name: str
    scope: Scope
    read: Callable[[Inventory], Sequence[Finding]]
    description: str

    def run(self, inventory: Inventory, ctx: CheckContext, prices: PriceTable) -> list[Finding]:
        return list(self.read(inventory))


Part = RuleFamily[Any] | RecommendationFamily

_RULE_MODULES = (ec2, ebs, snapshots, eip, nat, elb, rds, logs, s3, dynamodb, lambdas, redshift, elasticache, emr)
RECOMMENDATIONS = (
    RecommendationFamily("compute-optimizer", "regional", lambda inventory: inventory.compute_optimizer(),
                         "AWS Compute Optimizer: EC2, EBS, Lambda and Auto Scaling group recommendations"),
    RecommendationFamily("cost-optimization-hub", "global", lambda inventory: inventory.cost_optimization_hub(),
                         "AWS Cost Optimization Hub: its resource recommendations for the account "
                         "(commitment purchases are not waste and are left out)"),
)

FAMILIES: dict[str, tuple[Part, ...]] = {}
for _module in _RULE_MODULES:
    for _part in _module.PARTS:
        FAMILIES.setdefault(_part.name, ())
        FAMILIES[_part.name] += (_part,)
for _recommendation in RECOMMENDATIONS:
    FAMILIES[_recommendation.name] = (_recommendation,)

RULE_FAMILIES: tuple[str, ...] = tuple(name for name in FAMILIES if name not in {r.name for r in RECOMMENDATIONS})

# Batches: families that read the same AWS API travel together, so one missing permission is one
# missing batch; account-wide families (S3, Cost Optimization Hub) run once per account.
GROUPS: dict[str, tuple[str, ...]] = {
    "compute": ("ec2", "ebs", "snapshots", "eip"),
    "network": ("nat", "elb"),
    "databases": ("rds", "dynamodb", "redshift", "elasticache"),
    "serverless": ("lambda", "logs", "emr"),
    "compute-optimizer": ("compute-optimizer",),
    "storage": ("s3",),
    "cost-optimization-hub": ("cost-optimization-hub",),
}


def all_rules() -> tuple[Rule[Any], ...]:
    return tuple(rule for parts in FAMILIES.values() for part in parts if isinstance(part, RuleFamily)
                 for rule in part.rules)


def scope_of(family: str) -> Scope:
    return FAMILIES[family][0].scope


def family_of_check(check_id: str) -> str:
    for name, parts in FAMILIES.items():
        for part in parts:
            if isinstance(part, RuleFamily) and any(rule.check_id == check_id for rule in part.rules):
                return name
    raise UnknownCheckError(f"unknown check {check_id!r}")


@dataclass(frozen=True, slots=True)
class Selection:
    families: tuple[str, ...]  # what to scan
    check_ids: frozenset[str] | None = None  # single checks asked for by id; None: all of `families`
    whole_families: frozenset[str] = frozenset()  # families asked for by name, next to single checks

    def keeps(self, finding: Finding) -> bool:
        if self.check_ids is None:
            return True
        if finding.source == "rule":
            return finding.check_id in self.check_ids or family_of_check(finding.check_id) in self.whole_families
        return finding.source in self.whole_families  # recommendation families are named after their source


def select_checks(names: Iterable[str] | None) -> Selection:
    """Family names (ebs, nat, …) and check ids (ebs-gp2-to-gp3, …) mixed; None or empty: everything."""
    wanted = [n.strip() for n in names or () if n.strip()]
    if not wanted:
        return Selection(tuple(FAMILIES))
    families: set[str] = set()
    check_ids: set[str] = set()
    whole: set[str] = set()
    for name in wanted:
        if name in FAMILIES:
            whole.add(name)
            families.add(name)
            continue
        try:
            families.add(family_of_check(name))
        except UnknownCheckError:
            raise UnknownCheckError(
                f"`{name}` is neither a check family ({', '.join(FAMILIES)}) nor a check id; "
                "`finops waste --list-checks` shows them all") from None
        check_ids.add(name)
    ordered = tuple(f for f in FAMILIES if f in families)
    return Selection(ordered, frozenset(check_ids) if check_ids else None, frozenset(whole))
