"""Renders the pipeline ASL the way Terraform's templatefile does, with example ARNs, for offline checks.

    python -m tools.render_asl [ASL] > rendered.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASL = ROOT / "analysis" / "statemachine" / "pipeline.asl.json"
PLACEHOLDER = re.compile(r"(?<!\$)\$\{([a-z_]+)\}")
_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:finops-{}"
EXAMPLE_VALUES = {
    "mapper_arn": _FUNCTION.format("mapper"),
    "worker_arn": _FUNCTION.format("worker"),
    "aggregator_arn": _FUNCTION.format("aggregator"),
    "notifier_arn": _FUNCTION.format("notifier"),
    "dlq_url": "https://sqs.us-east-1.amazonaws.com/123456789012/finops-dlq",
}


class UnknownPlaceholderError(KeyError):
    """The ASL uses a `${name}` that Terraform does not pass to templatefile."""


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def render(text: str, values: dict[str, str] = EXAMPLE_VALUES) -> str:
    unknown = placeholders(text) - set(values)
    if unknown:
        raise UnknownPlaceholderError(f"ASL placeholders Terraform does not fill: {sorted(unknown)}")
    rendered = PLACEHOLDER.sub(lambda match: values[match.group(1)], text)
    return rendered.replace("$${", "${")  # templatefile's escape for a literal ${


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ASL
    document = json.loads(render(path.read_text()))
    print(json.dumps(document, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
