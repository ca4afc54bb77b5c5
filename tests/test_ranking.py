from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import fields, index, qparser
from whoosh import query as wq

from searchlib import ranking
from searchlib.analysis import text_analyzer

TEXTS = [
    "nuclear weapons and disarmament talks",
    "disarmament of the region; nuclear energy is another matter entirely for the ministry",
    "nuclear disarmament now",
    "energy policy",
    "talks on energy and weapons",
    "the nuclear option",
] * 3


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> index.Index:
    a = text_analyzer()
    schema = fields.Schema(
        pid=fields.ID(stored=True),
        title=fields.TEXT(analyzer=a),
        text=fields.TEXT(analyzer=a, stored=True, multitoken_query="phrase"),
    )
    ix = index.create_in(str(tmp_path_factory.mktemp("ix")), schema)
    w = ix.writer()
    for i, text in enumerate(TEXTS):
        w.add_document(pid=str(i), title="speech" if i % 2 else "statement", text=text)
    w.commit()
    return ix


def parse(ix: index.Index, text: str, group: type = qparser.OrGroup) -> wq.Query:
    return qparser.MultifieldParser(["title", "text"], ix.schema, group=group).parse(text)


def docnums(ix: index.Index, q: wq.Query, limit: int | None = None) -> list[int]:
    with ix.searcher(weighting=ranking.weighting()) as s:
        return [h.docnum for h in s.search(q, limit=limit)]


def reranked(ix: index.Index, q: wq.Query, **options: object) -> list[int]:
    with ix.searcher(weighting=ranking.weighting()) as s:
        pool = [(h.score, h.docnum) for h in s.search(q, limit=None)]
        return [d for _, d in ranking.rerank(s, q, pool, **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("nuclear disarmament", qparser.OrGroup),
        ("nuclear disarmament", qparser.AndGroup),
        ("energy weapons talks", qparser.OrGroup),
        ("nuclear talks NOT energy", qparser.AndGroup),
        ("nuclear weapons disarmament talks", qparser.OrGroup),  # long: feedback too
    ],
)
def test_rerank_keeps_the_candidates(ix: index.Index, text: str, group: type) -> None:
    q = parse(ix, text, group)
    assert sorted(reranked(ix, q)) == sorted(docnums(ix, q))


def test_proximity_prefers_words_together(ix: index.Index) -> None:
    q = parse(ix, "nuclear disarmament")
    assert TEXTS[reranked(ix, q)[0]] == "nuclear disarmament now"
    plain = reranked(ix, q, proximity=0.0, feedback=False)
    assert plain == docnums(ix, q)


def test_proximity_only_for_words_near_and_in_order(ix: index.Index) -> None:
    q = parse(ix, "nuclear disarmament")
    with ix.searcher(weighting=ranking.weighting()) as s:
        scores = ranking.proximity_scores(s, q, range(len(TEXTS)))
    # in order and at most two words apart (stop words do not count); never reversed
    assert {TEXTS[d] for d in scores} == {
        "nuclear disarmament now",
        "nuclear weapons and disarmament talks",
    }


def test_proximity_equals_whoosh_sloppy_phrase_scores(ix: index.Index) -> None:
    q = parse(ix, "nuclear disarmament")
    from searchlib.analysis import analyze

    phrase = wq.Phrase("text", analyze("nuclear disarmament"), slop=ranking.PROXIMITY_SLOP)
    with ix.searcher(weighting=ranking.weighting()) as s:
        ours = ranking.proximity_scores(s, q, range(len(TEXTS)))
        theirs = {h.docnum: h.score for h in s.search(phrase, limit=None)}
    assert ours.keys() == theirs.keys()
    assert all(ours[d] == pytest.approx(theirs[d]) for d in ours)


def test_single_word_query_has_no_bonus(ix: index.Index) -> None:
    with ix.searcher(weighting=ranking.weighting()) as s:
        assert ranking.proximity_scores(s, parse(ix, "nuclear"), range(len(TEXTS))) == {}


def test_proximity_terms_ignore_negated_words(ix: index.Index) -> None:
    q = parse(ix, "nuclear NOT energy", qparser.AndGroup)
    assert ranking.proximity_terms(q) == ["nuclear"]


def test_ties_come_in_index_order(ix: index.Index) -> None:
    hits = docnums(ix, parse(ix, "policy"))
    assert hits == sorted(hits)  # identical passages score the same


def test_title_boost_and_idf(ix: index.Index, tmp_path: Path) -> None:
    w = ranking.PassageBM25F(field_boosts={"title": 3.0})
    with ix.searcher(weighting=w) as s:
        base = ranking.PassageBM25F()
        with ix.searcher(weighting=base) as s0:
            one = s0.search(wq.Term("title", "speech"), limit=1)[0].score
        assert s.search(wq.Term("title", "speech"), limit=1)[0].score == pytest.approx(3 * one)
        assert w.idf(s, "text", "nuclear") > 0
        assert w.idf(s, "text", "nuclear") < w.idf(s, "text", "polici")


def test_feedback_only_for_long_queries(ix: index.Index) -> None:
    with ix.searcher(weighting=ranking.weighting()) as s:
        assert ranking.feedback_query(s, parse(ix, "nuclear")) is None
        extra = ranking.feedback_query(s, parse(ix, "nuclear weapons disarmament talks"))
        assert extra is not None and all(isinstance(t, wq.Term) for t in extra.subqueries)
