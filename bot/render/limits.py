"""Block Kit limits: split what does not fit instead of letting Slack refuse the message."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

MAX_BLOCKS = 50  # per message
SECTION_TEXT = 3000
MARKDOWN_TEXT = 12000  # all markdown blocks of one message together; one chat.appendStream
HEADER_TEXT = 150
SECTION_FIELDS = 10
CONTEXT_ELEMENTS = 10
NOTIFICATION_TEXT = 3000  # the `text` that notifications and screen readers use

Block = dict[str, Any]


def fit_messages(blocks: Sequence[Block]) -> list[list[Block]]:
    """Blocks split to the per-block limits, then grouped into messages of at most MAX_BLOCKS blocks and
    MARKDOWN_TEXT characters of markdown blocks."""
    messages: list[list[Block]] = [[]]
    markdown = 0
    for piece in (piece for block in blocks for piece in _fit(block)):
        size = len(piece["text"]) if piece.get("type") == "markdown" else 0
        if messages[-1] and (len(messages[-1]) >= MAX_BLOCKS or markdown + size > MARKDOWN_TEXT):
            messages.append([])
            markdown = 0
        messages[-1].append(piece)
        markdown += size
    return messages


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends where possible, never losing a character."""
    pieces: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:  # one line longer than the limit: cut it
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) > limit:
            pieces.append(current)
            current = ""
        current += line
    if current or not pieces:
        pieces.append(current)
    return pieces


def _fit(block: Block) -> Iterator[Block]:
    kind = block.get("type")
    if kind == "header":
        text = block["text"]["text"]
        if len(text) > HEADER_TEXT:
            block = {**block, "text": {**block["text"], "text": text[:HEADER_TEXT - 1] + "…"}}
        yield block
    elif kind == "section":
        yield from _fit_section(block)
    elif kind == "markdown":
        for piece in split_text(block["text"], MARKDOWN_TEXT):
            yield {"type": "markdown", "text": piece}
    elif kind == "context" and len(block["elements"]) > CONTEXT_ELEMENTS:
        elements = block["elements"]
        for i in range(0, len(elements), CONTEXT_ELEMENTS):
            yield {"type": "context", "elements": elements[i:i + CONTEXT_ELEMENTS]}
    else:
        yield block


def _fit_section(block: Block) -> Iterator[Block]:
    """Long text → several sections; more than ten fields → several sections (the first keeps the text)."""
    text: dict[str, Any] | None = block.get("text")
    fields: list[Any] = block.get("fields") or []
    pieces = split_text(text["text"], SECTION_TEXT) if text else []
    extras = {k: v for k, v in block.items() if k not in ("text", "fields", "block_id", "type")}
    for piece in pieces[:-1]:
        yield {"type": "section", "text": {**(text or {}), "text": piece}}
    last: Block = {"type": "section", **extras}
    if pieces:
        last["text"] = {**(text or {}), "text": pieces[-1]}
    if not fields:
        yield last
        return
    for i in range(0, len(fields), SECTION_FIELDS):
        section: Block = dict(last) if i == 0 else {"type": "section"}
        section["fields"] = fields[i:i + SECTION_FIELDS]
        yield section


def notification_text(blocks: Sequence[Block], fallback: str) -> str:
    """What a notification says: the header and first section, plain."""
    parts = [b["text"]["text"] for b in blocks if b.get("type") in ("header", "section") and b.get("text")][:2]
    return ("\n".join(parts) or fallback)[:NOTIFICATION_TEXT]
