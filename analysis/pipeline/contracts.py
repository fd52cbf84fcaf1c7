"""Messages between the pipeline's states. Small: they carry S3 keys, never cost data.

The same shapes flow through Step Functions (JSON in and out of each Lambda) and the local pipeline.
Step Functions caps a state's input and output at 256 KB, so a plan of many batches travels as one
object in the state store that the Map state reads itself (ItemReader), never as a list in a message.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import CostQuery, GroupBy
from analysis.domain.period import Period, parse_period

BatchKind = Literal["costs", "waste"]  # what a request can ask for; each kind plans its own batches


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
    kinds: tuple[BatchKind, ...] = ("costs",)

    @field_validator("kinds")
    @classmethod
    def _some_kinds_once_each(cls, kinds: tuple[BatchKind, ...]) -> tuple[BatchKind, ...]:
        if not kinds:
            raise ValueError("ask for at least one of: costs, waste")
        return tuple(dict.fromkeys(kinds))

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
        kinds = "" if self.kinds == ("costs",) else "|" + ",".join(sorted(self.kinds))
        return hashlib.sha256(f"{self.source}|{self.query().key}{kinds}".encode()).hexdigest()[:32]


class BatchSpec(BaseModel):
    """One unit of work: what the Map state iterates over and what a worker receives. Small by design
    (well under 1 KB): a plan of 238,000 of them is an S3 object, each item one Lambda event."""

    model_config = ConfigDict(frozen=True)
    job_id: str
    batch_id: str
    kind: BatchKind
    description: str
    scope: dict[str, str] = Field(default_factory=dict, description="e.g. account, region, check family")


class TaskError(BaseModel):
    """What a Step Functions Catch puts at its ResultPath: the error name and its cause."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)
    error: str = Field(alias="Error")
    cause: str = Field(default="", alias="Cause")

    def message(self) -> str:
        """The Lambda's own errorMessage when the cause is Lambda's JSON error document, else the cause."""
        try:
            document = json.loads(self.cause)
        except ValueError:
            return self.cause
        return str(document.get("errorMessage", self.cause)) if isinstance(document, dict) else self.cause


class FailedBatch(BatchSpec):
    """A batch whose worker failed past its retries, as the Map's Catch hands it back to the worker."""

    error: TaskError


class BatchOutcome(BaseModel):
    """A worker's answer. A failed batch says why; it is never an empty success."""

    model_config = ConfigDict(frozen=True)
    job_id: str
    batch_id: str
    status: Literal["ok", "failed"]
    result_key: str | None = None
    error_type: str | None = None
    error_message: str | None = None


class PipelineInput(BaseModel):
    """The execution input: the job id (also the execution name, for idempotency) and the question."""

    job_id: str
    request: AnalysisRequest


class S3Refs(BaseModel):
    """Where Step Functions reads the plan (ItemReader) and writes the Map's run records (ResultWriter)."""

    bucket: str
    batches_key: str
    map_results_prefix: str


class MapperOutput(BaseModel):
    job_id: str
    batch_count: int
    batches_key: str = Field(description="state-store key of the plan: a JSON array of BatchSpec")
    max_concurrency: int = Field(default=10, ge=1, description="Map state: batches running at once")
    s3: S3Refs | None = Field(default=None, description="set when the state store is S3 (Step Functions)")


class AggregatorOutput(BaseModel):
    job_id: str
    report_key: str
    request_key: str
    csv_keys: list[str]
    partial: bool
    missing: list[str] = Field(default_factory=list, description="ids of batches the report lacks")
    created: bool = Field(default=True, description="False: the report already existed and was left as it was")
    reply_to: ReplyTarget | None = None


def job_keys(job_id: str) -> dict[str, str]:
    base = f"jobs/{job_id}"
    return {"request": f"{base}/request.json", "report": f"{base}/report.json", "plan": f"{base}/batches.json",
            "results": f"{base}/results/", "outcomes": f"{base}/outcomes/", "map_results": f"{base}/map-runs/",
            "csv": f"{base}/"}
