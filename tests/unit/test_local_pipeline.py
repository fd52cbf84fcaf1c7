from datetime import UTC, date, datetime, timedelta

import pytest

from analysis.domain.costs import CostData, CostQuery
from analysis.errors import SourceAccessDeniedError, SourceThrottledError
from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.service import CostAnalysis
from analysis.sources.demo import DemoCostSource
from analysis.state import MemoryStateStore

AS_OF = date(2026, 11, 25)


class CountingSource:
    """The demo source, counting calls and failing the first `fail` of them with `error`."""

    name = "demo"

    def __init__(self, fail: int = 0, error: Exception | None = None) -> None:
        self.inner = DemoCostSource()
        self.calls = 0
        self.fail = fail
        self.error = error

    def fetch_costs(self, query: CostQuery) -> CostData:
        self.calls += 1
        if self.calls <= self.fail and self.error is not None:
            raise self.error
        return self.inner.fetch_costs(query)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def analysis_with(source, clock=None):
    state = MemoryStateStore()
    pipeline = LocalPipeline(state, source, max_wait_seconds=0.01)
    return CostAnalysis(state, pipeline, clock=clock or Clock()), state


REQUEST = AnalysisRequest(period="last-30d", as_of=AS_OF)


def test_pipeline_answers_with_the_same_figures_as_the_domain():
    analysis, _ = analysis_with(CountingSource())
    report = analysis.answer(REQUEST)
    direct = DemoCostSource().fetch_costs(REQUEST.query())
    assert report.total.amount == sum(r.amount for r in direct.records if r.start >= report.period.start)
    assert not report.partial


def test_a_repeat_inside_the_freshness_window_does_not_ask_the_source_again():
    source, clock = CountingSource(), Clock()
    analysis, _ = analysis_with(source, clock)
    first = analysis.answer(REQUEST)
    clock.now += timedelta(hours=2)
    again = analysis.answer(REQUEST)
    assert source.calls == 1
    assert again.total == first.total
    clock.now += timedelta(hours=7)  # past the 6-hour window: ask again
    analysis.answer(REQUEST)
    assert source.calls == 2


def test_progress_is_reported_batch_by_batch():
    analysis, _ = analysis_with(CountingSource())
    events = []
    analysis.answer(REQUEST, events.append)
    assert [e.stage for e in events] == ["planned", "batch_done", "aggregated"]
    events.clear()
    analysis.answer(REQUEST, events.append)
    assert [e.stage for e in events] == ["cached"]


def test_access_denied_gives_a_partial_report_that_names_what_is_missing():
    source = CountingSource(fail=99, error=SourceAccessDeniedError("ce:GetCostAndUsage denied"))
    analysis, _ = analysis_with(source)
    report = analysis.answer(REQUEST)
    assert report.partial
    assert report.missing[0].batch_id == "costs"
    assert "SourceAccessDeniedError" in report.missing[0].reason and "ce:GetCostAndUsage" in report.missing[0].reason
    assert analysis.fresh_report(REQUEST) is None  # a partial report is never served again as fresh


def test_throttling_is_retried_and_still_gives_the_right_report():
    source = CountingSource(fail=2, error=SourceThrottledError("LimitExceededException"))
    analysis, _ = analysis_with(source)
    report = analysis.answer(REQUEST)
    assert source.calls == 3
    assert not report.partial
    assert report.total == analysis_with(CountingSource())[0].answer(REQUEST).total


def test_throttling_that_never_stops_marks_the_batch_missing():
    source = CountingSource(fail=99, error=SourceThrottledError("LimitExceededException"))
    analysis, _ = analysis_with(source)
    report = analysis.answer(REQUEST)
    assert report.partial and "SourceThrottledError" in report.missing[0].reason


def test_running_the_same_job_twice_produces_one_report():
    source = CountingSource()
    state = MemoryStateStore()
    pipeline = LocalPipeline(state, source)
    first = pipeline.run("job-1", REQUEST)
    second = pipeline.run("job-1", REQUEST)
    assert first == second and source.calls == 1


def test_unexpected_errors_are_not_swallowed():
    source = CountingSource(fail=1, error=ZeroDivisionError("bug"))
    analysis, _ = analysis_with(source)
    with pytest.raises(ZeroDivisionError):
        analysis.answer(REQUEST)


def test_same_question_same_window_same_job_id():
    clock = Clock()
    analysis, _ = analysis_with(CountingSource(), clock)
    first = analysis.job_id(REQUEST)
    assert analysis.job_id(AnalysisRequest(period="last-30d", as_of=AS_OF)) == first
    assert analysis.job_id(AnalysisRequest(period="last-7d", as_of=AS_OF)) != first
    clock.now += timedelta(hours=6)
    assert analysis.job_id(REQUEST) != first
