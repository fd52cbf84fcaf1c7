"""Options several commands share, and turning them into an analysis request."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime

from analysis.domain.basis import CostBasis, Metric
from analysis.pipeline.contracts import AnalysisRequest
from bot.settings import Settings


def add_query_options(parser: argparse.ArgumentParser, *, period: bool = True) -> None:
    if period:
        parser.add_argument("period", nargs="?", default="last-30d",
                            help="e.g. last-30d (default), mtd, last-month, 2026-10, 2026-Q3, "
                                 "2026-10-01..2026-10-15, ultimos-30d, mes-passado")
    parser.add_argument("--by", default="service", metavar="DIM",
                        help="service (default), account, region, tag:KEY or cost-category:NAME")
    add_basis_options(parser)
    add_source_options(parser)


def add_basis_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--basis", default="amortized",
                        help="amortized (default), unblended, net-amortized or net-unblended")
    parser.add_argument("--credits", choices=("include", "exclude"), default="exclude",
                        help="include credits and refunds (default: exclude)")
    parser.add_argument("--tax", choices=("include", "exclude"), default="include", help="default: include")


def add_source_options(parser: argparse.ArgumentParser, *, accounts: bool = True) -> None:
    parser.add_argument("--source", choices=("demo", "aws"), default=None,
                        help="demo organisation or AWS Cost Explorer (default: FINOPS_SOURCE, else demo)")
    if accounts:
        parser.add_argument("--accounts", default=None, metavar="ID[,ID…]", help="limit to these account ids")
    parser.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD",
                        help="treat this UTC date as today, for reproducible runs")
    parser.add_argument("--language", "--lang", default=None, help="en or pt-BR (default: FINOPS_LANGUAGE)")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default); json: the documented schema")


def as_of_from(settings: Settings) -> date:
    return settings.as_of or datetime.now(UTC).date()


def accounts_from(args: argparse.Namespace) -> tuple[str, ...] | None:
    text = getattr(args, "accounts", None)
    return tuple(a.strip() for a in text.split(",") if a.strip()) if text else None


def basis_from(args: argparse.Namespace) -> CostBasis:
    return CostBasis(Metric.parse(args.basis), args.credits == "include", args.tax == "include")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date; use YYYY-MM-DD") from None


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(args, "source", None):
        overrides["source"] = args.source
    if getattr(args, "as_of", None):
        overrides["as_of"] = args.as_of
    if getattr(args, "language", None):
        from bot.i18n import normalise_language

        overrides["language"] = normalise_language(args.language)
    return Settings(**overrides)  # type: ignore[arg-type]


def request_from(args: argparse.Namespace, settings: Settings, period: str | None = None) -> AnalysisRequest:
    from analysis.domain.costs import GroupBy
    from analysis.domain.period import parse_period

    as_of = as_of_from(settings)
    period_text = period or args.period
    parse_period(period_text, as_of)  # fail early with the grammar's own message
    GroupBy.parse(args.by)
    basis = basis_from(args)
    return AnalysisRequest(
        period=period_text, as_of=as_of, metric=basis.metric, credits_included=basis.credits_included,
        tax_included=basis.tax_included, group_by=args.by, accounts=accounts_from(args), source=settings.source,
    )
