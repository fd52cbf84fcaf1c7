"""One jinja2 environment for prompts and offline narratives: strict, plain text, loaded once."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

_HERE = Path(__file__).parent


@cache
def environment() -> jinja2.Environment:
    import jinja2  # loaded on first use, off the bot's ack path

    # StrictUndefined: a typo in a template fails the tests instead of printing an empty figure.
    # autoescape off: the output is Slack mrkdwn or model prompts, never HTML.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE),  # names are "prompts/en/cto.j2", "narratives/pt-BR/cto.j2"
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]  # jinja's capitalize lowers the rest
    return env


def render(name: str, **context: Any) -> str:
    return tidy(environment().get_template(name).render(**context))


def macro(name: str, macro_name: str) -> Any:
    """A macro of a template, called like a function (answers are one macro per question kind)."""
    return getattr(environment().get_template(name).module, macro_name)


def tidy(text: str) -> str:
    """Templates leave blank runs and trailing spaces behind conditionals; messages should not."""
    lines: list[str] = []
    for line in (raw.rstrip() for raw in text.strip().splitlines()):
        if _HEADING.match(line) and lines and lines[-1]:
            lines.append("")  # a heading always opens a new paragraph
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


_HEADING = re.compile(r"^\*[^*]+\*$")
