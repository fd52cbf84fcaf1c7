"""Anomalies for a terminal: what, when, how far above expected, who found it and AWS's root causes."""

from __future__ import annotations

from collections.abc import Callable

from analysis.domain.cost_anomalies import Anomaly, AnomalyReport, RootCause
from analysis.domain.money import Money
from bot.i18n import Formatter
from bot.render.notes import source_name, warning_lines


def render_anomalies(report: AnomalyReport, language: str = "en", *,
                     service_label: Callable[[str], str] = str) -> str:
    fmt = Formatter(language)
    t = fmt.t
    period = fmt.period(report.period)
    title = t("anomalies.title", period=period)
    lines = [title, "=" * len(title)]
    if not report.anomalies:
        lines.append(t("anomalies.none", period=period))
    for anomaly in report.anomalies:
        lines.append(f"⚠ {_line(anomaly, report.currency, fmt, service_label)}")
        lines += [f"    {t('anomalies.cause', parts=_cause(cause, report.currency, fmt))}"
                  for cause in anomaly.root_causes]
    if not report.aws_detection:
        lines += ["", t("anomalies.detector_only")]
    lines += ["", *warning_lines(report.warnings, fmt)]
    lines.append(t("anomalies.footer", start=fmt.day(report.period.start), last=fmt.day(report.period.last_day),
                   fetched=fmt.timestamp(report.fetched_at), source=source_name(report.source, fmt)))
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def _line(anomaly: Anomaly, currency: str, fmt: Formatter, label: Callable[[str], str]) -> str:
    pct = anomaly.excess / anomaly.expected * 100 if anomaly.expected else None
    sources = ", ".join(fmt.t(f"anomalies.source.{s}") for s in anomaly.sources)
    return fmt.t("anomalies.line", service=label(anomaly.service), actual=fmt.money(Money(anomaly.actual, currency)),
                 days=fmt.day_range(anomaly.first_day, anomaly.last_day),
                 expected=fmt.money(Money(anomaly.expected, currency)), pct=fmt.percent(pct), sources=sources)


def _cause(cause: RootCause, currency: str, fmt: Formatter) -> str:
    account = f"{cause.account_name} ({cause.account_id})" if cause.account_name else cause.account_id
    parts = [account, cause.region, cause.usage_type]
    if cause.contribution is not None:
        parts.append(fmt.money(Money(cause.contribution, currency)))
    return " · ".join(p for p in parts if p)
