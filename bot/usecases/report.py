"""`report PERSONA`: the numbers, then that persona's summary streamed into the thread."""

from __future__ import annotations

from bot.conversation import Conversation
from bot.delivery import deliver_numbers, stream_summary
from bot.errors import FeatureUnavailableError
from bot.grammar.conversation import ReportCommand
from bot.usecases.analyse import analyse


def answer_report(command: ReportCommand, convo: Conversation) -> None:
    if convo.bot.assistant is None:
        raise FeatureUnavailableError("report")
    report, status_ts = analyse(convo, command.text, command.query, persona=command.persona, outlook=True)
    if report is None:
        return
    deliver_numbers(convo, report, command=command.text, replace_ts=status_ts)
    stream_summary(convo, report, command.persona)
