"""Lambda entry points of the state machine. Thin: parse the event with the contracts, call the
function the local pipeline also calls, return plain JSON. Errors propagate with their class name
(Lambda's `errorType`), which the state machine's Retry and Catch match."""

from __future__ import annotations

from typing import Any

from analysis.pipeline.aggregator import run_aggregator
from analysis.pipeline.bootstrap import dependencies
from analysis.pipeline.contracts import BatchSpec, FailedBatch, MapperOutput, PipelineInput
from analysis.pipeline.mapper import run_mapper
from analysis.pipeline.worker import record_batch_failure, run_worker

Event = dict[str, Any]


def mapper_handler(event: Event, context: Any = None) -> Event:
    """Execution input {job_id, request} → the plan's key (and its S3 location for the Map's ItemReader)."""
    deps = dependencies()
    job = PipelineInput.model_validate(event)
    output = run_mapper(job.job_id, job.request, deps.state, deps.kinds, max_concurrency=deps.max_concurrency)
    output.s3 = deps.s3_refs(job.job_id)
    return output.model_dump(mode="json")


def worker_handler(event: Event, context: Any = None) -> Event:
    """One batch → its outcome. Given `error` (the Map's Catch), records the batch as failed instead."""
    deps = dependencies()
    if "error" in event:
        failed = FailedBatch.model_validate(event)
        spec = BatchSpec.model_validate(failed.model_dump(exclude={"error"}))
        outcome = record_batch_failure(spec, failed.error.error, failed.error.message(), deps.state)
        return outcome.model_dump(mode="json")
    spec = BatchSpec.model_validate(event)
    return run_worker(spec, deps.state, deps.kinds, deps.breakers).model_dump(mode="json")


def aggregator_handler(event: Event, context: Any = None) -> Event:
    """The mapper's output (the Map passes it through) → the report's keys, for the notifier."""
    deps = dependencies()
    job = MapperOutput.model_validate(event)
    return run_aggregator(job.job_id, deps.state, deps.kinds).model_dump(mode="json")
