"""What the bot and the CLI use: an `Assistant` that streams text, and the turns of a conversation."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

from analysis.domain.report import CostReport
from consultant.insights import Insights
from consultant.personas import Persona


@dataclass(frozen=True, slots=True)
class ReportRef:
    """Which report a turn is about: enough to ask for it again, or for a follow-up's neighbour."""

    period: str  # as asked, e.g. "last-30d" (a label parse_period understands)
    start: date
    end: date  # exclusive
    as_of: date
    accounts: tuple[str, ...] | None = None  # the scope; None: every account the channel may see
    group_by: str = "service"
    report_key: str | None = None  # where the report document is stored, when it is

    @classmethod
    def of(cls, report: CostReport, *, report_key: str | None = None) -> ReportRef:
        scope = tuple(sorted(report.accounts_in_scope)) if report.accounts_in_scope is not None else None
        return cls(report.period.label, report.period.start, report.period.end, report.period.as_of, scope,
                   str(report.group_by), report_key)


@dataclass(frozen=True, slots=True)
class Turn:
    """One message in a Slack thread, and the report it was about."""

    role: Literal["user", "assistant"]
    text: str
    report: ReportRef | None = None
    at: datetime | None = None
    backend_conversation_id: str | None = None  # Q Business conversationId, when the backend keeps one
    backend_message_id: str | None = None  # the backend's id of an assistant message (for feedback)


@dataclass(slots=True)
class ReplyInfo:
    """What is known about a reply once it has been read to the end."""

    backend: str
    conversation_id: str | None = None
    message_id: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    unverified_figures: list[str] = field(default_factory=list)
    dropped_sentences: int = 0


class Reply(Iterator[str]):
    """Chunks of text as they arrive; `info` is complete once the iterator is exhausted."""

    def __init__(self, chunks: Iterable[str], info: ReplyInfo, on_done: Callable[[ReplyInfo], None] | None = None):
        self._chunks = iter(chunks)
        self.info = info
        self._on_done = on_done
        self._done = False

    def __next__(self) -> str:
        try:
            return next(self._chunks)
        except StopIteration:
            if not self._done and self._on_done is not None:
                self._done = True
                self._on_done(self.info)
            raise

    def text(self) -> str:
        """Read the whole reply (for tests, email and the CLI's non-streaming paths)."""
        return "".join(self)


class Assistant(Protocol):
    """Writes persona summaries and answers questions about one report."""

    name: str
    uses_ai: bool

    def summarise(
        self, report: CostReport, persona: Persona, language: str, *, insights: Insights | None = None
    ) -> Reply: ...

    def answer(
        self, question: str, report: CostReport, history: Sequence[Turn], language: str, *,
        insights: Insights | None = None, request_id: str | None = None,
    ) -> Reply:
        """`history` is the thread so far, oldest first; `request_id` (e.g. the Slack event id) makes a
        retried request idempotent where the backend supports it."""
        ...

    def feedback(self, conversation_id: str, message_id: str, useful: bool) -> None: ...


class ServiceInfo(Protocol):
    """What the consultant needs to know about an AWS service (the catalog's entries fit)."""

    @property
    def service(self) -> str: ...

    @property
    def short_name(self) -> str: ...

    @property
    def category(self) -> str: ...

    @property
    def known(self) -> bool: ...


class ServiceGlossary(Protocol):
    """Service names people recognise. `analysis.catalog.load_catalog()` satisfies it; the composition
    root passes it in, because the consultant only depends on the domain."""

    def entry(self, service_name: str) -> ServiceInfo: ...

    def find(self, text: str) -> ServiceInfo | None: ...


class FeedbackLog(Protocol):
    def record(self, conversation_id: str, message_id: str, useful: bool, backend: str) -> None: ...
