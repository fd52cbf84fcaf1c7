"""boto3 clients for one account and region, with botocore's own retries for throttling."""

from __future__ import annotations

import threading
from typing import Any

from botocore.config import Config

_CLIENT_LOCK = threading.Lock()  # a boto3 Session is not safe to create clients from in parallel threads
GLOBAL_ENDPOINT_REGION = "us-east-1"  # where account-wide APIs (S3 ListBuckets, Cost Optimization Hub) answer

# Standard retry mode backs off with jitter on throttling and transient errors before we give up.
CLIENT_CONFIG = Config(retries={"mode": "standard", "max_attempts": 6}, connect_timeout=5, read_timeout=30,
                       user_agent_extra="finops-aws-waste")


class Clients:
    """Creates each client once per inventory. `endpoint_url` points everything at a moto server in tests;
    without it boto3 also honours AWS_ENDPOINT_URL."""

    def __init__(self, session: Any, region: str, endpoint_url: str | None = None) -> None:
        self._session = session
        self.region = GLOBAL_ENDPOINT_REGION if region == "global" else region
        self._endpoint_url = endpoint_url
        self._made: dict[tuple[str, str], Any] = {}

    def __call__(self, service: str, region: str | None = None) -> Any:
        where = region or self.region
        key = (service, where)
        if key not in self._made:
            options: dict[str, Any] = {"region_name": where, "config": CLIENT_CONFIG}
            if self._endpoint_url:
                options["endpoint_url"] = self._endpoint_url
            with _CLIENT_LOCK:
                self._made[key] = self._session.client(service, **options)
        return self._made[key]


def pages(client: Any, operation: str, key: str, **params: Any) -> list[Any]:
    """Every item of a paginated list operation (the paginator follows NextToken/Marker for us)."""
    items: list[Any] = []
    for page in client.get_paginator(operation).paginate(**params):
        items += page.get(key, [])
    return items
