"""`help` and `settings`: answered privately inside the acknowledgement."""

from __future__ import annotations

from bot.conversation import Conversation
from bot.grammar.settings import HelpCommand, SettingsCommand
from bot.i18n import translator
from bot.render.actions import run_buttons
from bot.render.kit import section
from bot.render.prompts import help_reply


def show_help(command: HelpCommand, convo: Conversation) -> None:
    text, blocks = help_reply(command.topic, convo.t)
    convo.private(text, blocks)


def show_settings(command: SettingsCommand, convo: Conversation) -> None:
    prefs = convo.bot.preferences
    team, user = convo.asker.team, convo.asker.user
    if command.language is not None:
        prefs.set_language(team, user, command.language)
        convo.language = command.language
        t = translator(command.language)
        convo.private(t("settings.saved", language=t(f"language.{command.language}")))
        return
    t = convo.t
    origin = t("settings.yours") if prefs.has_language(team, user) else t("settings.workspace_default")
    text = t("settings.current", language=t(f"language.{convo.language}"), origin=origin)
    buttons = run_buttons([(t(f"language.{lang}"), f"settings language {lang}") for lang in ("en", "pt-BR")])
    convo.private(text, [section(text).to_dict(), buttons.to_dict()])
