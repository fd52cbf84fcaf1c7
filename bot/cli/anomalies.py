"""`finops anomalies [PERIOD]`: Cost Anomaly Detection merged with our own detector."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import add_basis_options, add_format_option, add_source_options, request_from, settings_from

ORDER = 25


def register(commands: Any) -> None:
    parser = commands.add_parser("anomalies", help="unusual spend: AWS Cost Anomaly Detection and our detector",
                                 description="Cost anomalies in a period with their root causes. AWS Cost Anomaly "
                                             "Detection and our detector over the daily series are merged: an "
                                             "event both see is listed once.")
    parser.add_argument("period", nargs="?", default="last-30d", help="e.g. last-30d (default), mtd, last-month")
    add_basis_options(parser)
    add_source_options(parser)
    add_format_option(parser)
    parser.set_defaults(handler=run_anomalies, by="service")


def run_anomalies(args: argparse.Namespace) -> int:
    from analysis.anomaly_service import anomaly_report
    from analysis.bootstrap import build_anomaly_source, build_cost_analysis, build_state
    from analysis.domain.insights_json import anomalies_document, to_json
    from bot.render.anomalies_text import render_anomalies
    from bot.render.names import service_label

    settings = settings_from(args)
    request = request_from(args, settings)
    state = build_state(settings)
    report = anomaly_report(build_cost_analysis(settings, state=state), build_anomaly_source(settings, state), request)
    if args.format == "json":
        sys.stdout.write(to_json(anomalies_document(report)) + "\n")
    else:
        sys.stdout.write(render_anomalies(report, settings.language, service_label=service_label))
    return 0
