"""The AWS inventory: boto3 describe/list calls for one account and region, behind the `Inventory` port."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cached_property
from typing import Any, Protocol

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
from analysis.domain.accounts import AccountList
from analysis.domain.findings import Finding
from analysis.errors import SourceUnavailableError
from analysis.sources import compute_optimizer, cost_optimization_hub
from analysis.sources.inventory import databases, ec2, elb, serverless
from analysis.sources.inventory.clients import GLOBAL_ENDPOINT_REGION, Clients
from analysis.sources.inventory.errors import reading
from analysis.sources.inventory.reader import Reader

SessionFactory = Callable[[str], Any]  # account id -> boto3.Session for that account


class AccountDirectory(Protocol):
    """Account names from AWS Organizations (analysis.sources.organizations.OrganizationsDirectory)."""

    def accounts(self) -> AccountList: ...


class AwsInventory:
    """Reads lazily and once: the EC2 families share instances and volumes."""

    def __init__(self, account_id: str, region: str, session: Any, *, now: datetime, window_days: int,
                 endpoint_url: str | None = None) -> None:
        self.account_id, self.region = account_id, region
        self._r = Reader(account_id, region, now, window_days, Clients(session, region, endpoint_url))

    def _read(self, service: str) -> Any:
        return reading(service, self.account_id, self.region)

    @cached_property
    def _raw_instances(self) -> list[dict[str, Any]]:
        with self._read("ec2"):
            return ec2.raw_instances(self._r)

    @cached_property
    def _raw_volumes(self) -> list[dict[str, Any]]:
        with self._read("ec2"):
            return ec2.raw_volumes(self._r)

    @cached_property
    def _instances(self) -> list[Instance]:
        with self._read("cloudwatch"):
            return ec2.instances(self._r, self._raw_instances, self._raw_volumes)

    def instances(self) -> Sequence[Instance]:
        return self._instances

    def volumes(self) -> Sequence[Volume]:
        return ec2.volumes(self._raw_volumes, {i.instance_id: i for i in self._instances})

    def snapshots(self) -> Sequence[Snapshot]:
        with self._read("ec2"):
            return ec2.snapshots(self._r, {v["VolumeId"] for v in self._raw_volumes})

    def addresses(self) -> Sequence[Address]:
        with self._read("ec2"):
            return ec2.addresses(self._r, {i.instance_id: i for i in self._instances})

    def nat_gateways(self) -> Sequence[NatGateway]:
        with self._read("ec2"):
            return ec2.nat_gateways(self._r)

    def load_balancers(self) -> Sequence[LoadBalancer]:
        with self._read("elasticloadbalancing"):
            return elb.load_balancers(self._r)

    @cached_property
    def _db_instances(self) -> list[DbInstance]:
        with self._read("rds"):
            return databases.db_instances(self._r)

    def db_instances(self) -> Sequence[DbInstance]:
        return self._db_instances

    def db_snapshots(self) -> Sequence[DbSnapshot]:
        with self._read("rds"):
            return databases.db_snapshots(self._r, {db.identifier for db in self._db_instances})

    def tables(self) -> Sequence[Table]:
        with self._read("dynamodb"):
            return databases.tables(self._r)

    def redshift_clusters(self) -> Sequence[RedshiftCluster]:
        with self._read("redshift"):
            return databases.redshift_clusters(self._r)

    def cache_clusters(self) -> Sequence[CacheCluster]:
        with self._read("elasticache"):
            return databases.cache_clusters(self._r)

    def functions(self) -> Sequence[Function]:
        with self._read("lambda"):
            return serverless.functions(self._r)

    def log_groups(self) -> Sequence[LogGroup]:
        with self._read("logs"):
            return serverless.log_groups(self._r)

    def emr_clusters(self) -> Sequence[EmrCluster]:
        with self._read("elasticmapreduce"):
            return serverless.emr_clusters(self._r)

    def buckets(self) -> Sequence[Bucket]:
        with self._read("s3"):
            return serverless.buckets(self._r)

    def compute_optimizer(self) -> Sequence[Finding]:
        with self._read("compute-optimizer"):
            return compute_optimizer.recommendations(self._r.clients("compute-optimizer"), self.account_id,
                                                     self._r.clients.region)

    def cost_optimization_hub(self) -> Sequence[Finding]:
        with self._read("cost-optimization-hub"):
            client = self._r.clients("cost-optimization-hub", GLOBAL_ENDPOINT_REGION)
            return cost_optimization_hub.recommendations(client, self.account_id)


class AwsInventories:
    """Opens inventories through a session per account (see `sessions.AssumeRoleSessions`)."""

    source = "aws"

    def __init__(self, sessions: SessionFactory, *, home_account: str | None = None,
                 endpoint_url: str | None = None, directory: AccountDirectory | None = None) -> None:
        self._sessions = sessions
        self._home_account = home_account
        self._endpoint_url = endpoint_url
        self._directory = directory

    def open(self, account_id: str, region: str, *, now: datetime, window_days: int) -> AwsInventory:
        return AwsInventory(account_id, region, self._sessions(account_id), now=now, window_days=window_days,
                            endpoint_url=self._endpoint_url)

    def regions(self, account_id: str) -> list[str]:
        clients = Clients(self._sessions(account_id), GLOBAL_ENDPOINT_REGION, self._endpoint_url)
        with reading("ec2", account_id, "region discovery"):
            return ec2.enabled_regions(clients("ec2"))

    def account_names(self) -> dict[str, str]:
        """From AWS Organizations when the caller may read it; otherwise ids only."""
        return self._directory.accounts().names() if self._directory else {}

    def organization_accounts(self) -> list[str]:
        """Every active account of the organization (for `--accounts all`)."""
        if self._directory is None:
            raise SourceUnavailableError("no AWS Organizations directory configured to list the accounts")
        listing = self._directory.accounts()
        active = [a.account_id for a in listing.accounts if a.status == "ACTIVE"]
        if not active:
            raise SourceUnavailableError("AWS Organizations listed no accounts (run from the management account, "
                                         "or name the accounts with --accounts)")
        return active

    def default_accounts(self) -> list[str]:
        if self._home_account is None:
            raise ValueError("no account given and none known for this session")
        return [self._home_account]
