"""The dashboard as production serves it: stored in S3, opened through a presigned URL (moto server)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from urllib.request import urlopen

import boto3
import pytest
from botocore.config import Config

from analysis.state.s3 import S3StateStore
from bot.adapters.s3_links import S3LinkSigner
from bot.digests.bootstrap import build_digest_app
from bot.digests.commands import parse_digest_add
from bot.digests.settings import DigestSettings
from tests.fakes.digests import FakeEmail, FakePoster
from tests.fakes.moto_server import MotoServer, moto_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with moto_server() as server:
        yield server


def test_digest_links_a_presigned_dashboard_that_opens(moto: MotoServer) -> None:
    s3 = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1",
                      config=Config(signature_version="s3v4"))
    s3.create_bucket(Bucket="finops-state")
    state = S3StateStore("finops-state", s3)
    poster = FakePoster()
    app = build_digest_app(DigestSettings.model_validate({"as_of": date(2026, 10, 15)}), state=state,
                           poster=poster, email=FakeEmail(), signer=S3LinkSigner("finops-state", 3600, s3),
                           charts=False, clock=lambda: datetime(2026, 10, 1, tzinfo=UTC))
    subscription, _ = app.admin.add("T1", parse_digest_add(["C1", "daily", "quiet:0"]))
    outcome = app.runner.run(subscription, datetime(2026, 10, 15, 12, 0, tzinfo=UTC))
    url = outcome.dashboard_url
    assert url is not None and "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url  # SigV4
    button = next(b for b in poster.posts[0][2] if b["type"] == "actions")
    assert button["elements"][0]["url"] == url  # type: ignore[index]
    with urlopen(url, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/html")
        page = response.read().decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "FinOps dashboard · last 7 days" in page
