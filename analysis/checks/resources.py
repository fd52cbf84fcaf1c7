"""What the waste rules read: one plain record per resource, already joined with the facts a rule needs
(the state of a volume's instance, whether a snapshot's volume still exists, a metric over the window).

Inventory adapters (boto3, or the demo organisation) build these; rules never see an AWS response.
Metric fields are None when CloudWatch had no datapoint at all in the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Volume:
    volume_id: str
    volume_type: str  # gp2, gp3, io1, io2, st1, sc1, standard
    size_gib: int
    state: str  # available, in-use, …
    created: datetime
    iops: int | None = None
    throughput: int | None = None
    instance_id: str | None = None
    instance_state: str | None = None  # the attached instance's state
    instance_stopped_since: datetime | None = None
    tags: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Snapshot:
    snapshot_id: str
    volume_id: str | None
    size_gib: int
    started: datetime
    source_volume_exists: bool
    used_by_image: bool  # backs a registered AMI: deleting it would break the image
    storage_tier: str = "standard"
    description: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    allocation_id: str
    public_ip: str
    association_id: str | None
    instance_id: str | None = None
    instance_state: str | None = None
    network_interface_id: str | None = None


@dataclass(frozen=True, slots=True)
class NatGateway:
    nat_gateway_id: str
    state: str
    created: datetime
    vpc_id: str
    bytes_out: int | None  # BytesOutToDestination summed over the window
    connections_max: float | None  # ActiveConnectionCount maximum over the window
    routed: bool  # some route table sends traffic to it


@dataclass(frozen=True, slots=True)
class LoadBalancer:
    name: str
    lb_type: str  # application, network, gateway, classic
    created: datetime
    listeners: int
    targets: int  # registered targets (classic: instances)
    requests: int | None  # RequestCount (ALB, classic) or NewFlowCount (NLB) over the window
    arn: str | None = None


@dataclass(frozen=True, slots=True)
class Instance:
    instance_id: str
    instance_type: str
    state: str
    launch_time: datetime
    stopped_since: datetime | None
    platform: str  # linux, windows
    architecture: str  # x86_64, arm64
    volume_ids: tuple[str, ...] = ()
    volumes_gib: int = 0
    spot: bool = False
    cpu_max: float | None = None  # CPUUtilization maximum over the window, percent
    tags: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DbInstance:
    identifier: str
    instance_class: str
    engine: str
    status: str
    multi_az: bool
    storage_type: str
    allocated_gib: int
    created: datetime
    connections_max: float | None  # DatabaseConnections maximum over the window


@dataclass(frozen=True, slots=True)
class DbSnapshot:
    identifier: str
    instance_identifier: str
    snapshot_type: str  # manual, automated
    created: datetime
    allocated_gib: int
    source_instance_exists: bool


@dataclass(frozen=True, slots=True)
class LogGroup:
    name: str
    retention_days: int | None
    stored_bytes: int
    created: datetime


@dataclass(frozen=True, slots=True)
class Bucket:
    name: str
    region: str  # buckets are listed once per account; each finding carries its bucket's region
    created: datetime
    has_lifecycle: bool
    standard_bytes: int | None  # BucketSizeBytes (StandardStorage), latest daily datapoint


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    billing_mode: str  # PROVISIONED, PAY_PER_REQUEST
    read_capacity: int
    write_capacity: int
    autoscaling: bool  # Application Auto Scaling has a scalable target for the table
    consumed_read_avg: float | None  # units per second, averaged over the window
    consumed_write_avg: float | None
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class Function:
    name: str
    runtime: str
    memory_mb: int
    timeout_s: int
    architecture: str  # x86_64, arm64
    invocations: int | None  # over the window
    avg_duration_ms: float | None
    max_duration_ms: float | None


@dataclass(frozen=True, slots=True)
class RedshiftCluster:
    identifier: str
    node_type: str
    nodes: int
    status: str
    created: datetime
    connections_max: float | None


@dataclass(frozen=True, slots=True)
class CacheCluster:
    cluster_id: str
    node_type: str
    nodes: int
    engine: str
    status: str
    created: datetime
    connections_max: float | None  # CurrConnections maximum over the window


@dataclass(frozen=True, slots=True)
class EmrCluster:
    cluster_id: str
    name: str
    state: str  # STARTING, RUNNING, WAITING, …
    created: datetime
    instances: tuple[tuple[str, int], ...]  # (instance type, running count)
    idle_ratio: float | None  # share of the window the IsIdle metric was 1
