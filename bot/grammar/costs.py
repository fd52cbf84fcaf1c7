"""Commands that answer from cost data: `costs`, `top`, `anomalies`, and the analyses other modules own
(`forecast`, `waste`, `commitments`), which share the same query words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.commands import Command, CommandSpec, ParseContext, ParseResult
from bot.grammar.query import Query, parse_query


@dataclass(frozen=True)
class QueryCommand(Command):
    query: Query


def _query_command(words: list[str], ctx: ParseContext) -> ParseResult:
    query = parse_query(words, ctx)
    if not isinstance(query, Query):
        return query
    return QueryCommand(ctx.name, f"{ctx.name} {query.words()}", query)


_ANSWER = "bot.usecases.costs:answer_costs"
# Analyses other modules deliver; until they are on this deployment the command says so, in the ack.
_NOT_YET: dict[str, Any] = {"handler": "bot.usecases.features:answer_feature", "in_ack": True, "visible": False}

SPECS = (
    CommandSpec("costs", ("cost", "custos", "custo", "gastos", "spend"), _query_command, _ANSWER, order=10,
                examples=("costs last-30d", "costs mtd by account", "custos mes-passado por regiao")),
    CommandSpec("top", ("principais", "maiores"), _query_command, _ANSWER, order=11,
                examples=("top last-7d", "top mtd by account")),
    CommandSpec("anomalies", ("anomaly", "anomalias", "anomalia", "spikes", "picos"), _query_command, _ANSWER,
                order=12, examples=("anomalies last-30d",)),
    CommandSpec("forecast", ("previsao", "projecao", "forecasts"), _query_command, order=13,
                examples=("forecast mtd",), **_NOT_YET),
    CommandSpec("waste", ("desperdicio", "desperdicios", "savings", "economia"), _query_command, order=14,
                examples=("waste",), **_NOT_YET),
    CommandSpec("commitments", ("commitment", "compromissos", "savings-plans", "reservas", "ri"), _query_command,
                order=15, examples=("commitments",), **_NOT_YET),
)
