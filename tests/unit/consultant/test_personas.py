import pytest

from consultant.errors import UnknownPersonaError
from consultant.personas import Persona


@pytest.mark.parametrize(
    ("typed", "persona"),
    [
        ("executive", Persona.EXECUTIVE), ("Executivo", Persona.EXECUTIVE), ("CFO", Persona.EXECUTIVE),
        ("cto", Persona.CTO), ("arquitetura", Persona.CTO),
        ("devops", Persona.DEVOPS), ("SRE", Persona.DEVOPS), ("DevOps/SRE", Persona.DEVOPS),
        ("engenharia", Persona.DEVOPS),
        ("analyst", Persona.ANALYST), ("finops", Persona.ANALYST), ("Analista", Persona.ANALYST),
        ("FinOps analyst", Persona.ANALYST), ("analista finops", Persona.ANALYST),
    ],
)
def test_persona_parse_accepts_ids_aliases_and_portuguese_names(typed: str, persona: Persona) -> None:
    assert Persona.parse(typed) is persona


def test_unknown_persona_names_the_valid_ones_and_suggests_the_closest() -> None:
    with pytest.raises(UnknownPersonaError) as caught:
        Persona.parse("executve")
    assert "Did you mean `executive`?" in str(caught.value)
    assert "devops (alias sre)" in str(caught.value)


def test_unrelated_word_gets_no_suggestion() -> None:
    with pytest.raises(UnknownPersonaError) as caught:
        Persona.parse("banana")
    assert "Did you mean" not in str(caught.value)
