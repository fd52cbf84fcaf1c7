"""`report PERSONA [PERIOD…]` and `ask QUESTION`: the consultant's words, on top of a costs answer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import Choice, Command, CommandSpec, Option, ParseContext, ParseResult, Usage, fold
from bot.grammar.query import Query, parse_query

PERSONAS = ("executive", "cto", "devops", "analyst")
_PERSONA_WORDS = {
    "executive": "executive", "exec": "executive", "executivo": "executive", "executiva": "executive",
    "cto": "cto", "devops": "devops", "sre": "devops", "analyst": "analyst", "finops": "analyst",
    "analista": "analyst",
}


@dataclass(frozen=True)
class ReportCommand(Command):
    persona: str
    query: Query


@dataclass(frozen=True)
class AskCommand(Command):
    question: str


def parse_persona(word: str) -> str | None:
    return _PERSONA_WORDS.get(fold(word))


def _report(words: list[str], ctx: ParseContext) -> ParseResult:
    persona = parse_persona(words[0]) if words else None
    rest = words[1:] if persona else words
    query = parse_query(rest, ctx)
    if not isinstance(query, Query):
        return query
    if persona is None:  # which audience? ask instead of picking one
        tail = f" {query.words()}"
        return Choice("choice.persona", tuple(Option(f"persona.{p}", run=f"report {p}{tail}") for p in PERSONAS))
    return ReportCommand(ctx.name, f"report {persona} {query.words()}", persona, query)


def _ask(words: list[str], ctx: ParseContext) -> ParseResult:
    question = " ".join(words).strip()
    if not question:
        return Usage("usage.ask_needs_question", command=ctx.name,
                     suggestions=("ask why did costs go up?", "ask what are the top services?"))
    return AskCommand(ctx.name, f"ask {question}", question)


SPECS = (
    CommandSpec("report", ("relatorio", "summary", "resumo"), _report, "bot.usecases.report:answer_report", order=20,
                examples=("report executive", "report devops last-7d", "relatorio analista mes-passado")),
    CommandSpec("ask", ("question", "pergunta", "perguntar", "pergunte"), _ask,
                "bot.usecases.ask:answer_question", order=21,
                examples=("ask why did EC2 go up?", "pergunta quanto gastamos com S3?")),
)
