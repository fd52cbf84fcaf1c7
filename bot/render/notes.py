"""Lines every answer ends with: translated warning codes and the provenance footer's shared parts."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n import Formatter


def warning_lines(warnings: Iterable[str], fmt: Formatter) -> list[str]:
    """A warning is a code with a `warning.<code>` message, or text a source wrote (shown as is)."""
    t = fmt.t
    return [t("costs.warning", text=t(f"warning.{w}") if t.has(f"warning.{w}") else w) for w in warnings]


def source_name(source: str, fmt: Formatter) -> str:
    return fmt.t(f"source.{source}") if fmt.t.has(f"source.{source}") else source


def included(flag: bool, fmt: Formatter) -> str:
    return fmt.t("footer.included" if flag else "footer.excluded")
