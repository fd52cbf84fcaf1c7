"""EC2 inventories: instances, volumes, snapshots, addresses, NAT gateways and enabled regions."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from analysis.checks.resources import Address, Instance, NatGateway, Snapshot, Volume
from analysis.sources.inventory.clients import pages
from analysis.sources.inventory.metrics import MetricQuery
from analysis.sources.inventory.reader import Reader

# "User initiated (2024-01-31 10:20:30 GMT)": the only place EC2 says when an instance stopped.
_STOPPED_AT = re.compile(r"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)")


def stopped_since(reason: str | None) -> datetime | None:
    match = _STOPPED_AT.search(reason or "")
    return datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC) if match else None


def enabled_regions(ec2: Any) -> list[str]:
    """Regions this account can use: opt-in regions only once opted in."""
    regions = ec2.describe_regions(AllRegions=True)["Regions"]
    return sorted(r["RegionName"] for r in regions if r.get("OptInStatus") != "not-opted-in")


def raw_instances(r: Reader) -> list[dict[str, Any]]:
    reservations = pages(r.clients("ec2"), "describe_instances", "Reservations")
    return [i for res in reservations for i in res.get("Instances", []) if i["State"]["Name"] != "terminated"]


def raw_volumes(r: Reader) -> list[dict[str, Any]]:
    return pages(r.clients("ec2"), "describe_volumes", "Volumes")


def instances(r: Reader, found: list[dict[str, Any]], volumes: list[dict[str, Any]]) -> list[Instance]:
    sizes = {v["VolumeId"]: int(v["Size"]) for v in volumes}
    running = [i["InstanceId"] for i in found if i["State"]["Name"] == "running"]
    cpu = r.metrics(MetricQuery(i, "AWS/EC2", "CPUUtilization", {"InstanceId": i}, "Maximum") for i in running)
    result = []
    for i in found:
        volume_ids = tuple(m["Ebs"]["VolumeId"] for m in i.get("BlockDeviceMappings", []) if "Ebs" in m)
        series = cpu.get((i["InstanceId"], "CPUUtilization", "Maximum"))
        result.append(Instance(
            instance_id=i["InstanceId"], instance_type=i["InstanceType"], state=i["State"]["Name"],
            launch_time=i["LaunchTime"],
            stopped_since=stopped_since(i.get("StateTransitionReason")) if i["State"]["Name"] == "stopped" else None,
            platform="windows" if i.get("Platform") == "windows" else "linux",
            architecture=i.get("Architecture", "x86_64"), volume_ids=volume_ids,
            volumes_gib=sum(sizes.get(v, 0) for v in volume_ids), spot=i.get("InstanceLifecycle") == "spot",
            cpu_max=series.peak() if series else None,
            tags={t["Key"]: t["Value"] for t in i.get("Tags", [])}))
    return result


def volumes(found: list[dict[str, Any]], instances_by_id: dict[str, Instance]) -> list[Volume]:
    result = []
    for v in found:
        attached = next((a["InstanceId"] for a in v.get("Attachments", []) if a.get("State") == "attached"), None)
        owner = instances_by_id.get(attached) if attached else None
        result.append(Volume(
            volume_id=v["VolumeId"], volume_type=v["VolumeType"], size_gib=int(v["Size"]), state=v["State"],
            created=v["CreateTime"], iops=v.get("Iops"), throughput=v.get("Throughput"), instance_id=attached,
            instance_state=owner.state if owner else None,
            instance_stopped_since=owner.stopped_since if owner else None,
            tags={t["Key"]: t["Value"] for t in v.get("Tags", [])}))
    return result


def snapshots(r: Reader, volume_ids: set[str]) -> list[Snapshot]:
    ec2 = r.clients("ec2")
    images = pages(ec2, "describe_images", "Images", Owners=["self"])
    in_images = {m["Ebs"]["SnapshotId"] for image in images for m in image.get("BlockDeviceMappings", [])
                 if "Ebs" in m and "SnapshotId" in m["Ebs"]}
    return [Snapshot(
        snapshot_id=s["SnapshotId"], volume_id=s.get("VolumeId"), size_gib=int(s.get("VolumeSize", 0)),
        started=s["StartTime"], source_volume_exists=s.get("VolumeId") in volume_ids,
        used_by_image=s["SnapshotId"] in in_images, storage_tier=s.get("StorageTier", "standard"),
        description=s.get("Description", ""))
        for s in pages(ec2, "describe_snapshots", "Snapshots", OwnerIds=["self"])]


def addresses(r: Reader, instances_by_id: dict[str, Instance]) -> list[Address]:
    result = []
    for a in r.clients("ec2").describe_addresses().get("Addresses", []):
        owner = instances_by_id.get(a.get("InstanceId", ""))
        result.append(Address(allocation_id=a.get("AllocationId", a["PublicIp"]), public_ip=a["PublicIp"],
                              association_id=a.get("AssociationId"), instance_id=a.get("InstanceId"),
                              instance_state=owner.state if owner else None,
                              network_interface_id=a.get("NetworkInterfaceId")))
    return result


def nat_gateways(r: Reader) -> list[NatGateway]:
    ec2 = r.clients("ec2")
    found = [n for n in pages(ec2, "describe_nat_gateways", "NatGateways") if n["State"] in ("available", "pending")]
    routed = {route["NatGatewayId"] for table in pages(ec2, "describe_route_tables", "RouteTables")
              for route in table.get("Routes", []) if "NatGatewayId" in route}
    ids = [n["NatGatewayId"] for n in found]
    series = r.metrics(
        [MetricQuery(i, "AWS/NATGateway", "BytesOutToDestination", {"NatGatewayId": i}, "Sum") for i in ids]
        + [MetricQuery(i, "AWS/NATGateway", "ActiveConnectionCount", {"NatGatewayId": i}, "Maximum") for i in ids])
    result = []
    for n in found:
        sent = series[(n["NatGatewayId"], "BytesOutToDestination", "Sum")].total()
        peak = series[(n["NatGatewayId"], "ActiveConnectionCount", "Maximum")].peak()
        result.append(NatGateway(n["NatGatewayId"], n["State"], n["CreateTime"], n.get("VpcId", ""),
                                 None if sent is None else int(sent), peak, n["NatGatewayId"] in routed))
    return result
