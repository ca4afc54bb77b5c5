from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from searchlib.errors import QueryError, SearchlibError
from searchlib.query import Filters, filter_query, parse_user_query, query_terms
from searchlib.schema import build_schema

SCHEMA = build_schema()


def no_resolve(field: str, value: str) -> list[str]:
    return [value]


def test_words_are_anded_over_title_and_text() -> None:
    q = parse_user_query("water sanctions", SCHEMA)
    assert isinstance(q, wq.And)
    assert {f for f, _ in q.iter_all_terms()} == {"title", "text"}


def test_any_match_ors() -> None:
    assert isinstance(parse_user_query("water sanctions", SCHEMA, match="any"), wq.Or)


def test_plain_mode_ignores_operators() -> None:
    q = parse_user_query('what is "flutter"? (wings) title:x', SCHEMA, syntax=False, match="any")
    assert "title" in {f for f, _ in q.iter_all_terms()}
    assert not any(isinstance(s, wq.Phrase) for s in q.leaves())


@pytest.mark.parametrize("bad", ["", "   ", "year:abc", "date:[foo to bar]"])
def test_malformed_queries_raise(bad: str) -> None:
    with pytest.raises(QueryError):
        parse_user_query(bad, SCHEMA)


def test_fuzzy_rewrites_long_words() -> None:
    q = parse_user_query("sanctoins", SCHEMA, fuzzy=True)
    assert any(isinstance(leaf, wq.FuzzyTerm) for leaf in q.leaves())


def test_facet_terms_are_resolved() -> None:
    def resolve(field: str, value: str) -> list[str]:
        return ["Kassym-Jomart Tokayev"] if value.lower() == "tokaev" else []

    q = parse_user_query("water speaker:Tokaev", SCHEMA, resolve=resolve)
    assert ("speaker", "Kassym-Jomart Tokayev") in set(q.iter_all_terms())


def test_filters_parse_dates_and_order() -> None:
    f = Filters.make(speaker="A", since="2020", until="July 2021")
    assert f.since and f.since.precision == "year"
    assert f.until and f.until.precision == "month"
    with pytest.raises(QueryError, match="after"):
        Filters.make(since="2022", until="2021")
    q = filter_query(f, no_resolve)
    assert q is not None and {type(p) for p in q.subqueries} >= {wq.Term, wq.DateRange}
    assert filter_query(Filters(), no_resolve) is None


def test_query_terms_for_highlighting() -> None:
    terms = query_terms(parse_user_query('water "trade corridor"', SCHEMA))
    assert terms and all(isinstance(t, str) for t in terms)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        parse_user_query(text, SCHEMA)
    except SearchlibError as exc:
        assert isinstance(exc, QueryError)
