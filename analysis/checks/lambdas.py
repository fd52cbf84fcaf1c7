"""Lambda functions with more memory or a longer timeout than they need, or still on x86."""

from __future__ import annotations

from decimal import Decimal

from analysis.checks.prices import Quoter
from analysis.checks.resources import Function
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily
from analysis.domain.findings import ActionKind

FUNCTION = "AWS::Lambda::Function"
MIN_MEMORY_MB = 128


def monthly_compute(fn: Function, price: Quoter, ctx: CheckContext, memory_mb: int | None = None,
                    architecture: str | None = None) -> Decimal:
    """GB-seconds over the window scaled to a month × the GB-second price (requests are unchanged)."""
    seconds = Decimal(fn.invocations or 0) * Decimal(str(fn.avg_duration_ms or 0)) / 1000
    gb = Decimal(memory_mb or fn.memory_mb) / 1024
    return seconds * gb * ctx.months_per_window * price("lambda", f"gb-second.{architecture or fn.architecture}")


def _half_memory(fn: Function) -> int:
    return max(fn.memory_mb // 2, MIN_MEMORY_MB)


def _smaller(fn: Function, price: Quoter, ctx: CheckContext) -> Quote:
    target = _half_memory(fn)
    saving = monthly_compute(fn, price, ctx) - monthly_compute(fn, price, ctx, memory_mb=target)
    return Quote(saving, {"target_mb": str(target)},
                 "assumes the duration stays the same at half the memory (I/O-bound); confirm with Compute "
                 "Optimizer or Lambda Power Tuning")


def _on_arm(fn: Function, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(monthly_compute(fn, price, ctx) - monthly_compute(fn, price, ctx, architecture="arm64"),
                 assumption="assumes the same duration on arm64")


def _hung_invocation(fn: Function, price: Quoter, ctx: CheckContext) -> Quote:
    worst = Decimal(fn.timeout_s) * Decimal(fn.memory_mb) / 1024 * price("lambda", f"gb-second.{fn.architecture}")
    return Quote(Decimal(0), {"hung_cost": f"{worst:.4f}"},
                 "no monthly saving is claimed: a shorter timeout caps what each hung invocation bills")


def _timeout_excessive(fn: Function, ctx: CheckContext) -> bool:
    if fn.timeout_s < ctx.thresholds.lambda_timeout_s:
        return False
    return fn.max_duration_ms is None or fn.max_duration_ms * 10 < fn.timeout_s * 1000


def _facts(fn: Function, ctx: CheckContext) -> dict[str, str]:
    return {"id": fn.name, "memory_mb": str(fn.memory_mb), "timeout_s": str(fn.timeout_s),
            "runtime": fn.runtime, "invocations": str(fn.invocations or 0),
            "avg_ms": f"{fn.avg_duration_ms or 0:.0f}", "max_ms": f"{fn.max_duration_ms or 0:.0f}",
            "suggested_timeout_s": str(max(3, int((fn.max_duration_ms or 0) * 3 / 1000) + 1)),
            "window_days": str(ctx.thresholds.window_days)}


_UPDATE = "aws lambda update-function-configuration --region {region} --function-name {id}"

RULES: tuple[Rule[Function], ...] = (
    Rule("lambda-memory-oversized", "Lambda function with excessive memory", FUNCTION,
         "1,536 MB or more and invoked in the window",
         lambda fn, ctx: fn.memory_mb >= ctx.thresholds.lambda_memory_mb and bool(fn.invocations),
         "monthly GB-seconds × price × ½ (half the memory, same duration)", _smaller,
         "{memory_mb} MB for {avg_ms} ms on average over {invocations} invocations in {window_days} days",
         _UPDATE + " --memory-size {target_mb}", ActionKind.RIGHTSIZE),
    Rule("lambda-timeout-excessive", "Lambda function with an excessive timeout", FUNCTION,
         "timeout of 300 s or more and over 10× the longest run in the window",
         _timeout_excessive,
         "none claimed; the finding shows what one hung invocation can bill", _hung_invocation,
         "timeout {timeout_s} s while the longest run took {max_ms} ms; a hung call bills up to US$ {hung_cost}",
         _UPDATE + " --timeout {suggested_timeout_s}", ActionKind.CONFIGURE),
    Rule("lambda-arm64", "Lambda function that could run on Graviton (arm64)", FUNCTION,
         "x86_64 and invoked in the window",
         lambda fn, ctx: fn.architecture == "x86_64" and bool(fn.invocations),
         "monthly GB-seconds × (x86 price − arm64 price)", _on_arm,
         "{runtime} on x86_64: arm64 bills 20% less per GB-second",
         "rebuild native dependencies for arm64, then: aws lambda update-function-code --region {region} "
         "--function-name {id} --architectures arm64 --zip-file fileb://function.zip",
         ActionKind.MIGRATE_TO_GRAVITON),
)

PARTS = (RuleFamily[Function]("lambda", "regional", lambda inventory: inventory.functions(), _facts, RULES),)
