"""Named errors of digests and their delivery; the CLI and Slack turn them into one clear sentence."""

from __future__ import annotations


class DigestError(Exception):
    """Base class: something about a digest the user should hear about in words."""


class DigestUsageError(DigestError, ValueError):
    """A digest or email command was typed wrong; the message says the valid form.

    `message_id` and `values` say it in the asker's language (Slack); `str()` is the English text (CLI).
    """

    def __init__(self, message_id: str, **values: str) -> None:
        from bot.i18n import translator

        self.message_id = message_id
        self.values = values
        super().__init__(translator("en")(message_id, **values))

    def in_language(self, language: str) -> str:
        from bot.i18n import translator

        return translator(language)(self.message_id, **self.values)


class SubscriptionNotFoundError(DigestUsageError, LookupError):
    """No digest with that id in this workspace."""

    def __init__(self, subscription_id: str) -> None:
        super().__init__("digest.error.not_found", value=subscription_id)


class SchedulerError(DigestError):
    """EventBridge Scheduler refused to create, change or delete a schedule."""


class DeliveryError(DigestError):
    """A channel (Slack or email) did not take the digest. `reason` is the service's own code."""

    def __init__(self, channel: str, reason: str, detail: str = "") -> None:
        self.channel = channel
        self.reason = reason
        super().__init__(f"{channel} refused the digest: {reason}{f' ({detail})' if detail else ''}")


class SlackRefusedError(DeliveryError):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__("Slack", reason, detail)


class EmailRefusedError(DeliveryError):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__("Email", reason, detail)


class DeadLetterError(DigestError):
    """The dead-letter queue could not take or give back an undelivered digest."""


class DigestNotReadyError(DigestError):
    """The report is still being computed (Step Functions); the scheduler's retry picks it up."""
