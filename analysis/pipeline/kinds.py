"""Kinds of work the pipeline runs ("costs", "waste"): each plans its batches, runs one, and merges its
results into its report. The mapper, worker and aggregator look a kind up here instead of branching.

Waste checks plug in as another `BatchWork` (accounts × regions × check families) when they land.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from analysis.domain.costs import CostData, GroupBy, merge_cost_data
from analysis.domain.report import CostReport, LineItem, MissingPart, build_report
from analysis.domain.report_json import report_to_json
from analysis.pipeline.codec import decode_cost_data, encode_cost_data
from analysis.pipeline.contracts import AnalysisRequest, BatchKind, BatchSpec, job_keys
from analysis.ports import CostSource


@dataclass(frozen=True)
class KindReport:
    """What one kind writes when the job ends: `{name}.json` plus CSVs, in the job's folder."""

    name: str
    document: bytes
    csvs: dict[str, str] = field(default_factory=dict)
    partial: bool = False


class BatchWork(Protocol):
    report_name: str  # the job writes `{report_name}.json`

    def service(self, spec: BatchSpec) -> str | None:
        """The AWS service the batch calls, whose circuit breaker the worker wraps it in; None when the
        kind's adapter keeps its own breaker per call."""
        ...

    def plan(self, job_id: str, request: AnalysisRequest) -> list[BatchSpec]: ...

    def run(self, spec: BatchSpec, request: AnalysisRequest) -> bytes:
        """The batch's result, encoded for the state store. Raises `SourceError` subclasses."""
        ...

    def aggregate(self, request: AnalysisRequest, plan: Sequence[BatchSpec], results: Sequence[bytes],
                  missing: Sequence[MissingPart]) -> KindReport:
        """`plan`: this kind's batches; `results`: those that succeeded; `missing`: the others, with why."""
        ...


WorkKinds = Mapping[BatchKind, BatchWork]


def report_key(job_id: str, request: AnalysisRequest, kinds: WorkKinds) -> str:
    """The job's main report: the first kind asked for (costs, for a cost question)."""
    return f"{job_keys(job_id)['csv']}{kinds[request.kinds[0]].report_name}.json"


class CostWork:
    """Costs are ONE batch: one grouped Cost Explorer query that the source pages through itself.
    Cost Explorer bills every request, so never one batch per service or account."""

    report_name = "report"

    def __init__(self, costs: CostSource) -> None:
        self.costs = costs

    def service(self, spec: BatchSpec) -> str | None:
        return None  # the Cost Explorer source wraps each request in the "ce" breaker itself

    def plan(self, job_id: str, request: AnalysisRequest) -> list[BatchSpec]:
        period = request.resolved_period()
        return [BatchSpec(job_id=job_id, batch_id="costs", kind="costs",
                          description=f"costs {period.describe()} by {request.group_by}")]

    def run(self, spec: BatchSpec, request: AnalysisRequest) -> bytes:
        return encode_cost_data(self.costs.fetch_costs(request.query()))

    def aggregate(self, request: AnalysisRequest, plan: Sequence[BatchSpec], results: Sequence[bytes],
                  missing: Sequence[MissingPart]) -> KindReport:
        report = cost_report(request, [decode_cost_data(raw) for raw in results], missing)
        return KindReport(self.report_name, report_to_json(report).encode(),
                          {"by_service.csv": by_service_csv(report), "by_account.csv": by_account_csv(report)},
                          partial=report.partial)


def cost_report(request: AnalysisRequest, parts: Sequence[CostData], missing: Sequence[MissingPart]) -> CostReport:
    merged: CostData | None = None
    for data in parts:
        merged = data if merged is None else merge_cost_data(merged, data)
    if merged is None:  # every batch failed: an empty, explicitly partial report, never a silent zero
        merged = CostData(records=[], currency="USD", fetched_at=datetime.now(UTC), source=request.source)
    scope = frozenset(request.accounts) if request.accounts is not None else None
    return build_report(merged, request.resolved_period(), request.basis(), GroupBy.parse(request.group_by),
                        accounts_in_scope=scope, missing=list(missing))


_CSV_TAIL = ["currency", "period_start", "period_end_exclusive", "basis", "credits_included", "partial"]


def by_service_csv(report: CostReport) -> str:
    return _line_items_csv(report, "service", report.by_service)


def by_account_csv(report: CostReport) -> str:
    return _line_items_csv(report, "account", report.by_account)


def _line_items_csv(report: CostReport, key: str, items: Sequence[LineItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([key, "name", "cost", "comparison_cost", "delta", "share", *_CSV_TAIL])
    tail = [report.currency, report.period.start, report.period.end, report.basis.metric.value,
            report.basis.credits_included, report.partial]
    for item in items:
        writer.writerow([item.key, item.label, item.cost.amount, item.comparison.amount,
                         item.delta.amount, "" if item.share is None else item.share, *tail])
    return out.getvalue()
