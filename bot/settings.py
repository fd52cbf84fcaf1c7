"""Settings of the bot and CLI entry points: the analysis settings plus language and assistant."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from analysis.settings import AnalysisSettings
from consultant.settings import ConsultantSettings


class Settings(AnalysisSettings, ConsultantSettings):
    """FINOPS_LLM and the Bedrock / Q Business variables come from `ConsultantSettings`."""

    language: Literal["en", "pt-BR"] = Field("en", description="default language of the bot's messages")
