"""The waste checks against real resources on a moto server, read through the boto3 inventory adapters.

One moto server and one seeded account for the module. Each case names a check, the resources it must
flag and the ones it must spare; the clock is injected where a rule needs age (a stopped instance,
an old snapshot) because moto stamps everything with the real time.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import boto3
import pytest

from analysis.checks import plan_check_batches, run_check_batch, scan
from analysis.domain.findings import Finding
from analysis.errors import SourceAccessDeniedError
from analysis.sources.inventory import AwsInventories
from tests.fakes.moto_ec2 import without_default_amis
from tests.fakes.moto_server import MotoServer, moto_server

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("waste-moto")]  # one seeded world per run

REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account
REAL_NOW = datetime.now(UTC)
SOON = REAL_NOW + timedelta(days=40)  # past the idle window and the 30 days of "long stopped"
LATER = REAL_NOW + timedelta(days=400)  # snapshots are now over a year old
GIB = 1024**3


@dataclass
class World:
    server: MotoServer
    ids: dict[str, str] = field(default_factory=dict)
    session: boto3.Session = field(default_factory=lambda: boto3.Session(region_name=REGION))
    cache: dict[tuple[tuple[str, ...], datetime], list[Finding]] = field(default_factory=dict)

    def client(self, service: str) -> Any:
        return self.server.client(service, REGION)

    def metric(self, namespace: str, name: str, dimensions: dict[str, str], value: float, when: datetime) -> None:
        self.client("cloudwatch").put_metric_data(Namespace=namespace, MetricData=[{
            "MetricName": name, "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()],
            "Timestamp": when, "Value": value}])


def _seed_ec2(w: World) -> None:
    ec2 = w.client("ec2")
    image = "ami-0abcdef1234567890"  # moto does not validate AMI ids unless asked to

    def run(kind: str) -> str:
        return str(ec2.run_instances(ImageId=image, InstanceType=kind, MinCount=1, MaxCount=1)
                   ["Instances"][0]["InstanceId"])

    w.ids |= {"m4": run("m4.large"), "m5": run("m5.large"), "arm": run("m6g.large"), "stopped": run("t3.micro"),
              "quiet": run("c6g.large")}
    ec2.stop_instances(InstanceIds=[w.ids["stopped"]])
    for name, when in (("m4", SOON), ("m5", SOON), ("arm", SOON), ("m4", LATER), ("m5", LATER), ("arm", LATER)):
        w.metric("AWS/EC2", "CPUUtilization", {"InstanceId": w.ids[name]}, 60.0, when - timedelta(days=1))
    for when in (SOON, LATER):
        w.metric("AWS/EC2", "CPUUtilization", {"InstanceId": w.ids["quiet"]}, 0.7, when - timedelta(days=1))

    def volume(kind: str, size: int, iops: int | None = None, attach: str | None = None, device: str = "") -> str:
        extra = {"Iops": iops} if iops else {}
        vid = str(ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=size, VolumeType=kind, **extra)["VolumeId"])
        if attach:
            ec2.attach_volume(VolumeId=vid, InstanceId=w.ids[attach], Device=device)
        return vid

    w.ids |= {
        "vol_free": volume("gp2", 100),
        "vol_gp2": volume("gp2", 200, attach="m5", device="/dev/sdf"),
        "vol_gp3": volume("gp3", 200, attach="m5", device="/dev/sdg"),
        "vol_io1_small": volume("io1", 100, 4000, attach="arm", device="/dev/sdf"),
        "vol_io1_big": volume("io1", 500, 20000, attach="arm", device="/dev/sdg"),
        "vol_on_stopped": volume("gp3", 50, attach="stopped", device="/dev/sdf"),
    }
    gone = volume("gp2", 30)
    w.ids["snap_kept"] = ec2.create_snapshot(VolumeId=w.ids["vol_gp3"])["SnapshotId"]
    w.ids["snap_orphan"] = ec2.create_snapshot(VolumeId=gone)["SnapshotId"]
    w.ids["snap_ami"] = ec2.create_snapshot(VolumeId=w.ids["vol_gp2"])["SnapshotId"]
    ec2.delete_volume(VolumeId=gone)
    golden = ec2.register_image(Name="golden", RootDeviceName="/dev/xvda", BlockDeviceMappings=[
        {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": w.ids["snap_ami"]}}])["ImageId"]
    # moto backs a registered image with a snapshot of its own: that is the one an AMI uses
    [mapping] = ec2.describe_images(ImageIds=[golden])["Images"][0]["BlockDeviceMappings"]
    w.ids["snap_ami"] = mapping["Ebs"]["SnapshotId"]

    w.ids["eip_free"] = ec2.allocate_address(Domain="vpc")["AllocationId"]
    w.ids["eip_used"] = ec2.allocate_address(Domain="vpc")["AllocationId"]
    w.ids["eip_stopped"] = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=w.ids["eip_used"], InstanceId=w.ids["m5"])
    ec2.associate_address(AllocationId=w.ids["eip_stopped"], InstanceId=w.ids["stopped"])


def _seed_network(w: World) -> None:
    ec2 = w.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24", AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
    other = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.2.0/24", AvailabilityZone=f"{REGION}b")["Subnet"]["SubnetId"]

    def nat() -> str:
        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        return str(ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation)["NatGateway"]["NatGatewayId"])

    w.ids |= {"nat_idle": nat(), "nat_busy": nat(), "nat_unrouted": nat()}
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=w.ids["nat_idle"])
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="8.8.8.0/24", NatGatewayId=w.ids["nat_busy"])
    w.metric("AWS/NATGateway", "BytesOutToDestination", {"NatGatewayId": w.ids["nat_idle"]}, 5e6,
             SOON - timedelta(days=2))
    w.metric("AWS/NATGateway", "BytesOutToDestination", {"NatGatewayId": w.ids["nat_busy"]}, 80 * GIB,
             SOON - timedelta(days=2))

    v2 = w.client("elbv2")

    def alb(name: str) -> str:
        return str(v2.create_load_balancer(Name=name, Subnets=[subnet, other])["LoadBalancers"][0]["LoadBalancerArn"])

    alb("bare")  # no listener at all
    empty, busy = alb("empty"), alb("busy")
    for arn, name in ((empty, "empty-tg"), (busy, "busy-tg")):
        group = v2.create_target_group(Name=name, Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]
        v2.create_listener(LoadBalancerArn=arn, Protocol="HTTP", Port=80,
                           DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}])
        if name == "busy-tg":
            v2.register_targets(TargetGroupArn=group["TargetGroupArn"], Targets=[{"Id": w.ids["m5"]}])
    w.metric("AWS/ApplicationELB", "RequestCount", {"LoadBalancer": busy.split(":loadbalancer/")[1]}, 1200,
             SOON - timedelta(days=1))
    classic = w.client("elb")
    classic.create_load_balancer(LoadBalancerName="legacy", AvailabilityZones=[f"{REGION}a"], Listeners=[
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80}])
    classic.register_instances_with_load_balancer(LoadBalancerName="legacy", Instances=[{"InstanceId": w.ids["m4"]}])


def _seed_data(w: World) -> None:
    rds = w.client("rds")
    for name, kind in (("old-db", "db.m4.large"), ("busy-db", "db.r6g.large"), ("doomed-db", "db.t3.micro")):
        rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass=kind, Engine="mysql", AllocatedStorage=100,
                               MasterUsername="admin", MasterUserPassword="secret-password-1")
    w.metric("AWS/RDS", "DatabaseConnections", {"DBInstanceIdentifier": "busy-db"}, 12, SOON - timedelta(days=1))
    rds.create_db_snapshot(DBInstanceIdentifier="busy-db", DBSnapshotIdentifier="busy-db-manual")
    rds.create_db_snapshot(DBInstanceIdentifier="doomed-db", DBSnapshotIdentifier="doomed-db-final")
    rds.delete_db_instance(DBInstanceIdentifier="doomed-db", SkipFinalSnapshot=True)

    logs = w.client("logs")
    for group, retention in (("/app/forever", None), ("/app/kept-30d", 30)):
        logs.create_log_group(logGroupName=group)
        if retention:
            logs.put_retention_policy(logGroupName=group, retentionInDays=retention)
        logs.create_log_stream(logGroupName=group, logStreamName="s")
        logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=[
            {"timestamp": int(REAL_NOW.timestamp() * 1000), "message": "x" * 2000}])

    s3 = w.client("s3")
    for bucket in ("no-rules", "with-rules"):
        s3.create_bucket(Bucket=bucket)
    s3.put_bucket_lifecycle_configuration(Bucket="with-rules", LifecycleConfiguration={"Rules": [
        {"ID": "ia", "Status": "Enabled", "Filter": {"Prefix": ""},
         "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}]}]})
    w.metric("AWS/S3", "BucketSizeBytes", {"BucketName": "no-rules", "StorageType": "StandardStorage"}, 2000 * GIB,
             SOON - timedelta(days=1))

    dynamodb = w.client("dynamodb")
    for table, mode in (("fixed", "PROVISIONED"), ("scaled", "PROVISIONED"), ("on-demand", "PAY_PER_REQUEST")):
        extra: dict[str, Any] = ({"ProvisionedThroughput": {"ReadCapacityUnits": 100, "WriteCapacityUnits": 50}}
                                 if mode == "PROVISIONED" else {})
        dynamodb.create_table(TableName=table, BillingMode=mode, KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}], **extra)
    w.client("application-autoscaling").register_scalable_target(
        ServiceNamespace="dynamodb", ResourceId="table/scaled", ScalableDimension="dynamodb:table:ReadCapacityUnits",
        MinCapacity=5, MaxCapacity=100)

    redshift = w.client("redshift")
    for cluster in ("sleepy", "busy"):
        redshift.create_cluster(ClusterIdentifier=cluster, NodeType="dc2.large", NumberOfNodes=2,
                                MasterUsername="admin", MasterUserPassword="Secret-password-1")
    w.metric("AWS/Redshift", "DatabaseConnections", {"ClusterIdentifier": "busy"}, 4, SOON - timedelta(days=1))

    cache = w.client("elasticache")
    cache.create_cache_cluster(CacheClusterId="old-cache", CacheNodeType="cache.t2.micro", Engine="redis",
                               NumCacheNodes=1)
    cache.create_cache_cluster(CacheClusterId="new-cache", CacheNodeType="cache.t4g.micro", Engine="redis",
                               NumCacheNodes=1)
    w.metric("AWS/ElastiCache", "CurrConnections", {"CacheClusterId": "old-cache"}, 30, SOON - timedelta(days=1))


def _seed_compute(w: World) -> None:
    role = w.client("iam").create_role(RoleName="fn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("handler.py", "def handler(event, context):\n    return event\n")
    lam = w.client("lambda")
    for name, memory, timeout, arch in (("fat", 3008, 30, "arm64"), ("slow-timeout", 256, 900, "arm64"),
                                        ("x86", 512, 30, "x86_64"), ("lean", 256, 10, "arm64")):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="handler.handler",
                            Code={"ZipFile": archive.getvalue()}, MemorySize=memory, Timeout=timeout,
                            Architectures=[arch])
        if name != "slow-timeout":
            w.metric("AWS/Lambda", "Invocations", {"FunctionName": name}, 100_000, SOON - timedelta(days=1))
            w.metric("AWS/Lambda", "Duration", {"FunctionName": name}, 20_000_000, SOON - timedelta(days=1))

    emr = w.client("emr")
    w.ids["emr"] = emr.run_job_flow(Name="etl", ReleaseLabel="emr-6.15.0", JobFlowRole="EMR_EC2_DefaultRole",
                                    ServiceRole="EMR_DefaultRole", Instances={
                                        "MasterInstanceType": "m5.xlarge", "SlaveInstanceType": "m5.xlarge",
                                        "InstanceCount": 3, "KeepJobFlowAliveWhenNoSteps": True})["JobFlowId"]
    for day in range(1, 13):
        w.metric("AWS/ElasticMapReduce", "IsIdle", {"JobFlowId": w.ids["emr"]}, 1.0, SOON - timedelta(days=day))


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    # moto shares its backends across servers in one process: assertions name our own resources only
    with without_default_amis(), moto_server() as server:
        w = World(server)
        _seed_ec2(w)
        _seed_network(w)
        _seed_data(w)
        _seed_compute(w)
        yield w


def inventories(w: World) -> AwsInventories:
    return AwsInventories(lambda account: w.session, home_account=ACCOUNT, endpoint_url=w.server.url)


def findings(w: World, families: list[str], when: datetime) -> list[Finding]:
    """Each (families, clock) is read once per module: the cases share the reads."""
    key = (tuple(families), when)
    if key not in w.cache:
        w.cache[key] = [f for batch in plan_check_batches([ACCOUNT], [REGION], families)
                        for f in run_check_batch(batch, inventories(w), lambda: when)]
    return w.cache[key]


# (family, clock, check id, ids it must flag, ids it must spare); ids are keys of World.ids or literal names
CASES = [
    ("ebs", SOON, "ebs-unattached", ["vol_free"], ["vol_gp2", "vol_gp3"]),
    ("ebs", SOON, "ebs-gp2-to-gp3", ["vol_gp2"], ["vol_gp3", "vol_free"]),
    ("ebs", SOON, "ebs-io1-to-gp3", ["vol_io1_small"], ["vol_io1_big"]),
    ("ebs", SOON, "ebs-io1-to-io2", ["vol_io1_big"], ["vol_io1_small"]),
    ("ebs", SOON, "ebs-on-stopped-instance", ["vol_on_stopped"], ["vol_gp2", "vol_free"]),
    ("ebs", REAL_NOW, "ebs-on-stopped-instance", [], ["vol_on_stopped"]),  # stopped minutes ago
    ("snapshots", SOON, "snapshot-orphaned", ["snap_orphan"], ["snap_kept", "snap_ami"]),
    ("snapshots", LATER, "snapshot-old", ["snap_kept"], ["snap_orphan", "snap_ami"]),
    ("snapshots", SOON, "snapshot-old", [], ["snap_kept"]),
    ("eip", SOON, "eip-unassociated", ["eip_free"], ["eip_used", "eip_stopped"]),
    ("eip", SOON, "eip-on-stopped-instance", ["eip_stopped"], ["eip_used", "eip_free"]),
    ("ec2", SOON, "ec2-long-stopped", ["stopped"], ["m4", "m5"]),
    ("ec2", REAL_NOW, "ec2-long-stopped", [], ["stopped"]),
    ("ec2", SOON, "ec2-previous-generation", ["m4"], ["m5", "arm", "stopped"]),
    ("ec2", SOON, "ec2-graviton", ["m5"], ["m4", "arm", "quiet"]),
    ("ec2", SOON, "ec2-idle", ["quiet"], ["m4", "m5", "arm", "stopped"]),
    ("nat", SOON, "nat-idle", ["nat_idle"], ["nat_busy", "nat_unrouted"]),
    ("nat", REAL_NOW, "nat-idle", [], ["nat_idle"]),  # younger than the window
    ("nat", SOON, "nat-unrouted", ["nat_unrouted"], ["nat_idle", "nat_busy"]),
    ("elb", SOON, "elb-no-listeners", ["bare"], ["empty", "busy", "legacy"]),
    ("elb", SOON, "elb-no-targets", ["empty"], ["bare", "busy", "legacy"]),
    ("elb", SOON, "elb-idle", ["legacy"], ["busy", "bare", "empty"]),
    ("rds", SOON, "rds-idle", ["old-db"], ["busy-db"]),
    ("rds", SOON, "rds-previous-generation", ["old-db"], ["busy-db"]),
    ("rds", SOON, "rds-snapshot-orphaned", ["doomed-db-final"], ["busy-db-manual"]),
    ("rds", LATER, "rds-snapshot-old", ["busy-db-manual"], ["doomed-db-final"]),
    ("logs", SOON, "logs-no-retention", ["/app/forever"], ["/app/kept-30d"]),
    ("dynamodb", SOON, "dynamodb-no-autoscaling", ["fixed"], ["scaled", "on-demand"]),
    ("lambda", SOON, "lambda-memory-oversized", ["fat"], ["lean", "x86", "slow-timeout"]),
    ("lambda", SOON, "lambda-timeout-excessive", ["slow-timeout"], ["fat", "lean", "x86"]),
    ("lambda", SOON, "lambda-arm64", ["x86"], ["fat", "lean", "slow-timeout"]),
    ("redshift", SOON, "redshift-idle", ["sleepy"], ["busy"]),
    ("elasticache", SOON, "elasticache-idle", ["new-cache"], ["old-cache"]),
    ("elasticache", SOON, "elasticache-previous-generation", ["old-cache"], ["new-cache"]),
    ("emr", SOON, "emr-idle", ["emr"], []),
]


@pytest.mark.parametrize(("family", "when", "check_id", "flagged", "spared"), CASES,
                         ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_check_flags_real_resources_and_spares_the_rest(world: World, family: str, when: datetime, check_id: str,
                                                        flagged: list[str], spared: list[str]) -> None:
    found = {f.resource_id for f in findings(world, [family], when) if f.check_id == check_id}
    resolve = [world.ids.get(name, name) for name in flagged]
    assert found >= set(resolve)
    assert not found & {world.ids.get(name, name) for name in spared}


def test_s3_is_scanned_once_per_account_with_each_buckets_region_and_size(world: World) -> None:
    [batch] = plan_check_batches([ACCOUNT], [REGION], ["s3"])
    found = [f for f in run_check_batch(batch, inventories(world), lambda: SOON)
             if f.check_id == "s3-no-lifecycle" and f.resource_id in {"no-rules", "with-rules"}]
    assert [(f.resource_id, f.region) for f in found] == [("no-rules", REGION)]
    # 2,000 GB × (0.023 − 0.0125) × 50% assumed cold
    assert found[0].estimated_monthly_saving.amount == Decimal("10.50")


def test_savings_use_the_seeded_sizes_and_prices(world: World) -> None:
    by_check = {f.check_id: f for f in findings(world, ["ebs", "nat"], SOON) if f.resource_id in {
        world.ids["vol_free"], world.ids["nat_unrouted"]}}
    assert by_check["ebs-unattached"].estimated_monthly_saving.amount == Decimal("10.00")  # 100 GiB × 0.10
    assert by_check["nat-unrouted"].estimated_monthly_saving.amount == Decimal("32.85")  # 730 h × 0.045
    assert "as of 2025-06-01" in by_check["ebs-unattached"].pricing_note


def test_enabled_regions_come_from_describe_regions(world: World) -> None:
    regions = inventories(world).regions(ACCOUNT)
    assert REGION in regions and "sa-east-1" in regions


class _RegionalSessions(AwsInventories):
    """Credentials per region, as when a service control policy denies one region to the scanning role."""

    def __init__(self, url: str, sessions: dict[str, boto3.Session]) -> None:
        super().__init__(lambda account: sessions[REGION], home_account=ACCOUNT, endpoint_url=url)
        self._by_region = sessions

    def open(self, account_id: str, region: str, *, now: datetime, window_days: int) -> Any:
        from analysis.sources.inventory import AwsInventory

        return AwsInventory(account_id, region, self._by_region[region], now=now, window_days=window_days,
                            endpoint_url=self._endpoint_url)


def _user(iam: Any, name: str, statement: str) -> boto3.Session:
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=(
        '{"Version": "2012-10-17", "Statement": [' + statement + "]}"))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return boto3.Session(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"],
                         region_name=REGION)


def _enforce_iam(w: World, on: bool) -> None:
    """moto evaluates IAM policies once its no-auth allowance is 0 (its /moto-api/reset-auth endpoint)."""
    from urllib.request import Request, urlopen

    body = b"0" if on else b"inf"
    request = Request(f"{w.server.url}/moto-api/reset-auth", data=body, method="POST",
                      headers={"Content-Type": "text/plain"})
    with urlopen(request, timeout=10) as response:
        response.read()


def test_access_denied_in_one_region_makes_a_partial_report_naming_the_batch(world: World) -> None:
    iam = world.client("iam")
    allowed = _user(iam, "scanner", '{"Effect": "Allow", "Action": "*", "Resource": "*"}')
    denied = _user(iam, "scanner-eu", '{"Effect": "Allow", "Action": "*", "Resource": "*"}, '
                                      '{"Effect": "Deny", "Action": "ec2:Describe*", "Resource": "*"}')
    inventories = _RegionalSessions(world.server.url, {REGION: allowed, "eu-west-1": denied})
    _enforce_iam(world, True)
    try:
        report = scan(inventories, [ACCOUNT], [REGION, "eu-west-1"], ["eip"], clock=lambda: SOON,
                      throttle_attempts=1)
        with pytest.raises(SourceAccessDeniedError, match=r"ec2:Describe\w+ failed .* not authorized"):
            run_check_batch(plan_check_batches([ACCOUNT], ["eu-west-1"], ["eip"])[0], inventories, lambda: SOON)
    finally:
        _enforce_iam(world, False)
    assert report.partial
    [missing] = report.missing
    assert missing.batch_id == f"waste-{ACCOUNT}-eu-west-1-compute"
    assert missing.description == f"waste checks (eip) in account {ACCOUNT}, eu-west-1"
    assert missing.reason.startswith("SourceAccessDeniedError: ec2:DescribeInstances failed in account "
                                     f"{ACCOUNT}, eu-west-1: AccessDenied")
    assert {f.region for f in report.findings} == {REGION}  # the region that answered still counts
    assert world.ids["eip_free"] in {f.resource_id for f in report.findings}
