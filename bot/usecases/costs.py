"""`costs`, `top` and `anomalies`: the numbers, then (for `costs`) the default persona's summary."""

from __future__ import annotations

from typing import cast

from bot.conversation import Conversation
from bot.delivery import deliver_numbers, stream_summary
from bot.grammar.costs import QueryCommand
from bot.render.blocks import View
from bot.usecases.analyse import analyse


def answer_costs(command: QueryCommand, convo: Conversation) -> None:
    report, status_ts = analyse(convo, command.text, command.query, outlook=command.name == "costs")
    if report is None:
        return
    deliver_numbers(convo, report, command=command.text, kind=cast(View, command.name), replace_ts=status_ts)
    if command.name == "costs":
        stream_summary(convo, report, convo.bot.settings.persona)
