from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from botocore.exceptions import ClientError

from analysis.errors import CircuitOpenError, SourceAccessDeniedError, SourceThrottledError
from analysis.resilience import CircuitBreaker, CircuitBreakers, is_throttling, throttling_retry
from analysis.state import MemoryStateStore


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def client_error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": code}}, "GetCostAndUsage")


@pytest.mark.parametrize("code", ["Throttling", "ThrottlingException", "TooManyRequestsException",
                                  "LimitExceededException", "RequestLimitExceeded",
                                  "ProvisionedThroughputExceededException"])
def test_throttling_codes_are_retried_until_the_call_succeeds(code: str) -> None:
    waits: list[float] = []
    calls = iter([client_error(code), client_error(code), "answer"])

    def flaky() -> str:
        outcome = next(calls)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert throttling_retry(sleep=waits.append)(flaky) == "answer"
    assert len(waits) == 2


def test_backoff_is_jittered_and_capped() -> None:
    waits: list[float] = []

    def always_throttled() -> None:
        raise client_error("Throttling")

    with pytest.raises(ClientError):
        throttling_retry(attempts=8, initial_wait=0.5, max_wait=3.0, sleep=waits.append)(always_throttled)
    assert len(waits) == 7
    assert all(0 <= w <= 3.0 for w in waits)
    assert len(set(waits)) > 1  # random, not a fixed ladder every worker would climb in lockstep


def test_access_denied_is_not_retried() -> None:
    waits: list[float] = []
    calls = 0

    def denied() -> None:
        nonlocal calls
        calls += 1
        raise client_error("AccessDeniedException")

    with pytest.raises(ClientError):
        throttling_retry(sleep=waits.append)(denied)
    assert (calls, waits) == (1, [])
    assert not is_throttling(client_error("AccessDeniedException"))


def throttled() -> None:
    raise SourceThrottledError("Cost Explorer throttled us")


def breaker(store: MemoryStateStore, clock: FakeClock, threshold: int = 3) -> CircuitBreaker:
    return CircuitBreaker("ce", store, threshold=threshold, cooldown=timedelta(seconds=60), clock=clock)


def test_circuit_opens_after_the_threshold_and_then_skips_the_call() -> None:
    store, clock = MemoryStateStore(), FakeClock()
    ce = breaker(store, clock)
    for _ in range(3):
        with pytest.raises(SourceThrottledError):
            ce.call(throttled)
    assert ce.status() == "open"
    called = False

    def would_call() -> None:
        nonlocal called
        called = True

    with pytest.raises(CircuitOpenError, match=r"ce failed 3 times.*2026-11-02 12:01:00 UTC"):
        ce.call(would_call)
    assert called is False


def test_circuit_state_survives_a_new_container() -> None:
    store, clock = MemoryStateStore(), FakeClock()
    for _ in range(3):
        with pytest.raises(SourceThrottledError):
            breaker(store, clock).call(throttled)  # a fresh breaker each time: a new Lambda container
    with pytest.raises(CircuitOpenError):
        breaker(store, clock).call(lambda: "never")


def test_a_success_resets_the_failure_count() -> None:
    store, clock = MemoryStateStore(), FakeClock()
    ce = breaker(store, clock)
    for _ in range(2):
        with pytest.raises(SourceThrottledError):
            ce.call(throttled)
    assert ce.call(lambda: "ok") == "ok"
    with pytest.raises(SourceThrottledError):
        ce.call(throttled)
    assert ce.status() == "closed"
    assert ce.state().failures == 1


def test_access_denied_does_not_trip_the_breaker() -> None:
    store, clock = MemoryStateStore(), FakeClock()
    ce = breaker(store, clock, threshold=1)

    def denied() -> None:
        raise SourceAccessDeniedError("ce:GetCostAndUsage denied")

    with pytest.raises(SourceAccessDeniedError):
        ce.call(denied)
    assert ce.status() == "closed"


def test_after_the_cooldown_one_trial_call_is_admitted_and_its_success_closes_the_circuit() -> None:
    store, clock = MemoryStateStore(), FakeClock()
    ce = breaker(store, clock, threshold=1)
    with pytest.raises(SourceThrottledError):
        ce.call(throttled)
    clock.advance(61)
    assert ce.status() == "half-open"
    other_container = breaker(store, clock, threshold=1)

    def trial() -> str:
        with pytest.raises(CircuitOpenError):  # while the trial runs, others are still refused
            other_container.call(lambda: "concurrent")
        return "recovered"

    assert ce.call(trial) == "recovered"
    assert ce.status() == "closed"
    assert other_container.call(lambda: "flowing") == "flowing"
    assert store.list("circuits/ce.trial.") == []


def test_a_failed_trial_reopens_the_circuit_for_another_cooldown() -> None:
    store, clock = MemoryStateStore(), FakeClock()
    ce = breaker(store, clock, threshold=1)
    with pytest.raises(SourceThrottledError):
        ce.call(throttled)
    clock.advance(61)
    with pytest.raises(SourceThrottledError):
        ce.call(throttled)
    assert ce.status() == "open"
    clock.advance(30)
    with pytest.raises(CircuitOpenError):
        ce.call(lambda: "too soon")


def test_a_trial_that_never_reported_back_does_not_keep_the_circuit_open_forever() -> None:
    store, clock = MemoryStateStore(), FakeClock()
    ce = breaker(store, clock, threshold=1)
    with pytest.raises(SourceThrottledError):
        ce.call(throttled)
    clock.advance(61)
    assert store.put(f"circuits/ce.trial.{int((clock.now - timedelta(seconds=61)).timestamp())}.1", b"",
                     if_absent=True)  # a container claimed the trial, then its Lambda timed out
    with pytest.raises(CircuitOpenError):
        ce.call(lambda: "refused in this period")
    clock.advance(60)
    assert ce.call(lambda: "next period's trial") == "next period's trial"


def test_breakers_are_per_service() -> None:
    store, clock = MemoryStateStore(), FakeClock()
    breakers = CircuitBreakers(store, threshold=1, clock=clock)
    with pytest.raises(SourceThrottledError):
        breakers("ce").call(throttled)
    assert breakers("ce").status() == "open"
    assert breakers("ec2").call(lambda: "fine") == "fine"
