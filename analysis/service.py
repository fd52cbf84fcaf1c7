"""The use case every entry point calls: answer a cost question from a fresh report, or run the pipeline."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from analysis.domain.report import CostReport
from analysis.domain.report_json import report_from_json
from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.progress import ProgressEvent, ProgressListener, ignore_progress
from analysis.ports import StateStore

DEFAULT_FRESHNESS = timedelta(hours=6)  # Cost Explorer refreshes its data up to three times a day


class PipelineRunner(Protocol):
    name: str

    def run(self, job_id: str, request: AnalysisRequest, progress: ProgressListener = ...) -> str | None:
        """Return the report key when done, or None when the pipeline finishes asynchronously."""
        ...


class CostAnalysis:
    def __init__(
        self, state: StateStore, pipeline: PipelineRunner, *, freshness: timedelta = DEFAULT_FRESHNESS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.state = state
        self.pipeline = pipeline
        self.freshness = freshness
        self.clock = clock

    def job_id(self, request: AnalysisRequest) -> str:
        """Same question in the same freshness window → same job: retries and double clicks collapse."""
        window = int(self.clock().timestamp() // self.freshness.total_seconds())
        return f"{request.query_key}-{window}"

    def fresh_report(self, request: AnalysisRequest) -> CostReport | None:
        raw = self.state.get(_latest_key(request))
        if raw is None:
            return None
        pointer = json.loads(raw)
        if self.clock() - datetime.fromisoformat(pointer["stored_at"]) > self.freshness:
            return None
        report = self.state.get(pointer["report_key"])
        return report_from_json(report) if report else None

    def answer(self, request: AnalysisRequest, progress: ProgressListener = ignore_progress) -> CostReport | None:
        """The report, or None when the pipeline runs asynchronously and will notify on its own."""
        cached = self.fresh_report(request)
        if cached is not None:
            progress(ProgressEvent("cached", 1, 1))
            return cached
        report_key = self.pipeline.run(self.job_id(request), request, progress)
        if report_key is None:
            return None
        return self.remember(request, report_key)

    def remember(self, request: AnalysisRequest, report_key: str) -> CostReport:
        raw = self.state.get(report_key)
        if raw is None:
            raise LookupError(f"pipeline finished without a report at {report_key}")
        report = report_from_json(raw)
        if not report.partial:  # a partial report is shown once, never served again as fresh
            pointer = {"report_key": report_key, "stored_at": self.clock().isoformat()}
            self.state.put(_latest_key(request), json.dumps(pointer).encode())
        return report


def _latest_key(request: AnalysisRequest) -> str:
    return f"reports/latest/{request.query_key}.json"
