"""Whatever is typed after `/finops`, the grammar answers without an exception and helpfully, in both languages."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands import Choice, Command, Usage, grammar, parse_command
from bot.i18n import Formatter
from bot.render.prompts import choice_reply, usage_reply
from bot.render.understood import understood

TODAY = date(2026, 11, 15)
WORDS = sorted({w for s in grammar().specs for w in (s.name, *s.aliases)} | {
    "by", "por", "basis", "base", "credits", "creditos", "tax", "accounts", "contas", "language", "idioma",
    "last-30d", "mtd", "ultimos", "30", "dias", "mes-passado", "2026-10", "2026-Q3", "2026-10-01..2026-10-15",
    "service", "account", "region", "tag:team", "tag", "unblended", "amortized", "include", "exclude", "sim",
    "executive", "cto", "sre", "analista", "pt-BR", "en", "<#C1|x>", "<@U1>", "&amp;", "“", "\"", "'", "?", "0",
    "99999", "-1", "last-0d", "2026-13", "1999", "ção", "\u00a0",
})
typed = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=8).map(" ".join)


def _helpful(result: object, language: str) -> None:
    fmt = Formatter(language)
    if isinstance(result, Usage):
        text, blocks = usage_reply(result, fmt.t)
        assert text.strip() and blocks
        assert "/finops" in str(blocks)  # a usage line, a help hint or a suggestion to click
    elif isinstance(result, Choice):
        text, blocks = choice_reply(result, fmt.t)
        assert text.strip() and result.options
        assert all(isinstance(parse_command(o.run, TODAY), Command | Choice) for o in result.options)
    else:
        assert isinstance(result, Command)
        assert understood(result, fmt, TODAY).strip()


@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed, st.sampled_from(["en", "pt-BR"]))
def test_any_text_gets_a_helpful_answer_never_an_exception(text, language):
    _helpful(parse_command(text, TODAY), language)
