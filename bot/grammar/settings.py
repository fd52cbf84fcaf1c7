"""`settings [language en|pt-BR]` and `help [COMMAND]`: private replies, no analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.commands import Choice, Command, CommandSpec, Option, ParseContext, ParseResult, Usage, fold, grammar
from bot.i18n.catalog import UnknownLanguageError, normalise_language

_LANGUAGE = {"language", "lang", "idioma", "lingua"}


@dataclass(frozen=True)
class SettingsCommand(Command):
    language: str | None = None  # None: show the settings


@dataclass(frozen=True)
class HelpCommand(Command):
    topic: str | None = None


def _settings(words: list[str], ctx: ParseContext) -> ParseResult:
    if not words:
        return SettingsCommand(ctx.name, "settings")
    if fold(words[0]) not in _LANGUAGE:
        return Usage("usage.unknown_setting", {"word": words[0]}, ctx.name, suggestions=("settings language en",
                                                                                      "settings language pt-BR"))
    if len(words) < 2:
        return Choice("choice.language", (Option("language.en", run="settings language en"),
                                          Option("language.pt-BR", run="settings language pt-BR")))
    try:
        language = normalise_language(words[1])
    except UnknownLanguageError:
        return Usage("usage.bad_language", {"value": words[1]}, ctx.name,
                     suggestions=("settings language en", "settings language pt-BR"))
    return SettingsCommand(ctx.name, f"settings language {language}", language)


def _help(words: list[str], ctx: ParseContext) -> ParseResult:
    if not words:
        return HelpCommand(ctx.name, "help")
    topic = grammar().resolve(words[0])
    if topic is None:
        return Usage("usage.unknown_help", {"word": words[0]}, suggestions=("help",))
    return HelpCommand(ctx.name, f"help {topic}", topic)


# No figures: open to everyone, answered instantly.
_PRIVATE: dict[str, Any] = {"visible": False, "in_ack": True, "needs_access": False}

SPECS = (
    CommandSpec("settings", ("setting", "config", "configuracoes", "configuracao", "ajustes", "preferencias"),
                _settings, "bot.usecases.private:show_settings", order=40,
                examples=("settings", "settings language pt-BR"), **_PRIVATE),
    CommandSpec("help", ("ajuda", "?", "comandos", "commands"), _help, "bot.usecases.private:show_help", order=90,
                examples=("help", "help costs", "ajuda custos"), **_PRIVATE),
)
