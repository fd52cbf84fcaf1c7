"""Charts of a report: daily cost against the comparison period, and the top services.

matplotlib is heavy (≈0.5 s to import), so it is imported inside the functions, never at module
import: the Slack ack path must not pay for it. Amounts become floats here only to be drawn; every
number a person reads comes from the Decimal figures in the text beside the chart.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any, Literal

from analysis.domain.report import CostReport
from bot.i18n import Formatter

ChartFormat = Literal["png", "svg"]
TOP_SERVICES = 8
_THIS, _PREVIOUS, _GRID = "#1f6feb", "#8c959f", "#d0d7de"


class ChartsUnavailableError(RuntimeError):
    """matplotlib is not installed (the `charts` extra)."""


def daily_chart(report: CostReport, language: str, fmt: ChartFormat = "png") -> bytes:
    plt = _pyplot()
    t = Formatter(language)
    days = [p.day for p in report.daily]
    figure, axes = plt.subplots(figsize=(8, 3.2), dpi=110)
    axes.plot(days, [float(p.cost.amount) for p in report.daily], color=_THIS, linewidth=2,
              label=t.t("digest.chart.this_period"))
    previous = [(p.day, float(p.comparison_cost.amount)) for p in report.daily if p.comparison_cost is not None]
    if previous:
        axes.plot([d for d, _ in previous], [v for _, v in previous], color=_PREVIOUS, linewidth=1.5,
                  linestyle="--", label=t.t("digest.chart.comparison"))
    estimated = [p for p in report.daily if p.estimated]
    if estimated:
        half_day = timedelta(hours=12)  # shade whole days, even when only one is not final
        axes.axvspan(estimated[0].day - half_day, estimated[-1].day + half_day, color=_GRID, alpha=0.5,
                     label=t.t("digest.chart.estimated"))
    axes.set_title(t.t("digest.chart.daily"), loc="left", fontsize=11)
    axes.yaxis.set_major_formatter(_money_ticks(report.currency, t))
    axes.set_xticks(days[:: max(1, len(days) // 8)])
    axes.set_xticklabels([t.short_day(d) for d in days[:: max(1, len(days) // 8)]], fontsize=8)
    _finish(axes)
    axes.legend(frameon=False, fontsize=8, loc="lower right", bbox_to_anchor=(1, 1), ncol=3)  # above the plot
    return _save(plt, figure, fmt)


def services_chart(report: CostReport, language: str, fmt: ChartFormat = "png",
                   top: int = TOP_SERVICES) -> bytes:
    from bot.render.names import service_label

    plt = _pyplot()
    t = Formatter(language)
    items = list(report.by_service[:top])[::-1]  # largest at the top
    labels = [service_label(i.key) for i in items]
    figure, axes = plt.subplots(figsize=(8, 0.45 * max(len(items), 1) + 1.0), dpi=110)
    positions = range(len(items))
    axes.barh([p + 0.2 for p in positions], [float(i.cost.amount) for i in items], height=0.4, color=_THIS,
              label=t.t("digest.chart.this_period"))
    axes.barh([p - 0.2 for p in positions], [float(i.comparison.amount) for i in items], height=0.4,
              color=_PREVIOUS, label=t.t("digest.chart.comparison"))
    axes.set_yticks(list(positions))
    axes.set_yticklabels(labels, fontsize=8)
    axes.xaxis.set_major_formatter(_money_ticks(report.currency, t))
    axes.set_title(t.t("digest.chart.services"), loc="left", fontsize=11)
    _finish(axes)
    axes.legend(frameon=False, fontsize=8, loc="lower right")
    return _save(plt, figure, fmt)


def _pyplot() -> Any:
    try:
        import matplotlib
    except ModuleNotFoundError as exc:
        raise ChartsUnavailableError("charts need matplotlib: pip install 'finops-aws[charts]'") from exc
    matplotlib.use("Agg")  # no display in Lambda or CI
    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "finops", "font.size": 9})
    import matplotlib.pyplot as plt

    return plt


def _money_ticks(currency: str, fmt: Formatter) -> Any:
    from decimal import Decimal

    from matplotlib.ticker import FuncFormatter

    from analysis.domain.money import Money

    def tick(value: float, _position: int) -> str:
        return Money(Decimal(round(value)), currency).format(fmt.language)[:-3]  # whole units: drop ".00"

    return FuncFormatter(tick)


def _finish(axes: Any) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="both", color=_GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def _save(plt: Any, figure: Any, fmt: ChartFormat) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}  # reproducible bytes
    figure.savefig(buffer, format=fmt, metadata=metadata)
    plt.close(figure)
    return buffer.getvalue()
