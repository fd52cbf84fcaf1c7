"""The per-service figures sum to the total to the cent in every output: JSON, the view, the text."""

import json
import re
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.costs import CostQuery, GroupBy
from analysis.domain.period import parse_period
from analysis.domain.report import build_report
from analysis.domain.report_json import report_to_json
from analysis.sources.demo import DemoCostSource
from bot.render.cost_view import build_cost_view
from bot.render.text import render_text

SOURCE = DemoCostSource()
MONEY = re.compile(r"US\$ (-?[\d.,]+)")

periods = st.sampled_from(["last-7d", "last-30d", "mtd", "last-month", "qtd", "last-2w", "yesterday", "today",
                           "last-45d", "mes-passado", "2026-09", "2026-Q3", "2026-10-03..2026-10-19"])
bases = st.builds(CostBasis, st.sampled_from(list(Metric)), st.booleans(), st.booleans())
groupings = st.sampled_from(["service", "account", "region", "tag:team", "tag:environment", "cost-category:bu"])
as_of_dates = st.dates(min_value=date(2026, 10, 20), max_value=date(2026, 12, 31))


def parse_money(text: str, language: str) -> Decimal:
    if language == "pt-BR":
        text = text.replace(".", "").replace(",", ".")
    return Decimal(text.replace(",", ""))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(periods, bases, groupings, as_of_dates, st.sampled_from(["en", "pt-BR"]))
def test_parts_add_up_to_the_total_in_every_output(period_text, basis, group_by, as_of, language):
    period = parse_period(period_text, as_of)
    query = CostQuery(period, basis, GroupBy.parse(group_by))
    report = build_report(SOURCE.fetch_costs(query), period, basis, query.group_by)

    doc = json.loads(report_to_json(report))
    total = Decimal(doc["total"])
    for rows in ("by_service", "by_account"):
        assert sum(Decimal(r["cost"]) for r in doc[rows]) == total
    if doc["by_dimension"]:
        assert sum(Decimal(r["cost"]) for r in doc["by_dimension"]) == total
    assert sum(Decimal(r["cost"]) for r in doc["daily"]) == total

    view = build_cost_view(report, language)
    shown_total = parse_money(MONEY.search(view.total).group(1), language)
    assert shown_total == total.quantize(Decimal("0.01"))
    text = render_text(view)
    for table in view.tables:
        shown = [parse_money(MONEY.search(row[1]).group(1), language) for row in table.rows]
        assert sum(shown) == shown_total, table.title
        for row in table.rows:  # the rendered text carries exactly the figures the view computed
            assert row[1] in text


def test_month_crossing_period_sums_both_months():
    as_of = date(2026, 11, 10)
    period = parse_period("last-30d", as_of)  # 2026-10-11 .. 2026-11-10
    report = build_report(SOURCE.fetch_costs(CostQuery(period)), period, CostBasis())
    october = parse_period("2026-10-11..2026-10-31", as_of)
    november = parse_period("2026-11-01..2026-11-09", as_of)
    parts = [build_report(SOURCE.fetch_costs(CostQuery(p)), p, CostBasis()).total for p in (october, november)]
    assert report.total == parts[0] + parts[1]
    assert period.days == (november.end - october.start).days == 30
    assert october.end == november.start == date(2026, 11, 1)
    assert period.end - timedelta(days=1) == date(2026, 11, 9)
