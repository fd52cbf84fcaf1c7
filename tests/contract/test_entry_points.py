"""Terraform, the ASL and the code agree on the entry points (DESIGN §3)."""

from __future__ import annotations

import importlib
import inspect
import json
import re

import pytest

from analysis.statemachine import PLACEHOLDERS, example_values, render, template
from tests.contract import stack
from tools.package_lambda import ROOT, package_files

FUNCTIONS = sorted(stack.functions())
PIPELINE_TASKS = {"mapper_arn": "mapper", "worker_arn": "worker", "aggregator_arn": "aggregator",
                  "notifier_arn": "notifier"}


@pytest.mark.parametrize("key", FUNCTIONS)
def test_every_deployed_handler_exists_and_takes_event_and_context(
    key: str, clean_environment: pytest.MonkeyPatch
) -> None:
    function = stack.functions()[key]
    for name, value in stack.environment(key).items():
        clean_environment.setenv(name, value)
    try:
        module = importlib.import_module(function.module)
    except ModuleNotFoundError as exc:
        pytest.fail(f"terraform deploys {key} with handler {function.handler}, but {exc}")
    handler = getattr(module, function.attribute, None)
    assert handler is not None, f"{function.module} has no {function.attribute} (terraform: {function.handler})"
    assert callable(handler), f"{function.handler} is not callable"
    inspect.signature(handler).bind({"event": "from Lambda"}, object())  # Lambda calls handler(event, context)


@pytest.mark.parametrize("key", FUNCTIONS)
def test_every_handler_module_is_inside_the_code_zip(key: str) -> None:
    names = {name for name, _ in package_files(ROOT)}
    module = stack.functions()[key].module.replace(".", "/")
    assert {f"{module}.py", f"{module}/__init__.py"} & names, f"{module} would be missing from lambda-code.zip"


def test_terraform_fills_exactly_the_placeholders_the_asl_uses() -> None:
    assert stack.ASL.is_file(), f"{stack.ASL.relative_to(ROOT)} is missing: terraform builds the state machine from it"
    used = set(re.findall(r"(?<!\$)\$\{([a-z_]+)\}", template()))
    assert used == set(PLACEHOLDERS) == stack.state_machine_template_variables()


def test_every_task_in_the_asl_runs_a_deployed_function_or_a_service_integration() -> None:
    values = example_values()
    document = json.loads(render(values))
    arn_to_function = {values[placeholder]: key for placeholder, key in PIPELINE_TASKS.items()}
    deployed = set(stack.functions())
    lambda_tasks = []
    for name, state in stack.asl_tasks(document):
        resource = state["Resource"]
        if resource.startswith("arn:aws:states:::"):
            assert not resource.startswith("arn:aws:states:::lambda:invoke"), f"{name}: use the function ARN"
            continue
        assert resource in arn_to_function, f"Task {name} runs {resource}, which terraform does not deploy"
        assert arn_to_function[resource] in deployed
        lambda_tasks.append(arn_to_function[resource])
    assert set(lambda_tasks) == set(PIPELINE_TASKS.values()), "each pipeline function is a Task of the ASL"
