"""Waste findings as Block Kit, from the same `WasteView` the terminal table uses: one short section per
finding (saving, what, where, why) with its fix as code, readable on a phone."""

from __future__ import annotations

from typing import Any

from bot.render.kit import context, esc, report_head, section
from bot.render.waste_view import WasteView

TOP_FINDINGS = 10


def waste_blocks(view: WasteView, *, query: str, more: str = "", top: int = TOP_FINDINGS) -> list[dict[str, Any]]:
    """`more`: the line that says how many findings are not shown ({n} is filled in)."""
    blocks = report_head(view.title, view.partial, view.empty)
    if not view.empty:
        blocks.append(section(f"*{esc(view.total)}*"))
        for row in view.rows[:top]:
            agreed = f" ({esc(row.agreed)})" if row.agreed else ""
            blocks.append(section(f"*{row.number}. {esc(row.saving)}* · {esc(row.check)} `{esc(row.resource)}`\n"
                                  f"{esc(row.account)} · {esc(row.region)}\n{esc(row.why)}{agreed}\n"
                                  f"`{esc(row.action)}`"))
        if len(view.rows) > top:
            blocks.append(context(esc(more.format(n=len(view.rows) - top))))
    blocks.append(context(*(esc(n) for n in view.notes[:8]), esc(view.footer), f"`/finops {esc(query)}`"))
    return [b.to_dict() for b in blocks]
