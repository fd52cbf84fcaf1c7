"""The digest use case: for a subscription and an occurrence, get the report, prepare and deliver it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal, Protocol

from analysis.domain.findings import WasteReport
from analysis.domain.report import CostReport
from analysis.domain.report_json import report_from_json, report_to_json
from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.progress import ProgressListener
from analysis.ports import StateStore
from bot.dashboard.publish import publish_dashboard, report_id
from bot.digests.content import TOP_SAVINGS, compose
from bot.digests.delivery import DigestDelivery, PreparedDigest, initial_targets
from bot.digests.errors import DigestNotReadyError
from bot.digests.ports import Attachment, DeadLetterQueue, LinkSigner, Saving, SummaryWriter, WasteFinder, top_savings
from bot.digests.store import SubscriptionStore
from bot.digests.subscription import Subscription, utc_now

log = logging.getLogger(__name__)

Status = Literal["delivered", "quiet", "fallback", "dead_letter", "skipped"]


class CostAnswers(Protocol):
    """`analysis.service.CostAnalysis`: a fresh report, or the pipeline's."""

    def answer(self, request: AnalysisRequest, progress: ProgressListener = ...) -> CostReport | None: ...


@dataclass
class DigestOutcome:
    subscription: Subscription
    occurrence: datetime
    status: Status
    reason: str = ""
    emails_sent: int = 0
    fallback_sent: int = 0
    dashboard_url: str | None = None
    undelivered: list[str] = field(default_factory=list)


