"""Compute Optimizer and Cost Optimization Hub through botocore's Stubber on real clients: moto has
neither service, so requests are validated against the real service models and the responses are
shaped like the AWS documentation's examples."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from analysis.checks import plan_check_batches, run_check_batch
from analysis.domain.findings import ActionKind, Finding, ScanScope, build_waste_report
from analysis.domain.money import Money
from analysis.errors import SourceAccessDeniedError, SourceUnavailableError
from analysis.sources import compute_optimizer, cost_optimization_hub
from analysis.sources.inventory import AwsInventories

ACCOUNT, REGION = "123456789012", "us-east-1"
NOW = datetime(2026, 5, 1, 6, tzinfo=UTC)


def _client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)


def _savings(value: float, after: float | None = None) -> dict[str, Any]:
    option: dict[str, Any] = {"savingsOpportunity": {"savingsOpportunityPercentage": 30.0,
                                                     "estimatedMonthlySavings": {"currency": "USD", "value": value}}}
    if after is not None:
        option["savingsOpportunityAfterDiscounts"] = {
            "savingsOpportunityPercentage": 20.0, "estimatedMonthlySavings": {"currency": "USD", "value": after}}
    return option


EC2_PAGE_1 = {"instanceRecommendations": [{
    "instanceArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:instance/i-0e9801d129EXAMPLE", "accountId": ACCOUNT,
    "instanceName": "web", "currentInstanceType": "m5.xlarge", "finding": "Overprovisioned",
    "findingReasonCodes": ["CPUOverprovisioned"], "lookBackPeriodInDays": 14.0, "idle": "False",
    "utilizationMetrics": [{"name": "Cpu", "statistic": "Maximum", "value": 12.0}],
    "recommendationOptions": [
        {"instanceType": "m5.large", "rank": 2, "performanceRisk": 1.0, **_savings(80.0, 62.5)},
        {"instanceType": "m6g.large", "rank": 1, "performanceRisk": 1.0, **_savings(91.98, 70.08)},
    ]}], "nextToken": "page-2", "errors": []}
EC2_PAGE_2 = {"instanceRecommendations": [
    {"instanceArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:instance/i-0aaaa00000EXAMPLE", "accountId": ACCOUNT,
     "currentInstanceType": "t3.large", "finding": "Optimized", "recommendationOptions": [
         {"instanceType": "t3.large", "rank": 1, **_savings(0.0)}]},
    {"instanceArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:instance/i-0bbbb00000EXAMPLE", "accountId": ACCOUNT,
     "currentInstanceType": "c5.2xlarge", "finding": "Overprovisioned", "idle": "True", "recommendationOptions": [
         {"instanceType": "c5.xlarge", "rank": 1, **_savings(124.1)}]},
], "errors": []}
EBS = {"volumeRecommendations": [{
    "volumeArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:volume/vol-0123456789EXAMPLE", "accountId": ACCOUNT,
    "currentConfiguration": {"volumeType": "gp2", "volumeSize": 200, "volumeBaselineIOPS": 600,
                             "volumeBurstIOPS": 3000, "volumeBaselineThroughput": 125, "volumeBurstThroughput": 250},
    "finding": "NotOptimized", "lookBackPeriodInDays": 14.0,
    "volumeRecommendationOptions": [{"configuration": {"volumeType": "gp3", "volumeSize": 200,
                                                       "volumeBaselineIOPS": 3000, "volumeBaselineThroughput": 125},
                                     "performanceRisk": 0.0, "rank": 1, **_savings(3.5)}]}], "errors": []}
LAMBDA = {"lambdaFunctionRecommendations": [
    {"functionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:resize-images:$LATEST", "functionVersion": "$LATEST",
     "accountId": ACCOUNT, "currentMemorySize": 2048, "numberOfInvocations": 120000, "lookbackPeriodInDays": 14.0,
     "finding": "NotOptimized", "findingReasonCodes": ["MemoryOverprovisioned"],
     "memorySizeRecommendationOptions": [{"rank": 1, "memorySize": 1024, **_savings(14.2)}]},
    {"functionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:thumbnailer", "accountId": ACCOUNT,
     "currentMemorySize": 128, "finding": "NotOptimized", "findingReasonCodes": ["MemoryUnderprovisioned"],
     "memorySizeRecommendationOptions": [{"rank": 1, "memorySize": 512}]},
]}
ASG = {"autoScalingGroupRecommendations": [{
    "accountId": ACCOUNT, "autoScalingGroupName": "workers",
    "autoScalingGroupArn": f"arn:aws:autoscaling:{REGION}:{ACCOUNT}:autoScalingGroup:1a2b:autoScalingGroupName/workers",
    "finding": "Overprovisioned", "lookBackPeriodInDays": 14.0,
    "currentConfiguration": {"desiredCapacity": 4, "minSize": 2, "maxSize": 8, "instanceType": "c5.2xlarge"},
    "recommendationOptions": [{"configuration": {"desiredCapacity": 4, "minSize": 2, "maxSize": 8,
                                                 "instanceType": "c5.xlarge"}, "rank": 1, **_savings(496.4, 301.2)}]}],
    "errors": []}


def _stub_compute_optimizer(client: Any) -> Stubber:
    stubber = Stubber(client)
    stubber.add_response("get_ec2_instance_recommendations", EC2_PAGE_1, {})
    stubber.add_response("get_ec2_instance_recommendations", EC2_PAGE_2, {"nextToken": "page-2"})
    stubber.add_response("get_ebs_volume_recommendations", EBS, {})
    stubber.add_response("get_lambda_function_recommendations", LAMBDA, {})
    stubber.add_response("get_auto_scaling_group_recommendations", ASG, {})
    return stubber


def test_compute_optimizer_recommendations_become_findings_with_its_own_savings() -> None:
    client = _client("compute-optimizer")
    with _stub_compute_optimizer(client) as stubber:
        found = compute_optimizer.recommendations(client, ACCOUNT, REGION)
        stubber.assert_no_pending_responses()
    summary = {(f.check_id, f.resource_id, f.action_kind, f.estimated_monthly_saving.amount) for f in found}
    assert summary == {
        # rank 1 wins, and the after-discounts estimate is used when AWS gives one
        ("compute-optimizer-ec2", "i-0e9801d129EXAMPLE", ActionKind.MIGRATE_TO_GRAVITON, Decimal("70.08")),
        ("compute-optimizer-ec2", "i-0bbbb00000EXAMPLE", ActionKind.STOP, Decimal("124.10")),
        ("compute-optimizer-ebs", "vol-0123456789EXAMPLE", ActionKind.UPGRADE, Decimal("3.50")),
        ("compute-optimizer-lambda", "resize-images", ActionKind.RIGHTSIZE, Decimal("14.20")),
        ("compute-optimizer-asg", "workers", ActionKind.RIGHTSIZE, Decimal("301.20")),
    }
    ec2 = next(f for f in found if f.resource_id == "i-0e9801d129EXAMPLE")
    assert ec2.source == "compute-optimizer"
    assert ec2.region == REGION and ec2.account_id == ACCOUNT
    assert ec2.pricing_note == "Compute Optimizer estimate after Savings Plans and RI discounts, 14-day look-back"
    assert "m6g.large" in ec2.action


HUB_PAGE_1 = {"items": [
    {"recommendationId": "rec-1", "accountId": ACCOUNT, "region": REGION, "resourceId": "vol-0123456789EXAMPLE",
     "resourceArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:volume/vol-0123456789EXAMPLE",
     "currentResourceType": "EbsVolume", "recommendedResourceType": "EbsVolume", "estimatedMonthlySavings": 4.1,
     "estimatedSavingsPercentage": 20.0, "estimatedMonthlyCost": 20.0, "currencyCode": "USD",
     "implementationEffort": "VeryLow", "restartNeeded": False, "actionType": "Upgrade", "rollbackPossible": True,
     "currentResourceSummary": "gp2 200 GiB", "recommendedResourceSummary": "gp3 200 GiB",
     "recommendationLookbackPeriodInDays": 14, "source": "ComputeOptimizer"},
    {"recommendationId": "rec-2", "accountId": ACCOUNT, "region": REGION, "resourceId": "vol-0fff00000EXAMPLE",
     "currentResourceType": "EbsVolume", "estimatedMonthlySavings": 25.0, "currencyCode": "USD",
     "actionType": "Delete", "currentResourceSummary": "gp2 250 GiB, unattached", "source": "ComputeOptimizer"},
], "nextToken": "n2"}
HUB_PAGE_2 = {"items": [
    {"recommendationId": "rec-3", "accountId": ACCOUNT, "region": "Global", "resourceId": "sp-123",
     "currentResourceType": "ComputeSavingsPlans", "estimatedMonthlySavings": 800.0, "currencyCode": "USD",
     "actionType": "PurchaseSavingsPlans", "currentResourceSummary": "$1.20/hour", "source": "CostExplorer"},
    {"recommendationId": "rec-4", "accountId": ACCOUNT, "region": "sa-east-1",
     "resourceArn": f"arn:aws:lambda:sa-east-1:{ACCOUNT}:function:payments-api", "currentResourceType":
     "LambdaFunction", "estimatedMonthlySavings": 9.99, "currencyCode": "USD", "actionType": "Rightsize",
     "currentResourceSummary": "1769 MB", "recommendedResourceSummary": "1024 MB", "source": "ComputeOptimizer"},
]}
HUB_PARAMS = {"filter": {"accountIds": [ACCOUNT]}, "maxResults": 1000}


def test_cost_optimization_hub_items_become_findings_and_commitments_are_left_out() -> None:
    client = _client("cost-optimization-hub")
    with Stubber(client) as stubber:
        stubber.add_response("list_recommendations", HUB_PAGE_1, HUB_PARAMS)
        stubber.add_response("list_recommendations", HUB_PAGE_2, {**HUB_PARAMS, "nextToken": "n2"})
        found = cost_optimization_hub.recommendations(client, ACCOUNT)
        stubber.assert_no_pending_responses()
    assert [(f.resource_id, f.region, f.action_kind, f.estimated_monthly_saving.amount) for f in found] == [
        ("vol-0123456789EXAMPLE", REGION, ActionKind.UPGRADE, Decimal("4.10")),
        ("vol-0fff00000EXAMPLE", REGION, ActionKind.DELETE, Decimal("25.00")),
        ("payments-api", "sa-east-1", ActionKind.RIGHTSIZE, Decimal("9.99")),
    ]
    assert found[0].resource_type == "AWS::EC2::Volume"
    assert found[0].reason == "Upgrade: gp2 200 GiB → gp3 200 GiB"


def _rule(resource: str, check: str, saving: str, kind: ActionKind) -> Finding:
    return Finding(check, "t", resource, "AWS::EC2::Volume", ACCOUNT, REGION, "r", Money(Decimal(saving)), "n", "rule",
                   "a", kind)


def test_aws_advice_that_matches_ours_is_merged_and_says_both_agreed() -> None:
    hub, optimizer = _client("cost-optimization-hub"), _client("compute-optimizer")
    with Stubber(hub) as hub_stub, _stub_compute_optimizer(optimizer):
        hub_stub.add_response("list_recommendations", HUB_PAGE_1, HUB_PARAMS)
        hub_stub.add_response("list_recommendations", HUB_PAGE_2, {**HUB_PARAMS, "nextToken": "n2"})
        theirs = (cost_optimization_hub.recommendations(hub, ACCOUNT)
                  + compute_optimizer.recommendations(optimizer, ACCOUNT, REGION))
    ours = [_rule("vol-0123456789EXAMPLE", "ebs-gp2-to-gp3", "4.00", ActionKind.UPGRADE),
            _rule("vol-0fff00000EXAMPLE", "ebs-unattached", "25.00", ActionKind.DELETE)]
    report = build_waste_report(ours + theirs, ScanScope((ACCOUNT,), (REGION,), ("ebs",)), NOW, "aws")
    gp3 = [f for f in report.findings if f.resource_id == "vol-0123456789EXAMPLE"]
    assert len(gp3) == 1  # three sources, one piece of advice
    assert gp3[0].source == "compute-optimizer" and gp3[0].estimated_monthly_saving.amount == Decimal("3.50")
    assert {(c.source, c.estimated_monthly_saving.amount) for c in gp3[0].agreed_by} == {
        ("rule", Decimal("4.00")), ("cost-optimization-hub", Decimal("4.10"))}
    unattached = [f for f in report.findings if f.resource_id == "vol-0fff00000EXAMPLE"]
    assert [f.source for f in unattached] == ["rule"]  # equal savings: ours is kept
    assert [c.source for c in unattached[0].agreed_by] == ["cost-optimization-hub"]


class _OneClientSession:
    """A stand-in boto3 session that hands out one prepared client."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def client(self, service: str, **_: Any) -> Any:
        return self._client


@pytest.mark.parametrize(("code", "status", "error"), [
    ("OptInRequiredException", 403, SourceUnavailableError),
    ("AccessDeniedException", 403, SourceAccessDeniedError),
])
def test_compute_optimizer_failures_fail_the_batch_with_a_named_error(code: str, status: int, error: type) -> None:
    client = _client("compute-optimizer")
    inventories = AwsInventories(lambda account: _OneClientSession(client), home_account=ACCOUNT)
    [batch] = plan_check_batches([ACCOUNT], [REGION], ["compute-optimizer"])
    with Stubber(client) as stubber:
        stubber.add_client_error("get_ec2_instance_recommendations", service_error_code=code,
                                 service_message="not enrolled", http_status_code=status)
        with pytest.raises(error, match=f"compute-optimizer:GetEC2InstanceRecommendations failed .*{code}"):
            run_check_batch(batch, inventories, lambda: NOW)
