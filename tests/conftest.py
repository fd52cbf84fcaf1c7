"""Shared test set-up: never reach real AWS, whatever the developer's machine has configured."""

from __future__ import annotations

import os

import pytest

for _name, _value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}.items():
    os.environ[_name] = _value
for _name in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
    os.environ.pop(_name, None)


@pytest.fixture(autouse=True)
def _isolated_finops_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each test gets its own state folder and no FINOPS_* settings from the outer shell."""
    for name in list(os.environ):
        if name.startswith("FINOPS_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FINOPS_STATE_DIR", str(tmp_path / "state"))
