"""Follow-ups in a thread ("and last month?", "only prod?", "by account?") as a new request for data.

The bot runs the returned scope through the analysis and answers from that report. A follow-up can
narrow or move the scope, never widen it past the accounts the channel may see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from analysis.domain.period import PeriodError, parse_period
from consultant.errors import ScopeDeniedError
from consultant.intents import fold
from consultant.ports import ReportRef

# Words that name an environment, and the account-name segments that belong to it.
ENVIRONMENTS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "prod": ((r"\bprod\b", r"\bproduction\b", r"\bproducao\b"), frozenset({"prod", "production", "prd"})),
    "staging": ((r"\bstag(e|ing)\b", r"\bhomolog", r"\bhml\b"), frozenset({"staging", "stage", "stg", "hml"})),
    "dev": ((r"\bdev\b", r"\bdevelopment\b", r"\bdesenvolvimento\b"), frozenset({"dev", "development", "develop"})),
    "sandbox": ((r"\bsandbox",), frozenset({"sandbox", "sbx"})),
}
_ALL_ACCOUNTS = (r"\b(all|every|each)\b.*\baccounts?\b", r"\bwhole (org|organi[sz]ation)\b", r"\btodas?\b.*\bcontas?\b",
                 r"\borgani[sz]acao (inteira|toda)\b")
_PREVIOUS_PERIOD = (r"\bprevious period\b", r"\bperiod before\b", r"\bperiodo anterior\b", r"\bantes disso\b")
_GROUP_BY = (
    (r"\b(by|per) accounts?\b|\bpor conta", "account"),
    (r"\b(by|per) regions?\b|\bpor regiao", "region"),
    (r"\b(by|per) services?\b|\bpor servico", "service"),
)
_TAG = re.compile(r"\b(?:by|per|por) tag:?\s*(?P<key>[\w:.-]+)")
_ACCOUNT_ID = re.compile(r"(?<!\d)\d{12}(?!\d)")
_RANGE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s*\.\.\s*\d{4}-\d{1,2}-\d{1,2}")


@dataclass(frozen=True, slots=True)
class Scope:
    period: str  # text parse_period understands
    accounts: tuple[str, ...] | None  # None: every account the channel may see (and the channel may see all)
    group_by: str
    changed: bool  # False: the thread's current report already answers the follow-up


def resolve_follow_up(
    question: str, current: ReportRef, *, allowed_accounts: frozenset[str] | None,
    account_names: Mapping[str, str], as_of: date | None = None,
) -> Scope:
    """`allowed_accounts` is what the channel may see (None: everything); `account_names` maps the
    ids the asker may know about to their names."""
    text = fold(question)
    today = as_of or current.as_of
    period = find_period(text, today) or _previous_period(text, current) or current.period
    accounts = _accounts(text, current, allowed_accounts, account_names)
    group_by = _group_by(text) or current.group_by
    changed = (period, accounts, group_by) != (current.period, _clamp(current.accounts, allowed_accounts),
                                               current.group_by)
    return Scope(period, accounts, group_by, changed)


def find_period(text: str, as_of: date) -> str | None:
    """The longest run of words that is a period: "last month", "últimos 7 dias", "2026-10", "ytd"…"""
    if match := _RANGE.search(text):
        return match.group().replace(" ", "")
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            candidate = "-".join(words[start:start + size])
            if size == 1 and candidate.isdigit() and len(candidate) != 4:
                continue  # "30" or "5" alone is a count, not a period
            try:
                parse_period(candidate, as_of)
            except PeriodError:
                continue
            return candidate
    return None


def _previous_period(text: str, current: ReportRef) -> str | None:
    if not any(re.search(p, text) for p in _PREVIOUS_PERIOD):
        return None
    comparison = parse_period(current.period, current.as_of).comparison
    return f"{comparison.start}..{comparison.last_day}" if comparison else None


def _accounts(
    text: str, current: ReportRef, allowed: frozenset[str] | None, names: Mapping[str, str]
) -> tuple[str, ...] | None:
    for account_id in _ACCOUNT_ID.findall(text):
        if allowed is not None and account_id not in allowed:
            raise ScopeDeniedError(f"account {account_id} is not visible in this channel")
    visible = {k: v for k, v in names.items() if allowed is None or k in allowed}
    named = [k for k, v in visible.items() if _mentions(text, k) or _mentions(text, fold(v))]
    if named:
        return tuple(sorted(named))
    if any(re.search(p, text) for p in _ALL_ACCOUNTS):
        return _clamp(None, allowed)
    for patterns, segments in ENVIRONMENTS.values():
        if any(re.search(p, text) for p in patterns):
            in_scope = {k: v for k, v in visible.items() if current.accounts is None or k in current.accounts}
            picked = _by_segment(in_scope, segments) or _by_segment(visible, segments)
            if picked:
                return picked
    return _clamp(current.accounts, allowed)


def _by_segment(names: Mapping[str, str], segments: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(k for k, v in names.items() if segments & set(re.split(r"[^a-z0-9]+", fold(v)))))


def _mentions(text: str, needle: str) -> bool:
    return len(needle) > 2 and re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", text) is not None


def _clamp(accounts: tuple[str, ...] | None, allowed: frozenset[str] | None) -> tuple[str, ...] | None:
    """Never more than the channel may see: None (everything) becomes the allowed set."""
    if allowed is None:
        return accounts
    if accounts is None:
        return tuple(sorted(allowed))
    return tuple(sorted(set(accounts) & allowed))


def _group_by(text: str) -> str | None:
    if match := _TAG.search(text):
        return f"tag:{match['key']}"
    return next((dimension for pattern, dimension in _GROUP_BY if re.search(pattern, text)), None)
