"""Composition root of the consultant: the `Assistant` that FINOPS_LLM names, with every dependency injectable."""

from __future__ import annotations

from typing import Any

from analysis.ports import StateStore
from consultant.adapters.offline import OfflineAssistant
from consultant.errors import AssistantConfigError
from consultant.feedback import LoggedFeedback, StateFeedbackLog
from consultant.ports import Assistant, FeedbackLog, ServiceGlossary
from consultant.settings import ConsultantSettings


def build_assistant(
    settings: ConsultantSettings | None = None, *, glossary: ServiceGlossary | None = None,
    state: StateStore | None = None, client: Any = None,
) -> Assistant:
    """`client` replaces the boto3 client of the chosen backend (tests pass a stubbed one)."""
    settings = settings if settings is not None else ConsultantSettings()
    feedback: FeedbackLog = StateFeedbackLog(state) if state is not None else LoggedFeedback()
    if settings.llm == "offline":
        return OfflineAssistant(glossary=glossary, feedback_log=feedback)
    missing = missing_settings(settings)
    if missing:
        raise AssistantConfigError(
            f"FINOPS_LLM={settings.llm} needs {' and '.join(missing)}; set it, or use FINOPS_LLM=offline."
        )
    raise AssistantConfigError(f"FINOPS_LLM={settings.llm} is not available in this build yet; use FINOPS_LLM=offline.")


def missing_settings(settings: ConsultantSettings) -> list[str]:
    if settings.llm == "bedrock":
        return [] if settings.bedrock_model_id else ["FINOPS_BEDROCK_MODEL_ID"]
    if settings.llm == "qbusiness":
        return [] if settings.qbusiness_application_id else ["FINOPS_QBUSINESS_APPLICATION_ID"]
    return []
