"""Find the money figures and percentages in a text, in either language's number format.

`US$ 1,234.56`, `US$ 1.234,56`, `$12k`, `US$ 1,2 mi`, `12.3%`, `12,3 %`, `−4.9%`, `1,500 dollars`… each
becomes a value with the precision it was written with, so a checker can allow for rounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

_NUMBER = r"\d[\d.,]*\d|\d"
_CURRENCY = r"US\$|R\$|USD|U\$S|\$|€|£"
_SCALE_WORDS = {
    "k": 3, "K": 3, "mil": 3, "thousand": 3,
    "m": 6, "M": 6, "mi": 6, "MM": 6, "mn": 6, "million": 6, "millions": 6, "milhão": 6, "milhões": 6, "milhao": 6,
    "milhoes": 6,
    "b": 9, "B": 9, "bi": 9, "bn": 9, "billion": 9, "bilhão": 9, "bilhões": 9,
}
_SCALE = (r"(?:\s?(?P<scale>k|K|MM|M|mn|mi|bn|bi|B|thousand|million|millions|billion|mil|milh[aã]o|milh[oõ]es"
          r"|bilh[aã]o|bilh[oõ]es)\b)?")
_MONEY = re.compile(
    rf"(?P<sign>[+\-−–])?\s?(?:(?P<cur>{_CURRENCY})\s?(?P<num>{_NUMBER}){_SCALE}"
    rf"|(?P<num2>{_NUMBER})\s?(?P<scale2>k|K|M)?\s?(?P<cur2>USD|dollars|d[oó]lares)\b)"
)
_PERCENT = re.compile(rf"(?P<sign>[+\-−–])?(?P<num>{_NUMBER})\s?(?:%|percent\b|por cento\b|pontos percentuais\b)")


@dataclass(frozen=True, slots=True)
class Figure:
    kind: Literal["money", "percent"]
    value: Decimal  # absolute value, in currency units or percent points
    unit: Decimal  # the place value of the last digit written: 0.01 for `1,234.56`, 1000 for `$12k`
    start: int
    end: int
    text: str


def find_figures(text: str, language: str) -> list[Figure]:
    """Every money figure and percentage, in order of appearance."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for match in _MONEY.finditer(text):
        number = match["num"] or match["num2"]
        scale = match["scale"] or match["scale2"]
        parsed = parse_number(number, language)
        if parsed is None:
            continue
        value, unit = parsed
        power = _SCALE_WORDS.get(scale, 0) if scale else 0
        factor = Decimal(10) ** power
        start = match.start("cur") if match["cur"] else match.start("num2")
        found.append(Figure("money", value * factor, unit * factor, start, match.end(), text[start:match.end()]))
        taken.append((start, match.end()))
    for match in _PERCENT.finditer(text):
        if any(a <= match.start("num") < b for a, b in taken):
            continue
        parsed = parse_number(match["num"], language)
        if parsed is not None:
            found.append(Figure("percent", parsed[0], parsed[1], match.start("num"), match.end(),
                                text[match.start("num"):match.end()]))
    return sorted(found, key=lambda f: f.start)


def parse_number(raw: str, language: str) -> tuple[Decimal, Decimal] | None:
    """`1,234.56` → (1234.56, 0.01). With one kind of separator, three digits after it mean thousands
    unless the language writes its decimals with that mark (`1.234` is 1234 in pt-BR, 1.234 in en)."""
    raw = raw.strip(".,")
    decimal_mark = "," if language.lower().startswith("pt") else "."
    if "," in raw and "." in raw:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
    elif "," in raw or "." in raw:
        mark = "," if "," in raw else "."
        parts = raw.split(mark)
        thousands = len(parts) > 2 or len(parts[-1]) == 3
        if thousands and (mark != decimal_mark or len(parts) > 2):
            decimal_mark = "." if mark == "," else ","
        elif not thousands:
            decimal_mark = mark
    integer, _, fraction = raw.partition(decimal_mark) if decimal_mark in raw else (raw, "", "")
    digits = re.sub(r"[.,]", "", integer)
    try:
        value = Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation:
        return None
    if fraction and not fraction.isdigit():
        return None
    return value, Decimal(1).scaleb(-len(fraction))
