"""Ports of the waste checks: where resource inventories come from (AWS through boto3, or the demo)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from analysis.checks.resources import (
    Address,
    Bucket,
    CacheCluster,
    DbInstance,
    DbSnapshot,
    EmrCluster,
    Function,
    Instance,
    LoadBalancer,
    LogGroup,
    NatGateway,
    RedshiftCluster,
    Snapshot,
    Table,
    Volume,
)
from analysis.domain.findings import Finding


class Inventory(Protocol):
    """The resources of one account in one region (or account-wide for global families).

    Every method raises an `analysis.errors.SourceError` subclass when it cannot read (AccessDenied,
    throttling after retries, an endpoint that does not answer); it never returns [] for a failure.
    """

    account_id: str
    region: str

    def volumes(self) -> Sequence[Volume]: ...
    def snapshots(self) -> Sequence[Snapshot]: ...
    def addresses(self) -> Sequence[Address]: ...
    def nat_gateways(self) -> Sequence[NatGateway]: ...
    def load_balancers(self) -> Sequence[LoadBalancer]: ...
    def instances(self) -> Sequence[Instance]: ...
    def db_instances(self) -> Sequence[DbInstance]: ...
    def db_snapshots(self) -> Sequence[DbSnapshot]: ...
    def log_groups(self) -> Sequence[LogGroup]: ...
    def buckets(self) -> Sequence[Bucket]: ...
    def tables(self) -> Sequence[Table]: ...
    def functions(self) -> Sequence[Function]: ...
    def redshift_clusters(self) -> Sequence[RedshiftCluster]: ...
    def cache_clusters(self) -> Sequence[CacheCluster]: ...
    def emr_clusters(self) -> Sequence[EmrCluster]: ...

    def compute_optimizer(self) -> Sequence[Finding]:
        """AWS Compute Optimizer recommendations in this region, as findings."""
        ...

    def cost_optimization_hub(self) -> Sequence[Finding]:
        """Cost Optimization Hub recommendations for this account (all regions), as findings."""
        ...


class InventoryFactory(Protocol):
    """Opens an inventory per account and region; in production it assumes a role in each account."""

    source: str  # "aws" or "demo": said in the report

    def open(self, account_id: str, region: str, *, now: datetime, window_days: int) -> Inventory: ...

    def regions(self, account_id: str) -> list[str]:
        """The regions enabled for this account (opt-in regions only when opted in)."""
        ...

    def account_names(self) -> dict[str, str]:
        """Names for account ids, where the source knows them."""
        ...

    def default_accounts(self) -> list[str]:
        """The accounts to scan when none are named (the demo: all; AWS: the caller's account)."""
        ...
