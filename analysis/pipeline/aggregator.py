"""Aggregator: merges batch results into `report.json` (and a CSV) in the state store."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from analysis.domain.costs import CostData, GroupBy, merge_cost_data
from analysis.domain.report import CostReport, MissingPart, build_report
from analysis.domain.report_json import report_to_json
from analysis.pipeline.codec import decode_cost_data
from analysis.pipeline.contracts import AggregatorOutput, AnalysisRequest, BatchOutcome, BatchSpec, job_keys
from analysis.ports import StateStore


def run_aggregator(job_id: str, outcomes: list[BatchOutcome], state: StateStore) -> AggregatorOutput:
    keys = job_keys(job_id)
    request = AnalysisRequest.model_validate_json(state.get(keys["request"]) or b"")
    report = aggregate(request, outcomes, state)
    state.put(keys["report"], report_to_json(report).encode())
    state.put(f"jobs/{job_id}/by_service.csv", by_service_csv(report).encode())
    return AggregatorOutput(job_id=job_id, report_key=keys["report"], partial=report.partial)


def aggregate(request: AnalysisRequest, outcomes: list[BatchOutcome], state: StateStore) -> CostReport:
    period = request.resolved_period()
    missing: list[MissingPart] = []
    merged: CostData | None = None
    for outcome in outcomes:
        if outcome.status == "failed" or outcome.result_key is None:
            missing.append(MissingPart(outcome.batch_id, _describe(outcome, state),
                                       f"{outcome.error_type}: {outcome.error_message}"))
            continue
        data = decode_cost_data(state.get(outcome.result_key) or b"")
        merged = data if merged is None else merge_cost_data(merged, data)
    if merged is None:  # every batch failed: an empty, explicitly partial report, never a silent zero
        merged = CostData(records=[], currency="USD", fetched_at=datetime.now(UTC), source=request.source)
    scope = frozenset(request.accounts) if request.accounts is not None else None
    return build_report(merged, period, request.basis(), GroupBy.parse(request.group_by),
                        accounts_in_scope=scope, missing=missing)


def _describe(outcome: BatchOutcome, state: StateStore) -> str:
    raw = state.get(f"jobs/{outcome.job_id}/batches/{outcome.batch_id}.json")
    return BatchSpec.model_validate_json(raw).description if raw else outcome.batch_id


def by_service_csv(report: CostReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["service", "cost", "comparison_cost", "delta", "share", "currency", "period_start",
                     "period_end_exclusive", "basis"])
    for item in report.by_service:
        writer.writerow([item.key, item.cost.amount, item.comparison.amount, item.delta.amount,
                         "" if item.share is None else item.share, report.currency, report.period.start,
                         report.period.end, report.basis.metric.value])
    return out.getvalue()
