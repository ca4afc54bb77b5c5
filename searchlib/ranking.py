"""Relevance ranking: BM25 over passage fields, a title boost and a proximity bonus.

Scores are per-field BM25 (Whoosh's "BM25F": each field saturates on its own and
the field scores add up) with the probabilistic IDF that Lucene and Anserini use,
which never goes negative and does not flatten rare terms the way Whoosh's
``log(N/(df+1)) + 1`` does. A match in the (shorter, shared by every passage of a
document) title counts ``TITLE_BOOST`` times a match in the text.

``rank_query`` adds a bonus for query words that occur close together in the
text, in the query's order (a sequential-dependence style feature), without
changing which passages match: the bonus sits on the optional side of an
AndMaybe-like ``ProximityBoost``. Ties keep Whoosh's order, ascending document number (index order),
which search.py also uses as its explicit tie-break.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from whoosh import matching
from whoosh import query as wq
from whoosh.scoring import BM25F, BM25FScorer, WeightingModel

__all__ = [
    "B",
    "K1",
    "PROXIMITY_BOOST",
    "PROXIMITY_SLOP",
    "TITLE_B",
    "TITLE_BOOST",
    "PassageBM25F",
    "ProximityBoost",
    "proximity_terms",
    "rank_query",
    "weighting",
]

K1 = 1.2
B = 0.75
TITLE_B = 0.5  # titles are short and similar in length: normalise them less
TITLE_BOOST = 1.5
PROXIMITY_FIELD = "text"
PROXIMITY_BOOST = 0.3
PROXIMITY_SLOP = 4  # words apart, in order (stop words already removed)
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
        n = searcher.doc_count_all()
        df = searcher.doc_frequency(fieldname, text)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def scorer(self, searcher, fieldname, text, qf=1):  # type: ignore[no-untyped-def]
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        b = self._field_B.get(fieldname, self.B)
        boost = self.field_boosts.get(fieldname, 1.0)
        return _BoostedScorer(searcher, fieldname, text, b, self.K1, boost)


class _BonusMatcher(matching.AndMaybeMatcher):
    """AndMaybe whose top-k skipping only ever looks at the main side.

    Whoosh's own AndMaybe asks the optional side for block qualities and lets
    it skip by quality; a phrase (span) matcher cannot do that correctly, and
    the top-k then silently loses documents. Here the bonus only contributes
    its overall maximum to the bounds and is moved with plain ``skip_to``.
    """

    def block_quality(self):  # type: ignore[no-untyped-def]
        a, b = self.a, self.b
        return a.block_quality() + (b.max_quality() if b.is_active() else 0.0)

    def supports_block_quality(self):  # type: ignore[no-untyped-def]
        return self.a.supports_block_quality()

    def skip_to_quality(self, minquality):  # type: ignore[no-untyped-def]
        a, b = self.a, self.b
        if not a.is_active():
            raise matching.ReadTooFar
        if not b.is_active():
            return a.skip_to_quality(minquality)
        skipped = a.skip_to_quality(minquality - b.max_quality())
        if a.is_active() and b.is_active() and b.id() < a.id():
            b.skip_to(a.id())
        return skipped

    def replace(self, minquality=0):  # type: ignore[no-untyped-def]
        a, b = self.a, self.b
        if not a.is_active():
            return matching.NullMatcher()
        if not b.is_active():
            return a.replace(minquality)
        new_a = a.replace(minquality - b.max_quality()) if minquality else a.replace(0)
        if new_a is a:
            return self
        if not new_a.is_active():
            return matching.NullMatcher()
        return self.__class__(new_a, b)


class ProximityBoost(wq.AndMaybe):
    """``a`` with ``b``'s score added where ``b`` also matches: matches exactly ``a``."""

    matcherclass = _BonusMatcher

    def normalize(self) -> wq.Query:
        a = self.a.normalize()
        if a is wq.NullQuery:
            return wq.NullQuery
        b = self.b.normalize()
        if b is wq.NullQuery:
            return a
        return self.__class__(a, b)


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


def rank_query(
    query: wq.Query,
    terms: Sequence[str] | None = None,
    *,
    fieldname: str = PROXIMITY_FIELD,
    boost: float = PROXIMITY_BOOST,
    slop: int = PROXIMITY_SLOP,
) -> wq.Query:
    """``query`` plus an optional bonus for adjacent query words found near each other.

    The match set is exactly ``query``'s (the bonus is the optional side of an
    ``AndMaybe``); a query with fewer than two words comes back unchanged.
    """
    words = list(dict.fromkeys(terms)) if terms is not None else proximity_terms(query, fieldname)
    if len(words) < 2 or boost <= 0:
        return query
    pairs = list(zip(words, words[1:]))[:MAX_PROXIMITY_PAIRS]
    near: list[wq.Query] = [wq.Phrase(fieldname, [a, b], slop=slop) for a, b in pairs]
    bonus = near[0] if len(near) == 1 else wq.Or(near)
    bonus.boost = boost
    return ProximityBoost(query, bonus)
