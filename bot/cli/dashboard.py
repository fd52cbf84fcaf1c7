"""`finops dashboard [PERIOD] --out FILE`: the HTML dashboard of a report, written locally."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import add_query_options, request_from, settings_from

ORDER = 45


def register(commands: Any) -> None:
    parser = commands.add_parser("dashboard", help="write the HTML dashboard of a report to a file",
                                 description="A self-contained dashboard.html (no external assets; opens offline).")
    add_query_options(parser)
    parser.add_argument("--out", type=Path, default=Path("out/dashboard.html"),
                        help="where to write it (default out/dashboard.html)")
    parser.add_argument("--no-charts", action="store_true", help="leave the SVG charts out")
    parser.set_defaults(handler=run_dashboard)


def run_dashboard(args: argparse.Namespace) -> int:
    from analysis.bootstrap import build_cost_analysis, build_state
    from bot.dashboard.build import build_dashboard
    from bot.digests.bootstrap import build_summary_writer, build_waste_finder
    from bot.digests.ports import top_savings
    from bot.digests.settings import DigestSettings
    from bot.digests.subscription import utc_now
    from consultant.personas import Persona

    settings = DigestSettings.model_validate(settings_from(args).model_dump())
    request = request_from(args, settings)
    state = build_state(settings)
    report = build_cost_analysis(settings, state=state).answer(request)
    if report is None:
        raise RuntimeError("the local pipeline always answers synchronously")
    find_waste = build_waste_finder(settings, utc_now, state)
    waste = find_waste(report) if find_waste is not None else None
    summarise = build_summary_writer(settings, state)
    summaries = {persona.value: "".join(summarise(report, persona, settings.language, waste))
                 for persona in Persona}
    html = build_dashboard(report, settings.language, savings=top_savings(waste, 5),
                           summaries=summaries, charts=not args.no_charts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    sys.stdout.write(f"{args.out.resolve()}\n")
    return 0
