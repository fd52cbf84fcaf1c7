"""Who asked and where, read from Slack's payloads (slash commands, events, button clicks)."""

from __future__ import annotations

import re
from typing import Any

from bot.conversation import Asker

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def _place(channel: str, channel_type: str | None = None) -> str:
    if channel_type in ("im", "mpim", "group", "channel"):
        return channel_type
    return "im" if channel.startswith("D") else "channel"


def command_asker(body: dict[str, Any]) -> Asker:
    channel = body.get("channel_id", "")
    place = "im" if body.get("channel_name") == "directmessage" else _place(channel)
    return Asker(user=body.get("user_id", ""), channel=channel, place=place, team=body.get("team_id"),
                 response_url=body.get("response_url"), request_id=body.get("trigger_id"))


def event_asker(body: dict[str, Any], event: dict[str, Any], *, thread_ts: str | None) -> Asker:
    channel = event.get("channel", "")
    place = _place(channel, event.get("channel_type"))
    return Asker(user=event.get("user", ""), channel=channel, place=place,
                 team=body.get("team_id") or event.get("team"), thread_ts=thread_ts,
                 request_id=body.get("event_id"), assistant_thread=place == "im" and bool(event.get("thread_ts")))


def action_asker(body: dict[str, Any]) -> Asker:
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
    user = (body.get("user") or {}).get("id", "")
    if container.get("type") == "view":
        return Asker(user=user, channel=user, place="app_home", team=(body.get("team") or {}).get("id"))
    thread = message.get("thread_ts") or container.get("thread_ts") or (
        None if container.get("is_ephemeral") else message.get("ts") or container.get("message_ts"))
    return Asker(user=user, channel=channel, place=_place(channel), team=(body.get("team") or {}).get("id"),
                 thread_ts=thread, response_url=body.get("response_url"), request_id=body.get("trigger_id"))


def without_mentions(text: str) -> str:
    return _MENTION.sub(" ", text or "").strip()
