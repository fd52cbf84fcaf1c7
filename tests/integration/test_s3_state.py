"""S3StateStore against a moto server (moto implements If-None-Match on PutObject) and, for the
409 ConditionalRequestConflict path moto never produces, botocore's Stubber with the real S3 model."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import boto3
import pytest
from botocore.stub import Stubber

from analysis.errors import StateError
from analysis.state.s3 import S3StateStore
from tests.fakes.moto_server import MotoServer, moto_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with moto_server() as server:
        yield server


@pytest.fixture()
def store(moto: MotoServer, request: pytest.FixtureRequest) -> S3StateStore:
    bucket = f"state-{request.node.name.replace('_', '-')[:40].lower()}"
    client = moto.client("s3")
    client.create_bucket(Bucket=bucket)
    return S3StateStore(bucket, client=client, prefix="finops")


def test_put_then_get_returns_the_bytes_and_a_missing_key_reads_none(store: S3StateStore) -> None:
    assert store.put("jobs/a/request.json", b'{"x": 1}') is True
    assert store.get("jobs/a/request.json") == b'{"x": 1}'
    assert store.get("jobs/a/nothing.json") is None


def test_conditional_put_refuses_the_second_write_and_keeps_the_first(store: S3StateStore) -> None:
    assert store.put("jobs/a/report.json", b"first", if_absent=True) is True
    assert store.put("jobs/a/report.json", b"second", if_absent=True) is False
    assert store.get("jobs/a/report.json") == b"first"


def test_plain_put_overwrites(store: S3StateStore) -> None:
    store.put("k", b"one")
    store.put("k", b"two")
    assert store.get("k") == b"two"


def test_racing_conditional_writers_have_exactly_one_winner(store: S3StateStore) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        barrier.wait()
        results.append(store.put("jobs/race/report.json", f"writer {n}".encode(), if_absent=True))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
    assert (store.get("jobs/race/report.json") or b"").startswith(b"writer ")


def test_keys_live_under_the_prefix_and_list_returns_them_relative(moto: MotoServer, store: S3StateStore) -> None:
    store.put("jobs/b/1.json", b"1")
    store.put("jobs/b/2.json", b"2")
    store.put("jobs/c/1.json", b"3")
    assert store.list("jobs/b/") == ["jobs/b/1.json", "jobs/b/2.json"]
    bucket, key = store.location("jobs/b/1.json")
    assert key == "finops/jobs/b/1.json"
    assert moto.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read() == b"1"


def test_delete_removes_the_key(store: S3StateStore) -> None:
    store.put("gone.json", b"x")
    store.delete("gone.json")
    assert store.get("gone.json") is None


def test_a_missing_bucket_is_a_state_error_that_names_it(moto: MotoServer) -> None:
    store = S3StateStore("no-such-bucket-here", client=moto.client("s3"))
    with pytest.raises(StateError, match=r"no-such-bucket-here.*NoSuchBucket.*FINOPS_BUCKET") as caught:
        store.get("k")
    assert caught.value.__cause__ is not None


def _stubbed() -> tuple[S3StateStore, Stubber]:
    client = boto3.client("s3", region_name="us-east-1")
    return S3StateStore("bucket", client=client), Stubber(client)


def test_a_409_conflict_is_retried_and_a_412_then_means_someone_else_wrote_it() -> None:
    store, stub = _stubbed()
    expected = {"Bucket": "bucket", "Key": "k", "Body": b"x", "IfNoneMatch": "*"}
    stub.add_client_error("put_object", "ConditionalRequestConflict", http_status_code=409,
                          expected_params=expected)
    stub.add_client_error("put_object", "PreconditionFailed", http_status_code=412, expected_params=expected)
    with stub:
        assert store.put("k", b"x", if_absent=True) is False
    stub.assert_no_pending_responses()


def test_access_denied_on_write_is_a_state_error_not_a_lost_race() -> None:
    store, stub = _stubbed()
    stub.add_client_error("put_object", "AccessDenied", http_status_code=403)
    with stub, pytest.raises(StateError, match=r"AccessDenied.*permission"):
        store.put("k", b"x", if_absent=True)


def test_finops_bucket_puts_the_analysis_state_in_s3(moto: MotoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from analysis.bootstrap import build_cost_analysis
    from analysis.pipeline.contracts import AnalysisRequest
    from analysis.settings import AnalysisSettings

    moto.client("s3").create_bucket(Bucket="finops-wired")
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    analysis = build_cost_analysis(AnalysisSettings(bucket="finops-wired", source="demo"))
    report = analysis.answer(AnalysisRequest(period="last-7d", as_of=date(2026, 10, 15)))
    assert report is not None and report.total.amount > 0
    keys = [o["Key"] for o in moto.client("s3").list_objects_v2(Bucket="finops-wired")["Contents"]]
    assert any(key.endswith("/report.json") for key in keys)
    assert any(key.startswith("reports/latest/") for key in keys)
