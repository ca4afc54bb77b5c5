from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from searchlib import analysis
from searchlib.highlight import ELLIPSIS, fragments


def terms(text: str) -> set[str]:
    return set(analysis.analyze(text))


def test_marks_words_as_written() -> None:
    text = "It decided to decriminalise the article on defamation."
    parts = fragments(text, terms("decriminalization defamation"))
    assert [f.text for f in parts if f.is_match] == ["decriminalise", "defamation"]
    assert "".join(f.text for f in parts) == text


def test_no_terms_gives_the_plain_text() -> None:
    assert [(f.text, f.is_match) for f in fragments("plain text", set())] == [("plain text", False)]


def test_window_around_first_match() -> None:
    text = ("filler words here " * 40) + "the sanctions regime " + ("more filler " * 40)
    parts = fragments(text, terms("sanctions"), max_chars=120)
    joined = "".join(f.text for f in parts)
    assert joined.startswith(ELLIPSIS) and joined.endswith(ELLIPSIS)
    assert any(f.is_match for f in parts)
    assert len(joined) <= 120 + 2 * len(ELLIPSIS) + 40


@given(st.text(max_size=200), st.text(max_size=30))
def test_fragments_always_rebuild_the_text(text: str, query: str) -> None:
    assert "".join(f.text for f in fragments(text, terms(query))) == text
