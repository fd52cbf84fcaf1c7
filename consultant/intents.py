"""What a question asks for, read by rules (data, not code paths): the offline backend's understanding.

Each rule names a question kind and the phrases, in English and Portuguese, that signal it; the first
rule that matches wins. Entities (a service, an account) come from the report itself, so a question
can only ever point at data the report holds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from consultant.facts import Facts, ItemFact
from consultant.ports import ServiceGlossary, ServiceInfo


class Intent(StrEnum):
    WHAT_IS = "what_is"
    WHY = "why"
    FORECAST = "forecast"
    SAVINGS = "savings"
    PEAK_DAY = "peak_day"
    ANOMALIES = "anomalies"
    NEW_GONE = "new_gone"
    ACCOUNTS = "accounts"
    TOP = "top"
    COMPARE = "compare"
    SPEND = "spend"
    HELP = "help"


@dataclass(frozen=True, slots=True)
class Rule:
    intent: Intent
    patterns: tuple[str, ...]
    needs_service: bool = False
    unless: tuple[str, ...] = ()


_COST_WORDS = (r"\bcost", r"\bspen[dt]", r"\bcusto", r"\bgast", r"\bquanto", r"\bhow much")

RULES: tuple[Rule, ...] = (
    Rule(Intent.WHAT_IS,
         (r"\bwhat (is|are|does)\b", r"\bwhat'?s\b", r"\bexplain\b",
          r"\bo que (e|eh|faz|sao)\b", r"\bpara que serve", r"\bexplique\b", r"\bque servico e\b"),
         needs_service=True, unless=_COST_WORDS),
    Rule(Intent.WHY,
         (r"\bwhy\b", r"\bwhat (caused|drove|explains)\b", r"\bdrivers?\b",
          r"\bpor ?que\b", r"\bmotivo\b", r"\bcausa", r"\bexplica")),
    Rule(Intent.FORECAST,
         (r"forecast", r"\bproject", r"end of (the )?(month|quarter|year)", r"\bwill (we )?(spend|pay|cost)",
          r"\bnext (month|30 days|quarter)", r"run.?rate",
          r"\bprevis", r"\bproje", r"fim do (mes|ano|trimestre)", r"\bvamos (gastar|pagar)",
          r"\bproximo (mes|trimestre)")),
    Rule(Intent.SAVINGS,
         (r"\bsav(e|es|ing|ings)\b", r"\breduc", r"\bcut\b", r"\bwaste", r"\boptimi[sz]", r"\bcheaper",
          r"\beconom", r"\breduz", r"\bcortar", r"\bdesperdic", r"\botimiz", r"\bmais barato")),
    Rule(Intent.PEAK_DAY,
         (r"(most expensive|busiest|peak|highest|worst) day", r"\bwhich day\b",
          r"dia mais caro", r"\bqual (foi o )?dia\b", r"dia de pico", r"dia com (maior|mais)")),
    Rule(Intent.ANOMALIES,
         (r"anomal", r"\bspikes?\b", r"\bunusual", r"\bweird", r"\bstrange", r"\bsurpris",
          r"\bpicos?\b", r"\bincomu", r"\bestranh", r"\bfora do normal")),
    Rule(Intent.NEW_GONE,
         (r"\bnew services?\b", r"\bappear", r"\bstopp?ed\b", r"\bdisappear", r"\bvanish", r"\bno longer",
          r"servicos? novos?", r"novos? servicos?", r"\baparec", r"\bsumi", r"\bdeixou de", r"\bsairam\b")),
    Rule(Intent.ACCOUNTS, (r"\baccounts?\b", r"\bwhich team", r"\bcontas?\b", r"\bqual time\b")),
    Rule(Intent.TOP,
         (r"\btop\b", r"\bbiggest\b", r"\blargest\b", r"\bmost expensive\b", r"\bcosts? the most\b",
          r"\bmain services\b", r"\bbreakdown\b",
          r"\bmaior(es)?\b", r"\bmais caros?\b", r"\bprincipais\b", r"\bpesam mais\b")),
    Rule(Intent.COMPARE,
         (r"\bcompar", r"\bvs\.?\b", r"\bversus\b", r"\bprevious (period|month|30 days)", r"\bthan before\b",
          r"\bchanged?\b", r"\bgo(ne)? (up|down)\b", r"\bwent (up|down)\b", r"\bincrease", r"\bdecrease",
          r"\banterior\b", r"\bem relacao\b", r"\bmudou\b", r"\bvariacao\b", r"\bsubiu\b", r"\bcaiu\b",
          r"\baument", r"\bdiminu")),
    Rule(Intent.SPEND,
         (r"\bhow much\b", r"\bspen[dt]", r"\btotal\b", r"\bcosts?\b", r"\bbill\b",
          r"\bquanto\b", r"\bgast", r"\bcusto", r"\bfatura")),
)


@dataclass(frozen=True, slots=True)
class Reading:
    """A question as the offline backend understood it."""

    intent: Intent
    service: ItemFact | None = None  # a service of the report the question names
    service_info: ServiceInfo | None = None  # what the glossary knows about a named service, billed or not
    account: ItemFact | None = None


def fold(text: str) -> str:
    """Lower case without accents, so `serviço`, `Servico` and `SERVIÇO` read the same."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def read_question(question: str, facts: Facts, glossary: ServiceGlossary | None = None) -> Reading:
    text = fold(question)
    service = _named(text, facts.services)
    info = _glossary_match(*_subject(text), glossary) if service is None else None
    if glossary is not None and service is not None:
        info = glossary.entry(service.key)
    account = _named(text, facts.accounts)
    for rule in RULES:
        if rule.needs_service and service is None and info is None:
            continue
        if any(re.search(p, text) for p in rule.unless):
            continue
        if any(re.search(p, text) for p in rule.patterns):
            return Reading(rule.intent, service, info, account)
    return Reading(Intent.HELP, service, info, account)


def _named(text: str, items: tuple[ItemFact, ...]) -> ItemFact | None:
    """The item whose name (or id) the text mentions; the longest name wins (EC2-Other over EC2)."""
    best: tuple[int, ItemFact] | None = None
    for item in items:
        for name in {item.name, item.key}:
            needle = fold(name)
            if len(needle) < 2:
                continue
            if re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", text) and (
                best is None or len(needle) > best[0]
            ):
                best = (len(needle), item)
    return best[1] if best else None


_SUBJECT = re.compile(r"(?:what (?:is|are|does)|what'?s|explain|o que (?:e|eh|faz|sao)|para que serve|explique)"
                      r"\s+(?:(?P<article>the|an?|o|a|os|as)\s+)?(?P<subject>.+)$")
# "What is the forecast?" / "o que é a previsão?" ask for our forecast; "what is Forecast?" for Amazon Forecast.
_OUR_FORECAST = {("the", "forecast"), ("a", "previsao")}


def _subject(text: str) -> tuple[str, str]:
    """What a "what is X?" question asks about, and the article before it; empty for any other question."""
    match = _SUBJECT.search(text)
    return (match["subject"].strip(" ?!."), match["article"] or "") if match else ("", "")


def _glossary_match(subject: str, article: str, glossary: ServiceGlossary | None) -> ServiceInfo | None:
    """A service the report does not bill ("what is Lambda?"): the whole subject must name it, so
    "what's the forecast for next month?" is about a forecast, not Amazon Forecast."""
    if glossary is None or not subject or (article, subject) in _OUR_FORECAST:
        return None
    found = glossary.find(_TRAILING.sub("", subject))
    return found if found is not None and found.known else None


_TRAILING = re.compile(r"\s+(?:do|for|used for|service|servico|faz|serve)$")
