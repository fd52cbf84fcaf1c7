"""`report PERSONA [PERIOD…]` and `ask QUESTION`: the consultant's words, on top of a costs answer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import Choice, Command, CommandSpec, Option, ParseContext, ParseResult, Usage
from bot.grammar.query import Query, parse_query
from consultant.errors import UnknownPersonaError
from consultant.personas import Persona

PERSONAS = tuple(p.value for p in Persona)


@dataclass(frozen=True)
class ReportCommand(Command):
    persona: str
    query: Query


@dataclass(frozen=True)
class AskCommand(Command):
    question: str


def parse_persona(word: str) -> str | None:
    try:
        return Persona.parse(word).value
    except UnknownPersonaError:
        return None


def _report(words: list[str], ctx: ParseContext) -> ParseResult:
    persona = parse_persona(words[0]) if words else None
    rest = words[1:] if persona else words
    query = parse_query(rest, ctx)
    if isinstance(query, Usage) and persona is None and query.message_id == "usage.bad_period":
        # "report ctoo": a persona misspelt rather than a period; ask which persona, keep the rest
        tail = parse_query(words[1:], ctx)
        tail_words = f" {tail.words()}" if isinstance(tail, Query) else ""
        return Choice("choice.persona_unknown", tuple(Option(f"persona.{p}", run=f"report {p}{tail_words}")
                                                      for p in PERSONAS), {"word": words[0]})
    if not isinstance(query, Query):
        return query
    if persona is None:  # which audience? ask instead of picking one
        rest_words = f" {query.words()}"
        return Choice("choice.persona", tuple(Option(f"persona.{p}", run=f"report {p}{rest_words}")
                                              for p in PERSONAS))
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
