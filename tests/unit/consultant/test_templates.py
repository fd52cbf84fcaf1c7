"""Every consultant text exists in English and Brazilian Portuguese, with the same parts."""

from __future__ import annotations

from pathlib import Path

import pytest

import consultant
from consultant.templates import environment

ROOT = Path(consultant.__file__).parent


@pytest.mark.parametrize("folder", ["narratives", "prompts"])
def test_both_languages_have_the_same_templates(folder: str) -> None:
    english = {p.name for p in (ROOT / folder / "en").glob("*.j2")}
    portuguese = {p.name for p in (ROOT / folder / "pt-BR").glob("*.j2")}
    assert english == portuguese and english


def test_both_languages_answer_the_same_question_kinds() -> None:
    from consultant.intents import Intent

    for language in ("en", "pt-BR"):
        module = environment().get_template(f"narratives/{language}/answers.j2").module
        assert {i.value for i in Intent} <= set(dir(module)), language


def test_a_misspelt_variable_fails_loudly_instead_of_printing_nothing() -> None:
    import jinja2

    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ f.totl }}").render(f={})
