"""Everything a dashboard needs, gathered: charts as SVG, then the page."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime

from analysis.domain.report import CostReport
from bot.dashboard.render import DashboardInputs, render_dashboard
from bot.digests.ports import Saving

log = logging.getLogger(__name__)


def build_dashboard(report: CostReport, language: str, *, savings: Sequence[Saving] = (),
                    summaries: Mapping[str, str] | None = None, charts: bool = True,
                    generated_at: datetime | None = None) -> str:
    svgs: dict[str, bytes] = {}
    if charts:
        from bot.charts import ChartsUnavailableError, daily_chart, services_chart

        try:
            svgs = {"daily": daily_chart(report, language, "svg"), "services": services_chart(report, language, "svg")}
        except ChartsUnavailableError as exc:
            log.warning("dashboard without charts: %s", exc)
    return render_dashboard(DashboardInputs(report, language, savings=savings, summaries=summaries or {},
                                            charts=svgs, generated_at=generated_at))
