"""Message catalogs loaded once per process."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("en", "pt-BR")


class UnknownLanguageError(ValueError):
    """A language we have no catalog for."""


def normalise_language(text: str | None, default: str = "en") -> str:
    if not text:
        return default
    key = text.strip().replace("_", "-").lower()
    if key in {"pt", "pt-br", "portugues", "português", "br"}:
        return "pt-BR"
    if key in {"en", "en-us", "en-gb", "english", "ingles", "inglês"}:
        return "en"
    raise UnknownLanguageError(f"`{text}` is not a supported language. Use en or pt-BR.")


class DuplicateMessageError(ValueError):
    """Two catalog files define the same message id."""


@cache
def _catalog(language: str) -> dict[str, str]:
    """All `bot/i18n/<language>/*.json` files merged: one file per feature area."""
    catalog: dict[str, str] = {}
    folder = resources.files("bot.i18n").joinpath(language)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        messages: dict[str, str] = json.loads(entry.read_text(encoding="utf-8"))
        clash = catalog.keys() & messages.keys()
        if clash:
            raise DuplicateMessageError(f"{language}/{entry.name} redefines {sorted(clash)}")
        catalog.update(messages)
    return catalog


class Translator:
    def __init__(self, language: str) -> None:
        self.language = normalise_language(language)
        self._messages = _catalog(self.language)

    def __call__(self, message_id: str, /, **values: Any) -> str:
        try:
            template = self._messages[message_id]
        except KeyError:
            raise KeyError(f"message {message_id!r} missing from the {self.language} catalog") from None
        return template.format(**values)

    def has(self, key: str) -> bool:
        return key in self._messages


@cache
def translator(language: str) -> Translator:
    return Translator(language)


def catalog_keys(language: str) -> dict[str, str]:
    """For tests and tooling: the raw catalog."""
    return dict(_catalog(normalise_language(language)))
