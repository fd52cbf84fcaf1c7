"""A cost kind split into one batch per account, with failures scripted per batch: lets tests watch
the Map, Retry and Catch on a plan of several batches (real costs are one Cost Explorer batch)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping, Sequence

from analysis.domain.report import MissingPart
from analysis.pipeline.codec import encode_cost_data
from analysis.pipeline.contracts import AnalysisRequest, BatchSpec
from analysis.pipeline.kinds import CostWork, KindReport
from analysis.sources.demo import DemoCostSource


class AccountBatchedCosts:
    """Batch `acct-<id>` returns the demo costs of one account; `script[batch_id]` lists exceptions its
    first calls raise, in order (the call after the list succeeds)."""

    report_name = "report"

    def __init__(self, accounts: Sequence[str], script: Mapping[str, Sequence[BaseException]] | None = None) -> None:
        self.accounts = list(accounts)
        self.script = {batch: list(errors) for batch, errors in (script or {}).items()}
        self.calls: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.source = DemoCostSource()

    def service(self, spec: BatchSpec) -> str:
        return "ce"

    def plan(self, job_id: str, request: AnalysisRequest) -> list[BatchSpec]:
        return [BatchSpec(job_id=job_id, batch_id=f"acct-{account}", kind="costs",
                          description=f"costs of account {account}", scope={"account": account})
                for account in self.accounts]

    def run(self, spec: BatchSpec, request: AnalysisRequest) -> bytes:
        with self._lock:
            self.calls[spec.batch_id] += 1
            attempt = self.calls[spec.batch_id]
        errors = self.script.get(spec.batch_id, [])
        if attempt <= len(errors):
            raise errors[attempt - 1]
        data = self.source.fetch_costs(request.query())
        data.records = [r for r in data.records if r.account_id == spec.scope["account"]]
        data.by_account = data.by_dimension = None
        data.daily = None
        return encode_cost_data(data)

    def aggregate(self, request: AnalysisRequest, plan: Sequence[BatchSpec], results: Sequence[bytes],
                  missing: Sequence[MissingPart]) -> KindReport:
        return CostWork(self.source).aggregate(request, plan, results, missing)
