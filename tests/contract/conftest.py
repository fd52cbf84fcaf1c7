"""Contract tests run the code with the environment Terraform gives each Lambda, never a real account."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

LAMBDA_LIKE = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No FINOPS_/SLACK_ variables from the developer's shell; dummy AWS credentials only."""
    for name in list(os.environ):
        if name.startswith(("FINOPS_", "SLACK_", "AWS_")):
            monkeypatch.delenv(name)
    for name, value in LAMBDA_LIKE.items():
        monkeypatch.setenv(name, value)
    yield monkeypatch
