"""Each function's IAM role allows the AWS calls its code makes, and nothing its code never makes.

The calls are read statically from the code (tests/contract/code_scan.py says how, and its limits).
"""

from __future__ import annotations

import json
from fnmatch import fnmatchcase

import pytest

from analysis.statemachine import example_values, render
from tests.contract import stack
from tests.contract.code_scan import IMPLIED_ACTIONS, NO_PERMISSION_NEEDED, AwsCall, aws_calls, import_closure

FUNCTIONS = sorted(stack.functions())
# Calls the static closure finds but the deployed function never makes, each with the reason.
_LOCAL_PIPELINE_ONLY = ("FINOPS_PIPELINE=stepfunctions in Lambda: analysis.bootstrap builds the Cost Explorer "
                        "source only for the local pipeline; the worker makes these calls")
_SCHEDULES_BY_THE_BOT = ("the digest function runs digests; the bot manages schedules (FINOPS_DIGEST_FUNCTION_ARN "
                         "is unset on the digest function, so build_scheduler gives the local stand-in)")
_REPLAY_FROM_THE_CLI = "replay runs from `finops digest replay` with the operator's credentials, not in Lambda"
_IN_THE_WORKER = {action: _LOCAL_PIPELINE_ONLY for action in (
    "ce:GetCostAndUsage", "organizations:ListAccounts", "organizations:ListAccountsForParent",
    "organizations:ListOrganizationalUnitsForParent", "organizations:ListRoots")}
_ORGANIZATIONS_IN_THE_WORKER = {action: reason for action, reason in _IN_THE_WORKER.items()
                                if action.startswith("organizations:")}
_ANSWERS_NOTHING_NEW = ("the notifier posts a report the pipeline finished; bot.bootstrap builds the same analysis "
                        "service as the bot, but the notifier never starts or runs an analysis")
_PLANS_AND_MERGES = ("the pipeline's shared bootstrap builds the Cost Explorer source for all three handlers; "
                     "only the worker runs a batch, so only the worker calls it")
_WORKER_ONLY = {action: _PLANS_AND_MERGES for action in _IN_THE_WORKER}
_INVENTORIES = stack.document_actions("inventories")  # describe-only inventories, optimizers, the member role
_CHECKS_IN_THE_WORKER = ("waste check batches run in the worker; the shared pipeline bootstrap builds the "
                         "inventories for every handler, and only the mapper reads regions (to plan)")
_CHECKS_NOT_HERE = ("FINOPS_PIPELINE=stepfunctions: waste checks run in the worker; the local pipeline that "
                    "would run them here is only built for FINOPS_PIPELINE=local")
NOT_MADE_IN_LAMBDA: dict[str, dict[str, str]] = {
    "bot": _ORGANIZATIONS_IN_THE_WORKER,  # the forecast's actuals do call GetCostAndUsage from the bot
    "notifier": {action: _ANSWERS_NOTHING_NEW for action in (  # its summary's forecast calls GetCostAndUsage
        *_ORGANIZATIONS_IN_THE_WORKER, *_INVENTORIES, "states:StartExecution", "states:DescribeExecution")},
    "mapper": _WORKER_ONLY | {action: _CHECKS_IN_THE_WORKER for action in _INVENTORIES
                              if action not in {"ec2:DescribeRegions", "sts:AssumeRole"}},
    "aggregator": _WORKER_ONLY | {action: _CHECKS_IN_THE_WORKER for action in _INVENTORIES},
    "digest": {
        **_ORGANIZATIONS_IN_THE_WORKER,  # its summary's forecast calls GetCostAndUsage
        **{action: _CHECKS_NOT_HERE for action in _INVENTORIES},
        "scheduler:CreateSchedule": _SCHEDULES_BY_THE_BOT,
        "scheduler:UpdateSchedule": _SCHEDULES_BY_THE_BOT,
        "scheduler:DeleteSchedule": _SCHEDULES_BY_THE_BOT,
        "sqs:ReceiveMessage": _REPLAY_FROM_THE_CLI,
        "sqs:DeleteMessage": _REPLAY_FROM_THE_CLI,
    },
}
# Granted without a Python call: used by the Lambda service or the runtime on the function's behalf.
USED_BY_THE_PLATFORM = {
    "logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
    "sqs:SendMessage", "kms:Decrypt", "kms:GenerateDataKey",
}


