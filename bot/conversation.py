"""One request being answered: who asked, where, in which language, what they may see, and how to reply."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.access import Scope
from bot.bootstrap import Bot
from bot.errors import CannotPostError, ChatError
from bot.i18n import Formatter, Translator, translator
from bot.render.limits import fit_messages, notification_text

if TYPE_CHECKING:
    from analysis.domain.basis import CostBasis
    from analysis.pipeline.contracts import AnalysisRequest
    from bot.grammar.query import Query
    from bot.outlook import Outlook

# Slack's answers that mean "you may not post here"; the asker hears how to fix it, privately.
CANNOT_POST = {"channel_not_found", "not_in_channel", "is_archived", "restricted_action", "ekm_access_denied",
               "team_access_not_granted", "cannot_reply_to_message"}
Ack = Callable[..., Any]


@dataclass(frozen=True)
class Asker:
    user: str
    channel: str
    place: str = "channel"  # channel, group, mpim, im or app_home
    team: str | None = None
    thread_ts: str | None = None  # asked inside a thread: the answer goes there
    response_url: str | None = None
    request_id: str | None = None  # Slack's event id or trigger id: idempotency for backends that take one
    assistant_thread: bool = False  # a DM thread of Slack's agent experience: a status line shows progress


class Conversation:
    def __init__(self, bot: Bot, asker: Asker, language: str, scope: Scope, *, ack: Ack | None = None) -> None:
        self.bot = bot
        self.asker = asker
        self.language = language
        self.scope = scope
        self.thread_ts = asker.thread_ts
        self.parent_ts: str | None = None
        self._ack = ack
        self._outlook: tuple[object, Outlook] | None = None

    @property
    def t(self) -> Translator:
        return translator(self.language)

    @property
    def fmt(self) -> Formatter:
        return Formatter(self.language)

    def private(self, text: str, blocks: Sequence[dict[str, Any]] | None = None) -> None:
        """Only the asker sees it: inside the acknowledgement when still possible, else ephemeral."""
        if self._ack is not None:
            ack, self._ack = self._ack, None
            ack(text=text, blocks=list(blocks) if blocks else None, response_type="ephemeral")
            return
        self.bot.chat.private(self.asker.channel, self.asker.user, text, blocks, thread_ts=self.thread_ts,
                              response_url=self.asker.response_url)

    def ensure_thread(self, parent_text: str) -> str:
        """The thread the answer goes to: where it was asked, or under a new visible parent message."""
        if self.thread_ts is None:
            try:
                self.parent_ts = self.bot.chat.post(self.asker.channel, parent_text)
            except ChatError as exc:
                if exc.code in CANNOT_POST:
                    raise CannotPostError(exc.code, code=exc.code) from exc
                raise
            self.thread_ts = self.parent_ts
        return self.thread_ts

    def say(self, text: str, blocks: Sequence[dict[str, Any]] | None = None, *, replace_ts: str | None = None) -> str:
        """Post into the thread, split to Slack's limits; `replace_ts` turns a status message into the answer."""
        thread = self.thread_ts or self.ensure_thread(text)
        if not blocks:
            if replace_ts:
                self.bot.chat.update(self.asker.channel, replace_ts, text)
                return replace_ts
            return self.bot.chat.post(self.asker.channel, text, None, thread)
        first_ts = ""
        for n, message in enumerate(fit_messages(blocks)):
            summary = notification_text(message, text)
            if n == 0 and replace_ts:
                self.bot.chat.update(self.asker.channel, replace_ts, summary, message)
                first_ts = replace_ts
                continue
            ts = self.bot.chat.post(self.asker.channel, summary, message, thread)
            first_ts = first_ts or ts
        return first_ts

    def outlook(self, accounts: Iterable[str] | None, basis: CostBasis) -> Outlook:
        """Savings and forecast beside this request's report, started once per scope and basis (early, so they
        are looked up while the cost analysis runs)."""
        scope = tuple(sorted(accounts)) if accounts is not None else None
        if self._outlook is None or self._outlook[0] != (scope, basis):
            self._outlook = ((scope, basis), self.bot.outlook(scope, basis))
        return self._outlook[1]

    def request_for(self, query: Query, persona: str | None = None) -> AnalysisRequest:
        """The analysis request for a query, inside this place's scope (raises OutOfScopeError otherwise)."""
        from analysis.pipeline.contracts import AnalysisRequest, ReplyTarget

        accounts = self.scope.narrow(query.accounts)
        reply_to = ReplyTarget(channel=self.asker.channel, thread_ts=self.thread_ts, user=self.asker.user,
                               team=self.asker.team, language=self.language, persona=persona)
        return AnalysisRequest(period=query.period, as_of=self.bot.today(), metric=query.metric,
                               credits_included=query.credits_included, tax_included=query.tax_included,
                               group_by=query.group_by, accounts=accounts, source=self.bot.settings.source,
                               reply_to=reply_to)
