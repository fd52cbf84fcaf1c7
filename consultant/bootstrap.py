"""Composition root of the consultant: the `Assistant` that FINOPS_LLM names, with every dependency injectable."""

from __future__ import annotations

import os
from typing import Any, Literal

from analysis.ports import StateStore
from consultant.errors import AssistantConfigError
from consultant.feedback import LoggedFeedback, StateFeedbackLog
from consultant.ports import Assistant, FeedbackLog, ServiceGlossary
from consultant.settings import ConsultantSettings


def build_assistant(
    settings: ConsultantSettings | None = None, *, glossary: ServiceGlossary | None = None,
    state: StateStore | None = None, client: Any = None,
) -> Assistant:
    """`client` replaces the boto3 client of the chosen backend (tests pass a stubbed one); `glossary`
    defaults to the service catalog, so texts say "EC2" rather than Cost Explorer's long names."""
    settings = settings if settings is not None else ConsultantSettings()
    if glossary is None:
        from analysis.catalog import load_catalog

        glossary = load_catalog()
    feedback: FeedbackLog = StateFeedbackLog(state) if state is not None else LoggedFeedback()
    if settings.llm == "offline":
        from consultant.adapters.offline import OfflineAssistant  # adapters load only when chosen

        return OfflineAssistant(glossary=glossary, feedback_log=feedback)
    missing = missing_settings(settings)
    if missing:
        raise AssistantConfigError(
            f"FINOPS_LLM={settings.llm} needs {' and '.join(missing)}; set it, or use FINOPS_LLM=offline."
        )
    if settings.llm == "bedrock":
        from consultant.adapters.bedrock import BedrockAssistant

        return BedrockAssistant(
            client if client is not None else _client("bedrock-runtime", settings.bedrock_region),
            str(settings.bedrock_model_id), max_tokens=settings.bedrock_max_tokens,
            temperature=settings.bedrock_temperature, glossary=glossary, feedback_log=feedback,
        )
    from consultant.adapters.qbusiness import QBusinessAssistant

    return QBusinessAssistant(
        client if client is not None else _client("qbusiness", settings.qbusiness_region),
        str(settings.qbusiness_application_id), user_id=settings.qbusiness_user_id, glossary=glossary,
    )


def missing_settings(settings: ConsultantSettings) -> list[str]:
    """What the chosen backend lacks, by variable name. A region may also come from AWS_REGION."""
    missing: list[str] = []
    if settings.llm == "bedrock":
        if not settings.bedrock_model_id:
            missing.append("FINOPS_BEDROCK_MODEL_ID")
        if not (settings.bedrock_region or _default_region()):
            missing.append("FINOPS_BEDROCK_REGION (or AWS_REGION)")
    if settings.llm == "qbusiness":
        application = settings.qbusiness_application_id
        if not application:
            missing.append("FINOPS_QBUSINESS_APPLICATION_ID")
        elif len(application) != 36:
            missing.append(f"a 36-character FINOPS_QBUSINESS_APPLICATION_ID (got {len(application)} characters)")
        if not (settings.qbusiness_region or _default_region()):
            missing.append("FINOPS_QBUSINESS_REGION (or AWS_REGION)")
    return missing


def _default_region() -> str | None:
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")


def _client(service: Literal["bedrock-runtime", "qbusiness"], region: str | None) -> Any:
    import boto3  # only when an AI backend is chosen: the offline path never loads it

    if service == "bedrock-runtime":
        return boto3.client("bedrock-runtime", region_name=region or _default_region())
    return boto3.client("qbusiness", region_name=region or _default_region())
