"""A digest as Block Kit: the numbers in the channel message, the explanation in its thread."""

from __future__ import annotations

from bot.digests.content import DigestContent

SECTION_LIMIT = 3000  # characters in a section's text


def digest_message(content: DigestContent) -> tuple[str, list[dict[str, object]]]:
    """(notification text, blocks). A quiet digest is one line plus its provenance."""
    link = content.dashboard_url
    if content.quiet:
        line = _escape(content.quiet_line)
        if link:
            line += f" <{link}|{_escape(content.headings['dashboard'])}>" if _is_web(link) else f" {link}"
        return content.quiet_line, [_section(line), _context(content.footer)]
    blocks: list[dict[str, object]] = [
        {"type": "header", "text": {"type": "plain_text", "text": content.title[:150], "emoji": True}},
        _section(f"*{_escape(content.total)}*\n{_escape(content.change)}"),
    ]
    if content.partial:
        blocks.append(_section(f":warning: {_escape(content.partial)}"))
    for key, lines, bullet in (("movers", content.movers, "•"), ("anomalies", content.anomalies, ":warning:"),
                               ("savings", content.savings, ":moneybag:")):
        if lines:
            body = "\n".join(f"{bullet} {_escape(line)}" for line in lines)
            blocks.append(_section(f"*{_escape(content.headings[key])}*\n{body}"))
    if link and _is_web(link):
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": content.headings["dashboard"]},
             "url": link, "action_id": "digest_open_dashboard"}]})
    elif link:
        blocks.append(_context(link))
    blocks.append(_context(content.footer))
    return f"{content.title}: {content.total} · {content.change}", blocks


def _section(text: str) -> dict[str, object]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_LIMIT]}}


def _context(text: str) -> dict[str, object]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _escape(text)[:SECTION_LIMIT]}]}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_web(url: str) -> bool:
    return url.startswith(("https://", "http://"))
