"""What the acknowledgement needs from the environment, read without pydantic.

Importing pydantic-settings and validating every `Settings` field costs more than Bolt itself at cold start,
and the ack needs only a few values: the Slack credentials, where the state lives (replay guard, language
preferences), the access configuration, the default language and a fixed "today". Values in their plain,
documented form are read here; anything else (an empty value, another casing, another date format) is left to
`Settings`/`SlackSettings` to judge, so this read can never disagree with them. The full `Settings` is built
off the ack path, on first use (`Bot.settings`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.settings import Settings, SlackSettings

LANGUAGES = ("en", "pt-BR")  # the Literal of `Settings.language`
DEFAULT_API_URL = "https://slack.com/api/"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Environment variable → field; every one of them is read by `Settings` or `SlackSettings` too.
FIELDS = {
    "FINOPS_LANGUAGE": "language", "FINOPS_AS_OF": "as_of", "FINOPS_BUCKET": "bucket",
    "FINOPS_STATE_DIR": "state_dir", "FINOPS_ACCESS": "access", "FINOPS_ACCESS_FILE": "access_file",
    "SLACK_BOT_TOKEN": "bot_token", "SLACK_SIGNING_SECRET": "signing_secret", "SLACK_APP_TOKEN": "app_token",
    "SLACK_API_URL": "api_url", "SLACK_SECRET_ARN": "secret_arn",
}


class _Unusual(ValueError):
    """A value this reader does not judge; the pydantic settings do."""


@dataclass(frozen=True)
class AckSettings:
    language: str = "en"
    as_of: date | None = None
    bucket: str | None = None
    state_dir: Path = Path(".finops")
    access: str | None = None
    access_file: Path | None = None
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    api_url: str = DEFAULT_API_URL
    secret_arn: str | None = None

    @classmethod
    def read(cls) -> AckSettings:
        """From the process environment, as `Settings()` and `SlackSettings()` would read it."""
        try:
            return cls(**{FIELDS[name]: _plain(name, value) for name, value in _ours(os.environ).items()})
        except _Unusual:
            from bot.settings import Settings, SlackSettings

            return cls.of(Settings(), SlackSettings())  # type: ignore[call-arg]

    @classmethod
    def of(cls, settings: Settings, slack: SlackSettings) -> AckSettings:
        """The same values taken from the full settings (tests and entry points that already built them)."""
        return cls(
            language=settings.language, as_of=settings.as_of, bucket=settings.bucket, state_dir=settings.state_dir,
            access=settings.access, access_file=settings.access_file, bot_token=_secret(slack.bot_token),
            signing_secret=_secret(slack.signing_secret), app_token=_secret(slack.app_token),
            api_url=slack.api_url, secret_arn=slack.secret_arn,
        )


def _ours(environ: Mapping[str, str]) -> dict[str, str]:
    """Our variables, written in capitals; the same name in another casing is left to pydantic-settings,
    which matches names case-insensitively."""
    found = {}
    for name, value in environ.items():
        upper = name.upper()
        if upper in FIELDS:
            if name != upper:
                raise _Unusual(name)
            found[name] = value
    return found


def _plain(name: str, value: str) -> Any:
    if not value or value != value.strip():
        raise _Unusual(name)
    if name == "FINOPS_LANGUAGE" and value not in LANGUAGES:
        raise _Unusual(name)  # `Settings` refuses it with its own message
    if name == "FINOPS_AS_OF":
        if not _ISO_DAY.match(value):
            raise _Unusual(name)
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise _Unusual(name) from exc
    if name in ("FINOPS_STATE_DIR", "FINOPS_ACCESS_FILE"):
        return Path(value)
    return value


def _secret(value: object) -> str | None:
    """A SecretStr as `bootstrap` used it: an empty secret counts as none."""
    if not value:
        return None
    return str(value.get_secret_value())  # type: ignore[attr-defined]
