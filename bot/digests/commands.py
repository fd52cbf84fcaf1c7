"""The words after `/finops digest add` and `/finops email add`, parsed once for Slack and the CLI.

    digest add #channel daily|weekly|monthly [HH:MM] [TIMEZONE] [PERSONA] [SCOPE] [options]
      SCOPE:   accounts:111111111111,222222222222  or  cost-category:NAME
      options: day:fri | day:15   period:mtd   quiet:5   lang:pt-BR   fallback:ops@example.com
               email:cfo@example.com (repeatable)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from analysis.domain.period import PeriodError, parse_period
from bot.digests.errors import DigestUsageError
from bot.digests.subscription import (
    Cadence,
    looks_like_clock,
    looks_like_timezone,
    parse_clock,
    parse_day,
    parse_timezone,
)
from bot.email.addresses import normalise_address
from consultant.errors import UnknownPersonaError
from consultant.personas import Persona

_CHANNEL = re.compile(r"^<#(?P<id>[CG][A-Z0-9]+)(?:\|[^>]*)?>$|^(?P<plain>#?[\w.-]{1,80})$")
USAGE = ("digest add #channel daily|weekly|monthly [HH:MM] [Time/Zone] [persona] [accounts:ID,…|"
         "cost-category:NAME] [day:mon|day:15] [quiet:3] [lang:pt-BR] [fallback:EMAIL] [email:EMAIL]")


@dataclass
class DigestSpec:
    channel: str
    cadence: Cadence
    at: str = "08:00"
    timezone: str | None = None
    day: str | None = None
    persona: str = "executive"
    period: str | None = None
    accounts: tuple[str, ...] | None = None
    group_by: str = "service"
    quiet_pct: Decimal | None = None
    language: str | None = None
    fallback_emails: list[str] = field(default_factory=list)
    email_to: list[str] = field(default_factory=list)


def parse_channel(text: str) -> str:
    """`<#C0123|finops>` (how Slack sends a mention), `C0123`, `#finops` or `finops`."""
    match = _CHANNEL.match(text.strip())
    if not match:
        raise DigestUsageError("digest.error.channel", value=text)
    return match["id"] or match["plain"]


def parse_persona(text: str) -> str:
    try:
        return Persona.parse(text).value
    except UnknownPersonaError as exc:
        raise DigestUsageError("digest.error.persona", value=text) from exc


def _persona_or_none(word: str) -> str | None:
    try:
        return Persona.parse(word).value
    except UnknownPersonaError:
        return None


def parse_digest_add(words: list[str]) -> DigestSpec:
    if len(words) < 2:
        raise DigestUsageError("digest.error.usage", usage=USAGE)
    spec = DigestSpec(parse_channel(words[0]), Cadence.parse(words[1]))
    day_text = None
    for word in words[2:]:
        key, sep, value = word.partition(":")
        key = key.lower() if sep and not looks_like_clock(word) else ""
        if looks_like_clock(word):
            spec.at = parse_clock(word)
        elif key in {"accounts", "account", "contas"}:
            spec.accounts = _accounts(value)
        elif key in {"cost-category", "category", "categoria"}:
            spec.group_by = f"cost-category:{value}"
        elif key in {"day", "dia"}:
            day_text = value
        elif key == "period" or key == "periodo":
            spec.period = _period(value)
        elif key == "quiet":
            spec.quiet_pct = _percent(value)
        elif key in {"lang", "language", "idioma"}:
            from bot.i18n import normalise_language

            spec.language = normalise_language(value)
        elif key == "fallback":
            spec.fallback_emails.append(normalise_address(value))
        elif key == "email":
            spec.email_to.append(normalise_address(value))
        elif persona := _persona_or_none(word):
            spec.persona = persona
        elif looks_like_timezone(word):
            spec.timezone = parse_timezone(word)
        elif word.lower()[:3] in {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "seg", "ter", "qua", "qui",
                                  "sex", "sab", "dom"} and spec.cadence == Cadence.WEEKLY:
            day_text = word
        else:
            raise DigestUsageError("digest.error.not_understood", value=word, usage=USAGE)
    spec.day = parse_day(spec.cadence, day_text)
    return spec


def _accounts(text: str) -> tuple[str, ...]:
    ids = tuple(part.strip() for part in text.split(",") if part.strip())
    bad = [i for i in ids if not (i.isdigit() and len(i) == 12)]
    if not ids or bad:
        raise DigestUsageError("digest.error.accounts", value=", ".join(bad) or text)
    return ids


def _period(text: str) -> str:
    from datetime import UTC, datetime

    try:
        parse_period(text, datetime.now(UTC).date())  # each run resolves it again against its own day
    except PeriodError as exc:
        raise DigestUsageError("digest.error.period", value=text) from exc
    return text


def _percent(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", "."))
    except InvalidOperation:
        raise DigestUsageError("digest.error.percent", value=text) from None
    if not Decimal(0) <= value <= Decimal(100):
        raise DigestUsageError("digest.error.percent_range")
    return value
