"""Forecast method, anomaly merging and commitment expiry: the pure domain behind forecast/anomalies/commitments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from analysis.domain.anomalies import Spike
from analysis.domain.commitments import Commitment
from analysis.domain.cost_anomalies import AWS, DETECTOR, Anomaly, RootCause, in_scope, merge_anomalies
from analysis.domain.forecast import horizon_windows, project_by_weekday

START = date(2026, 11, 23)  # a Monday


def _series(values_by_weekday: dict[int, Decimal], days: int = 28) -> dict[date, Decimal]:
    return {START - timedelta(days=n): values_by_weekday[(START - timedelta(days=n)).weekday()]
            for n in range(1, days + 1)}


def test_a_flat_series_forecasts_itself_with_no_spread() -> None:
    flat = _series(dict.fromkeys(range(7), Decimal(100)))
    assert project_by_weekday(flat, START, START + timedelta(days=8)) == (Decimal(800), Decimal(800), Decimal(800))


def test_weekends_are_forecast_from_weekends() -> None:
    weekly = _series({**dict.fromkeys(range(5), Decimal(100)), 5: Decimal(40), 6: Decimal(40)})
    mean, lower, upper = project_by_weekday(weekly, START, START + timedelta(days=7))
    assert mean == Decimal(5 * 100 + 2 * 40) and lower == upper == mean


def test_noise_widens_the_interval_with_the_square_root_of_the_days() -> None:
    noisy = {START - timedelta(days=n): Decimal(100 + (10 if n % 2 else -10)) for n in range(1, 29)}
    _, low_7, high_7 = project_by_weekday(noisy, START, START + timedelta(days=7))
    _, low_28, high_28 = project_by_weekday(noisy, START, START + timedelta(days=28))
    assert high_7 > low_7
    assert abs((high_28 - low_28) / (high_7 - low_7) - 2) < Decimal("0.001")  # √28 / √7


def test_a_growing_series_is_projected_upwards() -> None:
    growing = {START - timedelta(days=n): Decimal(200 - n) for n in range(1, 29)}
    mean, _, _ = project_by_weekday(growing, START, START + timedelta(days=7))
    assert mean > sum((growing[START - timedelta(days=n)] for n in range(1, 8)), Decimal(0))


def test_horizons_are_the_month_and_the_quarter_around_as_of() -> None:
    assert horizon_windows(date(2026, 11, 25)) == [("month", date(2026, 11, 1), date(2026, 12, 1)),
                                                  ("quarter", date(2026, 10, 1), date(2027, 1, 1))]


def _aws(service: str, first: int, last: int, account: str = "111") -> Anomaly:
    return Anomaly(service, date(2026, 11, first), date(2026, 11, last), Decimal(10), Decimal(100), (AWS,),
                   (RootCause(service=service, account_id=account),), f"{service}-{first}")


def _spike(service: str, first: int, last: int) -> Spike:
    return Spike(service, date(2026, 11, first), date(2026, 11, last), Decimal(20), Decimal(80))


def test_a_spike_that_overlaps_an_aws_anomaly_of_the_same_service_is_merged_into_it() -> None:
    merged = merge_anomalies([_aws("EC2 - Other", 10, 12)], [_spike("EC2 - Other", 12, 14)])
    assert len(merged) == 1 and merged[0].sources == (AWS, DETECTOR) and merged[0].anomaly_id == "EC2 - Other-10"


def test_other_services_or_other_days_stay_separate_and_the_largest_comes_first() -> None:
    merged = merge_anomalies([_aws("EC2 - Other", 10, 12)], [_spike("AWS Lambda", 10, 12),
                                                            _spike("EC2 - Other", 20, 21)])
    assert [(a.service, a.sources) for a in merged] == [("EC2 - Other", (AWS,)), ("AWS Lambda", (DETECTOR,)),
                                                        ("EC2 - Other", (DETECTOR,))]


def test_scope_keeps_anomalies_whose_root_causes_name_a_visible_account() -> None:
    anomalies = [_aws("A", 1, 1, "111"), _aws("B", 1, 1, "222")]
    assert [a.service for a in in_scope(anomalies, frozenset({"222"}))] == ["B"]
    assert in_scope(anomalies, None) == anomalies


def test_a_commitment_expires_within_the_window_only_before_its_end() -> None:
    ri = Commitment("reserved-instance", "ri", "EC2 m6i.large", "EC2", date(2025, 12, 1), date(2026, 12, 1))
    assert ri.days_left(date(2026, 11, 25)) == 6 and ri.expires_within(date(2026, 11, 25))
    assert not ri.expires_within(date(2026, 9, 1))  # 91 days left
    assert not ri.expires_within(date(2026, 12, 2))  # already ended
