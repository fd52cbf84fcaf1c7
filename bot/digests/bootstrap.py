"""Composition root of digests: builds every adapter from settings; tests pass their own."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from analysis.bootstrap import build_cost_analysis, build_state
from analysis.domain.findings import WasteReport
from analysis.domain.forecast import Forecast
from analysis.domain.report import CostReport
from analysis.errors import AnalysisError
from analysis.ports import CostSource, StateStore
from bot.digests.admin import DigestAdmin
from bot.digests.delivery import DigestDelivery
from bot.digests.ports import (
    ChatPoster,
    DeadLetterQueue,
    DigestScheduler,
    EmailSender,
    LinkSigner,
    SummaryWriter,
    WasteFinder,
)
from bot.digests.replay import DigestReplayer
from bot.digests.service import DigestRunner
from bot.digests.settings import DigestSettings
from bot.digests.store import SubscriptionStore
from bot.digests.subscription import utc_now

log = logging.getLogger(__name__)


@dataclass
class DigestApp:
    settings: DigestSettings
    state: StateStore
    store: SubscriptionStore
    admin: DigestAdmin
    runner: DigestRunner
    replayer: DigestReplayer


def build_digest_app(
    settings: DigestSettings | None = None, *, state: StateStore | None = None, costs: CostSource | None = None,
    poster: ChatPoster | None = None, email: EmailSender | None = None, dlq: DeadLetterQueue | None = None,
    scheduler: DigestScheduler | None = None, signer: LinkSigner | None = None,
    summary: SummaryWriter | None = None, waste: WasteFinder | None = None, charts: bool = True,
    out: TextIO | None = None, clock: Callable[[], datetime] = utc_now,
) -> DigestApp:
    settings = settings or DigestSettings.model_validate({})
    state = state if state is not None else build_state(settings)
    store = SubscriptionStore(state)
    analysis = build_cost_analysis(settings, state=state, costs=costs)
    dlq = dlq if dlq is not None else build_dead_letter_queue(settings, state)
    delivery = DigestDelivery(state, store, poster if poster is not None else build_poster(settings, out),
                              email if email is not None else build_email_sender(settings))
    runner = DigestRunner(
        answers=analysis, state=state, store=store, delivery=delivery, dlq=dlq, source=settings.source,
        signer=signer if signer is not None else build_link_signer(settings),
        summary=summary if summary is not None else build_summary_writer(settings, state),
        waste=waste if waste is not None else build_waste_finder(settings, clock, state),
        charts=charts, as_of=settings.as_of, clock=clock,
    )
    admin = DigestAdmin(store, scheduler if scheduler is not None else build_scheduler(settings),
                        default_timezone=settings.timezone, default_language=settings.language,
                        default_quiet_pct=settings.digest_quiet_pct, clock=clock)  # one store for both
    return DigestApp(settings, state, store, admin, runner, DigestReplayer(runner, dlq))


def build_scheduler(settings: DigestSettings, client: Any = None) -> DigestScheduler:
    if not settings.digest_function_arn or not settings.scheduler_role_arn:
        from bot.adapters.local import LocalScheduler

        return LocalScheduler()
    from bot.adapters.scheduler import EventBridgeScheduler, ScheduleTarget

    target = ScheduleTarget(settings.digest_function_arn, settings.scheduler_role_arn, settings.digest_dlq_arn,
                            group=settings.schedule_group)
    return EventBridgeScheduler(target, client)


def build_digest_admin(settings: DigestSettings, state: StateStore) -> DigestAdmin:
    """What `/finops digest …` needs in the Slack Lambda: the store and the scheduler, nothing that posts."""
    return DigestAdmin(SubscriptionStore(state), build_scheduler(settings), default_timezone=settings.timezone,
                       default_language=settings.language, default_quiet_pct=settings.digest_quiet_pct)


def build_poster(settings: DigestSettings, out: TextIO | None = None, secrets_client: Any = None) -> ChatPoster:
    """Slack with the bot token (SLACK_BOT_TOKEN, or the Secrets Manager secret SLACK_SECRET_ARN names)."""
    from bot.settings import SlackSettings

    slack = SlackSettings.model_validate({})
    token = slack.bot_token.get_secret_value() if slack.bot_token else None
    if token is None and slack.secret_arn:
        from bot.adapters.secrets import read_slack_secret

        token = read_slack_secret(slack.secret_arn, secrets_client)["bot_token"]
    if token:
        from bot.adapters.slack_poster import SlackPoster, digest_web_client

        return SlackPoster(digest_web_client(token, slack.api_url))
    from bot.adapters.local import ConsolePoster

    return ConsolePoster(out or sys.stdout, attachments_dir=settings.state_dir / "slack-files")


def build_email_sender(settings: DigestSettings, client: Any = None) -> EmailSender:
    if settings.email_sender:
        from bot.adapters.ses import SesEmailSender

        return SesEmailSender(settings.email_sender, client, settings.email_configuration_set)
    from bot.adapters.local import OutboxEmailSender

    return OutboxEmailSender(settings.email_outbox or settings.state_dir / "outbox", "finops@localhost")


def build_dead_letter_queue(settings: DigestSettings, state: StateStore, client: Any = None) -> DeadLetterQueue:
    if settings.digest_dlq_url:
        from bot.adapters.sqs_dlq import SqsDeadLetterQueue

        return SqsDeadLetterQueue(settings.digest_dlq_url, client)
    from bot.adapters.local import StateDeadLetterQueue

    return StateDeadLetterQueue(state)


def build_link_signer(settings: DigestSettings, client: Any = None) -> LinkSigner:
    if settings.bucket:
        from bot.adapters.s3_links import S3LinkSigner

        return S3LinkSigner(settings.bucket, settings.dashboard_link_hours * 3600, client)
    from bot.adapters.local import FileLinkSigner

    return FileLinkSigner(settings.state_dir)


def build_summary_writer(settings: DigestSettings, state: StateStore) -> SummaryWriter:
    """The consultant's persona summary (offline templates unless FINOPS_LLM names an AI backend), given the
    waste scan's savings and the month's forecast for the report's accounts, as the bot gives it in Slack."""
    from bot.i18n import translator
    from bot.outlook import insights_of
    from bot.render.waste_view import finding_text
    from consultant.bootstrap import build_assistant
    from consultant.personas import Persona
    from consultant.settings import ConsultantSettings

    assistant = build_assistant(ConsultantSettings.model_validate({"llm": settings.llm}), state=state)

    def summarise(report: CostReport, persona: str, language: str, waste: WasteReport | None) -> Iterator[str]:
        t = translator(language)
        insights = insights_of(waste, month_forecast(settings, state, report), lambda f: finding_text(f, t)[0])
        return iter(assistant.summarise(report, Persona.parse(persona), language, insights=insights))

    return summarise


