"""`finops security`: what Security Hub, GuardDuty, Macie and the other security services cost, next to
how many active findings they report by severity."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, time
from typing import Any

from analysis.bootstrap import build_security_findings
from analysis.domain.security_json import security_to_json
from analysis.security import assess_security
from bot.cli.common import add_basis_options, add_format_option, add_source_options, request_from, settings_from
from bot.cli.costs import _answer
from bot.render.security_view import render_security_text

ORDER = 35


def register(commands: Any) -> None:
    security = commands.add_parser(
        "security", help="security services' spend next to their finding counts by severity",
        description="Spend on Security Hub, GuardDuty, Macie and the other security services for a period "
                    "(from the cost report), with active finding counts by severity.")
    security.add_argument("period", nargs="?", default="last-30d", help="e.g. last-30d (default), mtd, 2026-10")
    add_basis_options(security)
    add_source_options(security)
    security.add_argument("--regions", default=None, metavar="REGION[,…]",
                          help="where to count findings (the Security Hub aggregation region, or each region you "
                               "run them in); default: the session's region")
    add_format_option(security)
    security.set_defaults(handler=run_security)


def run_security(args: argparse.Namespace) -> int:
    args.by = "service"
    settings = settings_from(args)
    request = request_from(args, settings)
    report = _answer(settings, request, quiet=args.format == "json")
    regions = [r.strip() for r in args.regions.split(",") if r.strip()] if args.regions else None
    now = datetime.combine(settings.as_of, time(6, 0), UTC) if settings.as_of else datetime.now(UTC)
    posture = assess_security(report, build_security_findings(settings, regions), lambda: now)
    if args.format == "json":
        sys.stdout.write(security_to_json(posture) + "\n")
    else:
        sys.stdout.write(render_security_text(posture, settings.language))
    return 0
