"""A costs answer as Block Kit, built with slack_sdk's models from the same `CostView` the text uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from bot.render.cost_view import CostView, Table
from bot.render.kit import context, esc, report_head, section
from bot.render.limits import SECTION_FIELDS
from bot.render.savings_view import SavingsView

View = Literal["costs", "top", "anomalies"]


def cost_blocks(view: CostView, *, query: str, kind: View = "costs", no_anomalies: str = "",
                savings: SavingsView | None = None, extra: Sequence[Block] = ()) -> list[dict[str, Any]]:
    """Header, total and change, tables, movers, anomalies, top savings, notes, provenance footer with the query."""
    blocks = report_head(view.title, view.partial, view.empty)
    if not view.empty:
        blocks.append(section(f"*{esc(view.total)}*\n{esc(view.change)}"))
        if kind in ("costs", "top"):
            tables = view.tables if kind == "costs" else _main_table(view)
            for table in tables:
                blocks += _table(table)
        if kind == "costs":
            for key, lines in (("movers_up", view.movers_up), ("movers_down", view.movers_down)):
                if lines:
                    blocks.append(section(f"*{esc(view.headings[key])}*\n" + "\n".join(esc(x) for x in lines)))
        if kind in ("costs", "anomalies"):
            blocks += _anomalies(view, no_anomalies if kind == "anomalies" else "")
        if view.notes and kind == "costs":
            blocks.append(context(*(esc(n) for n in view.notes)))
        if kind == "costs" and savings is not None:
            blocks += _savings(savings)
    blocks.append(context(esc(view.footer), f"`/finops {esc(query)}`"))
    blocks += list(extra)
    return [b.to_dict() for b in blocks]


def _main_table(view: CostView) -> list[Table]:
    """`top`: the breakdown asked for (the first table), not every table."""
    return view.tables[:1]


def _table(table: Table) -> list[Block]:
    """Two columns that stay readable on a phone: the name, then cost · share · change."""
    def pair(cells: list[str], bold: bool = False) -> list[MarkdownTextObject]:
        name, *figures = cells
        detail = " · ".join(c for c in figures if c)
        mark = "*" if bold else ""
        return [MarkdownTextObject(text=f"{mark}{esc(name)}{mark}"), MarkdownTextObject(text=esc(detail) or " ")]

    fields = pair([table.headers[0], " · ".join(table.headers[1:])], bold=True)
    for row in table.rows:
        fields += pair(row)
    if table.total_row:
        fields += pair(table.total_row, bold=True)
    blocks: list[Block] = []
    for i in range(0, len(fields), SECTION_FIELDS):
        text = MarkdownTextObject(text=f"*{esc(table.title)}*") if i == 0 else None
        blocks.append(SectionBlock(text=text, fields=fields[i:i + SECTION_FIELDS]))
    return blocks


def _anomalies(view: CostView, none_text: str) -> list[Block]:
    if view.anomalies:
        lines = "\n".join(f":warning: {esc(line)}" for line in view.anomalies)
        return [section(f"*{esc(view.headings['anomalies'])}*\n{lines}")]
    return [section(esc(none_text))] if none_text else []


def _savings(view: SavingsView) -> list[Block]:
    lines = "\n".join(f":moneybag: {esc(line)}" for line in view.lines)
    notes = [esc(view.summary)] + ([f":warning: {esc(view.partial)}"] if view.partial else [])
    return [section(f"*{esc(view.heading)}*\n{lines}\n" + "\n".join(notes)), context(esc(view.footer))]
