"""`finops digest …` and `finops email …`: the same subscriptions `/finops digest …` manages in Slack."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ORDER = 40


def register(commands: Any) -> None:
    digest = commands.add_parser("digest", help="scheduled digests: add, list, remove, pause, resume, run, replay",
                                 description="Scheduled cost digests for Slack channels (and email).")
    actions = digest.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = _action(actions, "add", "subscribe a channel", run_add)
    add.add_argument("channel", help="#channel, a channel id (C0123…) or name")
    add.add_argument("cadence", help="daily, weekly or monthly (diário, semanal, mensal)")
    add.add_argument("words", nargs="*", metavar="OPTION",
                     help="HH:MM, an IANA time zone, a persona (executive, cto, devops, analyst), "
                          "accounts:ID,…, cost-category:NAME, day:mon|day:15, period:PERIOD, quiet:PCT, "
                          "lang:pt-BR, fallback:EMAIL, email:EMAIL")
    _action(actions, "list", "list this workspace's digests", run_list)
    for name, text, handler in (("remove", "remove a digest and delete its schedule", run_remove),
                                ("pause", "pause a digest (its schedule is disabled)", run_pause),
                                ("resume", "resume a paused digest", run_resume)):
        _action(actions, name, text, handler).add_argument("id", help="the digest id (see `digest list`)")
    run = _action(actions, "run", "run one digest now", run_one)
    run.add_argument("id", help="the digest id")
    run.add_argument("--now", type=_instant, default=None, help="ISO 8601 instant to run as (default: now)")
    due = _action(actions, "run-due", "run every digest that is due (what the scheduler does)", run_due)
    due.add_argument("--now", type=_instant, default=None, help="ISO 8601 instant (default: now)")
    replay = _action(actions, "replay", "deliver digests waiting in the dead-letter queue, once", run_replay)
    replay.add_argument("--max", type=int, default=100, help="at most this many messages (default 100)")
    preview = _action(actions, "preview", "write the demo digest as an email (.eml, .html) and its dashboard",
                      run_preview)
    preview.add_argument("--out", type=Path, default=Path("out"), help="folder (default out/)")

    email = commands.add_parser("email", help="email copies of digests: add, remove, list",
                                description="Stakeholders outside Slack get digests by email (Amazon SES).")
    email_actions = email.add_subparsers(dest="action", metavar="ACTION", required=True)
    email_add = _action(email_actions, "add", "send a digest to this address too", run_email_add)
    email_add.add_argument("address")
    email_add.add_argument("id", nargs="?", help="digest id; optional when only one digest fits")
    email_add.add_argument("--channel", default=None, help="pick the digest of this channel")
    email_add.add_argument("--fallback", action="store_true", help="only when Slack refuses the digest")
    email_remove = _action(email_actions, "remove", "stop sending a digest to this address", run_email_remove)
    email_remove.add_argument("address")
    email_remove.add_argument("id", nargs="?", help="digest id; optional when only one digest has the address")
    email_list = _action(email_actions, "list", "who gets digests by email", run_email_list)
    email_list.add_argument("id", nargs="?", help="only this digest")


def _action(actions: Any, name: str, text: str, handler: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
    parser.add_argument("--team", default=None, help="Slack workspace id (default: FINOPS_TEAM, else local)")
    parser.add_argument("--language", "--lang", default=None, help="en or pt-BR (default: FINOPS_LANGUAGE)")
    parser.set_defaults(handler=handler)
    return parser


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"`{text}` is not an ISO 8601 instant, e.g. 2026-10-15T08:30:00-03:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _context(args: argparse.Namespace) -> tuple[Any, str, str]:
    from bot.digests.bootstrap import build_digest_app
    from bot.digests.settings import DigestSettings
    from bot.i18n import normalise_language

    overrides: dict[str, Any] = {}
    if args.language:
        overrides["language"] = normalise_language(args.language)
    settings = DigestSettings.model_validate(overrides)
    app = build_digest_app(settings)
    return app, args.team or settings.team, settings.language


def run_add(args: argparse.Namespace) -> int:
    from bot.digests.commands import parse_digest_add
    from bot.digests.messages import added

    app, team, language = _context(args)
    spec = parse_digest_add([args.channel, args.cadence, *args.words])
    subscription, created = app.admin.add(team, spec, created_by="cli")
    print(added(subscription, created, app.admin.scheduler.name, language))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from bot.digests.messages import subscription_list

    app, team, language = _context(args)
    print(subscription_list(app.admin.for_team(team), language))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    app, team, language = _context(args)
    removed = app.admin.remove(team, args.id)
    from bot.i18n import translator

    print(translator(language)("digest.removed", id=removed.id, channel=removed.channel))
    return 0


def run_pause(args: argparse.Namespace) -> int:
    return _pause(args, True)


def run_resume(args: argparse.Namespace) -> int:
    return _pause(args, False)


def _pause(args: argparse.Namespace, paused: bool) -> int:
    from bot.i18n import translator

    app, team, language = _context(args)
    changed = app.admin.set_paused(team, args.id, paused)
    print(translator(language)("digest.paused_msg" if paused else "digest.resumed", id=changed.id))
    return 0


def run_one(args: argparse.Namespace) -> int:
    from bot.digests.messages import outcome_line

    app, team, language = _context(args)
    subscription = app.store.get(team, args.id)
    moment = (args.now or datetime.now(UTC)).replace(second=0, microsecond=0)
    outcome = app.runner.run(subscription, moment)
    print(outcome_line(outcome, language))
    return 0 if outcome.status != "dead_letter" else 1


def run_due(args: argparse.Namespace) -> int:
    from bot.digests.messages import outcome_line
    from bot.i18n import translator

    app, _team, language = _context(args)
    now = args.now or datetime.now(UTC)
    outcomes = app.runner.run_due(now, team=args.team)
    for outcome in outcomes:
        print(outcome_line(outcome, language))
    if not outcomes:
        print(translator(language)("digest.none_due", now=now.isoformat(timespec="minutes")))
    return 1 if any(o.status == "dead_letter" for o in outcomes) else 0


def run_replay(args: argparse.Namespace) -> int:
    from bot.digests.messages import replay_line

    app, _team, language = _context(args)
    result = app.replayer.replay(args.max)
    print(replay_line(result, language))
    for error in result.errors:
        print(f"  {error}")
    return 1 if result.failed else 0


def run_email_add(args: argparse.Namespace) -> int:
    from bot.digests.commands import parse_channel
    from bot.email.addresses import normalise_address
    from bot.i18n import translator

    app, team, language = _context(args)
    address = normalise_address(args.address)
    channel = parse_channel(args.channel) if args.channel else None
    changed = app.admin.add_email(team, address, args.id, channel=channel, fallback=args.fallback)
    t = translator(language)
    print(t("digest.email.added", address=address, cadence=t(f"digest.cadence.{changed.cadence.value}"),
            id=changed.id, fallback=t("digest.email.added_fallback") if args.fallback else ""))
    return 0


def run_email_remove(args: argparse.Namespace) -> int:
    from bot.email.addresses import normalise_address
    from bot.i18n import translator

    app, team, language = _context(args)
    address = normalise_address(args.address)
    changed = app.admin.remove_email(team, address, args.id)
    print(translator(language)("digest.email.removed", address=address, id=changed.id))
    return 0


def run_email_list(args: argparse.Namespace) -> int:
    from bot.digests.messages import email_lines

    app, team, language = _context(args)
    subscriptions = [app.store.get(team, args.id)] if args.id else app.admin.for_team(team)
    print(email_lines(subscriptions, language))
    return 0


def run_preview(args: argparse.Namespace) -> int:
    from bot.digests.preview import write_preview

    app, _team, language = _context(args)
    now = datetime.now(UTC)
    for path in write_preview(app, args.out, language, now):
        print(path.resolve())
    return 0
