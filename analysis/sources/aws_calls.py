"""Calling AWS from the adapters: throttling retried with jittered backoff (`analysis.resilience`), every
failure translated into a named error that says what to do (Powertools style: `raise Named(...) from exc`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, PartialCredentialsError

from analysis.errors import SourceAccessDeniedError, SourceError, SourceThrottledError, SourceUnavailableError
from analysis.resilience import THROTTLING_CODES, UNAVAILABLE_CODES, CircuitBreaker, error_code, throttling_retry

T = TypeVar("T")

ACCESS_DENIED_CODES = frozenset({
    "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedException",
})


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded, jittered exponential backoff for throttling (Cost Explorer allows a few requests a second)."""

    attempts: int = 5
    initial_wait: float = 0.5
    max_wait: float = 16.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)


def call_aws(
    operation: Callable[..., T],
    *,
    permission: str,
    policy: RetryPolicy,
    named: Mapping[str, type[SourceError]] | None = None,
    breaker: CircuitBreaker | None = None,
    **params: Any,
) -> T:
    """Call `operation(**params)`; retry throttling within `policy`, then raise a named `SourceError`.

    `permission` is the IAM action the call needs (e.g. `ce:GetCostAndUsage`): an AccessDenied names it.
    `named` maps service-specific error codes to the error class to raise. With a `breaker`, the call
    (retries included) runs through the service's circuit, which opens after repeated throttling.
    """
    retrying = throttling_retry(attempts=policy.attempts, initial_wait=policy.initial_wait,
                                max_wait=policy.max_wait, sleep=policy.sleep)

    def attempt() -> T:
        return retrying(operation, **params)

    try:
        return breaker.call(attempt) if breaker is not None else attempt()
    except ClientError as exc:
        raise translate(exc, permission, policy.attempts, named or {}) from exc
    except (NoCredentialsError, PartialCredentialsError) as exc:
        raise SourceAccessDeniedError(
            f"No AWS credentials found for {permission}: configure the boto3 credential chain "
            "(AWS_PROFILE, environment variables or an instance/Lambda role)."
        ) from exc
    except BotoCoreError as exc:
        raise SourceUnavailableError(f"{permission} could not reach AWS: {exc}") from exc


def translate(exc: ClientError, permission: str, attempts: int, named: Mapping[str, type[SourceError]]) -> SourceError:
    code = error_code(exc) or ""
    message = exc.response.get("Error", {}).get("Message", "") or code
    if code in named:
        return named[code](f"{permission}: {message}")
    if code in THROTTLING_CODES | UNAVAILABLE_CODES:
        return SourceThrottledError(f"{permission} was throttled ({code}) {attempts} times in a row: {message}")
    if code in ACCESS_DENIED_CODES:
        return SourceAccessDeniedError(
            f"Access denied: the role needs the IAM permission {permission} ({message})")
    return SourceError(f"{permission} failed with {code or 'an unknown error'}: {message}")
