"""Commands that answer from cost data: `costs`, `top`, `anomalies`, and the analyses other modules own
(`forecast`, `waste`, `commitments`), which share the same query words."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import Choice, Command, CommandSpec, ParseContext, ParseResult, Usage
from bot.grammar.query import DEFAULT_PERIOD, Query, parse_query


@dataclass(frozen=True)
class QueryCommand(Command):
    query: Query


NO_PERIOD = ("forecast", "waste", "commitments")  # they cover their own horizon: now, this month and quarter


def _query_command(words: list[str], ctx: ParseContext) -> ParseResult:
    query = parse_query(words, ctx)
    period_trouble = (isinstance(query, Usage) and query.message_id == "usage.bad_period") or (
        isinstance(query, Choice) and query.question_id == "choice.number_period")
    if ctx.name in NO_PERIOD and period_trouble:  # words left over that can only be a period: it takes none
        return Usage("usage.no_period", {"command": ctx.name}, ctx.name, suggestions=(ctx.name,))
    if not isinstance(query, Query):
        return query
    if ctx.name in NO_PERIOD:
        rest = query.words().split(" ", 1)[1] if " " in query.words() else ""
        if query.period != DEFAULT_PERIOD:
            return Usage("usage.no_period", {"command": ctx.name}, ctx.name,
                         suggestions=(f"{ctx.name} {rest}".strip(), f"costs {query.words()}"))
        return QueryCommand(ctx.name, f"{ctx.name} {rest}".strip(), query)
    return QueryCommand(ctx.name, f"{ctx.name} {query.words()}", query)


_ANSWER = "bot.usecases.costs:answer_costs"
_INSIGHTS = "bot.usecases.insights"

SPECS = (
    CommandSpec("costs", ("cost", "custos", "custo", "gastos", "spend"), _query_command, _ANSWER, order=10,
                examples=("costs last-30d", "costs mtd by account", "custos mes-passado por regiao")),
    CommandSpec("top", ("principais", "maiores"), _query_command, _ANSWER, order=11,
                examples=("top last-7d", "top mtd by account")),
    CommandSpec("anomalies", ("anomaly", "anomalias", "anomalia", "spikes", "picos"), _query_command,
                f"{_INSIGHTS}:answer_anomalies", order=12, examples=("anomalies last-30d",)),
    CommandSpec("forecast", ("previsao", "projecao", "forecasts"), _query_command, f"{_INSIGHTS}:answer_forecast",
                order=13, examples=("forecast", "forecast accounts 600000000001")),
    CommandSpec("waste", ("desperdicio", "desperdicios", "savings", "economia"), _query_command,
                f"{_INSIGHTS}:answer_waste", order=14, examples=("waste",)),
    CommandSpec("commitments", ("commitment", "compromissos", "savings-plans", "reservas", "ri"), _query_command,
                f"{_INSIGHTS}:answer_commitments", order=15, examples=("commitments",)),
)
