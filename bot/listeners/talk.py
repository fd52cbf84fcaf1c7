"""Free text addressed to the bot (mentions, DMs, thread follow-ups): a command if it starts with one,
otherwise a question about the thread's data."""

from __future__ import annotations

import logging

from bot.bootstrap import Bot
from bot.commands import Choice, Usage, grammar, parse_command, tokenize
from bot.conversation import Asker
from bot.dispatch import answered, open_conversation, run
from bot.errors import AccessRefusedError, ChatError
from bot.i18n import translator
from bot.render.prompts import choice_reply, usage_reply

log = logging.getLogger(__name__)


def converse(bot: Bot, asker: Asker, text: str) -> None:
    try:
        convo = open_conversation(bot, asker)
    except AccessRefusedError as exc:
        t = translator(bot.preferences.language(asker.team, asker.user))
        bot.chat.private(asker.channel, asker.user, f":lock: {t(exc.message_id, **exc.values)}",
                         thread_ts=asker.thread_ts)
        return
    if asker.assistant_thread and asker.thread_ts:
        try:
            bot.chat.set_status(asker.channel, asker.thread_ts, convo.t("status.thinking"))
        except ChatError as exc:  # a courtesy line; the answer does not depend on it
            log.warning("assistant status not shown: %s", exc.code)
    words = tokenize(text) if text else []
    if not words:
        run(convo, parse_command("help", bot.today()))  # type: ignore[arg-type]
        return
    if grammar().resolve(words[0]) is None:  # not a command word: a question
        from bot.usecases.ask import ask

        with answered(convo):
            ask(convo, text)
        return
    parsed = parse_command(text, bot.today())
    if isinstance(parsed, Usage | Choice):
        reply, blocks = usage_reply(parsed, convo.t) if isinstance(parsed, Usage) else choice_reply(parsed, convo.t)
        convo.private(reply, blocks)
        return
    run(convo, parsed)
