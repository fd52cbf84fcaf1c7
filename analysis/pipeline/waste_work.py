"""Waste checks as pipeline batches: the checks' own plan (account × region × family group), run one
batch per worker, merged into `waste.json` and `waste_findings.csv`."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time
from functools import cached_property

from analysis import errors
from analysis.checks.batches import CheckBatch, plan_check_batches, run_check_batch
from analysis.checks.ports import InventoryFactory
from analysis.checks.registry import GROUPS
from analysis.domain.findings import ScanScope, WasteReport, build_waste_report
from analysis.domain.report import MissingPart
from analysis.domain.waste_json import findings_from_json, findings_to_json, waste_report_to_json
from analysis.errors import SourceError
from analysis.pipeline.contracts import AnalysisRequest, BatchSpec
from analysis.pipeline.kinds import KindReport

# AWS throttles per account and region; a family group reads mostly one service's API.
GROUP_SERVICE = {"compute": "ec2", "network": "ec2", "databases": "rds", "serverless": "lambda",
                 "storage": "s3", "compute-optimizer": "compute-optimizer",
                 "cost-optimization-hub": "cost-optimization-hub"}


class WasteWork:
    report_name = "waste"

    def __init__(self, inventories: Callable[[], InventoryFactory],
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._open_inventories = inventories  # built on first use: a cost-only container never needs it
        self.clock = clock

    @cached_property
    def inventories(self) -> InventoryFactory:
        return self._open_inventories()

    def service(self, spec: BatchSpec) -> str | None:
        if "error_type" in spec.scope:
            return None
        group = spec.scope["group"]
        return f"{GROUP_SERVICE.get(group, group)}-{spec.scope['account']}-{spec.scope['region']}"

    def plan(self, job_id: str, request: AnalysisRequest) -> list[BatchSpec]:
        """One `now` for the whole job, so every batch judges ages against the same moment."""
        now = self._now(request).isoformat()
        specs: list[BatchSpec] = []
        for account in request.accounts or tuple(self.inventories.default_accounts()):
            try:
                regions = self.inventories.regions(account)
            except SourceError as exc:  # the account cannot be planned: a batch that reports why
                specs.append(BatchSpec(job_id=job_id, batch_id=f"waste-{account}-regions", kind="waste",
                                       description=f"enabled regions of account {account}",
                                       scope={"account": account, "error_type": type(exc).__name__,
                                              "error": str(exc)}))
                continue
            specs += [_spec(job_id, batch, now) for batch in plan_check_batches([account], regions)]
        return specs

    def run(self, spec: BatchSpec, request: AnalysisRequest) -> bytes:
        if "error_type" in spec.scope:
            raise _planned_error(spec.scope["error_type"], spec.scope["error"])
        batch = CheckBatch(batch_id=spec.batch_id, account_id=spec.scope["account"], region=spec.scope["region"],
                           families=tuple(spec.scope["families"].split(",")))
        now = datetime.fromisoformat(spec.scope["now"])
        return findings_to_json(run_check_batch(batch, self.inventories, lambda: now)).encode()

    def aggregate(self, request: AnalysisRequest, plan: Sequence[BatchSpec], results: Sequence[bytes],
                  missing: Sequence[MissingPart]) -> KindReport:
        findings = [finding for raw in results for finding in findings_from_json(raw)]
        checked = [spec for spec in plan if "families" in spec.scope]
        scope = ScanScope(
            tuple(dict.fromkeys(spec.scope["account"] for spec in plan)),
            tuple(sorted({spec.scope["region"] for spec in checked})),
            tuple(dict.fromkeys(f for spec in checked for f in spec.scope["families"].split(","))),
        )
        generated = datetime.fromisoformat(checked[0].scope["now"]) if checked else self._now(request)
        report = build_waste_report(findings, scope, generated, self.inventories.source, missing=missing,
                                    account_names=self.inventories.account_names())
        return KindReport(self.report_name, waste_report_to_json(report).encode(),
                          {"waste_findings.csv": findings_csv(report)}, partial=report.partial)

    def _now(self, request: AnalysisRequest) -> datetime:
        now = self.clock()
        return now if request.as_of >= now.date() else datetime.combine(request.as_of, time(6, 0), UTC)


def _spec(job_id: str, batch: CheckBatch, now: str) -> BatchSpec:
    group = next(name for name, members in GROUPS.items() if batch.families[0] in members)
    return BatchSpec(job_id=job_id, batch_id=batch.batch_id, kind="waste", description=batch.describe(),
                     scope={"account": batch.account_id, "region": batch.region, "group": group,
                            "families": ",".join(batch.families), "now": now})


def _planned_error(name: str, message: str) -> SourceError:
    kind = getattr(errors, name, None)
    if isinstance(kind, type) and issubclass(kind, SourceError):
        return kind(message)
    return errors.SourceUnavailableError(f"{name}: {message}")


def findings_csv(report: WasteReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["check_id", "resource_id", "resource_type", "account_id", "region", "monthly_saving", "currency",
                     "reason", "action", "source", "pricing_note", "partial"])
    for f in report.findings:
        writer.writerow([f.check_id, f.resource_id, f.resource_type, f.account_id, f.region,
                         f.estimated_monthly_saving.amount, report.currency, f.reason, f.action, f.source,
                         f.pricing_note, report.partial])
    return out.getvalue()
