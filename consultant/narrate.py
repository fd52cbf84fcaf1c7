"""Offline narratives: a persona summary written from the facts by a template, no model involved."""

from __future__ import annotations

from datetime import date, timedelta

from analysis.domain.basis import Metric
from consultant.facts import Facts
from consultant.personas import Persona
from consultant.templates import render
from consultant.wording import Wording


def narrative(facts: Facts, persona: Persona, language: str) -> str:
    return render(f"narratives/{language}/{persona.value}.j2", **template_context(facts, language))


def template_context(facts: Facts, language: str) -> dict[str, object]:
    return {
        "f": facts,
        "w": Wording(language),
        "ce_metric": Metric(facts.metric).ce_metric,
        "next_day": _next_day,
    }


def _next_day(day: date) -> date:
    return day + timedelta(days=1)
