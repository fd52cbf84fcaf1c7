"""Elastic IP addresses: every public IPv4 address bills by the hour, used or not."""

from __future__ import annotations

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import Address
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily
from analysis.domain.findings import ActionKind

ADDRESS = "AWS::EC2::EIP"


def _address_hours(a: Address, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(HOURS_PER_MONTH * price("vpc", "public-ipv4"))


def _facts(a: Address, ctx: CheckContext) -> dict[str, str]:
    return {"id": a.allocation_id, "public_ip": a.public_ip, "instance_id": a.instance_id or ""}


_RELEASE = "aws ec2 release-address --region {region} --allocation-id {id}"

RULES: tuple[Rule[Address], ...] = (
    Rule("eip-unassociated", "Unassociated Elastic IP", ADDRESS,
         "not associated with any instance or network interface",
         lambda a, ctx: a.association_id is None,
         "730 h × public IPv4 hourly price", _address_hours,
         "Elastic IP {public_ip} is associated with nothing",
         _RELEASE, ActionKind.DELETE),
    Rule("eip-on-stopped-instance", "Elastic IP on a stopped instance", ADDRESS,
         "associated with an instance that is stopped",
         lambda a, ctx: a.association_id is not None and a.instance_state == "stopped",
         "730 h × public IPv4 hourly price", _address_hours,
         "Elastic IP {public_ip} is held by {instance_id}, which is stopped",
         "aws ec2 disassociate-address --region {region} --public-ip {public_ip} && " + _RELEASE,
         ActionKind.DELETE),
)

PARTS = (RuleFamily[Address]("eip", "regional", lambda inventory: inventory.addresses(), _facts, RULES),)
