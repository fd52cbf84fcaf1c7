"""A Bedrock Runtime that answers ConverseStream without a network: the real boto3 client serialises
the request (validated against the service model) and parses our bytes with botocore's own
event-stream parser. We only replace the HTTP send, and encode events in the AWS event-stream
binary format (prelude, string headers, JSON payload, CRC32s)."""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.awsrequest import AWSPreparedRequest, AWSResponse

Event = dict[str, dict[str, Any]]  # {"contentBlockDelta": {...}}, as ConverseStream documents them


def encode_message(headers: dict[str, str], payload: bytes) -> bytes:
    encoded_headers = b"".join(
        struct.pack("B", len(name)) + name.encode() + struct.pack("!BH", 7, len(value)) + value.encode()
        for name, value in headers.items()
    )
    total = 12 + len(encoded_headers) + len(payload) + 4
    prelude = struct.pack("!II", total, len(encoded_headers))
    prelude += struct.pack("!I", zlib.crc32(prelude) & 0xFFFFFFFF)
    message = prelude + encoded_headers + payload
    return message + struct.pack("!I", zlib.crc32(message) & 0xFFFFFFFF)


def encode_event(event: Event) -> bytes:
    ((kind, body),) = event.items()
    if kind.endswith("Exception"):
        headers = {":message-type": "exception", ":exception-type": kind, ":content-type": "application/json"}
    else:
        headers = {":message-type": "event", ":event-type": kind, ":content-type": "application/json"}
    return encode_message(headers, json.dumps(body).encode())


def text_stream(*pieces: str, input_tokens: int = 812, output_tokens: int = 64) -> list[Event]:
    """The events a model sends for a reply made of `pieces`, with token usage at the end."""
    return [
        {"messageStart": {"role": "assistant"}},
        *({"contentBlockDelta": {"delta": {"text": piece}, "contentBlockIndex": 0}} for piece in pieces),
        {"contentBlockStop": {"contentBlockIndex": 0}},
        {"messageStop": {"stopReason": "end_turn"}},
        {"metadata": {"usage": {"inputTokens": input_tokens, "outputTokens": output_tokens,
                                "totalTokens": input_tokens + output_tokens}, "metrics": {"latencyMs": 420}}},
    ]


class _Raw:
    def __init__(self, data: bytes, chunk: int = 7) -> None:
        self.data, self.chunk = data, chunk

    def stream(self, *_: Any, **__: Any) -> Iterator[bytes]:
        # Small chunks: events arrive split across reads, as they do on the wire.
        for start in range(0, len(self.data), self.chunk):
            yield self.data[start:start + self.chunk]

    def read(self, *_: Any) -> bytes:
        return self.data


@dataclass
class FakeBedrock:
    """`reply(request_body) -> events`; or `error=(status, code, message)` for a failing call."""

    reply: Callable[[dict[str, Any]], list[Event]] = lambda body: text_stream("Hello.")
    error: tuple[int, str, str] | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def client(self, region: str = "us-east-1") -> Any:
        client = boto3.client("bedrock-runtime", region_name=region, aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        client.meta.events.register("before-send.bedrock-runtime.ConverseStream", self._send)
        client.meta.events.register("before-send.bedrock-runtime", self._refuse_others)
        return client

    def _send(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        body = json.loads(request.body or b"{}")
        self.requests.append(body)
        self.urls.append(request.url)
        if self.error:
            status, code, message = self.error
            payload = json.dumps({"message": message}).encode()
            return AWSResponse(request.url, status, {"x-amzn-ErrorType": f"{code}:http://internal.amazon.com/"},
                               _Raw(payload))
        data = b"".join(encode_event(event) for event in self.reply(body))
        return AWSResponse(request.url, 200, {"content-type": "application/vnd.amazon.eventstream"}, _Raw(data))

    @staticmethod
    def _refuse_others(request: AWSPreparedRequest, **_: Any) -> None:
        if "converse-stream" not in request.url:
            raise AssertionError(f"unexpected Bedrock call to {request.url}: tests never reach AWS")
