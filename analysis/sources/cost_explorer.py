"""`CostSource` on AWS Cost Explorer: the query plan of `ce_query`, paged, cached and translated.

Requests per question are in `ce_query`'s docstring and the README ("Cost data from AWS"). A
repeated question inside the freshness window (default 6 h: Cost Explorer refreshes up to three
times a day) is answered from the state store with 0 requests; the cache key is a hash of the
exact request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from analysis.domain.accounts import AccountList
from analysis.domain.costs import CostData, CostQuery, CostRecord, DailyCost, KeyedCost
from analysis.errors import SourceError
from analysis.ports import AccountDirectory, StateStore
from analysis.resilience import CircuitBreaker
from analysis.sources.aws_calls import RetryPolicy, call_aws
from analysis.sources.aws_clients import default_client
from analysis.sources.ce_query import DAILY_UNAVAILABLE, CeRequest, PlanHints, comparison_of, plan_requests
from analysis.sources.ce_results import account_names, read_groups
from analysis.sources.errors import (
    BillExpiredError,
    CostDataUnavailableError,
    CostExplorerRequestError,
    CostExplorerResponseError,
    PageTokenExpiredError,
)
from analysis.sources.response_cache import ResponseCache

DEFAULT_FRESHNESS = timedelta(hours=6)
MAX_PAGES = 500  # a token loop would otherwise bill forever
PERMISSION = "ce:GetCostAndUsage"
CE_ERRORS: dict[str, type[SourceError]] = {
    "DataUnavailableException": CostDataUnavailableError,
    "BillExpirationException": BillExpiredError,
    "InvalidNextTokenException": PageTokenExpiredError,
    "RequestChangedException": PageTokenExpiredError,
    "ValidationException": CostExplorerRequestError,
}


class CostExplorerCostSource:
    name = "aws"

    def __init__(
        self,
        client: Any = None,
        organizations: AccountDirectory | None = None,
        cache: StateStore | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        freshness: timedelta = DEFAULT_FRESHNESS,
        retry: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        self._client = client
        self.breaker = breaker
        self.organizations = organizations
        self.cache = ResponseCache(cache, clock, freshness)
        self.retry = retry or RetryPolicy()

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = default_client("ce")
        return self._client

    def fetch_costs(self, query: CostQuery) -> CostData:
        directory = self.organizations.accounts() if self.organizations is not None else AccountList()
        if query.accounts is not None and not query.accounts:
            raise CostExplorerRequestError("No account is in scope for this question: nothing to ask Cost Explorer.")
        hints = PlanHints(accounts=len(directory.accounts) or None)
        answers = [(request, *self._answer(request)) for request in plan_requests(query, hints)]
        return _assemble(query, answers, directory)

    def _answer(self, request: CeRequest) -> tuple[list[dict[str, Any]], datetime, int]:
        """The request's pages, when they were read, and how many billed requests that took now."""
        cached = self.cache.get("ce", request.cache_key())
        if cached is not None:
            return cached[0], cached[1], 0
        pages = self._pages(request)
        return pages, self.cache.put("ce", request.cache_key(), pages), len(pages)

    def _pages(self, request: CeRequest) -> list[dict[str, Any]]:
        pages: list[dict[str, Any]] = []
        token: str | None = None
        while len(pages) < MAX_PAGES:
            params = request.params() | ({"NextPageToken": token} if token else {})
            response = call_aws(self.client.get_cost_and_usage, permission=PERMISSION, policy=self.retry,
                                named=CE_ERRORS, breaker=self.breaker, **params)
            pages.append({key: response[key] for key in ("ResultsByTime", "DimensionValueAttributes")
                          if key in response})
            token = response.get("NextPageToken")
            if not token:
                return pages
        raise CostExplorerResponseError(f"Cost Explorer kept paging past {MAX_PAGES} pages for {request.role}")


def _assemble(query: CostQuery, answers: list[tuple[CeRequest, list[dict[str, Any]], datetime, int]],
              directory: AccountList) -> CostData:
    period, comparison = query.period, comparison_of(query.period)
    single = next(iter(query.accounts)) if query.accounts is not None and len(query.accounts) == 1 else ""
    records: list[CostRecord] = []
    daily: list[DailyCost] | None = None
    marginals: dict[str, list[KeyedCost] | None] = {"accounts": None, "dimension": None}
    currencies: set[str] = set()
    names: dict[str, str] = {}
    for request, pages, _, _ in answers:
        if request.role == "accounts":
            names.update(account_names(pages))
        for cost, unit in read_groups(request, pages, period, comparison):
            currencies.add(unit)
            if request.role == "services":
                records.append(CostRecord(cost.start, cost.end, single, cost.key, cost.amount, None, cost.estimated))
            elif request.role == "daily":
                daily = daily if daily is not None else []
                daily.append(DailyCost(cost.start, cost.key, cost.amount))
            else:
                bucket = marginals[request.role]
                marginals[request.role] = bucket = bucket if bucket is not None else []
                bucket.append(KeyedCost(cost.start, cost.end, cost.key, cost.amount, cost.estimated))
        if request.role in marginals and marginals[request.role] is None:
            marginals[request.role] = []  # asked, and nothing was spent: an empty marginal, not "derive it"
    warnings = list(directory.warnings)
    if any(r.role == "services" and r.granularity == "MONTHLY" for r, *_ in answers):
        daily = daily if daily is not None else []  # records are monthly: the daily series is only what was read
        warnings.append(DAILY_UNAVAILABLE)
    if len(currencies) > 1:
        raise CostExplorerResponseError(f"Cost Explorer answered in several currencies: {sorted(currencies)}")
    return CostData(
        records=records,
        currency=currencies.pop() if currencies else "USD",
        fetched_at=min(fetched for _, _, fetched, _ in answers),
        account_names={**names, **directory.names()},
        daily=daily,
        warnings=warnings,
        source="aws",
        requests=sum(count for *_, count in answers),
        by_account=marginals["accounts"],
        by_dimension=marginals["dimension"],
    )
