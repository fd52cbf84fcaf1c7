import json
import re
from importlib import resources

import pytest

from bot.i18n import Formatter, normalise_language, translator
from bot.i18n.catalog import UnknownLanguageError

PLACEHOLDER = re.compile(r"{(\w+)")


def area_files(language):
    folder = resources.files("bot.i18n").joinpath(language)
    return {f.name: json.loads(f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".json")}


def test_every_area_exists_in_both_languages():
    assert set(area_files("en")) == set(area_files("pt-BR"))


@pytest.mark.parametrize("area", sorted(area_files("en")))
def test_messages_have_the_same_keys_and_placeholders_in_both_languages(area):
    en, pt = area_files("en")[area], area_files("pt-BR")[area]
    assert set(en) == set(pt)
    for key in en:
        assert set(PLACEHOLDER.findall(en[key])) == set(PLACEHOLDER.findall(pt[key])), key
        assert pt[key].strip(), key


def test_language_names_people_type_are_understood():
    assert normalise_language("pt_br") == "pt-BR"
    assert normalise_language("Português") == "pt-BR"
    assert normalise_language(None) == "en"
    with pytest.raises(UnknownLanguageError):
        normalise_language("klingon")


def test_a_missing_message_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        translator("en")("no.such.message")


def test_formatting_follows_the_locale():
    from datetime import date
    from decimal import Decimal

    from analysis.domain.money import Money

    en, pt = Formatter("en"), Formatter("pt-BR")
    assert en.percent(Decimal("12.345")) == "+12.3%"
    assert pt.percent(Decimal("-12.345")) == "−12,3%"
    assert en.day(date(2026, 10, 5)) == "Oct 5, 2026"
    assert pt.day(date(2026, 10, 5)) == "05/10/2026"
    assert pt.signed_money(Money.of("-1234.5")) == "−US$ 1.234,50"
