"""Delivering a prepared digest to its targets, with email fallback and exactly-once markers.

A target is `slack` (the channel, falling back to the subscription's fallback addresses), `email:ADDR`
(a stakeholder's copy) or `fallback:ADDR` (one fallback address that failed while another got it).
Each target is claimed in the state store with a conditional write before it is sent, so a replayed or
duplicated dead letter never delivers the same target twice; a failed send gives the claim back.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from analysis.ports import StateStore
from bot.digests.content import DigestContent
from bot.digests.errors import DeliveryError, EmailRefusedError, SlackRefusedError
from bot.digests.ports import Attachment, ChatPoster, EmailSender, Posted, Saving
from bot.digests.slack_blocks import digest_message
from bot.digests.store import SubscriptionStore
from bot.email.compose import compose_email

log = logging.getLogger(__name__)

SLACK = "slack"


@dataclass(frozen=True)
class PreparedDigest:
    content: DigestContent
    occurrence: datetime
    delivery_id: str
    charts: tuple[Attachment, ...] = ()
    savings: tuple[Saving, ...] = ()
    dashboard_key: str | None = None


@dataclass
class DeliveryResult:
    delivered: list[str] = field(default_factory=list)
    already_delivered: list[str] = field(default_factory=list)
    undelivered: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)
    fallback_sent: int = 0
    slack_ts: str | None = None

    @property
    def complete(self) -> bool:
        return not self.undelivered


def initial_targets(content: DigestContent) -> list[str]:
    return [SLACK, *(f"email:{address}" for address in content.subscription.email_to)]


class DigestDelivery:
    def __init__(self, state: StateStore, store: SubscriptionStore, poster: ChatPoster,
                 email: EmailSender | None) -> None:
        self.state = state
        self.store = store
        self.poster = poster
        self.email = email

    def deliver(self, digest: PreparedDigest, targets: Sequence[str]) -> DeliveryResult:
        result = DeliveryResult()
        for target in targets:
            if not self._claim(digest, target):
                result.already_delivered.append(target)
                continue
            try:
                self._send(digest, target, result)
            except DeliveryError as exc:
                self._release(digest, target)
                result.undelivered.append(target)
                result.reasons[target] = exc.reason
                self.store.record_failure(digest.content.subscription, digest.occurrence, _slug(target),
                                          exc.reason, str(exc))
            else:
                result.delivered.append(target)
        return result

    def _send(self, digest: PreparedDigest, target: str, result: DeliveryResult) -> None:
        kind, _, address = target.partition(":")
        if kind == SLACK:
            self._slack_or_fallback(digest, result)
        elif kind == "email":
            self._email(digest, address)
        elif kind == "fallback":
            self._email(digest, address, note=self._fallback_note(digest, "earlier failure"))
        else:
            raise ValueError(f"unknown delivery target {target!r}")

    def _slack_or_fallback(self, digest: PreparedDigest, result: DeliveryResult) -> None:
        try:
            posted = self._post(digest)
        except SlackRefusedError as slack_error:
            subscription = digest.content.subscription
            self.store.record_failure(subscription, digest.occurrence, "slack", slack_error.reason,
                                      str(slack_error))
            note = self._fallback_note(digest, slack_error.reason)
            failed: dict[str, str] = {}
            for address in subscription.fallback_emails:
                try:
                    self._email(digest, address, note=note)
                    result.fallback_sent += 1
                except EmailRefusedError as exc:
                    failed[address] = exc.reason
            if result.fallback_sent == 0:  # nobody got it: the whole Slack target stays undelivered
                reasons = "; ".join(f"{a}: {r}" for a, r in failed.items())
                raise SlackRefusedError(slack_error.reason, f"fallback email failed too ({reasons})"
                                        if failed else "no fallback email addresses") from slack_error
            for address, reason in failed.items():  # some got it: queue only the addresses that did not
                result.undelivered.append(f"fallback:{address}")
                result.reasons[f"fallback:{address}"] = reason
            return
        result.slack_ts = posted.ts

    def _post(self, digest: PreparedDigest) -> Posted:
        content = digest.content
        text, blocks = digest_message(content)
        posted = self.poster.post(content.subscription.channel, text, blocks)
        # the numbers are in the channel now; what follows goes in the thread and cannot undo that
        try:
            if content.summary:
                self.poster.reply(posted, content.summary)
            if digest.charts:
                self.poster.upload(posted, digest.charts)
        except SlackRefusedError as exc:
            self.store.record_failure(content.subscription, digest.occurrence, "slack-thread", exc.reason,
                                      str(exc))
            log.warning("digest %s: thread reply failed: %s", content.subscription.id, exc)
        return posted

    def _email(self, digest: PreparedDigest, address: str, note: str | None = None) -> None:
        if self.email is None:
            raise EmailRefusedError("not_configured", "set FINOPS_EMAIL_SENDER to send email")
        message = compose_email(digest.content, sender=self.email.sender, recipient=address,
                                charts=digest.charts, note=note)
        self.email.send(message.raw, address)

    def _fallback_note(self, digest: PreparedDigest, reason: str) -> str:
        from bot.i18n import translator

        t = translator(digest.content.language)
        return t("digest.fallback_note", channel=digest.content.subscription.channel, reason=reason)

    def _marker(self, digest: PreparedDigest, target: str) -> str:
        subscription = digest.content.subscription
        return f"digests/{subscription.team}/delivered/{digest.delivery_id}/{_slug(target)}"

    def _claim(self, digest: PreparedDigest, target: str) -> bool:
        return self.state.put(self._marker(digest, target), json.dumps({"target": target}).encode(),
                              if_absent=True)

    def _release(self, digest: PreparedDigest, target: str) -> None:
        self.state.delete(self._marker(digest, target))


def _slug(target: str) -> str:
    """Targets hold addresses; keys get a short hash instead (no '@' or '+' in object keys)."""
    kind, _, rest = target.partition(":")
    return kind if not rest else f"{kind}-{hashlib.sha256(rest.encode()).hexdigest()[:12]}"
