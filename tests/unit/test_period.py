from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.domain.period import PeriodError, parse_period

AS_OF = date(2026, 11, 25)  # a Wednesday

# (text, as_of, start, end (exclusive), comparison start, comparison end)
CASES = [
    ("today", AS_OF, "2026-11-25", "2026-11-26", "2026-11-24", "2026-11-25"),
    ("yesterday", AS_OF, "2026-11-24", "2026-11-25", "2026-11-23", "2026-11-24"),
    ("last-7d", AS_OF, "2026-11-18", "2026-11-25", "2026-11-11", "2026-11-18"),
    ("last-30d", AS_OF, "2026-10-26", "2026-11-25", "2026-09-26", "2026-10-26"),
    ("last-90d", AS_OF, "2026-08-27", "2026-11-25", "2026-05-29", "2026-08-27"),
    ("last-1d", AS_OF, "2026-11-24", "2026-11-25", "2026-11-23", "2026-11-24"),
    ("last-2w", AS_OF, "2026-11-11", "2026-11-25", "2026-10-28", "2026-11-11"),
    ("last-1m", AS_OF, "2026-10-01", "2026-11-01", "2026-09-01", "2026-10-01"),
    ("last-3m", AS_OF, "2026-08-01", "2026-11-01", "2026-05-01", "2026-08-01"),
    ("last-12m", AS_OF, "2025-11-01", "2026-11-01", "2024-11-01", "2025-11-01"),
    ("mtd", AS_OF, "2026-11-01", "2026-11-26", "2026-10-01", "2026-10-26"),
    ("qtd", AS_OF, "2026-10-01", "2026-11-26", "2026-07-01", "2026-08-26"),
    ("ytd", AS_OF, "2026-01-01", "2026-11-26", "2025-01-01", "2025-11-26"),
    ("last-month", AS_OF, "2026-10-01", "2026-11-01", "2026-09-01", "2026-10-01"),
    ("last-quarter", AS_OF, "2026-07-01", "2026-10-01", "2026-04-01", "2026-07-01"),
    ("last-year", AS_OF, "2025-01-01", "2026-01-01", "2024-01-01", "2025-01-01"),
    ("2026-10", AS_OF, "2026-10-01", "2026-11-01", "2026-09-01", "2026-10-01"),
    ("2026-Q3", AS_OF, "2026-07-01", "2026-10-01", "2026-04-01", "2026-07-01"),
    ("2026-q1", AS_OF, "2026-01-01", "2026-04-01", "2025-10-01", "2026-01-01"),
    ("2025", AS_OF, "2025-01-01", "2026-01-01", "2024-01-01", "2025-01-01"),
    ("2026-10-01..2026-10-15", AS_OF, "2026-10-01", "2026-10-16", "2026-09-16", "2026-10-01"),
    ("2026-10-15", AS_OF, "2026-10-15", "2026-10-16", "2026-10-14", "2026-10-15"),
    # month, quarter and year boundaries
    ("last-month", date(2026, 1, 10), "2025-12-01", "2026-01-01", "2025-11-01", "2025-12-01"),
    ("last-quarter", date(2026, 2, 1), "2025-10-01", "2026-01-01", "2025-07-01", "2025-10-01"),
    ("mtd", date(2026, 1, 1), "2026-01-01", "2026-01-02", "2025-12-01", "2025-12-02"),
    ("ytd", date(2026, 1, 1), "2026-01-01", "2026-01-02", "2025-01-01", "2025-01-02"),
    ("last-7d", date(2026, 1, 3), "2025-12-27", "2026-01-03", "2025-12-20", "2025-12-27"),
    ("2026-Q1", date(2026, 3, 31), "2026-01-01", "2026-04-01", "2025-10-01", "2026-01-01"),
    ("mtd", date(2026, 3, 31), "2026-03-01", "2026-04-01", "2026-02-01", "2026-03-01"),
    ("2026-11", AS_OF, "2026-11-01", "2026-11-26", "2026-10-01", "2026-10-26"),  # clipped at today
    # leap days
    ("2024-02", date(2024, 3, 15), "2024-02-01", "2024-03-01", "2024-01-01", "2024-02-01"),
    ("2024-02-29", date(2024, 3, 15), "2024-02-29", "2024-03-01", "2024-02-28", "2024-02-29"),
    ("last-30d", date(2024, 3, 15), "2024-02-14", "2024-03-15", "2024-01-15", "2024-02-14"),
    ("mtd", date(2024, 3, 30), "2024-03-01", "2024-03-31", "2024-02-01", "2024-03-01"),
    ("2024-02-28..2024-03-01", date(2024, 3, 15), "2024-02-28", "2024-03-02", "2024-02-25", "2024-02-28"),
    # Portuguese aliases and accents
    ("hoje", AS_OF, "2026-11-25", "2026-11-26", "2026-11-24", "2026-11-25"),
    ("ontem", AS_OF, "2026-11-24", "2026-11-25", "2026-11-23", "2026-11-24"),
    ("ultimos-30d", AS_OF, "2026-10-26", "2026-11-25", "2026-09-26", "2026-10-26"),
    ("últimos 30 dias", AS_OF, "2026-10-26", "2026-11-25", "2026-09-26", "2026-10-26"),
    ("ultimas-4s", AS_OF, "2026-10-28", "2026-11-25", "2026-09-30", "2026-10-28"),
    ("ultimos-3m", AS_OF, "2026-08-01", "2026-11-01", "2026-05-01", "2026-08-01"),
    ("mes-passado", AS_OF, "2026-10-01", "2026-11-01", "2026-09-01", "2026-10-01"),
    ("mês passado", AS_OF, "2026-10-01", "2026-11-01", "2026-09-01", "2026-10-01"),
    ("este-mes", AS_OF, "2026-11-01", "2026-11-26", "2026-10-01", "2026-10-26"),
    ("este-trimestre", AS_OF, "2026-10-01", "2026-11-26", "2026-07-01", "2026-08-26"),
    ("este-ano", AS_OF, "2026-01-01", "2026-11-26", "2025-01-01", "2025-11-26"),
    ("trimestre-passado", AS_OF, "2026-07-01", "2026-10-01", "2026-04-01", "2026-07-01"),
    ("ano-passado", AS_OF, "2025-01-01", "2026-01-01", "2024-01-01", "2025-01-01"),
    # forgiving spelling
    ("LAST-30D", AS_OF, "2026-10-26", "2026-11-25", "2026-09-26", "2026-10-26"),
    ("last 30 days", AS_OF, "2026-10-26", "2026-11-25", "2026-09-26", "2026-10-26"),
    ("this-month", AS_OF, "2026-11-01", "2026-11-26", "2026-10-01", "2026-10-26"),
]


