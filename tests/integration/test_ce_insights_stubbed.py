"""Forecast, anomalies and commitments adapters against real boto3 clients with botocore's Stubber: moto
lacks these calls, the Stubber checks every request against the real service model, and the answers
are shaped like the examples in AWS's API reference."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from analysis.anomaly_service import DETECTION_UNAVAILABLE, anomaly_report
from analysis.domain.basis import CostBasis, Metric
from analysis.domain.cost_anomalies import AWS, DETECTOR, DetectedAnomalies
from analysis.domain.period import Period, parse_period
from analysis.errors import SourceAccessDeniedError, SourceThrottledError
from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.service import CostAnalysis
from analysis.sources.aws_calls import RetryPolicy
from analysis.sources.aws_commitments import AwsCommitmentSource
from analysis.sources.ce_anomalies import CostExplorerAnomalySource, read_anomaly
from analysis.sources.ce_forecast import CostExplorerForecastSource
from analysis.sources.demo import DemoCostSource
from analysis.sources.demo_profile import SPIKE_ACCOUNT, SPIKE_DAYS_AGO, SPIKE_SERVICE
from analysis.state import MemoryStateStore

pytestmark = pytest.mark.integration
NO_WAIT = RetryPolicy(attempts=2, initial_wait=0, max_wait=0, sleep=lambda _: None)
AS_OF = date(2026, 11, 25)


def _client(service: str) -> Any:
    return boto3.client(service, region_name="us-east-1")


@pytest.fixture()
def ce() -> Iterator[tuple[Any, Stubber]]:
    client = _client("ce")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def _forecast_answer(start: date, months: list[tuple[date, date, str, str, str]]) -> dict[str, Any]:
    total = sum(Decimal(m[2]) for m in months)
    return {"Total": {"Amount": str(total), "Unit": "USD"},
            "ForecastResultsByTime": [{"TimePeriod": {"Start": s.isoformat(), "End": e.isoformat()},
                                       "MeanValue": mean, "PredictionIntervalLowerBound": low,
                                       "PredictionIntervalUpperBound": high} for s, e, mean, low, high in months]}


def test_forecast_adds_actuals_to_cost_explorer_forecasts_for_month_and_quarter(ce: tuple[Any, Stubber]) -> None:
    client, stubber = ce
    no_credits = {"Not": {"Dimensions": {"Key": "RECORD_TYPE", "Values": ["Credit", "Refund"]}}}
    stubber.add_response("get_cost_and_usage", {"ResultsByTime": [
        {"TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"}, "Total": {
            "AmortizedCost": {"Amount": "3100.00", "Unit": "USD"}}, "Groups": [], "Estimated": False},
        {"TimePeriod": {"Start": "2026-11-01", "End": "2026-11-25"}, "Total": {
            "AmortizedCost": {"Amount": "2400.00", "Unit": "USD"}}, "Groups": [], "Estimated": True},
    ]}, {"TimePeriod": {"Start": "2026-10-01", "End": "2026-11-25"}, "Granularity": "MONTHLY",
         "Metrics": ["AmortizedCost"], "Filter": no_credits})
    stubber.add_response("get_cost_forecast", _forecast_answer(AS_OF, [
        (AS_OF, date(2026, 12, 1), "600.00", "540.00", "690.00")]),
        {"TimePeriod": {"Start": "2026-11-25", "End": "2026-12-01"}, "Metric": "AMORTIZED_COST",
         "Granularity": "MONTHLY", "PredictionIntervalLevel": 80, "Filter": no_credits})
    stubber.add_response("get_cost_forecast", _forecast_answer(AS_OF, [
        (AS_OF, date(2026, 12, 1), "600.00", "540.00", "690.00"),
        (date(2026, 12, 1), date(2027, 1, 1), "3200.00", "2900.00", "3550.00")]),
        {"TimePeriod": {"Start": "2026-11-25", "End": "2027-01-01"}, "Metric": "AMORTIZED_COST",
         "Granularity": "MONTHLY", "PredictionIntervalLevel": 80, "Filter": no_credits})

    forecast = CostExplorerForecastSource(client, retry=NO_WAIT).forecast(AS_OF, CostBasis(), None)

    month, quarter = forecast.horizon("month"), forecast.horizon("quarter")
    assert month is not None and quarter is not None
    assert (month.actual.amount, month.expected_total.amount) == (Decimal("2400.00"), Decimal("3000.00"))
    assert (month.total_lower.amount, month.total_upper.amount) == (Decimal("2940.00"), Decimal("3090.00"))
    assert quarter.actual.amount == Decimal("5500.00") and quarter.forecast.amount == Decimal("3800.00")
    assert (quarter.lower.amount, quarter.upper.amount) == (Decimal("3440.00"), Decimal("4240.00"))
    assert forecast.requests == 3 and forecast.confidence == 80 and forecast.method == "cost-explorer"


def test_in_the_quarters_last_month_one_forecast_serves_both_horizons(ce: tuple[Any, Stubber]) -> None:
    client, stubber = ce
    as_of = date(2026, 12, 10)
    stubber.add_response("get_cost_and_usage", {"ResultsByTime": [
        {"TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"}, "Total": {
            "NetUnblendedCost": {"Amount": "10", "Unit": "USD"}}, "Groups": [], "Estimated": False},
        {"TimePeriod": {"Start": "2026-11-01", "End": "2026-12-01"}, "Total": {
            "NetUnblendedCost": {"Amount": "20", "Unit": "USD"}}, "Groups": [], "Estimated": False},
        {"TimePeriod": {"Start": "2026-12-01", "End": "2026-12-10"}, "Total": {
            "NetUnblendedCost": {"Amount": "5", "Unit": "USD"}}, "Groups": [], "Estimated": True}]}, None)
    stubber.add_response("get_cost_forecast", _forecast_answer(as_of, [
        (as_of, date(2027, 1, 1), "12", "10", "15")]), None)
    scope = frozenset({"123456789012"})

    forecast = CostExplorerForecastSource(client, retry=NO_WAIT).forecast(
        as_of, CostBasis(Metric.NET_UNBLENDED, credits_included=True), scope)

    assert forecast.requests == 2
    assert forecast.horizon("month").expected_total.amount == Decimal("17")  # type: ignore[union-attr]
    assert forecast.horizon("quarter").expected_total.amount == Decimal("47")  # type: ignore[union-attr]


def test_forecast_access_denied_names_the_permission(ce: tuple[Any, Stubber]) -> None:
    client, stubber = ce
    stubber.add_response("get_cost_and_usage", {"ResultsByTime": []}, None)
    stubber.add_client_error("get_cost_forecast", "AccessDeniedException", "not authorized")
    with pytest.raises(SourceAccessDeniedError, match="ce:GetCostForecast"):
        CostExplorerForecastSource(client, retry=NO_WAIT).forecast(AS_OF, CostBasis(), None)


def _anomaly(anomaly_id: str, service: str, start: str, end: str, actual: float, expected: float,
             account: str = SPIKE_ACCOUNT) -> dict[str, Any]:
    return {
        "AnomalyId": anomaly_id, "AnomalyStartDate": start, "AnomalyEndDate": end, "DimensionValue": service,
        "RootCauses": [{"Service": service, "Region": "us-east-1", "LinkedAccount": account,
                        "LinkedAccountName": "data-platform-prod", "UsageType": "USE1-NatGateway-Bytes",
                        "Impact": {"Contribution": actual - expected}}],
        "AnomalyScore": {"MaxScore": 87.0, "CurrentScore": 12.0},
        "Impact": {"MaxImpact": 700.0, "TotalImpact": actual - expected, "TotalActualSpend": actual,
                   "TotalExpectedSpend": expected, "TotalImpactPercentage": 650.0},
        "MonitorArn": "arn:aws:ce::111111111111:anomalymonitor/0d3a5c2e-1b2c-4e5f-8a9b-0c1d2e3f4a5b",
        "Feedback": "YES",
    }


def test_anomalies_follow_pages_and_keep_root_causes(ce: tuple[Any, Stubber]) -> None:
    client, stubber = ce
    period = parse_period("last-30d", AS_OF)
    interval = {"StartDate": "2026-10-26", "EndDate": "2026-11-24"}
    stubber.add_response("get_anomalies", {"Anomalies": [_anomaly("a-1", "Amazon Relational Database Service",
                                                                  "2026-11-02", "2026-11-03", 900.0, 300.0)],
                                           "NextPageToken": "next"},
                         {"DateInterval": interval, "MaxResults": 100})
    stubber.add_response("get_anomalies", {"Anomalies": [_anomaly("a-2", "AWS Lambda", "2026-11-10T00:00:00Z",
                                                                  "2026-11-10T00:00:00Z", 50.0, 20.0)]},
                         {"DateInterval": interval, "MaxResults": 100, "NextPageToken": "next"})

    found = CostExplorerAnomalySource(client, retry=NO_WAIT).anomalies(period)

    assert [a.anomaly_id for a in found.anomalies] == ["a-1", "a-2"] and found.requests == 2
    first = found.anomalies[0]
    assert (first.first_day, first.last_day, first.excess) == (date(2026, 11, 2), date(2026, 11, 3), Decimal("600.0"))
    assert first.root_causes[0].usage_type == "USE1-NatGateway-Bytes" and first.sources == (AWS,)


class FixedAnomalies:
    name = "aws"

    def __init__(self, found: DetectedAnomalies | Exception) -> None:
        self.found = found

    def anomalies(self, period: Period) -> DetectedAnomalies:
        if isinstance(self.found, Exception):
            raise self.found
        return self.found


def _analysis() -> CostAnalysis:
    state = MemoryStateStore()
    return CostAnalysis(state, LocalPipeline(state, DemoCostSource()))


def test_an_event_aws_and_our_detector_both_see_is_listed_once(ce: tuple[Any, Stubber]) -> None:
    client, stubber = ce
    days = sorted(AS_OF - timedelta(days=n) for n in SPIKE_DAYS_AGO)
    stubber.add_response("get_anomalies", {"Anomalies": [
        _anomaly("nat", SPIKE_SERVICE, days[0].isoformat(), days[-1].isoformat(), 2029.18, 270.56),
        _anomaly("other", "AWS Lambda", "2026-11-01", "2026-11-01", 90.0, 10.0, account="999999999999")]}, None)
    request = AnalysisRequest(period="last-30d", as_of=AS_OF)

    report = anomaly_report(_analysis(), CostExplorerAnomalySource(client, retry=NO_WAIT), request)

    nat = [a for a in report.anomalies if a.service == SPIKE_SERVICE]
    assert len(nat) == 1 and nat[0].sources == (AWS, DETECTOR) and nat[0].anomaly_id == "nat"
    assert report.aws_detection and {a.anomaly_id for a in report.anomalies} >= {"nat", "other"}


def test_a_scoped_channel_sees_only_anomalies_of_its_accounts() -> None:
    request = AnalysisRequest(period="last-30d", as_of=AS_OF, accounts=("600000000001",))
    found = DetectedAnomalies((read_anomaly(_anomaly("x", SPIKE_SERVICE, "2026-11-13", "2026-11-15", 99.0, 9.0)),),
                              datetime(2026, 11, 25, tzinfo=UTC))
    report = anomaly_report(_analysis(), FixedAnomalies(found), request)
    assert all(a.anomaly_id != "x" for a in report.anomalies)


def test_without_get_anomalies_permission_our_detector_answers_and_says_so() -> None:
    request = AnalysisRequest(period="last-30d", as_of=AS_OF)
    report = anomaly_report(_analysis(), FixedAnomalies(SourceAccessDeniedError("needs ce:GetAnomalies")), request)
    assert not report.aws_detection and DETECTION_UNAVAILABLE in report.warnings
    assert any(a.service == SPIKE_SERVICE and a.sources == (DETECTOR,) for a in report.anomalies)


def test_throttled_anomaly_detection_is_an_error_not_an_empty_list() -> None:
    request = AnalysisRequest(period="last-30d", as_of=AS_OF)
    with pytest.raises(SourceThrottledError):
        anomaly_report(_analysis(), FixedAnomalies(SourceThrottledError("slow down")), request)


class StubbedClients:
    """One stubbed client per (service, region), handed to the adapter through its `clients` factory."""

    def __init__(self) -> None:
        self.stubs: dict[tuple[str, str], Stubber] = {}
        self.clients: dict[tuple[str, str], Any] = {}

    def stub(self, service: str, region: str = "us-east-1") -> Stubber:
        if (service, region) not in self.stubs:
            client = boto3.client(service, region_name=region)
            self.clients[(service, region)] = client
            self.stubs[(service, region)] = Stubber(client)
            self.stubs[(service, region)].activate()
        return self.stubs[(service, region)]

    def __call__(self, service: str, region: str) -> Any:
        self.stub(service, region)
        return self.clients[(service, region)]


def _usage_answers(stubs: StubbedClients, savings_plans: bool) -> None:
    ce = stubs.stub("ce")
    window = {"Start": "2026-10-26", "End": "2026-11-25"}
    if savings_plans:
        ce.add_response("get_savings_plans_coverage", {"SavingsPlansCoverages": [
            {"Attributes": {}, "Coverage": {"SpendCoveredBySavingsPlans": "600", "OnDemandCost": "400",
                                            "TotalCost": "1000", "CoveragePercentage": "60"},
             "TimePeriod": {"Start": "2026-10-26", "End": "2026-10-27"}},
            {"Attributes": {}, "Coverage": {"SpendCoveredBySavingsPlans": "200", "OnDemandCost": "800",
                                            "TotalCost": "1000", "CoveragePercentage": "20"},
             "TimePeriod": {"Start": "2026-10-27", "End": "2026-10-28"}}]},
            {"TimePeriod": window, "Granularity": "DAILY"})
        ce.add_response("get_savings_plans_utilization", {"SavingsPlansUtilizationsByTime": [], "Total": {
            "Utilization": {"TotalCommitment": "1000", "UsedCommitment": "950", "UnusedCommitment": "50",
                            "UtilizationPercentage": "95"},
            "Savings": {"NetSavings": "310", "OnDemandCostEquivalent": "1260"},
            "AmortizedCommitment": {"AmortizedRecurringCommitment": "1000", "AmortizedUpfrontCommitment": "0",
                                    "TotalAmortizedCommitment": "1000"}}},
            {"TimePeriod": window, "Granularity": "DAILY"})
    else:
        ce.add_client_error("get_savings_plans_coverage", "DataUnavailableException", "no Savings Plans")
    ce.add_response("get_reservation_coverage", {"CoveragesByTime": [], "Total": {
        "CoverageHours": {"OnDemandHours": "300", "ReservedHours": "700", "TotalRunningHours": "1000",
                          "CoverageHoursPercentage": "70"}, "CoverageCost": {"OnDemandCost": "120.50"}}},
        {"TimePeriod": window, "Granularity": "DAILY"})
    ce.add_response("get_reservation_utilization", {"UtilizationsByTime": [], "Total": {
        "UtilizationPercentage": "99.5", "PurchasedHours": "1440", "TotalActualHours": "1433", "UnusedHours": "7",
        "NetRISavings": "210.00", "RICostForUnusedHours": "1.40"}}, {"TimePeriod": window, "Granularity": "DAILY"})


def _inventory_answers(stubs: StubbedClients) -> None:
    stubs.stub("savingsplans").add_response("describe_savings_plans", {"savingsPlans": [{
        "savingsPlanId": "sp-1", "savingsPlanArn": "arn:aws:savingsplans::111111111111:savingsplan/sp-1",
        "start": "2024-01-01T00:00:00.000Z", "end": "2027-01-01T00:00:00.000Z", "state": "active",
        "savingsPlanType": "Compute", "paymentOption": "No Upfront", "currency": "USD", "commitment": "1.25",
        "termDurationInSeconds": 94608000}]}, {"states": ["active", "queued"]})
    stubs.stub("ec2").add_response("describe_regions", {"Regions": [{"RegionName": "us-east-1"},
                                                                   {"RegionName": "sa-east-1"}]}, {})
    for region, reservations in (("sa-east-1", []), ("us-east-1", [{
            "ReservedInstancesId": "ri-ec2-1", "InstanceType": "m6i.xlarge", "InstanceCount": 4,
            "Start": datetime(2025, 12, 20, 10, 30, tzinfo=UTC), "End": datetime(2026, 12, 20, 10, 30, tzinfo=UTC),
            "State": "active", "ProductDescription": "Linux/UNIX"}])):
        stubs.stub("ec2", region).add_response("describe_reserved_instances", {"ReservedInstances": reservations},
                                               {"Filters": [{"Name": "state", "Values": ["active"]}]})
    for region, reservations in (("sa-east-1", [{
            "ReservedDBInstanceId": "ri-db-1", "DBInstanceClass": "db.r6g.large", "StartTime":
            datetime(2024, 6, 1, tzinfo=UTC), "Duration": 94608000, "DBInstanceCount": 2,
            "ProductDescription": "postgresql", "MultiAZ": True, "State": "active"}]), ("us-east-1", [])):
        stubs.stub("rds", region).add_response("describe_reserved_db_instances",
                                               {"ReservedDBInstances": reservations}, {})


def test_commitments_list_end_dates_coverage_and_utilization() -> None:
    stubs = StubbedClients()
    _usage_answers(stubs, savings_plans=True)
    _inventory_answers(stubs)

    report = AwsCommitmentSource(clients=stubs, retry=NO_WAIT).commitments(AS_OF)

    plans, reservations = report.family("savings-plans"), report.family("reservations")
    assert plans is not None and reservations is not None
    assert plans.coverage_pct == Decimal(40) and plans.utilization_pct == Decimal(95)  # 800 of 2,000 eligible
    assert plans.unused_commitment.amount == Decimal(50)  # type: ignore[union-attr]
    assert reservations.coverage_pct == Decimal(70)
    assert reservations.unused_commitment.amount == Decimal("1.40")  # type: ignore[union-attr]
    ends = {c.commitment_id: (c.end, c.count) for c in report.commitments}
    assert ends == {"sp-1": (date(2027, 1, 1), None), "ri-ec2-1": (date(2026, 12, 21), 4),
                    "ri-db-1": (date(2027, 6, 1), 2)}  # bought 2024-06-01 for 94,608,000 s (1,095 days)
    assert [c.commitment_id for c in report.expiring] == ["ri-ec2-1", "sp-1"]  # 26 and 37 days left; ri-db-1: 188
    assert report.requests == 4
    for stub in stubs.stubs.values():
        stub.assert_no_pending_responses()


def test_no_savings_plans_bought_reads_as_no_data_not_as_an_error() -> None:
    stubs = StubbedClients()
    _usage_answers(stubs, savings_plans=False)
    _inventory_answers(stubs)
    report = AwsCommitmentSource(clients=stubs, retry=NO_WAIT).commitments(AS_OF)
    plans = report.family("savings-plans")
    assert plans is not None and plans.coverage_pct is None and plans.utilization_pct is None
