from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib.places import (
    Gazetteer,
    Place,
    default_gazetteer,
    ends_with_place,
    find_places,
    normalise_country,
)


def test_variants_normalise_to_one_name():
    text = "The U.S. and USA, the United States and American officials"
    assert find_places(text) == ["United States"]
    assert find_places("the EU and the European Union") == ["European Union"]
    assert find_places("the Russian Federation") == ["Russia"]
    assert find_places("Central Asian states") == ["Central Asia"]


def test_russian_names_in_any_case():
    text = (
        "Президент Франции посетил Казахстан. Стороны обсудили отношения Казахстана с "
        "Соединенными Штатами Америки, санкции против России и позицию ЕС."
    )
    assert find_places(text) == [
        "France",
        "Kazakhstan",
        "United States",
        "Russia",
        "European Union",
    ]
    # Only names start with a capital: "малый" is not a country, nor "рк" an abbreviation.
    assert find_places("малый бизнес, рк и сша в нижнем регистре") == []
    assert normalise_country("Российская Федерация") == "Russia"


def test_a_currency_is_not_a_mention_of_its_country():
    assert find_places("Trade exceeded 4 billion US dollars.") == []
    assert find_places("The U.S. dollar fell against the tenge.") == []
    assert find_places("The US and Japan agreed.") == ["United States", "Japan"]


def test_a_role_that_ends_in_a_place():
    assert ends_with_place("Ambassador of Japan")
    assert ends_with_place("Minister of Foreign Affairs of the United States ")
    assert not ends_with_place("Ambassador of Japan to the United Nations Office")
    assert not ends_with_place("Chairman of the Board")
    assert not ends_with_place("")


def test_longest_match_and_word_boundaries():
    assert find_places("Papua New Guinea and Niger, Nigeria") == [
        "Papua New Guinea",
        "Niger",
        "Nigeria",
    ]
    assert find_places("paid in USD by usage") == []


def test_normalise_table_values():
    assert normalise_country("KAZ") == "Kazakhstan"
    assert normalise_country("United States of America ") == "United States"
    assert normalise_country("The Bahamas") == "Bahamas"
    assert normalise_country("PRT") == "Portugal"
    assert normalise_country("Atlantis") is None


def test_gazetteer_has_un_members():
    countries = [p for p in default_gazetteer().places if p.kind == "country"]
    assert len(countries) >= 193
    assert len({p.iso3 for p in countries}) == len(countries)


def test_custom_gazetteer():
    gaz = Gazetteer.from_data(
        {"places": [{"name": "Narnia", "iso3": "NAR", "demonyms": ["Narnian"]}]}
    )
    assert gaz.find("A Narnian view") == ["Narnia"]


_FORM = st.text(alphabet="AaBb .-'é", min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(_FORM, min_size=1, max_size=8, unique=True), st.text(alphabet="AaBb .-'é,x"))
def test_trie_matches_like_a_longest_first_alternation(forms: list[str], text: str) -> None:
    gaz = Gazetteer([Place(name=f) for f in forms])
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    reference = re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])")
    expected = list(dict.fromkeys(m.group(0) for m in reference.finditer(text)))
    assert gaz.find(text) == expected
