"""App Home: the latest numbers for the default scope, digest subscriptions, settings, and who has access."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, PlainTextObject

from analysis.errors import AnalysisError
from bot.access import AccessPolicy
from bot.bootstrap import Bot
from bot.conversation import Asker, Conversation
from bot.errors import AccessRefusedError, BotError
from bot.grammar.query import Query
from bot.i18n import Translator
from bot.render.actions import run_buttons
from bot.render.blocks import cost_blocks
from bot.render.cost_view import build_cost_view
from bot.render.kit import context, esc, section
from bot.render.names import service_label

log = logging.getLogger(__name__)


def home_blocks(bot: Bot, user: str, team: str | None) -> list[dict[str, Any]]:
    from bot.dispatch import message_for, open_conversation

    asker = Asker(user=user, channel=user, place="app_home", team=team)
    language = bot.preferences.language(team, user)
    t = Conversation(bot, asker, language, bot.access.scope_for(user, "app_home")).t
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=t("home.title"), emoji=False))]
    try:
        convo = open_conversation(bot, asker)
    except AccessRefusedError as exc:
        blocks.append(section(f":lock: {t(exc.message_id, **exc.values)}"))
        return [b.to_dict() for b in blocks] + _settings(bot, user, team, t)
    try:
        numbers = _latest(convo)
    except (BotError, AnalysisError) as exc:
        numbers = [section(f":warning: {esc(message_for(exc, t))}").to_dict()]
    return ([b.to_dict() for b in blocks] + numbers + [DividerBlock().to_dict()] + _digests(bot, team, t)
            + _settings(bot, user, team, t) + _access(bot.access, convo, t))


def _latest(convo: Conversation) -> list[dict[str, Any]]:
    from bot.delivery import check_scope

    query = Query()
    request = convo.request_for(query)
    report = convo.bot.analysis.answer(request)
    if report is None:
        return [section(esc(convo.t("home.pending"))).to_dict()]
    check_scope(convo, report)
    view = build_cost_view(report, convo.language, service_label=service_label)
    return cost_blocks(view, query=f"costs {query.words()}", kind="top")


def _digests(bot: Bot, team: str | None, t: Translator) -> list[dict[str, Any]]:
    """The workspace's digests, as the digests module stores them (`bot.digests.store.list_subscriptions`)."""
    from bot.digests.errors import DigestError
    from bot.digests.store import list_subscriptions

    try:
        subscriptions = list_subscriptions(bot.state, team or "_")
    except (DigestError, ValueError) as exc:  # a malformed record: say so here, keep the rest of the page
        log.warning("digest subscriptions of %s unreadable: %s", team, exc)
        return [section(f"*{t('home.digests')}*\n{t('home.digests_unreadable')}").to_dict()]
    lines = [t("home.digest_line", channel=f"<#{s.channel}>", cadence=s.cadence.value, at=s.at, timezone=s.timezone,
               persona=t(f"persona.{s.persona}") if t.has(f"persona.{s.persona}") else s.persona,
               paused=t("home.digest_paused") if s.paused else "") for s in subscriptions]
    text = "\n".join(lines) if lines else t("home.no_digests")
    return [section(f"*{t('home.digests')}*\n{text}").to_dict()]


def _settings(bot: Bot, user: str, team: str | None, t: Translator) -> list[dict[str, Any]]:
    language = bot.preferences.language(team, user)
    origin = t("settings.yours") if bot.preferences.has_language(team, user) else t("settings.workspace_default")
    text = f"*{t('home.settings')}*\n" + t("settings.current", language=t(f"language.{language}"), origin=origin)
    buttons = run_buttons([(t(f"language.{lang}"), f"settings language {lang}") for lang in ("en", "pt-BR")],
                          block_id="finops.home.language")
    return [section(text).to_dict(), buttons.to_dict()]


def _access(access: AccessPolicy, convo: Conversation, t: Translator) -> list[dict[str, Any]]:
    if not access.configured:
        return [section(f"*{t('home.access')}*\n{t('home.access_open')}").to_dict()]
    accounts = ", ".join(sorted(convo.scope.accounts)) if convo.scope.accounts is not None else t("home.every_account")
    text = t("home.access_restricted", channels=len(access.channels), users=len(access.users),
             groups=len(access.user_groups), accounts=accounts)
    return [section(f"*{t('home.access')}*\n{text}").to_dict(), context(t("home.access_how")).to_dict()]
