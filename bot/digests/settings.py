"""Settings of digests, email and dashboards (FINOPS_*). Slack's token comes from `SlackSettings` (SLACK_*)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from bot.settings import Settings


class DigestSettings(Settings):
    model_config = SettingsConfigDict(env_prefix="FINOPS_", extra="ignore")

    team: str = Field("local", description="Slack workspace id the CLI manages digests for")
    timezone: str = Field("UTC", description="workspace default IANA time zone for new digests")
    digest_quiet_pct: Decimal = Field(Decimal(3), ge=0, description="below this |change| and no anomaly: quiet")
    email_sender: str | None = Field(None, description="SES identity digests are sent from; unset: local outbox")
    email_configuration_set: str | None = Field(None, description="SES configuration set (bounce tracking)")
    email_outbox: Path | None = Field(None, description="where .eml files go without SES (default STATE_DIR/outbox)")
    digest_dlq_url: str | None = Field(None, description="SQS queue for undelivered digests; unset: state store")
    digest_dlq_arn: str | None = Field(None, description="the same queue's ARN, for the schedules' DeadLetterConfig")
    digest_function_arn: str | None = Field(None, description="digest Lambda ARN; set: EventBridge Scheduler")
    scheduler_role_arn: str | None = Field(None, description="role EventBridge Scheduler assumes to invoke it")
    schedule_group: str = Field("finops-digests", description="EventBridge Scheduler schedule group")
    dashboard_link_hours: int = Field(72, ge=1, le=168, description="presigned dashboard links last this long")

    @model_validator(mode="after")
    def _scheduler_needs_both(self) -> DigestSettings:
        if bool(self.digest_function_arn) != bool(self.scheduler_role_arn):
            raise ValueError("EventBridge Scheduler needs both FINOPS_DIGEST_FUNCTION_ARN and "
                             "FINOPS_SCHEDULER_ROLE_ARN (or neither, for `finops digest run-due`).")
        return self
