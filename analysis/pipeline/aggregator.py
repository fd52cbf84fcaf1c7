"""Aggregator: merges the batches' results into `report.json` and CSVs, written once per job.

It reads the plan and each batch's recorded outcome from the state store, not from the Map state's
output, so the report is right whatever the engine did: a batch with no recorded outcome (its worker
and its Catch both died) is reported missing like a failed one, never counted as zero.
"""

from __future__ import annotations

import json
from collections import defaultdict

from analysis.domain.report import MissingPart
from analysis.errors import StateError
from analysis.pipeline.contracts import AggregatorOutput, AnalysisRequest, BatchKind, BatchSpec, job_keys
from analysis.pipeline.kinds import KindReport, WorkKinds
from analysis.pipeline.mapper import load_plan
from analysis.pipeline.worker import recorded_outcome
from analysis.ports import StateStore

NO_OUTCOME = "NoOutcomeRecorded: the worker stopped without recording a result (see the execution history)"


def run_aggregator(job_id: str, state: StateStore, kinds: WorkKinds) -> AggregatorOutput:
    keys = job_keys(job_id)
    raw_request = state.get(keys["request"])
    if raw_request is None:
        raise StateError(f"missing pipeline state at {keys['request']}: the mapper has not run for this job")
    request = AnalysisRequest.model_validate_json(raw_request)
    existing = _existing_output(job_id, request, state, kinds)
    if existing is not None:
        return existing  # a re-run or replay: the job's report was written once and stays as it is
    results: dict[BatchKind, list[bytes]] = defaultdict(list)
    missing: dict[BatchKind, list[MissingPart]] = defaultdict(list)
    plan = load_plan(job_id, state)
    for spec in plan:
        outcome = recorded_outcome(spec, state)
        result = state.get(outcome.result_key) if outcome and outcome.status == "ok" and outcome.result_key else None
        if result is None:
            missing[spec.kind].append(_missing(spec, outcome.error_type if outcome else None,
                                               outcome.error_message if outcome else None))
        else:
            results[spec.kind].append(result)
    reports = [kinds[kind].aggregate(request, [spec for spec in plan if spec.kind == kind], results[kind],
                                     missing[kind]) for kind in request.kinds]
    created = [_write(job_id, report, state) for report in reports]
    if not all(created):  # a concurrent aggregator won the race: describe what it wrote
        return _existing_output(job_id, request, state, kinds) or _raise_lost(job_id)
    main = reports[0]
    return AggregatorOutput(
        job_id=job_id, report_key=f"{keys['csv']}{main.name}.json", request_key=keys["request"],
        csv_keys=[f"{keys['csv']}{name}" for report in reports for name in report.csvs],
        partial=any(report.partial for report in reports),
        missing=[part.batch_id for parts in missing.values() for part in parts],
        reply_to=request.reply_to,
    )


def _existing_output(
    job_id: str, request: AnalysisRequest, state: StateStore, kinds: WorkKinds
) -> AggregatorOutput | None:
    """Each kind's document carries top-level `partial` and `missing[].batch_id` (report JSON v1 does)."""
    keys = job_keys(job_id)
    names = [kinds[kind].report_name for kind in request.kinds]
    documents = [state.get(f"{keys['csv']}{name}.json") for name in names]
    if any(doc is None for doc in documents):
        return None
    parsed = [json.loads(doc or b"{}") for doc in documents]
    return AggregatorOutput(
        job_id=job_id, report_key=f"{keys['csv']}{names[0]}.json", request_key=keys["request"],
        csv_keys=[key for key in state.list(keys["csv"]) if key.endswith(".csv")],
        partial=any(doc.get("partial", False) for doc in parsed),
        missing=[row["batch_id"] for doc in parsed for row in doc.get("missing", [])],
        created=False, reply_to=request.reply_to,
    )


def _missing(spec: BatchSpec, error_type: str | None, message: str | None) -> MissingPart:
    reason = f"{error_type}: {message}" if error_type else NO_OUTCOME
    return MissingPart(spec.batch_id, spec.description, reason)


def _write(job_id: str, report: KindReport, state: StateStore) -> bool:
    """CSVs first, the report last and once (a conditional write): a report that exists is complete,
    and a re-run or replay keeps the first one."""
    base = job_keys(job_id)["csv"]
    for name, text in report.csvs.items():
        state.put(f"{base}{name}", text.encode())
    return state.put(f"{base}{report.name}.json", report.document, if_absent=True)


def _raise_lost(job_id: str) -> AggregatorOutput:
    raise StateError(f"the report of job {job_id} was refused as existing, then could not be read")
