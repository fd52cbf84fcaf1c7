"""`/finops …`: acknowledged at once with what was understood; the analysis runs lazily.

Commands answered inside the acknowledgement (help, settings, usage problems, questions with buttons) have a
listener without lazy work: on Lambda a lazy listener costs a self-invocation, for nothing."""

from __future__ import annotations

from typing import Any

from bot.bootstrap import Bot
from bot.commands import Choice, Command, Usage, grammar, parse_command
from bot.conversation import Ack, Asker, Conversation
from bot.dispatch import open_conversation, run
from bot.errors import AccessRefusedError
from bot.i18n import Formatter
from bot.listeners.payloads import command_asker
from bot.render.prompts import choice_reply, usage_reply
from bot.render.understood import understood

COMMAND = "/finops"


def register(app: Any, bot: Bot) -> None:
    def acknowledge_command(body: dict[str, Any], ack: Ack) -> None:
        triage(bot, command_asker(body), body.get("text", ""), ack=ack)

    def answer_command(body: dict[str, Any]) -> None:
        execute(bot, command_asker(body), body.get("text", ""))

    def answered_in_ack(body: dict[str, Any]) -> bool:
        return lazy_command(bot, body.get("text", "")) is None

    app.command(COMMAND, matchers=[answered_in_ack])(acknowledge_command)  # Bolt runs the first listener that matches
    app.command(COMMAND)(ack=acknowledge_command, lazy=[answer_command])


def lazy_command(bot: Bot, text: str) -> Command | None:
    """The command whose work runs after the acknowledgement; None when the acknowledgement answers it all."""
    parsed = parse_command(text, bot.today())
    return parsed if isinstance(parsed, Command) and not grammar().spec(parsed.name).in_ack else None


def triage(bot: Bot, asker: Asker, text: str, *, ack: Ack | None = None) -> Conversation | None:
    """Parse, check access, answer what is private and quick; say what was understood.

    Returns the conversation of a visible command that still has to run (the lazy half runs it)."""
    fmt = Formatter(bot.preferences.language(asker.team, asker.user))

    def private(reply: str, blocks: list[dict[str, Any]] | None = None) -> None:
        if ack is not None:
            ack(text=reply, blocks=blocks, response_type="ephemeral")
        else:
            bot.chat.private(asker.channel, asker.user, reply, blocks, thread_ts=asker.thread_ts,
                             response_url=asker.response_url)

    parsed = parse_command(text, bot.today())
    if isinstance(parsed, Usage):
        private(*usage_reply(parsed, fmt.t))
        return None
    if isinstance(parsed, Choice):
        private(*choice_reply(parsed, fmt.t))
        return None
    spec = grammar().spec(parsed.name)
    try:
        convo = open_conversation(bot, asker, ack=ack, check_access=spec.needs_access)
        query = getattr(parsed, "query", None)
        if query is not None:
            convo.scope.narrow(query.accounts)
    except AccessRefusedError as exc:
        private(f":lock: {fmt.t(exc.message_id, **exc.values)}")
        return None
    if spec.in_ack:
        run(convo, parsed)
        return None
    convo.private(understood(parsed, fmt, bot.today()))
    return convo


def execute(bot: Bot, asker: Asker, text: str) -> None:
    """The lazy half of a slash command: parsed and checked again (nothing is carried over), then run."""
    parsed = lazy_command(bot, text)
    if parsed is None:
        return
    try:
        convo = open_conversation(bot, asker)
    except AccessRefusedError:
        return  # the acknowledgement already explained the refusal
    run(convo, parsed)


def perform(bot: Bot, asker: Asker, text: str) -> None:
    """A command chosen with a button: the same triage, then the work, all in the lazy listener."""
    convo = triage(bot, asker, text)
    if convo is not None:
        parsed = parse_command(text, bot.today())
        assert isinstance(parsed, Command)
        run(convo, parsed)
