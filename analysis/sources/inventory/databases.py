"""RDS instances and manual snapshots, DynamoDB tables, Redshift and ElastiCache clusters."""

from __future__ import annotations

from analysis.checks.resources import CacheCluster, DbInstance, DbSnapshot, RedshiftCluster, Table
from analysis.sources.inventory.clients import pages
from analysis.sources.inventory.metrics import MetricQuery
from analysis.sources.inventory.reader import Reader

DAY_SECONDS = 86400


def db_instances(r: Reader) -> list[DbInstance]:
    found = pages(r.clients("rds"), "describe_db_instances", "DBInstances")
    ids = [db["DBInstanceIdentifier"] for db in found]
    connections = r.metrics(MetricQuery(i, "AWS/RDS", "DatabaseConnections", {"DBInstanceIdentifier": i}, "Maximum")
                            for i in ids)
    return [DbInstance(
        identifier=db["DBInstanceIdentifier"], instance_class=db["DBInstanceClass"], engine=db["Engine"],
        status=db["DBInstanceStatus"], multi_az=bool(db.get("MultiAZ")), storage_type=db.get("StorageType", ""),
        allocated_gib=int(db.get("AllocatedStorage", 0)), created=db["InstanceCreateTime"],
        connections_max=connections[(db["DBInstanceIdentifier"], "DatabaseConnections", "Maximum")].peak())
        for db in found]


def db_snapshots(r: Reader, instance_ids: set[str]) -> list[DbSnapshot]:
    found = pages(r.clients("rds"), "describe_db_snapshots", "DBSnapshots", SnapshotType="manual")
    return [DbSnapshot(
        identifier=s["DBSnapshotIdentifier"], instance_identifier=s.get("DBInstanceIdentifier", ""),
        snapshot_type=s.get("SnapshotType", "manual"), created=s["SnapshotCreateTime"],
        allocated_gib=int(s.get("AllocatedStorage", 0)),
        source_instance_exists=s.get("DBInstanceIdentifier") in instance_ids)
        for s in found if "SnapshotCreateTime" in s]


def tables(r: Reader) -> list[Table]:
    dynamodb = r.clients("dynamodb")
    names = pages(dynamodb, "list_tables", "TableNames")
    scaled = {t["ResourceId"] for t in pages(r.clients("application-autoscaling"), "describe_scalable_targets",
                                              "ScalableTargets", ServiceNamespace="dynamodb")}
    described = [dynamodb.describe_table(TableName=name)["Table"] for name in names]
    consumed = r.metrics(MetricQuery(name, "AWS/DynamoDB", metric, {"TableName": name}, "Sum")
                         for name in names for metric in ("ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits"))
    seconds = r.window_days * DAY_SECONDS
    result = []
    for t in described:
        name = t["TableName"]
        reads = consumed[(name, "ConsumedReadCapacityUnits", "Sum")].total()
        writes = consumed[(name, "ConsumedWriteCapacityUnits", "Sum")].total()
        throughput = t.get("ProvisionedThroughput", {})
        result.append(Table(
            name=name, billing_mode=t.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED"),
            read_capacity=int(throughput.get("ReadCapacityUnits", 0)),
            write_capacity=int(throughput.get("WriteCapacityUnits", 0)),
            autoscaling=f"table/{name}" in scaled,
            consumed_read_avg=None if reads is None else reads / seconds,
            consumed_write_avg=None if writes is None else writes / seconds,
            created=t.get("CreationDateTime")))
    return result


def redshift_clusters(r: Reader) -> list[RedshiftCluster]:
    found = pages(r.clients("redshift"), "describe_clusters", "Clusters")
    connections = r.metrics(MetricQuery(c["ClusterIdentifier"], "AWS/Redshift", "DatabaseConnections",
                                        {"ClusterIdentifier": c["ClusterIdentifier"]}, "Maximum") for c in found)
    return [RedshiftCluster(c["ClusterIdentifier"], c["NodeType"], int(c.get("NumberOfNodes", 1)),
                            c["ClusterStatus"], c["ClusterCreateTime"],
                            connections[(c["ClusterIdentifier"], "DatabaseConnections", "Maximum")].peak())
            for c in found]


def cache_clusters(r: Reader) -> list[CacheCluster]:
    found = pages(r.clients("elasticache"), "describe_cache_clusters", "CacheClusters")
    connections = r.metrics(MetricQuery(c["CacheClusterId"], "AWS/ElastiCache", "CurrConnections",
                                        {"CacheClusterId": c["CacheClusterId"]}, "Maximum") for c in found)
    return [CacheCluster(c["CacheClusterId"], c["CacheNodeType"], int(c.get("NumCacheNodes", 1)), c["Engine"],
                         c["CacheClusterStatus"], c["CacheClusterCreateTime"],
                         connections[(c["CacheClusterId"], "CurrConnections", "Maximum")].peak())
            for c in found]
