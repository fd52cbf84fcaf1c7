"""AWS Organizations: account ids → names and OU paths, read once per freshness window.

Requests: ListAccounts (names, status) plus a walk of the OU tree from the root —
ListOrganizationalUnitsForParent and ListAccountsForParent per OU — so the cost is one or two
requests per OU rather than ListParents + DescribeOrganizationalUnit per account (1,000 accounts in
20 OUs: ~45 requests instead of ~2,000). Organizations does not bill requests but throttles hard.

From a member account (AccessDenied) or outside an organization (AWSOrganizationsNotInUseException)
the directory is empty and carries a warning code; the cost answer goes on with ids or the names
Cost Explorer attaches to LINKED_ACCOUNT groups.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from analysis.domain.accounts import ORGANIZATIONS_FAILED, ORGANIZATIONS_UNAVAILABLE, Account, AccountList
from analysis.errors import SourceAccessDeniedError, SourceError
from analysis.ports import StateStore
from analysis.sources.aws_calls import RetryPolicy, call_aws
from analysis.sources.aws_clients import default_client
from analysis.sources.response_cache import ResponseCache

log = logging.getLogger(__name__)

DEFAULT_FRESHNESS = timedelta(hours=24)  # accounts and OUs change rarely


class OrganizationsNotInUseError(SourceError):
    """This account is not a member of an AWS Organization."""


class OrganizationsDirectory:
    def __init__(
        self,
        client: Any = None,
        *,
        cache: StateStore | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        freshness: timedelta = DEFAULT_FRESHNESS,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._client = client
        self._cache = ResponseCache(cache, clock, freshness)
        self._retry = retry or RetryPolicy()
        self.requests = 0

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = default_client("organizations")
        return self._client

    def accounts(self) -> AccountList:
        cached = self._cache.get("organizations", "accounts")
        if cached is not None:
            return AccountList.from_json(cached[0])
        try:
            listing = AccountList(tuple(self._read()))
        except (SourceAccessDeniedError, OrganizationsNotInUseError) as exc:
            log.info("AWS Organizations not readable, reports show account ids: %s", exc)
            return AccountList(warnings=(ORGANIZATIONS_UNAVAILABLE,))
        except SourceError as exc:  # throttled past our retries, or an outage: names are not worth failing for
            log.warning("AWS Organizations failed, reports show account ids: %s: %s", type(exc).__name__, exc)
            return AccountList(warnings=(ORGANIZATIONS_FAILED,))
        self._cache.put("organizations", "accounts", listing.to_json())
        return listing

    def _read(self) -> Iterator[Account]:
        paths = self._ou_paths()
        for item in self._pages("list_accounts", "organizations:ListAccounts", "Accounts"):
            yield Account(item["Id"], item.get("Name") or item["Id"], paths.get(item["Id"], ""),
                          item.get("Status", "ACTIVE"))

    def _ou_paths(self) -> dict[str, str]:
        """Account id → "Root/Workloads/Prod", walking the tree breadth first from each root."""
        paths: dict[str, str] = {}
        queue = [(root["Id"], root.get("Name") or "Root")
                 for root in self._pages("list_roots", "organizations:ListRoots", "Roots")]
        while queue:
            parent_id, path = queue.pop(0)
            for account in self._pages("list_accounts_for_parent", "organizations:ListAccountsForParent",
                                       "Accounts", ParentId=parent_id):
                paths[account["Id"]] = path
            for unit in self._pages("list_organizational_units_for_parent",
                                    "organizations:ListOrganizationalUnitsForParent", "OrganizationalUnits",
                                    ParentId=parent_id):
                queue.append((unit["Id"], f"{path}/{unit.get('Name') or unit['Id']}"))
        return paths

    def _pages(self, method: str, permission: str, items: str, **params: Any) -> Iterator[dict[str, Any]]:
        token: str | None = None
        while True:
            arguments: dict[str, Any] = {**params, **({"NextToken": token} if token else {})}
            page = call_aws(getattr(self.client, method), permission=permission, policy=self._retry,
                            named={"AWSOrganizationsNotInUseException": OrganizationsNotInUseError}, **arguments)
            self.requests += 1
            yield from page.get(items, ())
            token = page.get("NextToken")
            if not token:
                return
