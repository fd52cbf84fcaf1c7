"""`finops forecast`: spend to the end of this month and quarter, with an 80% interval."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import (
    accounts_from,
    add_basis_options,
    add_format_option,
    add_source_options,
    as_of_from,
    basis_from,
    settings_from,
)

ORDER = 20


def register(commands: Any) -> None:
    parser = commands.add_parser("forecast", help="where this month's and quarter's spend is heading",
                                 description="Spend so far plus a forecast to the end of the month and of the "
                                             "quarter, with an 80% prediction interval.")
    add_basis_options(parser)
    add_source_options(parser)
    add_format_option(parser)
    parser.set_defaults(handler=run_forecast)


def run_forecast(args: argparse.Namespace) -> int:
    from analysis.bootstrap import build_forecast_source
    from analysis.domain.insights_json import forecast_document, to_json
    from bot.render.forecast_text import render_forecast

    settings = settings_from(args)
    accounts = accounts_from(args)
    forecast = build_forecast_source(settings).forecast(as_of_from(settings), basis_from(args),
                                                        frozenset(accounts) if accounts is not None else None)
    if args.format == "json":
        sys.stdout.write(to_json(forecast_document(forecast)) + "\n")
    else:
        sys.stdout.write(render_forecast(forecast, settings.language))
    return 0
