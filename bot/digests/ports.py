"""What the digest use case needs from the outside world. Adapters in `bot/adapters/` implement these."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from analysis.domain.findings import WasteReport
from analysis.domain.money import Money
from analysis.domain.report import CostReport
from bot.digests.subscription import Subscription


class DigestScheduler(Protocol):
    """Creates, changes and deletes the schedule that triggers a subscription's digest."""

    name: str

    def upsert(self, subscription: Subscription) -> None: ...

    def delete(self, subscription: Subscription) -> None: ...


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str
    title: str


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str


class ChatPoster(Protocol):
    """Slack, for digests. Raises `SlackRefusedError` (with Slack's error code) when it will not take one."""

    def post(self, channel: str, text: str, blocks: Sequence[dict[str, object]]) -> Posted: ...

    def reply(self, posted: Posted, text: str) -> None: ...

    def upload(self, posted: Posted, files: Sequence[Attachment]) -> None: ...


class EmailSender(Protocol):
    """Sends one raw MIME message to one recipient; raises `EmailRefusedError`. Returns the message id."""

    sender: str

    def send(self, raw: bytes, recipient: str) -> str: ...


@dataclass(frozen=True)
class DeadLetter:
    receipt: str
    body: str


class DeadLetterQueue(Protocol):
    """Undelivered digests wait here for `finops digest replay`. Raises `DeadLetterError`."""

    def send(self, body: str) -> None: ...

    def receive(self, max_messages: int) -> list[DeadLetter]: ...

    def delete(self, receipt: str) -> None: ...


class LinkSigner(Protocol):
    """A link people can open for a stored object: a presigned S3 URL, or a file:// path locally."""

    def link(self, key: str) -> str: ...


class SummaryWriter(Protocol):
    """The consultant's persona summary, streamed as chunks of text; it cites the waste scan when given."""

    def __call__(self, report: CostReport, persona: str, language: str, waste: WasteReport | None) -> Iterator[str]:
        ...


@dataclass(frozen=True)
class Saving:
    title: str
    monthly: Money
    detail: str = ""


class WasteFinder(Protocol):
    """The waste findings of the accounts a report covers (largest saving first); None: none at hand."""

    def __call__(self, report: CostReport) -> WasteReport | None: ...


def top_savings(waste: WasteReport | None, limit: int) -> list[Saving]:
    if waste is None:
        return []
    names = waste.account_names
    return [Saving(f"{f.title} {f.resource_id} ({names.get(f.account_id, f.account_id)}, {f.region})",
                   f.estimated_monthly_saving, f.action) for f in waste.findings[:limit]]
