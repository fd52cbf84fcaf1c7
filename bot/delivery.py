"""Putting an answer in the thread: the numbers first (Block Kit), then the persona summary as a stream.

Shared by every path that answers: slash commands, mentions, DMs, buttons and the notifier.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from analysis.domain.costs import OTHER
from analysis.domain.findings import WasteReport
from analysis.domain.report import CostReport
from bot.conversation import Conversation
from bot.errors import OutOfScopeError
from bot.outlook import insights_of
from bot.ports import PastTurn
from bot.render.actions import answer_actions, feedback_actions
from bot.render.blocks import View, cost_blocks
from bot.render.cost_view import build_cost_view
from bot.render.names import service_label
from bot.render.savings_view import build_savings_view
from bot.render.waste_view import finding_text
from consultant.insights import Insights
from consultant.personas import Persona
from consultant.ports import Reply

log = logging.getLogger(__name__)


def check_scope(convo: Conversation, report: CostReport) -> None:
    """Last line of defence: a report with an account this place may not see is never shown."""
    shown = {item.key for item in report.by_account} - {OTHER}
    if not convo.scope.admits(report.accounts_in_scope) or not convo.scope.admits(shown):
        raise OutOfScopeError("access.report_out_of_scope")


def deliver_numbers(convo: Conversation, report: CostReport, *, command: str, kind: View = "costs",
                    replace_ts: str | None = None) -> str:
    check_scope(convo, report)
    fmt = convo.fmt
    view = build_cost_view(report, convo.language, service_label=service_label)
    actions = answer_actions(fmt, convo.bot.today(), report.period.label, personas=convo.bot.assistant is not None)
    savings = build_savings_view(savings_for(convo, report), convo.language) if kind == "costs" else None
    blocks = cost_blocks(view, query=command, kind=kind, extra=actions, savings=savings,
                         no_anomalies=fmt.t("answer.no_anomalies", period=fmt.period(report.period)))
    ts = convo.say(view.title, blocks, replace_ts=replace_ts)
    if convo.parent_ts:
        convo.bot.chat.update(convo.asker.channel, convo.parent_ts, headline(convo, report, command))
    return ts


def headline(convo: Conversation, report: CostReport, command: str) -> str:
    fmt = convo.fmt
    change = fmt.percent(report.delta_pct) if report.delta_pct is not None else "—"
    return fmt.t("answer.headline", user=f"<@{convo.asker.user}>", command=f"/finops {command}",
                 period=fmt.period(report.period), total=fmt.money(report.total), change=change)


def stream_summary(convo: Conversation, report: CostReport, persona: str) -> str | None:
    """The persona summary, streamed under the numbers; None when no consultant is deployed."""
    assistant = convo.bot.assistant
    if assistant is None:
        return None
    check_scope(convo, report)
    insights = insights_for(convo, report)
    return stream_reply(convo, assistant.summarise(report, Persona(persona), convo.language, insights=insights))


def savings_for(convo: Conversation, report: CostReport) -> WasteReport | None:
    """The waste findings of the report's accounts, when at hand; never one of an account this place may not see."""
    waste = convo.outlook(report.accounts_in_scope, report.basis).savings()
    if waste is None:
        return None
    accounts = {f.account_id for f in waste.findings}
    inside_report = report.accounts_in_scope is None or accounts <= report.accounts_in_scope
    if not convo.scope.admits(accounts) or not inside_report:
        log.warning("waste findings outside the scope of %s left out", convo.asker.channel)
        return None
    return waste


def insights_for(convo: Conversation, report: CostReport) -> Insights | None:
    """What the consultant cites beside the report: these savings and the month's forecast, same accounts."""
    forecast = convo.outlook(report.accounts_in_scope, report.basis).forecast()
    return insights_of(savings_for(convo, report), forecast, title_of=lambda f: finding_text(f, convo.t)[0])


def stream_reply(convo: Conversation, reply: Reply) -> str:
    """Stream the consultant's text into the thread, 👍/👎 under it, and remember it as a turn."""
    parts: list[str] = []

    def tee() -> Iterator[str]:
        for chunk in reply:
            parts.append(chunk)
            yield chunk

    thread = convo.thread_ts or convo.ensure_thread("…")
    ts = convo.bot.chat.stream(convo.asker.channel, thread, tee(), user=convo.asker.user, team=convo.asker.team,
                               blocks_after=[b.to_dict() for b in feedback_actions(convo.fmt)])
    convo.bot.threads.add_turn(convo.asker.team, convo.asker.channel, thread, PastTurn(
        "assistant", "".join(parts), ts, reply.info.conversation_id, reply.info.message_id))
    return ts
