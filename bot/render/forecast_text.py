"""A forecast for a terminal (and the text the bot posts): each horizon's expected total and interval."""

from __future__ import annotations

from datetime import timedelta

from analysis.domain.forecast import Forecast
from bot.i18n import Formatter
from bot.render.notes import included, source_name, warning_lines


def render_forecast(forecast: Forecast, language: str = "en") -> str:
    fmt = Formatter(language)
    t = fmt.t
    title = t("forecast.title", day=fmt.day(forecast.as_of))
    lines = [title, "=" * len(title)]
    for horizon in forecast.horizons:
        lines.append(t("forecast.expected", horizon=t(f"forecast.horizon.{horizon.kind}"),
                       start=fmt.day(horizon.start), last=fmt.day(horizon.end - timedelta(days=1)),
                       total=fmt.money(horizon.expected_total), confidence=forecast.confidence,
                       lower=fmt.money(horizon.total_lower), upper=fmt.money(horizon.total_upper)))
        lines.append("  " + t("forecast.split", actual=fmt.money(horizon.actual), forecast=fmt.money(horizon.forecast),
                              days=(horizon.end - horizon.as_of).days))
    lines += ["", *warning_lines(forecast.warnings, fmt)]
    lines.append(t("forecast.footer", basis=t(f"basis.{forecast.basis.metric.value}"),
                   credits=included(forecast.basis.credits_included, fmt),
                   tax=included(forecast.basis.tax_included, fmt), method=t(f"forecast.method.{forecast.method}"),
                   fetched=fmt.timestamp(forecast.fetched_at), source=source_name(forecast.source, fmt)))
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"
