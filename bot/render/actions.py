"""Buttons under an answer: switch persona or period, email it, show the query, and 👍/👎 on summaries.

Buttons carry only what to change (a persona, a period); the scope is always recomputed from where the
button was clicked, never taken from the button.
"""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from analysis.domain.period import parse_period
from bot.i18n import Formatter

PERSONA = "finops.persona"
PERIOD = "finops.period"
EMAIL = "finops.email"
QUERY = "finops.query"
FEEDBACK = "finops.feedback"
RUN = "finops.run"
PERSONAS = ("executive", "cto", "devops", "analyst")
PERIOD_SHORTCUTS = ("last-7d", "last-30d", "mtd", "last-month")


def answer_actions(fmt: Formatter, today: date, period: str, *, personas: bool) -> list[Block]:
    t = fmt.t
    rows: list[Block] = []
    if personas:
        rows.append(ActionsBlock(block_id="finops.personas", elements=[
            ButtonElement(text=t(f"persona.{p}"), action_id=f"{PERSONA}.{p}", value=p) for p in PERSONAS]))
    periods = [p for p in PERIOD_SHORTCUTS if p != period]
    rows.append(ActionsBlock(block_id="finops.more", elements=[
        *(ButtonElement(text=fmt.period(parse_period(p, today)), action_id=f"{PERIOD}.{p}", value=p) for p in periods),
        ButtonElement(text=t("button.email"), action_id=EMAIL, value="email"),
        ButtonElement(text=t("button.query"), action_id=QUERY, value="query"),
    ]))
    return rows


def feedback_actions(fmt: Formatter) -> list[Block]:
    t = fmt.t
    return [ActionsBlock(block_id="finops.feedback", elements=[
        ButtonElement(text=t("button.useful"), action_id=f"{FEEDBACK}.up", value="up"),
        ButtonElement(text=t("button.not_useful"), action_id=f"{FEEDBACK}.down", value="down"),
    ])]


def run_buttons(labels_and_commands: list[tuple[str, str]], block_id: str = "finops.choices") -> ActionsBlock:
    """One button per complete command text (suggestions, choices); clicking runs it as if typed."""
    return ActionsBlock(block_id=block_id, elements=[
        ButtonElement(text=label[:75], action_id=f"{RUN}.{n}", value=command[:2000])
        for n, (label, command) in enumerate(labels_and_commands[:25])])
