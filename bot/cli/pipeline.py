"""`finops pipeline replay`: restart failed Step Functions executions from the dead-letter queue."""

from __future__ import annotations

import argparse
from typing import Any

from analysis.bootstrap import build_dead_letter_replay
from analysis.pipeline.replay import ReplayLine, replay_dead_letters
from bot.cli.common import settings_from
from bot.i18n import Translator, translator

ORDER = 80


def register(commands: Any) -> None:
    pipeline = commands.add_parser("pipeline", help="operate the Step Functions analysis pipeline",
                                   description="Operate the Step Functions analysis pipeline.")
    actions = pipeline.add_subparsers(dest="pipeline_action", metavar="ACTION", required=True)
    replay = actions.add_parser(
        "replay", help="restart failed executions from the dead-letter queue",
        description="Reads FINOPS_DLQ_URL and starts each failed execution again under the name <name>-rN "
                    "(same job id: finished batches are not asked again). Replaying a message twice starts "
                    "one execution. Messages that are not pipeline failures stay in the queue.")
    replay.add_argument("--max", type=int, default=100, metavar="N", help="replay at most N messages (default 100)")
    replay.add_argument("--dry-run", action="store_true", help="say what would start; change nothing")
    replay.add_argument("--language", "--lang", default=None, help="en or pt-BR (default: FINOPS_LANGUAGE)")
    replay.set_defaults(handler=run_replay)


def run_replay(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    t = translator(settings.language)
    letters, executions = build_dead_letter_replay(settings)
    report = replay_dead_letters(letters, executions, limit=args.max, dry_run=args.dry_run)
    if not report.lines:
        print(t("pipeline.replay.empty"))
        return 0
    for line in report.lines:
        print(_describe(line, t, dry_run=args.dry_run))
    print(t("pipeline.replay.summary", started=report.count("started"), already=report.count("already started"),
            unreadable=report.count("unreadable")))
    return 1 if report.count("unreadable") else 0


def _describe(line: ReplayLine, t: Translator, *, dry_run: bool) -> str:
    if line.result == "unreadable":
        return t("pipeline.replay.unreadable", message=line.message_id, detail=line.detail)
    if line.result == "already started":
        return t("pipeline.replay.already", name=line.name, job=line.job_id)
    key = "pipeline.replay.dry_run" if dry_run else "pipeline.replay.started"
    return t(key, name=line.name, job=line.job_id, error=line.detail)
