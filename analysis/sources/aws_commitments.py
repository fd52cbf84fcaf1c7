"""`CommitmentSource` on AWS: Savings Plans and Reserved Instances with their end dates, and coverage and
utilization over the last 30 days.

Requests: Cost Explorer GetSavingsPlansCoverage, GetSavingsPlansUtilization, GetReservationCoverage,
GetReservationUtilization (4 × US$ 0.01, cached); Savings Plans DescribeSavingsPlans; EC2
DescribeRegions once, then DescribeReservedInstances and RDS DescribeReservedDBInstances per enabled
region (free). The describe calls list the commitments of the calling account: run from the account
that bought them (usually the management account); Cost Explorer's coverage and utilization cover the
whole organization.

Cost Explorer answers DataUnavailableException when nothing of a family was bought: that family's
coverage and utilization are then None ("no data"), which is not an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from analysis.domain.commitments import Commitment, CommitmentsReport, Usage
from analysis.domain.money import Money
from analysis.errors import SourceError
from analysis.ports import StateStore
from analysis.sources.ce_calls import CachedCalls
from analysis.sources.cost_explorer import CE_ERRORS

USAGE_DAYS = 30
SAVINGS_PLAN_STATES = ["active", "queued"]
PLAN_NAMES = {"Compute": "Compute Savings Plan", "EC2Instance": "EC2 Instance Savings Plan",
              "SageMaker": "SageMaker Savings Plan", "Database": "Database Savings Plan"}


class NoCommitmentDataError(SourceError):
    """Cost Explorer has no coverage or utilization data for a family nobody bought."""


class AwsCommitmentSource:
    name = "aws"

    def __init__(
        self, *, clients: Callable[[str, str], Any] | None = None, regions: list[str] | None = None,
        cache: StateStore | None = None, clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        **options: Any,
    ) -> None:
        self._clients = clients
        self._regions = regions
        self._cache, self._clock, self._options = cache, clock, options
        self._calls: dict[tuple[str, str], CachedCalls] = {}

    def call(self, service: str, region: str = "us-east-1") -> CachedCalls:
        if (service, region) not in self._calls:
            client = self._clients(service, region) if self._clients else None
            named = {**CE_ERRORS, "DataUnavailableException": NoCommitmentDataError} if service == "ce" else {}
            self._calls[(service, region)] = CachedCalls(service, client, cache=self._cache, clock=self._clock,
                                                         named=named, region=region, **self._options)
        return self._calls[(service, region)]

    def commitments(self, as_of: date) -> CommitmentsReport:
        window = {"Start": (as_of - timedelta(days=USAGE_DAYS)).isoformat(), "End": as_of.isoformat()}
        usage = (self._savings_plan_usage(window), self._reservation_usage(window))
        owned = [*self._savings_plans(), *self._reserved_instances(), *self._reserved_db_instances()]
        calls = list(self._calls.values())
        return CommitmentsReport(
            as_of=as_of, currency="USD", commitments=tuple(owned), usage=usage, source=self.name,
            fetched_at=min((c.fetched_at() for c in calls), default=self._clock()),
            requests=self.call("ce").requests,
        )

    def regions(self) -> list[str]:
        if self._regions is None:
            answer = self.call("ec2")("describe_regions", "ec2:DescribeRegions")
            self._regions = sorted(r["RegionName"] for r in answer.get("Regions", ()))
        return self._regions

    def _savings_plan_usage(self, window: dict[str, str]) -> Usage:
        start, end = date.fromisoformat(window["Start"]), date.fromisoformat(window["End"])
        ce = self.call("ce")
        try:
            covered = on_demand = Decimal(0)
            token: str | None = None
            while True:
                page = ce("get_savings_plans_coverage", "ce:GetSavingsPlansCoverage", TimePeriod=window,
                          Granularity="DAILY", **({"NextToken": token} if token else {}))
                for row in page.get("SavingsPlansCoverages", ()):
                    covered += Decimal(row["Coverage"].get("SpendCoveredBySavingsPlans", "0"))
                    on_demand += Decimal(row["Coverage"].get("OnDemandCost", "0"))
                token = page.get("NextToken")
                if not token:
                    break
            total = ce("get_savings_plans_utilization", "ce:GetSavingsPlansUtilization", TimePeriod=window,
                       Granularity="DAILY")["Total"]
        except NoCommitmentDataError:
            return Usage("savings-plans", start, end, None, None)
        eligible = covered + on_demand
        return Usage(
            "savings-plans", start, end,
            coverage_pct=covered / eligible * 100 if eligible else None,
            utilization_pct=Decimal(total["Utilization"]["UtilizationPercentage"]),
            on_demand_cost=Money(on_demand),
            unused_commitment=Money(Decimal(total["Utilization"]["UnusedCommitment"])),
            net_savings=Money(Decimal(total["Savings"]["NetSavings"])) if "Savings" in total else None,
        )

    def _reservation_usage(self, window: dict[str, str]) -> Usage:
        start, end = date.fromisoformat(window["Start"]), date.fromisoformat(window["End"])
        ce = self.call("ce")
        try:
            coverage = ce("get_reservation_coverage", "ce:GetReservationCoverage", TimePeriod=window,
                          Granularity="DAILY")["Total"]
            utilization = ce("get_reservation_utilization", "ce:GetReservationUtilization", TimePeriod=window,
                             Granularity="DAILY")["Total"]
        except NoCommitmentDataError:
            return Usage("reservations", start, end, None, None)
        hours = coverage.get("CoverageHours", {})
        on_demand = coverage.get("CoverageCost", {}).get("OnDemandCost")
        return Usage(
            "reservations", start, end,
            coverage_pct=Decimal(hours["CoverageHoursPercentage"]) if "CoverageHoursPercentage" in hours else None,
            utilization_pct=Decimal(utilization["UtilizationPercentage"]),
            on_demand_cost=Money(Decimal(on_demand)) if on_demand is not None else None,
            unused_commitment=_money(utilization.get("RICostForUnusedHours")),
            net_savings=_money(utilization.get("NetRISavings")),
        )

    def _savings_plans(self) -> Iterator[Commitment]:
        token: str | None = None
        while True:
            page = self.call("savingsplans")("describe_savings_plans", "savingsplans:DescribeSavingsPlans",
                                             states=SAVINGS_PLAN_STATES, **({"nextToken": token} if token else {}))
            for plan in page.get("savingsPlans", ()):
                kind = plan.get("savingsPlanType", "")
                family = f" ({plan['ec2InstanceFamily']})" if plan.get("ec2InstanceFamily") else ""
                yield Commitment(
                    "savings-plan", plan["savingsPlanId"], f"{PLAN_NAMES.get(kind, kind + ' Savings Plan')}{family}",
                    "Savings Plans", _day(plan["start"]), _end_day(plan["end"]), region=plan.get("region") or None,
                    hourly_commitment=Money(Decimal(plan["commitment"]), plan.get("currency") or "USD"),
                )
            token = page.get("nextToken")
            if not token:
                return

    def _reserved_instances(self) -> Iterator[Commitment]:
        for region in self.regions():
            answer = self.call("ec2", region)("describe_reserved_instances", "ec2:DescribeReservedInstances",
                                               Filters=[{"Name": "state", "Values": ["active"]}])
            for ri in answer.get("ReservedInstances", ()):
                yield Commitment("reserved-instance", ri["ReservedInstancesId"],
                                 f"EC2 {ri['InstanceType']} ({ri.get('ProductDescription', '')})".replace(" ()", ""),
                                 "EC2", _day(ri["Start"]), _end_day(ri["End"]), region=region,
                                 count=ri.get("InstanceCount"))

    def _reserved_db_instances(self) -> Iterator[Commitment]:
        for region in self.regions():
            marker: str | None = None
            while True:
                page = self.call("rds", region)("describe_reserved_db_instances", "rds:DescribeReservedDBInstances",
                                                 **({"Marker": marker} if marker else {}))
                for ri in page.get("ReservedDBInstances", ()):
                    if ri.get("State", "active") != "active":
                        continue
                    started = datetime.fromisoformat(ri["StartTime"])
                    ends = started + timedelta(seconds=int(ri["Duration"]))
                    engine = f"{ri.get('ProductDescription', '')}{' Multi-AZ' if ri.get('MultiAZ') else ''}"
                    yield Commitment("reserved-instance", ri["ReservedDBInstanceId"],
                                     f"RDS {ri['DBInstanceClass']} {engine}".strip(), "RDS", started.date(),
                                     _first_day_after(ends), region=region, count=ri.get("DBInstanceCount"))
                marker = page.get("Marker")
                if not marker:
                    break


def _money(amount: str | None) -> Money | None:
    return None if amount is None else Money(Decimal(amount))


def _day(text: str) -> date:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).date()


def _end_day(text: str) -> date:
    return _first_day_after(datetime.fromisoformat(text.replace("Z", "+00:00")))


def _first_day_after(moment: datetime) -> date:
    """The first day a commitment no longer applies: an end at 00:00 is that day, later in a day the next."""
    return moment.date() + timedelta(days=1 if moment.time() != datetime.min.time() else 0)
