"""Messages: DMs (Slack's agent experience included) and follow-ups in threads the bot answered.

Ignored: the bot's own messages (Bolt drops them), edits and other subtypes, messages that mention the bot
(the mention listener answers those), and threads the bot is not part of."""

from __future__ import annotations

from typing import Any

from bot.bootstrap import Bot
from bot.conversation import Ack
from bot.dispatch import claim
from bot.listeners.payloads import event_asker, without_mentions
from bot.listeners.talk import converse


def register(app: Any, bot: Bot) -> None:
    def acknowledge_message(ack: Ack) -> None:
        ack()

    def answer_message(body: dict[str, Any], event: dict[str, Any], context: Any) -> None:
        thread = addressed_thread(bot, event, context.bot_user_id,
                                  body.get("team_id"))
        if thread is None or not claim(bot, f"events/{body.get('event_id') or event.get('ts')}"):
            return
        converse(bot, event_asker(body, event, thread_ts=thread), without_mentions(event.get("text", "")))

    app.event("message")(ack=acknowledge_message, lazy=[answer_message])


def addressed_thread(bot: Bot, event: dict[str, Any], bot_user: str | None, team: str | None) -> str | None:
    """The thread to answer in, or None when the message is not for the bot."""
    if event.get("subtype") or event.get("bot_id") or not event.get("user") or event.get("user") == bot_user:
        return None
    if event.get("channel_type") == "im":
        return str(event.get("thread_ts") or event.get("ts"))
    thread = event.get("thread_ts")
    if not thread or (bot_user and f"<@{bot_user}" in event.get("text", "")):
        return None
    if bot.threads.get(team, event.get("channel", ""), thread) is None:
        return None  # a thread the bot is not part of
    return str(thread)
