"""`finops costs` and `finops demo`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from analysis.bootstrap import build_cost_analysis
from analysis.domain.report import CostReport
from analysis.domain.report_json import report_to_json
from analysis.pipeline.progress import ProgressEvent
from bot.cli.common import add_query_options, iso_date, request_from, settings_from
from bot.render.cost_view import build_cost_view
from bot.render.names import service_label
from bot.render.text import render_text

ORDER = 10


def register(commands: Any) -> None:
    costs = commands.add_parser("costs", help="what you spent, by service, account, region or tag",
                                description="Costs for a period against the previous one.")
    add_query_options(costs)
    costs.add_argument("--format", choices=("text", "json", "blocks"), default="text",
                       help="text for people (default); json: the documented report schema; "
                            "blocks: the Slack Block Kit message")
    costs.set_defaults(handler=run_costs)

    demo = commands.add_parser("demo", help="answer `/finops costs last-30d` for the built-in demo organisation",
                               description="No AWS or Slack account needed: the demo organisation is generated.")
    demo.add_argument("--as-of", dest="as_of", default=None, type=iso_date, metavar="YYYY-MM-DD")
    demo.add_argument("--language", "--lang", default=None, help="en or pt-BR")
    demo.set_defaults(handler=run_demo)


def run_costs(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    request = request_from(args, settings)
    report = _answer(settings, request, quiet=args.format == "json")
    if args.format == "json":
        sys.stdout.write(report_to_json(report) + "\n")
        return 0
    view = build_cost_view(report, settings.language, service_label=service_label)
    if args.format == "blocks":
        import json

        from bot.render.blocks import cost_blocks

        sys.stdout.write(json.dumps(cost_blocks(view, query=f"costs {args.period}"), ensure_ascii=False, indent=2)
                         + "\n")
    else:
        sys.stdout.write(render_text(view))
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Exactly `finops slack "/finops costs last-30d"` on the demo organisation: the bot's own path."""
    from bot.render.transcript_text import transcript_text
    from bot.transcript import rehearse

    args.source = "demo"
    settings = settings_from(args)
    sys.stdout.write(transcript_text(rehearse("/finops costs last-30d", settings)))
    return 0


def _answer(settings: Any, request: Any, *, quiet: bool) -> CostReport:
    analysis = build_cost_analysis(settings)

    def show(event: ProgressEvent) -> None:
        if not quiet and sys.stderr.isatty():
            print(f"… {event.stage} {event.done}/{event.total} {event.detail}", file=sys.stderr)

    report = analysis.answer(request, show)
    if report is None:
        raise RuntimeError("the local pipeline always answers synchronously")
    return report
