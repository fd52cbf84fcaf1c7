"""EventBridge Scheduler: one schedule per digest subscription, in its own schedule group."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import ClientError

from bot.digests.errors import SchedulerError
from bot.digests.subscription import Subscription


@dataclass(frozen=True)
class ScheduleTarget:
    """Where schedules point: the digest Lambda, the role Scheduler assumes, and the dead-letter queue."""

    function_arn: str
    role_arn: str
    dlq_arn: str | None
    group: str = "finops-digests"
    max_retries: int = 3
    max_event_age_seconds: int = 3600  # a digest more than an hour late is replayed from the DLQ instead


class EventBridgeScheduler:
    name = "eventbridge-scheduler"

    def __init__(self, target: ScheduleTarget, client: Any = None) -> None:
        self.target = target
        self.client = client if client is not None else boto3.client("scheduler")

    def upsert(self, subscription: Subscription) -> None:
        request = self._request(subscription)
        try:
            self.client.create_schedule(**request)
        except ClientError as exc:
            if _code(exc) != "ConflictException":
                raise SchedulerError(f"could not create schedule {subscription.schedule_name}: {_code(exc)} "
                                     f"{exc.response['Error'].get('Message', '')}") from exc
            self._update(subscription, request)

    def delete(self, subscription: Subscription) -> None:
        try:
            self.client.delete_schedule(Name=subscription.schedule_name, GroupName=self.target.group)
        except ClientError as exc:
            if _code(exc) == "ResourceNotFoundException":
                return  # already gone: the desired state holds
            raise SchedulerError(f"could not delete schedule {subscription.schedule_name}: {_code(exc)}") from exc

    def _update(self, subscription: Subscription, request: dict[str, Any]) -> None:
        try:
            self.client.update_schedule(**request)
        except ClientError as exc:
            raise SchedulerError(f"could not update schedule {subscription.schedule_name}: {_code(exc)}") from exc

    def _request(self, subscription: Subscription) -> dict[str, Any]:
        target: dict[str, Any] = {
            "Arn": self.target.function_arn,
            "RoleArn": self.target.role_arn,
            # Scheduler fills in the occurrence, which makes each run idempotent
            "Input": json.dumps({"team": subscription.team, "subscription_id": subscription.id,
                                 "scheduled_time": "<aws.scheduler.scheduled-time>"}),
            "RetryPolicy": {"MaximumRetryAttempts": self.target.max_retries,
                            "MaximumEventAgeInSeconds": self.target.max_event_age_seconds},
        }
        if self.target.dlq_arn:
            target["DeadLetterConfig"] = {"Arn": self.target.dlq_arn}
        return {
            "Name": subscription.schedule_name,
            "GroupName": self.target.group,
            "Description": f"FinOps {subscription.cadence.value} digest for {subscription.channel}",
            "ScheduleExpression": subscription.cron(),
            "ScheduleExpressionTimezone": subscription.timezone,
            "FlexibleTimeWindow": {"Mode": "OFF"},
            "State": "DISABLED" if subscription.paused else "ENABLED",
            "ActionAfterCompletion": "NONE",
            "Target": target,
        }


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", "Unknown"))
