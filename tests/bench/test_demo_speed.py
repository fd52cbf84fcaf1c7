"""How fast the demo answers, cold and from a fresh report, measured side by side in one run."""

from __future__ import annotations

import statistics
import time
from datetime import date

from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.service import CostAnalysis
from analysis.sources.demo import DemoCostSource
from analysis.state import MemoryStateStore
from bot.render.cost_view import build_cost_view
from bot.render.names import service_label
from bot.render.text import render_text

RUNS = 7


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def test_demo_cold_vs_cached_answer():
    request = AnalysisRequest(period="last-30d", as_of=date(2026, 11, 25))
    cold, cached, render = [], [], []
    for _ in range(RUNS):
        state = MemoryStateStore()
        analysis = CostAnalysis(state, LocalPipeline(state, DemoCostSource()))
        cold.append(_timed(lambda a=analysis: a.answer(request)))
        cached.append(_timed(lambda a=analysis: a.answer(request)))
        report = analysis.answer(request)
        render.append(_timed(lambda r=report: render_text(build_cost_view(r, "en", service_label=service_label))))
    c, w, r = (statistics.median(x) for x in (cold, cached, render))
    print(f"\n[demo] costs last-30d, median of {RUNS}: cold {c * 1000:.1f} ms · from fresh report {w * 1000:.1f} ms"
          f" · render {r * 1000:.1f} ms · cold/cached ratio {c / w:.1f}×")
    assert w < c  # a fresh report must be cheaper than recomputing it
