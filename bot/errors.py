"""Named errors of the bot. Each one becomes a polite message in the asker's language, never a stack trace."""

from __future__ import annotations


class BotError(Exception):
    """Base class: `message_id` names the i18n message that explains it, `values` fill it in."""

    message_id = "error.generic"

    def __init__(self, detail: str = "", **values: str) -> None:
        super().__init__(detail or self.message_id)
        self.values = values


class FeatureUnavailableError(BotError):
    """A command whose analysis is not deployed here yet (forecast, waste, digests…)."""

    message_id = "error.feature_unavailable"

    def __init__(self, feature: str) -> None:
        super().__init__(f"`{feature}` is not available yet in this deployment", feature=feature)
        self.feature = feature


class AccessRefusedError(BotError):
    """Access configuration says no. The message explains, without figures."""

    def __init__(self, message_id: str, **values: str) -> None:
        super().__init__(message_id, **values)
        self.message_id = message_id


class OutOfScopeError(AccessRefusedError):
    """The accounts asked for, or a report's accounts, are outside what this channel may see."""


class AccessConfigError(ValueError):
    """The access configuration (FINOPS_ACCESS / FINOPS_ACCESS_FILE) is invalid; says what to fix."""


class ChatError(Exception):
    """Slack refused a call; `code` is Slack's error (channel_not_found, not_in_channel, ratelimited…)."""

    def __init__(self, code: str, method: str = "") -> None:
        super().__init__(f"Slack {method or 'call'} failed: {code}")
        self.code = code
        self.method = method


class CannotPostError(BotError):
    """The bot may not post where it was asked (not a member, archived channel…)."""

    message_id = "error.cannot_post"


class SecretsError(Exception):
    """The Slack secrets could not be read from Secrets Manager (names what is missing, never the value)."""


class SettingsError(BotError):
    """A FINOPS_* variable the slow half of a request needs is invalid; names the variables, never their values."""

    message_id = "error.settings"

    def __init__(self, names: str) -> None:
        super().__init__(f"invalid settings: {names}", names=names)
