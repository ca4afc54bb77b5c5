"""Exact match sets as numpy arrays, for facet counts over *all* matches.

Whoosh's matchers walk postings one document at a time in Python, which is what
makes ``groupedby`` facets slow on big indexes. Here each leaf term's postings
are decoded a whole block at a time into a numpy array (cached per segment,
bounded by memory) and boolean queries are combined with numpy set operations.
Query types that depend on positions (phrases, spans...) or that we don't know
fall back to Whoosh's own matcher, so the answer is always exact.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.query.compound import DefaultOr, SplitOr
from whoosh.query.positional import Phrase
from whoosh.query.ranges import NumericRange
from whoosh.query.terms import MultiTerm, Term
from whoosh.query.wrappers import ConstantScoreQuery, Not, WeightingQuery

from . import positions

__all__ = [
    "ByteLRU",
    "POSTINGS_CACHE",
    "doc_frequency",
    "has_term",
    "matching_docnums",
    "phrase_docnums",
    "segment_key",
    "term_docnums",
    "term_postings",
]

DOC_DTYPE = np.int32
WEIGHT_DTYPE = np.float32
_EMPTY = np.zeros(0, dtype=DOC_DTYPE)


class ByteLRU:
    """Thread-safe LRU of per-segment arrays (anything with ``nbytes``), bounded by total
    bytes: decoded postings here, field lengths in ``topk``, facet tables in ``facets``.

    Keys include the segment id, which Whoosh never reuses for different
    content, so entries stay valid for as long as the segment exists.
    """

    def __init__(self, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any | None:
        with self._lock:
            arr = self._data.get(key)
            if arr is not None:
                self._data.move_to_end(key)
            return arr

    def put(self, key: Any, arr: Any) -> None:
        if arr.nbytes > self.max_bytes:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= old.nbytes
            self._data[key] = arr
            self._bytes += arr.nbytes
            while self._bytes > self.max_bytes and self._data:
                _, dropped = self._data.popitem(last=False)
                self._bytes -= dropped.nbytes

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0

    @property
    def nbytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._data)


POSTINGS_CACHE = ByteLRU()


def _storage_token(storage: Any) -> str:
    """A name for an in-memory storage that no later one reuses (``id()`` can be)."""
    token = getattr(storage, "_kzsearch_token", None)
    if token is None:
        token = uuid.uuid4().hex
        with contextlib.suppress(AttributeError):
            storage._kzsearch_token = token
    return token


def segment_key(reader: Any) -> Any:
    """A key that identifies a leaf reader's segment content (not its deletions)."""
    key = getattr(reader, "_kzsearch_key", None)
    if key is None:
        key = _segment_key(reader)
        with contextlib.suppress(AttributeError):
            reader._kzsearch_key = key
    return key


def _segment_key(reader: Any) -> Any:
    seg = getattr(reader, "segment", None)
    if callable(seg):
        try:
            segment = seg()
        except Exception:  # noqa: BLE001 - readers without a segment
            segment = None
        if segment is not None and hasattr(segment, "segment_id"):
            storage = getattr(reader, "_storage", None)
            folder = getattr(storage, "folder", None) or _storage_token(storage)
            return (folder, segment.segment_id(), segment.doc_count_all())
    return ("reader", id(reader))


def _block_weights(raw: Any, count: int) -> np.ndarray:
    """A W3 block's weights: None means all 1.0, a float means all that value."""
    if raw is None:
        return np.ones(count, dtype=WEIGHT_DTYPE)
    if isinstance(raw, float):
        return np.full(count, raw, dtype=np.float64)
    return np.asarray(raw)  # array("f"): float32, exactly what Whoosh reads back


def _decode_w3_blocks(
    matcher: Any, weights: bool = False
) -> tuple[np.ndarray, np.ndarray | None] | None:
    """Decode a W3 on-disk posting list block by block; None if it isn't one."""
    needed = ("_read_data", "_next_block", "_lastblock", "_blocklength")
    if not all(hasattr(matcher, a) for a in needed):
        return None
    if getattr(matcher, "_byteids", False):
        return None
    parts: list[np.ndarray] = []
    wparts: list[np.ndarray] = []
    while True:
        matcher._read_data()
        ids = matcher._data[0]
        block = np.cumsum(np.asarray(ids, dtype=np.int64))
        parts.append(block)
        if weights:
            wparts.append(_block_weights(matcher._data[1], len(block)))
        if matcher._lastblock:
            break
        matcher._next_block()
    docs = np.concatenate(parts).astype(DOC_DTYPE, copy=False)
    return docs, (np.concatenate(wparts) if weights else None)


