"""Named errors of the consultant. The CLI and the bot turn them into one clear line."""

from __future__ import annotations


class ConsultantError(Exception):
    """Base class: something the user should hear about in words, not a stack trace."""


class UnknownPersonaError(ConsultantError, ValueError):
    """A persona id we do not know; the message lists the valid ones."""


class UnsupportedLanguageError(ConsultantError, ValueError):
    """The consultant writes English and Brazilian Portuguese only."""


class AssistantConfigError(ConsultantError):
    """A backend chosen by FINOPS_LLM lacks a setting; the message names the variable."""


class BackendError(ConsultantError):
    """The LLM service failed to answer."""


class BackendAccessDeniedError(BackendError):
    """The credentials may not call the model or application; the message says which permission."""


class BackendThrottledError(BackendError):
    """The LLM service throttled us; try again later."""


class BackendUnavailableError(BackendError):
    """The model or application does not exist, is not enabled, or is unreachable."""


class ScopeDeniedError(ConsultantError):
    """A follow-up asked for accounts this channel may not see."""
