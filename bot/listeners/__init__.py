"""Slack listeners, one kind per module, each with `register(app, bot)`; discovered like CLI commands."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def register_all(app: Any, bot: Any) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(app, bot)
