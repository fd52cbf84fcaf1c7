"""What a costs answer says, independent of where it is shown (Slack blocks, terminal, email)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from analysis.domain.costs import Dimension
from analysis.domain.money import Money
from analysis.domain.report import CostReport, LineItem
from analysis.domain.rounding import round_preserving_total
from bot.i18n import Formatter
from bot.render.notes import warning_lines

TOP_ROWS = 10


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    total_row: list[str] | None = None


@dataclass(frozen=True)
class CostView:
    title: str
    total: str
    change: str
    partial: str | None
    tables: list[Table]
    movers_up: list[str]
    movers_down: list[str]
    anomalies: list[str]
    notes: list[str] = field(default_factory=list)
    footer: str = ""
    headings: dict[str, str] = field(default_factory=dict)  # section titles in the view's language
    empty: str | None = None


def build_cost_view(
    report: CostReport, language: str = "en", *, service_label: Callable[[str], str] = str, top: int = TOP_ROWS
) -> CostView:
    fmt = Formatter(language)
    t = fmt.t
    period_text = fmt.period(report.period)
    comparison = report.period.comparison
    comparison_text = (
        t("period.range", start=fmt.day(comparison.start), last=fmt.day(comparison.last_day))
        if comparison else t("period.comparison")
    )
    if report.comparison_total.is_zero():
        change = t("costs.no_comparison", comparison=comparison_text)
    else:
        change = t("costs.change_vs", arrow=_arrow(report.delta), pct=fmt.percent(report.delta_pct),
                   delta=fmt.signed_money(report.delta.cents()), comparison=comparison_text,
                   comparison_total=fmt.money(report.comparison_total))
    tables = [_breakdown(t("costs.top_services"), t("col.service"), report.by_service, report, fmt, service_label, top)]
    if report.group_by.dimension not in (Dimension.SERVICE, Dimension.ACCOUNT) and report.by_dimension:
        label = t(f"dimension.{report.group_by.dimension.value}", key=report.group_by.key or "")
        tables.insert(0, _breakdown(t("costs.by_dimension", dimension=label), label.capitalize(),
                                    report.by_dimension, report, fmt, str, top))
    if len(report.by_account) > 1 or report.group_by.dimension == Dimension.ACCOUNT:
        account_table = _breakdown(t("costs.by_account"), t("col.account"), report.by_account, report, fmt,
                                   lambda key: _account_label(report, key), top)
        tables.insert(0 if report.group_by.dimension == Dimension.ACCOUNT else len(tables), account_table)
    notes = []
    if report.appeared:
        notes.append(t("costs.appeared", names=", ".join(service_label(s) for s in report.appeared)))
    if report.vanished:
        notes.append(t("costs.vanished", names=", ".join(service_label(s) for s in report.vanished)))
    notes += warning_lines(report.warnings, fmt)
    partial = None
    if report.partial:
        parts = "; ".join(f"{m.description} ({m.reason})" for m in report.missing)
        partial = t("costs.partial", n=len(report.missing), parts=parts)
    return CostView(
        title=t("costs.title", period=period_text),
        total=f"{t('costs.total')}: {fmt.money(report.total)}",
        change=change,
        partial=partial,
        tables=tables,
        movers_up=[_mover(m, fmt, service_label) for m in report.movers_up],
        movers_down=[_mover(m, fmt, service_label) for m in report.movers_down],
        anomalies=[
            t("costs.anomaly_line", service=service_label(a.service),
              actual=fmt.money(Money(a.actual, report.currency)),
              days=fmt.day_range(a.first_day, a.last_day),
              expected=fmt.money(Money(a.expected, report.currency)),
              pct=fmt.percent((a.actual - a.expected) / a.expected * 100 if a.expected else None))
            for a in report.anomalies
        ],
        notes=notes,
        footer=provenance(report, fmt),
        empty=t("costs.empty", period=period_text) if not report.by_service and not report.partial else None,
        headings={"movers_up": t("costs.movers_up"), "movers_down": t("costs.movers_down"),
                  "anomalies": t("costs.anomalies")},
    )


def provenance(report: CostReport, fmt: Formatter) -> str:
    """Basis, credits, period, freshness and source: every figure says where it comes from."""
    t = fmt.t
    estimated = len(report.estimated_days)
    return t(
        "footer.provenance",
        basis=t(f"basis.{report.basis.metric.value}"),
        credits=t("footer.included" if report.basis.credits_included else "footer.excluded"),
        tax=t("footer.included" if report.basis.tax_included else "footer.excluded"),
        start=fmt.day(report.period.start),
        last=fmt.day(report.period.last_day),
        days=report.period.days,
        fetched=fmt.timestamp(report.fetched_at),
        estimated=t("footer.estimated", n=estimated) if estimated else "",
        source=t(f"source.{report.source}") if t.has(f"source.{report.source}") else report.source,
    )


def _breakdown(
    title: str, key_header: str, items: Sequence[LineItem], report: CostReport, fmt: Formatter,
    label: Callable[[str], str], top: int,
) -> Table:
    """Top rows plus one "Other" row, rounded so the shown figures add up to the shown total."""
    head, tail = list(items[:top]), list(items[top:])
    amounts = [i.cost.amount for i in head]
    if tail:
        amounts.append(sum((i.cost.amount for i in tail), Decimal(0)))
    rounded = round_preserving_total(amounts)
    total = report.total.amount
    rows = [
        [label(item.key), fmt.money(Money(rounded[n], report.currency)), fmt.share(item.share), _change(item, fmt)]
        for n, item in enumerate(head)
    ]
    if tail:
        other = Money(rounded[-1], report.currency)
        rows.append([fmt.t("costs.other_rows", n=len(tail)), fmt.money(other),
                     fmt.share(other.amount / total if total else None), ""])
    headers = [key_header, fmt.t("col.cost"), fmt.t("col.share"), fmt.t("col.change")]
    total_row = [fmt.t("costs.total"), fmt.money(Money(sum(rounded, Decimal(0)), report.currency)), "", ""]
    return Table(title, headers, rows, total_row)


def _change(item: LineItem, fmt: Formatter) -> str:
    if item.comparison.is_zero():
        return fmt.t("change.new") if not item.cost.is_zero() else ""
    if item.cost.is_zero():
        return fmt.t("change.gone")
    return fmt.percent(item.delta_pct)


def _mover(item: LineItem, fmt: Formatter, label: Callable[[str], str]) -> str:
    return (f"{_arrow(item.delta)} {label(item.key)}: {fmt.signed_money(item.delta.cents())} "
            f"({fmt.money(item.comparison.cents())} → {fmt.money(item.cost.cents())})")


def _arrow(delta: Money) -> str:
    return "▲" if delta.amount > 0 else ("▼" if delta.amount < 0 else "■")


def _account_label(report: CostReport, account_id: str) -> str:
    name = report.account_names.get(account_id)
    return f"{name} ({account_id})" if name and name != account_id else account_id
