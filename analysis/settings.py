"""Settings shared by every entry point (FINOPS_* environment variables)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class AnalysisSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FINOPS_", extra="ignore")

    source: Literal["demo", "aws"] = Field("demo", description="where cost data comes from")
    pipeline: Literal["local", "stepfunctions"] = Field("local", description="in-process, or AWS Step Functions")
    bucket: str | None = Field(None, description="S3 bucket for state and reports; unset: FINOPS_STATE_DIR")
    state_dir: Path = Field(Path(".finops"), description="local state folder when no bucket is set")
    freshness_hours: float = Field(6.0, gt=0, description="how long a report is reused before asking again")
    as_of: date | None = Field(None, description="fix 'today' (UTC) for reproducible runs")
    max_workers: int = Field(4, ge=1, le=64, description="parallel workers in the local pipeline")
    demo_seed: int = Field(2026, description="seed of the demo organisation")
    member_role: str = Field("FinOpsReadOnly", min_length=1,
                             description="role the waste checks assume in each member account")
    state_machine_arn: str | None = Field(None, description="the state machine FINOPS_PIPELINE=stepfunctions starts")
    dlq_url: str | None = Field(None, description="SQS dead-letter queue of failed executions, for replay")
    map_concurrency: int = Field(10, ge=1, le=1000, description="batches the Step Functions Map runs at once")
