"""Composition root of the pipeline Lambdas: their dependencies, built once per container.

Handlers call `dependencies()`; the first call builds from FINOPS_* settings, later calls reuse it
(a warm container keeps its clients). Tests and harnesses pass their own with `use_dependencies`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analysis.bootstrap import build_state, build_work_kinds
from analysis.pipeline.contracts import S3Refs, job_keys
from analysis.pipeline.kinds import WorkKinds
from analysis.ports import CostSource, StateStore
from analysis.resilience import CircuitBreakers
from analysis.settings import AnalysisSettings

Locate = Callable[[str], tuple[str, str]]  # state key -> (bucket, object key)


@dataclass(frozen=True)
class PipelineDeps:
    state: StateStore
    kinds: WorkKinds
    breakers: CircuitBreakers
    max_concurrency: int = 10
    locate: Locate | None = None  # set when the state lives in S3: Step Functions reads the plan there

    def s3_refs(self, job_id: str) -> S3Refs | None:
        if self.locate is None:
            return None
        keys = job_keys(job_id)
        bucket, plan = self.locate(keys["plan"])
        _, results = self.locate(keys["map_results"])
        return S3Refs(bucket=bucket, batches_key=plan, map_results_prefix=results.rstrip("/"))


def build_pipeline_deps(
    settings: AnalysisSettings | None = None, *, state: StateStore | None = None, costs: CostSource | None = None,
    kinds: WorkKinds | None = None, breakers: CircuitBreakers | None = None,
) -> PipelineDeps:
    """Every dependency can be passed in; the rest comes from settings."""
    settings = settings or AnalysisSettings()  # type: ignore[call-arg]  # values come from FINOPS_* env
    state = state if state is not None else build_state(settings)
    if kinds is None:
        kinds = build_work_kinds(settings, state, costs)
    location = getattr(state, "location", None)  # S3StateStore knows its bucket; local stores do not
    return PipelineDeps(state, kinds, breakers or CircuitBreakers(state), settings.map_concurrency,
                        location if callable(location) else None)


_deps: PipelineDeps | None = None


def dependencies() -> PipelineDeps:
    global _deps
    if _deps is None:
        _deps = build_pipeline_deps()
    return _deps


def use_dependencies(deps: PipelineDeps | None) -> None:
    """Install `deps` for the handlers (None: build from settings on the next call)."""
    global _deps
    _deps = deps
