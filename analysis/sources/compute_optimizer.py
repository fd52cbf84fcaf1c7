"""AWS Compute Optimizer recommendations (EC2, EBS, Lambda, Auto Scaling groups) as findings.

Only advice that saves money is kept (over-provisioned or not optimised with a saving); the
saving is Compute Optimizer's own estimate, after discounts when it gives one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analysis.domain.findings import ActionKind, Finding, FindingSource
from analysis.domain.money import Money
from analysis.sources.recommendations import all_pages, arn_region, money, native_id

SOURCE: FindingSource = "compute-optimizer"
WASTEFUL = ("Overprovisioned", "NotOptimized")


def _best(options: list[dict[str, Any]]) -> dict[str, Any] | None:
    return min(options, key=lambda o: o.get("rank", 99)) if options else None


def _saving(option: Mapping[str, Any]) -> tuple[Money, str]:
    after = option.get("savingsOpportunityAfterDiscounts", {}).get("estimatedMonthlySavings")
    if after and after.get("value") is not None:
        return money(after["value"], after.get("currency", "USD")), "after Savings Plans and RI discounts"
    plain = option.get("savingsOpportunity", {}).get("estimatedMonthlySavings", {})
    return money(plain.get("value"), plain.get("currency", "USD")), "at public on-demand prices"


def _finding(check: str, title: str, arn: str, resource_type: str, account: str, region: str, reason: str,
             option: Mapping[str, Any], lookback: float | None, action: str, kind: ActionKind,
             details: dict[str, str]) -> Finding | None:
    saving, basis = _saving(option)
    if saving.amount <= 0:
        return None
    return Finding(
        check_id=check, title=title, resource_id=native_id(arn), resource_type=resource_type, account_id=account,
        region=arn_region(arn, region), reason=reason, estimated_monthly_saving=saving,
        pricing_note=f"Compute Optimizer estimate {basis}, {lookback or 14:.0f}-day look-back",
        source=SOURCE, action=action, action_kind=kind, details=details)


def _is_graviton(instance_type: str) -> bool:
    family = instance_type.split(".")[0]
    return family[-1:] == "g" or family[-2:] in ("gd", "gn")


def ec2_findings(client: Any, account: str, region: str) -> list[Finding]:
    found = []
    for rec in all_pages(client.get_ec2_instance_recommendations, "instanceRecommendations"):
        option = _best(rec.get("recommendationOptions", []))
        if rec.get("finding") not in WASTEFUL or option is None:
            continue
        current, target = rec.get("currentInstanceType", ""), option.get("instanceType", "")
        kind = (ActionKind.STOP if rec.get("idle") == "True" else
                ActionKind.MIGRATE_TO_GRAVITON if _is_graviton(target) and not _is_graviton(current) else
                ActionKind.RIGHTSIZE)
        instance = native_id(rec["instanceArn"])
        finding = _finding(
            "compute-optimizer-ec2", "Compute Optimizer: EC2 instance", rec["instanceArn"], "AWS::EC2::Instance",
            rec.get("accountId", account), region, f"{rec['finding']}: {current} → {target}", option,
            rec.get("lookBackPeriodInDays"),
            f"aws ec2 stop-instances --instance-ids {instance} && aws ec2 modify-instance-attribute --instance-id "
            f"{instance} --instance-type Value={target} && aws ec2 start-instances --instance-ids {instance}",
            kind, {"finding": rec["finding"], "current": current, "recommended": target,
                   "reasons": ", ".join(rec.get("findingReasonCodes", []))})
        found += [finding] if finding else []
    return found


def ebs_findings(client: Any, account: str, region: str) -> list[Finding]:
    found = []
    for rec in all_pages(client.get_ebs_volume_recommendations, "volumeRecommendations"):
        option = _best(rec.get("volumeRecommendationOptions", []))
        if rec.get("finding") not in WASTEFUL or option is None:
            continue
        now, then = rec.get("currentConfiguration", {}), option.get("configuration", {})
        current = f"{now.get('volumeType')} {now.get('volumeSize')} GiB"
        target = f"{then.get('volumeType')} {then.get('volumeSize')} GiB"
        volume = native_id(rec["volumeArn"])
        finding = _finding(
            "compute-optimizer-ebs", "Compute Optimizer: EBS volume", rec["volumeArn"], "AWS::EC2::Volume",
            rec.get("accountId", account), region, f"{rec['finding']}: {current} → {target}", option,
            rec.get("lookBackPeriodInDays"),
            f"aws ec2 modify-volume --volume-id {volume} --volume-type {then.get('volumeType')}",
            ActionKind.UPGRADE if then.get("volumeType") != now.get("volumeType") else ActionKind.RIGHTSIZE,
            {"finding": rec["finding"], "current": current, "recommended": target})
        found += [finding] if finding else []
    return found


def lambda_findings(client: Any, account: str, region: str) -> list[Finding]:
    found = []
    for rec in all_pages(client.get_lambda_function_recommendations, "lambdaFunctionRecommendations"):
        option = _best(rec.get("memorySizeRecommendationOptions", []))
        if rec.get("finding") != "NotOptimized" or "MemoryOverprovisioned" not in rec.get("findingReasonCodes", []) \
                or option is None:
            continue
        name = native_id(rec["functionArn"])
        finding = _finding(
            "compute-optimizer-lambda", "Compute Optimizer: Lambda function", rec["functionArn"],
            "AWS::Lambda::Function", rec.get("accountId", account), region,
            f"Memory over-provisioned: {rec.get('currentMemorySize')} MB → {option.get('memorySize')} MB", option,
            rec.get("lookbackPeriodInDays"),
            f"aws lambda update-function-configuration --function-name {name} --memory-size {option.get('memorySize')}",
            ActionKind.RIGHTSIZE, {"finding": rec["finding"], "current": f"{rec.get('currentMemorySize')} MB",
                                   "recommended": f"{option.get('memorySize')} MB"})
        found += [finding] if finding else []
    return found


def auto_scaling_findings(client: Any, account: str, region: str) -> list[Finding]:
    found = []
    for rec in all_pages(client.get_auto_scaling_group_recommendations, "autoScalingGroupRecommendations"):
        option = _best(rec.get("recommendationOptions", []))
        if rec.get("finding") not in WASTEFUL or option is None:
            continue
        current = rec.get("currentConfiguration", {}).get("instanceType", "")
        target = option.get("configuration", {}).get("instanceType", "")
        group = rec.get("autoScalingGroupName") or native_id(rec["autoScalingGroupArn"])
        finding = _finding(
            "compute-optimizer-asg", "Compute Optimizer: Auto Scaling group", rec["autoScalingGroupArn"],
            "AWS::AutoScaling::AutoScalingGroup", rec.get("accountId", account), region,
            f"{rec['finding']}: {current} → {target}", option, rec.get("lookBackPeriodInDays"),
            f"update the launch template of {group} to {target}, then start an instance refresh",
            ActionKind.RIGHTSIZE, {"finding": rec["finding"], "current": current, "recommended": target})
        found += [finding] if finding else []
    return found


def recommendations(client: Any, account: str, region: str) -> list[Finding]:
    return (ec2_findings(client, account, region) + ebs_findings(client, account, region)
            + lambda_findings(client, account, region) + auto_scaling_findings(client, account, region))
