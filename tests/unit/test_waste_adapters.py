"""Small pieces of the AWS adapters: error translation, ARNs, metric batching, stop times."""

from datetime import UTC, datetime, timedelta

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from botocore.stub import ANY, Stubber

from analysis.errors import SourceAccessDeniedError, SourceError, SourceThrottledError, SourceUnavailableError
from analysis.sources.inventory.ec2 import stopped_since
from analysis.sources.inventory.errors import reading
from analysis.sources.inventory.metrics import MAX_QUERIES, MetricQuery, read_metrics
from analysis.sources.recommendations import arn_region, native_id


@pytest.mark.parametrize(("code", "error"), [
    ("UnauthorizedOperation", SourceAccessDeniedError), ("AccessDeniedException", SourceAccessDeniedError),
    ("RequestLimitExceeded", SourceThrottledError), ("ThrottlingException", SourceThrottledError),
    ("OptInRequired", SourceUnavailableError), ("InternalError", SourceUnavailableError),
    ("ValidationException", SourceError),
])
def test_client_errors_become_named_errors_that_say_where(code: str, error: type[SourceError]) -> None:
    failure = ClientError({"Error": {"Code": code, "Message": "no"}}, "DescribeVolumes")
    with pytest.raises(error) as raised, reading("ec2", "111111111111", "sa-east-1"):
        raise failure
    assert type(raised.value) is error
    assert str(raised.value) == f"ec2:DescribeVolumes failed in account 111111111111, sa-east-1: {code}: no"
    assert raised.value.__cause__ is failure


def test_an_endpoint_that_does_not_answer_is_unavailable() -> None:
    with pytest.raises(SourceUnavailableError, match="did not answer in account 1, ap-east-1"), \
            reading("ec2", "1", "ap-east-1"):
        raise EndpointConnectionError(endpoint_url="https://ec2.ap-east-1.amazonaws.com")


@pytest.mark.parametrize(("arn", "native", "region"), [
    ("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc", "i-0abc", "us-east-1"),
    ("arn:aws:lambda:sa-east-1:123456789012:function:api:$LATEST", "api", "sa-east-1"),
    ("arn:aws:lambda:sa-east-1:123456789012:function:api", "api", "sa-east-1"),
    ("arn:aws:autoscaling:eu-west-1:1:autoScalingGroup:9f:autoScalingGroupName/workers", "workers", "eu-west-1"),
    ("arn:aws:rds:us-west-2:123456789012:db:orders", "orders", "us-west-2"),
    ("vol-0123", "vol-0123", "global"),
])
def test_arns_become_the_ids_people_use(arn: str, native: str, region: str) -> None:
    assert native_id(arn) == native
    assert arn_region(arn, "global") == region


def test_stop_time_is_read_from_the_state_transition_reason() -> None:
    assert stopped_since("User initiated (2026-01-31 10:20:30 GMT)") == datetime(2026, 1, 31, 10, 20, 30, tzinfo=UTC)
    assert stopped_since("User initiated (2026-01-31 10:20:30 UTC)") == datetime(2026, 1, 31, 10, 20, 30, tzinfo=UTC)
    assert stopped_since("Server.SpotInstanceTermination") is None  # unknown: never called long-stopped


def test_metrics_are_read_500_queries_per_request_following_next_token() -> None:
    cloudwatch = boto3.client("cloudwatch", region_name="us-east-1")
    now = datetime(2026, 5, 1, tzinfo=UTC)
    queries = [MetricQuery(f"nat-{n}", "AWS/NATGateway", "BytesOutToDestination", {"NatGatewayId": f"nat-{n}"},
                           "Sum") for n in range(MAX_QUERIES + 1)]
    day = now - timedelta(days=1)
    with Stubber(cloudwatch) as stub:
        stub.add_response("get_metric_data", {"MetricDataResults": [
            {"Id": "q0", "Timestamps": [day], "Values": [10.0], "StatusCode": "Complete"}], "NextToken": "more"},
            {"MetricDataQueries": ANY, "StartTime": ANY, "EndTime": ANY, "ScanBy": "TimestampAscending"})
        stub.add_response("get_metric_data", {"MetricDataResults": [
            {"Id": "q0", "Timestamps": [day - timedelta(days=1)], "Values": [5.0], "StatusCode": "Complete"}]},
            {"MetricDataQueries": ANY, "StartTime": ANY, "EndTime": ANY, "ScanBy": "TimestampAscending",
             "NextToken": "more"})
        stub.add_response("get_metric_data", {"MetricDataResults": [
            {"Id": f"q{MAX_QUERIES}", "Timestamps": [], "Values": [], "StatusCode": "Complete"}]},
            {"MetricDataQueries": ANY, "StartTime": ANY, "EndTime": ANY, "ScanBy": "TimestampAscending"})
        series = read_metrics(cloudwatch, queries, now, 14)
        stub.assert_no_pending_responses()
    first = series[("nat-0", "BytesOutToDestination", "Sum")]
    assert first.values == (5.0, 10.0)  # oldest first, across pages
    assert first.total() == 15.0 and first.latest() == 10.0
    assert series[(f"nat-{MAX_QUERIES}", "BytesOutToDestination", "Sum")].total() is None  # no data is not 0
