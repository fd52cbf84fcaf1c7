from __future__ import annotations

from decimal import Decimal

import pytest

from bot.digests.commands import parse_channel, parse_digest_add
from bot.digests.errors import DigestUsageError
from bot.digests.subscription import Cadence


def test_full_digest_command_in_any_order() -> None:
    spec = parse_digest_add(["<#C0123ABC|finops-daily>", "weekly", "sre", "America/Sao_Paulo", "9h", "day:sex",
                             "accounts:111111111111,222222222222", "quiet:5%", "lang:pt",
                             "fallback:Ops@Example.com", "email:cfo@example.com"])
    assert spec.channel == "C0123ABC"
    assert spec.cadence == Cadence.WEEKLY
    assert (spec.at, spec.timezone, spec.day, spec.persona) == ("09:00", "America/Sao_Paulo", "fri", "devops")
    assert spec.accounts == ("111111111111", "222222222222")
    assert spec.quiet_pct == Decimal(5)
    assert spec.language == "pt-BR"
    assert spec.fallback_emails == ["Ops@example.com"]  # the domain is normalised, the local part kept
    assert spec.email_to == ["cfo@example.com"]


def test_minimal_command_leaves_defaults_to_the_workspace() -> None:
    spec = parse_digest_add(["#finops", "diário"])
    assert (spec.channel, spec.cadence, spec.at, spec.timezone, spec.persona) == \
        ("#finops", Cadence.DAILY, "08:00", None, "executive")


@pytest.mark.parametrize(("words", "message"), [
    (["#finops"], "Usage"),
    (["#finops", "daily", "banana"], "did not understand `banana`"),
    (["#finops", "daily", "accounts:123"], "12 digits"),
    (["#finops", "daily", "fallback:not-an-address"], "not an email address"),
    (["#finops", "daily", "Europe/Lisbonn"], "Europe/Lisbon"),
    (["#finops", "daily", "quiet:150"], "between 0 and 100"),
    (["#finops", "daily", "period:last-fortnight"], "not a period"),
    (["#finops", "daily", "day:mon"], "weekly or monthly"),
])
def test_mistakes_get_a_sentence_that_says_what_is_valid(words: list[str], message: str) -> None:
    with pytest.raises(DigestUsageError, match=message):
        parse_digest_add(words)


def test_channel_forms() -> None:
    assert parse_channel("<#C999|x>") == "C999"
    assert parse_channel("C0123") == "C0123"
    with pytest.raises(DigestUsageError):
        parse_channel("#not a channel")
