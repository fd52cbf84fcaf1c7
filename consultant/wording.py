"""Numbers, money, dates and period names as each language writes them, for templates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from analysis.domain.money import Money, format_decimal
from analysis.domain.period import Period

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "pt-BR": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
              "novembro", "dezembro"),
}
_NAMED_PERIODS = {
    "en": {"today": "today", "yesterday": "yesterday", "mtd": "month to date", "qtd": "quarter to date",
           "ytd": "year to date", "last-month": "last month", "last-quarter": "last quarter",
           "last-year": "last year"},
    "pt-BR": {"today": "hoje", "yesterday": "ontem", "mtd": "mês até hoje", "qtd": "trimestre até hoje",
              "ytd": "ano até hoje", "last-month": "mês passado", "last-quarter": "trimestre passado",
              "last-year": "ano passado"},
}
_UNITS = {"en": {"d": "days", "w": "weeks", "m": "months"}, "pt-BR": {"d": "dias", "w": "semanas", "m": "meses"}}
_LAST = {"en": "last {n} {unit}", "pt-BR": "últimos {n} {unit}"}
_DURING = {
    "en": {"today": "today", "yesterday": "yesterday", "mtd": "this month so far", "qtd": "this quarter so far",
           "ytd": "this year so far", "last-month": "last month", "last-quarter": "last quarter",
           "last-year": "last year"},
    "pt-BR": {"today": "hoje", "yesterday": "ontem", "mtd": "neste mês até agora", "qtd": "neste trimestre até agora",
              "ytd": "neste ano até agora", "last-month": "no mês passado", "last-quarter": "no trimestre passado",
              "last-year": "no ano passado"},
}
_DURING_LAST = {
    "en": {"d": "in the last {n} days", "w": "in the last {n} weeks", "m": "in the last {n} months"},
    "pt-BR": {"d": "nos últimos {n} dias", "w": "nas últimas {n} semanas", "m": "nos últimos {n} meses"},
}
_BASIS = {
    "en": {"unblended": "unblended", "amortized": "amortized", "net-unblended": "net unblended",
           "net-amortized": "net amortized"},
    "pt-BR": {"unblended": "não amortizado", "amortized": "amortizado", "net-unblended": "líquido não amortizado",
              "net-amortized": "líquido amortizado"},
}


class Wording:
    """Formatting helpers bound to one language; templates call them as `w.money(x)`."""

    def __init__(self, language: str) -> None:
        self.language = language

    def money(self, value: Money) -> str:
        return value.format(self.language)

    def abs_money(self, value: Money) -> str:
        return Money(abs(value.amount), value.currency).format(self.language)

    def signed_money(self, value: Money) -> str:
        sign = "+" if value.amount > 0 else ("−" if value.amount < 0 else "")
        return sign + self.abs_money(value)

    def number(self, value: Decimal | int, places: int = 0) -> str:
        return format_decimal(Decimal(value), self.language, places)

    def pct(self, value: Decimal | None, places: int = 1) -> str:
        """`12.3%` / `12,3%`, unsigned; `—` when there is nothing to compare with."""
        if value is None:
            return "—"
        return f"{format_decimal(abs(value), self.language, places)}%"

    def signed_pct(self, value: Decimal | None, places: int = 1) -> str:
        if value is None:
            return "—"
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        return sign + self.pct(value, places)

    def day(self, value: date) -> str:
        if self.language == "pt-BR":
            return value.strftime("%d/%m/%Y")
        return f"{_MONTHS['en'][value.month - 1][:3]} {value.day}, {value.year}"

    def short_day(self, value: date) -> str:
        if self.language == "pt-BR":
            return value.strftime("%d/%m")
        return f"{_MONTHS['en'][value.month - 1][:3]} {value.day}"

    def days(self, first: date, last: date) -> str:
        return self.short_day(first) if first == last else f"{self.short_day(first)}–{self.short_day(last)}"

    def timestamp(self, value: datetime) -> str:
        return f"{self.day(value.date())} {value.strftime('%H:%M')} UTC"

    def span(self, period: Period) -> str:
        """`Oct 16, 2026 to Nov 14, 2026` — both days included."""
        joiner = " a " if self.language == "pt-BR" else " to "
        return f"{self.day(period.start)}{joiner}{self.day(period.last_day)}"

    def period(self, period: Period) -> str:
        label = period.label
        named = _NAMED_PERIODS[self.language].get(label)
        if named:
            return named
        if label.startswith("last-") and label[5:-1].isdigit() and label[-1] in "dwm":
            return _LAST[self.language].format(n=label[5:-1], unit=_UNITS[self.language][label[-1]])
        if len(label) == 7 and label[4] == "-" and label[5:].isdigit():
            month = _MONTHS[self.language][period.start.month - 1]
            return f"{month} de {period.start.year}" if self.language == "pt-BR" else f"{month} {period.start.year}"
        return self.span(period)

    def during(self, period: Period) -> str:
        """The period as an adverbial: `in the last 30 days`, `no mês passado`, `in October 2026`."""
        label = period.label
        named = _DURING[self.language].get(label)
        if named:
            return named
        if label.startswith("last-") and label[5:-1].isdigit() and label[-1] in "dwm":
            return _DURING_LAST[self.language][label[-1]].format(n=label[5:-1])
        if len(label) == 7 and label[4] == "-" and label[5:].isdigit():
            return ("em " if self.language == "pt-BR" else "in ") + self.period(period)
        joiner = ("de {a} a {b}" if self.language == "pt-BR" else "from {a} to {b}")
        return joiner.format(a=self.day(period.start), b=self.day(period.last_day))

    def basis(self, metric: str) -> str:
        return _BASIS[self.language].get(metric, metric)

    def category(self, category: str | None) -> str:
        return category_name(self.language, category)


_CATEGORIES = {
    "en": {"compute": "compute", "containers": "containers", "storage": "storage", "database": "databases",
           "networking": "networking and data transfer", "analytics": "analytics", "ml_ai": "machine learning and AI",
           "security": "security", "management": "management and monitoring", "developer_tools": "developer tools",
           "application_integration": "application integration", "support": "support", "marketplace": "Marketplace",
           "billing": "billing", "end_user": "end-user computing", "other": "other services"},
    "pt-BR": {"compute": "computação", "containers": "contêineres", "storage": "armazenamento",
              "database": "bancos de dados", "networking": "rede e transferência de dados", "analytics": "analytics",
              "ml_ai": "machine learning e IA", "security": "segurança", "management": "gestão e monitoramento",
              "developer_tools": "ferramentas de desenvolvimento",
              "application_integration": "integração de aplicações",
              "support": "suporte", "marketplace": "Marketplace", "billing": "faturamento",
              "end_user": "computação de usuário final", "other": "outros serviços"},
}


def category_name(language: str, category: str | None) -> str:
    table = _CATEGORIES[language]
    return table.get(category or "other", category or table["other"])
