"""Mapper: turns a request into batches of work and writes the plan, one object, to the state store."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from analysis.errors import SourceUnavailableError, StateError
from analysis.pipeline.contracts import AnalysisRequest, BatchSpec, MapperOutput, job_keys
from analysis.pipeline.kinds import WorkKinds
from analysis.ports import StateStore

_PLAN = TypeAdapter(list[BatchSpec])  # one (de)serialisation call for a plan of any size


def plan_batches(job_id: str, request: AnalysisRequest, kinds: WorkKinds) -> list[BatchSpec]:
    unavailable = [kind for kind in request.kinds if kind not in kinds]
    if unavailable:
        raise SourceUnavailableError(
            f"{', '.join(unavailable)} analysis is not available in this build; ask for: {', '.join(kinds)}."
        )
    return [spec for kind in request.kinds for spec in kinds[kind].plan(job_id, request)]


def run_mapper(job_id: str, request: AnalysisRequest, state: StateStore, kinds: WorkKinds,
               *, max_concurrency: int = 10) -> MapperOutput:
    """Stores the request and the plan once (a re-run or a replay reuses both: the job stays one job)."""
    keys = job_keys(job_id)
    state.put(keys["request"], request.model_dump_json().encode(), if_absent=True)
    existing = state.get(keys["plan"])
    if existing is None:
        plan = plan_batches(job_id, request, kinds)
        if state.put(keys["plan"], _PLAN.dump_json(plan), if_absent=True):
            return MapperOutput(job_id=job_id, batch_count=len(plan), batches_key=keys["plan"],
                                max_concurrency=max_concurrency)
        existing = state.get(keys["plan"])  # a concurrent mapper won: its plan is the plan
    count = len(json.loads(existing or b"[]"))
    return MapperOutput(job_id=job_id, batch_count=count, batches_key=keys["plan"], max_concurrency=max_concurrency)


def load_plan(job_id: str, state: StateStore) -> list[BatchSpec]:
    raw = state.get(job_keys(job_id)["plan"])
    if raw is None:
        raise StateError(f"no plan stored for job {job_id}: the mapper has not run")
    return _PLAN.validate_json(raw)
