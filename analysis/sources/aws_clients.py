"""Default boto3 clients for the adapters (each adapter also accepts an injected client).

boto3 reads `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_<SERVICE>`) itself, so the same code talks to
real AWS or to a moto server. botocore's own retries are off: our `RetryPolicy` is the one that runs,
so request counts and backoff are ours to state.
"""

from __future__ import annotations

from typing import Any

COST_EXPLORER_REGION = "us-east-1"  # Cost Explorer, Organizations and the Savings Plans API live here


def default_client(service: str, region: str | None = COST_EXPLORER_REGION, endpoint_url: str | None = None) -> Any:
    """A client from a fresh boto3 Session (the normal credential chain); `endpoint_url` None lets boto3
    read AWS_ENDPOINT_URL."""
    import boto3
    from botocore.config import Config

    session = boto3.session.Session()
    config = Config(retries={"mode": "standard", "total_max_attempts": 1}, user_agent_extra="finops-aws")
    return session.client(service, region_name=region, config=config,  # type: ignore[call-overload]
                          endpoint_url=endpoint_url)
