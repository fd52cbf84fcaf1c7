"""Composition root of the analysis side: builds adapters from settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from analysis.checks.ports import InventoryFactory
from analysis.domain.findings import WasteReport
from analysis.errors import SourceUnavailableError
from analysis.pipeline.local import LocalPipeline
from analysis.ports import AnomalySource, CommitmentSource, CostSource, ForecastSource, StateStore
from analysis.security import SecurityFindingsSource
from analysis.service import CostAnalysis, PipelineRunner
from analysis.settings import AnalysisSettings
from analysis.state import LocalStateStore
from analysis.waste_service import Scanner, WasteFindings

if TYPE_CHECKING:
    from analysis.pipeline.kinds import WorkKinds
    from analysis.pipeline.stepfunctions import SqsDeadLetters, StepFunctionsPipeline


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
    pipeline: PipelineRunner
    if settings.pipeline == "stepfunctions":
        pipeline = build_step_functions(settings, state)
    else:
        pipeline = LocalPipeline(state, kinds=build_work_kinds(settings, state, costs),
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
    from analysis.sources.organizations import OrganizationsDirectory

    sessions = AssumeRoleSessions(boto3.Session(), settings.member_role)
    return AwsInventories(sessions, home_account=sessions.home_account,
                          directory=OrganizationsDirectory(cache=build_state(settings)))


def waste_scanner(settings: AnalysisSettings, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Scanner:
    """The waste checks over some accounts (None: the inventories' default accounts), in this process. A fixed
    FINOPS_AS_OF judges resource ages at 06:00 UTC that day, so answers are reproducible."""
    from analysis.checks import scan

    def run(accounts: Sequence[str] | None) -> WasteReport:
        inventories = build_inventories(settings)
        now = datetime.combine(settings.as_of, time(6, 0), UTC) if settings.as_of else clock()
        chosen = list(accounts) if accounts is not None else inventories.default_accounts()
        return scan(inventories, chosen, clock=lambda: now, max_workers=settings.max_workers * 2)

    return run


def build_waste_findings(settings: AnalysisSettings, state: StateStore,
                         clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> WasteFindings:
    """Stored waste reports for other answers to cite; the demo organisation is also scanned on the spot (its
    inventory is in memory), AWS accounts only by `/finops waste` (a scan takes minutes and many API calls)."""
    return WasteFindings(state, settings.source, freshness=timedelta(hours=settings.freshness_hours),
                         scanner=waste_scanner(settings, clock) if settings.source == "demo" else None, clock=clock)


def build_work_kinds(settings: AnalysisSettings, state: StateStore, costs: CostSource | None = None) -> WorkKinds:
    """What the pipeline can analyse: costs, and waste checks (inventories open on first use)."""
    from analysis.pipeline.kinds import CostWork
    from analysis.pipeline.waste_work import WasteWork

    return {"costs": CostWork(costs if costs is not None else build_cost_source(settings, state)),
            "waste": WasteWork(lambda: build_inventories(settings))}


def build_step_functions(settings: AnalysisSettings, state: StateStore, client: Any = None) -> StepFunctionsPipeline:
    """The workers run in Lambda and read their state from S3, so the asker must share that bucket."""
    from analysis.pipeline.stepfunctions import StepFunctionsPipeline

    if not settings.state_machine_arn or not settings.bucket:
        raise SourceUnavailableError(
            "FINOPS_PIPELINE=stepfunctions needs FINOPS_STATE_MACHINE_ARN and FINOPS_BUCKET (the state the "
            "Lambdas share); set both, or use FINOPS_PIPELINE=local."
        )
    return StepFunctionsPipeline(client or _client("stepfunctions"), settings.state_machine_arn, state)


def build_dead_letter_replay(settings: AnalysisSettings, *, sqs: Any = None,
                             stepfunctions: Any = None) -> tuple[SqsDeadLetters, StepFunctionsPipeline]:
    from analysis.pipeline.stepfunctions import SqsDeadLetters, StepFunctionsPipeline

    if not settings.dlq_url:
        raise SourceUnavailableError("FINOPS_DLQ_URL is not set: the replay reads the pipeline's dead-letter queue.")
    executions = StepFunctionsPipeline(stepfunctions or _client("stepfunctions"), settings.state_machine_arn or "",
                                       build_state(settings))
    return SqsDeadLetters(sqs or _client("sqs"), settings.dlq_url), executions


def _client(service: str) -> Any:
    import boto3  # the normal credential chain; AWS_ENDPOINT_URL points it at a moto server

    return boto3.client(service)  # type: ignore[call-overload]  # the stubs overload per literal name


def build_security_findings(settings: AnalysisSettings, regions: list[str] | None = None) -> SecurityFindingsSource:
    """Security Hub, GuardDuty and Macie counts: demo, or AWS in the regions given (default: the session's)."""
    if settings.source == "demo":
        from analysis.sources.demo_security import DemoSecurityFindings

        return DemoSecurityFindings()
    import boto3

    from analysis.sources.security import AwsSecurityFindings

    session = boto3.Session()
    return AwsSecurityFindings(session, regions or [session.region_name or "us-east-1"])
