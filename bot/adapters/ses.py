"""Amazon SES v2: digests by email, as raw MIME so the HTML, the text and inline charts travel together."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from bot.digests.errors import EmailRefusedError


class SesEmailSender:
    def __init__(self, sender: str, client: Any = None, configuration_set: str | None = None) -> None:
        self.sender = sender
        self.client = client if client is not None else boto3.client("sesv2")
        self.configuration_set = configuration_set

    def send(self, raw: bytes, recipient: str) -> str:
        request: dict[str, Any] = {
            "FromEmailAddress": self.sender,
            "Destination": {"ToAddresses": [recipient]},
            "Content": {"Raw": {"Data": raw}},
        }
        if self.configuration_set:
            request["ConfigurationSetName"] = self.configuration_set
        try:
            response = self.client.send_email(**request)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            raise EmailRefusedError(str(error.get("Code", "Unknown")), str(error.get("Message", ""))) from exc
        except BotoCoreError as exc:  # endpoint unreachable, timeouts after botocore's own retries
            raise EmailRefusedError(type(exc).__name__, str(exc)) from exc
        return str(response["MessageId"])
