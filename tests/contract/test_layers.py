"""Every third-party package a function's code can import is in the layers Terraform gives it."""

from __future__ import annotations

import sys
from collections import deque
from functools import cache
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.contract import stack
from tests.contract.reach import import_closure
from tools.package_lambda import ROOT, layer_requirements

FUNCTIONS = sorted(stack.functions())


@cache
def distributions(with_charts: bool) -> frozenset[str]:
    """The layers' distributions: pyproject's requirements and theirs, as pip resolves them for Linux."""
    runtime, charts = layer_requirements(Path(ROOT) / "pyproject.toml")
    pending = deque(Requirement(text) for text in [*runtime, *(charts if with_charts else [])])
    found: set[str] = set()
    while pending:
        requirement = pending.popleft()
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        try:
            nested = requires(requirement.name) or []
        except PackageNotFoundError:
            continue
        for text in nested:
            child = Requirement(text)
            environment = {"sys_platform": "linux", "platform_system": "Linux", "python_version": "3.11"}
            wanted = [{**environment, "extra": extra} for extra in requirement.extras] or [{**environment, "extra": ""}]
            if child.marker is None or any(child.marker.evaluate(env) for env in wanted):
                pending.append(child)
    return frozenset(found)


@cache
def importable(with_charts: bool) -> frozenset[str]:
    dists = distributions(with_charts)
    return frozenset(module for module, owners in packages_distributions().items()
                     if any(canonicalize_name(owner) in dists for owner in owners))


@pytest.mark.parametrize("key", FUNCTIONS)
def test_every_third_party_import_of_a_function_is_in_its_layers(key: str) -> None:
    function = stack.functions()[key]
    closure = import_closure(function.handler)
    top_levels = {name.split(".")[0] for name in closure.third_party} - set(sys.stdlib_module_names) - {"__future__"}
    missing = top_levels - importable(function.charts)
    assert not missing, (f"{key} can import {sorted(missing)}, which its layers lack "
                         f"({'with' if function.charts else 'without'} the charts layer)")
