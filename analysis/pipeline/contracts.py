"""Messages between the pipeline's states. Small: they carry S3 keys, never cost data.

The same shapes flow through Step Functions (JSON in/out of each Lambda) and the local pipeline.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import CostQuery, GroupBy
from analysis.domain.period import Period, parse_period

BatchKind = Literal["costs"]


class ReplyTarget(BaseModel):
    """Where the notifier posts the answer (a Slack thread, or nothing for the CLI)."""

    model_config = ConfigDict(frozen=True)
    channel: str
    thread_ts: str | None = None
    user: str | None = None
    team: str | None = None
    language: str = "en"
    persona: str | None = None


class AnalysisRequest(BaseModel):
    """One question: a period, a basis, a breakdown and the accounts the asker may see."""

    model_config = ConfigDict(frozen=True)
    period: str = "last-30d"
    as_of: date
    metric: Metric = Metric.AMORTIZED
    credits_included: bool = False
    tax_included: bool = True
    group_by: str = "service"
    accounts: tuple[str, ...] | None = Field(default=None, description="None: every account")
    source: str = "demo"
    reply_to: ReplyTarget | None = None

    def resolved_period(self) -> Period:
        return parse_period(self.period, self.as_of)

    def basis(self) -> CostBasis:
        return CostBasis(self.metric, self.credits_included, self.tax_included)

    def query(self) -> CostQuery:
        scope = frozenset(self.accounts) if self.accounts is not None else None
        return CostQuery(self.resolved_period(), self.basis(), GroupBy.parse(self.group_by), scope)

    @property
    def query_key(self) -> str:
        """Identifies the data asked for (not who asked): reports are shared across askers."""
        return hashlib.sha256(f"{self.source}|{self.query().key}".encode()).hexdigest()[:32]


class BatchSpec(BaseModel):
    model_config = ConfigDict(frozen=True)
    job_id: str
    batch_id: str
    kind: BatchKind
    description: str


class BatchRef(BaseModel):
    """What the Map state iterates over: one per batch, pointing at its spec in the state store."""

    model_config = ConfigDict(frozen=True)
    job_id: str
    batch_id: str
    batch_key: str


class BatchOutcome(BaseModel):
    """A worker's answer. A failed batch says why; it is never an empty success."""

    model_config = ConfigDict(frozen=True)
    job_id: str
    batch_id: str
    status: Literal["ok", "failed"]
    result_key: str | None = None
    error_type: str | None = None
    error_message: str | None = None


class MapperOutput(BaseModel):
    job_id: str
    batches: list[BatchRef]


class AggregatorOutput(BaseModel):
    job_id: str
    report_key: str
    partial: bool


def job_keys(job_id: str) -> dict[str, str]:
    base = f"jobs/{job_id}"
    return {"request": f"{base}/request.json", "report": f"{base}/report.json", "batches": f"{base}/batches/",
            "results": f"{base}/results/"}
