"""Load balancers: Application/Network/Gateway (elbv2) and Classic (elb), with listeners, targets, traffic."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from analysis.checks.resources import LoadBalancer
from analysis.sources.inventory.clients import pages
from analysis.sources.inventory.metrics import MetricQuery
from analysis.sources.inventory.reader import Reader

# Which CloudWatch metric says "someone used it", per load balancer type.
TRAFFIC = {"application": ("AWS/ApplicationELB", "RequestCount"), "network": ("AWS/NetworkELB", "NewFlowCount"),
           "gateway": ("AWS/GatewayELB", "NewFlowCount"), "classic": ("AWS/ELB", "RequestCount")}


def _target_groups(v2: Any, arn: str) -> list[dict[str, Any]]:
    try:
        return pages(v2, "describe_target_groups", "TargetGroups", LoadBalancerArn=arn)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "TargetGroupNotFound":
            return []  # some endpoints answer "not found" for a load balancer that has no target group
        raise


def load_balancers(r: Reader) -> list[LoadBalancer]:
    v2 = r.clients("elbv2")
    found = []
    for lb in pages(v2, "describe_load_balancers", "LoadBalancers"):
        arn = lb["LoadBalancerArn"]
        listeners = pages(v2, "describe_listeners", "Listeners", LoadBalancerArn=arn)
        groups = _target_groups(v2, arn)
        targets = sum(len(v2.describe_target_health(TargetGroupArn=g["TargetGroupArn"])["TargetHealthDescriptions"])
                      for g in groups)
        found.append((lb["LoadBalancerName"], lb["Type"], lb["CreatedTime"], len(listeners), targets, arn,
                      arn.split(":loadbalancer/", 1)[-1]))
    classic = pages(r.clients("elb"), "describe_load_balancers", "LoadBalancerDescriptions")
    found += [(lb["LoadBalancerName"], "classic", lb["CreatedTime"], len(lb.get("ListenerDescriptions", [])),
               len(lb.get("Instances", [])), None, lb["LoadBalancerName"]) for lb in classic]
    queries = [MetricQuery(name, TRAFFIC[kind][0], TRAFFIC[kind][1],
                           {"LoadBalancerName" if kind == "classic" else "LoadBalancer": dimension}, "Sum")
               for name, kind, _, _, _, _, dimension in found]
    traffic = r.metrics(queries)
    result = []
    for name, kind, created, listeners_count, targets_count, arn, _ in found:
        served = traffic[(name, TRAFFIC[kind][1], "Sum")].total()
        result.append(LoadBalancer(name, kind, created, listeners_count, targets_count,
                                   None if served is None else int(served), arn))
    return result
