"""What the buttons under an answer do. The thread's record says which data; the place says the scope."""

from __future__ import annotations

import json
from typing import cast

from analysis.domain.period import PeriodError, parse_period
from bot.commands import parse_command
from bot.conversation import Conversation
from bot.delivery import deliver_numbers, stream_summary
from bot.errors import BotError, FeatureUnavailableError
from bot.grammar.conversation import parse_persona
from bot.grammar.query import Query
from bot.render.blocks import View
from bot.threads import ThreadRecord
from bot.usecases.analyse import analyse


class BadButtonError(BotError):
    """A click whose value is not one the bot offers (an old message, or a crafted payload)."""

    message_id = "error.bad_button"


class EmailNotConfiguredError(BotError):
    """No email sender in this deployment (the digests/email module provides one)."""

    message_id = "error.email_not_configured"


class NothingToSwitchError(BotError):
    """A button under a message whose thread the bot has no record of (deleted, or from another install)."""

    message_id = "error.no_thread"


def thread_record(convo: Conversation) -> ThreadRecord:
    record = (convo.bot.threads.get(convo.asker.team, convo.asker.channel, convo.thread_ts)
              if convo.thread_ts else None)
    if record is None:
        raise NothingToSwitchError()
    return record


def thread_query(convo: Conversation, record: ThreadRecord) -> tuple[str, Query]:
    parsed = parse_command(record.command, convo.bot.today())
    query = getattr(parsed, "query", None)
    if not isinstance(query, Query):
        raise NothingToSwitchError()
    return getattr(parsed, "name", "costs"), query


def switch_persona(convo: Conversation, value: str) -> None:
    persona = parse_persona(value)
    if persona is None:
        raise BadButtonError()
    if convo.bot.assistant is None:
        raise FeatureUnavailableError("report")
    record = thread_record(convo)
    _, query = thread_query(convo, record)
    report, status_ts = analyse(convo, f"report {persona} {query.words()}", query, persona=persona, outlook=True)
    if report is not None:
        if status_ts:
            convo.bot.chat.update(convo.asker.channel, status_ts, convo.t("progress.ready"))
        stream_summary(convo, report, persona)


def switch_period(convo: Conversation, period: str) -> None:
    try:
        period = parse_period(period, convo.bot.today()).label
    except PeriodError as exc:
        raise BadButtonError() from exc
    record = thread_record(convo)
    name, query = thread_query(convo, record)
    kind = name if name in ("costs", "top", "anomalies") else "costs"
    command = f"{kind} {query.with_period(period).words()}"
    report, status_ts = analyse(convo, command, query.with_period(period), persona=record.persona,
                                outlook=kind == "costs" or bool(record.persona))
    if report is None:
        return
    deliver_numbers(convo, report, command=command, kind=cast(View, kind), replace_ts=status_ts)
    if kind == "costs" or record.persona:
        stream_summary(convo, report, record.persona or convo.bot.settings.persona)


def email_me(convo: Conversation) -> None:
    mailer = convo.bot.mailer
    if mailer is None:
        raise EmailNotConfiguredError()
    record = thread_record(convo)
    _, query = thread_query(convo, record)
    request = convo.request_for(query)
    report = convo.bot.analysis.answer(request)
    if report is None:
        convo.private(convo.t("answer.async"))
        return
    from bot.delivery import check_scope

    check_scope(convo, report)
    address = mailer.send_report(convo.asker.user, convo.asker.team, report, convo.language)
    convo.private(convo.t("email.sent", address=address))


def show_query(convo: Conversation) -> None:
    """The exact question asked of the cost source, so a FinOps analyst can reproduce the figures."""
    record = thread_record(convo)
    _, query = thread_query(convo, record)
    request = convo.request_for(query)
    period = parse_period(request.period, request.as_of)
    cost_query = request.query()
    comparison = period.comparison
    t = convo.t
    doc = {
        "TimePeriod": {"Start": period.start.isoformat(), "End": period.end.isoformat()},
        "ComparisonPeriod": ({"Start": comparison.start.isoformat(), "End": comparison.end.isoformat()}
                             if comparison else None),
        "Granularity": "DAILY",
        "Metrics": [request.metric.ce_metric],
        "GroupBy": str(cost_query.group_by),
        "ExcludedRecordTypes": list(cost_query.basis.excluded_record_types()),
        "LinkedAccounts": list(request.accounts) if request.accounts is not None else t("query.all_accounts"),
        "Source": request.source,
    }
    text = t("query.intro", command=f"/finops {record.command}") + "\n```" + json.dumps(doc, indent=2) + "```"
    convo.private(text)


def record_feedback(convo: Conversation, message_ts: str, useful: bool) -> None:
    record = thread_record(convo)
    turn = record.turn_at(message_ts)
    vote = {"useful": useful, "user": convo.asker.user, "message_ts": message_ts}
    key = f"slack/feedback/{convo.asker.channel}/{convo.thread_ts}/{message_ts}/{convo.asker.user}.json"
    convo.bot.state.put(key, json.dumps(vote).encode())
    assistant = convo.bot.assistant
    if assistant is not None and turn is not None:
        assistant.feedback(turn.backend_conversation_id or f"{convo.asker.channel}:{convo.thread_ts}",
                         turn.backend_message_id or message_ts, useful)
    convo.private(convo.t("feedback.thanks" if useful else "feedback.sorry"))
