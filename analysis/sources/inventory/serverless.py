"""Lambda functions, CloudWatch log groups, EMR clusters and S3 buckets."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import ClientError

from analysis.checks.resources import Bucket, EmrCluster, Function, LogGroup
from analysis.sources.inventory.clients import pages
from analysis.sources.inventory.metrics import MetricQuery
from analysis.sources.inventory.reader import Reader

ACTIVE_EMR = ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"]


def functions(r: Reader) -> list[Function]:
    found = pages(r.clients("lambda"), "list_functions", "Functions")
    names = [f["FunctionName"] for f in found]
    series = r.metrics([MetricQuery(n, "AWS/Lambda", "Invocations", {"FunctionName": n}, "Sum") for n in names]
                       + [MetricQuery(n, "AWS/Lambda", "Duration", {"FunctionName": n}, "Sum") for n in names]
                       + [MetricQuery(n, "AWS/Lambda", "Duration", {"FunctionName": n}, "Maximum") for n in names])
    result = []
    for f in found:
        name = f["FunctionName"]
        calls = series[(name, "Invocations", "Sum")].total()
        busy = series[(name, "Duration", "Sum")].total()
        result.append(Function(
            name=name, runtime=f.get("Runtime", "container"), memory_mb=int(f.get("MemorySize", 128)),
            timeout_s=int(f.get("Timeout", 3)), architecture=(f.get("Architectures") or ["x86_64"])[0],
            invocations=None if calls is None else int(calls),
            avg_duration_ms=busy / calls if calls and busy is not None else None,
            max_duration_ms=series[(name, "Duration", "Maximum")].peak()))
    return result


def log_groups(r: Reader) -> list[LogGroup]:
    return [LogGroup(g["logGroupName"], g.get("retentionInDays"), int(g.get("storedBytes", 0)),
                     datetime.fromtimestamp(g["creationTime"] / 1000, UTC))
            for g in pages(r.clients("logs"), "describe_log_groups", "logGroups")]


def emr_clusters(r: Reader) -> list[EmrCluster]:
    emr = r.clients("emr")
    found = pages(emr, "list_clusters", "Clusters", ClusterStates=ACTIVE_EMR)
    idle = r.metrics(MetricQuery(c["Id"], "AWS/ElasticMapReduce", "IsIdle", {"JobFlowId": c["Id"]}, "Average")
                     for c in found)
    result = []
    for c in found:
        running = pages(emr, "list_instances", "Instances", ClusterId=c["Id"], InstanceStates=["RUNNING"])
        kinds = Counter(i["InstanceType"] for i in running)
        result.append(EmrCluster(c["Id"], c.get("Name", ""), c["Status"]["State"],
                                 c["Status"]["Timeline"]["CreationDateTime"], tuple(sorted(kinds.items())),
                                 idle[(c["Id"], "IsIdle", "Average")].mean()))
    return result


def bucket_region(s3: Any, name: str) -> str:
    location = s3.get_bucket_location(Bucket=name).get("LocationConstraint")
    return str({None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(location, location))


def has_lifecycle(s3: Any, name: str) -> bool:
    try:
        s3.get_bucket_lifecycle_configuration(Bucket=name)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "NoSuchLifecycleConfiguration":
            return False
        raise
    return True


def buckets(r: Reader) -> list[Bucket]:
    """Account-wide: each bucket's size comes from CloudWatch in the bucket's own region."""
    s3 = r.clients("s3")
    listed = pages(s3, "list_buckets", "Buckets")
    located = [(b["Name"], b["CreationDate"], bucket_region(s3, b["Name"])) for b in listed]
    sizes: dict[str, float | None] = {}
    for region in sorted({where for _, _, where in located}):
        names = [name for name, _, where in located if where == region]
        series = r.metrics((MetricQuery(n, "AWS/S3", "BucketSizeBytes",
                                        {"BucketName": n, "StorageType": "StandardStorage"}, "Average")
                            for n in names), region=region)
        sizes.update({n: series[(n, "BucketSizeBytes", "Average")].latest() for n in names})
    return [Bucket(name, where, created, has_lifecycle(s3, name),
                   None if sizes.get(name) is None else int(sizes[name] or 0))
            for name, created, where in located]
