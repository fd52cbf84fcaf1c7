"""Figures in AI text are checked against the report; the offline text passes the same check."""

from __future__ import annotations

import logging

import pytest

from analysis.domain.report import CostReport
from consultant.adapters.offline import OfflineAssistant
from consultant.facts import build_facts
from consultant.grounding import KnownFigures, check_text, grounded
from consultant.personas import Persona
from consultant.ports import ReplyInfo


def test_a_figure_not_in_the_report_is_marked_and_the_real_ones_are_not(report: CostReport) -> None:
    known = KnownFigures.of(build_facts(report))
    total = report.total.format("en")
    checked = check_text(f"We spent {total}, and US$ 12,345 on lunch.", known, "en")
    assert checked.text == f"We spent {total}, and US$ 12,345 (⚠ unverified) on lunch."
    assert checked.unverified == ["US$ 12,345"]


def test_rounded_figures_verify_within_the_precision_they_were_written_with(report: CostReport) -> None:
    known = KnownFigures.of(build_facts(report))
    thousands = int(report.total.amount // 1000)
    assert check_text(f"About US$ {thousands}k this month, up {report.delta_pct:.0f}%.", known, "en").unverified == []
    assert check_text(f"About US$ {thousands + 5}k this month.", known, "en").unverified == [f"US$ {thousands + 5}k"]


def test_portuguese_figures_are_checked_in_portuguese_format(report: CostReport) -> None:
    known = KnownFigures.of(build_facts(report))
    good = check_text(f"Gastamos {report.total.format('pt-BR')}.", known, "pt-BR")
    bad = check_text("Gastamos US$ 12.345,00.", known, "pt-BR")
    assert good.unverified == [] and bad.text == "Gastamos US$ 12.345,00 (⚠ não verificado)."


def test_drop_policy_leaves_out_the_sentence_and_says_so(report: CostReport) -> None:
    facts = build_facts(report)
    info = ReplyInfo("fake")
    total = report.total.format("en")
    text = "".join(grounded([f"Total {total}. ", "Lunch was US$ 12", ",345. Fine."], facts, "en", info, "drop"))
    assert text.startswith(f"Total {total}. Fine.")
    assert "1 sentence(s) left out" in text and "12,345" not in text
    assert (info.unverified_figures, info.dropped_sentences) == (["US$ 12,345"], 1)


def test_unverified_figures_are_counted_in_the_logs(report: CostReport, caplog: pytest.LogCaptureFixture) -> None:
    info = ReplyInfo("fake")
    with caplog.at_level(logging.WARNING, logger="consultant.grounding"):
        "".join(grounded(["US$ 12,345 and 314.1%."], build_facts(report), "en", info))
    assert "unverified figures in fake reply: 2" in caplog.text


@pytest.mark.parametrize("language", ["en", "pt-BR"])
def test_every_figure_the_offline_backend_writes_is_in_the_report(
    report: CostReport, catalog: object, language: str
) -> None:
    assistant = OfflineAssistant(glossary=catalog)  # type: ignore[arg-type]
    known = KnownFigures.of(build_facts(report, glossary=catalog))  # type: ignore[arg-type]
    texts = [assistant.summarise(report, p, language).text() for p in Persona]
    texts += [assistant.answer(q, report, [], language).text() for q in (
        "how much did we spend?", "top services", "why did costs go up?", "forecast", "where can we save?",
        "compare periods", "which account?", "any anomalies?", "which day was most expensive?", "what is S3?")]
    for text in texts:
        assert check_text(text, known, language).unverified == [], text
