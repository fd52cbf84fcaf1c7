"""The `/finops` grammar: what a user typed → a typed command, a usage problem, or a question with buttons.

Pure: no Slack, no I/O. `parse_command(text, today)` never raises; every outcome can be answered.

Extension point (digests, email…): add a module to `bot/grammar/` that defines
`SPECS: tuple[CommandSpec, ...]`. It is discovered on first use, its words join the grammar, `help` lists it
and its `handler` ("module:function", imported lazily off the ack path) runs the command. A spec may replace
a *planned* one (`digest`, `email`), which until then answers "not available yet in this deployment".
"""

from __future__ import annotations

import importlib
import pkgutil
import shlex
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

MAX_TEXT = 2000  # Slack sends at most this much after the command; longer text is refused politely


class DuplicateCommandError(ValueError):
    """Two grammar modules claim the same command word."""


@dataclass(frozen=True)
class Command:
    """A command understood. `text` re-runs it: buttons carry it and the footer quotes it."""

    name: str
    text: str


@dataclass(frozen=True)
class Usage:
    """Not understood: say why (`message_id` + `values`), show the usage of `command`, suggest fixes."""

    message_id: str
    values: Mapping[str, str] = field(default_factory=dict)
    command: str | None = None
    suggestions: tuple[str, ...] = ()  # complete command texts, offered as buttons


@dataclass(frozen=True)
class Option:
    label_id: str
    run: str  # the complete command text the button runs
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Choice:
    """Something important is missing or ambiguous: ask, with one button per reading, instead of guessing."""

    question_id: str
    options: tuple[Option, ...]
    values: Mapping[str, str] = field(default_factory=dict)


ParseResult = Command | Usage | Choice


@dataclass(frozen=True)
class ParseContext:
    today: date
    name: str  # the canonical command word, for messages and re-runnable text


@dataclass(frozen=True)
class CommandSpec:
    name: str
    aliases: tuple[str, ...]
    parse: Callable[[list[str], ParseContext], ParseResult]
    handler: str  # "module:function(command, conversation)"
    visible: bool = True  # an analysis answered in a visible thread; False: a private reply
    in_ack: bool = False  # fast and private: answered inside Slack's 3-second acknowledgement
    needs_access: bool = True  # False: open to anyone (help, personal settings), it shows no figures
    order: int = 50  # position in `help`
    planned: bool = False  # a placeholder a later module may replace
    examples: tuple[str, ...] = ()


def fold(word: str) -> str:
    """Lower case without accents: `Previsão` → `previsao`."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").lower()


def tokenize(text: str) -> list[str]:
    """Words, honouring quotes ("tag:cost center"); an unbalanced quote is read as plain text."""
    cleaned = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    try:
        return shlex.split(cleaned)
    except ValueError:
        return cleaned.replace('"', " ").split()


class Grammar:
    def __init__(self, specs: Sequence[CommandSpec] = ()) -> None:
        self._specs: dict[str, CommandSpec] = {}
        self._word_map: dict[str, str] | None = None
        for spec in specs:
            self.register(spec)

    def register(self, spec: CommandSpec) -> None:
        existing = self._specs.get(spec.name)
        if existing is not None and not existing.planned and not spec.planned:
            raise DuplicateCommandError(f"`{spec.name}` is defined twice in the /finops grammar")
        if existing is not None and spec.planned:
            return  # a real command already replaced the placeholder
        words = self._words()
        for word in (fold(a) for a in spec.aliases):
            owner = words.get(word)
            if owner is not None and owner != spec.name:
                raise DuplicateCommandError(f"`{word}` already means `{owner}`")
        self._specs[spec.name] = spec
        self._word_map = None

    def _words(self) -> dict[str, str]:
        if self._word_map is None:
            words: dict[str, str] = {}
            for spec in self._specs.values():
                words[fold(spec.name)] = spec.name
                words.update({fold(alias): spec.name for alias in spec.aliases})
            self._word_map = words
        return self._word_map

    @property
    def specs(self) -> list[CommandSpec]:
        return sorted(self._specs.values(), key=lambda s: (s.order, s.name))

    def spec(self, name: str) -> CommandSpec:
        return self._specs[name]

    def resolve(self, word: str) -> str | None:
        return self._words().get(fold(word))

    def parse(self, text: str, today: date) -> ParseResult:
        text = _plain(text)
        if len(text) > MAX_TEXT:
            return Usage("usage.too_long", {"max": str(MAX_TEXT)})
        words = tokenize(text)
        if not words:
            return Usage("usage.empty", suggestions=("costs last-30d", "help"))
        name = self.resolve(words[0])
        if name is None:
            return self._unknown(words[0], text)
        return self._specs[name].parse(words[1:], ParseContext(today, name))

    def _unknown(self, word: str, text: str) -> ParseResult:
        words = self._words()
        key = fold(word)
        prefixed = sorted(name for name in self._specs if len(key) >= 2 and name.startswith(key))
        if len(prefixed) > 1:  # "co": costs or commitments? ask rather than guess
            options = tuple(Option("choice.run", run=name, values={"command": name}) for name in prefixed[:5])
            return Choice("choice.which_command", options, {"word": word})
        import difflib  # only a typo needs it: kept off the cold start of every other command

        close = difflib.get_close_matches(key, list(words), n=2, cutoff=0.7)
        rest = text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""
        names = list(dict.fromkeys([*prefixed, *(words[c] for c in close)]))
        suggestions = tuple(f"{name} {rest}".strip() for name in names)
        if "ask" in self._specs and (text.rstrip().endswith("?") or len(text.split()) >= 4):
            suggestions += (f"ask {text}",)  # it reads like a question: offer to ask it
        return Usage("usage.unknown_command", {"word": word}, suggestions=suggestions)


def _plain(text: str) -> str:
    """Slack's HTML entities decoded. Mentions (`<#C123|finops>`, `<@U1>`) stay: they carry the ids."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("\u00a0", " ").strip()


def _discover() -> Grammar:
    import bot.grammar as package

    grammar = Grammar()
    modules = [importlib.import_module(f"bot.grammar.{m.name}") for m in pkgutil.iter_modules(package.__path__)]
    for spec in (s for module in modules for s in getattr(module, "SPECS", ())):
        if not spec.planned:
            grammar.register(spec)
    for spec in (s for module in modules for s in getattr(module, "SPECS", ())):
        if spec.planned:
            grammar.register(spec)
    return grammar


@cache
def grammar() -> Grammar:
    return _discover()


def parse_command(text: str, today: date) -> ParseResult:
    return grammar().parse(text, today)


def handler_for(name: str) -> Callable[..., Any]:
    """The function that runs a command, imported only when a command runs (never on the ack path)."""
    module_name, _, function = grammar().spec(name).handler.partition(":")
    return getattr(importlib.import_module(module_name), function)  # type: ignore[no-any-return]
