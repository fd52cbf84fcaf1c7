"""Worker: runs one batch and records its outcome. A failure is recorded with its reason, never as an
empty success; throttling is raised so the caller (Step Functions' Retry, or the local pipeline) retries."""

from __future__ import annotations

import logging

from analysis.errors import SourceError, SourceThrottledError, StateError
from analysis.pipeline.contracts import AnalysisRequest, BatchOutcome, BatchSpec, job_keys
from analysis.pipeline.kinds import WorkKinds
from analysis.ports import StateStore
from analysis.resilience import CircuitBreakers

log = logging.getLogger(__name__)


def run_worker(spec: BatchSpec, state: StateStore, kinds: WorkKinds, breakers: CircuitBreakers) -> BatchOutcome:
    keys = job_keys(spec.job_id)
    done = recorded_outcome(spec, state)
    if done is not None and done.status == "ok":
        return done  # a retried or replayed batch that already succeeded costs no second request
    request = AnalysisRequest.model_validate_json(_required(state, keys["request"]))
    work = kinds[spec.kind]
    try:
        service = work.service(spec)

        def run() -> bytes:
            return work.run(spec, request)

        result = breakers(service).call(run) if service else run()
    except SourceThrottledError:
        raise
    except SourceError as exc:
        log.warning("batch %s/%s failed: %s: %s", spec.job_id, spec.batch_id, type(exc).__name__, exc)
        return record_batch_failure(spec, type(exc).__name__, str(exc), state)
    result_key = f"{keys['results']}{spec.batch_id}.json"
    state.put(result_key, result)
    outcome = BatchOutcome(job_id=spec.job_id, batch_id=spec.batch_id, status="ok", result_key=result_key)
    state.put(_outcome_key(spec), outcome.model_dump_json().encode())
    return outcome


def record_batch_failure(spec: BatchSpec, error_type: str, message: str, state: StateStore) -> BatchOutcome:
    """Marks the batch failed so the report names it. Used by the worker itself, by the state machine's
    Catch (through the worker Lambda) and by the local pipeline when retries run out."""
    outcome = BatchOutcome(job_id=spec.job_id, batch_id=spec.batch_id, status="failed", error_type=error_type,
                           error_message=message)
    done = recorded_outcome(spec, state)
    if done is not None and done.status == "ok":
        return done  # a late failure report never overwrites a success
    state.put(_outcome_key(spec), outcome.model_dump_json().encode())
    return outcome


def recorded_outcome(spec: BatchSpec, state: StateStore) -> BatchOutcome | None:
    raw = state.get(_outcome_key(spec))
    return BatchOutcome.model_validate_json(raw) if raw else None


def _outcome_key(spec: BatchSpec) -> str:
    return f"{job_keys(spec.job_id)['outcomes']}{spec.batch_id}.json"


def _required(state: StateStore, key: str) -> bytes:
    raw = state.get(key)
    if raw is None:
        raise StateError(f"missing pipeline state at {key}: the mapper has not run for this job")
    return raw
