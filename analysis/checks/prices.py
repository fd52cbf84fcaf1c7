"""On-demand prices as data (`prices.csv`), because the Pricing API is not always reachable.

Each row: service, item, region, unit, usd, as_of, source. A region the table lacks falls back to
us-east-1 and the finding says so (us-east-1 is usually the cheapest, so the estimate errs low).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

FALLBACK_REGION = "us-east-1"
HOURS_PER_MONTH = Decimal(730)  # AWS's own convention for monthly estimates
COLUMNS = ("service", "item", "region", "unit", "usd", "as_of", "source")


class PriceNotFoundError(LookupError):
    """No price for this item in the requested region nor in us-east-1."""


class PriceTableError(ValueError):
    """The price table file is malformed."""


@dataclass(frozen=True, slots=True)
class Price:
    service: str
    item: str
    region: str  # the region whose price this is
    unit: str
    usd: Decimal
    as_of: date
    source: str
    asked_region: str  # the region the resource is in

    @property
    def fallback(self) -> bool:
        return self.region != self.asked_region

    def describe(self) -> str:
        text = f"{self.service} {self.item} US${self.usd}/{self.unit} ({self.region}, as of {self.as_of})"
        if self.fallback:
            text += f" — the table has no {self.asked_region} price for it, so the {self.region} price is used"
        return text


class PriceTable:
    def __init__(self, rows: dict[tuple[str, str, str], Price]) -> None:
        self._rows = rows

    def price(self, service: str, item: str, region: str) -> Price:
        found = self._rows.get((service, item, region)) or self._rows.get((service, item, FALLBACK_REGION))
        if found is None:
            raise PriceNotFoundError(f"no {service} price for {item!r} in {region} or {FALLBACK_REGION}")
        return Price(found.service, found.item, found.region, found.unit, found.usd, found.as_of, found.source,
                     asked_region=region)

    def has(self, service: str, item: str) -> bool:
        return any(key[:2] == (service, item) for key in self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def parse_prices(text: str) -> PriceTable:
    reader = csv.reader(io.StringIO(text))
    if tuple(next(reader, ())) != COLUMNS:
        raise PriceTableError(f"prices.csv must start with the header {','.join(COLUMNS)}")
    rows: dict[tuple[str, str, str], Price] = {}
    for row in reader:
        if len(row) != len(COLUMNS):
            raise PriceTableError(f"line {reader.line_num}: expected {len(COLUMNS)} fields, got {len(row)}")
        service, item, region, unit, usd, as_of, source = row
        key = (service, item, region)
        if key in rows:
            raise PriceTableError(f"line {reader.line_num}: {service} {item} {region} is listed twice")
        amount = Decimal(usd)
        if amount <= 0:
            raise PriceTableError(f"line {reader.line_num}: price must be positive, got {usd}")
        rows[key] = Price(service, item, region, unit, amount, date.fromisoformat(as_of), source, region)
    return PriceTable(rows)


@cache
def load_prices() -> PriceTable:
    """The packaged price table, read once per process."""
    return parse_prices(resources.files("analysis.checks").joinpath("prices.csv").read_text(encoding="utf-8"))


class Quoter:
    """Looks prices up for one resource and remembers which ones, so the finding can cite them."""

    def __init__(self, table: PriceTable, region: str) -> None:
        self.table = table
        self.region = region
        self.used: list[Price] = []

    def __call__(self, service: str, item: str) -> Decimal:
        price = self.table.price(service, item, self.region)
        if price not in self.used:
            self.used.append(price)
        return price.usd

    def note(self) -> str:
        return "; ".join(price.describe() for price in self.used)
