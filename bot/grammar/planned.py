"""Commands another module delivers (digests and email). Until one registers, they say so honestly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.commands import Command, CommandSpec, ParseContext, ParseResult


@dataclass(frozen=True)
class PlannedCommand(Command):
    words: tuple[str, ...] = ()


def _planned(words: list[str], ctx: ParseContext) -> ParseResult:
    return PlannedCommand(ctx.name, " ".join([ctx.name, *words]), tuple(words))


_PLACEHOLDER: dict[str, Any] = {"handler": "bot.usecases.features:answer_feature", "visible": False, "in_ack": True,
                "planned": True}

SPECS = (
    CommandSpec("digest", ("digests", "resumo-diario", "boletim"), _planned, order=30,
                examples=("digest add #finops daily 09:00",), **_PLACEHOLDER),
    CommandSpec("email", ("emails", "e-mail"), _planned, order=31, examples=("email add cfo@example.com",),
                **_PLACEHOLDER),
)
