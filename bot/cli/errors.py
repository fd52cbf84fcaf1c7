"""Errors the CLI turns into one clear line and an exit code, never a stack trace."""

from __future__ import annotations

from analysis.checks.registry import UnknownCheckError
from analysis.domain.basis import BasisError
from analysis.domain.costs import GroupByError
from analysis.domain.period import PeriodError
from analysis.errors import AnalysisError, SourceUnavailableError
from bot.cli.slack import SlackNotConfiguredError
from bot.digests.errors import DigestError, DigestUsageError, SubscriptionNotFoundError
from bot.i18n.catalog import UnknownLanguageError
from consultant.errors import AssistantConfigError, ConsultantError, UnknownPersonaError, UnsupportedLanguageError

USAGE_ERRORS = (PeriodError, BasisError, GroupByError, UnknownCheckError, UnknownLanguageError, DigestUsageError,
                UnknownPersonaError, UnsupportedLanguageError, SubscriptionNotFoundError)
CliError = (*USAGE_ERRORS, AnalysisError, DigestError, ConsultantError, SlackNotConfiguredError)


def exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, USAGE_ERRORS):
        return 2
    if isinstance(exc, SourceUnavailableError | AssistantConfigError | SlackNotConfiguredError):
        return 3
    return 1


def user_message(exc: BaseException) -> str:
    return str(exc)
