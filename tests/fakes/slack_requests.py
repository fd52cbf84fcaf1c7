"""Requests as Slack sends them, signed like Slack signs them, wrapped as API Gateway v2 / Function URL events."""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SIGNING_SECRET = "test-signing-secret"


@dataclass
class LambdaContext:
    function_name: str = "finops-slack"
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:finops-slack"
    aws_request_id: str = "req-1"


def http_event(body: str, content_type: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None,
               signature: str | None = None, retry_num: int | None = None, base64_body: bool = False,
               extra_headers: dict[str, str] | None = None) -> dict[str, Any]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "content-type": content_type,
        "x-slack-request-timestamp": ts,
        "x-slack-signature": signature or SignatureVerifier(secret).generate_signature(timestamp=ts, body=body),
    }
    if retry_num is not None:
        headers |= {"x-slack-retry-num": str(retry_num), "x-slack-retry-reason": "http_timeout"}
    headers |= extra_headers or {}
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": "/",
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {"http": {"method": "POST", "path": "/", "protocol": "HTTP/1.1"}},
        "body": base64.b64encode(body.encode()).decode() if base64_body else body,
        "isBase64Encoded": base64_body,
    }


def slash_command(text: str, *, user: str = "U1", channel: str = "C1", team: str = "T1",
                  response_url: str = "http://127.0.0.1:9/response", channel_name: str = "finops",
                  trigger_id: str = "trig-1", **kwargs: Any) -> dict[str, Any]:
    body = urlencode({"token": "legacy", "team_id": team, "channel_id": channel, "channel_name": channel_name,
                      "user_id": user, "user_name": user.lower(), "command": "/finops", "text": text,
                      "response_url": response_url, "trigger_id": trigger_id, "api_app_id": "A1"})
    return http_event(body, "application/x-www-form-urlencoded", **kwargs)


def event_callback(event: dict[str, Any], *, event_id: str = "Ev1", team: str = "T1", **kwargs: Any) -> dict[str, Any]:
    body = json.dumps({"token": "legacy", "team_id": team, "api_app_id": "A1", "type": "event_callback",
                       "event_id": event_id, "event_time": int(time.time()), "event": event,
                       "authorizations": [{"team_id": team, "user_id": "UFINOPS", "is_bot": True}]})
    return http_event(body, "application/json", **kwargs)


def block_action(action_id: str, value: str, *, user: str = "U1", channel: str = "C1", team: str = "T1",
                 message_ts: str = "1763200000.000001", thread_ts: str | None = None,
                 response_url: str = "http://127.0.0.1:9/response", view: bool = False,
                 ephemeral: bool = False, **kwargs: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "type": "block_actions", "team": {"id": team}, "user": {"id": user}, "api_app_id": "A1",
        "trigger_id": f"trig-{action_id}", "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "value": value, "block_id": "b",
                     "action_ts": str(time.time())}],
    }
    if view:
        payload["container"] = {"type": "view", "view_id": "V1"}
        payload["view"] = {"id": "V1", "type": "home"}
    else:
        payload["container"] = {"type": "message", "message_ts": message_ts, "channel_id": channel,
                                "is_ephemeral": ephemeral, **({"thread_ts": thread_ts} if thread_ts else {})}
        payload["channel"] = {"id": channel}
        if not ephemeral:
            payload["message"] = {"ts": message_ts, "type": "message",
                                  **({"thread_ts": thread_ts} if thread_ts else {})}
    return http_event(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded", **kwargs)
