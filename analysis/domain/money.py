"""Money: a Decimal amount with an ISO 4217 currency. Never a float."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

CENT = Decimal("0.01")

# Symbols as Brazilian and US readers expect them; "US$" disambiguates from R$.
_SYMBOLS = {"USD": "US$", "BRL": "R$", "EUR": "€", "GBP": "£"}


class CurrencyMismatchError(ValueError):
    """Raised when arithmetic mixes two currencies."""


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str = "USD"

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError(f"Money amount must be Decimal, got {type(self.amount).__name__}")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise ValueError(f"currency must be an ISO 4217 code such as USD, got {self.currency!r}")

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str = "USD") -> Money:
        try:
            value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
        except InvalidOperation as exc:
            raise ValueError(f"not a decimal amount: {amount!r}") from exc
        return cls(value, currency)

    @classmethod
    def zero(cls, currency: str = "USD") -> Money:
        return cls(Decimal(0), currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatchError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float):
            raise TypeError("multiply Money by Decimal or int, not float")
        return Money(self.amount * factor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def cents(self) -> Money:
        """This amount rounded to the cent (banker's rounding, as billing systems do)."""
        return Money(self.amount.quantize(CENT, rounding=ROUND_HALF_EVEN), self.currency)

    def is_zero(self) -> bool:
        return self.amount == 0

    def format(self, locale: str = "en") -> str:
        """`US$ 1,234.56` in English, `US$ 1.234,56` in Brazilian Portuguese."""
        return f"{_SYMBOLS.get(self.currency, self.currency)} {format_decimal(self.cents().amount, locale)}"

    def __str__(self) -> str:
        return self.format("en")


def format_decimal(value: Decimal, locale: str = "en", places: int = 2) -> str:
    """Group thousands and place the decimal mark as the locale writes numbers."""
    text = f"{value:,.{places}f}"
    if locale.lower().startswith("pt"):
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def total(amounts: Iterable[Money], currency: str = "USD") -> Money:
    """Exact sum; an empty iterable is zero in `currency`."""
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result
