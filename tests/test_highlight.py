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


def marked(fragments):
    return [f.text for f in fragments if f.is_match]


def test_phrase_words_are_marked_only_where_the_phrase_occurs():
    text = "Developed countries must help; countries develop. The rule of law and the law rule."
    snippet = fragments(text, set(), phrases=[("develop", "countri")])
    assert marked(snippet) == ["Developed", "countries"]
    # Stop words inside a phrase leave no gap, as in the index.
    assert marked(fragments(text, set(), phrases=[("rule", "law")])) == ["rule", "law"]
    # A plain term is still marked everywhere beside the phrase.
    both = fragments(text, {"help"}, phrases=[("law", "rule")])
    assert marked(both) == ["help", "law", "rule"]
    assert marked(fragments(text, set(), phrases=[("law", "develop")])) == []


def test_search_highlights_phrases_as_phrases(tmp_path):
    from searchlib.indexer import index_corpus
    from searchlib.search import Index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Title\n\nDeveloped countries help; countries develop water.\n", "utf-8"
    )
    index_corpus(corpus, tmp_path / "index")
    with Index(tmp_path / "index") as idx:
        hit = idx.search('"developed countries" water').hits[0]
        assert marked(hit.snippet) == ["Developed", "countries", "water"]
        sloppy = idx.search('"developed countries"~3').hits[0]  # words marked wherever they occur
        assert marked(sloppy.snippet) == ["Developed", "countries", "countries", "develop"]
