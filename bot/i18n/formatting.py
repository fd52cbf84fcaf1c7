"""Numbers, money, percentages and dates as each locale writes them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from analysis.domain.money import Money, format_decimal
from analysis.domain.period import Period
from bot.i18n.catalog import Translator, translator

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Formatter:
    def __init__(self, language: str) -> None:
        self.t: Translator = translator(language)
        self.language = self.t.language

    def money(self, value: Money) -> str:
        return value.format(self.language)

    def signed_money(self, value: Money) -> str:
        sign = "+" if value.amount > 0 else ("−" if value.amount < 0 else "")
        return f"{sign}{Money(abs(value.amount), value.currency).format(self.language)}"

    def number(self, value: Decimal, places: int = 2) -> str:
        return format_decimal(value, self.language, places)

    def percent(self, value: Decimal | None, *, signed: bool = True, places: int = 1) -> str:
        if value is None:
            return "—"
        sign = "+" if signed and value > 0 else ("−" if value < 0 else "")
        return f"{sign}{format_decimal(abs(value), self.language, places)}%"

    def share(self, value: Decimal | None) -> str:
        return self.percent(None if value is None else value * 100, signed=False)

    def day(self, value: date) -> str:
        if self.language == "pt-BR":
            return value.strftime("%d/%m/%Y")
        return f"{_MONTHS_EN[value.month - 1]} {value.day}, {value.year}"

    def short_day(self, value: date) -> str:
        if self.language == "pt-BR":
            return value.strftime("%d/%m")
        return f"{_MONTHS_EN[value.month - 1]} {value.day}"

    def day_range(self, first: date, last: date) -> str:
        if first == last:
            return self.short_day(first)
        return f"{self.short_day(first)}–{self.short_day(last)}"

    def timestamp(self, value: datetime) -> str:
        if self.language == "pt-BR":
            return value.strftime("%d/%m/%Y %H:%M UTC")
        return f"{self.day(value.date())} {value.strftime('%H:%M')} UTC"

    def period(self, period: Period) -> str:
        """`last 30 days`, `mês passado`, `Oct 1 to Oct 15, 2026`…"""
        label = period.label
        if self.t.has(f"period.{label}"):
            return self.t(f"period.{label}")
        if label.startswith("last-") and label[5:-1].isdigit():
            unit = {"d": "period.last_days", "w": "period.last_weeks", "m": "period.last_months"}[label[-1]]
            return self.t(unit, n=label[5:-1])
        if len(label) == 7 and label[4] == "-" and label[5:].isdigit():  # 2026-10
            return self._month_name(period.start)
        if "-Q" in label or len(label) == 4:
            return label
        return self.t("period.range", start=self.day(period.start), last=self.day(period.last_day))

    def _month_name(self, first: date) -> str:
        if self.language == "pt-BR":
            names = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
                     "outubro", "novembro", "dezembro")
            return f"{names[first.month - 1]} de {first.year}"
        return first.strftime("%B %Y")
