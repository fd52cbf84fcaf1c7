"""`/finops digest …` and `/finops email …`: managing scheduled digests from Slack.

The words after the action are parsed by `bot.digests.commands` when the command runs (off the ack path:
it validates addresses and time zones), so the CLI and Slack accept exactly the same forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.commands import Command, CommandSpec, ParseContext, ParseResult, Usage, fold

DIGEST_ACTIONS = {"add": "add", "adicionar": "add", "criar": "add", "new": "add", "list": "list", "listar": "list",
                  "ls": "list", "remove": "remove", "remover": "remove", "delete": "remove", "rm": "remove",
                  "pause": "pause", "pausar": "pause", "resume": "resume", "retomar": "resume", "reativar": "resume"}
EMAIL_ACTIONS = {"add": "add", "adicionar": "add", "remove": "remove", "remover": "remove", "rm": "remove",
                 "list": "list", "listar": "list", "ls": "list"}


@dataclass(frozen=True)
class ManageCommand(Command):
    action: str
    words: tuple[str, ...] = ()


def _digest(words: list[str], ctx: ParseContext) -> ParseResult:
    action = DIGEST_ACTIONS.get(fold(words[0])) if words else "list"
    if action is None:
        return Usage("digest.error.action", {"value": words[0]}, ctx.name,
                     suggestions=("digest list", "digest add #finops daily 08:00"))
    rest = tuple(words[1:])
    if action in {"remove", "pause", "resume"} and len(rest) != 1:
        return Usage("digest.error.needs_id", {"action": action}, ctx.name, suggestions=("digest list",))
    return ManageCommand(ctx.name, " ".join([ctx.name, action, *rest]), action, rest)


def _email(words: list[str], ctx: ParseContext) -> ParseResult:
    action = EMAIL_ACTIONS.get(fold(words[0])) if words else "list"
    if action is None:
        return Usage("digest.error.email_action", {"value": words[0]}, ctx.name, suggestions=("email list",))
    rest = tuple(words[1:])
    if action in {"add", "remove"} and not rest:
        return Usage("digest.error.needs_address", {"action": action}, ctx.name, suggestions=("email list",))
    return ManageCommand(ctx.name, " ".join([ctx.name, action, *rest]), action, rest)


# Private replies; not in the acknowledgement, because adding one calls EventBridge Scheduler.
_MANAGE: dict[str, Any] = {"visible": False, "in_ack": False}

SPECS = (
    CommandSpec("digest", ("digests", "resumo-diario", "resumos-diarios", "boletim"), _digest,
                "bot.usecases.digests:manage_digests", order=30,
                examples=("digest add #finops daily 08:30 America/Sao_Paulo cto", "digest list", "digest pause ID"),
                **_MANAGE),
    CommandSpec("email", ("emails", "e-mail"), _email, "bot.usecases.digests:manage_email", order=31,
                examples=("email add cfo@example.com", "email list"), **_MANAGE),
)
