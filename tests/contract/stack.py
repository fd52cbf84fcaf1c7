"""Reads what Terraform deploys (terraform/*.tf through python-hcl2), without terraform or AWS.

Only the parts the contract tests compare with the code: the functions table, the environment layers,
the IAM policy documents per function and the state machine's template variables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import hcl2

ROOT = Path(__file__).resolve().parents[2]
TERRAFORM = ROOT / "terraform"
ASL = ROOT / "analysis" / "statemachine" / "pipeline.asl.json"
_REFERENCE = re.compile(r"\$\{([^{}]*)\}")
EXAMPLE_DATA = {  # what the data sources would read, as in terraform/tests/stack.tftest.hcl
    "data.aws_caller_identity.current.account_id": "123456789012",
    "data.aws_region.current.name": "us-east-1",
    "data.aws_partition.current.partition": "aws",
}
_DOC = re.compile(r"^\$\{data\.aws_iam_policy_document\.([a-z_]+)(?:\[[^\]]+\])?\.json\}$")


@dataclass(frozen=True)
class Function:
    key: str
    handler: str
    memory_mb: int
    timeout_s: int
    charts: bool

    @property
    def module(self) -> str:
        return self.handler.rsplit(".", 1)[0]

    @property
    def attribute(self) -> str:
        return self.handler.rsplit(".", 1)[1]


@dataclass(frozen=True)
class Statement:
    sid: str
    actions: tuple[str, ...]
    conditional: bool  # a dynamic statement: present only when its feature is enabled


@cache
def configuration() -> dict[str, list[Any]]:
    """Every top-level block of every terraform/*.tf file, merged by block type."""
    merged: dict[str, list[Any]] = {}
    for path in sorted(TERRAFORM.glob("*.tf")):
        with path.open() as handle:
            for kind, blocks in hcl2.load(handle).items():
                merged.setdefault(kind, []).extend(blocks)
    return merged


def member_role_actions() -> set[str]:
    """What terraform/member-account's read-only role allows."""
    with (TERRAFORM / "member-account" / "main.tf").open() as handle:
        data = hcl2.load(handle)["data"]
    document = next(body["read_only"] for block in data for kind, body in block.items()
                    if kind == "aws_iam_policy_document" and "read_only" in body)
    return {action for statement in document["statement"] for action in statement["actions"]}


def locals_() -> dict[str, Any]:
    return {name: value for block in configuration().get("locals", []) for name, value in block.items()}


def variable_defaults() -> dict[str, Any]:
    return {name: body.get("default") for block in configuration().get("variable", []) for name, body in block.items()}


def functions() -> dict[str, Function]:
    return {key: Function(key, spec["handler"], spec["memory_mb"], spec["timeout_s"], spec["charts"])
            for key, spec in locals_()["functions"].items()}


def environment_keys(function: str) -> set[str]:
    layers = locals_()["environment_layers"]
    return {name for layer in locals_()["function_environment_layers"][function] for name in layers[layer]}


def environment(function: str, overrides: dict[str, Any] | None = None) -> dict[str, str]:
    """The variables with values as deployed under the variables' defaults (plus `overrides`); a variable
    whose value is null is left unset, as Terraform's filter does. Resource attributes become examples."""
    defaults = {**variable_defaults(), **(overrides or {})}
    layers = locals_()["environment_layers"]
    values: dict[str, str] = {}
    for layer in locals_()["function_environment_layers"][function]:
        for name, expression in layers[layer].items():
            value = _evaluate(expression, defaults)
            if value is not None:
                values[name] = str(value)
    return values


def policy_statements(function: str) -> list[Statement]:
    """The statements of the function's role: its common policy and its access policy, with sources."""
    access = _DOC.match(locals_()["access_policies"][function])
    assert access, f"access_policies[{function!r}] must be a data.aws_iam_policy_document reference"
    return [*_document_statements("common"), *_document_statements(access.group(1))]


def document_actions(name: str) -> set[str]:
    """Every action a policy document (and its sources) allows."""
    return {action for statement in _document_statements(name) for action in statement.actions}


def pipeline_role_statements() -> list[Statement]:
    return _document_statements("pipeline")


def state_machine_template_variables() -> set[str]:
    for block in configuration()["resource"]:
        machine = block.get("aws_sfn_state_machine", {}).get("pipeline")
        if machine:
            match = re.search(r"templatefile\([^,]+,\s*\{(.*)\}\)", machine["definition"], re.S)
            assert match, "the state machine definition must be a templatefile(...) call"
            return set(re.findall(r"['\"]?([a-z_]+)['\"]?\s*[:=]", match.group(1)))
    raise AssertionError("no aws_sfn_state_machine.pipeline in terraform/")


def _documents() -> dict[str, dict[str, Any]]:
    return {name: body for block in configuration().get("data", [])
            for name, body in block.get("aws_iam_policy_document", {}).items()}


def _document_statements(name: str) -> list[Statement]:
    body = _documents()[name]
    statements = [Statement(item.get("sid", ""), tuple(item["actions"]), False)
                  for item in body.get("statement", [])]
    for dynamic in body.get("dynamic", []):
        for content in dynamic.get("statement", {}).get("content", []):
            statements.append(Statement(content.get("sid", ""), tuple(content["actions"]), True))
    for source in body.get("source_policy_documents", []):
        reference = _DOC.match(source)
        assert reference, f"unexpected policy source {source!r} in {name}"
        statements.extend(_document_statements(reference.group(1)))
    return statements


def _evaluate(expression: Any, variables: dict[str, Any]) -> Any:
    """Enough of Terraform's expressions for environment values: literals, var.X, tostring(var.X),
    `cond ? var.X : null` on a var equality, and string templates (other references → example text)."""
    if not isinstance(expression, str):
        return expression
    whole = re.fullmatch(r"\$\{(.*)\}", expression, re.S)
    if whole and not _REFERENCE.search(whole.group(1)):
        return _evaluate_expression(whole.group(1).strip(), variables)
    return _REFERENCE.sub(lambda match: str(_evaluate_expression(match.group(1).strip(), variables)), expression)


def _evaluate_expression(text: str, variables: dict[str, Any]) -> Any:
    if match := re.fullmatch(r"var\.(\w+)", text):
        return variables[match.group(1)]
    if match := re.fullmatch(r"tostring\(var\.(\w+)\)", text):
        value = variables[match.group(1)]
        return _format_number(value)
    if match := re.fullmatch(r"\(?var\.(\w+) == \"([^\"]*)\" \? (.+) : (?:null|None)\)?", text):
        return _evaluate_expression(match.group(3), variables) if variables[match.group(1)] == match.group(2) else None
    if match := re.fullmatch(r"local\.(\w+)", text):
        return _evaluate(locals_()[match.group(1)], variables)
    if text in EXAMPLE_DATA:
        return EXAMPLE_DATA[text]
    return f"example-{re.sub(r'[^a-z0-9]+', '-', text.lower()).strip('-')}"


def _format_number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def asl_tasks(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(name, state) for every Task state, nested Map and Parallel branches included."""
    for name, state in document.get("States", {}).items():
        if state.get("Type") == "Task":
            yield name, state
        for nested in (state.get("ItemProcessor"), state.get("Iterator"), *state.get("Branches", [])):
            if nested:
                yield from asl_tasks(nested)
