"""The acknowledgement's light read of the environment agrees with the pydantic settings, value for value."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.ack_settings import FIELDS, AckSettings
from bot.settings import Settings, SlackSettings

ACCESS = '{"allow": {"channels": ["C0123"]}, "scopes": {"C0123": {"accounts": ["111111111111"]}}}'
ENVIRONMENTS = {
    "nothing set: the defaults": {},
    "every variable, plainly": {
        "FINOPS_LANGUAGE": "pt-BR", "FINOPS_AS_OF": "2026-11-15", "FINOPS_BUCKET": "finops-state",
        "FINOPS_STATE_DIR": "/var/finops", "FINOPS_ACCESS": ACCESS, "FINOPS_ACCESS_FILE": "/etc/finops/access.json",
        "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret", "SLACK_APP_TOKEN": "xapp-1",
        "SLACK_API_URL": "http://127.0.0.1:8080/api/",
        "SLACK_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:finops/slack-AbCdEf",
    },
    "English, relative state folder": {"FINOPS_LANGUAGE": "en", "FINOPS_STATE_DIR": "state"},
    "variables the ack does not read": {"FINOPS_SOURCE": "aws", "FINOPS_LLM": "bedrock", "FINOPS_PERSONA": "cto"},
    "a name in lower case": {"finops_language": "pt-BR"},
    "empty values": {"FINOPS_BUCKET": "", "SLACK_BOT_TOKEN": "", "SLACK_SIGNING_SECRET": ""},
    "a date with a time of midnight": {"FINOPS_AS_OF": "2026-11-15T00:00:00"},
    "a token with a trailing space": {"SLACK_BOT_TOKEN": "xoxb-1 "},
}
INVALID = {
    "an unknown language": {"FINOPS_LANGUAGE": "fr"},
    "not a day": {"FINOPS_AS_OF": "2026-13-01"},
    "digits without dashes": {"FINOPS_AS_OF": "20261115"},
}


def _only(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name in list(os.environ):
        if name.upper().startswith(("FINOPS_", "SLACK_")):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize("env", ENVIRONMENTS.values(), ids=ENVIRONMENTS.keys())
def test_the_light_read_gives_what_the_pydantic_settings_give(monkeypatch, env):
    _only(monkeypatch, env)
    assert AckSettings.read() == AckSettings.of(Settings(), SlackSettings())  # type: ignore[call-arg]


@pytest.mark.parametrize("env", INVALID.values(), ids=INVALID.keys())
def test_a_value_the_settings_refuse_is_refused_by_the_light_read_too(monkeypatch, env):
    _only(monkeypatch, env)
    with pytest.raises(ValidationError):
        Settings()  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        AckSettings.read()


def test_every_variable_read_lightly_is_a_field_of_the_pydantic_settings():
    names = {f"FINOPS_{n.upper()}" for n in Settings.model_fields} | {f"SLACK_{n.upper()}"
                                                                        for n in SlackSettings.model_fields}
    assert set(FIELDS) <= names
    assert set(FIELDS.values()) == set(AckSettings.__dataclass_fields__)


def test_the_acknowledgement_path_imports_no_pydantic(tmp_path: Path):
    """The cold-start cost this module exists to avoid: building the bot must not load pydantic."""
    code = ("import sys; from bot.bootstrap import bootstrap; from bot.app import build_app; "
            "build_app(bootstrap()); print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pydantic', 'pydantic_settings', 'jinja2', 'boto3')))")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("FINOPS_", "SLACK_", "AWS_LAMBDA"))}
    env |= {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "FINOPS_STATE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[2])
    assert out.stdout.strip() == "[]", out.stdout
