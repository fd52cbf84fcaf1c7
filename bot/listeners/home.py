"""App Home: published lazily when the Home tab opens."""

from __future__ import annotations

from typing import Any

from bot.bootstrap import Bot
from bot.conversation import Ack


def register(app: Any, bot: Bot) -> None:
    def acknowledge_home(ack: Ack) -> None:
        ack()

    def show_home(body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home":
            publish_home(bot, event.get("user", ""), body.get("team_id"))

    app.event("app_home_opened")(ack=acknowledge_home, lazy=[show_home])


def publish_home(bot: Bot, user: str, team: str | None) -> None:
    from bot.home import home_blocks
    from bot.render.limits import fit_messages

    blocks = fit_messages(home_blocks(bot, user, team))[0]  # a home view takes up to 100 blocks; we keep to 50
    bot.chat.publish_home(user, blocks)
