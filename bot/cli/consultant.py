"""`finops report PERSONA` and `finops ask "QUESTION"`: the consultant, streamed to the terminal."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from bot.cli.common import add_query_options, request_from, settings_from

ORDER = 20
BACKENDS = ("offline", "bedrock", "qbusiness")


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report", help="a persona summary of a period (executive, cto, devops, analyst), streamed",
        description="What the period's costs mean for one audience. Offline by default (template-based, no AI).",
    )
    report.add_argument("persona", help="executive, cto, devops (alias sre) or analyst (alias finops); "
                                        "executivo, analista… work too")
    add_query_options(report)
    _backend_option(report)
    report.set_defaults(handler=run_report)

    ask = commands.add_parser(
        "ask", help="ask a question about a period's costs", description="Answers from the report of PERIOD "
        "(default: the period the question names, else last-30d), e.g. `finops ask \"why did EC2 go up?\"`.",
    )
    ask.add_argument("question", help="in English or Portuguese, quoted")
    ask.add_argument("period", nargs="?", default=None, help="e.g. last-30d, mtd, last-month, 2026-10, mes-passado")
    add_query_options(ask, period=False)
    _backend_option(ask)
    ask.set_defaults(handler=run_ask)


def _backend_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=BACKENDS, default=None,
                        help="offline (template-based, default), bedrock or qbusiness (default: FINOPS_LLM)")


def run_report(args: argparse.Namespace) -> int:
    from consultant.personas import Persona

    persona = Persona.parse(args.persona)  # before any data is read: a typo fails fast
    settings = _settings(args)
    assistant = _assistant(settings)
    report, insights = _report(settings, request_from(args, settings))
    return _print(assistant.summarise(report, persona, settings.language, insights=insights))


def run_ask(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from consultant.followup import find_period
    from consultant.intents import fold

    settings = _settings(args)
    as_of = settings.as_of or datetime.now(UTC).date()
    period = args.period or find_period(fold(args.question), as_of) or "last-30d"
    assistant = _assistant(settings)
    report, insights = _report(settings, request_from(args, settings, period))
    return _print(assistant.answer(args.question, report, [], settings.language, insights=insights))


def _settings(args: argparse.Namespace) -> Any:
    settings = settings_from(args)
    if args.backend:
        settings = settings.model_copy(update={"llm": args.backend})
    return settings


def _assistant(settings: Any) -> Any:
    from analysis.catalog import load_catalog
    from consultant.bootstrap import build_assistant

    return build_assistant(settings, glossary=load_catalog())


def _report(settings: Any, request: Any) -> tuple[Any, Any]:
    """The report, and what the consultant cites beside it: the waste savings of the same accounts (stored by
    `/finops waste`, or scanned on the spot for the demo) and the month's forecast, looked up meanwhile."""
    from analysis.bootstrap import build_cost_analysis, build_state, build_waste_findings
    from bot.i18n import translator
    from bot.outlook import insights_of, start_outlook
    from bot.render.waste_view import finding_text

    state = build_state(settings)
    outlook = start_outlook(settings, state, build_waste_findings(settings, state), request.accounts,
                            request.basis(), request.as_of)
    report = build_cost_analysis(settings, state=state).answer(request)
    if report is None:
        raise RuntimeError("the local pipeline always answers synchronously")
    t = translator(settings.language)
    return report, insights_of(outlook.savings(), outlook.forecast(), title_of=lambda f: finding_text(f, t)[0])


def _print(reply: Any) -> int:
    try:
        for chunk in reply:
            sys.stdout.write(chunk)
            sys.stdout.flush()  # show the answer as it streams
        sys.stdout.write("\n")
    except BrokenPipeError:  # `finops ask … | head`: the reader left; not an error worth a stack trace
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    unverified = reply.info.unverified_figures
    if unverified:
        print(f"finops: {len(unverified)} figure(s) not found in the report were marked: {', '.join(unverified)}",
              file=sys.stderr)
    return 0
