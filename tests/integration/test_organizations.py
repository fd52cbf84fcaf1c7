"""OrganizationsDirectory against a moto server: names and OU paths, caching, and the member-account
fallback that never fails a cost answer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from analysis.domain.accounts import ORGANIZATIONS_FAILED, ORGANIZATIONS_UNAVAILABLE
from analysis.domain.costs import CostQuery
from analysis.domain.period import parse_period
from analysis.domain.report import build_report
from analysis.sources.aws_calls import RetryPolicy
from analysis.sources.aws_clients import default_client
from analysis.sources.ce_query import plan_requests
from analysis.sources.cost_explorer import CostExplorerCostSource
from analysis.sources.organizations import OrganizationsDirectory
from analysis.state import MemoryStateStore
from tests.fakes.aws_calls import FailFirst
from tests.fakes.cost_explorer import SyntheticOrg, load_moto_results
from tests.fakes.moto_server import MotoServer

pytestmark = pytest.mark.integration
NO_WAIT = RetryPolicy(attempts=3, initial_wait=0, max_wait=0, sleep=lambda _: None)


@pytest.fixture()
def orgs(moto: MotoServer) -> Any:
    moto.reset()
    return default_client("organizations", endpoint_url=moto.url)


def _build_org(client: Any) -> dict[str, str]:
    """Root ─ Workloads ─ Prod (checkout-prod), Root ─ Sandbox (sandbox-ana); name → account id."""
    client.create_organization(FeatureSet="ALL")
    root = client.list_roots()["Roots"][0]["Id"]
    workloads = client.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
    prod = client.create_organizational_unit(ParentId=workloads, Name="Prod")["OrganizationalUnit"]["Id"]
    sandbox = client.create_organizational_unit(ParentId=root, Name="Sandbox")["OrganizationalUnit"]["Id"]
    ids = {}
    for name, parent in (("checkout-prod", prod), ("sandbox-ana", sandbox)):
        status = client.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]
        ids[name] = status["AccountId"]
        client.move_account(AccountId=ids[name], SourceParentId=root, DestinationParentId=parent)
    return ids


def test_accounts_get_their_names_and_ou_paths(orgs: Any) -> None:
    ids = _build_org(orgs)

    listing = OrganizationsDirectory(orgs, retry=NO_WAIT).accounts()

    assert listing.warnings == ()
    assert listing.names()[ids["checkout-prod"]] == "checkout-prod"
    assert listing.ou_paths()[ids["checkout-prod"]] == "Root/Workloads/Prod"
    assert listing.ou_paths()[ids["sandbox-ana"]] == "Root/Sandbox"


def test_the_directory_is_read_once_per_freshness_window(orgs: Any) -> None:
    _build_org(orgs)
    store = MemoryStateStore()
    first = OrganizationsDirectory(orgs, cache=store, retry=NO_WAIT)
    listing = first.accounts()
    second = OrganizationsDirectory(orgs, cache=store, retry=NO_WAIT)  # another container, same store

    assert second.accounts() == listing
    assert first.requests > 0 and second.requests == 0


def test_outside_an_organization_the_listing_is_empty_with_a_warning(orgs: Any) -> None:
    listing = OrganizationsDirectory(orgs, retry=NO_WAIT).accounts()
    assert listing.accounts == () and listing.warnings == (ORGANIZATIONS_UNAVAILABLE,)


def test_a_member_account_without_access_gets_a_warning_not_an_error(orgs: Any) -> None:
    _build_org(orgs)
    FailFirst(orgs, "ListRoots", "AccessDeniedException", message="not the management account")
    listing = OrganizationsDirectory(orgs, retry=NO_WAIT).accounts()
    assert listing.accounts == () and listing.warnings == (ORGANIZATIONS_UNAVAILABLE,)


def test_organizations_throttling_past_the_retries_is_a_different_warning(orgs: Any) -> None:
    _build_org(orgs)
    FailFirst(orgs, "ListRoots", "TooManyRequestsException", times=5)
    listing = OrganizationsDirectory(orgs, retry=NO_WAIT).accounts()
    assert listing.warnings == (ORGANIZATIONS_FAILED,)


def test_the_cost_answer_goes_on_with_cost_explorer_names_and_says_why(moto: MotoServer, orgs: Any) -> None:
    org = SyntheticOrg(accounts=3, services=["AWS Lambda", "Amazon Simple Storage Service"])
    query = CostQuery(parse_period("last-7d", date(2026, 11, 15)))
    load_moto_results(moto.url, [p for r in plan_requests(query) for p in org.pages(r.params())])
    source = CostExplorerCostSource(default_client("ce", endpoint_url=moto.url),
                                    organizations=OrganizationsDirectory(orgs, retry=NO_WAIT), retry=NO_WAIT)

    data = source.fetch_costs(query)
    report = build_report(data, query.period, query.basis)

    assert report.warnings == (ORGANIZATIONS_UNAVAILABLE,)
    first = org.account_ids()[0]
    assert report.account_names[first] == f"account-{first[-4:]}"
    assert not report.partial and report.total.amount > 0


def test_organization_names_win_over_cost_explorer_descriptions(moto: MotoServer, orgs: Any) -> None:
    ids = _build_org(orgs)
    org = SyntheticOrg(accounts=1, services=["AWS Lambda"])
    org.account_ids = lambda: [ids["checkout-prod"], ids["sandbox-ana"]]  # type: ignore[method-assign]
    query = CostQuery(parse_period("last-7d", date(2026, 11, 15)))
    load_moto_results(moto.url, [p for r in plan_requests(query) for p in org.pages(r.params())])
    source = CostExplorerCostSource(default_client("ce", endpoint_url=moto.url),
                                    organizations=OrganizationsDirectory(orgs, retry=NO_WAIT), retry=NO_WAIT)

    data = source.fetch_costs(query)

    assert data.warnings == []
    assert data.account_names[ids["sandbox-ana"]] == "sandbox-ana"