def _read_postings_weights(
    reader: Any, fieldname: str, btext: bytes, weights: bool = False
) -> tuple[np.ndarray, np.ndarray | None]:
    """Segment-local docnums of a term (and their weights when asked)."""
    side = positions.for_reader(reader)
    field = side.field(fieldname) if side is not None else None
    if field is not None and reader.schema[fieldname].format.field_boost == 1.0:
        docs, freqs = field.postings(btext.decode("utf-8"))
        return docs, (freqs if weights else None)
    empty_w = np.zeros(0, dtype=WEIGHT_DTYPE) if weights else None
    terms_reader = getattr(reader, "_terms", None)
    if terms_reader is not None and hasattr(terms_reader, "term_info"):
        try:
            terminfo = terms_reader.term_info(fieldname, btext)
        except Exception:  # noqa: BLE001 - TermNotFound and friends
            return _EMPTY, empty_w
        if hasattr(terminfo, "is_inlined") and terminfo.is_inlined():
            ids, ws, _ = terminfo.inlined_postings()
            docs = np.asarray(ids, dtype=DOC_DTYPE)
            w = None
            if weights:
                # Inlined weights are pickled Python floats: keep full precision.
                w = np.asarray(ws, dtype=np.float64) if ws else np.ones(len(docs), WEIGHT_DTYPE)
            return docs, w
        fmt = reader.schema[fieldname].format
        try:
            m = terms_reader.matcher(fieldname, btext, fmt)
        except Exception:  # noqa: BLE001
            m = None
        if m is not None:
            decoded = _decode_w3_blocks(m, weights)
            if decoded is not None:
                return decoded
    # Generic path: any reader type, deletions are re-applied by the caller anyway.
    try:
        m = reader.postings(fieldname, btext)
    except Exception:  # noqa: BLE001
        return _EMPTY, empty_w
    if not weights:
        return np.fromiter(m.all_ids(), dtype=DOC_DTYPE), None
    pairs = [(d, m.weight()) for d in _ids_walk(m)]
    docs = np.array([d for d, _ in pairs], dtype=DOC_DTYPE)
    return docs, np.array([w for _, w in pairs], dtype=WEIGHT_DTYPE)


def _ids_walk(m: Any) -> Iterable[int]:
    while m.is_active():
        yield m.id()
        m.next()


def has_term(reader: Any, fieldname: str, btext: bytes) -> bool:
    """``(fieldname, btext) in reader``, from the positions sidecar when there is one.

    Whoosh's answer is a hashed lookup in the term file: cheap once, but asked
    for every term in every segment of every query.
    """
    side = positions.for_reader(reader)
    field = side.field(fieldname) if side is not None else None
    if field is not None:
        return btext.decode("utf-8") in field
    return (fieldname, btext) in reader


def doc_frequency(searcher: Any, fieldname: str, text: str | bytes) -> int:
    """``searcher.doc_frequency`` (deleted documents included), from the sidecars if all
    segments have one: Whoosh asks every segment's term file."""
    term = text.decode("utf-8") if isinstance(text, bytes) else text
    total = 0
    for leaf, _ in searcher.leaf_searchers():
        side = positions.for_reader(leaf.reader())
        field = side.field(fieldname) if side is not None else None
        if field is None:
            return int(searcher.doc_frequency(fieldname, text))
        total += field.doc_frequency(term)
    return total


def _read_postings(reader: Any, fieldname: str, btext: bytes) -> np.ndarray:
    return _read_postings_weights(reader, fieldname, btext)[0]


def term_docnums(
    reader: Any, fieldname: str, btext: bytes, cache: ByteLRU | None = None
) -> np.ndarray:
    """Segment-local docnums containing the term (deleted docs included), cached."""
    cache = POSTINGS_CACHE if cache is None else cache
    key = (segment_key(reader), fieldname, btext)
    arr = cache.get(key)
    if arr is None:
        known = has_term(reader, fieldname, btext)
        arr = _read_postings(reader, fieldname, btext) if known else _EMPTY
        arr.setflags(write=False)
        cache.put(key, arr)
    return arr


