"""Relevance ranking: BM25 over passage fields, a title boost and a proximity bonus.

Scores are per-field BM25 (Whoosh's "BM25F": each field saturates on its own and
the field scores add up) with the probabilistic IDF that Lucene and Anserini use,
which never goes negative and does not flatten rare terms the way Whoosh's
``log(N/(df+1)) + 1`` does. A match in the (shorter, shared by every passage of a
document) title counts ``TITLE_BOOST`` times a match in the text.

``rerank`` then re-orders the best candidates (never the whole match set,
so it stays cheap on large indexes, and never changes which passages match):
a bonus for query words found close together in the text, in the query's
order (a sequential-dependence style feature), and, for long natural-language
queries, pseudo-relevance feedback (RM3 style) from the first passages. Ties
go to the lower document number (index order).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from whoosh import query as wq
from whoosh.scoring import BM25F, BM25FScorer, WeightingModel

__all__ = [
    "B",
    "FEEDBACK",
    "K1",
    "PROXIMITY_BOOST",
    "PROXIMITY_SLOP",
    "TITLE_B",
    "TITLE_BOOST",
    "PassageBM25F",
    "bonus_scores",
    "pool_size",
    "feedback_query",
    "feedback_terms",
    "proximity_scores",
    "proximity_terms",
    "rerank",
    "weighting",
]

K1 = 1.2
B = 0.75
TITLE_B = 0.75
TITLE_BOOST = 1.0  # the field's own BM25 already rewards title matches; see docs/relevance.md
PROXIMITY_FIELD = "text"
PROXIMITY_BOOST = 0.3
PROXIMITY_SLOP = 2  # words apart, in order (stop words already removed)
MAX_PROXIMITY_PAIRS = 6  # long natural-language queries: only the first pairs


class _BoostedScorer(BM25FScorer):
    """BM25 for one term in one field, scaled by the field's boost."""

    def __init__(self, searcher, fieldname, text, B, K1, boost):  # type: ignore[no-untyped-def]
        super().__init__(searcher, fieldname, text, B, K1)
        self.idf *= boost


class PassageBM25F(BM25F):
    """BM25F with field boosts and the non-negative probabilistic IDF."""

    def __init__(
        self,
        B: float = B,
        K1: float = K1,
        field_boosts: dict[str, float] | None = None,
        **field_B: float,
    ) -> None:
        super().__init__(B=B, K1=K1, **field_B)
        self.field_boosts = dict(field_boosts or {})

    def idf(self, searcher, fieldname, text):  # type: ignore[no-untyped-def]
        from . import docset

        n = searcher.doc_count_all()
        df = docset.doc_frequency(searcher, fieldname, text)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def scorer(self, searcher, fieldname, text, qf=1):  # type: ignore[no-untyped-def]
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        b = self._field_B.get(fieldname, self.B)
        boost = self.field_boosts.get(fieldname, 1.0)
        return _BoostedScorer(searcher, fieldname, text, b, self.K1, boost)


def weighting() -> WeightingModel:
    """The model search.py opens its searcher with."""
    return PassageBM25F(B=B, K1=K1, field_boosts={"title": TITLE_BOOST}, title_B=TITLE_B)


def proximity_terms(query: wq.Query, fieldname: str = PROXIMITY_FIELD) -> list[str]:
    """The positive terms of ``query`` in ``fieldname``, in query order, without repeats."""
    terms: list[str] = []
    _collect(query, fieldname, terms)
    return list(dict.fromkeys(terms))


def _collect(q: wq.Query, fieldname: str, out: list[str]) -> None:
    if isinstance(q, wq.Not):
        return
    if isinstance(q, (wq.AndNot, wq.AndMaybe)):
        _collect(q.a, fieldname, out)  # the excluded / optional side adds no proximity
        return
    if isinstance(q, wq.Term):
        if q.fieldname == fieldname:
            text = q.text
            out.append(text.decode("utf-8") if isinstance(text, bytes) else text)
        return
    if isinstance(q, wq.Phrase):
        if q.fieldname == fieldname:
            out.extend(w.decode("utf-8") if isinstance(w, bytes) else w for w in q.words)
        return
    if q.is_leaf():
        return
    for child in q.children():
        _collect(child, fieldname, out)


