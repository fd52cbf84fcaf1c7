"""Running a request safely: access first, the command's handler, and every failure as a polite message."""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from analysis.errors import (
    AnalysisError,
    SourceAccessDeniedError,
    SourceThrottledError,
    SourceUnavailableError,
    StateError,
)
from bot.bootstrap import Bot
from bot.commands import Command, grammar, handler_for
from bot.conversation import Ack, Asker, Conversation
from bot.errors import BotError, ChatError
from bot.i18n import Translator
from consultant.errors import ConsultantError

log = logging.getLogger(__name__)
_ANALYSIS_MESSAGES = {
    SourceAccessDeniedError: "error.source_access_denied", SourceThrottledError: "error.source_throttled",
    SourceUnavailableError: "error.source_unavailable", StateError: "error.state",
}


def open_conversation(bot: Bot, asker: Asker, *, ack: Ack | None = None, check_access: bool = True) -> Conversation:
    """Raises AccessRefusedError before anything is read for a refused asker."""
    language = bot.preferences.language(asker.team, asker.user)
    scope = bot.access.check(asker.user, asker.channel, asker.place, bot.group_members) if check_access else None
    from bot.access import Scope

    return Conversation(bot, asker, language, scope or Scope(), ack=ack)


def run(convo: Conversation, command: Command) -> None:
    with answered(convo):
        if not grammar().spec(command.name).in_ack:
            _ = convo.bot.settings  # every setting validated before anything is posted (never on the ack path)
        handler_for(command.name)(command, convo)


def claim(bot: Bot, key: str) -> bool:
    """True the first time `key` is claimed: Slack retries and double clicks do the work once."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]  # keys hold user text: never a path
    return bot.state.put(f"slack/claims/{digest}", key.encode()[:512], if_absent=True)


def message_for(exc: BotError | AnalysisError | ConsultantError, t: Translator) -> str:
    """A named failure in words, in the asker's language."""
    if isinstance(exc, BotError):
        return t(exc.message_id, **exc.values)
    if isinstance(exc, ConsultantError):
        return t("error.assistant", detail=str(exc))
    key = next((m for cls, m in _ANALYSIS_MESSAGES.items() if isinstance(exc, cls)), "error.analysis")
    return t(key, detail=str(exc))


@contextmanager
def answered(convo: Conversation) -> Iterator[None]:
    """Failures become a message in the asker's language: named errors say what happened, others a reference."""
    try:
        yield
    except BotError as exc:  # about this asker's request (refused, not available here): told to them alone
        log.warning("request refused: %s: %s", type(exc).__name__, exc)
        _tell(convo, message_for(exc, convo.t), private=True)
    except (AnalysisError, ConsultantError) as exc:  # the thread waits for this answer: say there what failed
        log.warning("request failed: %s: %s", type(exc).__name__, exc)
        _tell(convo, message_for(exc, convo.t), private=convo.thread_ts is None)
    except ChatError as exc:
        log.warning("Slack refused %s: %s", exc.method, exc.code)
        _tell(convo, convo.t("error.slack", code=exc.code), private=True)
    except Exception:
        reference = uuid.uuid4().hex[:8]
        log.exception("request failed (reference %s)", reference)
        _tell(convo, convo.t("error.unexpected", reference=reference), private=convo.thread_ts is None)


def _tell(convo: Conversation, text: str, *, private: bool) -> None:
    try:
        if private:
            convo.private(f":warning: {text}")
        else:
            convo.say(f":warning: {text}")
    except ChatError as exc:
        log.warning("could not tell the asker about a failure: %s", exc.code)
