"""Block Kit read back as plain text: what `finops slack` and `finops demo` print for a terminal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from tabulate import tabulate

_BOLD = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_EMOJI = {":warning:": "⚠", ":thumbsup:": "👍", ":thumbsdown:": "👎", ":white_check_mark:": "✓",
          ":hourglass_flowing_sand:": "⏳", ":bar_chart:": "📊", ":lock:": "🔒", ":moneybag:": "💰"}


def plain(text: str) -> str:
    for code, symbol in _EMOJI.items():
        text = text.replace(code, symbol)
    text = _CODE.sub(r"\1", _BOLD.sub(r"\1", text))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def blocks_to_text(blocks: Sequence[dict[str, Any]]) -> str:
    lines: list[str] = []
    rows: list[list[str]] = []  # consecutive field sections form one table

    def flush() -> None:
        if rows:
            lines.extend(tabulate(rows[1:], headers=rows[0], tablefmt="simple", colalign=("left", "right"))
                         .splitlines())
            lines.append("")
            rows.clear()

    for block in blocks:
        kind = block.get("type")
        if kind == "section" and block.get("fields"):
            if block.get("text"):
                flush()
                lines.append(plain(block["text"]["text"]))
            values = [plain(f["text"]).strip() for f in block["fields"]]
            rows.extend([values[i], values[i + 1] if i + 1 < len(values) else ""] for i in range(0, len(values), 2))
            continue
        flush()
        if kind == "header":
            title = plain(block["text"]["text"])
            lines += [title, "=" * len(title)]
        elif kind == "section":
            lines += [plain(block["text"]["text"]), ""]
        elif kind == "markdown":
            lines += [plain(block["text"]), ""]
        elif kind == "context":
            lines += [plain(e.get("text", "")) for e in block["elements"]]
        elif kind == "actions":
            lines.append("  ".join(f"[ {plain(e['text']['text'])} ]" for e in block["elements"] if "text" in e))
        elif kind == "divider":
            lines.append("-" * 40)
    flush()
    return "\n".join(lines).rstrip() + "\n"
