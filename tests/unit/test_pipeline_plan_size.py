"""States pass keys, not payloads: the mapper's output stays tiny however many batches it plans.

Step Functions caps a state's input/output at 256 KB. 1,000 accounts × 17 regions × 14 check families
is 238,000 batches; their plan lives in the state store and the Distributed Map reads it (ItemReader).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

import pytest
from pydantic import TypeAdapter

from analysis.domain.report import MissingPart
from analysis.pipeline import bootstrap
from analysis.pipeline.bootstrap import build_pipeline_deps
from analysis.pipeline.contracts import AnalysisRequest, BatchSpec, PipelineInput
from analysis.pipeline.handlers import mapper_handler
from analysis.pipeline.kinds import KindReport
from analysis.state import MemoryStateStore

LIMIT = 256 * 1024
REGIONS = [f"region-{n:02d}" for n in range(17)]
FAMILIES = [f"family-{n:02d}" for n in range(14)]


class WideWastePlan:
    """Stands in for the waste checks' planner: one batch per account × region × check family."""

    report_name = "waste"

    def __init__(self, accounts: int) -> None:
        self.accounts = [f"{100000000000 + n}" for n in range(accounts)]

    def service(self, spec: BatchSpec) -> str:
        return "ec2"

    def plan(self, job_id: str, request: AnalysisRequest) -> list[BatchSpec]:
        rows = [{"job_id": job_id, "batch_id": f"w-{a}-{r}-{f}", "kind": "waste", "description": f"{f} in {a} {r}",
                 "scope": {"account": a, "region": r, "family": f}}
                for a in self.accounts for r in REGIONS for f in FAMILIES]
        return TypeAdapter(list[BatchSpec]).validate_python(rows)

    def run(self, spec: BatchSpec, request: AnalysisRequest) -> bytes:
        raise AssertionError("not run in this test")

    def aggregate(self, request: AnalysisRequest, plan: Sequence[BatchSpec], results: Sequence[bytes],
                  missing: Sequence[MissingPart]) -> KindReport:
        raise AssertionError("not run in this test")


def plan(accounts: int) -> tuple[dict[str, object], MemoryStateStore]:
    state = MemoryStateStore()
    bootstrap.use_dependencies(build_pipeline_deps(state=state, kinds={"waste": WideWastePlan(accounts)}))
    try:
        request = AnalysisRequest(period="last-30d", as_of=date(2026, 11, 25), kinds=("waste",))
        event = json.loads(PipelineInput(job_id="wide", request=request).model_dump_json())
        return mapper_handler(event), state
    finally:
        bootstrap.use_dependencies(None)


@pytest.fixture(scope="module")
def wide() -> tuple[dict[str, object], list[dict[str, object]]]:
    output, state = plan(1000)
    return output, json.loads(state.get("jobs/wide/batches.json") or b"")


def test_mapper_output_for_238000_batches_stays_far_below_256_kb(wide: tuple[dict[str, object], list]) -> None:
    output, items = wide
    size = len(json.dumps(output))
    assert output["batch_count"] == len(items) == 1000 * 17 * 14
    assert size < 1024, size  # over 250 times below the limit
    one_account = len(json.dumps(plan(1)[0]))
    assert size - one_account == len("238000") - len("238")  # only the count grows with the plan
    largest_item = max(len(json.dumps(item)) for item in items)
    assert largest_item < 1024  # and each Map item is one small Lambda event


def test_the_same_plan_inline_would_not_fit_a_state_message(wide: tuple[dict[str, object], list]) -> None:
    """Why the ItemReader: even the bare batch ids, listed inline, are far over the limit."""
    _, items = wide
    assert len(json.dumps([item["batch_id"] for item in items])) > 10 * LIMIT
