"""The pipeline in-process: the same mapper, worker and aggregator functions the Lambda handlers call,
with threads for the Map state and tenacity for its Retry/Catch."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed

from analysis.errors import AnalysisError, SourceThrottledError
from analysis.pipeline.aggregator import run_aggregator
from analysis.pipeline.contracts import AnalysisRequest, BatchOutcome, BatchSpec
from analysis.pipeline.kinds import CostWork, WorkKinds, report_key
from analysis.pipeline.mapper import load_plan, run_mapper
from analysis.pipeline.progress import ProgressEvent, ProgressListener, Stage, ignore_progress
from analysis.pipeline.worker import record_batch_failure, run_worker
from analysis.ports import CostSource, StateStore
from analysis.resilience import CircuitBreakers, throttling_retry


class LocalPipeline:
    name = "local"

    def __init__(
        self, state: StateStore, costs: CostSource | None = None, *, kinds: WorkKinds | None = None,
        max_workers: int = 4, attempts: int = 4, max_wait_seconds: float = 8.0,
        breakers: CircuitBreakers | None = None, sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if kinds is None:
            if costs is None:
                raise ValueError("LocalPipeline needs a cost source or the work kinds")
            kinds = {"costs": CostWork(costs)}
        self.state = state
        self.kinds = kinds
        self.max_workers = max_workers
        self.breakers = breakers or CircuitBreakers(state)
        # the policy the state machine's Retry applies to SourceThrottledError: full jitter, capped
        self._retrying = throttling_retry(attempts=attempts, max_wait=max_wait_seconds, sleep=sleep,
                                          retry_on=lambda exc: isinstance(exc, SourceThrottledError))

    def run(self, job_id: str, request: AnalysisRequest, progress: ProgressListener = ignore_progress) -> str:
        """Runs the job to the end and returns the report key. Re-running a finished job does nothing."""
        plan_output = run_mapper(job_id, request, self.state, self.kinds)
        key = report_key(job_id, request, self.kinds)
        if self.state.get(key) is not None:
            return key
        plan = load_plan(job_id, self.state)
        total = plan_output.batch_count
        progress(ProgressEvent("planned", 0, total))
        done = 0
        with ThreadPoolExecutor(max_workers=min(self.max_workers, max(total, 1))) as pool:
            futures = [pool.submit(self._work, spec) for spec in plan]
            for future in as_completed(futures):
                outcome = future.result()
                done += 1
                stage: Stage = "batch_done" if outcome.status == "ok" else "batch_failed"
                progress(ProgressEvent(stage, done, total, outcome.batch_id))
        result = run_aggregator(job_id, self.state, self.kinds)
        progress(ProgressEvent("aggregated", total, total))
        return result.report_key

    def _work(self, spec: BatchSpec) -> BatchOutcome:
        """Retry on throttling, then Catch: the batch is recorded failed and the report names it.
        Errors that are not ours (bugs) propagate instead of hiding in a partial report."""
        try:
            return self._retrying(run_worker, spec, self.state, self.kinds, self.breakers)
        except AnalysisError as exc:
            return record_batch_failure(spec, type(exc).__name__, str(exc), self.state)
