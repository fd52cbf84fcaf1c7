"""The state machine definition (ASL, JSONPath) with `${…}` placeholders that Terraform's `templatefile`
fills: `${mapper_arn}`, `${worker_arn}`, `${aggregator_arn}`, `${notifier_arn}`, `${dlq_url}`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources

PLACEHOLDERS = ("mapper_arn", "worker_arn", "aggregator_arn", "notifier_arn", "dlq_url")
_PLACEHOLDER = re.compile(r"\$\{([a-z_]+)\}")


class DefinitionError(ValueError):
    """A placeholder was left unfilled or is not one Terraform passes."""


def template() -> str:
    return resources.files(__name__).joinpath("pipeline.asl.json").read_text(encoding="utf-8")


def render(values: Mapping[str, str]) -> str:
    """The definition with every placeholder filled, as `templatefile` does (JSON-escaped values)."""
    unknown = sorted(set(values) - set(PLACEHOLDERS))
    missing = sorted(set(PLACEHOLDERS) - set(values))
    if unknown or missing:
        raise DefinitionError(f"placeholders: missing {missing}, unknown {unknown}")
    return _PLACEHOLDER.sub(lambda match: _escape(values[match[1]]), template())


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def example_values(region: str = "us-east-1", account: str = "123456789012") -> dict[str, str]:
    """Well-formed stand-ins for the Terraform values: for validators and local engines."""
    function = f"arn:aws:lambda:{region}:{account}:function:finops-"
    return {
        "mapper_arn": f"{function}mapper", "worker_arn": f"{function}worker",
        "aggregator_arn": f"{function}aggregator", "notifier_arn": f"{function}notifier",
        "dlq_url": f"https://sqs.{region}.amazonaws.com/{account}/finops-pipeline-dlq",
    }