def term_postings(
    reader: Any, fieldname: str, btext: bytes, cache: ByteLRU | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Segment-local docnums and weights (term frequencies) of a term, both cached.

    Weights keep Whoosh's stored precision (float32 in blocks); deleted docs are included.
    """
    cache = POSTINGS_CACHE if cache is None else cache
    key = (segment_key(reader), fieldname, btext)
    wkey = (*key, "weights")
    docs = cache.get(key)
    weights = cache.get(wkey)
    if docs is None or weights is None or len(docs) != len(weights):
        if has_term(reader, fieldname, btext):
            docs, w = _read_postings_weights(reader, fieldname, btext, weights=True)
            assert w is not None
            weights = w
        else:
            docs, weights = _EMPTY, np.zeros(0, dtype=WEIGHT_DTYPE)
        docs.setflags(write=False)
        weights.setflags(write=False)
        cache.put(key, docs)
        cache.put(wkey, weights)
    return docs, weights


def phrase_docnums(reader: Any, q: Phrase) -> np.ndarray | None:
    """Segment-local docnums of a phrase from the segment's positions sidecar.

    None when the segment has no sidecar: Whoosh's matcher answers then.
    """
    if q.slop < 1:
        return None
    side = positions.for_reader(reader)
    field = side.field(q.fieldname) if side is not None else None
    if field is None:
        return None
    return field.phrase_docs(list(q.words), q.slop)


# --- set operations on sorted unique int arrays -----------------------------


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return _EMPTY
    idx = np.searchsorted(b, a)
    idx[idx == len(b)] = 0
    return a[b[idx] == a]


def _difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if not len(a) or not len(b):
        return a
    idx = np.searchsorted(b, a)
    idx[idx == len(b)] = 0
    return a[b[idx] != a]


def _union(arrays: list[np.ndarray], ndocs: int) -> np.ndarray:
    arrays = [a for a in arrays if len(a)]
    if not arrays:
        return _EMPTY
    if len(arrays) == 1:
        return arrays[0]
    total = sum(len(a) for a in arrays)
    if total * 16 > ndocs:
        mask = np.zeros(ndocs, dtype=bool)
        for a in arrays:
            mask[a] = True
        return np.flatnonzero(mask).astype(DOC_DTYPE, copy=False)
    return np.unique(np.concatenate(arrays)).astype(DOC_DTYPE, copy=False)


def _at_least(arrays: list[np.ndarray], ndocs: int, k: int) -> np.ndarray:
    counts = np.zeros(ndocs, dtype=np.int32)
    for a in arrays:
        counts[a] += 1
    return np.flatnonzero(counts >= k).astype(DOC_DTYPE, copy=False)


# --- query evaluation per leaf ------------------------------------------------


class _Leaf:
    def __init__(self, searcher: Any, reader: Any, cache: ByteLRU) -> None:
        self.searcher = searcher
        self.reader = reader
        self.cache = cache
        self.ndocs = reader.doc_count_all()

    def all(self) -> np.ndarray:
        return np.arange(self.ndocs, dtype=DOC_DTYPE)

    def terms(self, fieldname: str | None, btexts: Iterable[bytes]) -> np.ndarray:
        if not fieldname or fieldname not in self.reader.schema:
            return _EMPTY
        return _union(
            [term_docnums(self.reader, fieldname, bt, self.cache) for bt in btexts], self.ndocs
        )

    def generic(self, q: wq.Query) -> np.ndarray:
        m = q.matcher(self.searcher, self.searcher.boolean_context())
        return np.fromiter(m.all_ids(), dtype=DOC_DTYPE)

    def eval(self, q: wq.Query) -> np.ndarray:  # noqa: C901 - one branch per query type
        t = type(q)
        if q is wq.NullQuery or t is wq.qcore._NullQuery:
            return _EMPTY
        if t is Term:
            if q.fieldname not in self.reader.schema:
                return _EMPTY
            try:
                btext = self.reader.schema[q.fieldname].to_bytes(q.text)
            except ValueError:
                return _EMPTY
            return term_docnums(self.reader, q.fieldname, btext, self.cache)
        if t in (wq.And, wq.Or, DefaultOr, SplitOr, wq.DisjunctionMax):
            subs = list(q.subqueries)
            if not subs:
                return _EMPTY
            if t is wq.And:
                # Evaluate positive parts first; negations only subtract.
                pos = [s for s in subs if type(s) is not Not]
                neg = [s for s in subs if type(s) is Not]
                cur = self.all() if not pos else None
                for s in sorted(pos, key=self._size_hint):
                    arr = self.eval(s)
                    cur = arr if cur is None else _intersect(cur, arr)
                    if not len(cur):
                        return _EMPTY
                assert cur is not None
                for s in neg:
                    cur = _difference(cur, self.eval(s.query))
                return cur
            arrays = [self.eval(s) for s in subs]
            minmatch = getattr(q, "minmatch", 0) or 0
            if minmatch > 1:
                return _at_least(arrays, self.ndocs, minmatch)
            return _union(arrays, self.ndocs)
        if t is Not:
            return _difference(self.all(), self.eval(q.query))
        if t is wq.AndNot:
            return _difference(self.eval(q.a), self.eval(q.b))
        if t is wq.AndMaybe:
            return self.eval(q.a)
        if t is wq.Require:
            return _intersect(self.eval(q.a), self.eval(q.b))
        if t in (ConstantScoreQuery, WeightingQuery):
            return self.eval(q.child)
        if t is wq.Every:
            if not q.fieldname:
                return self.all()
            return self.terms(q.fieldname, self.reader.lexicon(q.fieldname))
        if isinstance(q, NumericRange):
            return self.eval(q._compile_query(self.reader))
        if isinstance(q, MultiTerm):
            return self.terms(q.field(), q._btexts(self.reader))
        if t is Phrase:
            found = phrase_docnums(self.reader, q)
            if found is not None:
                return found
            # Cheap exact pre-check: a phrase needs all its words.
            words = [Term(q.fieldname, w) for w in q.words]
            if words and not len(self.eval(wq.And(words))):
                return _EMPTY
        return self.generic(q)

    def _size_hint(self, q: wq.Query) -> int:
        t = type(q)
        if t is Term:
            return len(self.eval(q))  # exact, and cached for the evaluation that follows
        if t in (wq.Or, DefaultOr, SplitOr):
            return sum(self._size_hint(s) for s in q.subqueries)
        try:
            return int(q.estimate_size(self.reader))
        except Exception:  # noqa: BLE001
            return self.ndocs


def _deleted(reader: Any) -> np.ndarray:
    if not reader.has_deletions():
        return _EMPTY
    dset = getattr(reader, "deleted_docs_set", None)
    if dset is None:
        dset = [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
    return np.array(sorted(dset), dtype=DOC_DTYPE)


def matching_docnums(
    searcher: Any,
    query: wq.Query,
    *,
    filter: wq.Query | None = None,  # noqa: A002 - same word as Whoosh's search()
    mask: wq.Query | None = None,
    cache: ByteLRU | None = None,
) -> np.ndarray:
    """All docnums matching ``query`` (and ``filter``, minus ``mask``), sorted, no deleted docs.

    Docnums are global to ``searcher`` (segment offsets added), like ``Hit.docnum``.
    """
    cache = POSTINGS_CACHE if cache is None else cache
    parts: list[np.ndarray] = []
    for leaf_searcher, offset in searcher.leaf_searchers():
        reader = leaf_searcher.reader()
        leaf = _Leaf(leaf_searcher, reader, cache)
        if not leaf.ndocs:
            continue
        arr = leaf.eval(query)
        if filter is not None and len(arr):
            arr = _intersect(arr, leaf.eval(filter))
        if mask is not None and len(arr):
            arr = _difference(arr, leaf.eval(mask))
        if len(arr):
            arr = _difference(arr, _deleted(reader))
        if len(arr):
            parts.append(arr.astype(np.int64) + offset if offset else arr)
    if not parts:
        return np.zeros(0, dtype=np.int64)
    out = np.concatenate(parts)
    return out.astype(np.int64, copy=False)