def month_forecast(settings: DigestSettings, state: StateStore, report: CostReport) -> Forecast | None:
    """The forecast of the month the report was made in, same accounts and basis; None (logged) when the
    source refuses: the summary then goes without it rather than without being sent."""
    from analysis.bootstrap import build_forecast_source

    try:
        return build_forecast_source(settings, state).forecast(report.period.as_of, report.basis,
                                                               report.accounts_in_scope)
    except AnalysisError as exc:
        log.warning("digest summary without a forecast: %s: %s", type(exc).__name__, exc)
        return None


def build_waste_finder(settings: DigestSettings, clock: Callable[[], datetime],
                       state: StateStore | None = None) -> WasteFinder | None:
    """The demo organisation has an inventory to check on the spot; for AWS, the latest `/finops waste` report of
    the same accounts while fresh (a scan of every account and region takes minutes), else no savings section
    rather than an invented one."""
    if settings.source != "demo":
        if state is None:
            return None
        from analysis.bootstrap import build_waste_findings

        kept = build_waste_findings(settings, state, clock)
        return lambda report: kept.fresh(
            tuple(sorted(report.accounts_in_scope)) if report.accounts_in_scope is not None else None)
    from analysis.sources.demo_inventory import DemoInventories
    from bot.digests.savings import WasteScan

    return WasteScan(DemoInventories(), clock)
