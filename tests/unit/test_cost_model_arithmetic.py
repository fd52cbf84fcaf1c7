"""The cost model's arithmetic: Lambda and Express billing units, free tiers, exact money."""

from __future__ import annotations

from decimal import Decimal

from analysis.domain.money import Money
from tools.cost_model import FunctionUsage, MonthlyUsage, line_items, load_prices, total, total_after_free_tiers

PRICES = load_prices()


def test_lambda_gb_seconds_bill_whole_milliseconds_at_the_configured_memory() -> None:
    usage = FunctionUsage("worker", invocations=1000, average_ms=1234.2, memory_mb=512)
    assert usage.gb_seconds == Decimal(1000) * Decimal(1235) / 1000 * Decimal("0.5")


def test_express_children_bill_100_ms_steps_and_64_mb_chunks() -> None:
    usage = MonthlyUsage(express_requests=10, express_average_ms=120, express_memory_mb=65)
    assert usage.express_gb_seconds == Decimal(10) * Decimal("0.2") * Decimal(128) / 1024


def test_a_month_of_one_request_per_item_costs_each_list_price_once() -> None:
    usage = MonthlyUsage(cost_explorer_requests=300, standard_transitions=1000, secrets=1, alarms=1)
    items = {item.what: item.cost for item in line_items(usage, PRICES)}
    assert items["API requests (pages)"] == Money.of("3.00")
    assert items["standard transitions"] == Money.of("0.025")
    assert total(line_items(usage, PRICES)) == Money.of("3.525")


def test_free_tiers_remove_only_what_they_cover() -> None:
    usage = MonthlyUsage(standard_transitions=5000, cost_explorer_requests=10)
    items = line_items(usage, PRICES)
    # 1,000 transitions above the 4,000 free; Cost Explorer has no free tier
    assert total_after_free_tiers(items) == Money.of("0.025") + Money.of("0.10")


def test_every_price_has_a_source_and_a_positive_amount() -> None:
    assert all(price.usd > 0 and price.per > 0 and price.source for price in PRICES.values())
