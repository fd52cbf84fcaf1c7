"""A terminal answer (forecast, anomalies, commitments, waste) as Block Kit: the same words, Slack's shapes.

The first line is the header; paragraphs become sections; tables (aligned columns) stay monospace;
the last paragraph, the provenance footer, becomes the context line with the query.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import Block, HeaderBlock, PlainTextObject

from bot.render.kit import context, esc, section

_RULE = re.compile(r"^[=\-\s]+$")
_COLUMNS = re.compile(r"\S {2,}\S")


def text_blocks(text: str, *, query: str, extra: Sequence[Block] = ()) -> list[dict[str, Any]]:
    lines = text.rstrip().splitlines()
    title, body = (lines[0], lines[1:]) if lines else ("", [])
    if body and _RULE.match(body[0]):
        body = body[1:]
    paragraphs = [p.strip("\n") for p in "\n".join(body).split("\n\n") if p.strip()]
    footer = paragraphs.pop() if len(paragraphs) > 1 else ""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=title, emoji=False))]
    for paragraph in paragraphs:
        table = sum(bool(_COLUMNS.search(line)) for line in paragraph.splitlines()) > 1
        blocks.append(section(f"```{paragraph}```" if table else _bold_first_line(paragraph)))
    blocks.append(context(esc(footer), f"`/finops {esc(query)}`"))
    return [b.to_dict() for b in [*blocks, *extra]]


def _bold_first_line(paragraph: str) -> str:
    """A paragraph's heading line ("Expiring in the next 60 days:") reads as a heading in Slack."""
    first, _, rest = paragraph.partition("\n")
    if rest and first.rstrip().endswith(":"):
        return f"*{esc(first)}*\n{esc(rest)}"
    return esc(paragraph)
