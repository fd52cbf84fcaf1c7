"""The few Block Kit pieces every reply uses, without the cost views (kept light for the acknowledgement)."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, PlainTextObject, SectionBlock


def esc(text: str) -> str:
    """Slack mrkdwn escaping: service names like "Savings Plans for AWS Compute usage" stay literal."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=t) for t in texts if t])


def report_head(title: str, partial: str | None, empty: str | None) -> list[Block]:
    """Every report reply opens the same way: its title, what is missing, or that there is nothing to show."""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=title, emoji=False))]
    if partial:
        blocks.append(section(f":warning: {esc(partial)}"))
    if empty:
        blocks.append(section(esc(empty)))
    return blocks
