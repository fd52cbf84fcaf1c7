"""`finops waste --source aws` end to end against a moto server reached through AWS_ENDPOINT_URL: the
composition root, the caller's account from STS, and a member account read through an assumed role."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import boto3
import pytest

from bot.cli import main
from tests.fakes.moto_ec2 import without_default_amis
from tests.fakes.moto_server import MotoServer, moto_server

pytestmark = pytest.mark.integration

HOME, MEMBER = "123456789012", "210987654321"


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with without_default_amis(), moto_server() as server:
        ours = [server.client("ec2").allocate_address(Domain="vpc")["AllocationId"]]
        member = _member_session(server)
        ours.append(member.client("ec2", endpoint_url=server.url).allocate_address(Domain="vpc")["AllocationId"])
        SEEDED.update(ours)
        yield server


SEEDED: set[str] = set()  # moto shares backends across servers in a process: look at our addresses only


def _member_session(server: MotoServer) -> boto3.Session:
    """What AssumeRoleSessions does, done by hand to seed the member account."""
    credentials = server.client("sts").assume_role(RoleArn=f"arn:aws:iam::{MEMBER}:role/FinOpsReadOnly",
                                                   RoleSessionName="seed")["Credentials"]
    return boto3.Session(aws_access_key_id=credentials["AccessKeyId"],
                         aws_secret_access_key=credentials["SecretAccessKey"],
                         aws_session_token=credentials["SessionToken"], region_name="us-east-1")


def test_waste_against_aws_reads_the_callers_and_a_member_account(moto: MotoServer, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    code = main(["waste", "--source", "aws", "--accounts", f"{HOME},{MEMBER}", "--regions", "us-east-1",
                 "--checks", "eip", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out)
    assert doc["source"] == "aws" and doc["partial"] is False
    assert doc["scope"] == {"accounts": [HOME, MEMBER], "regions": ["us-east-1"], "families": ["eip"]}
    ours = [row for row in doc["findings"] if row["resource_id"] in SEEDED]
    assert {(row["account_id"], row["check_id"]) for row in ours} == {(HOME, "eip-unassociated"),
                                                                      (MEMBER, "eip-unassociated")}
    assert all(row["estimated_monthly_saving"] == "3.65" for row in ours)


def test_waste_defaults_to_the_callers_account(moto: MotoServer, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    code = main(["waste", "--source", "aws", "--regions", "us-east-1", "--checks", "eip", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["scope"]["accounts"] == [HOME]


def test_all_accounts_come_from_organizations_with_their_names(moto: MotoServer, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    organizations = moto.client("organizations")
    # another module on this moto backend may have made it first
    with contextlib.suppress(organizations.exceptions.AlreadyInOrganizationException):
        organizations.create_organization(FeatureSet="ALL")
    member = organizations.create_account(AccountName="payments-dev", Email="payments-dev@example.com")
    member_id = organizations.describe_create_account_status(
        CreateAccountRequestId=member["CreateAccountStatus"]["Id"])["CreateAccountStatus"]["AccountId"]
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    code = main(["waste", "--source", "aws", "--accounts", "all", "--regions", "us-east-1", "--checks", "eip",
                 "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out)
    assert {HOME, member_id} <= set(doc["scope"]["accounts"])
    assert doc["account_names"][member_id] == "payments-dev"
