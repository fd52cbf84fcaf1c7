"""NAT gateways that carry no traffic, or that no route table points at."""

from __future__ import annotations

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import NatGateway
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day
from analysis.domain.findings import ActionKind

NAT = "AWS::EC2::NatGateway"
MIB = 1024**2


def _gateway_hours(n: NatGateway, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(HOURS_PER_MONTH * price("vpc", "nat-gateway"),
                 assumption="hourly charge only; data processing stops with the traffic")


def _idle(n: NatGateway, ctx: CheckContext) -> bool:
    return (n.state == "available" and n.routed and ctx.older_than_window(n.created)
            and (n.bytes_out or 0) < ctx.thresholds.nat_idle_bytes and (n.connections_max or 0) < 1)


def _facts(n: NatGateway, ctx: CheckContext) -> dict[str, str]:
    return {"id": n.nat_gateway_id, "vpc_id": n.vpc_id, "created": iso_day(n.created),
            "bytes_out_mib": str((n.bytes_out or 0) // MIB), "window_days": str(ctx.thresholds.window_days)}


_DELETE = "aws ec2 delete-nat-gateway --region {region} --nat-gateway-id {id}"

RULES: tuple[Rule[NatGateway], ...] = (
    Rule("nat-idle", "Idle NAT gateway", NAT,
         "available for the whole window, under 1 GiB BytesOutToDestination and no active connection",
         _idle,
         "730 h × NAT gateway hourly price", _gateway_hours,
         "NAT gateway in {vpc_id} sent {bytes_out_mib} MiB in {window_days} days with no active connection",
         _DELETE, ActionKind.DELETE),
    Rule("nat-unrouted", "NAT gateway no route uses", NAT,
         "available, and no route table has a route to it",
         lambda n, ctx: n.state == "available" and not n.routed,
         "730 h × NAT gateway hourly price", _gateway_hours,
         "NAT gateway in {vpc_id} (created {created}) is not the target of any route",
         _DELETE, ActionKind.DELETE),
)

PARTS = (RuleFamily[NatGateway]("nat", "regional", lambda inventory: inventory.nat_gateways(), _facts, RULES),)
