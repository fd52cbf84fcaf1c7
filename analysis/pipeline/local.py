"""The pipeline in-process: the same mapper, worker and aggregator as Step Functions, threads for Lambdas."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed

from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_random_exponential

from analysis.errors import SourceThrottledError
from analysis.pipeline.aggregator import run_aggregator
from analysis.pipeline.contracts import AnalysisRequest, BatchOutcome, BatchRef, job_keys
from analysis.pipeline.mapper import run_mapper
from analysis.pipeline.progress import ProgressEvent, ProgressListener, Stage, ignore_progress
from analysis.pipeline.worker import run_worker
from analysis.ports import CostSource, StateStore


class LocalPipeline:
    name = "local"

    def __init__(
        self, state: StateStore, costs: CostSource, *, max_workers: int = 4, attempts: int = 4,
        max_wait_seconds: float = 8.0,
    ) -> None:
        self.state = state
        self.costs = costs
        self.max_workers = max_workers
        # the same policy the state machine's Retry block applies to SourceThrottledError
        self._retrying = Retrying(
            retry=retry_if_exception_type(SourceThrottledError),
            wait=wait_random_exponential(multiplier=0.5, max=max_wait_seconds),
            stop=stop_after_attempt(attempts),
            reraise=True,
        )

    def run(self, job_id: str, request: AnalysisRequest, progress: ProgressListener = ignore_progress) -> str:
        """Runs the job to the end and returns the report key. Re-running a finished job does nothing."""
        keys = job_keys(job_id)
        self.state.put(keys["request"], request.model_dump_json().encode(), if_absent=True)
        if self.state.get(keys["report"]) is not None:
            return keys["report"]
        plan = run_mapper(job_id, self.state)
        total = len(plan.batches)
        progress(ProgressEvent("planned", 0, total))
        outcomes: list[BatchOutcome] = []
        with ThreadPoolExecutor(max_workers=min(self.max_workers, max(total, 1))) as pool:
            futures = {pool.submit(self._work, ref): ref for ref in plan.batches}
            for future in as_completed(futures):
                outcome = future.result()
                outcomes.append(outcome)
                stage: Stage = "batch_done" if outcome.status == "ok" else "batch_failed"
                progress(ProgressEvent(stage, len(outcomes), total, outcome.batch_id))
        outcomes.sort(key=lambda o: o.batch_id)
        result = run_aggregator(job_id, outcomes, self.state)
        progress(ProgressEvent("aggregated", total, total))
        return result.report_key

    def _work(self, ref: BatchRef) -> BatchOutcome:
        try:
            return self._retrying(run_worker, ref, self.state, self.costs)
        except SourceThrottledError as exc:  # retries exhausted: the batch is missing, and the report says so
            return BatchOutcome(job_id=ref.job_id, batch_id=ref.batch_id, status="failed",
                                error_type=type(exc).__name__, error_message=str(exc))
