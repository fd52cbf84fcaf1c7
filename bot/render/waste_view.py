"""What a waste answer says, in the reader's language, independent of where it is shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.domain.findings import Finding, WasteReport
from bot.i18n import Formatter, Translator

RULE_SOURCES = ("rule",)


@dataclass(frozen=True)
class WasteRow:
    number: int
    saving: str
    check: str
    account: str
    region: str  # with a * when the saving was priced at another region's rates
    resource: str
    why: str
    action: str
    agreed: str | None


@dataclass(frozen=True)
class WasteView:
    title: str
    total: str
    partial: str | None
    empty: str | None
    rows: list[WasteRow]
    by_account: list[list[str]]
    headings: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    footer: str = ""


def finding_text(finding: Finding, t: Translator) -> tuple[str, str]:
    """The check's title and the reason in the reader's language; AWS's own words when we have no template."""
    values = {key: t(f"waste.aws.{value}") if t.has(f"waste.aws.{value}") else value
              for key, value in finding.details.items()}
    reason_key = f"waste.reason.{finding.check_id}"
    if finding.source == "cost-optimization-hub" and not finding.details.get("recommended"):
        reason_key += ".no_target"
    try:
        title = t(f"waste.check.{finding.check_id}", **values)
        reason = t(reason_key, **values)
    except KeyError:  # a check id or detail this catalog does not know: show what the source said
        return finding.title, finding.reason
    return title, reason


def build_waste_view(report: WasteReport, language: str = "en") -> WasteView:
    fmt = Formatter(language)
    t = fmt.t
    names = report.account_names
    rows = []
    for number, finding in enumerate(report.findings, start=1):
        title, reason = finding_text(finding, t)
        fallback = "priced_in" in finding.details
        agreed = sorted({t(f"waste.source.{c.source}") for c in finding.agreed_by})
        rows.append(WasteRow(
            number=number, saving=fmt.money(finding.estimated_monthly_saving), check=title,
            account=names.get(finding.account_id, finding.account_id),
            region=finding.region + ("*" if fallback else ""), resource=finding.resource_id, why=reason,
            action=finding.action, agreed=t("waste.agreed", sources=", ".join(agreed)) if agreed else None))
    by_account = [[names.get(g.key, g.key), str(g.findings), fmt.money(g.saving)] for g in report.by_account]
    as_of = max((f.details["price_as_of"] for f in report.findings if "price_as_of" in f.details), default=None)
    notes = [t("waste.fallback_price", region="us-east-1")] if any(r.region.endswith("*") for r in rows) else []
    parts = "; ".join(f"{m.description}: {m.reason}" for m in report.missing)
    return WasteView(
        title=t("waste.title", accounts=len(report.scope.accounts), regions=len(report.scope.regions)),
        total=t("waste.total", saving=fmt.money(report.total_saving), n=len(report.findings)),
        partial=t("waste.partial", n=len(report.missing), parts=parts) if report.partial else None,
        empty=t("waste.empty") if not report.findings else None,
        rows=rows, by_account=by_account,
        headings={key: t(f"waste.{key}") for key in ("findings", "by_account", "actions")}
        | {f"col.{key}": t(f"waste.col.{key}") for key in ("saving", "check", "account", "region", "resource", "why",
                                                             "findings")},
        notes=notes,
        footer=t("waste.footer", as_of=as_of or "—", when=fmt.timestamp(report.generated_at),
                 source=t(f"waste.source_name.{report.source}") if t.has(f"waste.source_name.{report.source}")
                 else report.source),
    )
