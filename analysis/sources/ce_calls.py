"""One cached, translated Cost Explorer call: shared by the forecast, anomaly and commitment adapters."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from analysis.errors import SourceError
from analysis.ports import StateStore
from analysis.resilience import CircuitBreaker
from analysis.sources.aws_calls import RetryPolicy, call_aws
from analysis.sources.aws_clients import default_client
from analysis.sources.response_cache import ResponseCache


class CachedCalls:
    """Calls a client method, keeps the JSON answer in the state store for `freshness`, counts requests."""

    def __init__(
        self, service: str, client: Any = None, *, cache: StateStore | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC), freshness: timedelta = timedelta(hours=6),
        retry: RetryPolicy | None = None, breaker: CircuitBreaker | None = None,
        named: Mapping[str, type[SourceError]] | None = None, region: str | None = None,
    ) -> None:
        self.service = service
        self.region = region
        self.namespace = f"{service}-{region}" if region else service
        self._client = client
        self.cache = ResponseCache(cache, clock, freshness)
        self.clock = clock
        self.retry = retry or RetryPolicy()
        self.breaker = breaker
        self.named = dict(named or {})
        self.requests = 0
        self.oldest: datetime | None = None  # when the oldest answer used was read from AWS

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = default_client(self.service, self.region) if self.region else default_client(self.service)
        return self._client

    def __call__(self, method: str, permission: str, **params: Any) -> dict[str, Any]:
        key = hashlib.sha256(json.dumps([method, params], sort_keys=True, default=str).encode()).hexdigest()
        cached = self.cache.get(self.namespace, key)
        if cached is not None:
            self._seen(cached[1])
            answer: dict[str, Any] = cached[0]
            return answer
        response = call_aws(getattr(self.client, method), permission=permission, policy=self.retry,
                            named=self.named, breaker=self.breaker, **params)
        self.requests += 1
        # as JSON, datetimes become ISO strings: a fresh answer reads exactly like a cached one
        answer = json.loads(json.dumps({k: v for k, v in response.items() if k != "ResponseMetadata"}, default=str))
        self._seen(self.cache.put(self.namespace, key, answer))
        return answer

    def _seen(self, moment: datetime) -> None:
        self.oldest = moment if self.oldest is None else min(self.oldest, moment)

    def fetched_at(self) -> datetime:
        return self.oldest or self.clock()
