"""A moto server on a free local port, for integration tests (boto3 clients get its `endpoint_url`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
from moto.server import ThreadedMotoServer


@dataclass(frozen=True)
class MotoServer:
    url: str
    port: int

    def client(self, service: str, region: str = "us-east-1") -> Any:
        return boto3.client(service, endpoint_url=self.url, region_name=region)

    def configure(self, config: dict[str, Any]) -> None:
        """Moto's own settings (for example Step Functions execution), through its management API."""
        import json
        from urllib.request import Request, urlopen

        request = Request(f"{self.url}/moto-api/config", data=json.dumps(config).encode(), method="POST",
                          headers={"Content-Type": "application/json"})
        with urlopen(request, timeout=10) as response:
            response.read()

    def reset(self) -> None:
        from urllib.request import Request, urlopen

        with urlopen(Request(f"{self.url}/moto-api/reset", method="POST"), timeout=10) as response:
            response.read()


@contextmanager
def moto_server() -> Iterator[MotoServer]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    previous = os.environ.get("MOTO_PORT")
    os.environ["MOTO_PORT"] = str(port)  # moto's Step Functions engine calls other services on this port
    try:
        yield MotoServer(f"http://{host}:{port}", port)
    finally:
        server.stop()
        if previous is None:
            os.environ.pop("MOTO_PORT", None)
        else:
            os.environ["MOTO_PORT"] = previous
