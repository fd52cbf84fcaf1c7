"""Slack mrkdwn (what the consultant writes) for places that are not Slack: plain text and HTML."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")


def to_text(text: str) -> str:
    """`*bold*` → `bold`, `_italic_` → `italic`, `<url|label>` → `label (url)`."""
    text = _LINK.sub(lambda m: f"{m[2]} ({m[1]})", text)
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def to_html(text: str) -> Markup:
    """Escaped first, then the few mrkdwn marks become tags: nothing the text says can become markup."""
    html = str(escape(text))
    html = _LINK.sub(lambda m: f'<a href="{m[1]}">{m[2]}</a>', html)
    html = _CODE.sub(r"<code>\1</code>", html)
    html = _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", html))
    return Markup(html.replace("\n", "<br>\n"))
