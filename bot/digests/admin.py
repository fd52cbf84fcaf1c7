"""Managing subscriptions: add, remove, pause, resume, list, and their email recipients.

The state store holds the subscription; the scheduler holds its schedule. Both change together: a
schedule that cannot be created leaves no subscription behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from bot.digests.commands import DigestSpec
from bot.digests.errors import DigestError, DigestUsageError
from bot.digests.ports import DigestScheduler
from bot.digests.store import SubscriptionStore
from bot.digests.subscription import Subscription, parse_timezone, subscription_id, utc_now


@dataclass
class DigestAdmin:
    store: SubscriptionStore
    scheduler: DigestScheduler
    default_timezone: str = "UTC"
    default_language: str = "en"
    default_quiet_pct: Decimal = Decimal(3)
    clock: Callable[[], datetime] = utc_now

    def add(self, team: str, spec: DigestSpec, created_by: str | None = None) -> tuple[Subscription, bool]:
        """(subscription, created). The same command twice returns the existing one, created=False."""
        timezone = spec.timezone or parse_timezone(self.default_timezone)
        ident = subscription_id(team, spec.channel, spec.cadence, spec.at, timezone, spec.day, spec.persona,
                                spec.accounts, spec.group_by)
        subscription = Subscription(
            id=ident, team=team, channel=spec.channel, cadence=spec.cadence, at=spec.at, timezone=timezone,
            day=spec.day, persona=spec.persona, language=spec.language or self.default_language,
            period=spec.period, accounts=spec.accounts, group_by=spec.group_by,
            email_to=tuple(dict.fromkeys(spec.email_to)), fallback_emails=tuple(dict.fromkeys(spec.fallback_emails)),
            quiet_pct=spec.quiet_pct if spec.quiet_pct is not None else self.default_quiet_pct,
            created_at=self.clock(), created_by=created_by,
        )
        if not self.store.add(subscription):
            return self.store.get(team, ident), False
        try:
            self.scheduler.upsert(subscription)
        except DigestError:
            self.store.remove(team, ident)
            raise
        return subscription, True

    def remove(self, team: str, ident: str) -> Subscription:
        subscription = self.store.get(team, ident)
        self.scheduler.delete(subscription)
        return self.store.remove(team, ident)

    def set_paused(self, team: str, ident: str, paused: bool) -> Subscription:
        current = self.store.get(team, ident)
        changed = current.model_copy(update={"paused": paused})
        self.scheduler.upsert(changed)  # a paused digest keeps its schedule, DISABLED
        self.store.save(changed)
        return changed

    def for_team(self, team: str) -> list[Subscription]:
        return self.store.for_team(team)

    def add_email(self, team: str, address: str, ident: str | None, *, channel: str | None = None,
                  fallback: bool = False) -> Subscription:
        current = self._pick(team, ident, channel)
        field = "fallback_emails" if fallback else "email_to"
        addresses: tuple[str, ...] = getattr(current, field)
        changed = current.model_copy(update={field: tuple(dict.fromkeys([*addresses, address]))})
        self.store.save(changed)
        return changed

    def remove_email(self, team: str, address: str, ident: str | None, *, channel: str | None = None) -> Subscription:
        current = self._pick(team, ident, channel, having=address)
        if address not in current.email_to and address not in current.fallback_emails:
            raise DigestUsageError("digest.error.no_email", address=address, id=current.id)
        changed = current.model_copy(update={
            "email_to": tuple(a for a in current.email_to if a != address),
            "fallback_emails": tuple(a for a in current.fallback_emails if a != address),
        })
        self.store.save(changed)
        return changed

    def _pick(self, team: str, ident: str | None, channel: str | None, having: str | None = None) -> Subscription:
        """The digest named, or the only one that fits: in this channel, or holding this address."""
        if ident:
            return self.store.get(team, ident)
        candidates = self.store.for_team(team)
        if channel:
            candidates = [s for s in candidates if s.channel == channel]
        if having:
            candidates = [s for s in candidates if having in s.email_to or having in s.fallback_emails]
        if len(candidates) == 1:
            return candidates[0]
        ids = ", ".join(s.id for s in candidates) or "none"
        raise DigestUsageError("digest.error.which", ids=ids)
