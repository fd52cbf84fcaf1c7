"""Keep AI text tied to the report: every money figure and percentage it writes is checked against
the facts, within the rounding it was written with. Unverified figures are marked (or their sentence
dropped) and counted in the logs."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from consultant.facts import Facts
from consultant.figures import Figure, find_figures
from consultant.ports import ReplyInfo

log = logging.getLogger("consultant.grounding")

Policy = Literal["mark", "drop"]
MARKS = {"en": "⚠ unverified", "pt-BR": "⚠ não verificado"}
DROPPED = {
    "en": "_({n} sentence(s) left out: their figures are not in the report.)_",
    "pt-BR": "_({n} frase(s) omitida(s): os números não estão no relatório.)_",
}
CENT = Decimal("0.01")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass(frozen=True, slots=True)
class KnownFigures:
    """Every amount and percentage the report (and its insights) holds, as absolute values."""

    money: tuple[Decimal, ...]
    percent: tuple[Decimal, ...]

    @classmethod
    def of(cls, facts: Facts) -> KnownFigures:
        money: set[Decimal] = {Decimal(0), facts.total.amount, facts.comparison_total.amount, facts.delta.amount,
                               facts.daily_average.amount, facts.recent_daily_average.amount,
                               facts.run_rate_30d.amount}
        percent: set[Decimal] = set()
        for item in (*facts.services, *facts.accounts, *facts.categories):
            money.update((item.cost.amount, item.comparison.amount, item.delta.amount))
            percent.update(p for p in (item.delta_pct, item.share_pct) if p is not None)
        for anomaly in facts.anomalies:
            money.update((anomaly.expected.amount, anomaly.actual.amount, anomaly.excess.amount))
            if anomaly.excess_pct is not None:
                percent.add(anomaly.excess_pct)
        if facts.peak is not None:
            money.add(facts.peak.cost.amount)
        money.update(s.monthly.amount for s in facts.savings)
        if facts.savings_total is not None:
            money.add(facts.savings_total.amount)
        if facts.forecast is not None:
            money.update(m.amount for m in (facts.forecast.amount, facts.forecast.low, facts.forecast.high) if m)
        percent.update(p for p in (facts.delta_pct, facts.top3_share_pct) if p is not None)
        return cls(tuple(sorted({abs(m) for m in money})), tuple(sorted({abs(p) for p in percent})))

    def verifies(self, figure: Figure) -> bool:
        """Within one unit of the last digit written (`$12k` may be 11.5k–13k; `4.9%` 4.8–5.0), plus a
        cent for money, since parts are rounded so they add up to the total."""
        values = self.money if figure.kind == "money" else self.percent
        slack = figure.unit + (CENT if figure.kind == "money" else Decimal(0))
        return any(abs(value - figure.value) <= slack for value in values)


@dataclass(slots=True)
class Checked:
    text: str
    unverified: list[str] = field(default_factory=list)
    dropped: int = 0


def check_text(text: str, known: KnownFigures, language: str, policy: Policy = "mark") -> Checked:
    """Check one piece of text (a sentence, or a whole message) and mark or drop what does not verify."""
    bad = [f for f in find_figures(text, language) if not known.verifies(f)]
    if not bad:
        return Checked(text)
    if policy == "drop":
        return Checked("", [f.text for f in bad], 1)
    marked = text
    for figure in reversed(bad):
        marked = f"{marked[:figure.end]} ({MARKS[language]}){marked[figure.end:]}"
    return Checked(marked, [f.text for f in bad])


def grounded(chunks: Iterable[str], facts: Facts, language: str, info: ReplyInfo,
             policy: Policy = "mark") -> Iterator[str]:
    """Stream text sentence by sentence, each checked before it is shown. Counts land in `info`."""
    known = KnownFigures.of(facts)
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        while (match := _SENTENCE_END.search(buffer)) is not None:
            sentence, buffer = buffer[:match.end()], buffer[match.end():]
            yield from _checked(sentence, known, language, info, policy)
    if buffer:
        yield from _checked(buffer, known, language, info, policy)
    if info.dropped_sentences:
        yield "\n" + DROPPED[language].format(n=info.dropped_sentences)
    if info.unverified_figures:
        log.warning("unverified figures in %s reply: %d (%s)", info.backend, len(info.unverified_figures),
                    ", ".join(info.unverified_figures))


def _checked(sentence: str, known: KnownFigures, language: str, info: ReplyInfo, policy: Policy) -> Iterator[str]:
    result = check_text(sentence, known, language, policy)
    info.unverified_figures.extend(result.unverified)
    info.dropped_sentences += result.dropped
    if result.text:
        yield result.text
