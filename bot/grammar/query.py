"""What to analyse: `[PERIOD] [by DIM] [basis METRIC] [credits include|exclude] [tax …] [accounts ID,…]`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.domain.basis import BasisError, Metric
from analysis.domain.costs import GroupBy, GroupByError
from analysis.domain.period import PeriodError, parse_period
from bot.commands import Choice, Option, ParseContext, Usage, fold

DEFAULT_PERIOD = "last-30d"

_BY = {"by", "por", "per"}
_BASIS = {"basis", "base", "metric", "metrica"}
_CREDITS = {"credits", "credit", "creditos", "credito"}
_TAX = {"tax", "taxes", "imposto", "impostos"}
_ACCOUNTS = {"accounts", "account", "contas", "conta"}
_INCLUDE = {"include", "included", "in", "yes", "with", "on", "incluir", "incluidos", "incluido", "sim", "com"}
_EXCLUDE = {"exclude", "excluded", "out", "no", "without", "off", "excluir", "excluidos", "excluido", "nao", "sem"}
_KEYED = {"tag", "cost-category", "category"}
_ACCOUNT_ID = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class Query:
    period: str = DEFAULT_PERIOD  # a label parse_period understands
    group_by: str = "service"
    metric: Metric = Metric.AMORTIZED
    credits_included: bool = False
    tax_included: bool = True
    accounts: tuple[str, ...] | None = None  # what the asker narrowed to; the channel's scope still applies

    def words(self) -> str:
        """The query as command text, defaults left out: `last-7d by account basis unblended`."""
        parts = [self.period]
        if self.group_by != "service":
            parts += ["by", self.group_by]
        if self.metric != Metric.AMORTIZED:
            parts += ["basis", self.metric.value]
        if self.credits_included:
            parts += ["credits", "include"]
        if not self.tax_included:
            parts += ["tax", "exclude"]
        if self.accounts:
            parts += ["accounts", ",".join(self.accounts)]
        return " ".join(parts)

    def with_period(self, period: str) -> Query:
        return replace(self, period=period)


def parse_query(words: list[str], ctx: ParseContext) -> Query | Usage | Choice:
    """Keywords in any order; the words that are not keywords form the period.

    A keyword without its value is asked about with buttons, once the rest is known to be valid."""
    found: dict[str, object] = {}
    period_words: list[str] = []
    pending: Choice | None = None
    i = 0
    while i < len(words):
        key = fold(words[i])
        if key not in _BY | _BASIS | _CREDITS | _TAX | _ACCOUNTS:
            period_words.append(words[i])
            i += 1
            continue
        value = words[i + 1] if i + 1 < len(words) else None
        step = 2
        if key in _BY and value and fold(value) in _KEYED and i + 2 < len(words):  # "by tag team"
            value, step = f"{value}:{words[i + 2]}", 3
        if key in _CREDITS | _TAX and (value is None or fold(value) not in _INCLUDE | _EXCLUDE):
            value, step = None, 1
        if value is None and key in _ACCOUNTS:
            return Usage("usage.bad_accounts", {"value": ""}, ctx.name)
        if value is None:
            pending = pending or _missing(key, words, i, ctx)
            i += 1
            continue
        outcome = _modifier(key, value, words, i, ctx)
        if isinstance(outcome, Usage):
            return outcome
        found.update(outcome)
        i += step
    query = _with_period(" ".join(period_words), found, ctx)
    return pending if pending is not None and isinstance(query, Query) else query


def _missing(key: str, words: list[str], i: int, ctx: ParseContext) -> Choice:
    """Which value? One button per value, each running the whole command with it filled in."""
    values: tuple[str, ...]
    if key in _BY:
        question, values = "choice.by", ("service", "account", "region")
    elif key in _BASIS:
        question, values = "choice.basis", tuple(m.value for m in Metric)
    else:
        question, values = "choice.include", ("include", "exclude")
    before, after = " ".join([ctx.name, *words[:i + 1]]), " ".join(words[i + 1:])
    return Choice(question, tuple(Option("choice.value", run=f"{before} {v} {after}".strip(), values={"value": v})
                                  for v in values))


def _modifier(key: str, value: str, words: list[str], i: int, ctx: ParseContext) -> dict[str, object] | Usage:
    rerun = " ".join([ctx.name, *words[:i], words[i]])
    if key in _BY:
        try:
            return {"group_by": str(GroupBy.parse(value))}
        except GroupByError:
            return Usage("usage.bad_group_by", {"value": value}, ctx.name,
                         suggestions=tuple(f"{rerun} {d}" for d in ("service", "account", "region")))
    if key in _BASIS:
        try:
            return {"metric": Metric.parse(value)}
        except BasisError as exc:
            close = re.search(r"`([a-z-]+)`\?", str(exc))
            fixes = (f"{rerun} {close.group(1)}",) if close else ()
            return Usage("usage.bad_basis", {"value": value}, ctx.name, suggestions=fixes)
    if key in _ACCOUNTS:
        ids = tuple(a for a in value.replace(";", ",").split(",") if a)
        if not ids or not all(_ACCOUNT_ID.match(a) for a in ids):
            return Usage("usage.bad_accounts", {"value": value}, ctx.name)
        return {"accounts": tuple(sorted(set(ids)))}
    flag = "credits_included" if key in _CREDITS else "tax_included"
    return {flag: fold(value) in _INCLUDE}


def _with_period(text: str, found: dict[str, object], ctx: ParseContext) -> Query | Usage | Choice:
    base = Query(**found)  # type: ignore[arg-type]
    if not text:
        return base
    if text.isascii() and text.isdigit():  # "costs 30": 30 days, weeks or months? ask
        n = int(text)
        options = tuple(
            Option(f"choice.last_{unit}", run=f"{ctx.name} {base.with_period(f'last-{n}{unit[0]}').words()}",
                   values={"n": str(n)})
            for unit in ("days", "weeks", "months") if _valid(f"last-{n}{unit[0]}", ctx)
        )
        if options:
            return Choice("choice.number_period", options, {"n": text})
    try:
        period = parse_period(text, ctx.today)
    except PeriodError as exc:
        rest = Query(**found).words().split(" ", 1)  # type: ignore[arg-type]
        tail = f" {rest[1]}" if len(rest) > 1 else ""
        fixes = (f"{ctx.name} {exc.suggestion}{tail}",) if exc.suggestion and _valid(exc.suggestion, ctx) else ()
        return Usage("usage.bad_period", {"value": text}, ctx.name, suggestions=fixes)
    return replace(base, period=period.label)


def _valid(period: str, ctx: ParseContext) -> bool:
    try:
        parse_period(period, ctx.today)
    except PeriodError:
        return False
    return True
