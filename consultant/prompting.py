"""What a model is given: a fixed system prompt per persona, the report as labelled data, and the
user's words as quoted data inside a fixed frame (so a question cannot rewrite the instructions)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from consultant.facts import Facts
from consultant.narrate import template_context
from consultant.personas import Persona
from consultant.ports import Turn
from consultant.templates import render

TOP_N = 10
MAX_QUESTION_CHARS = 2000
MAX_TURN_CHARS = 600
RECENT_TURNS = 6
AUDIENCE = {
    "en": {Persona.EXECUTIVE: "executive", Persona.CTO: "CTO", Persona.DEVOPS: "DevOps/SRE",
           Persona.ANALYST: "FinOps analyst"},
    "pt-BR": {Persona.EXECUTIVE: "executivos", Persona.CTO: "o CTO", Persona.DEVOPS: "DevOps/SRE",
              Persona.ANALYST: "o analista FinOps"},
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def system_prompt(persona: Persona | None, language: str) -> str:
    """Depends on nothing the user typed: the same persona and language give the same prompt."""
    name = persona.value if persona is not None else "answer"
    return render(f"prompts/{language}/{name}.j2")


def report_data(facts: Facts, language: str, top_n: int = TOP_N) -> str:
    return render("prompts/data.j2", top_n=top_n, **template_context(facts, language))


def summary_request(facts: Facts, persona: Persona, language: str) -> str:
    return render(f"prompts/{language}/summary_request.j2", data=report_data(facts, language),
                  audience=AUDIENCE[language][persona])


def question_request(facts: Facts, question: str, history: Sequence[Turn], language: str) -> str:
    return question_request_with_data(report_data(facts, language), question, history, language)


def question_request_with_data(data: str, question: str, history: Sequence[Turn], language: str) -> str:
    return render(f"prompts/{language}/question_request.j2", data=data, conversation=conversation_block(history),
                  question=quote(question, MAX_QUESTION_CHARS))


def conversation_block(history: Sequence[Turn]) -> str:
    lines = []
    for turn in list(history)[-RECENT_TURNS:]:
        lines.append(f"[{turn.role}]")
        lines.append(quote(turn.text, MAX_TURN_CHARS))
    return "\n".join(lines)


def quote(text: str, limit: int) -> str:
    """User text as inert data: no control characters, no tag look-alikes to break out of the frame,
    bounded in length, and every line quoted."""
    cleaned = _CONTROL.sub("", text).replace("<", "‹").replace(">", "›")
    if len(cleaned) > limit:
        cleaned = cleaned[:limit] + " …"
    return "\n".join(f"> {line}" for line in cleaned.splitlines() or [""])
