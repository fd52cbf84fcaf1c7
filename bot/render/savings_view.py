"""The "top savings" part of a costs answer: the largest waste findings of the same accounts, and where to see
them all. Nothing at all when no findings are at hand (never "US$ 0 of savings")."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.domain.findings import WasteReport
from bot.i18n import Formatter
from bot.render.waste_view import finding_text

TOP = 3


@dataclass(frozen=True)
class SavingsView:
    heading: str
    lines: list[str]
    summary: str
    partial: str | None
    footer: str


def build_savings_view(report: WasteReport | None, language: str, *, top: int = TOP) -> SavingsView | None:
    if report is None or not report.findings:
        return None
    fmt = Formatter(language)
    t = fmt.t
    names = report.account_names
    lines = [t("savings.line", saving=fmt.money(f.estimated_monthly_saving), check=finding_text(f, t)[0],
               resource=f.resource_id, account=names.get(f.account_id, f.account_id), region=f.region)
             for f in report.findings[:top]]
    source = f"waste.source_name.{report.source}"
    return SavingsView(
        heading=t("savings.heading"),
        lines=lines,
        summary=t("savings.summary", n=len(report.findings), total=fmt.money(report.total_saving)),
        partial=t("savings.partial") if report.partial else None,
        footer=t("savings.footer", when=fmt.timestamp(report.generated_at),
                 source=t(source) if t.has(source) else report.source),
    )
