"""A costs answer for a terminal: what Slack would show, readable without Slack."""

from __future__ import annotations

from tabulate import tabulate

from bot.render.cost_view import CostView, Table


def render_text(view: CostView) -> str:
    lines = [view.title, "=" * len(view.title)]
    if view.partial:
        lines += [f"⚠ {view.partial}"]
    if view.empty:
        return "\n".join([*lines, view.empty, "", view.footer])
    lines += [view.total, view.change, ""]
    for table in view.tables:
        lines += [_table(table), ""]
    for key, items in (("movers_up", view.movers_up), ("movers_down", view.movers_down)):
        if items:
            lines += [view.headings[key], *(f"  {line}" for line in items), ""]
    if view.anomalies:
        lines += [view.headings["anomalies"], *(f"  ⚠ {line}" for line in view.anomalies), ""]
    lines += view.notes
    lines += ["", view.footer]
    return "\n".join(lines).rstrip() + "\n"


def _table(table: Table) -> str:
    rows = [*table.rows]
    if table.total_row:
        rows.append(table.total_row)
    body = tabulate(rows, headers=table.headers, colalign=("left", "right", "right", "right"), tablefmt="simple")
    return f"{table.title}\n{body}"
