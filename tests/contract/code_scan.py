"""The AWS calls a Lambda entry point's code can make, and the IAM action each needs (reachability: reach.py).

Every string literal passed to a call whose name contains "client" (`boto3.client("s3")`,
`session.client(...)`, `_client("bedrock-runtime", ...)`) that is a botocore service name gives a service, and
so does a `mypy_boto3_<service>` type import (a client injected by type). Every attribute access
(`client.get_object`) and string literal (`get_paginator("list_objects_v2")`, `getattr(client,
"list_accounts")`) in reached code of a module that names the service, that is one of its operations in
snake_case, is a call. In other modules (an adapter given a client made in a bootstrap), only attributes of
something that looks like a client count (`self.client.converse_stream`, `cloudwatch.get_paginator(...)`),
so that `store.list_subscriptions` in the digests is not Q Business's ListSubscriptions. An IAM action
written in the code (`call_aws(..., permission="ce:GetCostForecast")`) counts as that call too. botocore's
service model gives the operation name and its signing name the IAM prefix; IAM_ACTION_OVERRIDES holds
operations whose IAM action is named differently (S3 listings, Bedrock's Converse).

Limits, stated: a service or operation named only through computed strings is not seen; third-party
libraries' own AWS calls are not scanned (KNOWN_LIBRARY_CALLS lists the one we rely on: Bolt's lazy
listeners re-invoke the function); an operation name that happens to equal an unrelated attribute of a
client-like object counts (an over-approximation, which the least-privilege test would then ask to grant or
exempt with a reason).

    python -m tests.contract.code_scan bot.handler.slack_handler   # the calls, by IAM action
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import botocore.session
from botocore import xform_name

from tests.contract.reach import (
    MODULE_CODE,
    Closure,
    call_name,
    definitions,
    import_closure,
    parse,
    runtime_nodes_of,
    unit_nodes,
)

__all__ = ["IMPLIED_ACTIONS", "NO_PERMISSION_NEEDED", "AwsCall", "aws_calls", "iam_prefix", "import_closure"]

IAM_PREFIX_OVERRIDES = {"cloudwatch": "cloudwatch"}  # signs as "monitoring"


IAM_ACTION_OVERRIDES = {
    ("s3", "ListObjectsV2"): "s3:ListBucket",
    ("s3", "ListObjects"): "s3:ListBucket",
    ("s3", "HeadObject"): "s3:GetObject",
    ("s3", "HeadBucket"): "s3:ListBucket",
    ("s3", "ListBuckets"): "s3:ListAllMyBuckets",
    ("s3", "GetBucketLifecycleConfiguration"): "s3:GetLifecycleConfiguration",
    ("s3", "PutBucketLifecycleConfiguration"): "s3:PutLifecycleConfiguration",
    ("bedrock-runtime", "ConverseStream"): "bedrock:InvokeModelWithResponseStream",
    ("bedrock-runtime", "Converse"): "bedrock:InvokeModel",
    ("lambda", "Invoke"): "lambda:InvokeFunction",
}


NO_PERMISSION_NEEDED = {"sts:GetCallerIdentity"}


# Permissions a call needs besides its own action: a schedule names a role, which the caller must pass.
IMPLIED_ACTIONS = {
    "scheduler:CreateSchedule": ("iam:PassRole",),
    "scheduler:UpdateSchedule": ("iam:PassRole",),
}


# AWS calls made inside libraries we import (module prefix → (service, operation)).
KNOWN_LIBRARY_CALLS = {
    "slack_bolt.adapter.aws_lambda": [("lambda", "Invoke")],  # lazy listeners re-invoke the function
}


@dataclass(frozen=True)
class AwsCall:
    service: str
    operation: str
    module: str

    @property
    def iam_action(self) -> str:
        override = IAM_ACTION_OVERRIDES.get((self.service, self.operation))
        return override or f"{iam_prefix(self.service)}:{self.operation}"


def aws_calls(closure: Closure) -> set[AwsCall]:
    """Operations called in reached code: of the services its own module names, any attribute or string
    that is one; of the services named elsewhere in the closure (a client made in a bootstrap, used in an
    adapter), only attributes of something that looks like a client (`self.client.converse_stream`,
    `cloudwatch.get_paginator("get_metric_data")`). A word that is an operation of the module's own
    services is attributed to those only; one that several services share, to the service the module is
    named after when there is one."""
    everywhere = {service for module in closure.modules for service in _module_services(module)}
    calls = set()
    for module, name in closure.units:
        own = _module_services(module)
        words, client_words = _words(module, name, frozenset(everywhere))
        for word in words | client_words:
            owners = [service for service in own if word in _operations(service)]
            if not owners and word in client_words:
                owners = [service for service in everywhere if word in _operations(service)]
                named = [service for service in owners if service.replace("-", "_") in module]
                owners = named or owners  # compute_optimizer's list_recommendations is not Redshift's
            calls.update(AwsCall(service, _operations(service)[word], module) for service in owners)
        for word in _permission_strings(module, name):  # call_aws(..., permission="ce:GetCostForecast")
            prefix, operation = word.split(":")
            calls.update(AwsCall(service, operation, module) for service in _services_signing_as(prefix)
                         if operation in _operations(service).values())
    for prefix, library_calls in KNOWN_LIBRARY_CALLS.items():
        if any(name == prefix or name.startswith(prefix + ".") for name in closure.third_party):
            calls.update(AwsCall(service, operation, prefix) for service, operation in library_calls)
    return calls


_PERMISSION = re.compile(r"^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$")


def _permission_strings(module: str, name: str) -> set[str]:
    return {node.value for unit_node in unit_nodes(module, name) for node in runtime_nodes_of(unit_node)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _PERMISSION.match(node.value)}


# IAM prefixes whose boto3 service has another name (the rest are the same name).
SERVICES_BY_IAM_PREFIX = {
    "states": ("stepfunctions",), "ses": ("sesv2", "ses"), "bedrock": ("bedrock-runtime", "bedrock"),
    "elasticloadbalancing": ("elbv2", "elb"), "elasticmapreduce": ("emr",), "cloudwatch": ("cloudwatch",),
}


def _services_signing_as(prefix: str) -> tuple[str, ...]:
    if prefix in SERVICES_BY_IAM_PREFIX:
        return SERVICES_BY_IAM_PREFIX[prefix]
    return (prefix,) if prefix in _known_services() else ()


@cache
def _module_services(module: str) -> frozenset[str]:
    named = {service for name in [MODULE_CODE, *definitions(module)] for service in _services_named(module, name)}
    return frozenset(named | set(_typed_services(module)))


def iam_prefix(service: str) -> str:
    if service in IAM_PREFIX_OVERRIDES:
        return IAM_PREFIX_OVERRIDES[service]
    return str(_botocore().get_service_model(service).signing_name)


@cache
def _botocore() -> botocore.session.Session:
    return botocore.session.get_session()


@cache
def _known_services() -> frozenset[str]:
    return frozenset(_botocore().get_available_services())


@cache
def _operations(service: str) -> dict[str, str]:
    """snake_case method name → operation name."""
    model = _botocore().get_service_model(service)
    return {xform_name(operation): operation for operation in model.operation_names}


def _services_named(module: str, name: str) -> Iterator[str]:
    for unit_node in unit_nodes(module, name):
        for node in ast.walk(unit_node):
            if isinstance(node, ast.Call) and "client" in call_name(node).lower():
                for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                    if isinstance(argument, ast.Constant) and argument.value in _known_services():
                        yield argument.value


def _typed_services(module: str) -> Iterator[str]:
    """`from mypy_boto3_ce import CostExplorerClient`: the module works with an injected client."""
    for node in ast.walk(parse(module)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mypy_boto3_"):
            service = (node.module or "").removeprefix("mypy_boto3_").split(".")[0].replace("_", "-")
            if service in _known_services():
                yield service


def _words(module: str, name: str, services: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """Attribute names and string literals of a unit's runtime code (`__all__` lists names, not calls);
    and the attributes taken of a client-like receiver, with the strings passed to them."""
    words: set[str] = set()
    client_words: set[str] = set()
    for unit_node in unit_nodes(module, name):
        if isinstance(unit_node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in unit_node.targets):
            continue
        for node in runtime_nodes_of(unit_node):
            if isinstance(node, ast.Attribute):
                words.add(node.attr)
                if _client_like(node.value, services):
                    client_words.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                words.add(node.value)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and _client_like(node.func.value, services):
                client_words |= {arg.value for arg in node.args if isinstance(arg, ast.Constant)
                                 and isinstance(arg.value, str)}
    return words, client_words


def _client_like(receiver: ast.expr, services: frozenset[str]) -> bool:
    """`client`, `self._client`, `clients("ec2")`, or a variable named after a service (`cloudwatch`)."""
    text = ast.unparse(receiver).lower()
    last = text.rsplit(".", 1)[-1].strip("_")
    return "client" in text or last in services or last.replace("_", "-") in services


if __name__ == "__main__":  # python -m tests.contract.code_scan bot.handler.slack_handler
    found = import_closure(sys.argv[1])
    for call in sorted(aws_calls(found), key=lambda c: (c.iam_action, c.module)):
        print(f"{call.iam_action:50} {call.module}")
