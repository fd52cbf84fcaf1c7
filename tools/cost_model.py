"""What the stack costs to run in a month, from counted usage and a dated table of public prices.

Arithmetic only: the benchmark (tests/bench/test_cost_model.py) measures and counts the usage. Money is
`Money` (Decimal), never float. Two totals: list price, and after the always-free monthly tiers
(Lambda, Step Functions transitions, Scheduler, CloudWatch, X-Ray, SQS), which every account keeps.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from analysis.domain.money import Money

PRICES = Path(__file__).with_name("aws_prices.csv")
LAMBDA_BILLING_MS = 1  # Lambda bills duration per millisecond
EXPRESS_BILLING_MS = 100
EXPRESS_MEMORY_CHUNK_MB = 64


@dataclass(frozen=True)
class Price:
    key: str
    usd: Decimal
    per: int
    unit: str
    always_free: Decimal
    source: str

    def of(self, quantity: Decimal) -> Money:
        return Money(self.usd * quantity / self.per)


@dataclass(frozen=True)
class LineItem:
    service: str
    what: str
    price: Price
    quantity: Decimal

    @property
    def cost(self) -> Money:
        return self.price.of(self.quantity)


@dataclass(frozen=True)
class FunctionUsage:
    """One Lambda function over the month."""

    name: str
    invocations: int
    average_ms: float
    memory_mb: int

    @property
    def gb_seconds(self) -> Decimal:
        billed_ms = math.ceil(self.average_ms / LAMBDA_BILLING_MS) * LAMBDA_BILLING_MS
        return Decimal(self.invocations) * Decimal(billed_ms) / 1000 * Decimal(self.memory_mb) / 1024


@dataclass
class MonthlyUsage:
    functions: list[FunctionUsage] = field(default_factory=list)
    standard_transitions: int = 0
    express_requests: int = 0
    express_average_ms: float = 0.0
    express_memory_mb: int = EXPRESS_MEMORY_CHUNK_MB
    s3_put_requests: int = 0
    s3_get_requests: int = 0
    s3_storage_gb: Decimal = Decimal(0)
    cost_explorer_requests: int = 0
    scheduler_invocations: int = 0
    emails: int = 0
    secrets: int = 0
    secret_reads: int = 0
    alarms: int = 0
    log_gb: Decimal = Decimal(0)
    traces: int = 0
    sqs_requests: int = 0

    @property
    def express_gb_seconds(self) -> Decimal:
        billed_ms = math.ceil(self.express_average_ms / EXPRESS_BILLING_MS) * EXPRESS_BILLING_MS
        memory = math.ceil(self.express_memory_mb / EXPRESS_MEMORY_CHUNK_MB) * EXPRESS_MEMORY_CHUNK_MB
        return Decimal(self.express_requests) * Decimal(billed_ms) / 1000 * Decimal(memory) / 1024


def load_prices(path: Path = PRICES) -> dict[str, Price]:
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    return {row["key"]: Price(row["key"], Decimal(row["usd"]), int(row["per"]), row["unit"],
                              Decimal(row["always_free_per_month"]), row["source"])
            for row in csv.DictReader(lines)}


def line_items(usage: MonthlyUsage, prices: dict[str, Price]) -> list[LineItem]:
    def item(service: str, what: str, key: str, quantity: Decimal | int) -> LineItem:
        return LineItem(service, what, prices[key], Decimal(quantity))

    gb_seconds = sum((fn.gb_seconds for fn in usage.functions), Decimal(0))
    requests = sum(fn.invocations for fn in usage.functions)
    return [
        item("Lambda", "compute (arm64)", "lambda_arm64_gb_second", gb_seconds),
        item("Lambda", "requests", "lambda_request", requests),
        item("Step Functions", "standard transitions", "sfn_standard_transition", usage.standard_transitions),
        item("Step Functions", "express child requests", "sfn_express_request", usage.express_requests),
        item("Step Functions", "express child duration", "sfn_express_gb_second", usage.express_gb_seconds),
        item("S3", "PUT/LIST requests", "s3_put_request", usage.s3_put_requests),
        item("S3", "GET requests", "s3_get_request", usage.s3_get_requests),
        item("S3", "storage", "s3_storage_gb_month", usage.s3_storage_gb),
        item("Cost Explorer", "API requests (pages)", "ce_api_request", usage.cost_explorer_requests),
        item("EventBridge Scheduler", "digest invocations", "scheduler_invocation", usage.scheduler_invocations),
        item("SES", "emails", "ses_email", usage.emails),
        item("Secrets Manager", "secrets", "secrets_manager_secret_month", usage.secrets),
        item("Secrets Manager", "reads (cold starts)", "secrets_manager_api_call", usage.secret_reads),
        item("CloudWatch", "alarms", "cloudwatch_alarm_month", usage.alarms),
        item("CloudWatch", "log ingestion", "cloudwatch_logs_ingest_gb", usage.log_gb),
        item("X-Ray", "traces", "xray_trace_recorded", usage.traces),
        item("SQS", "requests", "sqs_request", usage.sqs_requests),
    ]


def total(items: Iterable[LineItem]) -> Money:
    return sum((item.cost for item in items), Money.zero())


def total_after_free_tiers(items: Iterable[LineItem]) -> Money:
    """Free quantities are per price key (both Lambda lines, say), applied once each."""
    billable = []
    for item in items:
        quantity = max(Decimal(0), item.quantity - item.price.always_free)
        billable.append(LineItem(item.service, item.what, item.price, quantity))
    return total(billable)
