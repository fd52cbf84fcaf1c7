"""Slack credentials from AWS Secrets Manager, read once per container by the composition root."""

from __future__ import annotations

import json
from typing import Any

from bot.errors import SecretsError

_NAMES = {"bot_token": ("bot_token", "SLACK_BOT_TOKEN"), "signing_secret": ("signing_secret", "SLACK_SIGNING_SECRET"),
          "app_token": ("app_token", "SLACK_APP_TOKEN")}


def read_slack_secret(secret_arn: str, client: Any = None) -> dict[str, str]:
    """`{"bot_token": …, "signing_secret": …}` from a JSON secret (either spelling of the keys)."""
    if client is None:
        import boto3

        client = boto3.client("secretsmanager")
    from botocore.exceptions import ClientError

    try:
        raw = client.get_secret_value(SecretId=secret_arn)["SecretString"]
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "ClientError")
        raise SecretsError(f"cannot read the Slack secret {secret_arn}: {code}") from exc
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SecretsError(f"the Slack secret {secret_arn} is not a JSON object") from exc
    found = {name: next((doc[k] for k in keys if doc.get(k)), None) for name, keys in _NAMES.items()}
    missing = [name for name in ("bot_token", "signing_secret") if not found[name]]
    if missing:
        raise SecretsError(f"the Slack secret {secret_arn} lacks {', '.join(missing)}")
    return {k: v for k, v in found.items() if v}