# --- pseudo-relevance feedback (optional) ---------------------------------------------------

FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 10
ORIGINAL_WEIGHT = 0.5
MIN_FEEDBACK_QUERY_TERMS = 4  # short queries are usually precise already
PROXIMITY_POOL = 20
FEEDBACK_POOL = 1000
FEEDBACK = True  # measured to help on Cranfield (docs/relevance.md); off: rerank(feedback=False)


def feedback_terms(
    searcher: Any,
    query: wq.Query,
    *,
    fieldname: str = PROXIMITY_FIELD,
    docs: int = FEEDBACK_DOCS,
    terms: int = FEEDBACK_TERMS,
    filter: wq.Query | None = None,
) -> list[tuple[str, float]]:
    """RM3-style expansion terms from the top ``docs`` passages, weights summing to 1.

    Each passage votes for its terms in proportion to their share of its length,
    weighted by the passage's normalised retrieval score. Reads the stored text
    and re-analyses it, so the field must be stored (term vectors are not needed).
    """
    from .analysis import analyze
    from .topk import top_k

    best = top_k(searcher, query, docs, filter=filter)
    if best is None:  # a shape top_k does not score: Whoosh's collector
        best = [
            (hit.score or 0.0, hit.docnum)
            for hit in searcher.search(query, limit=docs, filter=filter)
        ]
    scored = [
        (score, searcher.stored_fields(docnum).get(fieldname) or "") for score, docnum in best
    ]
    total = sum(score for score, _ in scored)
    if not scored or total <= 0:
        return []
    weights: dict[str, float] = {}
    for score, text in scored:
        words = analyze(text, mode="index")
        if not words:
            continue
        share = score / total / len(words)
        for w in words:
            weights[w] = weights.get(w, 0.0) + share
    # Terms in every passage of the index say nothing; weigh by how rare they are.
    n = searcher.doc_count_all() or 1
    for w in list(weights):
        df = searcher.doc_frequency(fieldname, w)
        if df <= 1 or df > n / 2:
            del weights[w]
    strongest = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:terms]
    norm = sum(v for _, v in strongest) or 1.0
    return [(w, v / norm) for w, v in strongest]


def proximity_scores(
    searcher: Any,
    query: wq.Query,
    docnums: Iterable[int],
    *,
    fieldname: str = PROXIMITY_FIELD,
    slop: int = PROXIMITY_SLOP,
) -> dict[int, float]:
    """For each candidate, what a sloppy phrase of each adjacent query-word pair scores there.

    A pair counts where its second word follows the first within ``slop``
    positions; it scores both words' BM25 in that passage, as Whoosh scores a
    sloppy phrase. Each word's postings are skipped to the candidates only, so
    the cost follows the pool, not the index.
    """
    words = proximity_terms(query, fieldname)
    if len(words) < 2:
        return {}
    pairs = list(zip(words, words[1:], strict=False))[:MAX_PROXIMITY_PAIRS]
    ordered = sorted(docnums)
    hits = {w: _term_hits(searcher, fieldname, w, ordered) for pair in pairs for w in pair}
    scores: dict[int, float] = {}
    for a, b in pairs:
        first, second = hits[a], hits[b]
        for docnum in first.keys() & second.keys():
            (score_a, where_a), (score_b, where_b) = first[docnum], second[docnum]
            if _follows_within(where_a, where_b, slop):
                scores[docnum] = scores.get(docnum, 0.0) + score_a + score_b
    return scores


def _term_hits(
    searcher: Any, fieldname: str, word: str, ordered: Sequence[int]
) -> dict[int, tuple[float, list[int]]]:
    """``word``'s score and positions in each of the (sorted) candidates that contain it."""
    fast = _sidecar_hits(searcher, fieldname, word, ordered)
    if fast is not None:
        return fast
    matcher = wq.Term(fieldname, word).matcher(searcher, searcher.context())
    return {
        docnum: (matcher.score(), list(matcher.value_as("positions")))
        for docnum in _at_candidates(matcher, ordered)
    }


