"""In-memory fakes of the digest ports: they record what was sent and fail on demand."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from analysis.domain.findings import WasteReport
from analysis.domain.report import CostReport
from bot.digests.errors import EmailRefusedError, SlackRefusedError
from bot.digests.ports import Attachment, Posted
from bot.digests.subscription import Subscription


@dataclass
class FakePoster:
    posts: list[tuple[str, str, list[dict[str, object]]]] = field(default_factory=list)
    replies: list[tuple[Posted, str]] = field(default_factory=list)
    uploads: list[tuple[Posted, list[Attachment]]] = field(default_factory=list)
    refuse: str | None = None  # a Slack error code every post fails with

    def post(self, channel: str, text: str, blocks: Sequence[dict[str, object]]) -> Posted:
        if self.refuse:
            raise SlackRefusedError(self.refuse)
        self.posts.append((channel, text, list(blocks)))
        return Posted(channel, f"1700000000.{len(self.posts):06d}")

    def reply(self, posted: Posted, text: str) -> None:
        self.replies.append((posted, text))

    def upload(self, posted: Posted, files: Sequence[Attachment]) -> None:
        self.uploads.append((posted, list(files)))


@dataclass
class FakeEmail:
    sender: str = "finops@example.com"
    sent: list[tuple[str, bytes]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # addresses that bounce; "*" for all

    def send(self, raw: bytes, recipient: str) -> str:
        if "*" in self.refuse or recipient in self.refuse:
            raise EmailRefusedError("MessageRejected", f"{recipient} refused")
        self.sent.append((recipient, raw))
        return f"m-{len(self.sent)}"

    def to(self, recipient: str) -> list[bytes]:
        return [raw for address, raw in self.sent if address == recipient]


@dataclass
class FakeScheduler:
    name: str = "fake"
    schedules: dict[str, Subscription] = field(default_factory=dict)
    refuse: bool = False

    def upsert(self, subscription: Subscription) -> None:
        from bot.digests.errors import SchedulerError

        if self.refuse:
            raise SchedulerError("ValidationException: refused by the fake")
        self.schedules[subscription.schedule_name] = subscription

    def delete(self, subscription: Subscription) -> None:
        self.schedules.pop(subscription.schedule_name, None)


class FakeSigner:
    def link(self, key: str) -> str:
        return f"https://dashboards.example.com/{key}?signed=1"


def fake_summary(report: CostReport, persona: str, language: str, waste: WasteReport | None) -> Iterator[str]:
    yield f"{persona} summary in {language}: "
    yield f"total {report.total.cents().amount}"
    if waste is not None:
        yield f", {len(waste.findings)} waste findings"
