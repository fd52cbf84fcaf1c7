"""What a Lambda entry point can run, read statically from the source, and the AWS calls in it.

Reachability: from the handler function, follow the names each reached definition refers to (its own
module's functions and classes, and what its imports bring in: lazy imports inside functions included,
`if TYPE_CHECKING:` blocks excluded), plus the import-time code of every module reached; a package that
discovers its modules at run time (`pkgutil.iter_modules(__path__)`, as the Slack listeners do) reaches
every module in it, and a string naming one of our modules (`"bot.usecases.costs:answer_costs"` in a
dispatch table) reaches that function, or everything the module defines. Reaching a class
reaches all its methods (calls on objects are not resolved by type). So `build_state` in a bootstrap is
reached by the pipeline handlers, while `build_step_functions` next to it, which only the bot calls, is not.

AWS calls: every string literal passed to a call whose name contains "client" (`boto3.client("s3")`,
`session.client(...)`, `_client("bedrock-runtime", ...)`) that is a botocore service name gives a service, and
so does a `mypy_boto3_<service>` type import (a client injected by type). Every attribute access
(`client.get_object`) and string literal (`get_paginator("list_objects_v2")`, `getattr(client,
"list_accounts")`) in reached code of a module that names the service, that is one of its operations in
snake_case, is a call. In other modules of the closure (an adapter given a client made in a bootstrap),
only attributes taken of something called a client count (`self.client.converse_stream`), so that
`store.list_subscriptions` in the digests is not Q Business's ListSubscriptions. An IAM action written in
the code (`call_aws(..., permission="ce:GetCostForecast")`) counts as that call too. botocore's service model gives the
operation name and its signing name the IAM prefix; IAM_ACTION_OVERRIDES holds operations whose IAM action
is named differently (S3 listings, Bedrock's Converse).

Limits, stated: a service or operation named only through computed strings is not seen; a method reached
through a function passed as a value from unreached code is not seen; third-party libraries' own AWS calls
are not scanned (KNOWN_LIBRARY_CALLS lists the one we rely on: Bolt's lazy listeners re-invoke the
function); an operation name that happens to equal an unrelated attribute of reached code counts (an
over-approximation, which the least-privilege test would then ask to grant or exempt with a reason).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import botocore.session
from botocore import xform_name

from tests.contract.stack import ROOT

OUR_PACKAGES = ("analysis", "bot", "consultant")
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


@dataclass
class Closure:
    """What an entry point reaches: units are (module, top-level name), "<module>" for import-time code."""

    units: set[tuple[str, str]] = field(default_factory=set)
    third_party: set[str] = field(default_factory=set)

    @property
    def modules(self) -> set[str]:
        return {module for module, _ in self.units}


@dataclass(frozen=True)
class AwsCall:
    service: str
    operation: str
    module: str

    @property
    def iam_action(self) -> str:
        override = IAM_ACTION_OVERRIDES.get((self.service, self.operation))
        return override or f"{iam_prefix(self.service)}:{self.operation}"


MODULE_CODE = "<module>"


def module_file(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def parse(name: str) -> ast.Module:
    path = module_file(name)
    assert path is not None, name
    return ast.parse(path.read_text(), filename=str(path))


@cache
def import_closure(handler: str) -> Closure:
    """Units reachable from `module.function`: names a reached unit refers to (through imports, lazy ones
    included), the import-time code of every module reached, and every method of a class reached.
    Attribute calls on objects are not resolved by type; reaching a class reaches all its methods."""
    module, _, name = handler.rpartition(".")
    if module_file(handler):  # a module given: everything it defines
        module, name = handler, MODULE_CODE
    elif module_file(module) is None:
        raise LookupError(f"{handler}: no module {module} in {ROOT}")
    elif name not in _definitions(module) and name not in _aliases(module):
        raise LookupError(f"{handler}: {module} defines no {name}")
    closure = Closure()
    pending = [(module, name), (module, MODULE_CODE)]
    while pending:
        unit = pending.pop()
        if unit in closure.units or module_file(unit[0]) is None:
            continue
        closure.units.add(unit)
        parts = unit[0].split(".")
        pending.extend((".".join(parts[:i]), MODULE_CODE) for i in range(1, len(parts) + 1))
        for node in _unit_nodes(*unit):
            pending.extend(_references(unit[0], node, closure.third_party))
        if unit[1] == MODULE_CODE and name == MODULE_CODE and unit[0] == module:
            pending.extend((module, defined) for defined in _definitions(module))
    return closure


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
    return {node.value for unit_node in _unit_nodes(module, name) for node in _runtime_nodes_of(unit_node)
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
    named = {service for name in [MODULE_CODE, *_definitions(module)] for service in _services_named(module, name)}
    return frozenset(named | set(_typed_services(module)))


@cache
def _definitions(module: str) -> dict[str, ast.AST]:
    return {node.name: node for node in parse(module).body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}


def _unit_nodes(module: str, name: str) -> list[ast.AST]:
    """The statements of a unit: a definition whole, or the module's import-time code (decorators, bases
    and defaults of its definitions included, their bodies not)."""
    if name != MODULE_CODE:
        node = _definitions(module).get(name)
        return [node] if node is not None else []
    nodes: list[ast.AST] = []
    for statement in parse(module).body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            nodes.extend(statement.decorator_list)
            nodes.extend(getattr(statement, "bases", []))
        else:
            nodes.append(statement)
    return nodes


def _references(module: str, node: ast.AST, third_party: set[str]) -> Iterator[tuple[str, str]]:
    """Units a node refers to: its own module's definitions by name, and what its imports bring in."""
    aliases = _aliases(module)
    for child in _runtime_nodes_of(node):
        if isinstance(child, ast.Import):  # `import analysis.x.y` runs analysis.x.y
            for alias in child.names:
                if alias.name.split(".")[0] in OUR_PACKAGES:
                    yield alias.name, MODULE_CODE
                else:
                    third_party.add(alias.name)
        if isinstance(child, ast.Import | ast.ImportFrom):
            for local, target in _import_targets(module, child).items():
                if target[0].split(".")[0] not in OUR_PACKAGES:
                    third_party.add(".".join(part for part in target if part))
                    continue
                yield from _imported_modules(*target)  # the names themselves count where they are used
                aliases = {**aliases, local: target}
        elif isinstance(child, ast.Call) and _call_name(child) == "iter_modules":
            package = _iterated_package(module, child, aliases)
            if package:
                yield from _discovered(package)  # plugins found at run time (listeners, grammar): all of them
        elif isinstance(child, ast.Constant) and isinstance(child.value, str) and _names_our_module(child.value):
            yield from _named_by_string(child.value)  # "bot.usecases.costs:answer_costs", imported by name
        elif isinstance(child, ast.Name) and child.id in _definitions(module):
            yield module, child.id
        elif isinstance(child, ast.Name) and child.id in aliases:
            yield from _resolve(*aliases[child.id])
        elif isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name) and child.value.id in aliases:
            target = aliases[child.value.id]
            imported = f"{target[0]}.{target[1]}" if target[1] else target[0]
            if imported.split(".")[0] in OUR_PACKAGES and module_file(imported):  # module.attribute
                yield from _resolve(imported, child.attr)


