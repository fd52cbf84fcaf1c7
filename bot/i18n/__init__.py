"""Every string the bot writes, in English and Brazilian Portuguese, with locale-aware formatting.

Strings live in JSON catalogs, one folder per language and one file per feature area
(`en/costs.json`, `pt-BR/costs.json`); a test keeps their keys and placeholders identical.
"""

from bot.i18n.catalog import LANGUAGES, Translator, normalise_language, translator
from bot.i18n.formatting import Formatter

__all__ = ["LANGUAGES", "Formatter", "Translator", "normalise_language", "translator"]
