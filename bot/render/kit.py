"""The few Block Kit pieces every reply uses, without the cost views (kept light for the acknowledgement)."""

from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock


def esc(text: str) -> str:
    """Slack mrkdwn escaping: service names like "Savings Plans for AWS Compute usage" stay literal."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=t) for t in texts if t])
