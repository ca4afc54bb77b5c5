"""Exact top-k ranking with numpy, scoring only the (already known) match set.

Whoosh's collector walks every matching posting in Python, one document at a
time, which dominates query time on big indexes. Here each leaf term's
postings and weights are decoded a block at a time into cached numpy arrays
(:func:`searchlib.docset.term_postings`), field lengths come from one cached
array per segment, and the scores Whoosh *would* give are computed for all
matching documents at once. The rules mirror Whoosh 2.7's matchers exactly,
quirks included (a ``Not`` inside an ``And`` adds 1.0; a constant-score
prefix over a small segment scores 1.0 per document), because a page must
not change when this path replaces the collector. Phrases are matched from
the segments' positions sidecars (``positions.py``); spans, segments without
a sidecar and shapes we don't know return ``None`` so the caller falls back
to Whoosh.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.columns import NumericColumn
from whoosh.query.compound import DefaultOr, PreloadedOr
from whoosh.query.positional import Phrase
from whoosh.query.ranges import NumericRange
from whoosh.query.terms import MultiTerm, Term
from whoosh.query.wrappers import ConstantScoreQuery, Not
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.util.numeric import byte_to_length

from . import docset

__all__ = ["clear_cache", "field_lengths", "supports", "term_scores_at", "top_k"]

# Whoosh's Or picks a matcher by these (whoosh.query.compound.Or._matcher).
_TOO_MANY_CLAUSES = wq.Or.TOO_MANY_CLAUSES
_PRELOAD_MAX_DOCS = 5000

_FLAT = True  # use the one-accumulator path when the query allows (tests turn it off)

_LENGTH_OF_BYTE = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float32)


class Unsupported(Exception):
    """A query shape whose Whoosh score this module does not reproduce."""


class _NotFlat(Exception):
    """The query's score is not a plain sum of term scores over the match set."""


# --- per-segment field lengths ------------------------------------------------

_LENGTHS = docset.ByteLRU(max_bytes=128 * 1024 * 1024)


def clear_cache() -> None:
    _LENGTHS.clear()


def _read_lengths(reader: Any, fieldname: str) -> np.ndarray:
    ndocs = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = None
    if perdoc is not None and hasattr(perdoc, "_cached_reader"):
        try:
            column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        except Exception:  # noqa: BLE001 - fall back to the per-doc API
            column = None
        if column is None and hasattr(perdoc, "has_column"):
            # No length column at all: Whoosh's scorers then use their default of 1.
            return np.ones(ndocs, dtype=np.float32)
    if (
        isinstance(column, NumericColumn.Reader)
        and getattr(column, "_typecode", None) == "B"
        and hasattr(column, "_dbfile")
    ):
        count = min(column._count, ndocs)
        raw = np.zeros(ndocs, dtype=np.uint8)
        if count:
            data = column._dbfile.get(column._basepos, count)
            raw[:count] = np.frombuffer(data, dtype=np.uint8)
        return _LENGTH_OF_BYTE[raw]
    values = (reader.doc_field_length(d, fieldname, 1) or 0 for d in range(ndocs))
    return np.fromiter(values, dtype=np.float32, count=ndocs)


def field_lengths(reader: Any, fieldname: str) -> np.ndarray:
    """One segment's (byte-quantised) length of ``fieldname`` per local docnum, cached.

    The values are exactly what ``doc_field_length`` returns (0 for docs
    without the field), as float32, which holds them exactly.
    """
    key = (docset.segment_key(reader), fieldname)
    arr = _LENGTHS.get(key)
    if arr is None:
        arr = _read_lengths(reader, fieldname)
        arr.setflags(write=False)
        _LENGTHS.put(key, arr)
    return arr


# --- locating postings in the match set ---------------------------------------


