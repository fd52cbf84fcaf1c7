"""A digest subscription: which channel gets which summary, when, in whose time zone, for which scope."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ConfigDict, Field

from bot.digests.errors import DigestUsageError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # also Scheduler's cron day names
DEFAULT_QUIET_PCT = Decimal(3)


class Cadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"

    @classmethod
    def parse(cls, text: str) -> Cadence:
        key = {"diario": "daily", "diário": "daily", "semanal": "weekly", "mensal": "monthly"}.get(
            text.strip().lower(), text.strip().lower())
        try:
            return cls(key)
        except ValueError:
            raise DigestUsageError("digest.error.cadence", value=text) from None

    @property
    def default_period(self) -> str:
        """Daily digests show the rolling 7 days so weekends do not read as drops and Mondays as spikes."""
        return {"daily": "last-7d", "weekly": "last-7d", "monthly": "last-month"}[self.value]


class Subscription(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    team: str
    channel: str
    cadence: Cadence
    at: str = Field(default="08:00", description="HH:MM, local time in `timezone`")
    timezone: str = "UTC"
    day: str | None = Field(default=None, description="weekly: mon..sun; monthly: day of the month 1..28")
    persona: str = "executive"
    language: str = "en"
    period: str | None = Field(default=None, description="None: the cadence's default period")
    accounts: tuple[str, ...] | None = None
    group_by: str = "service"
    email_to: tuple[str, ...] = Field(default=(), description="stakeholders who get an email copy of every digest")
    fallback_emails: tuple[str, ...] = Field(default=(), description="who gets the digest when Slack refuses it")
    paused: bool = False
    quiet_pct: Decimal = DEFAULT_QUIET_PCT
    created_at: datetime
    created_by: str | None = None

    @property
    def report_period(self) -> str:
        return self.period or self.cadence.default_period

    @property
    def schedule_name(self) -> str:
        return f"finops-digest-{self.id}"

    def cron(self) -> str:
        """EventBridge Scheduler cron: minutes hours day-of-month month day-of-week year."""
        hour, minute = _clock(self.at)
        if self.cadence == Cadence.DAILY:
            return f"cron({minute} {hour} * * ? *)"
        if self.cadence == Cadence.WEEKLY:
            return f"cron({minute} {hour} ? * {(self.day or 'mon').upper()} *)"
        return f"cron({minute} {hour} {self.day or '1'} * ? *)"

    def latest_occurrence(self, now: datetime) -> datetime:
        """The last scheduled time at or before `now`, as an aware datetime in the subscription's zone."""
        zone = ZoneInfo(self.timezone)
        local_now = now.astimezone(zone)
        hour, minute = _clock(self.at)
        for back in range(0, 62):
            day = local_now.date() - timedelta(days=back)
            if not self._runs_on(day):
                continue
            # zoneinfo resolves a wall time inside a DST gap with the offset before the change
            moment = datetime.combine(day, time(hour, minute), zone)
            if moment <= local_now:
                return moment
        raise AssertionError("every cadence repeats within 62 days")

    def is_due(self, now: datetime, last_run: datetime | None) -> datetime | None:
        """The occurrence to run now, or None. Only the latest missed occurrence runs (no backlog flood)."""
        if self.paused:
            return None
        occurrence = self.latest_occurrence(now)
        if occurrence < self.created_at:
            return None
        if last_run is not None and last_run >= occurrence:
            return None
        return occurrence

    def _runs_on(self, day: date) -> bool:
        if self.cadence == Cadence.DAILY:
            return True
        if self.cadence == Cadence.WEEKLY:
            return WEEKDAYS[day.weekday()] == (self.day or "mon")
        return day.day == int(self.day or 1)

    def scope_text(self) -> str:
        accounts = ",".join(self.accounts) if self.accounts else "all accounts"
        return accounts if self.group_by == "service" else f"{accounts} by {self.group_by}"


def subscription_id(team: str, channel: str, cadence: Cadence, at: str, timezone: str, day: str | None,
                    persona: str, accounts: tuple[str, ...] | None, group_by: str) -> str:
    """The same request twice (a retried command, a double click) names the same subscription."""
    text = "|".join([team, channel, cadence.value, at, timezone, day or "", persona,
                     ",".join(accounts or ()), group_by])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


_CLOCK = re.compile(r"^(?P<h>[01]?\d|2[0-3])(?::|h)(?P<m>[0-5]\d)?$")


def parse_clock(text: str) -> str:
    """`8:30`, `08:30`, `8h`, `8h30` → `08:30`."""
    match = _CLOCK.match(text.strip().lower())
    if not match:
        raise DigestUsageError("digest.error.clock", value=text)
    return f"{int(match['h']):02d}:{match['m'] or '00'}"


def looks_like_clock(text: str) -> bool:
    return bool(_CLOCK.match(text.strip().lower()))


def parse_timezone(text: str) -> str:
    """An IANA zone name (America/Sao_Paulo, Europe/Lisbon, UTC); case-insensitive, suggestions on typos."""
    candidate = text.strip()
    try:
        ZoneInfo(candidate)
        return candidate
    except (ZoneInfoNotFoundError, ValueError):
        pass
    by_lower = {name.lower(): name for name in available_timezones()}
    exact = by_lower.get(candidate.lower())
    if exact:
        return exact
    import difflib

    close = difflib.get_close_matches(candidate.lower(), list(by_lower), n=1, cutoff=0.7)
    if close:
        raise DigestUsageError("digest.error.timezone_suggest", value=text, suggestion=by_lower[close[0]])
    raise DigestUsageError("digest.error.timezone", value=text)


def looks_like_timezone(text: str) -> bool:
    return "/" in text or text.upper() in {"UTC", "GMT"}


def parse_day(cadence: Cadence, text: str | None) -> str | None:
    if text is None or cadence == Cadence.DAILY:
        if text is not None:
            raise DigestUsageError("digest.error.daily_day")
        return None
    key = text.strip().lower()[:3]
    if cadence == Cadence.WEEKLY:
        pt = {"seg": "mon", "ter": "tue", "qua": "wed", "qui": "thu", "sex": "fri", "sab": "sat", "sáb": "sat",
              "dom": "sun"}
        key = pt.get(key, key)
        if key not in WEEKDAYS:
            raise DigestUsageError("digest.error.weekday", value=text)
        return key
    if not text.strip().isdigit() or not 1 <= int(text) <= 28:
        raise DigestUsageError("digest.error.month_day", value=text)
    return str(int(text))


def _clock(at: str) -> tuple[int, int]:
    hour, minute = at.split(":")
    return int(hour), int(minute)


def utc_now() -> datetime:
    return datetime.now(UTC)
