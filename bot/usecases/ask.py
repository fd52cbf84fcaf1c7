"""Questions: `ask …`, mentions, DMs and thread follow-ups, answered from the thread's report and history."""

from __future__ import annotations

from analysis.domain.report import CostReport
from bot.commands import Command, parse_command
from bot.conversation import Conversation
from bot.delivery import insights_for, stream_reply
from bot.errors import FeatureUnavailableError
from bot.grammar.conversation import AskCommand
from bot.grammar.costs import QueryCommand
from bot.grammar.query import Query
from bot.ports import PastTurn
from bot.usecases.analyse import analyse
from consultant.ports import ReportRef, Turn


def answer_question(command: AskCommand, convo: Conversation) -> None:
    ask(convo, command.question)


def ask(convo: Conversation, question: str) -> None:
    assistant = convo.bot.assistant
    if assistant is None:
        raise FeatureUnavailableError("ask")
    record = convo.bot.threads.get(convo.asker.team, convo.asker.channel, convo.thread_ts) if convo.thread_ts else None
    command, query = _thread_query(convo, record.command if record else None)
    parent = convo.t("answer.question_parent", user=f"<@{convo.asker.user}>", question=question[:300])
    report = _report_for(convo, command, query, parent)
    if report is None:
        return
    about = ReportRef.of(report)
    history = [Turn(t.role, t.text, about, backend_conversation_id=t.backend_conversation_id,
                    backend_message_id=t.backend_message_id) for t in (record.turns if record else ())]
    assert convo.thread_ts is not None
    convo.bot.threads.add_turn(convo.asker.team, convo.asker.channel, convo.thread_ts, PastTurn("user", question))
    reply = assistant.answer(question, report, history, convo.language, request_id=convo.asker.request_id,
                             insights=insights_for(convo, report))  # "forecast?", "where can we save?"
    stream_reply(convo, reply)


def _thread_query(convo: Conversation, command_text: str | None) -> tuple[str, Query]:
    """The data a thread is about (its last command), or the last 30 days for a new conversation."""
    if command_text:
        parsed = parse_command(command_text, convo.bot.today())
        if isinstance(parsed, QueryCommand):
            return command_text, parsed.query
        query = getattr(parsed, "query", None)
        if isinstance(parsed, Command) and isinstance(query, Query):
            return command_text, query
    query = Query()
    return f"costs {query.words()}", query


def _report_for(convo: Conversation, command: str, query: Query, parent: str) -> CostReport | None:
    report, status_ts = analyse(convo, command, query, parent=parent, outlook=True)
    if status_ts is not None and report is not None:
        convo.bot.chat.update(convo.asker.channel, status_ts, convo.t("progress.ready"))
    return report
