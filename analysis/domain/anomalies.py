"""Our own spike detector over daily cost series, for organisations without Cost Anomaly Detection."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

BASELINE_DAYS = 14
MAD_TO_SIGMA = Decimal("1.4826")


@dataclass(frozen=True, slots=True)
class Spike:
    """Days in a row where a service cost well above its recent baseline."""

    service: str
    first_day: date
    last_day: date
    expected: Decimal  # baseline cost over those days
    actual: Decimal
    source: str = "detector"  # or "cost-anomaly-detection" when AWS found it

    @property
    def excess(self) -> Decimal:
        return self.actual - self.expected


def detect_spikes(
    series: Mapping[str, Mapping[date, Decimal]],
    days: Sequence[date],
    *,
    min_excess: Decimal,
    sigmas: Decimal = Decimal(4),
    min_ratio: Decimal = Decimal("1.5"),
) -> list[Spike]:
    """Flag days in `days` whose cost exceeds the median of the previous 14 days by `sigmas` robust
    deviations and by `min_ratio`× — and whose combined excess is at least `min_excess` (noise on a
    US$ 2 service is not an anomaly). Consecutive flagged days merge into one spike."""
    spikes: list[Spike] = []
    for service, by_day in series.items():
        run: list[tuple[date, Decimal, Decimal]] = []
        for day in days:
            baseline = _baseline(by_day, day)
            actual = by_day.get(day, Decimal(0))
            if baseline is not None and _is_spike(actual, *baseline, sigmas, min_ratio):
                run.append((day, baseline[0], actual))
                continue
            spikes.extend(_close(service, run, min_excess))
            run = []
        spikes.extend(_close(service, run, min_excess))
    return sorted(spikes, key=lambda s: s.excess, reverse=True)


def _baseline(by_day: Mapping[date, Decimal], day: date) -> tuple[Decimal, Decimal] | None:
    history = [by_day.get(day - timedelta(days=i), Decimal(0)) for i in range(1, BASELINE_DAYS + 1)]
    if sum(1 for value in history if value) < BASELINE_DAYS // 2:
        return None  # too little history: a new service is "appeared", not an anomaly
    centre = median(history)
    spread = median(abs(value - centre) for value in history) * MAD_TO_SIGMA
    return centre, spread


def _is_spike(actual: Decimal, centre: Decimal, spread: Decimal, sigmas: Decimal, min_ratio: Decimal) -> bool:
    return actual > centre * min_ratio and actual - centre > sigmas * max(spread, centre * Decimal("0.02"))


def _close(service: str, run: list[tuple[date, Decimal, Decimal]], min_excess: Decimal) -> list[Spike]:
    if not run:
        return []
    expected = sum((r[1] for r in run), Decimal(0))
    actual = sum((r[2] for r in run), Decimal(0))
    if actual - expected < min_excess:
        return []
    return [Spike(service, run[0][0], run[-1][0], expected, actual)]
