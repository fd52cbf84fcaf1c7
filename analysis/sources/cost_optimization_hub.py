"""AWS Cost Optimization Hub recommendations as findings (resource advice; commitments are not waste)."""

from __future__ import annotations

from typing import Any

from analysis.domain.findings import ActionKind, Finding, FindingSource
from analysis.sources.recommendations import all_pages, arn_region, money, native_id

SOURCE: FindingSource = "cost-optimization-hub"
ACTIONS = {"Rightsize": ActionKind.RIGHTSIZE, "ScaleIn": ActionKind.RIGHTSIZE, "Stop": ActionKind.STOP,
           "Upgrade": ActionKind.UPGRADE, "MigrateToGraviton": ActionKind.MIGRATE_TO_GRAVITON,
           "Delete": ActionKind.DELETE}
RESOURCE_TYPES = {"Ec2Instance": "AWS::EC2::Instance", "EbsVolume": "AWS::EC2::Volume",
                  "LambdaFunction": "AWS::Lambda::Function",
                  "Ec2AutoScalingGroup": "AWS::AutoScaling::AutoScalingGroup",
                  "EcsService": "AWS::ECS::Service", "RdsDbInstance": "AWS::RDS::DBInstance",
                  "RdsDbInstanceStorage": "AWS::RDS::DBInstance", "NatGateway": "AWS::EC2::NatGateway",
                  "DynamoDBTable": "AWS::DynamoDB::Table", "ElastiCacheCluster": "AWS::ElastiCache::CacheCluster"}


def recommendations(client: Any, account: str) -> list[Finding]:
    """One account's recommendations (Purchase* actions are commitments, reported elsewhere)."""
    found = []
    for item in all_pages(client.list_recommendations, "items", filter={"accountIds": [account]}, maxResults=1000):
        kind = ACTIONS.get(item.get("actionType", ""))
        saving = money(item.get("estimatedMonthlySavings"), item.get("currencyCode", "USD"))
        if kind is None or saving.amount <= 0:
            continue
        resource = item.get("resourceId") or item.get("resourceArn", "")
        action_type, current = item["actionType"], item.get("currentResourceSummary", "")
        recommended = item.get("recommendedResourceSummary", "")
        found.append(Finding(
            check_id="cost-optimization-hub", title=f"Cost Optimization Hub: {action_type}",
            resource_id=native_id(resource),
            resource_type=RESOURCE_TYPES.get(item.get("currentResourceType", ""),
                                             f"AWS::{item.get('currentResourceType', 'Unknown')}"),
            account_id=item.get("accountId", account), region=item.get("region") or arn_region(resource, "global"),
            reason=f"{action_type}: {current} → {recommended}" if recommended else f"{action_type}: {current}",
            estimated_monthly_saving=saving,
            pricing_note=(f"Cost Optimization Hub estimate after discounts ({item.get('source', 'AWS')}, "
                          f"{item.get('recommendationLookbackPeriodInDays', 14)}-day look-back)"),
            source=SOURCE, action=f"see recommendation {item.get('recommendationId', '')} in Cost Optimization Hub",
            action_kind=kind,
            details={"action_type": action_type, "current": current, "recommended": recommended,
                     "effort": item.get("implementationEffort", ""),
                     "restart_needed": str(item.get("restartNeeded", "")).lower()}))
    return found
