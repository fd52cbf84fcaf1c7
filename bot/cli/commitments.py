"""`finops commitments`: Savings Plans and Reserved Instances — expiring soon, coverage, utilization."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import add_format_option, add_source_options, as_of_from, settings_from

ORDER = 30


def register(commands: Any) -> None:
    parser = commands.add_parser("commitments", help="Savings Plans and Reserved Instances: expiring, coverage",
                                 description="Commitments expiring within 60 days, then Savings Plans and RI "
                                             "coverage and utilization over the last 30 days, then every "
                                             "active commitment.")
    add_source_options(parser, accounts=False)
    add_format_option(parser)
    parser.set_defaults(handler=run_commitments)


def run_commitments(args: argparse.Namespace) -> int:
    from analysis.bootstrap import build_commitment_source
    from analysis.domain.insights_json import commitments_document, to_json
    from bot.render.commitments_text import render_commitments

    settings = settings_from(args)
    report = build_commitment_source(settings).commitments(as_of_from(settings))
    if args.format == "json":
        sys.stdout.write(to_json(commitments_document(report)) + "\n")
    else:
        sys.stdout.write(render_commitments(report, settings.language))
    return 0
