"""Mapper: turns a request into batches of work and records them in the state store."""

from __future__ import annotations

from analysis.pipeline.contracts import AnalysisRequest, BatchRef, BatchSpec, MapperOutput, job_keys
from analysis.ports import StateStore


def plan_batches(job_id: str, request: AnalysisRequest) -> list[BatchSpec]:
    """Cost data is one grouped Cost Explorer query (paged inside the worker), never one per service
    or account: Cost Explorer bills every request."""
    period = request.resolved_period()
    return [BatchSpec(job_id=job_id, batch_id="costs", kind="costs",
                      description=f"costs {period.describe()} by {request.group_by}")]


def run_mapper(job_id: str, state: StateStore) -> MapperOutput:
    keys = job_keys(job_id)
    raw = state.get(keys["request"])
    if raw is None:
        raise LookupError(f"no request stored for job {job_id} at {keys['request']}")
    request = AnalysisRequest.model_validate_json(raw)
    refs = []
    for spec in plan_batches(job_id, request):
        key = f"{keys['batches']}{spec.batch_id}.json"
        state.put(key, spec.model_dump_json().encode())
        refs.append(BatchRef(job_id=job_id, batch_id=spec.batch_id, batch_key=key))
    return MapperOutput(job_id=job_id, batches=refs)
