"""`finops waste`: money AWS bills for nothing, with what each fix saves a month."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from analysis.bootstrap import build_inventories
from analysis.checks import all_rules, scan
from analysis.checks.registry import UnknownCheckError
from analysis.domain.money import Money
from analysis.domain.waste_json import waste_report_to_json
from bot.cli.common import iso_date, settings_from
from bot.render.waste_text import render_waste_text
from bot.render.waste_view import build_waste_view

ORDER = 30


class AccountListError(UnknownCheckError):
    """An account id that is not 12 digits."""


def register(commands: Any) -> None:
    waste = commands.add_parser(
        "waste", help="idle, orphaned and oversized resources, with the monthly saving of each fix",
        description="Runs the waste checks over every account and region asked for (default: the demo "
                    "organisation, or with --source aws the caller's account in all its enabled regions) and "
                    "merges in AWS Compute Optimizer and Cost Optimization Hub advice.")
    waste.add_argument("--source", choices=("demo", "aws"), default=None,
                       help="demo organisation or AWS (default: FINOPS_SOURCE, else demo)")
    waste.add_argument("--accounts", default=None, metavar="ID[,ID…]|all",
                       help="accounts to scan (all: every active account of the organization); accounts other "
                            "than the caller's are reached by assuming FINOPS_MEMBER_ROLE")
    waste.add_argument("--regions", default=None, metavar="REGION[,…]", help="default: each account's enabled regions")
    waste.add_argument("--checks", default=None, metavar="NAME[,…]",
                       help="check families (ebs, nat, compute-optimizer, …) and/or check ids (ebs-gp2-to-gp3, …)")
    waste.add_argument("--min-saving", dest="min_saving", type=_amount, default=None, metavar="USD",
                       help="leave out findings that save less than this per month")
    waste.add_argument("--format", choices=("text", "json"), default="text",
                       help="text for people (default); json: the waste report document")
    waste.add_argument("--as-of", dest="as_of", type=iso_date, default=None, metavar="YYYY-MM-DD",
                       help="scan as if it were this UTC date (06:00), for reproducible demo runs")
    waste.add_argument("--language", "--lang", default=None, help="en or pt-BR (default: FINOPS_LANGUAGE)")
    waste.add_argument("--list-checks", dest="list_checks", action="store_true", help="list the checks and exit")
    waste.set_defaults(handler=run_waste)


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"`{text}` is not an amount; use e.g. 10 or 12.50 (US$ per month)") from None
    if value < 0 or not value.is_finite():
        raise argparse.ArgumentTypeError("the minimum saving cannot be negative")
    return value


def _list(text: str | None) -> list[str] | None:
    return [part.strip() for part in text.split(",") if part.strip()] if text else None


def run_waste(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.list_checks:
        sys.stdout.write(_check_list(settings.language))
        return 0
    accounts = _list(args.accounts)
    every = accounts == ["all"]
    bad = [a for a in accounts or () if not every and (len(a) != 12 or not a.isdigit())]
    if bad:
        raise AccountListError(f"{', '.join(bad)}: an AWS account id is 12 digits (or use --accounts all)")
    inventories = build_inventories(settings)
    if every:
        accounts = _all_accounts(inventories)
    now = datetime.combine(settings.as_of, time(6, 0), UTC) if settings.as_of else datetime.now(UTC)
    report = scan(inventories, accounts or inventories.default_accounts(), _list(args.regions), _list(args.checks),
                  clock=lambda: now, max_workers=settings.max_workers * 2,
                  min_saving=Money(args.min_saving) if args.min_saving is not None else None)
    if args.format == "json":
        sys.stdout.write(waste_report_to_json(report) + "\n")
    else:
        sys.stdout.write(render_waste_text(build_waste_view(report, settings.language)))
    return 0


def _all_accounts(inventories: Any) -> list[str]:
    listing = getattr(inventories, "organization_accounts", None)
    return list(listing()) if listing else list(inventories.default_accounts())


def _check_list(language: str) -> str:
    from tabulate import tabulate

    from bot.i18n import translator

    t = translator(language)
    rules = all_rules()
    rows = [[rule.check_id, t(f"waste.check.{rule.check_id}"), rule.condition, rule.saving_formula] for rule in rules]
    table = tabulate(rows, headers=["id", t("waste.col.check"), t("waste.list.condition"), t("waste.list.formula")],
                     tablefmt="simple")
    return f"{t('waste.list.title', n=len(rules))}\n\n{table}\n"