@dataclass
class DigestRunner:
    answers: CostAnswers
    state: StateStore
    store: SubscriptionStore
    delivery: DigestDelivery
    dlq: DeadLetterQueue
    source: str = "demo"
    signer: LinkSigner | None = None
    summary: SummaryWriter | None = None
    waste: WasteFinder | None = None
    charts: bool = True
    as_of: date | None = None  # FINOPS_AS_OF: reproducible runs
    clock: Callable[[], datetime] = utc_now

    def run_due(self, now: datetime | None = None, team: str | None = None) -> list[DigestOutcome]:
        """What EventBridge Scheduler does in production: run every subscription whose time has come."""
        moment = now or self.clock()
        outcomes = []
        for workspace in [team] if team else self.store.teams():
            for subscription in self.store.for_team(workspace):
                occurrence = subscription.is_due(moment, self.store.last_run(subscription))
                if occurrence is not None:
                    outcomes.append(self.run(subscription, occurrence))
        return outcomes

    def run(self, subscription: Subscription, occurrence: datetime) -> DigestOutcome:
        if not self.store.claim_run(subscription, occurrence):
            return DigestOutcome(subscription, occurrence, "skipped")
        try:
            report = self.answers.answer(self.request_for(subscription, occurrence))
            if report is None:
                raise DigestNotReadyError(f"the report for digest {subscription.id} is still being computed")
        except Exception:
            self.store.release_run(subscription, occurrence)  # nothing was sent: let the retry run it
            raise
        digest = self.prepare(subscription, report, occurrence)
        result = self.delivery.deliver(digest, initial_targets(digest.content))
        outcome = DigestOutcome(
            subscription, occurrence, "quiet" if digest.content.quiet else "delivered",
            emails_sent=sum(1 for t in result.delivered if t.startswith("email:")),
            fallback_sent=result.fallback_sent, dashboard_url=digest.content.dashboard_url,
            undelivered=list(result.undelivered),
        )
        if result.fallback_sent:
            outcome.status, outcome.reason = "fallback", self._slack_reason(subscription, occurrence)
        if result.undelivered:
            self.dead_letter(digest, report, result.undelivered, result.reasons)
            outcome.status = "dead_letter" if "slack" in result.undelivered else outcome.status
            outcome.reason = "; ".join(f"{t}: {r}" for t, r in result.reasons.items())
        self.store.record_run(subscription, occurrence, {"status": outcome.status, "reason": outcome.reason})
        return outcome

    def request_for(self, subscription: Subscription, occurrence: datetime) -> AnalysisRequest:
        return AnalysisRequest(period=subscription.report_period, as_of=self.as_of or occurrence.astimezone(UTC).date(),
                               group_by=subscription.group_by, accounts=subscription.accounts, source=self.source)

    def prepare(self, subscription: Subscription, report: CostReport, occurrence: datetime) -> PreparedDigest:
        """Everything but the sending. A replay prepares again: fresh link, savings from a fresh scan."""
        quiet_probe = compose(subscription, report)
        waste = self.waste(report) if self.waste is not None and not quiet_probe.quiet else None
        found = top_savings(waste, TOP_SAVINGS)
        summary = "" if quiet_probe.quiet else self._summary(subscription, report, waste)
        charts = () if quiet_probe.quiet else self._charts(report, subscription.language)
        dashboard_key, url = self._dashboard(subscription, report, found, summary)
        content = compose(subscription, report, savings=found, dashboard_url=url, summary=summary)
        delivery_id = f"{subscription.id}-{occurrence.astimezone(UTC).strftime('%Y%m%dT%H%MZ')}"
        return PreparedDigest(content, occurrence, delivery_id, charts, tuple(found), dashboard_key)

    def dead_letter(self, digest: PreparedDigest, report: CostReport, targets: list[str],
                    reasons: dict[str, str]) -> None:
        """Keep the report and what is left to deliver; `finops digest replay` finishes the job."""
        subscription = digest.content.subscription
        report_key = f"digests/{subscription.team}/reports/{report_id(report)}.json"
        self.state.put(report_key, report_to_json(report).encode(), if_absent=True)
        envelope = {
            "kind": "finops-digest", "version": 1, "delivery_id": digest.delivery_id,
            "subscription": json.loads(subscription.model_dump_json()),
            "occurrence": digest.occurrence.isoformat(), "report_key": report_key, "targets": targets,
            "reasons": reasons,
        }
        self.dlq.send(json.dumps(envelope, sort_keys=True))

    def load_report(self, key: str) -> CostReport:
        raw = self.state.get(key)
        if raw is None:
            raise LookupError(f"the dead letter points at a report that is gone: {key}")
        return report_from_json(raw)

    def _slack_reason(self, subscription: Subscription, occurrence: datetime) -> str:
        stamp = occurrence.isoformat()
        reasons = [f["reason"] for f in self.store.failures(subscription)
                   if f["channel"] == "slack" and f["occurrence"] == stamp]
        return reasons[-1] if reasons else ""

    def _summary(self, subscription: Subscription, report: CostReport, waste: WasteReport | None) -> str:
        if self.summary is None:
            return ""
        return "".join(self.summary(report, subscription.persona, subscription.language, waste)).strip()

    def _charts(self, report: CostReport, language: str) -> tuple[Attachment, ...]:
        if not self.charts:
            return ()
        from bot.charts import ChartsUnavailableError, daily_chart, services_chart
        from bot.i18n import translator

        t = translator(language)
        try:
            return (
                Attachment("daily-cost.png", daily_chart(report, language), "image/png", t("digest.chart.daily")),
                Attachment("top-services.png", services_chart(report, language), "image/png",
                           t("digest.chart.services")),
            )
        except ChartsUnavailableError as exc:
            log.warning("digest without charts: %s", exc)
            return ()

    def _dashboard(self, subscription: Subscription, report: CostReport, savings: list[Saving],
                   summary: str) -> tuple[str, str | None]:
        from bot.dashboard.build import build_dashboard

        html = build_dashboard(report, subscription.language, savings=savings,
                               summaries={subscription.persona: summary} if summary else {},
                               charts=self.charts, generated_at=self.clock())
        return publish_dashboard(self.state, self.signer, report, subscription.language, html)


def occurrence_from(text: str | None, fallback: datetime) -> datetime:
    """Scheduler's `<aws.scheduler.scheduled-time>` is ISO 8601 in UTC."""
    if not text:
        return fallback
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
