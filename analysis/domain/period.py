"""Reporting periods as people type them, resolved to Cost Explorer's `[start, end)` UTC dates."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAYS = 3 * 366  # Cost Explorer keeps at most 38 months with multi-year data enabled

VALID_FORMS = (
    "today", "yesterday", "last-7d", "last-30d", "last-Nd", "last-Nw", "last-Nm", "mtd", "qtd", "ytd",
    "last-month", "last-quarter", "last-year", "YYYY", "YYYY-MM", "YYYY-QN", "YYYY-MM-DD",
    "YYYY-MM-DD..YYYY-MM-DD",
)
VALID_FORMS_PT = (
    "hoje", "ontem", "ultimos-30d", "ultimas-4s", "ultimos-3m", "este-mes", "este-trimestre", "este-ano",
    "mes-passado", "trimestre-passado", "ano-passado",
)

# Words with the same meaning map to one canonical keyword.
_ALIASES = {
    "today": "today", "hoje": "today",
    "yesterday": "yesterday", "ontem": "yesterday",
    "mtd": "mtd", "this-month": "mtd", "month-to-date": "mtd", "este-mes": "mtd", "mes-atual": "mtd",
    "qtd": "qtd", "this-quarter": "qtd", "quarter-to-date": "qtd", "este-trimestre": "qtd",
    "trimestre-atual": "qtd",
    "ytd": "ytd", "this-year": "ytd", "year-to-date": "ytd", "este-ano": "ytd", "ano-atual": "ytd",
    "last-month": "last-month", "previous-month": "last-month", "mes-passado": "last-month",
    "ultimo-mes": "last-month",
    "last-quarter": "last-quarter", "previous-quarter": "last-quarter", "trimestre-passado": "last-quarter",
    "ultimo-trimestre": "last-quarter",
    "last-year": "last-year", "previous-year": "last-year", "ano-passado": "last-year",
    "ultimo-ano": "last-year",
}
_UNIT_WORDS = {
    "d": "d", "day": "d", "days": "d", "dia": "d", "dias": "d",
    "w": "w", "wk": "w", "week": "w", "weeks": "w", "s": "w", "sem": "w", "semana": "w", "semanas": "w",
    "m": "m", "mo": "m", "month": "m", "months": "m", "mes": "m", "meses": "m",
}
_RELATIVE = re.compile(
    r"^(?:last|past|ultimos|ultimas|ultimo|ultima)?-?(?P<n>\d{1,4})-?(?P<unit>[a-z]+)$"
)
_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$")
_QUARTER = re.compile(r"^(?P<y>\d{4})-?q(?P<q>[1-4])$")
_YEAR = re.compile(r"^(?P<y>\d{4})$")
_DAY = r"\d{4}-\d{1,2}-\d{1,2}"
_RANGE = re.compile(rf"^(?P<a>{_DAY})(?:\.\.|--|/)(?P<b>{_DAY})$")
_SINGLE_DAY = re.compile(rf"^(?P<a>{_DAY})$")


class PeriodError(ValueError):
    """The text is not a period we understand; the message lists the valid forms."""

    def __init__(self, text: str, reason: str, suggestion: str | None = None) -> None:
        self.text = text
        self.reason = reason
        self.suggestion = suggestion
        hint = f" Did you mean `{suggestion}`?" if suggestion else ""
        super().__init__(
            f"{reason}{hint} Valid periods: {', '.join(VALID_FORMS)} "
            f"(em português: {', '.join(VALID_FORMS_PT)})."
        )


@dataclass(frozen=True, slots=True)
class Period:
    """Whole UTC days `[start, end)`; `comparison` is the window it is measured against."""

    start: date
    end: date
    label: str
    as_of: date
    comparison: Period | None = None

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty period {self.start}..{self.end}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        """The last day inside the period (its end is exclusive)."""
        return self.end - timedelta(days=1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end

    def iter_days(self) -> Iterator[date]:
        day = self.start
        while day < self.end:
            yield day
            day += timedelta(days=1)

    @property
    def first_unfinalised_day(self) -> date:
        """Cost Explorer keeps revising yesterday's and today's figures."""
        return self.as_of - timedelta(days=1)

    @property
    def includes_unfinalised_days(self) -> bool:
        return self.end > self.first_unfinalised_day

    def describe(self) -> str:
        return f"{self.start.isoformat()} → {self.last_day.isoformat()}"


def parse_period(text: str, as_of: date) -> Period:
    """Resolve what a user typed against `as_of` (the date treated as "today", UTC)."""
    key = _normalise(text)
    if not key:
        raise PeriodError(text, "No period given.", "last-30d")
    start, end, label, unit_months = _resolve(key, text, as_of)
    if start > as_of:
        raise PeriodError(text, f"`{text}` starts after today ({as_of.isoformat()}); there is no cost data yet.")
    end = min(end, as_of + timedelta(days=1))  # never ask Cost Explorer for days that have not happened
    if (end - start).days > MAX_DAYS:
        raise PeriodError(text, f"`{text}` spans more than {MAX_DAYS} days; Cost Explorer keeps at most 38 months.")
    return Period(start, end, label, as_of, _comparison(start, end, unit_months, as_of))


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.strip().lower().replace("_", "-")
    folded = re.sub(r"\s*\.\.\s*", "..", folded)
    return re.sub(r"[\s-]+", "-", folded).strip("-")


# (start, end, canonical label, calendar months per unit or 0 for a run of days)
_Resolved = tuple[date, date, str, int]


def _resolve(key: str, text: str, as_of: date) -> _Resolved:
    canonical = _ALIASES.get(key)
    if canonical is not None:
        return _named(canonical, as_of)
    if match := _RELATIVE.match(key):
        return _relative(int(match["n"]), match["unit"], text, as_of)
    if match := _QUARTER.match(key):
        start = date(int(match["y"]), 3 * int(match["q"]) - 2, 1)
        return start, _add_months(start, 3), f"{start.year}-Q{match['q']}", 3
    if match := _MONTH.match(key):
        start = _safe_date(text, int(match["y"]), int(match["m"]), 1)
        return start, _add_months(start, 1), f"{start.year}-{start.month:02d}", 1
    if match := _YEAR.match(key):
        start = _safe_date(text, int(match["y"]), 1, 1)
        return start, date(start.year + 1, 1, 1), str(start.year), 12
    if match := _RANGE.match(key):
        first, last = _iso(text, match["a"]), _iso(text, match["b"])
        if last < first:
            raise PeriodError(text, f"`{text}` ends before it starts.", f"{last}..{first}")
        return first, last + timedelta(days=1), f"{first}..{last}", 0  # typed ranges include their last day
    if match := _SINGLE_DAY.match(key):
        day = _iso(text, match["a"])
        return day, day + timedelta(days=1), day.isoformat(), 0
    raise PeriodError(text, f"`{text}` is not a period I know.", _suggest(key))


def _named(canonical: str, as_of: date) -> _Resolved:
    tomorrow = as_of + timedelta(days=1)
    month_start = as_of.replace(day=1)
    quarter_start = date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    ranges = {
        "today": (as_of, tomorrow, 0),
        "yesterday": (as_of - timedelta(days=1), as_of, 0),
        "mtd": (month_start, tomorrow, 1),
        "qtd": (quarter_start, tomorrow, 3),
        "ytd": (date(as_of.year, 1, 1), tomorrow, 12),
        "last-month": (_add_months(month_start, -1), month_start, 1),
        "last-quarter": (_add_months(quarter_start, -3), quarter_start, 3),
        "last-year": (date(as_of.year - 1, 1, 1), date(as_of.year, 1, 1), 12),
    }
    start, end, unit_months = ranges[canonical]
    return start, end, canonical, unit_months


def _relative(n: int, unit_word: str, text: str, as_of: date) -> _Resolved:
    unit = _UNIT_WORDS.get(unit_word)
    if unit is None:
        raise PeriodError(text, f"`{unit_word}` is not a unit: use d (days), w (weeks) or m (months).",
                          f"last-{n}d")
    if n == 0:
        raise PeriodError(text, "A period needs at least one day.", "last-1d")
    if unit == "m":  # whole calendar months before the current one
        end = as_of.replace(day=1)
        return _add_months(end, -n), end, f"last-{n}m", n
    days = n * (7 if unit == "w" else 1)
    if days > MAX_DAYS:
        raise PeriodError(text, f"`{text}` spans more than {MAX_DAYS} days; Cost Explorer keeps at most 38 months.")
    return as_of - timedelta(days=days), as_of, f"last-{n}{unit}", 0


def _comparison(start: date, end: date, unit_months: int, as_of: date) -> Period:
    """The equal-length window just before.

    Calendar units (a month, a quarter, mtd…) compare with the previous unit; a unit still under
    way compares with the same number of days at the start of the previous one (mtd vs the same
    days of last month), never more than that whole unit.
    """
    if unit_months:
        previous_start = _add_months(start, -unit_months)
        previous_end = min(previous_start + (end - start), start)
        if end.day == 1 and start.day == 1 and end == _add_months(start, unit_months):
            previous_end = start
        return Period(previous_start, previous_end, "comparison", as_of)
    return Period(start - (end - start), start, "comparison", as_of)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise PeriodError(text, f"`{text}` is not a real date ({exc}).") from exc


def _iso(text: str, value: str) -> date:
    year, month, day = (int(part) for part in value.split("-"))
    return _safe_date(text, year, month, day)


def _suggest(key: str) -> str | None:
    digits = re.search(r"\d+", key)
    if digits and not re.match(r"^\d{4}", key):  # "last30", "ultimos 30 dias", "30" → a relative form
        return f"last-{digits.group()}d"
    options = [*_ALIASES, "last-7d", "last-30d", "last-90d"]
    close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
    return close[0] if close else "last-30d"
