"""The Bolt app, built once per process from a `Bot`: ack fast, slow work in lazy listeners."""

from __future__ import annotations

from concurrent.futures import Executor
from typing import TYPE_CHECKING

from bot.bootstrap import Bot

if TYPE_CHECKING:
    from slack_bolt import App


def build_app(bot: Bot, *, executor: Executor | None = None) -> App:
    from slack_bolt import App

    from bot.listeners import register_all
    from bot.replay import replay_guard

    app = App(
        name="finops",
        client=bot.client,
        signing_secret=bot.credentials.signing_secret,
        process_before_response=True,  # FaaS: the response is the ack; nothing runs after it returns
        token_verification_enabled=False,  # no auth.test at cold start
        listener_executor=executor,  # outside Lambda, lazy listeners run on these threads
    )
    app.use(replay_guard(bot.state))
    register_all(app, bot)
    return app
