"""Replies to digest and email commands, in the asker's language (the CLI and Slack say the same)."""

from __future__ import annotations

from bot.digests.replay import ReplayResult
from bot.digests.service import DigestOutcome
from bot.digests.subscription import Subscription
from bot.i18n import Formatter, translator


def subscription_line(subscription: Subscription, language: str) -> str:
    t, fmt = translator(language), Formatter(language)
    emails = ""
    if subscription.email_to:
        emails += t("digest.emails", copies=", ".join(subscription.email_to))
    if subscription.fallback_emails:
        emails += t("digest.fallbacks", fallbacks=", ".join(subscription.fallback_emails))
    return t("digest.list_line", id=subscription.id, channel=subscription.channel,
             cadence=t(f"digest.cadence.{subscription.cadence.value}"), at=subscription.at,
             timezone=subscription.timezone, day=f" ({subscription.day})" if subscription.day else "",
             persona=t(f"digest.persona.{subscription.persona}"), scope=subscription.scope_text(),
             quiet=fmt.number(subscription.quiet_pct, 0 if subscription.quiet_pct == int(subscription.quiet_pct)
                              else 1),
             paused=t("digest.paused") if subscription.paused else "", emails=emails)


def subscription_list(subscriptions: list[Subscription], language: str) -> str:
    if not subscriptions:
        return translator(language)("digest.list_empty")
    return "\n".join(subscription_line(s, language) for s in subscriptions)


def added(subscription: Subscription, created: bool, scheduler: str, language: str) -> str:
    t = translator(language)
    if not created:
        return t("digest.exists", id=subscription.id)
    return t("digest.added", id=subscription.id, channel=subscription.channel,
             cadence=t(f"digest.cadence.{subscription.cadence.value}"), at=subscription.at,
             timezone=subscription.timezone, scheduler=scheduler)


def outcome_line(outcome: DigestOutcome, language: str) -> str:
    t = translator(language)
    status = outcome.status
    if status == "fallback":
        text = t("digest.outcome.fallback", reason=outcome.reason, n=outcome.fallback_sent)
    elif status == "dead_letter":
        text = t("digest.outcome.dead_letter", reason=outcome.reason)
    else:
        text = t(f"digest.outcome.{status}")
    if outcome.emails_sent:
        text += t("digest.outcome.emails", n=outcome.emails_sent)
    return t("digest.ran", id=outcome.subscription.id, channel=outcome.subscription.channel,
             occurrence=outcome.occurrence.isoformat(timespec="minutes"), outcome=text)


def replay_line(result: ReplayResult, language: str) -> str:
    return translator(language)("digest.replayed", delivered=result.delivered, skipped=result.skipped,
                                failed=result.failed, ignored=result.ignored)


def email_lines(subscriptions: list[Subscription], language: str) -> str:
    t = translator(language)
    lines = [t("digest.email.list_line", address=address, kind=t(f"digest.email.kind.{kind}"), id=s.id,
               channel=s.channel)
             for s in subscriptions
             for kind, addresses in (("copy", s.email_to), ("fallback", s.fallback_emails))
             for address in addresses]
    return "\n".join(lines) if lines else t("digest.email.list_empty")
