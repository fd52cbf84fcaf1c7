"""Settings of the consultant (FINOPS_LLM and each backend's FINOPS_* variables)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConsultantSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FINOPS_", extra="ignore")

    llm: Literal["offline", "bedrock", "qbusiness"] = Field(
        default="offline", description="who writes persona summaries"
    )
    bedrock_model_id: str | None = Field(default=None, description="Bedrock model or inference profile id")
    bedrock_region: str | None = Field(default=None, description="region of the Bedrock endpoint (default: AWS_REGION)")
    bedrock_max_tokens: int = Field(default=1200, ge=64, le=8192, description="most tokens one answer may use")
    bedrock_temperature: float = Field(default=0.2, ge=0, le=1, description="low: summaries should be sober")
    qbusiness_application_id: str | None = Field(default=None, description="Q Business application id (36 characters)")
    qbusiness_region: str | None = Field(default=None, description="region of the Q Business application")
    qbusiness_user_id: str | None = Field(
        default=None,
        description="user id for IAM-federated applications; unset for anonymous or identity-aware sessions",
    )
