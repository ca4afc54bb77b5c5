"""FacetCounter counts must equal brute-force counts over the stored fields."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import fields, query
from whoosh.analysis import StandardAnalyzer
from whoosh.filedb.filestore import RamStorage

from searchlib.docset import matching_docnums
from searchlib.facets import FacetCounter, clear_cache

WORDS = ["peace", "war", "trade", "debt"]
NAMES = ["Ana Lopez", "Bo Chen", "Sara Ali", "Tom Roe", "Émile Zola"]


def make_schema() -> fields.Schema:
    kw = dict(stored=True, commas=True, lowercase=False, scorable=False)
    return fields.Schema(
        pid=fields.ID(stored=True, unique=True),
        text=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None)),
        speaker=fields.KEYWORD(**kw),
        country=fields.KEYWORD(**kw),
        year=fields.NUMERIC(int, stored=True, sortable=True),
    )


doc_strategy = st.fixed_dictionaries(
    {
        "words": st.lists(st.sampled_from(WORDS), max_size=4),
        "speakers": st.lists(st.sampled_from(NAMES), max_size=3, unique=True),
        "country": st.sampled_from(["ABC", "XYZ", "QRS", ""]),
        "year": st.one_of(st.none(), st.integers(1946, 2024)),
    }
)


def build(docs: list[dict], segments: int, deleted: set[int]):
    ix = RamStorage().create_index(make_schema())
    per = max(1, len(docs) // segments)
    for start in range(0, len(docs), per):
        w = ix.writer()
        for i in range(start, min(start + per, len(docs))):
            d = docs[i]
            extra = {} if d["year"] is None else {"year": d["year"]}
            w.add_document(
                pid=str(i),
                text=" ".join(d["words"]),
                speaker=",".join(d["speakers"]),
                country=d["country"],
                **extra,
            )
        w.commit(merge=False)
    if deleted:
        w = ix.writer()
        for i in deleted:
            w.delete_by_term("pid", str(i))
        w.commit(merge=False)
    return ix


def brute_counts(docs, live: set[int], field: str) -> list[tuple[str, int]]:
    c: Counter[str] = Counter()
    for i in live:
        d = docs[i]
        if field == "speaker":
            c.update(set(d["speakers"]))
        elif field == "country" and d["country"]:
            c[d["country"]] += 1
        elif field == "year" and d["year"] is not None:
            c[str(d["year"])] += 1
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(doc_strategy, min_size=1, max_size=40),
    segments=st.integers(1, 4),
    data=st.data(),
)
def test_counts_equal_brute_force(docs, segments, data) -> None:
    deleted = data.draw(st.sets(st.integers(0, len(docs) - 1), max_size=len(docs) // 2))
    word = data.draw(st.sampled_from(WORDS))
    ix = build(docs, segments, deleted)
    clear_cache()
    with ix.searcher() as s:
        for q, pred in [
            (query.Every(), lambda d: True),
            (query.Term("text", word), lambda d: word in d["words"]),
        ]:
            live = {i for i, d in enumerate(docs) if i not in deleted and pred(d)}
            docnums = matching_docnums(s, q)
            counter = FacetCounter(s)
            for field in ("speaker", "country", "year"):
                assert counter.counts(docnums, field) == brute_counts(docs, live, field)
                top = counter.counts(docnums, field, limit=2)
                assert top == brute_counts(docs, live, field)[:2]


def test_multi_valued_counts_once_per_doc_and_value() -> None:
    docs = [
        {"words": ["peace"], "speakers": ["Ana Lopez", "Bo Chen"], "country": "ABC", "year": 2000},
        {"words": ["peace"], "speakers": ["Bo Chen"], "country": "ABC", "year": 2000},
        {"words": ["war"], "speakers": ["Ana Lopez"], "country": "XYZ", "year": 1999},
    ]
    ix = build(docs, 1, set())
    with ix.searcher() as s:
        counter = FacetCounter(s)
        peace = matching_docnums(s, query.Term("text", "peace"))
        assert counter.counts(peace, "speaker") == [("Bo Chen", 2), ("Ana Lopez", 1)]
        assert counter.counts(peace, "year") == [("2000", 2)]
        assert counter.raw_counts(peace, "year") == {2000: 2}
        everything = matching_docnums(s, query.Every())
        assert counter.counts(everything, "speaker") == [("Ana Lopez", 2), ("Bo Chen", 2)]
        assert counter.counts(np.zeros(0, dtype=np.int64), "speaker") == []
        assert counter.counts(everything, "no_such_field") == []


def test_deletion_after_tables_are_cached() -> None:
    """Tables are cached per segment; later deletions must still be honoured."""
    docs = [{"words": ["peace"], "speakers": [n], "country": "ABC", "year": 2000} for n in NAMES]
    ix = build(docs, 1, set())
    with ix.searcher() as s:
        FacetCounter(s).warm(["speaker"])
    w = ix.writer()
    w.delete_by_term("pid", "0")
    w.commit(merge=False)
    with ix.searcher() as s:
        got = FacetCounter(s).counts(matching_docnums(s, query.Every()), "speaker")
        assert dict(got) == {n: 1 for n in NAMES[1:]}