@pytest.mark.parametrize(("text", "as_of", "start", "end", "cmp_start", "cmp_end"), CASES)
def test_period_grammar(text, as_of, start, end, cmp_start, cmp_end):
    period = parse_period(text, as_of)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert period.comparison is not None
    assert (period.comparison.start.isoformat(), period.comparison.end.isoformat()) == (cmp_start, cmp_end)
    assert period.comparison.end <= period.start  # the comparison never overlaps the period


def test_last_30d_is_the_30_whole_days_before_today():
    period = parse_period("last-30d", AS_OF)
    assert period.days == 30
    assert AS_OF not in period
    assert period.last_day == date(2026, 11, 24)


@pytest.mark.parametrize(("text", "unfinalised"), [("last-30d", True), ("today", True), ("last-month", False),
                                                   ("2026-10-01..2026-10-15", False), ("yesterday", True)])
def test_period_knows_when_it_contains_data_that_is_not_final(text, unfinalised):
    assert parse_period(text, AS_OF).includes_unfinalised_days is unfinalised


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("lastt-30d", "last-30d"), ("last30", "last-30d"), ("mes-pasado", "mes-passado"), ("yesterdy", "yesterday"),
     ("last-0d", "last-1d"), ("last-30x", "last-30d"), ("2026-10-15..2026-10-01", "2026-10-01..2026-10-15")],
)
def test_bad_input_suggests_the_closest_valid_form(text, suggestion):
    with pytest.raises(PeriodError) as error:
        parse_period(text, AS_OF)
    assert error.value.suggestion == suggestion
    assert "last-30d" in str(error.value) and "mes-passado" in str(error.value)  # lists the valid forms


@pytest.mark.parametrize("text", ["2027-01", "2026-12-01", "2026-13", "2026-02-30", "", "   ", "last-9999d"])
def test_impossible_or_future_periods_are_refused_with_a_reason(text):
    with pytest.raises(PeriodError):
        parse_period(text, AS_OF)


@settings(max_examples=400)
@given(st.text(max_size=40), st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_fuzzed_input_raises_nothing_but_period_error(text, as_of):
    try:
        period = parse_period(text, as_of)
    except PeriodError:
        return
    assert period.start < period.end <= as_of.fromordinal(as_of.toordinal() + 1)


@given(st.sampled_from(["last-", "ultimos-", "", "past-"]), st.integers(min_value=-5, max_value=2000),
       st.sampled_from(["d", "w", "m", "days", "semanas", "x", ""]))
def test_fuzzed_relative_forms(prefix, n, unit):
    try:
        period = parse_period(f"{prefix}{n}{unit}", AS_OF)
    except PeriodError:
        return
    assert period.comparison is not None and period.comparison.end == period.start
