"""CloudWatch log groups that keep every event forever."""

from __future__ import annotations

from decimal import Decimal

from analysis.checks.prices import Quoter
from analysis.checks.resources import LogGroup
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day
from analysis.domain.findings import ActionKind

LOG_GROUP = "AWS::Logs::LogGroup"
GB = Decimal(1024**3)


def _expired_share(group: LogGroup, ctx: CheckContext) -> Decimal:
    """Share of stored events older than the proposed retention, assuming a steady ingest since creation."""
    age = ctx.days_since(group.created)
    keep = ctx.thresholds.log_retention_days
    return Decimal(age - keep) / Decimal(age) if age > keep else Decimal(0)


def _storage_beyond_retention(group: LogGroup, price: Quoter, ctx: CheckContext) -> Quote:
    share = _expired_share(group, ctx)
    return Quote(Decimal(group.stored_bytes) / GB * price("logs", "storage") * share,
                 {"expired_pct": f"{share * 100:.0f}"},
                 f"assumes a steady ingest since creation, so {share * 100:.0f}% of the stored data is older "
                 f"than {ctx.thresholds.log_retention_days} days")


def _facts(group: LogGroup, ctx: CheckContext) -> dict[str, str]:
    return {"id": group.name, "stored_gib": f"{Decimal(group.stored_bytes) / GB:.1f}",
            "created": iso_day(group.created), "retention_days": str(ctx.thresholds.log_retention_days)}


RULES: tuple[Rule[LogGroup], ...] = (
    Rule("logs-no-retention", "Log group that never expires events", LOG_GROUP,
         "no retention policy and some stored data",
         lambda group, ctx: group.retention_days is None and group.stored_bytes > 0,
         "stored GB × storage price × share older than 90 days (steady ingest since creation)",
         _storage_beyond_retention,
         "{stored_gib} GiB kept forever since {created}; a {retention_days}-day retention would expire "
         "about {expired_pct}% of it",
         "aws logs put-retention-policy --region {region} --log-group-name {id} "
         "--retention-in-days {retention_days}", ActionKind.CONFIGURE),
)

PARTS = (RuleFamily[LogGroup]("logs", "regional", lambda inventory: inventory.log_groups(), _facts, RULES),)