@cache
def _aliases(module: str) -> dict[str, tuple[str, str]]:
    """Top-level imports: local name → (module, attribute) with attribute "" for a module itself."""
    found: dict[str, tuple[str, str]] = {}
    for statement in parse(module).body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            found.update(_import_targets(module, statement))
    return found


def _import_targets(module: str, node: ast.Import | ast.ImportFrom) -> dict[str, tuple[str, str]]:
    if isinstance(node, ast.Import):
        return {(alias.asname or alias.name.split(".")[0]): (alias.name if alias.asname else
                alias.name.split(".")[0], "") for alias in node.names}
    base = node.module or ""
    if node.level:
        package = module if parse_is_package(module) else module.rsplit(".", 1)[0]
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*anchor, base]) if base else ".".join(anchor)
    return {(alias.asname or alias.name): (base, alias.name) for alias in node.names if alias.name != "*"}


_DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+(:[A-Za-z_][A-Za-z0-9_]*)?$")


def _names_our_module(text: str) -> bool:
    dotted = text.partition(":")[0]
    return bool(_DOTTED.match(text)) and dotted.split(".")[0] in OUR_PACKAGES and module_file(dotted) is not None


def _named_by_string(text: str) -> Iterator[tuple[str, str]]:
    """A dotted module path in a string (a dispatch table): the function after ":" or, without one,
    everything the module defines."""
    module, _, function = text.partition(":")
    yield module, MODULE_CODE
    names = [function] if function else list(_definitions(module))
    yield from ((module, name) for name in names if name in _definitions(module))


