"""Resilience for calls to AWS: jittered retries on throttling, and a circuit breaker per service.

The breaker keeps its state in the `StateStore` (S3 in production), so every Lambda container sees
the same circuit: a service that throttles one worker is left alone by the next hundred.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from analysis.errors import CircuitOpenError, SourceThrottledError
from analysis.ports import StateStore

T = TypeVar("T")

# Error codes AWS services use for "slow down"; each service picked its own spelling.
THROTTLING_CODES = frozenset({
    "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
    "LimitExceededException", "RequestLimitExceeded", "ProvisionedThroughputExceededException",
    "RequestThrottled", "RequestThrottledException", "SlowDown",
})
# Codes that say the service itself is struggling: they trip the breaker like throttling does.
UNAVAILABLE_CODES = frozenset({"InternalError", "InternalFailure", "InternalServerError", "ServiceUnavailable",
                               "ServiceUnavailableException"})


def error_code(exc: BaseException) -> str | None:
    """The AWS error code of a botocore `ClientError`, read without importing botocore."""
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return None
    code = response.get("Error", {}).get("Code")
    return code if isinstance(code, str) else None


def is_throttling(exc: BaseException) -> bool:
    return error_code(exc) in THROTTLING_CODES


def is_unhealthy(exc: BaseException) -> bool:
    """Failures that say the service is overloaded, not that our request is wrong (AccessDenied is not)."""
    return isinstance(exc, SourceThrottledError) or error_code(exc) in THROTTLING_CODES | UNAVAILABLE_CODES


def throttling_retry(
    *, attempts: int = 5, initial_wait: float = 0.5, max_wait: float = 20.0,
    sleep: Callable[[float], None] = time.sleep, retry_on: Callable[[BaseException], bool] = is_throttling,
) -> Retrying:
    """Full-jitter exponential backoff (AWS's recommendation) on throttling; re-raises the last error.

    Use: `throttling_retry()(client.get_cost_and_usage, **kwargs)`, then translate what still escapes.
    """
    return Retrying(
        retry=retry_if_exception(retry_on),
        wait=wait_random_exponential(multiplier=initial_wait, max=max_wait),
        stop=stop_after_attempt(attempts),
        sleep=sleep,
        reraise=True,
    )


@dataclass(frozen=True, slots=True)
class CircuitState:
    failures: int = 0
    opened_at: datetime | None = None

    def to_json(self) -> bytes:
        opened = self.opened_at.isoformat() if self.opened_at else None
        return json.dumps({"failures": self.failures, "opened_at": opened}).encode()

    @classmethod
    def from_json(cls, raw: bytes | None) -> CircuitState:
        if not raw:
            return cls()
        data = json.loads(raw)
        opened = data.get("opened_at")
        return cls(int(data.get("failures", 0)), datetime.fromisoformat(opened) if opened else None)


class CircuitBreaker:
    """Closed → open after `threshold` consecutive unhealthy failures → half-open after `cooldown`:
    one caller (across all containers) gets a trial call; its success closes the circuit, its failure
    reopens it.

    State is read-modify-written without a lock, so two containers failing at the same instant may
    count once: the threshold is approximate, which is fine for shedding load.
    """

    def __init__(
        self, service: str, store: StateStore, *, threshold: int = 5, cooldown: timedelta = timedelta(seconds=60),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        counts: Callable[[BaseException], bool] = is_unhealthy,
    ) -> None:
        self.service = service
        self.store = store
        self.threshold = threshold
        self.cooldown = cooldown
        self.clock = clock
        self.counts = counts
        self.key = f"circuits/{service}.json"

    def state(self) -> CircuitState:
        return CircuitState.from_json(self.store.get(self.key))

    def status(self) -> str:
        current = self.state()
        if current.opened_at is None:
            return "closed"
        return "open" if self.clock() < current.opened_at + self.cooldown else "half-open"

    def call(self, fn: Callable[[], T]) -> T:
        current = self.state()
        if current.opened_at is not None:
            self._admit_trial(current)
        try:
            result = fn()
        except BaseException as exc:
            if self.counts(exc):
                self._record_failure(current)
            raise
        if current != CircuitState():
            self._close()
        return result

    def _close(self) -> None:
        self.store.put(self.key, CircuitState().to_json())
        for marker in self.store.list(f"circuits/{self.service}.trial."):
            self.store.delete(marker)

    def _admit_trial(self, current: CircuitState) -> None:
        assert current.opened_at is not None
        elapsed = self.clock() - current.opened_at
        if elapsed < self.cooldown:
            raise CircuitOpenError(self.service, current.failures, _clock_text(current.opened_at + self.cooldown))
        # One trial per cooldown period: a trial whose Lambda died without reporting back does not
        # keep the circuit open forever, the next period admits another.
        period = int(elapsed / self.cooldown)
        marker = f"circuits/{self.service}.trial.{int(current.opened_at.timestamp())}.{period}"
        if not self.store.put(marker, b"", if_absent=True):
            retry_at = current.opened_at + self.cooldown * (period + 1)
            raise CircuitOpenError(self.service, current.failures, _clock_text(retry_at))

    def _record_failure(self, current: CircuitState) -> None:
        failures = current.failures + 1
        half_open_trial_failed = current.opened_at is not None
        opened_at = self.clock() if failures >= self.threshold or half_open_trial_failed else None
        self.store.put(self.key, CircuitState(failures, opened_at).to_json())


class CircuitBreakers:
    """One breaker per AWS service, sharing one store and policy."""

    def __init__(
        self, store: StateStore, *, threshold: int = 5, cooldown: timedelta = timedelta(seconds=60),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.threshold = threshold
        self.cooldown = cooldown
        self.clock = clock
        self._breakers: dict[str, CircuitBreaker] = {}

    def __call__(self, service: str) -> CircuitBreaker:
        if service not in self._breakers:
            self._breakers[service] = CircuitBreaker(service, self.store, threshold=self.threshold,
                                                     cooldown=self.cooldown, clock=self.clock)
        return self._breakers[service]


def _clock_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
