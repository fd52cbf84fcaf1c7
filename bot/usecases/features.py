"""Commands whose analysis is not deployed here yet: a clear, named refusal instead of invented output."""

from __future__ import annotations

from bot.commands import Command
from bot.conversation import Conversation
from bot.errors import FeatureUnavailableError


def answer_feature(command: Command, convo: Conversation) -> None:
    raise FeatureUnavailableError(command.name)
