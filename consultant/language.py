"""The two languages the consultant writes. (`bot.i18n` is out of reach: the consultant sits below the bot.)"""

from __future__ import annotations

from consultant.errors import UnsupportedLanguageError

LANGUAGES = ("en", "pt-BR")


def normalise_language(text: str | None, default: str = "en") -> str:
    if not text:
        return default
    key = text.strip().replace("_", "-").lower()
    if key in {"pt", "pt-br", "portugues", "português", "br"}:
        return "pt-BR"
    if key in {"en", "en-us", "en-gb", "english"}:
        return "en"
    raise UnsupportedLanguageError(f"`{text}` is not a supported language. Use en or pt-BR.")
