"""Cost Explorer answers for tests and benchmarks: a dense synthetic organisation that answers
GetCostAndUsage like the real service (granularity, GroupBy, LINKED_ACCOUNT/SERVICE filters, paging),
and helpers to load pages into a moto server.

Paging: AWS does not document GetCostAndUsage's page size. The fake pages at `page_groups` groups
(default `ASSUMED_PAGE_GROUPS`, 10,000) counted across time buckets, and a bucket may continue on the
next page — the shape any consumer has to handle.

Costs are exact decimals: cost(account, service, day) = account weight × service weight × day factor,
so every marginal is the same sum the cross product would give (and the tests can state it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.request import Request, urlopen

from analysis.catalog import load_catalog
from analysis.sources.ce_query import ASSUMED_PAGE_GROUPS, month_buckets


def catalog_services(count: int = 253) -> list[str]:
    """Real Cost Explorer service names from the catalog."""
    names = [entry.service for entry in load_catalog()]
    if len(names) < count:
        raise ValueError(f"the catalog has {len(names)} services, fewer than {count}")
    return names[:count]


def paginate(buckets: Sequence[dict[str, Any]], page_groups: int, token_prefix: str = "page") -> list[dict[str, Any]]:
    """Split ResultsByTime into pages of at most `page_groups` groups, with NextPageToken between them."""
    pages: list[list[dict[str, Any]]] = [[]]
    room = page_groups
    for bucket in buckets:
        groups = list(bucket["Groups"])
        if not groups and not pages[-1]:
            pages[-1].append(bucket)
            continue
        while groups:
            if room == 0:
                pages.append([])
                room = page_groups
            taken, groups = groups[:room], groups[room:]
            room -= len(taken)
            pages[-1].append({**bucket, "Groups": taken})
    result = []
    for index, results in enumerate(pages):
        page: dict[str, Any] = {"ResultsByTime": results, "DimensionValueAttributes": []}
        if index < len(pages) - 1:
            page["NextPageToken"] = f"{token_prefix}-{index + 1}"
        result.append(page)
    return result


def bucket(start: date, end: date, groups: Mapping[str | tuple[str, ...], Decimal | str],
           metric: str = "AmortizedCost", estimated: bool = False) -> dict[str, Any]:
    """One ResultsByTime entry; a group's keys are a string (one GroupBy) or a tuple (two)."""
    return {
        "TimePeriod": {"Start": start.isoformat(), "End": end.isoformat()},
        "Total": {},
        "Groups": [{"Keys": [key] if isinstance(key, str) else list(key),
                    "Metrics": {metric: {"Amount": str(amount), "Unit": "USD"}}}
                   for key, amount in groups.items()],
        "Estimated": estimated,
    }


@dataclass
class SyntheticOrg:
    """`accounts` × `services`, every service billed in every account every day (the dense case)."""

    accounts: int
    services: Sequence[str]
    page_groups: int = ASSUMED_PAGE_GROUPS

    def account_ids(self) -> list[str]:
        return [f"{100000000000 + n:012d}" for n in range(self.accounts)]

    def account_weight(self, account_id: str) -> Decimal:
        return Decimal(1 + int(account_id) % 7) / 4  # 0.25 … 1.75

    def service_weight(self, index: int) -> Decimal:
        return Decimal(1 + index % 13) / 10  # 0.1 … 1.3

    @staticmethod
    def day_factor(day: date) -> Decimal:
        return Decimal(100 + day.toordinal() % 9) / 100  # 1.00 … 1.08

    def cost(self, account_id: str, service_index: int, day: date) -> Decimal:
        return self.account_weight(account_id) * self.service_weight(service_index) * self.day_factor(day)

    def pages(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Every page GetCostAndUsage would return for `params` (without NextPageToken)."""
        accounts = _filter_values(params.get("Filter"), "LINKED_ACCOUNT") or self.account_ids()
        service_filter = _filter_values(params.get("Filter"), "SERVICE")
        services = [(i, s) for i, s in enumerate(self.services) if not service_filter or s in service_filter]
        start = date.fromisoformat(params["TimePeriod"]["Start"])
        end = date.fromisoformat(params["TimePeriod"]["End"])
        metric = params["Metrics"][0]
        keys = tuple(group["Key"] for group in params["GroupBy"])
        key = "+".join(keys)
        account_total = sum((self.account_weight(a) for a in accounts), Decimal(0))
        service_total = sum((self.service_weight(i) for i, _ in services), Decimal(0))
        buckets = []
        for first, after in _buckets(start, end, params["Granularity"]):
            days = sum((self.day_factor(first + timedelta(days=n)) for n in range((after - first).days)), Decimal(0))
            if keys == ("SERVICE",):
                groups = {(name,): account_total * self.service_weight(i) * days for i, name in services}
            elif keys == ("LINKED_ACCOUNT",):
                groups = {(a,): self.account_weight(a) * service_total * days for a in accounts}
            elif keys == ("SERVICE", "LINKED_ACCOUNT"):  # the cross product, for comparisons in benchmarks
                groups = {(name, a): self.account_weight(a) * self.service_weight(i) * days
                          for i, name in services for a in accounts}
            else:
                raise ValueError(f"the synthetic organisation does not group by {keys}")
            buckets.append(bucket(first, after, groups, metric))
        pages = paginate(buckets, self.page_groups, token_prefix=f"{key}-{start}")
        if "LINKED_ACCOUNT" in keys:
            pages[0]["DimensionValueAttributes"] = [{"Value": a, "Attributes": {"description": f"account-{a[-4:]}"}}
                                                    for a in accounts]
        return pages


class FakeCostExplorerClient:
    """An in-memory `ce` client over a `SyntheticOrg`: pages like the real one, counts requests."""

    def __init__(self, org: SyntheticOrg) -> None:
        self.org = org
        self.requests = 0
        self._answers: dict[str, list[dict[str, Any]]] = {}

    def get_cost_and_usage(self, **params: Any) -> dict[str, Any]:
        self.requests += 1
        token = params.pop("NextPageToken", None)
        key = json.dumps(params, sort_keys=True)
        if key not in self._answers:
            self._answers[key] = self.org.pages(params)
        index = 0 if token is None else int(token.rsplit("-", 1)[1])
        return self._answers[key][index]


def load_moto_results(url: str, responses: Sequence[dict[str, Any]]) -> None:
    """Queue GetCostAndUsage answers in moto: each new distinct request body takes the next one."""
    body = json.dumps({"results": list(responses)}).encode()
    request = Request(f"{url}/moto-api/static/ce/cost-and-usage-results", data=body, method="POST",
                      headers={"Content-Type": "application/json"})
    with urlopen(request, timeout=30) as response:
        response.read()


def _buckets(start: date, end: date, granularity: str) -> Iterator[tuple[date, date]]:
    if granularity == "MONTHLY":
        yield from month_buckets(start, end)
        return
    day = start
    while day < end:
        yield day, day + timedelta(days=1)
        day += timedelta(days=1)


def _filter_values(expression: dict[str, Any] | None, key: str) -> list[str]:
    if not expression:
        return []
    if "And" in expression:
        return [v for part in expression["And"] for v in _filter_values(part, key)]
    dimension = expression.get("Dimensions", {})
    return list(dimension.get("Values", ())) if dimension.get("Key") == key else []
