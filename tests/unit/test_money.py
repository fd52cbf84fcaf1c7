from decimal import Decimal

import pytest

from analysis.domain.money import CurrencyMismatchError, Money, total


def test_adding_money_keeps_exact_decimals():
    assert Money.of("0.1") + Money.of("0.2") == Money.of("0.3")


def test_arithmetic_refuses_mixed_currencies():
    with pytest.raises(CurrencyMismatchError):
        Money.of("1", "USD") + Money.of("1", "BRL")
    with pytest.raises(CurrencyMismatchError):
        _ = Money.of("1", "USD") < Money.of("2", "EUR")


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        Money(1.5, "USD")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.of("1") * 1.5  # type: ignore[operator]


@pytest.mark.parametrize("code", ["usd", "US", "DOLLAR", "U$D"])
def test_currency_must_be_an_iso_code(code):
    with pytest.raises(ValueError):
        Money(Decimal(1), code)


@pytest.mark.parametrize(
    ("amount", "locale", "expected"),
    [
        ("1234.56", "en", "US$ 1,234.56"),
        ("1234.56", "pt-BR", "US$ 1.234,56"),
        ("1234567.891", "en", "US$ 1,234,567.89"),
        ("1234567.891", "pt-BR", "US$ 1.234.567,89"),
        ("0.005", "en", "US$ 0.00"),  # banker's rounding
        ("0.015", "en", "US$ 0.02"),
        ("-42.5", "pt-BR", "US$ -42,50"),
    ],
)
def test_format_per_locale(amount, locale, expected):
    assert Money.of(amount).format(locale) == expected


def test_brl_uses_the_real_symbol():
    assert Money.of("10", "BRL").format("pt-BR") == "R$ 10,00"


def test_total_of_nothing_is_zero_in_the_currency():
    assert total([], "BRL") == Money.zero("BRL")
    assert total([Money.of("1.10"), Money.of("2.20")]) == Money.of("3.30")
