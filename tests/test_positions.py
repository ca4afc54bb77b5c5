"""Positions sidecars must hold exactly Whoosh's positions and match phrases exactly as Whoosh."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage

from searchlib import docset, positions, topk
from searchlib.analysis import analyze
from searchlib.document import Document, Passage
from searchlib.indexer import index_corpus, index_documents
from searchlib.schema import build_schema

# Stop words ("the", "of") and a hyphenated name exercise position numbering.
WORDS = ["peace", "trade", "the", "of", "rule", "law", "Kassym-Jomart", "water", "COVID-19"]

texts_strategy = st.lists(
    st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join), min_size=1, max_size=12
)


def build(folder: Path, texts: list[str], segments: int = 2, deleted: tuple[int, ...] = ()):
    """A multi-segment file index with sidecars, as the indexer leaves it."""
    ix = FileStorage(str(folder)).create_index(build_schema())
    per = max(1, -(-len(texts) // segments))
    for start in range(0, len(texts), per):
        w = ix.writer()
        for i in range(start, min(start + per, len(texts))):
            w.add_document(pid=f"d{i}", title=texts[i][:20], text=texts[i])
        w.commit(merge=False)
    if deleted:
        w = ix.writer()
        for i in deleted:
            w.delete_by_term("pid", f"d{i}")
        w.commit(merge=False)
    positions.ensure(ix, folder)
    return ix


def whoosh_positions(reader, fieldname: str) -> dict[tuple[str, int], list[int]]:
    out = {}
    for btext in reader.lexicon(fieldname):
        m = reader.postings(fieldname, btext)
        for docnum, poses in m.items_as("positions"):
            out[(btext.decode(), docnum)] = list(poses)
    return out


def sidecar_positions(side: positions.FieldPositions) -> dict[tuple[str, int], list[int]]:
    out: dict[tuple[str, int], list[int]] = {}
    for i, term in enumerate(side.terms):
        for key in side.keys[side.ptr[i] : side.ptr[i + 1]]:
            out.setdefault((term, int(key) >> 32), []).append(int(key) & 0xFFFFFFFF)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts_strategy)
def test_sidecar_holds_exactly_whooshs_positions(texts):
    with tempfile.TemporaryDirectory() as tmp:
        ix = build(Path(tmp), texts)
        with ix.searcher() as s:
            for leaf, _ in s.leaf_searchers():
                side = positions.for_reader(leaf.reader())
                assert side is not None
                for name in ("text", "title"):
                    field = side.field(name)
                    assert field is not None
                    assert sidecar_positions(field) == whoosh_positions(leaf.reader(), name)
                    for btext in s.reader().lexicon(name):
                        expected_df = s.doc_frequency(name, btext)
                        assert docset.doc_frequency(s, name, btext) == expected_df
                    for btext in leaf.reader().lexicon(name):
                        m = leaf.reader().postings(name, btext)
                        expected = list(m.items_as("weight"))
                        docs, weights = field.postings(btext.decode())
                        assert list(zip(docs.tolist(), weights.tolist(), strict=True)) == expected


MEANT = ["peace", "trade", "rule", "law", "water"]  # no stop words
phrase_strategy = st.lists(st.sampled_from(MEANT), min_size=1, max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts_strategy, words=phrase_strategy, data=st.data())
def test_phrases_match_and_score_as_whoosh(texts, words, data):
    deleted = tuple(data.draw(st.sets(st.integers(0, len(texts) - 1), max_size=2)))
    with tempfile.TemporaryDirectory() as tmp:
        ix = build(Path(tmp), texts, segments=data.draw(st.integers(1, 3)), deleted=deleted)
        terms = [analyze(w)[0] for w in words]
        slop = data.draw(st.integers(1, 3))
        phrase = wq.Phrase("text", terms, slop=slop)
        either = wq.Or([phrase, wq.Phrase("title", terms, slop=slop)])
        with ix.searcher() as s:
            for q in (phrase, either, wq.And([phrase, wq.Term("text", "water")])):
                expected = sorted(s.docs_for_query(q))
                got = docset.matching_docnums(s, q)
                assert got.tolist() == expected
                mine = topk.top_k(s, q, None)
                assert mine is not None
                theirs = [(h.score, h.docnum) for h in s.search(q, limit=None)]
                assert [d for _, d in mine] == [d for _, d in theirs]
                assert [sc for sc, _ in mine] == pytest.approx([sc for sc, _ in theirs])


def test_phrase_docs_follow_positions_not_just_words():
    field = positions.PositionsBuilder(build_schema())
    for text in ["rule of law", "law and rule", "the rule, then law", "rule law rule"]:
        field.add({"text": text})
    side = field.finish().field("text")
    assert side is not None
    # Stop words leave no gap ("rule of law"); punctuation doesn't either.
    assert side.phrase_docs(["rule", "law"]).tolist() == [0, 2, 3]
    assert side.phrase_docs(["law", "rule"]).tolist() == [1, 3]
    assert side.phrase_docs(["rule", "law", "rule"]).tolist() == [3]
    assert side.phrase_docs(["rule", "absent"]).tolist() == []
    assert side.phrase_docs(["law", "rule"], slop=2).tolist() == [1, 3]
    assert side.phrase_docs(["rule", "rule"], slop=2).tolist() == [3]
    assert side.phrase_docs(["rule", "rule"]).tolist() == []
    assert side.positions("rule", 3).tolist() == [0, 2]


def test_without_a_sidecar_whoosh_answers(tmp_path):
    ix = build(tmp_path, ["peace and trade", "trade peace", "peace trade now"])
    phrase = wq.Phrase("text", ["peac", "trade"])
    shutil.rmtree(tmp_path / positions.SIDECAR_DIR)
    positions.clear_cache()
    with ix.searcher() as s:
        leaf = s.leaf_searchers()[0][0]
        assert positions.for_reader(leaf.reader()) is None
        assert topk.top_k(s, phrase, 10) is None  # the caller then uses Whoosh's collector
        assert docset.matching_docnums(s, phrase).tolist() == [0, 2]


def test_ensure_builds_missing_and_drops_stale(tmp_path):
    ix = build(tmp_path, ["peace trade", "water law"], segments=2)
    root = tmp_path / positions.SIDECAR_DIR
    ids = {seg.segment_id() for seg in ix._segments()}
    assert {p.name for p in root.iterdir()} == ids
    w = ix.writer()
    w.add_document(pid="new", text="peace trade water")
    w.commit(optimize=True)  # one new segment replaces both
    assert positions.ensure(ix, tmp_path) == 1
    assert {p.name for p in root.iterdir()} == {seg.segment_id() for seg in ix._segments()}
    assert not ids & {p.name for p in root.iterdir()}
    assert positions.ensure(ix, tmp_path) == 0


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"speech{i:03d}.txt").write_text(
            f"Speech {i}\n\nThe rule of law matters to {i} nations.\n\n"
            "Developed countries and trade."
        )


@pytest.mark.parametrize("jobs", [1, 2])
def test_indexer_leaves_a_sidecar_for_every_segment(tmp_path, jobs, monkeypatch):
    from searchlib import indexer
    from searchlib.search import open_index

    monkeypatch.setattr(indexer, "PARALLEL_MIN_FILES", 2)
    write_corpus(tmp_path / "corpus", 6)
    index_corpus(tmp_path / "corpus", tmp_path / "index", jobs=jobs)
    (tmp_path / "corpus" / "speech001.txt").write_text("Developed countries changed.")
    index_corpus(tmp_path / "corpus", tmp_path / "index", jobs=jobs)
    with open_index(tmp_path / "index") as idx:
        ix = idx._ix
        segs = {seg.segment_id() for seg in ix._segments()}
        sidecars = {p.name for p in (tmp_path / "index" / positions.SIDECAR_DIR).iterdir()}
        assert sidecars == segs
        found = idx.search('"developed countries"', facets=())
        assert found.total == 6
        assert idx.search('"countries developed"', facets=()).total == 0


def test_index_documents_builds_sidecars(tmp_path):
    docs = [
        Document(f"d{i}", f"d{i}", "t", "", "txt", passages=[Passage(0, "rule of law")])
        for i in range(3)
    ]
    index_documents(docs, tmp_path)
    assert any((tmp_path / positions.SIDECAR_DIR).iterdir())


def test_builder_keys_are_grouped_by_term_and_sorted():
    builder = positions.PositionsBuilder(build_schema())
    for text in ["bx ay bx", "", "ay cz"]:
        builder.add({"text": text})
    side = builder.finish().field("text")
    assert side is not None
    for i in range(len(side.terms)):
        chunk = np.asarray(side.keys[side.ptr[i] : side.ptr[i + 1]])
        assert (np.diff(chunk) > 0).all()
    assert sorted(side.terms) == ["ay", "bx", "cz"]
    assert [int(k) >> 32 for k in side.occurrences("ay")] == [0, 2]
    assert side.positions("bx", 0).tolist() == [0, 2]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts_strategy, data=st.data())
def test_proximity_from_sidecars_equals_whoosh(texts, data):
    from searchlib import ranking
    from searchlib.query import parse_user_query

    query_text = " ".join(data.draw(st.lists(st.sampled_from(MEANT), min_size=2, max_size=4)))
    with tempfile.TemporaryDirectory() as tmp:
        ix = build(Path(tmp), texts, segments=data.draw(st.integers(1, 3)))
        q = parse_user_query(query_text, ix.schema, match="any")
        with ix.searcher(weighting=ranking.weighting()) as s:
            candidates = range(s.doc_count_all())
            fast = ranking.proximity_scores(s, q, candidates)
            shutil.rmtree(Path(tmp) / positions.SIDECAR_DIR)
            positions.clear_cache()
            slow = ranking.proximity_scores(s, q, candidates)
        assert fast.keys() == slow.keys()
        assert [fast[d] for d in sorted(fast)] == pytest.approx([slow[d] for d in sorted(slow)])


def test_proximity_pairs_found_from_sidecars(tmp_path):
    from searchlib import ranking
    from searchlib.query import parse_user_query

    ix = build(tmp_path, ["rule of law and water", "water law rule", "rule law"], segments=2)
    q = parse_user_query("rule law", ix.schema, match="any")
    with ix.searcher(weighting=ranking.weighting()) as s:
        assert ranking._sidecar_hits(s, "text", "rule", [0, 1, 2]) is not None
        assert sorted(ranking.proximity_scores(s, q, range(3))) == [0, 2]
