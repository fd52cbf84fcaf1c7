"""The Slack Web API client the whole bot shares: base URL from settings, retries for 429 and 5xx."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.interval_calculator import RetryIntervalCalculator

RETRIES = 3


def retry_handlers(interval: RetryIntervalCalculator | None = None) -> list[RetryHandler]:
    """429: wait what Retry-After says; 500/503 and dropped connections: jittered backoff."""
    backoff = interval or BackoffRetryIntervalCalculator(backoff_factor=0.5)
    return [
        RateLimitErrorRetryHandler(max_retry_count=RETRIES),
        ServerErrorRetryHandler(max_retry_count=RETRIES, interval_calculator=backoff),
        ConnectionErrorRetryHandler(max_retry_count=RETRIES, interval_calculator=backoff),
    ]


def build_web_client(token: str | None, base_url: str, *, interval: RetryIntervalCalculator | None = None,
                     timeout: int = 10) -> WebClient:
    base = base_url if base_url.endswith("/") else base_url + "/"
    return WebClient(token=token, base_url=base, timeout=timeout, retry_handlers=retry_handlers(interval))
