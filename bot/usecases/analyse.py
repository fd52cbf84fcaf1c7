"""The start every analysis shares: refuse out-of-scope questions, open the thread, run or reuse the report."""

from __future__ import annotations

from dataclasses import replace

from analysis.domain.report import CostReport
from bot.conversation import Conversation
from bot.grammar.query import Query
from bot.progress import ThreadProgress
from bot.threads import ThreadRecord


def analyse(convo: Conversation, command: str, query: Query, *, persona: str | None = None,
            parent: str | None = None, outlook: bool = False) -> tuple[CostReport | None, str | None]:
    """The report (None: it runs asynchronously and the notifier posts it) and the status message to replace.
    `outlook`: the answer cites savings or a forecast; they are looked up while the report is made."""
    convo.scope.narrow(query.accounts)  # refused before anything is posted or fetched
    t = convo.t
    convo.ensure_thread(parent or t("answer.parent", user=f"<@{convo.asker.user}>", command=f"/finops {command}"))
    request = convo.request_for(query, persona)
    if outlook:
        convo.outlook(request.accounts, request.basis())
    remember(convo, command, persona)
    progress = ThreadProgress(convo)
    report = convo.bot.analysis.answer(request, progress)
    if report is None:  # running on Step Functions: the notifier answers every thread waiting for this job
        from bot.notifier import waiting_key

        key = waiting_key(convo.bot.analysis.job_id(request), convo.asker.channel, convo.thread_ts)
        convo.bot.state.put(key, request.reply_to.model_dump_json().encode() if request.reply_to else b"{}")
        convo.say(t("answer.async"), replace_ts=progress.ts)
    return report, progress.ts


def remember(convo: Conversation, command: str, persona: str | None) -> None:
    """The thread is now one the bot is part of; follow-ups read the same data."""
    assert convo.thread_ts is not None
    store = convo.bot.threads
    existing = store.get(convo.asker.team, convo.asker.channel, convo.thread_ts)
    if existing is not None:
        store.save(replace(existing, command=command, as_of=convo.bot.today(), persona=persona or existing.persona))
        return
    store.save(ThreadRecord(team=convo.asker.team, channel=convo.asker.channel, thread_ts=convo.thread_ts,
                            command=command, as_of=convo.bot.today(), language=convo.language, persona=persona))
