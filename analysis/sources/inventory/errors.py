"""botocore failures as the named errors the pipeline understands (Step Functions Retry/Catch use them)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)

from analysis.errors import SourceAccessDeniedError, SourceError, SourceThrottledError, SourceUnavailableError

DENIED = frozenset({"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
                    "AuthFailure", "InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken",
                    "ExpiredTokenException", "AllAccessDisabled"})
THROTTLED = frozenset({"Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded",
                       "TooManyRequestsException", "RequestThrottled", "RequestThrottledException", "SlowDown",
                       "LimitExceededException"})
UNAVAILABLE = frozenset({"OptInRequired", "OptInRequiredException", "ServiceUnavailable",
                         "ServiceUnavailableException", "InternalError", "InternalFailure",
                         "InternalServerException", "SubscriptionRequiredException"})


def translate(exc: ClientError, service: str, where: str) -> SourceError:
    error = exc.response.get("Error", {})
    code = str(error.get("Code", "Unknown"))
    message = str(error.get("Message", "")).strip()
    text = f"{service}:{exc.operation_name} failed in {where}: {code}" + (f": {message}" if message else "")
    if code in DENIED:
        return SourceAccessDeniedError(text)
    if code in THROTTLED:
        return SourceThrottledError(text)
    if code in UNAVAILABLE:
        return SourceUnavailableError(text)
    return SourceError(text)


@contextmanager
def reading(service: str, account_id: str, region: str) -> Iterator[None]:
    """Turn whatever botocore raises while reading one service into a named `SourceError`."""
    where = f"account {account_id}, {region}"
    try:
        yield
    except ClientError as exc:
        raise translate(exc, service, where) from exc
    except NoCredentialsError as exc:
        raise SourceAccessDeniedError(f"{service}: no AWS credentials found for {where}") from exc
    except (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError) as exc:
        raise SourceUnavailableError(f"{service} did not answer in {where}: {exc}") from exc
    except BotoCoreError as exc:
        raise SourceError(f"{service} failed in {where}: {exc}") from exc