def required(key: str) -> dict[str, set[AwsCall]]:
    by_action: dict[str, set[AwsCall]] = {}
    for call in aws_calls(import_closure(stack.functions()[key].handler)):
        if call.iam_action not in NO_PERMISSION_NEEDED and call.iam_action not in NOT_MADE_IN_LAMBDA.get(key, {}):
            by_action.setdefault(call.iam_action, set()).add(call)
            for implied in IMPLIED_ACTIONS.get(call.iam_action, ()):
                by_action.setdefault(implied, set()).add(call)
    return by_action


def granted(key: str) -> set[str]:
    return {action for statement in stack.policy_statements(key) for action in statement.actions}


def allows(patterns: set[str], action: str) -> bool:
    return any(fnmatchcase(action.lower(), pattern.lower()) for pattern in patterns)


@pytest.mark.parametrize("key", FUNCTIONS)
def test_the_role_allows_every_aws_call_the_code_makes(key: str) -> None:
    missing = {action: sorted({call.module for call in calls}) for action, calls in required(key).items()
               if not allows(granted(key), action)}
    assert not missing, f"{key}'s role lacks {missing} (action: modules calling it); add them to terraform/iam.tf"


@pytest.mark.parametrize("key", FUNCTIONS)
def test_the_role_allows_nothing_the_code_never_calls(key: str) -> None:
    needed = set(required(key)) | USED_BY_THE_PLATFORM
    unused = {action for action in granted(key) - USED_BY_THE_PLATFORM
              if not any(fnmatchcase(call.lower(), action.lower()) for call in needed)}
    assert not unused, f"{key}'s role allows {sorted(unused)}, which no code of it calls: least privilege"


def test_exemptions_are_still_needed() -> None:
    for key, exempt in NOT_MADE_IN_LAMBDA.items():
        seen = {call.iam_action for call in aws_calls(import_closure(stack.functions()[key].handler))}
        seen |= {implied for action in seen for implied in IMPLIED_ACTIONS.get(action, ())}
        assert set(exempt) <= seen, f"stale exemptions for {key}: {sorted(set(exempt) - seen)}"


def test_the_state_machine_role_allows_every_integration_its_definition_uses() -> None:
    document = json.loads(render(example_values()))
    needed = set()
    for _, state in stack.asl_tasks(document):
        resource = state["Resource"]
        if resource.startswith("arn:aws:states:::"):
            service, action = resource.removeprefix("arn:aws:states:::").split(".")[0].split(":")[:2]
            needed.add(f"{service}:{action[0].upper()}{action[1:]}")
        else:
            needed.add("lambda:InvokeFunction")
    for state in _all_states(document):
        for part in ("ItemReader", "ResultWriter"):
            if part in state:
                service, action = state[part]["Resource"].removeprefix("arn:aws:states:::").split(":")[:2]
                needed.add(f"{service}:{action[0].upper()}{action[1:]}")
        if state.get("ItemProcessor", {}).get("ProcessorConfig", {}).get("Mode") == "DISTRIBUTED":
            needed |= {"states:StartExecution", "states:DescribeExecution", "states:StopExecution"}
    allowed = {action for statement in stack.pipeline_role_statements() for action in statement.actions}
    assert {action for action in needed if not allows(allowed, action)} == set()


def _all_states(document: dict) -> list[dict]:
    states = []
    for state in document.get("States", {}).values():
        states.append(state)
        for nested in (state.get("ItemProcessor"), state.get("Iterator"), *state.get("Branches", [])):
            if nested:
                states.extend(_all_states(nested))
    return states


MEMBER_ACCOUNT_MODULES = ("analysis.sources.inventory", "analysis.sources.compute_optimizer",
                          "analysis.sources.cost_optimization_hub")


def test_the_member_account_role_allows_exactly_the_inventory_calls_the_worker_makes_there() -> None:
    calls = aws_calls(import_closure(stack.functions()["worker"].handler))
    in_member_accounts = {call.iam_action for call in calls if call.module.startswith(MEMBER_ACCOUNT_MODULES)}
    in_member_accounts -= {"sts:AssumeRole", *NO_PERMISSION_NEEDED}  # made from the stack's account
    allowed = stack.member_role_actions()
    assert in_member_accounts - allowed == set(), "terraform/member-account/main.tf lacks these"
    assert allowed - in_member_accounts == set(), "terraform/member-account/main.tf allows calls no code makes"
