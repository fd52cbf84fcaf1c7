"""Email addresses people type into Slack or the CLI, checked before anything is stored or sent.

email-validator does this instead of a regular expression: it follows RFC 5321/5322 and 6531 (quoted
local parts, internationalised domains as IDNA, length limits per part) and normalises the address,
which a regex gets wrong in both directions. DNS checks are off: no network at command time or in tests.
"""

from __future__ import annotations

from bot.digests.errors import DigestUsageError


def normalise_address(text: str) -> str:
    candidate = text.strip().removeprefix("<").removesuffix(">")
    if candidate.startswith("mailto:"):  # Slack turns typed addresses into <mailto:a@b|a@b>
        candidate = candidate.removeprefix("mailto:").split("|", 1)[0]
    from email_validator import EmailNotValidError, validate_email  # on first use: off the Slack ack path

    try:
        result = validate_email(candidate, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise DigestUsageError("digest.error.address", value=text, detail=str(exc)) from exc
    return str(result.normalized)


def looks_like_address(text: str) -> bool:
    return "@" in text
