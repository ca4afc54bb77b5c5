"""matching_docnums must equal a brute-force evaluation and Whoosh's own matcher."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import fields, query
from whoosh.analysis import StandardAnalyzer
from whoosh.filedb.filestore import RamStorage

from searchlib.docset import ByteLRU, matching_docnums

WORDS = ["peace", "war", "trade", "climate", "nuclear", "people", "water", "debt"]
SPEAKERS = ["Ana Lopez", "Bo Chen", "Sara Ali", "Tom Roe"]


def make_schema() -> fields.Schema:
    kw = dict(stored=True, commas=True, lowercase=False, scorable=False)
    return fields.Schema(
        pid=fields.ID(stored=True, unique=True),
        text=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        speaker=fields.KEYWORD(**kw),
        country=fields.KEYWORD(**kw),
        year=fields.NUMERIC(int, stored=True, sortable=True),
    )


doc_strategy = st.fixed_dictionaries(
    {
        "words": st.lists(st.sampled_from(WORDS), min_size=0, max_size=6),
        "speakers": st.lists(st.sampled_from(SPEAKERS), max_size=2, unique=True),
        "year": st.integers(1990, 1996),
    }
)


def build(docs: list[dict], segments: int, deleted: set[int]):
    """A multi-segment RAM index; returns (index, list of live pids)."""
    ix = RamStorage().create_index(make_schema())
    per = max(1, len(docs) // max(segments, 1))
    for start in range(0, len(docs), per):
        w = ix.writer()
        for i in range(start, min(start + per, len(docs))):
            d = docs[i]
            w.add_document(
                pid=str(i),
                text=" ".join(d["words"]),
                speaker=",".join(d["speakers"]),
                country="XYZ" if i % 3 else "ABC",
                year=d["year"],
            )
        w.commit(merge=False)
    if deleted:
        w = ix.writer()
        for i in sorted(deleted):
            w.delete_by_term("pid", str(i))
        w.commit(merge=False)
    return ix


def brute(docs: list[dict], deleted: set[int], pred) -> set[str]:
    return {str(i) for i, d in enumerate(docs) if i not in deleted and pred(d)}


def pids(searcher, docnums: np.ndarray) -> set[str]:
    return {searcher.stored_fields(int(n))["pid"] for n in docnums}


def whoosh_docs(searcher, q) -> set[str]:
    return {searcher.stored_fields(n)["pid"] for n in searcher.docs_for_query(q)}


def T(w: str) -> query.Term:
    return query.Term("text", w)


# (query, brute-force predicate on the raw document)
QUERIES = [
    (T("peace"), lambda d: "peace" in d["words"]),
    (T("absent"), lambda d: False),
    (query.And([T("peace"), T("war")]), lambda d: {"peace", "war"} <= set(d["words"])),
    (query.Or([T("trade"), T("debt")]), lambda d: bool({"trade", "debt"} & set(d["words"]))),
    (
        query.And([T("peace"), query.Not(T("war"))]),
        lambda d: "peace" in d["words"] and "war" not in d["words"],
    ),
    (query.Not(T("water")), lambda d: "water" not in d["words"]),
    (
        query.AndNot(T("people"), T("climate")),
        lambda d: "people" in d["words"] and "climate" not in d["words"],
    ),
    (query.AndMaybe(T("people"), T("climate")), lambda d: "people" in d["words"]),
    (query.Require(T("people"), T("climate")), lambda d: {"people", "climate"} <= set(d["words"])),
    (query.Prefix("text", "pe"), lambda d: any(w.startswith("pe") for w in d["words"])),
    (query.Wildcard("text", "w*r"), lambda d: any(w in ("war", "water") for w in d["words"])),
    (query.Every(), lambda d: True),
    (query.NullQuery, lambda d: False),
    (query.Term("speaker", "Bo Chen"), lambda d: "Bo Chen" in d["speakers"]),
    (query.NumericRange("year", 1992, 1994), lambda d: 1992 <= d["year"] <= 1994),
    (query.NumericRange("year", None, 1991), lambda d: d["year"] <= 1991),
    (
        query.ConstantScoreQuery(query.Or([T("nuclear"), query.Term("year", 1995)])),
        lambda d: "nuclear" in d["words"] or d["year"] == 1995,
    ),
    (query.Phrase("text", ["peace", "war"]), None),  # checked against Whoosh only
    (query.Ordered([T("war"), T("peace")]), None),
    (query.Or([T("war"), T("peace"), T("debt")], minmatch=2), None),
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(doc_strategy, min_size=1, max_size=40),
    segments=st.integers(1, 4),
    data=st.data(),
)
def test_matches_equal_brute_force_and_whoosh(docs, segments, data) -> None:
    deleted = data.draw(st.sets(st.integers(0, len(docs) - 1), max_size=len(docs) // 2))
    ix = build(docs, segments, deleted)
    with ix.searcher() as s:
        for q, pred in QUERIES:
            got_nums = matching_docnums(s, q, cache=ByteLRU())
            assert list(got_nums) == sorted(set(got_nums.tolist())), q
            got = pids(s, got_nums)
            if pred is not None:
                assert got == brute(docs, deleted, pred), q
            elif not isinstance(q, query.Or):  # Whoosh ignores minmatch
                # Positional queries: Whoosh's own matcher is the reference.
                assert got == whoosh_docs(s, q), q


def test_minmatch_is_honoured() -> None:
    docs = [
        {"words": ["war", "peace"], "speakers": [], "year": 1990},
        {"words": ["war"], "speakers": [], "year": 1990},
        {"words": ["debt", "peace", "war"], "speakers": [], "year": 1990},
    ]
    ix = build(docs, 1, set())
    with ix.searcher() as s:
        q = query.Or([T("war"), T("peace"), T("debt")], minmatch=2)
        assert pids(s, matching_docnums(s, q)) == {"0", "2"}


def test_phrase_is_positional() -> None:
    docs = [
        {"words": ["peace", "war"], "speakers": [], "year": 1990},
        {"words": ["war", "peace"], "speakers": [], "year": 1990},
        {"words": ["peace", "trade", "war"], "speakers": [], "year": 1990},
    ]
    ix = build(docs, 2, set())
    with ix.searcher() as s:
        assert pids(s, matching_docnums(s, query.Phrase("text", ["peace", "war"]))) == {"0"}


def test_filter_and_mask() -> None:
    docs = [{"words": ["peace"], "speakers": [], "year": 1990 + i % 3} for i in range(9)]
    ix = build(docs, 3, {0})
    with ix.searcher() as s:
        only = query.NumericRange("year", 1991, 1992)
        got = matching_docnums(s, T("peace"), filter=only, mask=query.Term("year", 1992))
        assert pids(s, got) == {"1", "4", "7"}


@pytest.mark.parametrize("size", [1, 127, 128, 129, 1000])
def test_long_posting_lists_across_blocks(size: int) -> None:
    """W3 postings are stored in blocks of 128; decoding must be exact at the edges."""
    ix = RamStorage().create_index(make_schema())
    w = ix.writer()
    for i in range(size + 50):
        w.add_document(pid=str(i), text="common" + (" rare" if i % 7 == 0 else ""), year=1990)
    w.commit()
    w = ix.writer()
    w.delete_by_term("pid", "3")
    w.commit(merge=False)
    with ix.searcher() as s:
        cache = ByteLRU()
        common = matching_docnums(s, T("common"), cache=cache)
        assert pids(s, common) == {str(i) for i in range(size + 50) if i != 3}
        rare = matching_docnums(s, T("rare"), cache=cache)
        assert pids(s, rare) == {str(i) for i in range(0, size + 50, 7)}
        assert len(cache) == 2  # per-term arrays are cached
        again = matching_docnums(s, T("common"), cache=cache)
        assert np.array_equal(again, common)


def test_cache_is_bounded() -> None:
    cache = ByteLRU(max_bytes=100)
    for i in range(10):
        cache.put(i, np.zeros(10, dtype=np.int32))  # 40 bytes each
    assert cache.nbytes <= 100
    assert len(cache) == 2
    assert cache.get(9) is not None and cache.get(0) is None
