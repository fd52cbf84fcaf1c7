"""Rounding figures for display so that the parts still add up to the rounded whole."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from analysis.domain.money import CENT


def round_preserving_total(values: Sequence[Decimal], quantum: Decimal = CENT) -> list[Decimal]:
    """Round each value to `quantum` so the rounded values sum exactly to the rounded total.

    Largest-remainder method: floor every value, then hand the missing quanta to the values
    that lost the most. Without this, ten services of US$ 0.004 each show US$ 0.00 apiece
    beside a total of US$ 0.04.
    """
    if not values:
        return []
    target = sum(values, Decimal(0)).quantize(quantum, rounding=ROUND_HALF_EVEN)
    floors = [v.quantize(quantum, rounding=ROUND_FLOOR) for v in values]
    missing = int((target - sum(floors, Decimal(0))) / quantum)
    order = sorted(range(len(values)), key=lambda i: (values[i] - floors[i], -i), reverse=True)
    # floors sum to at most the exact total, so `missing` is never negative (credits included)
    result = list(floors)
    for i in order[:missing]:
        result[i] += quantum
    return result
