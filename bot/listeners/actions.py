"""Button clicks: acknowledged at once, done lazily, once per click (double clicks collapse)."""

from __future__ import annotations

import re
from typing import Any

from bot.bootstrap import Bot
from bot.conversation import Ack
from bot.dispatch import answered, claim, open_conversation
from bot.errors import AccessRefusedError
from bot.i18n import translator
from bot.listeners.payloads import action_asker
from bot.render import actions as ids


def register(app: Any, bot: Bot) -> None:
    def acknowledge_click(ack: Ack) -> None:
        ack()

    def answer_click(body: dict[str, Any], action: dict[str, Any]) -> None:
        handle_click(bot, body, action)

    app.action(re.compile(r"^finops\."))(ack=acknowledge_click, lazy=[answer_click])


def handle_click(bot: Bot, body: dict[str, Any], action: dict[str, Any]) -> None:
    from bot.usecases import buttons

    asker = action_asker(body)
    action_id, value = action.get("action_id", ""), action.get("value", "")
    message_ts = (body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts", "")
    per_user = action_id.startswith((ids.FEEDBACK, ids.EMAIL, ids.QUERY, ids.RUN))
    key = f"clicks/{asker.channel}/{message_ts}/{action_id}/{value}" + (f"/{asker.user}" if per_user else "")
    if not claim(bot, key):
        return  # the same button on the same message already did its work
    if action_id.startswith(ids.RUN):
        from bot.listeners.commands import perform

        perform(bot, asker, value)
        if asker.place == "app_home":
            from bot.listeners.home import publish_home

            publish_home(bot, asker.user, asker.team)
        return
    try:
        convo = open_conversation(bot, asker)
    except AccessRefusedError as exc:
        t = translator(bot.preferences.language(asker.team, asker.user))
        bot.chat.private(asker.channel, asker.user, f":lock: {t(exc.message_id, **exc.values)}",
                         response_url=asker.response_url)
        return
    with answered(convo):
        if action_id.startswith(ids.PERSONA):
            buttons.switch_persona(convo, value)
        elif action_id.startswith(ids.PERIOD):
            buttons.switch_period(convo, value)
        elif action_id == ids.EMAIL:
            buttons.email_me(convo)
        elif action_id == ids.QUERY:
            buttons.show_query(convo)
        elif action_id.startswith(ids.FEEDBACK):
            buttons.record_feedback(convo, message_ts, value == "up")
