"""Worker: runs one batch and stores its result. A failure is recorded with its reason."""

from __future__ import annotations

import logging

from analysis.errors import SourceError, SourceThrottledError
from analysis.pipeline.codec import encode_cost_data
from analysis.pipeline.contracts import AnalysisRequest, BatchOutcome, BatchRef, BatchSpec, job_keys
from analysis.ports import CostSource, StateStore

log = logging.getLogger(__name__)


def run_worker(ref: BatchRef, state: StateStore, costs: CostSource) -> BatchOutcome:
    """Throttling propagates (Step Functions, or the local pipeline, retries the batch); any other
    source error marks the batch failed so the report can say what is missing."""
    keys = job_keys(ref.job_id)
    spec = BatchSpec.model_validate_json(_required(state, ref.batch_key))
    request = AnalysisRequest.model_validate_json(_required(state, keys["request"]))
    result_key = f"{keys['results']}{spec.batch_id}.json"
    try:
        data = costs.fetch_costs(request.query())
    except SourceThrottledError:
        raise
    except SourceError as exc:
        log.warning("batch %s/%s failed: %s: %s", ref.job_id, ref.batch_id, type(exc).__name__, exc)
        return BatchOutcome(job_id=ref.job_id, batch_id=ref.batch_id, status="failed",
                            error_type=type(exc).__name__, error_message=str(exc))
    state.put(result_key, encode_cost_data(data))
    return BatchOutcome(job_id=ref.job_id, batch_id=ref.batch_id, status="ok", result_key=result_key)


def _required(state: StateStore, key: str) -> bytes:
    raw = state.get(key)
    if raw is None:
        raise LookupError(f"missing pipeline state at {key}")
    return raw
