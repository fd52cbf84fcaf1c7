"""Settings of the bot and CLI entry points: the analysis settings plus language and assistant."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from analysis.settings import AnalysisSettings


class Settings(AnalysisSettings):
    language: Literal["en", "pt-BR"] = Field("en", description="default language of the bot's messages")
    llm: Literal["offline", "bedrock", "qbusiness"] = Field("offline", description="who writes persona summaries")
