"""Slack's agent experience: suggested prompts when someone opens the bot's messages tab."""

from __future__ import annotations

from typing import Any

from bot.bootstrap import Bot
from bot.conversation import Ack
from bot.errors import ChatError
from bot.i18n import translator

PROMPTS = ("costs last-30d", "top last-7d", "report executive", "prompt.why")


def register(app: Any, bot: Bot) -> None:
    def acknowledge_thread(ack: Ack) -> None:
        ack()

    def suggest_prompts(body: dict[str, Any], event: dict[str, Any]) -> None:
        thread = event.get("assistant_thread") or {}
        user, channel, ts = thread.get("user_id", ""), thread.get("channel_id", ""), thread.get("thread_ts", "")
        t = translator(bot.preferences.language(body.get("team_id"), user))
        prompts = [(t("prompt.why.title"), t("prompt.why.message")) if p == "prompt.why"
                   else (t(f"prompt.{p.split()[0]}"), p) for p in PROMPTS]
        try:
            bot.chat.suggest_prompts(channel, ts, t("prompt.title"), prompts)
        except ChatError:
            bot.chat.post(channel, t("prompt.fallback"), None, ts)

    app.event("assistant_thread_started")(ack=acknowledge_thread, lazy=[suggest_prompts])
