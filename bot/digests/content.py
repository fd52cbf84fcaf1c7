"""What a digest says, before it becomes Slack blocks or an email: the same words everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from analysis.domain.report import CostReport
from bot.digests.ports import Saving
from bot.digests.subscription import Subscription
from bot.i18n import Formatter
from bot.render.cost_view import _mover, build_cost_view  # one mover format everywhere
from bot.render.names import service_label

TOP_MOVERS = 3
TOP_SAVINGS = 3


@dataclass(frozen=True)
class DigestContent:
    subscription: Subscription
    report: CostReport
    language: str
    quiet: bool
    title: str
    total: str
    amount: str
    change: str
    pct: str
    quiet_line: str
    movers: list[str]
    anomalies: list[str]
    savings: list[str]
    footer: str
    partial: str | None
    dashboard_url: str | None
    headings: dict[str, str] = field(default_factory=dict)
    summary: str = ""


def is_quiet(report: CostReport, threshold_pct: Decimal) -> bool:
    """Nothing worth a full digest: the total moved less than the threshold and nothing else needs eyes.

    A partial report, an anomaly, or a period with nothing to compare with is never quiet.
    """
    change = report.delta_pct
    return (change is not None and abs(change) < threshold_pct and not report.anomalies
            and not report.partial)


def compose(subscription: Subscription, report: CostReport, *, savings: Sequence[Saving] = (),
            dashboard_url: str | None = None, summary: str = "") -> DigestContent:
    language = subscription.language
    fmt = Formatter(language)
    t = fmt.t
    view = build_cost_view(report, language, service_label=service_label)
    title = t(f"digest.title.{subscription.cadence.value}", period=fmt.period(report.period))
    total = fmt.money(report.total)
    pct = fmt.percent(report.delta_pct)
    threshold = fmt.percent(subscription.quiet_pct, signed=False, places=0)
    ranked = sorted([*report.movers_up, *report.movers_down], key=lambda m: abs(m.delta.amount), reverse=True)
    movers = [_mover(item, fmt, service_label) for item in ranked[:TOP_MOVERS]]
    return DigestContent(
        subscription=subscription,
        report=report,
        language=language,
        quiet=is_quiet(report, subscription.quiet_pct),
        title=title,
        total=view.total,
        amount=total,
        change=view.change,
        pct=pct,
        quiet_line=t("digest.quiet", title=title, total=total, pct=pct, threshold=threshold),
        movers=movers,
        anomalies=view.anomalies,
        savings=[t("digest.saving_line", title=s.title, monthly=fmt.money(s.monthly)) for s in
                 savings[:TOP_SAVINGS]],
        footer=view.footer,
        partial=view.partial,
        dashboard_url=dashboard_url,
        headings={"movers": t("digest.movers"), "anomalies": t("digest.anomalies"),
                  "savings": t("digest.savings"), "dashboard": t("digest.dashboard")},
        summary=summary,
    )
