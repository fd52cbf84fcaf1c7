"""What the bot posted, as a terminal reads it: private replies, the channel post, the thread under it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from bot.adapters.transcript_chat import Posted
from bot.render.transcript import blocks_to_text, plain

_LABELS = {
    "typed": "you wrote", "private": "only visible to you", "message": "posted", "stream": "streamed",
    "status": "status", "prompts": "suggested prompts", "home": "App Home",
}


def transcript_text(entries: Sequence[Posted]) -> str:
    out: list[str] = []
    for entry in entries:
        threaded = entry.thread_ts is not None and entry.thread_ts != entry.ts
        where = f"#{entry.channel}" + (" · thread" if threaded else "")
        body = _body(entry)
        indent = "    " if threaded else ""
        out.append(f"{indent}── {_LABELS.get(entry.kind, entry.kind)} in {where} ──")
        out += [f"{indent}{line}".rstrip() for line in body.rstrip().splitlines()]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def transcript_json(entries: Sequence[Posted]) -> str:
    return json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


def _body(entry: Posted) -> str:
    if entry.kind == "stream":
        return plain(entry.text) + ("\n" + blocks_to_text(entry.blocks) if entry.blocks else "")
    if entry.blocks:
        return blocks_to_text(entry.blocks)
    return plain(entry.text)
