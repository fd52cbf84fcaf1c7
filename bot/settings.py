"""Settings of the bot and CLI entry points: the analysis settings plus language, assistant, access, Slack."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from analysis.settings import AnalysisSettings
from consultant.settings import ConsultantSettings


class Settings(AnalysisSettings, ConsultantSettings):
    """FINOPS_LLM and the Bedrock / Q Business variables come from `ConsultantSettings`."""

    language: Literal["en", "pt-BR"] = Field("en", description="default language of the bot's messages")
    persona: Literal["executive", "cto", "devops", "analyst"] = Field(
        "executive", description="persona of the summary that follows a costs answer")
    access: str | None = Field(None, description="access configuration as JSON (see README, Slack access)")
    access_file: Path | None = Field(None, description="file with the access configuration JSON")


class SlackSettings(BaseSettings):
    """SLACK_* variables. In production the token and signing secret come from Secrets Manager
    (SLACK_SECRET_ARN), read once per container."""

    model_config = SettingsConfigDict(env_prefix="SLACK_", extra="ignore")

    bot_token: SecretStr | None = Field(None, description="xoxb- bot token")
    signing_secret: SecretStr | None = Field(None, description="verifies that requests come from Slack")
    app_token: SecretStr | None = Field(None, description="xapp- token, only for Socket Mode (finops socket)")
    api_url: str = Field("https://slack.com/api/", description="Web API base URL (tests point it at a fake)")
    secret_arn: str | None = Field(None, description="Secrets Manager secret with bot_token and signing_secret")
