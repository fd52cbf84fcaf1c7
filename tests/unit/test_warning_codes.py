"""Warnings a source raises as codes are shown in the reader's language; free text passes through."""

from __future__ import annotations

from datetime import date

from analysis.domain.accounts import ORGANIZATIONS_UNAVAILABLE
from analysis.domain.report import build_report
from analysis.pipeline.contracts import AnalysisRequest
from analysis.sources.demo import DemoCostSource
from bot.render.cost_view import build_cost_view


def _report(warnings: list[str]):  # type: ignore[no-untyped-def]
    query = AnalysisRequest(period="last-7d", as_of=date(2026, 11, 15)).query()
    data = DemoCostSource().fetch_costs(query)
    data.warnings = warnings
    return build_report(data, query.period, query.basis)


def test_a_warning_code_reads_in_portuguese_and_english() -> None:
    report = _report([ORGANIZATIONS_UNAVAILABLE, "a note a source wrote in words"])
    pt = build_cost_view(report, "pt-BR").notes
    en = build_cost_view(report, "en").notes
    assert any("não é a conta de gerenciamento" in note for note in pt)
    assert any("not the organization's management account" in note for note in en)
    assert any(note.endswith("a note a source wrote in words") for note in pt)
    assert not any(ORGANIZATIONS_UNAVAILABLE in note for note in pt + en)
