"""Renders a report as `dashboard.html`: totals, trend, services, accounts, anomalies, savings, summaries."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from analysis.domain.report import CostReport
from bot.digests.ports import Saving
from bot.i18n import Formatter
from bot.render.cost_view import build_cost_view
from bot.render.names import service_label
from bot.templating import render

DASHBOARD_ROWS = 15


@dataclass(frozen=True)
class DashboardInputs:
    report: CostReport
    language: str = "en"
    savings: Sequence[Saving] = ()
    summaries: Mapping[str, str] = field(default_factory=dict)  # persona id → text
    charts: Mapping[str, bytes] = field(default_factory=dict)  # name → SVG document
    generated_at: datetime | None = None


def render_dashboard(inputs: DashboardInputs) -> str:
    report, fmt = inputs.report, Formatter(inputs.language)
    t = fmt.t
    view = build_cost_view(report, inputs.language, service_label=service_label, top=DASHBOARD_ROWS)
    by_title = {table.title: table for table in view.tables}
    return render(
        "bot.dashboard", "dashboard.html.j2",
        lang=inputs.language,
        title=t("digest.dashboard.title", period=fmt.period(report.period)),
        view=view,
        services=by_title.get(t("costs.top_services")),
        accounts=by_title.get(t("costs.by_account")),
        other_tables=[tb for tb in view.tables if tb.title not in (t("costs.top_services"), t("costs.by_account"))],
        kpis=[
            (t("costs.total"), fmt.money(report.total)),
            (t("digest.dashboard.comparison"), fmt.money(report.comparison_total)),
            (t("digest.dashboard.change"),
             f"{fmt.percent(report.delta_pct)} ({fmt.signed_money(report.delta.cents())})"),
            (t("digest.dashboard.anomalies"), str(len(report.anomalies))),
        ],
        charts={name: _inline_svg(svg) for name, svg in inputs.charts.items()},
        savings=[t("digest.saving_line", title=s.title, monthly=fmt.money(s.monthly)) for s in inputs.savings],
        summaries=[(t(f"digest.persona.{p}") if t.has(f"digest.persona.{p}") else p, text)
                   for p, text in inputs.summaries.items()],
        generated=t("digest.dashboard.generated", when=fmt.timestamp(inputs.generated_at or datetime.now(UTC))),
        t=t,
    )


_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def _inline_svg(document: bytes) -> str:
    """matplotlib writes a standalone SVG file; inside HTML only the <svg> element is wanted."""
    text = _PROLOGUE.sub("", document.decode("utf-8"), count=1)
    return text.replace("<svg ", '<svg role="img" preserveAspectRatio="xMinYMin meet" ', 1)
