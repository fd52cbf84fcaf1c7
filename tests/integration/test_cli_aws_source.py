"""`finops costs --source aws` end to end against a moto server reached through AWS_ENDPOINT_URL, exactly
as a user points the CLI at moto: nothing in the command line knows it is not AWS."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from analysis.domain.costs import CostQuery
from analysis.domain.period import parse_period
from analysis.sources.ce_query import plan_requests
from bot.cli import main
from tests.fakes.cost_explorer import SyntheticOrg, load_moto_results
from tests.fakes.moto_server import MotoServer

pytestmark = pytest.mark.integration
AS_OF = date(2026, 11, 15)
SERVICES = ["Amazon Elastic Compute Cloud - Compute", "Amazon Simple Storage Service", "AWS Lambda"]


@pytest.fixture()
def org(moto: MotoServer, monkeypatch: pytest.MonkeyPatch) -> SyntheticOrg:
    moto.reset()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    org = SyntheticOrg(accounts=3, services=SERVICES)
    query = CostQuery(parse_period("last-7d", AS_OF))
    load_moto_results(moto.url, [p for r in plan_requests(query) for p in org.pages(r.params())])
    return org


def test_costs_from_aws_as_json(org: SyntheticOrg, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["costs", "last-7d", "--source", "aws", "--as-of", AS_OF.isoformat(), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)

    days = [AS_OF - timedelta(days=n) for n in range(1, 8)]
    expected = sum((org.cost(a, i, d) for a in org.account_ids() for i in range(3) for d in days), Decimal(0))
    assert code == 0
    assert doc["freshness"]["source"] == "aws" and doc["freshness"]["requests"] == 2
    assert Decimal(doc["total"]) == expected
    assert doc["warnings"] == ["organizations-unavailable"]  # moto holds no organization here
    assert {row["account_id"] for row in doc["by_account"]} == set(org.account_ids())


def test_costs_from_aws_as_text_in_portuguese(org: SyntheticOrg, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["costs", "last-7d", "--source", "aws", "--as-of", AS_OF.isoformat(), "--lang", "pt-BR"])
    out = capsys.readouterr().out

    assert code == 0
    assert "AWS Cost Explorer" in out and "Custos AWS" in out
    assert "não é a conta de gerenciamento da organização" in out


def test_an_unreachable_cost_explorer_gives_a_partial_report_that_says_why(
    moto: MotoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    code = main(["costs", "last-7d", "--source", "aws", "--as-of", AS_OF.isoformat()])
    out = capsys.readouterr().out
    assert code == 0
    assert "Partial report" in out and "ce:GetCostAndUsage could not reach AWS" in out
    assert out.index("Partial report") < out.index("Total")  # the missing part is said before any figure
