from decimal import Decimal

import pytest

from consultant.figures import find_figures


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("We spent US$ 1,234.56.", "en", [("money", "1234.56", "0.01")]),
        ("Gastamos US$ 1.234,56.", "pt-BR", [("money", "1234.56", "0.01")]),
        ("an extra US$ 1.234,56 appeared", "en", [("money", "1234.56", "0.01")]),  # unambiguous either way
        ("about $12k a month", "en", [("money", "12000", "1000")]),
        ("roughly US$ 1.2M a year", "en", [("money", "1200000", "100000")]),
        ("cerca de US$ 1,2 mi por ano", "pt-BR", [("money", "1200000", "100000")]),
        ("US$ 139 mil no mês", "pt-BR", [("money", "139000", "1000")]),
        ("USD 5,000 in credits", "en", [("money", "5000", "1")]),
        ("1,500 dollars", "en", [("money", "1500", "1")]),
        ("US$ 1.234", "pt-BR", [("money", "1234", "1")]),
        ("US$ 1.234", "en", [("money", "1.234", "0.001")]),
        ("up 12.3% and down 4,9 %", "en", [("percent", "12.3", "0.1"), ("percent", "4.9", "0.1")]),
        ("alta de 12,3%", "pt-BR", [("percent", "12.3", "0.1")]),
        ("−3.7% (−US$ 1,599.56)", "en", [("percent", "3.7", "0.1"), ("money", "1599.56", "0.01")]),
        ("account 600000000001 on Nov 3, 2026 over 30 days, top 5", "en", []),
    ],
)
def test_find_figures_reads_money_and_percentages_in_both_formats(
    text: str, language: str, expected: list[tuple[str, str, str]]
) -> None:
    found = [(f.kind, f.value, f.unit) for f in find_figures(text, language)]
    assert found == [(kind, Decimal(value), Decimal(unit)) for kind, value, unit in expected]


def test_figure_spans_point_at_the_text_written() -> None:
    text = "EC2 cost US$ 30,361.77 (21.8% of spend)."
    assert [text[f.start:f.end] for f in find_figures(text, "en")] == ["US$ 30,361.77", "21.8%"]
