from __future__ import annotations

import pickle
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchlib.analysis import (
    DEFAULT_STOP_WORDS,
    analyze,
    fold_spelling,
    iter_tokens,
    text_analyzer,
)


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("decriminalisation", "decriminalization"),
        ("decriminalise", "decriminalization"),
        ("organised", "organize"),
        ("analysed", "analyze"),
        ("centre", "center"),
        ("centres", "centers"),
        ("theatre", "theater"),
        ("defence", "defense"),
        ("offence", "offense"),
        ("travelled", "traveled"),
        ("counsellor", "counselor"),
        ("programme", "program"),
        ("labour", "labor"),
        ("colours", "colors"),
        ("honourable", "honorable"),
        ("catalogue", "catalog"),
        ("judgement", "judgment"),
    ],
)
def test_british_and_american_spellings_meet(british: str, american: str) -> None:
    assert analyze(british) == analyze(american)


@pytest.mark.parametrize(
    "word", ["were", "here", "more", "four", "hour", "rise", "promise", "call"]
)
def test_spelling_folding_leaves_ordinary_words_alone(word: str) -> None:
    assert fold_spelling(word) == word


def test_called_and_call_still_share_a_stem() -> None:
    assert analyze("called") == analyze("call")


def test_hyphenated_name_is_found_three_ways() -> None:
    indexed = set(analyze("President Kassym-Jomart Tokayev", mode="index"))
    assert set(analyze("kassymjomart")) <= indexed
    assert set(analyze("Kassym Jomart")) <= indexed
    assert analyze("Kassym-Jomart") == analyze("Kassym Jomart")


@pytest.mark.parametrize("written", ["COVID-19", "C5+1", "2020-2030", "2020–2030"])
def test_compounds_split_in_query_and_glued_in_index(written: str) -> None:
    parts = analyze(written)
    assert len(parts) == 2
    indexed = analyze(written, mode="index")
    assert indexed[0] == "".join(parts)  # the glued form comes first, same position
    assert indexed[1:] == parts


def test_possessives_straight_and_curly() -> None:
    assert analyze("Tokayev's") == analyze("Tokayev’s") == analyze("Tokayev") == ["tokayev"]


def test_acronyms_are_not_stop_words() -> None:
    assert "us" in DEFAULT_STOP_WORDS
    assert analyze("us") == []
    assert analyze("U.S.") == analyze("US") == ["us"]
    assert analyze("U.S.A.") == ["usa"]
    assert analyze("IT") == ["it"] and analyze("it") == []


def test_case_width_ligature_and_accents_fold() -> None:
    assert analyze("Côte") == analyze("cote")
    assert analyze("ＣＯＶＩＤ") == analyze("covid")
    assert analyze("ﬁnance") == analyze("finance")
    assert analyze("STRASSE") == analyze("straße")


def test_numbers_keep_their_shape() -> None:
    assert analyze("1,000,000") == ["1000000"]
    assert analyze("3.5") == ["3.5"]


def test_positions_skip_stop_words_and_share_compound_slot() -> None:
    a = text_analyzer()
    toks = [(t.text, t.pos) for t in a("Ministry of Foreign-Affairs", positions=True, mode="index")]
    assert toks == [("ministri", 0), ("foreignaffair", 1), ("foreign", 1), ("affair", 2)]


def test_highlight_offsets_point_at_original_words() -> None:
    text = "Президент Kassym-Jomart Tokayev’s U.S. visit"
    spans = {term: text[s:e] for term, s, e in iter_tokens(text)}
    assert spans["kassym"] == "Kassym"
    assert spans["jomart"] == "Jomart"
    assert spans["kassymjomart"] == "Kassym-Jomart"
    assert spans["tokayev"] == "Tokayev"
    assert spans["us"] == "U.S."


@given(st.text(max_size=80))
def test_offsets_always_inside_text_and_terms_match_analyze(text: str) -> None:
    tokens = list(iter_tokens(text))
    for _, s, e in tokens:
        assert 0 <= s < e <= len(text)
    assert [t for t, _, _ in tokens] == analyze(text, mode="index")


def test_analyzer_pickles_and_loads_in_a_fresh_process() -> None:
    a = text_analyzer(["foo"])
    data = pickle.dumps(a)
    assert pickle.loads(data) == a
    code = (
        "import pickle,sys; a=pickle.loads(sys.stdin.buffer.read()); "
        "print(' '.join(t.text for t in a('Foo centres', mode='index')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert out.split() == ["center"]


def test_unstemmed_words_for_spelling() -> None:
    assert analyze("Decriminalisation policies", stem=False) == ["decriminalisation", "policies"]
