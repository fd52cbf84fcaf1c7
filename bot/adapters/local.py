"""The embedded mode's adapters: no AWS, no Slack. Nothing is pretended: each says where things went."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from analysis.ports import StateStore
from bot.digests.ports import Attachment, DeadLetter, Posted
from bot.digests.subscription import Subscription


class LocalScheduler:
    """No EventBridge here: `finops digest run-due` reads the subscriptions and runs what is due."""

    name = "local (run `finops digest run-due` from cron)"

    def upsert(self, subscription: Subscription) -> None:
        return None  # the subscription in the state store is the schedule

    def delete(self, subscription: Subscription) -> None:
        return None


class ConsolePoster:
    """Prints what would be posted to Slack and writes attachments to a folder."""

    def __init__(self, out: TextIO = sys.stdout, attachments_dir: Path | None = None) -> None:
        self.out = out
        self.attachments_dir = attachments_dir
        self._count = 0

    def post(self, channel: str, text: str, blocks: Sequence[dict[str, object]]) -> Posted:
        self._count += 1
        body = "\n".join(_block_text(block) for block in blocks) or text
        self.out.write(f"── to {channel} (no SLACK_BOT_TOKEN: printed instead of posted)\n{body}\n")
        return Posted(channel, f"local.{self._count}")

    def reply(self, posted: Posted, text: str) -> None:
        self.out.write(f"  ↳ in the thread:\n{_indent(text)}\n")

    def upload(self, posted: Posted, files: Sequence[Attachment]) -> None:
        for item in files:
            where = "not kept"
            if self.attachments_dir is not None:
                self.attachments_dir.mkdir(parents=True, exist_ok=True)
                path = self.attachments_dir / item.filename
                path.write_bytes(item.content)
                where = str(path)
            self.out.write(f"  ↳ file {item.filename} ({len(item.content):,} bytes): {where}\n")


class OutboxEmailSender:
    """Writes each message as an .eml file (open it with any mail client) instead of sending it."""

    def __init__(self, folder: Path, sender: str) -> None:
        self.folder = folder
        self.sender = sender

    def send(self, raw: bytes, recipient: str) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        message_id = uuid.uuid4().hex
        (self.folder / f"{message_id}.eml").write_bytes(raw)
        return message_id


class StateDeadLetterQueue:
    """A dead-letter queue in the state store, for the embedded mode: undelivered digests are kept."""

    def __init__(self, state: StateStore, prefix: str = "digests/dead-letters/") -> None:
        self.state = state
        self.prefix = prefix

    def send(self, body: str) -> None:
        self.state.put(f"{self.prefix}{uuid.uuid4().hex}.json", body.encode(), if_absent=True)

    def receive(self, max_messages: int) -> list[DeadLetter]:
        keys = self.state.list(self.prefix)[:max_messages]
        return [DeadLetter(key, raw.decode()) for key in keys if (raw := self.state.get(key)) is not None]

    def delete(self, receipt: str) -> None:
        self.state.delete(receipt)


class FileLinkSigner:
    """Locally the state store is a folder, so a link is a file:// URL to it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def link(self, key: str) -> str:
        return (self.root / key).resolve().as_uri()


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def _block_text(block: dict[str, object]) -> str:
    """The words of a Block Kit block, for a terminal."""
    text = block.get("text")
    if isinstance(text, dict):
        return str(text.get("text", ""))
    parts = []
    for element in block.get("elements", []) or []:  # type: ignore[attr-defined]
        if isinstance(element, dict):
            inner = element.get("text")
            label = inner.get("text") if isinstance(inner, dict) else inner
            parts.append(f"[{label}] {element['url']}" if "url" in element else str(label or ""))
    return " ".join(parts)

