"""`finops`: the command line. Each command group lives in its own module with `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from bot.cli.errors import CliError, exit_code_for, user_message


def _command_modules() -> list[ModuleType]:
    """Every module in `bot.cli` that defines `register(subparsers)`, ordered by its `ORDER`."""
    modules = [importlib.import_module(f"bot.cli.{info.name}") for info in pkgutil.iter_modules(__path__)
               if not info.name.startswith("_")]
    commands = [m for m in modules if hasattr(m, "register")]
    return sorted(commands, key=lambda m: (getattr(m, "ORDER", 50), m.__name__))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finops",
        description="FinOps AWS: what your AWS bill is doing and what to do about it.",
        epilog="Run `finops COMMAND --help` for a command's options. Start with `finops demo`.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except CliError as exc:
        print(f"finops: {user_message(exc)}", file=sys.stderr)
        return exit_code_for(exc)