def _sidecar_hits(
    searcher: Any, fieldname: str, word: str, ordered: Sequence[int]
) -> dict[int, tuple[float, list[int]]] | None:
    """``_term_hits`` from the segments' positions sidecars; None if one has none."""
    import numpy as np

    from . import positions, topk

    candidates = np.asarray(ordered, dtype=np.int64)
    out: dict[int, tuple[float, list[int]]] = {}
    scorers: dict[Any, Any] = {}
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        lo, hi = np.searchsorted(candidates, [offset, offset + reader.doc_count_all()])
        if lo == hi:
            continue
        side = positions.for_reader(reader)
        field = side.field(fieldname) if side is not None else None
        if field is None:
            return None
        docs, scores = topk.term_scores_at(
            searcher, leaf, fieldname, word, candidates[lo:hi] - offset, scorers
        )
        for docnum, score in zip(docs.tolist(), scores.tolist(), strict=True):
            out[docnum + offset] = (score, field.positions(word, docnum).tolist())
    return out


def _at_candidates(matcher: Any, ordered: Iterable[int]) -> Iterator[int]:
    """Skip ``matcher`` to each (sorted) candidate in turn, yielding those it matches."""
    for docnum in ordered:
        if not matcher.is_active():
            return
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                return
        if matcher.id() == docnum:
            yield docnum


def _follows_within(first: list[int], second: list[int], slop: int) -> bool:
    for pos in first:
        i = bisect_right(second, pos)
        if i < len(second) and second[i] - pos <= slop:
            return True
    return False


def feedback_query(
    searcher: Any,
    query: wq.Query,
    *,
    fieldname: str = PROXIMITY_FIELD,
    min_query_terms: int = MIN_FEEDBACK_QUERY_TERMS,
    filter: wq.Query | None = None,
) -> wq.Query | None:
    """The feedback terms of a long query as one weighted query; None for short queries.

    Scaled so that the expansion's total weight relates to the query's as in
    RM3's mix of ``ORIGINAL_WEIGHT`` original to the rest expansion.
    """
    own = proximity_terms(query, fieldname)
    if len(own) < min_query_terms:
        return None
    expansion = feedback_terms(searcher, query, fieldname=fieldname, filter=filter)
    if not expansion:
        return None
    scale = (1.0 - ORIGINAL_WEIGHT) / ORIGINAL_WEIGHT * len(own)
    return wq.Or([wq.Term(fieldname, w, boost=v * scale) for w, v in expansion])


def pool_size(query: wq.Query, wanted: int) -> int:
    """How many candidates to rank before the bonuses re-order them.

    Feedback can lift passages from well below the first page (it adds words
    the user did not type), so long queries get a deeper pool.
    """
    deep = FEEDBACK and len(proximity_terms(query)) >= MIN_FEEDBACK_QUERY_TERMS
    return max(2 * wanted, FEEDBACK_POOL if deep else PROXIMITY_POOL)


def bonus_scores(searcher: Any, bonus: wq.Query, docnums: Iterable[int]) -> dict[int, float]:
    """``bonus``'s score for each of ``docnums`` that it matches (skipping, not scanning)."""
    matcher = bonus.matcher(searcher, searcher.context())
    return {docnum: matcher.score() for docnum in _at_candidates(matcher, sorted(docnums))}


def rerank(
    searcher: Any,
    query: wq.Query,
    candidates: Sequence[tuple[float, int]],
    *,
    filter: wq.Query | None = None,
    proximity: float | None = None,
    feedback: bool | None = None,
) -> list[tuple[float, int]]:
    """``(score, docnum)`` candidates re-scored with the proximity and feedback bonuses.

    Best first; equal scores keep index order. Only the candidates given are
    looked at, so callers pass a pool somewhat larger than the page they show.
    """
    proximity = PROXIMITY_BOOST if proximity is None else proximity
    feedback = FEEDBACK if feedback is None else feedback
    totals = {docnum: score for score, docnum in candidates}
    if proximity > 0:
        for docnum, extra in proximity_scores(searcher, query, totals).items():
            totals[docnum] += proximity * extra
    bonus = feedback_query(searcher, query, filter=filter) if feedback else None
    if bonus is not None:
        for docnum, extra in bonus_scores(searcher, bonus, totals).items():
            totals[docnum] += extra
    return sorted(((score, d) for d, score in totals.items()), key=lambda p: (-p[0], p[1]))
