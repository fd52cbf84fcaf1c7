"""Cost basis: which Cost Explorer metric a figure uses and which charges it includes."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum


class BasisError(ValueError):
    """An unknown cost basis; the message lists the valid ones."""


class Metric(StrEnum):
    UNBLENDED = "unblended"
    AMORTIZED = "amortized"
    NET_UNBLENDED = "net-unblended"
    NET_AMORTIZED = "net-amortized"

    @property
    def ce_metric(self) -> str:
        """The metric name GetCostAndUsage expects."""
        return {
            Metric.UNBLENDED: "UnblendedCost",
            Metric.AMORTIZED: "AmortizedCost",
            Metric.NET_UNBLENDED: "NetUnblendedCost",
            Metric.NET_AMORTIZED: "NetAmortizedCost",
        }[self]

    @classmethod
    def parse(cls, text: str) -> Metric:
        key = text.strip().lower().replace("_", "-").replace(" ", "-")
        aliases = {
            "amortizado": "amortized", "nao-amortizado": "unblended", "não-amortizado": "unblended",
            "liquido": "net-amortized", "líquido": "net-amortized", "net": "net-amortized",
            "blended": "unblended",
        }
        key = aliases.get(key, key)
        try:
            return cls(key)
        except ValueError:
            valid = [m.value for m in cls]
            close = difflib.get_close_matches(key, valid, n=1)
            hint = f" Did you mean `{close[0]}`?" if close else ""
            raise BasisError(f"`{text}` is not a cost basis.{hint} Valid: {', '.join(valid)}.") from None


# Record types the basis leaves out when credits/refunds or tax are excluded (Cost Explorer's RECORD_TYPE).
CREDIT_RECORD_TYPES = ("Credit", "Refund")
TAX_RECORD_TYPES = ("Tax",)


@dataclass(frozen=True, slots=True)
class CostBasis:
    """Default: amortized, credits and refunds excluded, tax included (what FinOps teams compare)."""

    metric: Metric = Metric.AMORTIZED
    credits_included: bool = False
    tax_included: bool = True

    def excluded_record_types(self) -> tuple[str, ...]:
        excluded: tuple[str, ...] = ()
        if not self.credits_included:
            excluded += CREDIT_RECORD_TYPES
        if not self.tax_included:
            excluded += TAX_RECORD_TYPES
        return excluded

    def includes_record_type(self, record_type: str) -> bool:
        return record_type not in self.excluded_record_types()

    @property
    def key(self) -> str:
        """Stable text for cache keys and report ids."""
        return f"{self.metric.value}|credits={int(self.credits_included)}|tax={int(self.tax_included)}"
