"""`forecast`, `anomalies`, `commitments` and `waste`: the analyses beside the costs report, in the thread.

Each reads only the accounts this place may see; commitments are organisation-wide (Savings Plans
and RIs are bought and shared at the payer), so only an unscoped place sees them.
"""

from __future__ import annotations

from analysis.domain.basis import CostBasis
from bot.conversation import Conversation
from bot.errors import OutOfScopeError
from bot.grammar.costs import QueryCommand
from bot.render.names import service_label
from bot.render.text_blocks import text_blocks
from bot.usecases.analyse import remember


def _open(convo: Conversation, command: QueryCommand) -> tuple[str, ...] | None:
    """The accounts to read (refused before anything is posted when outside the scope), and the thread."""
    accounts = convo.scope.narrow(command.query.accounts)
    convo.ensure_thread(convo.t("answer.parent", user=f"<@{convo.asker.user}>", command=f"/finops {command.text}"))
    remember(convo, command.text, None)  # follow-ups in this thread are about the same accounts
    return accounts


def _post(convo: Conversation, command: QueryCommand, text: str) -> None:
    convo.say(text.splitlines()[0], text_blocks(text, query=command.text))


def answer_forecast(command: QueryCommand, convo: Conversation) -> None:
    from analysis.bootstrap import build_forecast_source
    from bot.render.forecast_text import render_forecast

    accounts = _open(convo, command)
    q = command.query
    basis = CostBasis(q.metric, q.credits_included, q.tax_included)
    forecast = build_forecast_source(convo.bot.settings, convo.bot.state).forecast(
        convo.bot.today(), basis, frozenset(accounts) if accounts is not None else None)
    _post(convo, command, render_forecast(forecast, convo.language))


def answer_anomalies(command: QueryCommand, convo: Conversation) -> None:
    from analysis.anomaly_service import anomaly_report
    from analysis.bootstrap import build_anomaly_source
    from bot.render.anomalies_text import render_anomalies

    _open(convo, command)
    request = convo.request_for(command.query)
    report = anomaly_report(convo.bot.analysis, build_anomaly_source(convo.bot.settings, convo.bot.state), request)
    _post(convo, command, render_anomalies(report, convo.language, service_label=service_label))


def answer_commitments(command: QueryCommand, convo: Conversation) -> None:
    from analysis.bootstrap import build_commitment_source
    from bot.render.commitments_text import render_commitments

    if convo.scope.accounts is not None:
        raise OutOfScopeError("access.organisation_wide")
    _open(convo, command)
    report = build_commitment_source(convo.bot.settings, convo.bot.state).commitments(convo.bot.today())
    _post(convo, command, render_commitments(report, convo.language))


def answer_waste(command: QueryCommand, convo: Conversation) -> None:
    """Scans the accounts this place may see and keeps the report, so costs answers and summaries cite it."""
    from analysis.bootstrap import waste_scanner
    from bot.render.waste_blocks import waste_blocks
    from bot.render.waste_view import build_waste_view

    accounts = _open(convo, command)
    report = waste_scanner(convo.bot.settings, convo.bot.clock)(accounts)
    convo.bot.waste.remember(accounts, report)
    view = build_waste_view(report, convo.language)
    more = convo.t("answer.more_findings", n="{n}")
    convo.say(view.title, waste_blocks(view, query=command.text, more=more))
