"""A waste answer for a terminal: the findings table, the accounts, then what to do."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from bot.render.waste_view import WasteView

WHY_WIDTH = 60


def render_waste_text(view: WasteView) -> str:
    lines = [view.title, "=" * len(view.title)]
    if view.partial:
        lines.append(f"⚠ {view.partial}")
    if view.empty:
        return "\n".join([*lines, view.empty, "", view.footer]) + "\n"
    lines += [view.total, "", view.headings["findings"]]
    h = view.headings
    table = [[row.number, row.saving, row.check, row.account, row.region, row.resource,
              textwrap.fill(row.why + (f" ({row.agreed})" if row.agreed else ""), WHY_WIDTH)] for row in view.rows]
    lines.append(tabulate(table, headers=["#", h["col.saving"], h["col.check"], h["col.account"], h["col.region"],
                                          h["col.resource"], h["col.why"]],
                          colalign=("right", "right", "left", "left", "left", "left", "left"), tablefmt="simple"))
    lines += ["", h["by_account"], tabulate(view.by_account, headers=[h["col.account"], h["col.findings"],
                                                                      h["col.saving"]],
                                            colalign=("left", "right", "right"), tablefmt="simple")]
    lines += ["", h["actions"], *(f"{row.number:>3}. {row.action}" for row in view.rows)]
    if view.notes:
        lines += ["", *view.notes]
    lines += ["", view.footer]
    return "\n".join(lines) + "\n"
