"""Rehearse a Slack message offline: the bot's real code path, with a recorder in place of Slack."""

from __future__ import annotations

from typing import Any

from bot.adapters.transcript_chat import Posted, TranscriptChat
from bot.bootstrap import bootstrap
from bot.conversation import Asker
from bot.settings import Settings, SlackSettings

COMMAND = "/finops"
MENTION = ("@finops", "<@")


def rehearse(text: str, settings: Settings, *, user: str = "U0DEMO", channel: str = "C0DEMO",
             team: str = "T0DEMO", chat: TranscriptChat | None = None, **deps: Any) -> list[Posted]:
    """What the bot posts for `text` typed in `channel`: a slash command, a mention, or a DM-style message."""
    from bot.dispatch import run
    from bot.listeners.commands import triage
    from bot.listeners.talk import converse

    chat = chat or TranscriptChat()
    slack = SlackSettings(bot_token=None, signing_secret=None, secret_arn=None)  # type: ignore[call-arg]
    bot = bootstrap(settings=settings, slack=slack, chat=chat, **deps)
    stripped = text.strip()
    if stripped.lower().startswith(COMMAND):
        asker = Asker(user=user, channel=channel, team=team)

        def ack(text: str = "", blocks: Any = None, **_: Any) -> None:
            chat.entries.append(Posted("private", channel, text, list(blocks or ()), user=user))

        convo = triage(bot, asker, stripped[len(COMMAND):], ack=ack)
        if convo is not None:
            from bot.commands import Command, parse_command

            parsed = parse_command(stripped[len(COMMAND):], bot.today())
            assert isinstance(parsed, Command)
            run(convo, parsed)
        return chat.entries
    words = stripped.split(maxsplit=1)
    is_mention = bool(words) and words[0].lower().startswith(MENTION)
    question = (words[1] if len(words) > 1 else "") if is_mention else stripped
    asked_ts = chat.post(channel, text)  # the user's own message: the answer goes in its thread
    chat.entries[-1].kind = "typed"
    converse(bot, Asker(user=user, channel=channel, team=team, thread_ts=asked_ts), question)
    return chat.entries
