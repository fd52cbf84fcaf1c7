"""Commitments for a terminal: what expires soon first, then coverage and utilization, then everything."""

from __future__ import annotations

from datetime import timedelta

from tabulate import tabulate

from analysis.domain.commitments import Commitment, CommitmentsReport, Usage
from bot.i18n import Formatter
from bot.render.notes import source_name, warning_lines


def render_commitments(report: CommitmentsReport, language: str = "en") -> str:
    fmt = Formatter(language)
    t = fmt.t
    title = t("commitments.title", day=fmt.day(report.as_of))
    lines = [title, "=" * len(title)]
    if report.expiring:
        lines.append(t("commitments.expiring", days=report.window_days))
        lines += [f"  ⚠ {_expiring(c, report, fmt)}" for c in report.expiring]
    else:
        lines.append(t("commitments.expiring_none", days=report.window_days))
    if report.usage:
        first = report.usage[0]
        lines += ["", t("commitments.usage", start=fmt.day(first.start), last=fmt.day(first.end - timedelta(days=1)))]
        lines += [f"  {_usage(u, fmt)}" for u in report.usage]
    lines += ["", t("commitments.all")]
    if report.commitments:
        rows = [[_name(c), _where(c, fmt), fmt.day(c.end - timedelta(days=1)), str(c.days_left(report.as_of))]
                for c in sorted(report.commitments, key=lambda c: c.end)]
        headers = [t("commitments.col.commitment"), t("commitments.col.where"), t("commitments.col.ends"),
                   t("commitments.col.days_left")]
        lines.append(tabulate(rows, headers=headers, colalign=("left", "left", "left", "right"), tablefmt="simple"))
    else:
        lines.append(t("commitments.none"))
    lines += ["", *warning_lines(report.warnings, fmt)]
    lines.append(t("commitments.footer", fetched=fmt.timestamp(report.fetched_at),
                   source=source_name(report.source, fmt)))
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def _name(commitment: Commitment) -> str:
    return commitment.description + (f" ×{commitment.count}" if commitment.count else "")


def _where(commitment: Commitment, fmt: Formatter) -> str:
    parts = [commitment.account_id, commitment.region or fmt.t("commitments.everywhere")]
    return " · ".join(p for p in parts if p)


def _expiring(commitment: Commitment, report: CommitmentsReport, fmt: Formatter) -> str:
    return fmt.t("commitments.expiring_line", description=_name(commitment), where=_where(commitment, fmt),
                 end=fmt.day(commitment.end - timedelta(days=1)), days=commitment.days_left(report.as_of))


def _usage(usage: Usage, fmt: Formatter) -> str:
    family = fmt.t(f"commitments.family.{usage.family}")
    if usage.coverage_pct is None and usage.utilization_pct is None:
        return fmt.t("commitments.no_data", family=family)
    line = fmt.t("commitments.usage_line", family=family, coverage=fmt.percent(usage.coverage_pct, signed=False),
                 utilization=fmt.percent(usage.utilization_pct, signed=False))
    if usage.on_demand_cost and usage.unused_commitment and usage.net_savings:
        line += fmt.t("commitments.usage_money", on_demand=fmt.money(usage.on_demand_cost),
                      unused=fmt.money(usage.unused_commitment), savings=fmt.money(usage.net_savings))
    return line
