"""The digest dead-letter queue on Amazon SQS."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from bot.digests.errors import DeadLetterError
from bot.digests.ports import DeadLetter


class SqsDeadLetterQueue:
    def __init__(self, queue_url: str, client: Any = None, visibility_seconds: int = 300) -> None:
        self.queue_url = queue_url
        self.client = client if client is not None else boto3.client("sqs")
        self.visibility_seconds = visibility_seconds  # a replay that dies leaves the message for the next one

    def send(self, body: str) -> None:
        self._call("SendMessage", QueueUrl=self.queue_url, MessageBody=body)

    def receive(self, max_messages: int) -> list[DeadLetter]:
        response = self._call("ReceiveMessage", QueueUrl=self.queue_url,
                              MaxNumberOfMessages=max(1, min(max_messages, 10)),
                              VisibilityTimeout=self.visibility_seconds, WaitTimeSeconds=0)
        return [DeadLetter(m["ReceiptHandle"], m["Body"]) for m in response.get("Messages", [])]

    def delete(self, receipt: str) -> None:
        self._call("DeleteMessage", QueueUrl=self.queue_url, ReceiptHandle=receipt)

    def _call(self, operation: str, **kwargs: Any) -> Any:
        method = {"SendMessage": self.client.send_message, "ReceiveMessage": self.client.receive_message,
                  "DeleteMessage": self.client.delete_message}[operation]
        try:
            return method(**kwargs)
        except (ClientError, BotoCoreError) as exc:
            raise DeadLetterError(f"SQS {operation} on {self.queue_url} failed: {exc}") from exc
