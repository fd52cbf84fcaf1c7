"""Forecast, anomalies and commitments for the demo organisation, behind the same ports as AWS.

Forecast: `project_by_weekday` over the demo's daily series (weekday profile × trend, normal 80%
interval). Anomalies: the spike the generator plants (a NAT gateway loop in data-platform-prod), as
Cost Anomaly Detection would report it with its root cause. Commitments: the Compute Savings Plan
the generator already applies to prod EC2 — coverage and utilization derived from the demo's own
figures — and two Reserved Instances (one expiring in 41 days); the demo cost data does not model
RIs, so their coverage and utilization are stated constants.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from analysis.domain.basis import CostBasis, Metric
from analysis.domain.commitments import Commitment, CommitmentsReport, Usage
from analysis.domain.cost_anomalies import AWS, Anomaly, DetectedAnomalies, RootCause
from analysis.domain.costs import CostQuery
from analysis.domain.forecast import DEFAULT_CONFIDENCE, Forecast, Horizon, horizon_windows, project_by_weekday
from analysis.domain.money import Money
from analysis.domain.period import Period
from analysis.sources import demo_profile as org
from analysis.sources.demo import DemoCostSource

HISTORY_DAYS = 28
SAVINGS_PLAN_UTILIZATION = Decimal("0.964")  # the demo plan is slightly oversized, as real ones often are
RI_COVERAGE_PCT, RI_UTILIZATION_PCT = Decimal("46.8"), Decimal("98.7")
CENT = Decimal("0.01")


def _fetched(as_of: date) -> datetime:
    return datetime.combine(as_of, time(6, 0), UTC)


def _costs(source: DemoCostSource, start: date, end: date, basis: CostBasis,
           accounts: frozenset[str] | None = None, as_of: date | None = None) -> list[tuple[date, str, str, Decimal]]:
    period = Period(start, end, "window", as_of or end)
    data = source.fetch_costs(CostQuery(period, basis, accounts=accounts))
    return [(r.start, r.account_id, r.service, r.amount) for r in data.records]


class DemoForecastSource:
    name = "demo"

    def __init__(self, seed: int = 2026) -> None:
        self.costs = DemoCostSource(seed)

    def forecast(self, as_of: date, basis: CostBasis, accounts: frozenset[str] | None) -> Forecast:
        windows = horizon_windows(as_of)
        daily: defaultdict[date, Decimal] = defaultdict(Decimal)
        for day, _, _, amount in _costs(self.costs, min(windows[1][1], as_of - timedelta(days=HISTORY_DAYS)),
                                        as_of, basis, accounts):
            daily[day] += amount
        horizons = []
        for kind, start, end in windows:
            actual = sum((v for d, v in daily.items() if start <= d < as_of), Decimal(0))
            mean, lower, upper = project_by_weekday(daily, as_of, end, history_days=HISTORY_DAYS)
            horizons.append(Horizon(kind, start, end, as_of, Money(actual), Money(mean), Money(lower), Money(upper)))
        return Forecast(as_of, basis, "USD", DEFAULT_CONFIDENCE, tuple(horizons), "weekday-profile", self.name,
                        _fetched(as_of), accounts)


class DemoAnomalySource:
    name = "demo"

    def __init__(self, seed: int = 2026) -> None:
        self.costs = DemoCostSource(seed)

    def anomalies(self, period: Period) -> DetectedAnomalies:
        days = [period.as_of - timedelta(days=n) for n in sorted(org.SPIKE_DAYS_AGO, reverse=True)]
        if not any(day in period for day in days):
            return DetectedAnomalies((), _fetched(period.as_of))
        rows = _costs(self.costs, days[0], days[-1] + timedelta(days=1), CostBasis(Metric.UNBLENDED),
                      frozenset({org.SPIKE_ACCOUNT}), period.as_of)
        actual = sum((amount for _, _, service, amount in rows if service == org.SPIKE_SERVICE), Decimal(0))
        expected = (actual / Decimal(str(org.SPIKE_FACTOR))).quantize(CENT)
        cause = RootCause(org.SPIKE_SERVICE, "us-east-1", "USE1-NatGateway-Bytes", org.SPIKE_ACCOUNT,
                          "data-platform-prod", (actual - expected).quantize(CENT))
        anomaly = Anomaly(org.SPIKE_SERVICE, days[0], days[-1], expected, actual.quantize(CENT), (AWS,), (cause,),
                          "demo-anomaly-nat-loop", Decimal("87"))
        return DetectedAnomalies((anomaly,), _fetched(period.as_of))


class DemoCommitmentSource:
    name = "demo"

    def __init__(self, seed: int = 2026) -> None:
        self.costs = DemoCostSource(seed)

    def commitments(self, as_of: date) -> CommitmentsReport:
        start = as_of - timedelta(days=30)
        usage = (self._savings_plan_usage(start, as_of),
                 Usage("reservations", start, as_of, RI_COVERAGE_PCT, RI_UTILIZATION_PCT))
        return CommitmentsReport(as_of, "USD", self._inventory(as_of, usage[0]), usage, "demo", _fetched(as_of))

    def _savings_plan_usage(self, start: date, end: date) -> Usage:
        """From the demo's unblended lines: prod EC2 is billed at the uncovered 35%, the plan's fee on the
        payer; the covered on-demand equivalent is the prod EC2 line × 65/35."""
        prod = {a.account_id for a in org.ACCOUNTS if a.environment == "prod"}
        uncovered_prod = on_demand = fee = Decimal(0)
        for _, account, service, amount in _costs(self.costs, start, end, CostBasis(Metric.UNBLENDED)):
            if service == org.EC2:
                on_demand += amount
                uncovered_prod += amount if account in prod else Decimal(0)
            elif service == org.SAVINGS_PLANS:
                fee += amount
        share = Decimal(str(org.SAVINGS_PLAN_COVERAGE))
        covered = uncovered_prod * share / (1 - share)
        commitment = fee / SAVINGS_PLAN_UTILIZATION
        return Usage("savings-plans", start, end, coverage_pct=covered / (covered + on_demand) * 100,
                     utilization_pct=SAVINGS_PLAN_UTILIZATION * 100, on_demand_cost=Money(on_demand.quantize(CENT)),
                     unused_commitment=Money((commitment - fee).quantize(CENT)),
                     net_savings=Money((covered - commitment).quantize(CENT)))

    def _inventory(self, as_of: date, plan: Usage) -> tuple[Commitment, ...]:
        hours = Decimal((plan.end - plan.start).days * 24)
        unused = plan.unused_commitment.amount if plan.unused_commitment else Decimal(0)
        paid = unused / (1 - SAVINGS_PLAN_UTILIZATION)  # unused is (1 − utilization) of what the plan costs
        hourly = Money((paid / hours).quantize(CENT))
        plan_start = as_of - timedelta(days=500)
        db_end, ec2_end = as_of + timedelta(days=41), as_of + timedelta(days=233)
        return (
            Commitment("savings-plan", "sp-demo-compute-3y", "Compute Savings Plan", "Savings Plans", plan_start,
                       plan_start + timedelta(days=3 * 365), org.MANAGEMENT_ACCOUNT, None, None, hourly),
            Commitment("reserved-instance", "ri-demo-rds-checkout", "RDS db.r6g.xlarge postgresql Multi-AZ", "RDS",
                       db_end - timedelta(days=365), db_end, "600000000001", "sa-east-1", 2),
            Commitment("reserved-instance", "ri-demo-ec2-data", "EC2 m6i.2xlarge (Linux/UNIX)", "EC2",
                       ec2_end - timedelta(days=365), ec2_end, "700000000001", "us-east-1", 4),
        )
