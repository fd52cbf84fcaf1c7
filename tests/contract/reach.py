"""What a Lambda entry point can run, read statically from the source (the AWS calls in it: code_scan.py).

From the handler function, follow the names each reached definition refers to (its own module's functions
and classes, and what its imports bring in: lazy imports inside functions included, `if TYPE_CHECKING:`
blocks excluded), plus the import-time code of every module reached; a name imported but never used in
reached code is not reached. A package that discovers its modules at run time (`pkgutil.iter_modules(
__path__)`, as the Slack listeners and the grammar do) reaches every module in it, and a string naming one
of our modules (`"bot.usecases.costs:answer_costs"` in a dispatch table) reaches that function, or
everything the module defines. Reaching a class reaches all its methods (calls on objects are not resolved
by type). So `build_state` in a bootstrap is reached by the pipeline handlers, while
`build_step_functions` next to it, which only the bot calls, is not.

Limits: a function passed as a value from unreached code, or a module imported through a computed string
other than the two patterns above, is not seen.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tests.contract.stack import ROOT

OUR_PACKAGES = ("analysis", "bot", "consultant")


@dataclass
class Closure:
    """What an entry point reaches: units are (module, top-level name), "<module>" for import-time code."""

    units: set[tuple[str, str]] = field(default_factory=set)
    third_party: set[str] = field(default_factory=set)

    @property
    def modules(self) -> set[str]:
        return {module for module, _ in self.units}


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
    elif name not in definitions(module) and name not in _aliases(module):
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
        for node in unit_nodes(*unit):
            pending.extend(_references(unit[0], node, closure.third_party))
        if unit[1] == MODULE_CODE and name == MODULE_CODE and unit[0] == module:
            pending.extend((module, defined) for defined in definitions(module))
    return closure


@cache
def definitions(module: str) -> dict[str, ast.AST]:
    return {node.name: node for node in parse(module).body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}


def unit_nodes(module: str, name: str) -> list[ast.AST]:
    """The statements of a unit: a definition whole, or the module's import-time code (decorators, bases
    and defaults of its definitions included, their bodies not)."""
    if name != MODULE_CODE:
        node = definitions(module).get(name)
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
    for child in runtime_nodes_of(node):
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
        elif isinstance(child, ast.Call) and call_name(child) == "iter_modules":
            package = _iterated_package(module, child, aliases)
            if package:
                yield from _discovered(package)  # plugins found at run time (listeners, grammar): all of them
        elif isinstance(child, ast.Constant) and isinstance(child.value, str) and _names_our_module(child.value):
            yield from _named_by_string(child.value)  # "bot.usecases.costs:answer_costs", imported by name
        elif isinstance(child, ast.Name) and child.id in definitions(module):
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
        package = module if is_package(module) else module.rsplit(".", 1)[0]
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
    names = [function] if function else list(definitions(module))
    yield from ((module, name) for name in names if name in definitions(module))


def _iterated_package(module: str, call: ast.Call, aliases: dict[str, tuple[str, str]]) -> str | None:
    """The package of `pkgutil.iter_modules(__path__)` or `iter_modules(package.__path__)`."""
    argument = call.args[0] if call.args else None
    if isinstance(argument, ast.Name) and argument.id == "__path__" and is_package(module):
        return module
    if isinstance(argument, ast.Attribute) and argument.attr == "__path__" and isinstance(argument.value, ast.Name) \
            and argument.value.id in aliases:
        target = aliases[argument.value.id]
        package = f"{target[0]}.{target[1]}" if target[1] else target[0]
        return package if is_package(package) else None
    return None


def _discovered(package: str) -> Iterator[tuple[str, str]]:
    folder = ROOT.joinpath(*package.split("."))
    for path in sorted(folder.iterdir()):
        name = path.stem if path.suffix == ".py" else path.name
        if name.startswith("__") or not module_file(f"{package}.{name}"):
            continue
        yield f"{package}.{name}", MODULE_CODE
        yield from ((f"{package}.{name}", defined) for defined in definitions(f"{package}.{name}"))


def is_package(module: str) -> bool:
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
    if attribute in definitions(module):
        yield module, attribute
    elif attribute in _aliases(module):
        yield from _resolve(*_aliases(module)[attribute], depth=depth + 1)


def runtime_nodes_of(node: ast.AST) -> Iterator[ast.AST]:
    """The node and its descendants, less type-only code."""
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        for child in node.orelse:
            yield from runtime_nodes_of(child)
        return
    yield node
    yield from _runtime_nodes(node)


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


def call_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""
