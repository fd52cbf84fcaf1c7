"""Composition root of the analysis side: builds adapters from settings."""

from __future__ import annotations

from datetime import timedelta

from analysis.checks.ports import InventoryFactory
from analysis.errors import SourceUnavailableError
from analysis.pipeline.local import LocalPipeline
from analysis.ports import AnomalySource, CommitmentSource, CostSource, ForecastSource, StateStore
from analysis.service import CostAnalysis
from analysis.settings import AnalysisSettings
from analysis.state import LocalStateStore


def build_state(settings: AnalysisSettings) -> StateStore:
    if settings.bucket:
        from analysis.state.s3 import S3StateStore  # boto3 loads only when S3 is configured

        return S3StateStore(settings.bucket)
    return LocalStateStore(settings.state_dir)


def build_cost_source(settings: AnalysisSettings, state: StateStore | None = None) -> CostSource:
    if settings.source == "demo":
        from analysis.sources.demo import DemoCostSource

        return DemoCostSource(seed=settings.demo_seed)
    from analysis.resilience import CircuitBreaker
    from analysis.sources.cost_explorer import CostExplorerCostSource  # boto3 loads only for --source aws
    from analysis.sources.organizations import OrganizationsDirectory

    state = state if state is not None else build_state(settings)
    return CostExplorerCostSource(
        organizations=OrganizationsDirectory(cache=state),
        cache=state,
        freshness=timedelta(hours=settings.freshness_hours),
        breaker=CircuitBreaker("ce", state),
    )


def build_cost_analysis(
    settings: AnalysisSettings, *, state: StateStore | None = None, costs: CostSource | None = None
) -> CostAnalysis:
    """Every dependency can be passed in (tests, benchmarks); the rest comes from settings."""
    state = state if state is not None else build_state(settings)
    if settings.pipeline != "local":
        raise SourceUnavailableError("FINOPS_PIPELINE=stepfunctions is not available yet; use local.")
    pipeline = LocalPipeline(state, costs if costs is not None else build_cost_source(settings, state),
                             max_workers=settings.max_workers)
    return CostAnalysis(state, pipeline, freshness=timedelta(hours=settings.freshness_hours))


def _aws_options(settings: AnalysisSettings, state: StateStore | None) -> dict[str, object]:
    from analysis.resilience import CircuitBreaker

    state = state if state is not None else build_state(settings)
    return {"cache": state, "freshness": timedelta(hours=settings.freshness_hours),
            "breaker": CircuitBreaker("ce", state)}


def build_forecast_source(settings: AnalysisSettings, state: StateStore | None = None) -> ForecastSource:
    if settings.source == "demo":
        from analysis.sources.demo_insights import DemoForecastSource

        return DemoForecastSource(seed=settings.demo_seed)
    from analysis.sources.ce_forecast import CostExplorerForecastSource

    return CostExplorerForecastSource(**_aws_options(settings, state))  # type: ignore[arg-type]


def build_anomaly_source(settings: AnalysisSettings, state: StateStore | None = None) -> AnomalySource:
    if settings.source == "demo":
        from analysis.sources.demo_insights import DemoAnomalySource

        return DemoAnomalySource(seed=settings.demo_seed)
    from analysis.sources.ce_anomalies import CostExplorerAnomalySource

    return CostExplorerAnomalySource(**_aws_options(settings, state))  # type: ignore[arg-type]


def build_commitment_source(settings: AnalysisSettings, state: StateStore | None = None) -> CommitmentSource:
    if settings.source == "demo":
        from analysis.sources.demo_insights import DemoCommitmentSource

        return DemoCommitmentSource(seed=settings.demo_seed)
    from analysis.sources.aws_commitments import AwsCommitmentSource

    return AwsCommitmentSource(**_aws_options(settings, state))  # type: ignore[arg-type]


def build_inventories(settings: AnalysisSettings) -> InventoryFactory:
    """Resource inventories for the waste checks: the demo organisation, or AWS through a read-only role
    (FINOPS_MEMBER_ROLE) assumed in each member account; the caller's own account uses its credentials."""
    if settings.source == "demo":
        from analysis.sources.demo_inventory import DemoInventories

        return DemoInventories()
    import boto3  # the composition root is where sessions are made

    from analysis.sources.inventory import AssumeRoleSessions, AwsInventories

    sessions = AssumeRoleSessions(boto3.Session(), settings.member_role)
    return AwsInventories(sessions, home_account=sessions.home_account)
