"""The pydantic-settings classes a function's code can read, and the environment names of their fields."""

from __future__ import annotations

import importlib
import inspect
from functools import cache

from pydantic import AliasChoices, AliasPath
from pydantic_settings import BaseSettings

from tests.contract.reach import import_closure
from tests.contract.stack import functions


def settings_classes(function: str) -> list[type[BaseSettings]]:
    """Every BaseSettings subclass the function's code reaches (tests/contract/code_scan.py)."""
    classes = []
    for module_name, name in sorted(import_closure(functions()[function].handler).units):
        value = getattr(importlib.import_module(module_name), name, None)
        if inspect.isclass(value) and issubclass(value, BaseSettings) and value.__module__ == module_name:
            classes.append(value)
    return classes


@cache
def env_names(settings: type[BaseSettings]) -> frozenset[str]:
    """Upper-cased variable names the class reads (prefix + field name, or the field's aliases)."""
    prefix = settings.model_config.get("env_prefix", "")
    names = set()
    for field_name, info in settings.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            names |= {choice for choice in alias.choices if isinstance(choice, str)}
        elif isinstance(alias, str):
            names.add(alias)
        elif isinstance(alias, AliasPath) or alias is None:
            names.add(prefix + (info.alias or field_name))
    return frozenset(name.upper() for name in names)
