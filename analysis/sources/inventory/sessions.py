"""One boto3 session per member account: assume a read-only role in each (name configurable).

The role (default `FinOpsReadOnly`, setting FINOPS_MEMBER_ROLE) must exist in every member account and
trust the account the bot runs in; it needs the read-only permissions listed in the README.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from analysis.sources.inventory.clients import CLIENT_CONFIG, GLOBAL_ENDPOINT_REGION
from analysis.sources.inventory.errors import reading

REFRESH_BEFORE = timedelta(minutes=5)


def caller_account(session: Any, endpoint_url: str | None = None) -> str:
    sts = session.client("sts", region_name=session.region_name or GLOBAL_ENDPOINT_REGION, config=CLIENT_CONFIG,
                         **({"endpoint_url": endpoint_url} if endpoint_url else {}))
    with reading("sts", "(caller)", "global"):
        return str(sts.get_caller_identity()["Account"])


class AssumeRoleSessions:
    """`sessions(account_id)` → a boto3 session in that account. The caller's own account uses the base
    session; others assume `arn:aws:iam::<account>:role/<role_name>`, cached until shortly before expiry."""

    def __init__(self, base: Any, role_name: str, *, home_account: str | None = None,
                 endpoint_url: str | None = None, session_name: str = "finops-waste") -> None:
        self._base = base
        self.role_name = role_name
        self._endpoint_url = endpoint_url
        self._session_name = session_name
        self.home_account = home_account or caller_account(base, endpoint_url)
        self._cache: dict[str, tuple[Any, datetime]] = {}
        self._lock = threading.Lock()

    def __call__(self, account_id: str) -> Any:
        if account_id == self.home_account:
            return self._base
        with self._lock:
            cached = self._cache.get(account_id)
            if cached and cached[1] - REFRESH_BEFORE > datetime.now(UTC):
                return cached[0]
            session, expires = self._assume(account_id)
            self._cache[account_id] = (session, expires)
            return session

    def _assume(self, account_id: str) -> tuple[Any, datetime]:
        arn = f"arn:aws:iam::{account_id}:role/{self.role_name}"
        sts = self._base.client("sts", region_name=self._base.region_name or GLOBAL_ENDPOINT_REGION,
                                config=CLIENT_CONFIG, **({"endpoint_url": self._endpoint_url}
                                                         if self._endpoint_url else {}))
        with reading("sts", account_id, f"assuming {arn}"):
            credentials = sts.assume_role(RoleArn=arn, RoleSessionName=self._session_name)["Credentials"]
        import boto3  # the adapter is the one place that builds sessions

        session = boto3.Session(aws_access_key_id=credentials["AccessKeyId"],
                                aws_secret_access_key=credentials["SecretAccessKey"],
                                aws_session_token=credentials["SessionToken"],
                                region_name=self._base.region_name)
        return session, credentials["Expiration"]
