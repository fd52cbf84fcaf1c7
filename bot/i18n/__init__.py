"""Every string the bot writes, in English and Brazilian Portuguese, with locale-aware formatting.

Strings live in one JSON catalog per language (`en.json`, `pt-BR.json`); a test keeps their keys and
placeholders identical.
"""

from bot.i18n.catalog import LANGUAGES, Translator, normalise_language, translator
from bot.i18n.formatting import Formatter

__all__ = ["LANGUAGES", "Formatter", "Translator", "normalise_language", "translator"]
