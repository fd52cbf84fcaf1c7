"""`finops security` for people: spend and finding counts per security service, with the cost basis."""

from __future__ import annotations

from tabulate import tabulate

from analysis.domain.security import SecurityPosture, Severity
from analysis.security import REPORTED_SEVERITIES
from bot.i18n import Formatter
from bot.render.cost_view import build_cost_view
from bot.render.names import service_label

COLUMNS = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFORMATIONAL)


def render_security_text(posture: SecurityPosture, language: str = "en") -> str:
    fmt = Formatter(language)
    t = fmt.t
    period = fmt.period(posture.report.period)
    title = t("security.title", period=period)
    lines = [title, "=" * len(title)]
    missing = [*posture.report.missing, *posture.missing]
    if missing:
        lines.append("⚠ " + t("security.partial", n=len(missing),
                                parts="; ".join(f"{m.description}: {m.reason}" for m in missing)))
    if not posture.lines:
        return "\n".join([*lines, t("security.empty", period=period)]) + "\n"
    counted = sum(line.findings.counts.total for line in posture.lines if line.findings)
    lines += [t("security.total", spend=fmt.money(posture.total_spend), findings=counted), ""]
    rows = []
    for line in posture.lines:
        found = line.findings
        reported = REPORTED_SEVERITIES.get(line.service, ())
        counts = [str(found.counts.count(s)) if found and found.status == "enabled" and s in reported else "—"
                  for s in COLUMNS]
        per = line.cost_per_finding
        status = (t("security.status.none") if found is None else
                  t("security.status.enabled", regions=", ".join(found.regions)) if found.status == "enabled"
                  else t(f"security.status.{found.status}"))
        rows.append([service_label(line.service), fmt.money(line.spend), *counts,
                     fmt.money(per) if per else "—", status])
    headers = [t("security.col.service"), t("security.col.spend"),
               *(t(f"security.col.{s.value.lower()}") for s in COLUMNS), t("security.col.per_finding"),
               t("security.col.status")]
    lines.append(tabulate(rows, headers=headers, tablefmt="simple",
                          colalign=("left", "right", "right", "right", "right", "right", "right", "right", "left")))
    footer = build_cost_view(posture.report, language, service_label=service_label).footer
    lines += ["", t("security.note"), "", footer]
    return "\n".join(lines) + "\n"
