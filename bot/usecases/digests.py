"""Running `/finops digest …` and `/finops email …` for a Slack user: the same admin as the CLI."""

from __future__ import annotations

from analysis.ports import StateStore
from bot.conversation import Conversation
from bot.digests.admin import DigestAdmin
from bot.digests.errors import DigestError, DigestUsageError
from bot.digests.settings import DigestSettings
from bot.grammar.digests import ManageCommand


def manage_digests(command: ManageCommand, convo: Conversation) -> None:
    from bot.digests import messages
    from bot.digests.commands import parse_digest_add

    admin, language = _admin(convo), convo.language
    try:
        team = _team(convo)
        if command.action == "list":
            reply = messages.subscription_list(admin.for_team(team), language)
        elif command.action == "add":
            spec = parse_digest_add(list(command.words))
            spec.accounts = _channel_scope(convo, spec.channel, spec.accounts)
            spec.language = spec.language or language
            subscription, created = admin.add(team, spec, created_by=convo.asker.user)
            reply = messages.added(subscription, created, admin.scheduler.name, language)
        elif command.action == "remove":
            removed = admin.remove(team, command.words[0])
            reply = convo.t("digest.removed", id=removed.id, channel=removed.channel)
        else:
            changed = admin.set_paused(team, command.words[0], command.action == "pause")
            reply = convo.t("digest.paused_msg" if changed.paused else "digest.resumed", id=changed.id)
    except DigestError as exc:
        reply = _in_words(exc, language)
    convo.private(reply)


def manage_email(command: ManageCommand, convo: Conversation) -> None:
    from bot.digests import messages
    from bot.digests.commands import parse_channel
    from bot.email.addresses import normalise_address

    admin, t = _admin(convo), convo.t
    try:
        team = _team(convo)
        if command.action == "list":
            subs = [admin.store.get(team, command.words[0])] if command.words else admin.for_team(team)
            reply = messages.email_lines(subs, convo.language)
        else:
            address = normalise_address(command.words[0])
            ident = command.words[1] if len(command.words) > 1 else None
            if command.action == "add":
                fallback = any(w.lower() in {"fallback", "reserva"} for w in command.words[2:])
                channel = parse_channel(convo.asker.channel) if ident is None else None
                changed = admin.add_email(team, address, ident, channel=channel, fallback=fallback)
                reply = t("digest.email.added", address=address, id=changed.id,
                          cadence=t(f"digest.cadence.{changed.cadence.value}"),
                          fallback=t("digest.email.added_fallback") if fallback else "")
            else:
                changed = admin.remove_email(team, address, ident)
                reply = t("digest.email.removed", address=address, id=changed.id)
    except DigestError as exc:
        reply = _in_words(exc, convo.language)
    convo.private(reply)


def _channel_scope(convo: Conversation, channel: str, asked: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """A digest shows its channel figures: the asker must be allowed there, and only that channel's accounts."""
    bot = convo.bot
    scope = bot.access.check(convo.asker.user, channel, "channel", bot.group_members)
    return scope.narrow(asked)


def _team(convo: Conversation) -> str:
    if not convo.asker.team:
        raise DigestUsageError("digest.error.no_team")
    return convo.asker.team


def _in_words(exc: DigestError, language: str) -> str:
    return exc.in_language(language) if isinstance(exc, DigestUsageError) else str(exc)


_ADMINS: dict[int, tuple[StateStore, DigestAdmin]] = {}


def _admin(convo: Conversation) -> DigestAdmin:
    """One per bot (per container): the scheduler client is built once."""
    from bot.digests.bootstrap import build_digest_admin

    state = convo.bot.state
    known = _ADMINS.get(id(state))
    if known is None or known[0] is not state:
        known = (state, build_digest_admin(DigestSettings.model_validate({}), state))
        _ADMINS[id(state)] = known
    return known[1]
