"""`finops slack "…"` (what the bot would post), `finops serve` (HTTP, local) and `finops socket` (Socket Mode)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

ORDER = 20


class SlackNotConfiguredError(Exception):
    """Slack credentials missing for a command that talks to Slack; the message names the variables."""


def register(commands: Any) -> None:
    slack = commands.add_parser(
        "slack", help="print what the bot would post for a message typed in Slack",
        description="Runs the bot's own code with a recorder instead of Slack: no Slack account needed.")
    slack.add_argument("text", help='as typed in Slack: "/finops costs last-30d" or "@FinOps why did EC2 go up?"')
    slack.add_argument("--format", choices=("text", "blocks"), default="text",
                       help="text: readable (default); blocks: the raw Block Kit payloads as JSON")
    slack.add_argument("--user", default="U0DEMO", help="Slack user id of the asker (access rules apply)")
    slack.add_argument("--channel", default="C0DEMO", help="Slack channel id (channel scopes apply)")
    _add_settings_options(slack)
    slack.set_defaults(handler=run_slack)

    serve = commands.add_parser("serve", help="serve Slack's HTTP requests locally (expose with a tunnel)",
                                description="The same handler as the Lambda, on http://HOST:PORT/slack/events. "
                                            "Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.")
    serve.add_argument("--port", type=int, default=3000, help="default 3000")
    serve.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (a tunnel forwards to it)")
    serve.set_defaults(handler=run_serve)

    socket = commands.add_parser("socket", help="connect to Slack with Socket Mode (no public URL needed)",
                                 description="Needs SLACK_APP_TOKEN (xapp-…) and SLACK_BOT_TOKEN.")
    socket.set_defaults(handler=run_socket)


def _add_settings_options(parser: argparse.ArgumentParser) -> None:
    from bot.cli.common import iso_date

    parser.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD",
                        help="treat this UTC date as today, for reproducible runs")
    parser.add_argument("--source", choices=("demo", "aws"), default=None,
                        help="demo organisation or AWS Cost Explorer (default: FINOPS_SOURCE, else demo)")
    parser.add_argument("--language", "--lang", default=None, help="en or pt-BR (default: FINOPS_LANGUAGE)")


def run_slack(args: argparse.Namespace) -> int:
    from bot.cli.common import settings_from
    from bot.render.transcript_text import transcript_json, transcript_text
    from bot.transcript import rehearse

    settings = settings_from(args)
    entries = rehearse(args.text, settings, user=args.user, channel=args.channel)
    sys.stdout.write(transcript_json(entries) if args.format == "blocks" else transcript_text(entries))
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from bot.local_server import make_server

    bot = _configured_bot(needs=("bot_token", "signing_secret"))
    server = make_server(bot, args.host, args.port)
    host, port = str(server.server_address[0]), int(server.server_address[1])
    print(f"finops: serving Slack on http://{host}:{port}/slack/events — point a tunnel (e.g. ngrok http {port}) "
          "at it and use its URL in the app's manifest. Ctrl-C stops.", file=sys.stderr)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


def run_socket(args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import build_app

    bot = _configured_bot(needs=("bot_token", "app_token"))
    print("finops: connecting to Slack with Socket Mode. Ctrl-C stops.", file=sys.stderr)
    SocketModeHandler(build_app(bot), bot.credentials.app_token).start()  # type: ignore[no-untyped-call]
    return 0


def _configured_bot(needs: tuple[str, ...]) -> Any:
    from bot.bootstrap import bootstrap

    bot = bootstrap()
    missing = [f"SLACK_{name.upper()}" for name in needs if not getattr(bot.credentials, name)]
    if missing:
        raise SlackNotConfiguredError(f"set {' and '.join(missing)} (see README, “Slack app”), "
                                      "or try `finops slack \"/finops costs last-30d\"`, which needs no Slack")
    return bot