def _locate(matched: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in ``matched`` and in ``docs`` of their common docnums (both sorted)."""
    if not len(matched) or not len(docs):
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty
    if len(matched) * 4 < len(docs):
        idx = np.searchsorted(docs, matched)
        np.minimum(idx, len(docs) - 1, out=idx)
        hit = docs[idx] == matched
        return np.flatnonzero(hit), idx[hit]
    idx = np.searchsorted(matched, docs)
    np.minimum(idx, len(matched) - 1, out=idx)
    hit = matched[idx] == docs
    return idx[hit], np.flatnonzero(hit)


# --- evaluation over one segment ------------------------------------------------

Result = tuple[np.ndarray, np.ndarray | None]  # (mask over the match set, scores or None)


class _Segment:
    """Scores of one leaf searcher's matched docs, following Whoosh's matcher rules."""

    def __init__(
        self,
        top: Any,
        leaf: Any,
        matched: np.ndarray,
        cache: docset.ByteLRU,
        scorers: dict[tuple[str, bytes], Any] | None = None,
    ) -> None:
        self.top = top
        self.scorers = {} if scorers is None else scorers
        self.leaf = leaf
        self.reader = leaf.reader()
        self.schema = self.reader.schema
        self.ndocs = self.reader.doc_count_all()
        self.matched = matched
        self.m = len(matched)
        self.cache = cache
        self.weighting = top.weighting
        self._pos_of: np.ndarray | None = None

    def locate(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions in the match set and in ``docs`` of the docs they share."""
        m, n = self.m, len(docs)
        if m * 4 < n or m * 8 < self.ndocs:
            return _locate(self.matched, docs)
        # Big match set: one doc -> position map makes each lookup a gather.
        if self._pos_of is None:
            self._pos_of = np.full(self.ndocs, -1, dtype=np.int64)
            self._pos_of[self.matched] = np.arange(m)
        pos = self._pos_of[docs]
        hit = np.flatnonzero(pos >= 0)
        return pos[hit], hit

    def _empty(self, scored: bool) -> Result:
        return np.zeros(self.m, dtype=bool), (np.zeros(self.m) if scored else None)

    def _const(self, mask: np.ndarray, value: float, scored: bool) -> Result:
        return mask, (np.where(mask, value, 0.0) if scored else None)

    # ``scored``: whether the caller uses the score; ``weighted``: whether the
    # Whoosh search context still has a weighting (constant-score multi-terms
    # and boolean contexts drop it, which changes how a preloaded Or scores).
    def eval(self, q: wq.Query, scored: bool, weighted: bool = True) -> Result:  # noqa: C901
        t = type(q)
        if q is wq.NullQuery or t is wq.qcore._NullQuery:
            return self._empty(scored)
        if t is Term:
            return self.term(q.fieldname, q.text, q.boost, scored)
        if t is wq.And:
            subs = list(q.subqueries)
            if not subs:
                return self._empty(scored)
            if len(subs) == 1:  # Whoosh ignores the compound's boost here
                return self.eval(subs[0], scored, weighted)
            mask: np.ndarray | None = None
            total = np.zeros(self.m) if scored else None
            for s in subs:
                smask, sscore = self.eval(s, scored, weighted)
                mask = smask if mask is None else mask & smask
                if total is not None and sscore is not None:
                    total += sscore
            assert mask is not None
            return mask, self._finish(mask, total, q.boost)
        if t in (wq.Or, DefaultOr, PreloadedOr):
            return self.union(q, scored, weighted)
        if t is Not:
            inner, _ = self.eval(q.query, False, False)
            return self._const(~inner, 1.0, scored)  # InverseMatcher scores 1.0
        if t is wq.AndNot:
            amask, ascore = self.eval(q.a, scored, weighted)
            bmask, _ = self.eval(q.b, False, False)
            mask = amask & ~bmask
            return mask, self._finish(mask, ascore, 1.0)
        if t is wq.Require:
            amask, ascore = self.eval(q.a, scored, weighted)
            bmask, _ = self.eval(q.b, False, False)
            mask = amask & bmask
            return mask, self._finish(mask, ascore, 1.0)
        if t is wq.AndMaybe:
            amask, ascore = self.eval(q.a, scored, weighted)
            bmask, bscore = self.eval(q.b, scored, weighted)
            if ascore is not None and bscore is not None:
                ascore = ascore + np.where(bmask, bscore, 0.0)
            return amask, self._finish(amask, ascore, 1.0)
        if t is ConstantScoreQuery:
            mask, _ = self.eval(q.child, False, weighted)
            return self._const(mask, q.score or 1.0, scored)  # ListMatcher(all_weights=score)
        if isinstance(q, NumericRange):
            return self.eval(q._compile_query(self.reader), scored, weighted)
        if _plain_multiterm(q):
            return self.multiterm(q, scored, weighted)
        if t is Phrase:
            return self.phrase(q, scored)
        raise Unsupported(t.__name__)

    def phrase(self, q: Phrase, scored: bool) -> Result:
        """Whoosh scores a phrase match as the sum of its words' term scores."""
        docs = docset.phrase_docnums(self.reader, q)
        if docs is None:
            raise Unsupported("phrase without a positions sidecar")
        pos, _ = self.locate(docs)
        mask = np.zeros(self.m, dtype=bool)
        mask[pos] = True
        if not scored or not len(pos):
            return mask, (np.zeros(self.m) if scored else None)
        total = np.zeros(self.m)
        for word in q.words:
            scores = self.term(q.fieldname, word, 1.0, True)[1]
            assert scores is not None  # asked for scores
            total += scores
        return mask, self._finish(mask, total, q.boost)

    def _finish(
        self, mask: np.ndarray, score: np.ndarray | None, boost: float
    ) -> np.ndarray | None:
        if score is None:
            return None
        score = np.where(mask, score, 0.0)
        if boost != 1.0:
            score *= boost
        return score

    def union(self, q: wq.Query, scored: bool, weighted: bool) -> Result:
        subs = list(q.subqueries)
        if not subs:
            return self._empty(scored)
        if len(subs) == 1:
            return self.eval(subs[0], scored, weighted)
        if getattr(q, "scale", None) or (getattr(q, "minmatch", 0) or 0) > 1:
            raise Unsupported("Or with scale or minmatch")
        preload = self._preloads(q, len(subs))
        if preload and not weighted:
            # ArrayUnionMatcher without a weighting: every match scores 1.0.
            mask = np.zeros(self.m, dtype=bool)
            for s in subs:
                mask |= self.eval(s, False, weighted)[0]
            return self._const(mask, 1.0, scored)
        if preload:
            # ArrayUnionMatcher: sums child score * boost; a doc matches when the sum > 0.
            acc = np.zeros(self.m)
            for s in subs:
                smask, sscore = self.eval(s, True, weighted)
                assert sscore is not None
                acc += np.where(smask, sscore * q.boost, 0.0)
            mask = acc > 0
            return mask, (acc if scored else None)
        mask = np.zeros(self.m, dtype=bool)
        total = np.zeros(self.m) if scored else None
        for s in subs:
            smask, sscore = self.eval(s, scored, weighted)
            mask |= smask
            if total is not None and sscore is not None:
                total += np.where(smask, sscore, 0.0)
        return mask, self._finish(mask, total, q.boost)

    def _preloads(self, q: wq.Query, nsubs: int) -> bool:
        """Whether Whoosh uses its ArrayUnionMatcher for this Or (no current-doc needs)."""
        if type(q) is PreloadedOr:
            return True
        if type(q) is not wq.Or:
            return False
        return not (nsubs < _TOO_MANY_CLAUSES and (nsubs == 2 or self.ndocs > _PRELOAD_MAX_DOCS))

    # -- the common case: a sum of term scores ---------------------------------
    def flat_scores(self, q: wq.Query) -> np.ndarray:
        """Scores over the match set when ``q`` scores as a plain (boosted) sum of terms.

        True for the parser's usual trees (And/Or of per-field Terms, prefixes,
        fuzzy terms, NOT and ANDNOT at the top): every doc in the exact match
        set satisfies the top-level conjunction, so each term adds its score
        wherever it occurs. One accumulator, no per-node masks. Raises
        ``_NotFlat`` otherwise (e.g. an And inside an Or).
        """
        leaves: list[tuple[str, bytes, float]] = []
        consts: list[float] = []
        self._flatten(q, 1.0, False, leaves, consts)
        if self.m * 8 >= self.ndocs:
            # Big match set: add every posting's score into one array over the
            # segment and read the matched docs out of it.
            dense = np.zeros(self.ndocs)
            for fieldname, btext, boost in leaves:
                docs, weights = docset.term_postings(self.reader, fieldname, btext, self.cache)
                scores = self.term_scores(fieldname, btext, docs, weights)
                np.add.at(dense, docs, scores * boost if boost != 1.0 else scores)
            acc = dense[self.matched]
        else:
            acc = np.zeros(self.m)
            for fieldname, btext, boost in leaves:
                pos, hits = self.term_hits(fieldname, btext)
                assert hits is not None
                acc[pos] += hits * boost if boost != 1.0 else hits
        for c in consts:
            acc += c
        return acc

    def _present(self, fieldname: str, text: Any) -> bytes | None:
        """The term's bytes if this segment has it (as Term.matcher decides)."""
        if fieldname not in self.schema:
            return None
        try:
            btext = self.schema[fieldname].to_bytes(text)
        except ValueError:
            return None
        return btext if docset.has_term(self.reader, fieldname, btext) else None

    def _flatten(  # noqa: C901 - one branch per query type
        self,
        q: wq.Query,
        boost: float,
        under_or: bool,
        leaves: list[tuple[str, bytes, float]],
        consts: list[float],
    ) -> None:
        t = type(q)
        if q is wq.NullQuery or t is wq.qcore._NullQuery:
            return
        if t is Term:
            btext = self._present(q.fieldname, q.text)
            if btext is not None:
                leaves.append((q.fieldname, btext, boost * q.boost))
            return
        if t is wq.And or t in (wq.Or, DefaultOr, PreloadedOr):
            subs = list(q.subqueries)
            if len(subs) == 1:  # the compound's boost is ignored, as in Whoosh
                self._flatten(subs[0], boost, under_or, leaves, consts)
                return
            if t is wq.And and under_or:
                raise _NotFlat
            if t is not wq.And and (
                getattr(q, "scale", None) or (getattr(q, "minmatch", 0) or 0) > 1
            ):
                raise Unsupported("Or with scale or minmatch")
            inner = under_or or t is not wq.And
            for sub in subs:
                self._flatten(sub, boost * q.boost, inner, leaves, consts)
            return
        if under_or:
            if not _plain_multiterm(q):
                raise _NotFlat
            self._flatten_multiterm(q, boost, under_or, leaves, consts)
            return
        # Below only And nodes: every doc of the match set satisfies q.
        if t is Not:
            consts.append(1.0 * boost)  # InverseMatcher's score
        elif t in (wq.AndNot, wq.Require):
            self._flatten(q.a, boost, under_or, leaves, consts)
        elif t is ConstantScoreQuery:
            consts.append((q.score or 1.0) * boost)
        elif isinstance(q, NumericRange):
            self._flatten(q._compile_query(self.reader), boost, under_or, leaves, consts)
        elif _plain_multiterm(q):
            self._flatten_multiterm(q, boost, under_or, leaves, consts)
        else:
            raise _NotFlat

    def _flatten_multiterm(
        self,
        q: MultiTerm,
        boost: float,
        under_or: bool,
        leaves: list[tuple[str, bytes, float]],
        consts: list[float],
    ) -> None:
        fieldname = q.field()
        if not fieldname or fieldname not in self.schema:
            return
        # Whoosh counts every expansion (even one this segment lacks) when it
        # picks a matcher, so count them all, but only score the present ones.
        words = [w for w in q._btexts(self.reader) if w]
        present = [b for b in (self._present(fieldname, w) for w in words) if b is not None]
        if len(words) == 1:
            leaves.extend((fieldname, w, boost) for w in present)
        elif len(words) > 1:
            if q.constantscore and self._preloads(wq.Or([]), len(words)):
                if under_or:
                    raise _NotFlat
                if present:
                    consts.append(1.0 * boost)
            else:
                leaves.extend((fieldname, w, boost * q.boost) for w in present)

    def multiterm(self, q: MultiTerm, scored: bool, weighted: bool) -> Result:
        fieldname = q.field()
        if not fieldname or fieldname not in self.schema:
            return self._empty(scored)
        words = [w for w in q._btexts(self.reader) if w]
        if not words:
            return self._empty(scored)
        if len(words) == 1:  # Whoosh drops the multi-term's boost for a single expansion
            return self.term(fieldname, words[0], 1.0, scored)
        ored = wq.Or([Term(fieldname, w) for w in words], boost=q.boost)
        return self.union(ored, scored, weighted and not q.constantscore)

    def term(self, fieldname: str, text: Any, boost: float, scored: bool) -> Result:
        btext = self._present(fieldname, text)
        if btext is None:
            return self._empty(scored)
        pos, scores = self.term_hits(fieldname, btext, scored)
        mask = np.zeros(self.m, dtype=bool)
        mask[pos] = True
        if scores is None:
            return mask, None
        score = np.zeros(self.m)
        score[pos] = scores * boost if boost != 1.0 else scores
        return mask, score

    def term_hits(
        self, fieldname: str, btext: bytes, scored: bool = True
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Match-set positions a term occurs at, with its (unboosted) Whoosh scores there."""
        docs, weights = docset.term_postings(self.reader, fieldname, btext, self.cache)
        pos, idx = self.locate(docs)
        if not scored:
            return pos, None
        if len(idx) * 4 > len(docs):
            # Most postings are needed: score them all once and keep that.
            return pos, self.term_scores(fieldname, btext, docs, weights)[idx]
        scorer = self.scorer(fieldname, btext)
        return pos, _scores(scorer, self.reader, fieldname, docs[idx], weights[idx])

    def scorer(self, fieldname: str, btext: bytes) -> Any:
        """The term's scorer, made once per query: its statistics (idf, average
        length) come from the top-level searcher, the same for every segment,
        and making one costs a term lookup in every segment."""
        key = (fieldname, btext)
        found = self.scorers.get(key)
        if found is None:
            found = self.scorers[key] = self.weighting.scorer(self.leaf, fieldname, btext)
        return found

    def term_scores(
        self, fieldname: str, btext: bytes, docs: np.ndarray, weights: np.ndarray
    ) -> np.ndarray:
        """Whoosh's score of every posting of a term (cached with the stats they depend on)."""
        scorer = self.scorer(fieldname, btext)
        key = (docset.segment_key(self.reader), fieldname, btext, *_scorer_key(scorer))
        full = self.cache.get(key)
        if full is None:
            full = _scores(scorer, self.reader, fieldname, docs, weights)
            full.setflags(write=False)
            self.cache.put(key, full)
        return full


def term_scores_at(
    top: Any,
    leaf: Any,
    fieldname: str,
    text: str,
    docs: np.ndarray,
    scorers: dict[tuple[str, bytes], Any] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Of ``docs`` (sorted, local to ``leaf``), those containing the term, and its scores there.

    The scores are what ``top``'s weighting gives the term in each, as in
    :func:`top_k`; ``scorers`` keeps the term's scorer for the next segment.
    """
    reader = leaf.reader()
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
    try:
        btext = reader.schema[fieldname].to_bytes(text)
    except (KeyError, ValueError):
        return empty
    if not len(docs) or not docset.has_term(reader, fieldname, btext):
        return empty
    postings, weights = docset.term_postings(reader, fieldname, btext)
    if not len(postings):
        return empty
    at = np.minimum(np.searchsorted(postings, docs), len(postings) - 1)
    at = at[postings[at] == docs]
    scorers = {} if scorers is None else scorers
    scorer = scorers.get((fieldname, btext))
    if scorer is None:
        scorer = scorers[(fieldname, btext)] = top.weighting.scorer(leaf, fieldname, btext)
    return postings[at].astype(np.int64), _scores(
        scorer, reader, fieldname, postings[at], weights[at]
    )


def _scorer_key(scorer: Any) -> tuple[Any, ...]:
    if type(scorer) is WeightScorer:
        return ("weight",)
    return ("bm25", scorer.idf, scorer.avgfl, scorer.B, scorer.K1)


def _scores(
    scorer: Any, reader: Any, fieldname: str, docs: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Whoosh's per-posting scores, with the same float operations in the same order."""
    tf = weights.astype(np.float64)
    if type(scorer) is WeightScorer:
        return tf
    if isinstance(scorer, BM25FScorer) and type(scorer)._score is BM25FScorer._score:
        fl = field_lengths(reader, fieldname)[docs].astype(np.float64)
        idf, k1, b, avgfl = scorer.idf, scorer.K1, scorer.B, scorer.avgfl
        return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
    raise Unsupported(type(scorer).__name__)


def supports(query: wq.Query) -> bool:
    """Whether :func:`top_k` can score ``query`` (cheap structural check)."""
    t = type(query)
    if query is wq.NullQuery or t in (wq.qcore._NullQuery, Term):
        return True
    if t in (wq.And, wq.Or, DefaultOr, PreloadedOr):
        if t is not wq.And and (
            getattr(query, "scale", None) or (getattr(query, "minmatch", 0) or 0) > 1
        ):
            return False
        return all(supports(s) for s in query.subqueries)
    if t is Not:
        return supports(query.query)
    if t in (wq.AndNot, wq.Require, wq.AndMaybe):
        return supports(query.a) and supports(query.b)
    if t is ConstantScoreQuery:
        return supports(query.child)
    if isinstance(query, NumericRange) or (t is Phrase and query.slop >= 1):
        return True
    return _plain_multiterm(query)


# Pattern queries that Whoosh turns into Every() for these texts.
_MATCH_ALL = {wq.Prefix: "", wq.Wildcard: "*", wq.Regex: ".*"}


def _plain_multiterm(q: wq.Query) -> bool:
    """A multi-term query whose matcher is an Or of its expanded terms."""
    if not isinstance(q, MultiTerm):
        return False
    t = type(q)
    if t in _MATCH_ALL:
        return q.text != _MATCH_ALL[t]
    return t.matcher is MultiTerm.matcher


def top_k(
    searcher: Any,
    query: wq.Query,
    k: int | None,
    *,
    filter: wq.Query | None = None,  # noqa: A002 - same word as Whoosh's search()
    docnums: np.ndarray | None = None,
    cache: docset.ByteLRU | None = None,
) -> list[tuple[float, int]] | None:
    """The ``k`` best ``(score, docnum)`` pairs, best first, ties by ascending docnum.

    Scores equal Whoosh's ``searcher.search(query, filter=filter)`` scores with
    the searcher's weighting. ``docnums`` is the exact match set (sorted global
    docnums, as :func:`searchlib.docset.matching_docnums` returns) when the
    caller already has it. ``k=None`` ranks every match. Returns None when the
    query's shape is not supported; the caller should then use Whoosh.
    """
    if not supports(query):
        return None
    cache = docset.POSTINGS_CACHE if cache is None else cache
    if docnums is None:
        docnums = docset.matching_docnums(searcher, query, filter=filter, cache=cache)
    docnums = np.asarray(docnums, dtype=np.int64)
    if k is not None and k <= 0 or not len(docnums):
        return []
    score_parts: list[np.ndarray] = []
    doc_parts: list[np.ndarray] = []
    scorers: dict[tuple[str, bytes], Any] = {}  # shared by the segments
    try:
        for leaf, offset in searcher.leaf_searchers():
            ndocs = leaf.reader().doc_count_all()
            lo, hi = np.searchsorted(docnums, [offset, offset + ndocs])
            if lo == hi:
                continue
            local = docnums[lo:hi] - offset
            seg = _Segment(searcher, leaf, local, cache, scorers)
            try:
                if not _FLAT:
                    raise _NotFlat
                scores = seg.flat_scores(query)
            except _NotFlat:
                mask, full = seg.eval(query, True)
                assert full is not None
                scores, local = full[mask], local[mask]
            score_parts.append(scores)
            doc_parts.append(local + offset)
    except Unsupported:
        return None
    if not score_parts:
        return []
    scores = np.concatenate(score_parts)
    docs = np.concatenate(doc_parts)
    return _best(scores, docs, k)


def _best(scores: np.ndarray, docs: np.ndarray, k: int | None) -> list[tuple[float, int]]:
    """Top ``k`` by score descending, then docnum ascending (``docs`` is sorted)."""
    n = len(scores)
    if k is not None and k < n:
        # The k-th best score; everything strictly better is in, ties fill by docnum.
        kth = -np.partition(-scores, k - 1)[k - 1]
        better = np.flatnonzero(scores > kth)
        ties = np.flatnonzero(scores == kth)[: k - len(better)]
        chosen = np.concatenate([better, ties])
        scores, docs = scores[chosen], docs[chosen]
    order = np.lexsort((docs, -scores))
    return [(float(s), int(d)) for s, d in zip(scores[order], docs[order], strict=True)]
