"""The demo organisation's resources, behind the same `Inventory` port as AWS.

Consistent with `demo_profile`: only accounts and regions that exist there, and only services that
account is billed for (EMR was retired in data-platform-prod, so its volumes' snapshots are orphans
and no EMR cluster remains). Ages are relative to the scan time, so every run finds the same things.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

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
from analysis.domain.findings import ActionKind, Finding
from analysis.domain.money import Money
from analysis.sources import demo_profile as org

GIB = 1024**3
TIB = 1024 * GIB


@dataclass
class Site:
    """Everything one account runs in one region (or account-wide: buckets, Cost Optimization Hub)."""

    volumes: list[Volume] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    nat_gateways: list[NatGateway] = field(default_factory=list)
    load_balancers: list[LoadBalancer] = field(default_factory=list)
    instances: list[Instance] = field(default_factory=list)
    db_instances: list[DbInstance] = field(default_factory=list)
    db_snapshots: list[DbSnapshot] = field(default_factory=list)
    log_groups: list[LogGroup] = field(default_factory=list)
    buckets: list[Bucket] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    functions: list[Function] = field(default_factory=list)
    redshift_clusters: list[RedshiftCluster] = field(default_factory=list)
    cache_clusters: list[CacheCluster] = field(default_factory=list)
    emr_clusters: list[EmrCluster] = field(default_factory=list)
    compute_optimizer: list[Finding] = field(default_factory=list)
    cost_optimization_hub: list[Finding] = field(default_factory=list)


def _running(instance_id: str, kind: str, ago: datetime, *, cpu: float = 35.0, arch: str = "x86_64",
             volumes: tuple[str, ...] = (), gib: int = 0) -> Instance:
    return Instance(instance_id, kind, "running", ago, None, "linux", arch, volumes, gib, cpu_max=cpu)


def _stopped(instance_id: str, kind: str, launched: datetime, stopped: datetime, volumes: tuple[str, ...],
             gib: int) -> Instance:
    return Instance(instance_id, kind, "stopped", launched, stopped, "linux", "x86_64", volumes, gib)


def _in_use(volume_id: str, kind: str, gib: int, created: datetime, instance: str, *, state: str = "running",
            stopped: datetime | None = None, iops: int | None = None) -> Volume:
    return Volume(volume_id, kind, gib, "in-use", created, iops=iops, instance_id=instance, instance_state=state,
                  instance_stopped_since=stopped)


def _aws_says(source: str, check_id: str, title: str, resource: tuple[str, str, str, str],
              change: tuple[str, str, str], usd: str, kind: ActionKind, action: str) -> Finding:
    """A recommendation as the Compute Optimizer / Cost Optimization Hub adapters would return it."""
    resource_id, resource_type, account, region = resource
    what, current, recommended = change
    if source == "compute-optimizer":
        note = "Compute Optimizer estimate after Savings Plans and RI discounts, 14-day look-back"
        details = {"finding": what, "current": current, "recommended": recommended}
        return Finding(check_id, title, resource_id, resource_type, account, region,
                       f"{what}: {current} → {recommended}", Money(Decimal(usd)), note, "compute-optimizer", action,
                       kind, details)
    note = "Cost Optimization Hub estimate after discounts (ComputeOptimizer, 14-day look-back)"
    details = {"action_type": what, "current": current, "recommended": recommended, "effort": "VeryLow",
               "restart_needed": "false"}
    return Finding(check_id, title, resource_id, resource_type, account, region, f"{what}: {current}",
                   Money(Decimal(usd)), note, "cost-optimization-hub", action, kind, details)


def demo_sites(now: datetime) -> dict[tuple[str, str], Site]:
    def ago(days: int) -> datetime:
        return now - timedelta(days=days)

    sites: dict[tuple[str, str], Site] = {}

    def site(account: str, region: str) -> Site:
        return sites.setdefault((account, region), Site())

    # acme-log-archive: a flow-logs bucket and log group that keep everything forever
    archive = org.ACCOUNTS[2].account_id
    site(archive, "global").buckets += [
        Bucket("acme-cloudtrail-archive", "us-east-1", ago(900), True, 61 * TIB),
        Bucket("acme-vpc-flow-logs", "us-east-1", ago(610), False, 18 * TIB),
    ]
    site(archive, "us-east-1").log_groups += [
        LogGroup("/aws/vpc/flow-logs", None, 2150 * GIB, ago(540)),
        LogGroup("/aws/cloudtrail/org", 365, 900 * GIB, ago(800)),
    ]

    # acme-network: NAT gateways and addresses in São Paulo and N. Virginia
    network = org.ACCOUNTS[3].account_id
    site(network, "sa-east-1").nat_gateways += [
        NatGateway("nat-0a1b2c3d4e5f60001", "available", ago(400), "vpc-0sp0001", 48 * TIB, 5200, True),
        NatGateway("nat-0a1b2c3d4e5f60002", "available", ago(200), "vpc-0sp0002", 35 * 1024**2, 0, True),
    ]
    site(network, "us-east-1").nat_gateways += [
        NatGateway("nat-0a1b2c3d4e5f60003", "available", ago(90), "vpc-0va0003", 0, 0, False),
    ]
    site(network, "sa-east-1").addresses += [
        Address("eipalloc-0f00000000000001", "54.94.10.21", None),
        Address("eipalloc-0f00000000000003", "54.94.10.23", "eipassoc-03", "i-0net0000000000001", "running"),
    ]

    # acme-shared-services: CI runners on an old family, gp2 volumes, snapshots nobody restores
    shared = org.ACCOUNTS[4].account_id
    s = site(shared, "us-east-1")
    s.instances += [_running("i-0ci00000000000001", "m4.xlarge", ago(700), cpu=82, volumes=("vol-0ci0000000000001",),
                             gib=200)]
    s.volumes += [_in_use("vol-0ci0000000000001", "gp2", 200, ago(700), "i-0ci00000000000001")]
    s.snapshots += [Snapshot(f"snap-0bk000000000000{n}", "vol-0ci0000000000001", 200, ago(400 + 30 * n), True, False)
                    for n in range(1, 3)]

    # checkout-prod: the biggest bill; Graviton-ready fleet, gp2 data volumes, an RDS and cache on old classes
    prod = org.ACCOUNTS[5].account_id
    s = site(prod, "sa-east-1")
    s.instances += [_running(f"i-0api0000000000{n:03d}", "m5.xlarge", ago(300), cpu=41,
                             volumes=(f"vol-0api00000000{n:03d}",), gib=100) for n in range(1, 3)]
    s.volumes += [_in_use(f"vol-0api00000000{n:03d}", "gp2" if n == 1 else "gp3", 100, ago(300),
                          f"i-0api0000000000{n:03d}") for n in range(1, 3)]
    s.load_balancers += [
        LoadBalancer("checkout-api", "application", ago(500), 2, 6, 91_000_000, "arn:aws:elasticloadbalancing:"
                     f"sa-east-1:{prod}:loadbalancer/app/checkout-api/50dc6c495c0c9188"),
        LoadBalancer("checkout-canary", "application", ago(120), 1, 0, 0, "arn:aws:elasticloadbalancing:"
                     f"sa-east-1:{prod}:loadbalancer/app/checkout-canary/6d0ecf831eec9f09"),
    ]
    s.tables += [Table("payments-ledger", "PROVISIONED", 400, 200, True, 250.0, 120.0),
                 Table("checkout-sessions", "PROVISIONED", 1000, 500, False, 120.0, 60.0)]
    s.functions += [Function("checkout-webhooks", "python3.12", 3008, 30, "x86_64", 1_200_000, 180.0, 900.0)]
    site(prod, "us-east-1").db_instances += [
        DbInstance("checkout-db", "db.r5.xlarge", "postgres", "available", True, "gp3", 500, ago(600), 180.0),
    ]
    site(prod, "us-east-1").cache_clusters += [
        CacheCluster("checkout-sessions-cache", "cache.r4.large", 2, "redis", "available", ago(900), 310.0),
    ]

    # checkout-staging: switched off at weekends; one box was never switched back on
    staging = org.ACCOUNTS[6].account_id
    s = site(staging, "us-east-1")
    s.instances += [_stopped("i-0stg0000000000001", "m5.large", ago(200), ago(75), ("vol-0stg000000000001",), 500)]
    s.volumes += [_in_use("vol-0stg000000000001", "gp2", 500, ago(200), "i-0stg0000000000001", state="stopped",
                          stopped=ago(75))]
    s.db_instances += [DbInstance("checkout-staging-db", "db.m5.large", "mysql", "available", False, "gp2", 100,
                                  ago(300), 0.0)]
    s.load_balancers += [LoadBalancer("staging-legacy", "classic", ago(800), 1, 2, 0)]

    # data-platform-prod: EMR was retired; the snapshots of its volumes stayed behind
    data = org.ACCOUNTS[7].account_id
    s = site(data, "us-east-1")
    s.snapshots += [Snapshot(f"snap-0emr00000000000{n}", f"vol-0emr00000000000{n}", 1000, ago(45 + n), False, False)
                    for n in range(1, 3)]
    s.redshift_clusters += [RedshiftCluster("analytics", "ra3.4xlarge", 2, "available", ago(700), 42.0)]
    s.log_groups += [LogGroup("/aws/kinesis/clickstream", None, 640 * GIB, ago(420))]

    # data-platform-dev: a Redshift sandbox nobody queries
    dev = org.ACCOUNTS[8].account_id
    site(dev, "us-east-1").redshift_clusters += [
        RedshiftCluster("analytics-sandbox", "ra3.xlplus", 2, "available", ago(160), 0.0)]

    # ml-research: a GPU box left running idle, an unattached io1 scratch volume
    ml = org.ACCOUNTS[9].account_id
    site(ml, "us-west-2").instances += [_running("i-0gpu0000000000001", "g4dn.xlarge", ago(60), cpu=1.2)]
    site(ml, "us-east-1").volumes += [Volume("vol-0scratch00000001", "io1", 1000, "available", ago(150), iops=8000)]

    # mobile-backend-prod: Lambda and DynamoDB
    mobile = org.ACCOUNTS[10].account_id
    s = site(mobile, "sa-east-1")
    s.functions += [Function("push-dispatcher", "nodejs20.x", 2048, 900, "x86_64", 4_800_000, 420.0, 2100.0),
                    Function("profile-api", "python3.12", 512, 10, "arm64", 9_000_000, 35.0, 400.0)]
    s.tables += [Table("device-tokens", "PROVISIONED", 300, 150, False, 20.0, 8.0)]
    s.log_groups += [LogGroup("/aws/lambda/push-dispatcher", None, 310 * GIB, ago(700))]

    # the sandboxes: things people forgot
    ana = org.ACCOUNTS[11].account_id
    s = site(ana, "us-east-1")
    s.instances += [_stopped("i-0ana0000000000001", "t2.large", ago(500), ago(120), ("vol-0ana000000000001",), 80)]
    s.volumes += [_in_use("vol-0ana000000000001", "gp2", 80, ago(500), "i-0ana0000000000001", state="stopped",
                          stopped=ago(120))]
    s.addresses += [Address("eipalloc-0a00000000000001", "3.91.20.11", "eipassoc-a1", "i-0ana0000000000001",
                            "stopped")]
    bruno = org.ACCOUNTS[12].account_id
    s = site(bruno, "us-east-1")
    s.volumes += [Volume("vol-0bruno0000000001", "gp2", 250, "available", ago(95))]
    s.instances += [_running("i-0bruno000000000001", "t2.medium", ago(400), cpu=23)]

    # What AWS's own optimisers say: some of it agrees with our rules (merged), some is new.
    site(prod, "sa-east-1").compute_optimizer += [
        _aws_says("compute-optimizer", "compute-optimizer-ebs", "Compute Optimizer: EBS volume",
                  ("vol-0api00000000001", "AWS::EC2::Volume", prod, "sa-east-1"),
                  ("NotOptimized", "gp2 100 GiB", "gp3 100 GiB"), "3.80", ActionKind.UPGRADE,
                  "aws ec2 modify-volume --region sa-east-1 --volume-id vol-0api00000000001 --volume-type gp3"),
    ]
    site(mobile, "sa-east-1").compute_optimizer += [
        _aws_says("compute-optimizer", "compute-optimizer-lambda", "Compute Optimizer: Lambda function",
                  ("push-dispatcher", "AWS::Lambda::Function", mobile, "sa-east-1"),
                  ("NotOptimized", "2048 MB", "1024 MB"), "19.42", ActionKind.RIGHTSIZE,
                  "aws lambda update-function-configuration --region sa-east-1 --function-name push-dispatcher "
                  "--memory-size 1024"),
    ]
    site(bruno, "global").cost_optimization_hub += [
        _aws_says("cost-optimization-hub", "cost-optimization-hub", "Cost Optimization Hub: Delete",
                  ("vol-0bruno0000000001", "AWS::EC2::Volume", bruno, "us-east-1"),
                  ("Delete", "gp2 250 GiB, unattached", ""), "25.00", ActionKind.DELETE,
                  "aws ec2 delete-volume --region us-east-1 --volume-id vol-0bruno0000000001"),
    ]
    return sites


class DemoInventory:
    """One account and region of the demo organisation."""

    def __init__(self, account_id: str, region: str, site: Site) -> None:
        self.account_id, self.region, self._site = account_id, region, site

    def volumes(self) -> Sequence[Volume]:
        return self._site.volumes

    def snapshots(self) -> Sequence[Snapshot]:
        return self._site.snapshots

    def addresses(self) -> Sequence[Address]:
        return self._site.addresses

    def nat_gateways(self) -> Sequence[NatGateway]:
        return self._site.nat_gateways

    def load_balancers(self) -> Sequence[LoadBalancer]:
        return self._site.load_balancers

    def instances(self) -> Sequence[Instance]:
        return self._site.instances

    def db_instances(self) -> Sequence[DbInstance]:
        return self._site.db_instances

    def db_snapshots(self) -> Sequence[DbSnapshot]:
        return self._site.db_snapshots

    def log_groups(self) -> Sequence[LogGroup]:
        return self._site.log_groups

    def buckets(self) -> Sequence[Bucket]:
        return self._site.buckets

    def tables(self) -> Sequence[Table]:
        return self._site.tables

    def functions(self) -> Sequence[Function]:
        return self._site.functions

    def redshift_clusters(self) -> Sequence[RedshiftCluster]:
        return self._site.redshift_clusters

    def cache_clusters(self) -> Sequence[CacheCluster]:
        return self._site.cache_clusters

    def emr_clusters(self) -> Sequence[EmrCluster]:
        return self._site.emr_clusters

    def compute_optimizer(self) -> Sequence[Finding]:
        return self._site.compute_optimizer

    def cost_optimization_hub(self) -> Sequence[Finding]:
        return self._site.cost_optimization_hub


class DemoInventories:
    """The demo organisation as an `InventoryFactory`: its 13 accounts and the regions each one uses."""

    source = "demo"

    def __init__(self) -> None:
        self._accounts = {a.account_id: a for a in org.ACCOUNTS}

    def open(self, account_id: str, region: str, *, now: datetime, window_days: int) -> DemoInventory:
        if account_id not in self._accounts:
            from analysis.errors import SourceUnavailableError

            raise SourceUnavailableError(f"account {account_id} is not part of the demo organisation")
        return DemoInventory(account_id, region, demo_sites(now).get((account_id, region), Site()))

    def regions(self, account_id: str) -> list[str]:
        account = self._accounts.get(account_id)
        return [region for region, _ in account.regions] if account else []

    def account_names(self) -> dict[str, str]:
        return {a.account_id: a.name for a in org.ACCOUNTS}

    def default_accounts(self) -> list[str]:
        return list(self._accounts)
