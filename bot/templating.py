"""jinja2 environments for HTML and text output, built on first use (never on the Slack ack path)."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def environment(package: str) -> Any:
    """Templates in `<package>/templates`. `*.html.j2` are autoescaped; `*.txt.j2` are plain text."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    from bot.render.mrkdwn import to_html, to_text

    env = Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True, default=False),
        undefined=StrictUndefined,  # a missing value is a bug, not an empty string in front of a customer
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(mrkdwn_html=to_html, mrkdwn_text=to_text)
    return env


def render(package: str, template: str, **values: Any) -> str:
    return str(environment(package).get_template(template).render(**values))
