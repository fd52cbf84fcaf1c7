"""The acknowledgement: what the bot understood, in words, before it starts working."""

from __future__ import annotations

from datetime import date

from analysis.domain.costs import GroupBy
from analysis.domain.period import parse_period
from bot.commands import Command
from bot.i18n import Formatter


def describe_query(query: object, fmt: Formatter, today: date, *, period: bool = True) -> str:
    from bot.grammar.query import Query

    assert isinstance(query, Query)
    t = fmt.t
    group = GroupBy.parse(query.group_by)
    parts = [fmt.period(parse_period(query.period, today)),
             t("describe.by", dimension=t(f"dimension.{group.dimension.value}", key=group.key or "")),
             t("describe.basis", basis=t(f"basis.{query.metric.value}")),
             t("describe.credits_in" if query.credits_included else "describe.credits_out")]
    if not period:  # forecast, waste, commitments: their own horizon, no breakdown
        parts = parts[2:]
    if not query.tax_included:
        parts.append(t("describe.tax_out"))
    if query.accounts:
        parts.append(t("describe.accounts", accounts=", ".join(query.accounts)))
    return " · ".join(parts)


def understood(command: Command, fmt: Formatter, today: date) -> str:
    t = fmt.t
    query = getattr(command, "query", None)
    from bot.grammar.costs import NO_PERIOD

    details = describe_query(query, fmt, today, period=command.name not in NO_PERIOD) if query is not None else ""
    if command.name == "report":
        return t("ack.report", persona=t(f"persona.{getattr(command, 'persona', '')}"), details=details)
    if command.name == "ask":
        return t("ack.ask", question=getattr(command, "question", "")[:200])
    if query is not None:
        what = t(f"command.{command.name}") if t.has(f"command.{command.name}") else command.name
        return t("ack.query", what=what, details=details)
    return t("ack.generic", command=f"/finops {command.text}")
