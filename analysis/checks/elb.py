"""Load balancers without listeners, without targets, or without requests."""

from __future__ import annotations

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import LoadBalancer
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day
from analysis.domain.findings import ActionKind

LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer"


def _balancer_hours(lb: LoadBalancer, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(HOURS_PER_MONTH * price("elb", lb.lb_type),
                 assumption="hourly charge only; capacity units (LCU) come on top")


def _idle(lb: LoadBalancer, ctx: CheckContext) -> bool:
    return lb.listeners > 0 and lb.targets > 0 and ctx.older_than_window(lb.created) and not lb.requests


def _facts(lb: LoadBalancer, ctx: CheckContext) -> dict[str, str]:
    delete = (f"aws elb delete-load-balancer --region {ctx.region} --load-balancer-name {lb.name}"
              if lb.lb_type == "classic" else
              f"aws elbv2 delete-load-balancer --region {ctx.region} --load-balancer-arn {lb.arn}")
    return {"id": lb.name, "lb_type": lb.lb_type, "created": iso_day(lb.created), "listeners": str(lb.listeners),
            "targets": str(lb.targets), "window_days": str(ctx.thresholds.window_days), "delete": delete}


_DELETE = "{delete}"

RULES: tuple[Rule[LoadBalancer], ...] = (
    Rule("elb-no-listeners", "Load balancer without listeners", LOAD_BALANCER,
         "has no listener, so it cannot receive traffic",
         lambda lb, ctx: lb.listeners == 0,
         "730 h × load balancer hourly price", _balancer_hours,
         "{lb_type} load balancer created {created} has no listener",
         _DELETE, ActionKind.DELETE),
    Rule("elb-no-targets", "Load balancer without targets", LOAD_BALANCER,
         "has listeners but no registered target or instance",
         lambda lb, ctx: lb.listeners > 0 and lb.targets == 0,
         "730 h × load balancer hourly price", _balancer_hours,
         "{lb_type} load balancer has {listeners} listener(s) and nothing behind them",
         _DELETE, ActionKind.DELETE),
    Rule("elb-idle", "Idle load balancer", LOAD_BALANCER,
         "existed for the whole window and served no request (NLB: no new flow)",
         _idle,
         "730 h × load balancer hourly price", _balancer_hours,
         "{lb_type} load balancer served no request in {window_days} days",
         _DELETE, ActionKind.DELETE),
)

PARTS = (RuleFamily[LoadBalancer]("elb", "regional", lambda inventory: inventory.load_balancers(), _facts, RULES),)
