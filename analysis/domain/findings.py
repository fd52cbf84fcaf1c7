"""Waste findings: a resource, why it costs money for nothing, what to do and what that saves a month.

Findings come from our own rules, from AWS Compute Optimizer and from Cost Optimization Hub. The same
advice from two places is one finding that says both agreed; the total counts each resource once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Literal

from analysis.domain.money import Money, total
from analysis.domain.report import MissingPart

FindingSource = Literal["rule", "compute-optimizer", "cost-optimization-hub"]
SOURCES: tuple[FindingSource, ...] = ("rule", "compute-optimizer", "cost-optimization-hub")


class ActionKind(StrEnum):
    """What kind of change the advice asks for; the same kind on the same resource is the same advice.

    The names follow Cost Optimization Hub's action types so its recommendations line up with ours.
    """

    DELETE = "delete"
    STOP = "stop"
    RIGHTSIZE = "rightsize"
    UPGRADE = "upgrade"
    MIGRATE_TO_GRAVITON = "migrate-to-graviton"
    CONFIGURE = "configure"
    PURCHASE_COMMITMENT = "purchase-commitment"


@dataclass(frozen=True, slots=True)
class Corroboration:
    """Another source (or rule) that gave the same advice for the same resource, and its own estimate."""

    source: FindingSource
    check_id: str
    estimated_monthly_saving: Money


@dataclass(frozen=True, slots=True)
class Finding:
    check_id: str
    title: str
    resource_id: str  # the native id (vol-…, i-…, a function or bucket name), never an ARN
    resource_type: str  # CloudFormation-style type, e.g. AWS::EC2::Volume
    account_id: str
    region: str
    reason: str
    estimated_monthly_saving: Money
    pricing_note: str  # which price, its date and region; or how the source estimated it
    source: FindingSource
    action: str  # what to do, usually the CLI command
    action_kind: ActionKind
    details: Mapping[str, str] = field(default_factory=dict)
    agreed_by: tuple[Corroboration, ...] = ()

    @property
    def advice_key(self) -> tuple[str, str, str, ActionKind]:
        """Same resource, same kind of action: the same advice, whoever gave it."""
        return (self.account_id, self.region, self.resource_id, self.action_kind)

    @property
    def resource_key(self) -> tuple[str, str, str]:
        return (self.account_id, self.region, self.resource_id)


def merge_duplicates(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per advice: keep the most conservative estimate and record who else agreed."""
    groups: dict[tuple[str, str, str, ActionKind], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.advice_key].append(finding)
    merged = []
    for group in groups.values():
        ordered = sorted(group, key=_conservative_first)
        kept, others = ordered[0], ordered[1:]
        if not others:
            merged.append(kept)
            continue
        agreed = list(kept.agreed_by)
        for other in others:
            agreed.append(Corroboration(other.source, other.check_id, other.estimated_monthly_saving))
            agreed.extend(other.agreed_by)
        merged.append(replace(kept, agreed_by=tuple(agreed)))
    return merged


def _conservative_first(finding: Finding) -> tuple[object, ...]:
    return (finding.estimated_monthly_saving.amount, SOURCES.index(finding.source), finding.check_id)


@dataclass(frozen=True, slots=True)
class ScanScope:
    """What was looked at: accounts × regions × check families."""

    accounts: tuple[str, ...]
    regions: tuple[str, ...]
    families: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SavingGroup:
    key: str
    findings: int
    saving: Money


@dataclass(frozen=True)
class WasteReport:
    findings: tuple[Finding, ...]  # largest saving first
    scope: ScanScope
    generated_at: datetime
    source: str  # "demo" or "aws"
    currency: str = "USD"
    missing: tuple[MissingPart, ...] = ()
    account_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def partial(self) -> bool:
        return bool(self.missing)

    @property
    def total_saving(self) -> Money:
        """Each resource counted once, at its largest finding: alternative advice on one resource
        (rightsize it or move it to Graviton) does not add up."""
        return total(_largest_per_resource(self.findings).values(), self.currency)

    @property
    def by_check(self) -> tuple[SavingGroup, ...]:
        """Per check, plain sums: a resource two checks flag appears under both."""
        return _groups(self.findings, lambda f: f.check_id, self.currency, once_per_resource=False)

    @property
    def by_account(self) -> tuple[SavingGroup, ...]:
        """Per account, each resource counted once (these add up to `total_saving`)."""
        return _groups(self.findings, lambda f: f.account_id, self.currency, once_per_resource=True)


def _largest_per_resource(findings: Iterable[Finding]) -> dict[tuple[str, str, str], Money]:
    largest: dict[tuple[str, str, str], Money] = {}
    for finding in findings:
        current = largest.get(finding.resource_key)
        if current is None or current < finding.estimated_monthly_saving:
            largest[finding.resource_key] = finding.estimated_monthly_saving
    return largest


def _groups(findings: tuple[Finding, ...], key_of: Callable[[Finding], str], currency: str, *,
            once_per_resource: bool) -> tuple[SavingGroup, ...]:
    members: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        members[key_of(finding)].append(finding)
    groups = []
    for key, items in members.items():
        amounts: Iterable[Money] = (
            _largest_per_resource(items).values() if once_per_resource
            else (f.estimated_monthly_saving for f in items)
        )
        groups.append(SavingGroup(key, len(items), total(amounts, currency)))
    return tuple(sorted(groups, key=lambda g: (-g.saving.amount, g.key)))


def sort_by_saving(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Largest saving first; ties in a stable, readable order."""
    return tuple(sorted(findings, key=lambda f: (-f.estimated_monthly_saving.amount, f.check_id, f.account_id,
                                                 f.region, f.resource_id)))


def build_waste_report(
    findings: Iterable[Finding],
    scope: ScanScope,
    generated_at: datetime,
    source: str,
    *,
    missing: Iterable[MissingPart] = (),
    min_saving: Money | None = None,
    account_names: Mapping[str, str] | None = None,
    currency: str = "USD",
) -> WasteReport:
    """Merge duplicate advice, drop findings under `min_saving`, and sort by saving."""
    merged = merge_duplicates(findings)
    if min_saving is not None:
        merged = [f for f in merged if min_saving <= f.estimated_monthly_saving]
    return WasteReport(
        findings=sort_by_saving(merged),
        scope=scope,
        generated_at=generated_at,
        source=source,
        currency=currency,
        missing=tuple(sorted(missing, key=lambda m: m.batch_id)),
        account_names=dict(account_names or {}),
    )
