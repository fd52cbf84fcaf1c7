"""`@FinOps …` in a channel: answered in the mention's thread."""

from __future__ import annotations

from typing import Any

from bot.bootstrap import Bot
from bot.conversation import Ack
from bot.dispatch import claim
from bot.listeners.payloads import event_asker, without_mentions
from bot.listeners.talk import converse


def register(app: Any, bot: Bot) -> None:
    def acknowledge_mention(ack: Ack) -> None:
        ack()

    def answer_mention(body: dict[str, Any], event: dict[str, Any]) -> None:
        if not claim(bot, f"events/{body.get('event_id') or event.get('ts')}"):
            return  # a Slack retry of an event already being answered
        thread = event.get("thread_ts") or event.get("ts")
        converse(bot, event_asker(body, event, thread_ts=thread), without_mentions(event.get("text", "")))

    app.event("app_mention")(ack=acknowledge_mention, lazy=[answer_mention])