def _iterated_package(module: str, call: ast.Call, aliases: dict[str, tuple[str, str]]) -> str | None:
    """The package of `pkgutil.iter_modules(__path__)` or `iter_modules(package.__path__)`."""
    argument = call.args[0] if call.args else None
    if isinstance(argument, ast.Name) and argument.id == "__path__" and parse_is_package(module):
        return module
    if isinstance(argument, ast.Attribute) and argument.attr == "__path__" and isinstance(argument.value, ast.Name) \
            and argument.value.id in aliases:
        target = aliases[argument.value.id]
        package = f"{target[0]}.{target[1]}" if target[1] else target[0]
        return package if parse_is_package(package) else None
    return None


def _discovered(package: str) -> Iterator[tuple[str, str]]:
    folder = ROOT.joinpath(*package.split("."))
    for path in sorted(folder.iterdir()):
        name = path.stem if path.suffix == ".py" else path.name
        if name.startswith("__") or not module_file(f"{package}.{name}"):
            continue
        yield f"{package}.{name}", MODULE_CODE
        yield from ((f"{package}.{name}", defined) for defined in _definitions(f"{package}.{name}"))


def parse_is_package(module: str) -> bool:
    path = module_file(module)
    return path is not None and path.name == "__init__.py"


def _imported_modules(module: str, attribute: str) -> Iterator[tuple[str, str]]:
    """What an import statement runs: the module's import-time code (and a submodule's, if one is named)."""
    if module.split(".")[0] not in OUR_PACKAGES:
        return
    yield module, MODULE_CODE
    if attribute and module_file(f"{module}.{attribute}"):
        yield f"{module}.{attribute}", MODULE_CODE


def _resolve(module: str, attribute: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(module, attribute) → units: a submodule, a definition, or a re-export followed to its source."""
    if module.split(".")[0] not in OUR_PACKAGES or depth > 10:
        return
    if not attribute:
        yield module, MODULE_CODE
        return
    if module_file(f"{module}.{attribute}"):
        yield f"{module}.{attribute}", MODULE_CODE
        return
    if module_file(module) is None:
        return
    yield module, MODULE_CODE
    if attribute in _definitions(module):
        yield module, attribute
    elif attribute in _aliases(module):
        yield from _resolve(*_aliases(module)[attribute], depth=depth + 1)


def _runtime_nodes_of(node: ast.AST) -> Iterator[ast.AST]:
    """The node and its descendants, less type-only code."""
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        for child in node.orelse:
            yield from _runtime_nodes_of(child)
        return
    yield node
    yield from _runtime_nodes(node)


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


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (type-only imports never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                yield child
                yield from _runtime_nodes(child)
            continue
        yield node
        yield from _runtime_nodes(node)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _services_named(module: str, name: str) -> Iterator[str]:
    for unit_node in _unit_nodes(module, name):
        for node in ast.walk(unit_node):
            if isinstance(node, ast.Call) and "client" in _call_name(node).lower():
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


def _call_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _words(module: str, name: str, services: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """Attribute names and string literals of a unit's runtime code (`__all__` lists names, not calls);
    and the attributes taken of a client-like receiver, with the strings passed to them."""
    words: set[str] = set()
    client_words: set[str] = set()
    for unit_node in _unit_nodes(module, name):
        if isinstance(unit_node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in unit_node.targets):
            continue
        for node in _runtime_nodes_of(unit_node):
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
