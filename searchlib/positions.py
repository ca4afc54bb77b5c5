"""Word positions of the text fields as numpy arrays: one sidecar per Whoosh segment.

Whoosh keeps each posting's positions as a pickled list and matches a phrase
one document at a time in Python, which takes seconds for a common phrase
("developed countries") on a large corpus. A sidecar holds, for each
positional field of a segment, every ``(term, docnum, position)`` as one
sorted int64 key per occurrence, grouped by term, so a phrase is a few
vectorised lookups. Whoosh's segment stays the store of record: sidecars are
derived from the stored text with the same analyzer, written once per segment
(segments never change), rebuilt when missing, and a query over a segment
without one falls back to Whoosh's matchers.

Layout: ``INDEX/positions/<segment id>/<field>.terms`` (one term per line, in
id order), ``<field>.ptr.npy`` (where each term's keys start),
``<field>.keys.npy`` (``docnum << 32 | position``), and the term's postings:
``<field>.dptr.npy``, ``<field>.docs.npy``, ``<field>.freqs.npy`` (docnums and
frequencies, i.e. Whoosh's weights). All but the term list are memory-mapped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "FieldPositions",
    "PositionsBuilder",
    "SIDECAR_DIR",
    "SegmentPositions",
    "build_from_segment",
    "clear_cache",
    "ensure",
    "for_reader",
    "load",
    "positional_fields",
    "save",
    "sidecar_path",
]

SIDECAR_DIR = "positions"
_SHIFT = np.int64(32)
_EMPTY_DOCS = np.zeros(0, dtype=np.int32)
_EMPTY_KEYS = np.zeros(0, dtype=np.int64)


class FieldPositions:
    """Every occurrence of every term of one field in one segment.

    Also each term's postings (docnums and frequencies), derived from the
    occurrences when written, so a query's first look at a term is two slices.
    """

    def __init__(
        self,
        terms: Sequence[str],
        ptr: np.ndarray,
        keys: np.ndarray,
        postings: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self.terms = terms
        self.ptr = ptr
        self.keys = keys
        self.dptr, self.docs, self.freqs = postings or _postings_of(ptr, keys)
        self._ids: dict[str, int] | None = None

    def _id(self, term: str) -> int | None:
        if self._ids is None:
            self._ids = {t: i for i, t in enumerate(self.terms)}
        return self._ids.get(term)

    def doc_frequency(self, term: str) -> int:
        i = self._id(term)
        return 0 if i is None else int(self.dptr[i + 1] - self.dptr[i])

    def __contains__(self, term: str) -> bool:
        return self._id(term) is not None

    def occurrences(self, term: str) -> np.ndarray:
        """Sorted ``docnum << 32 | position`` keys of ``term`` (empty if absent)."""
        i = self._id(term)
        if i is None:
            return _EMPTY_KEYS
        return self.keys[self.ptr[i] : self.ptr[i + 1]]

    def phrase_docs(self, words: Sequence[str], slop: int = 1) -> np.ndarray:
        """Sorted docnums where ``words`` occur in order, each within ``slop`` of the last.

        Whoosh's phrase semantics: with ``slop=1`` word *i* sits at the first
        word's position + *i*; with more, each word comes 1 to ``slop``
        positions after the previous one. Deleted documents are included, as
        in the postings.
        """
        keysets = [self.occurrences(w) for w in words]
        if not keysets or any(not len(k) for k in keysets):
            return _EMPTY_DOCS
        if slop > 1:
            return self._sloppy(keysets, slop)
        # Start from the rarest word; the others are looked up at fixed offsets.
        anchor = min(range(len(keysets)), key=lambda i: len(keysets[i]))
        starts = keysets[anchor] - anchor
        for i, keys in enumerate(keysets):
            if i == anchor:
                continue
            wanted = starts + i
            at = np.searchsorted(keys, wanted)
            at[at == len(keys)] = len(keys) - 1
            starts = starts[keys[at] == wanted]
            if not len(starts):
                return _EMPTY_DOCS
        return np.unique(starts >> _SHIFT).astype(np.int32)

    @staticmethod
    def _sloppy(keysets: list[np.ndarray], slop: int) -> np.ndarray:
        # Each partial match is (start, end); the next word must begin 1..slop after end.
        starts = ends = np.asarray(keysets[0])
        for keys in keysets[1:]:
            new_starts, new_ends = [], []
            for gap in range(1, slop + 1):
                wanted = ends + gap
                at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
                hit = keys[at] == wanted
                new_starts.append(starts[hit])
                new_ends.append(wanted[hit])
            pairs = np.unique(
                np.stack([np.concatenate(new_starts), np.concatenate(new_ends)]), axis=1
            )
            starts, ends = pairs[0], pairs[1]
            if not len(starts):
                return _EMPTY_DOCS
        return np.unique(starts >> _SHIFT).astype(np.int32)

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Docnums containing ``term`` and its frequency in each: Whoosh's postings and weights.

        Cheaper than decoding Whoosh's blocks, which unpickle every position.
        """
        i = self._id(term)
        if i is None:
            return _EMPTY_DOCS, np.zeros(0, dtype=np.float32)
        lo, hi = self.dptr[i], self.dptr[i + 1]
        return self.docs[lo:hi], self.freqs[lo:hi]

    def positions(self, term: str, docnum: int) -> np.ndarray:
        """Positions of ``term`` in one document, ascending."""
        keys = self.occurrences(term)
        lo, hi = np.searchsorted(keys, [docnum << 32, (docnum + 1) << 32])
        return (keys[lo:hi] & 0xFFFFFFFF).astype(np.int64)


def _postings_of(ptr: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per term, the docnums it occurs in and how often: ``(dptr, docs, freqs)``."""
    docs = np.asarray(keys) >> _SHIFT
    first = np.ones(len(keys), dtype=bool)
    first[1:] = docs[1:] != docs[:-1]
    first[ptr[:-1][ptr[:-1] < len(keys)]] = True  # a new term starts a new posting
    starts = np.flatnonzero(first)
    freqs = np.diff(np.append(starts, len(keys))).astype(np.float32)
    dptr = np.searchsorted(starts, ptr).astype(np.int64)
    return dptr, docs[starts].astype(np.int32), freqs


class SegmentPositions:
    """The sidecar of one segment: :class:`FieldPositions` per positional field."""

    def __init__(self, fields: Mapping[str, FieldPositions]) -> None:
        self.fields = dict(fields)

    def field(self, name: str) -> FieldPositions | None:
        return self.fields.get(name)


def _indexed_positions(analyzer: Any, text: str) -> tuple[list[str], list[int]]:
    fast = getattr(analyzer, "indexed_positions", None)
    if fast is not None:
        return fast(text)  # type: ignore[no-any-return]
    terms: list[str] = []
    poses: list[int] = []
    for token in analyzer(text, positions=True, mode="index"):
        terms.append(token.text)
        poses.append(token.pos)
    return terms, poses


def _ints(values: array[int]) -> np.ndarray:
    return np.frombuffer(values, dtype=np.int32) if len(values) else np.zeros(0, np.int32)


class _FieldBuilder:
    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer
        self.vocab: dict[str, int] = {}
        self.ids = array("i")
        self.poses = array("i")
        self.counts = array("i")
        self._last: tuple[str, list[int], list[int]] | None = None

    def add(self, text: str | None) -> None:
        if not text:
            self.counts.append(0)
            return
        if self._last is not None and self._last[0] == text:
            ids, poses = self._last[1], self._last[2]  # titles repeat passage after passage
        else:
            terms, poses = _indexed_positions(self.analyzer, text)
            setdefault = self.vocab.setdefault
            ids = [setdefault(t, len(self.vocab)) for t in terms]
            self._last = (text, ids, poses)
        self.ids.extend(ids)
        self.poses.extend(poses)
        self.counts.append(len(ids))

    def finish(self) -> FieldPositions:
        # Few temporaries at a time: a worker builds this for ~10 million words.
        counts = _ints(self.counts)
        keys = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        keys <<= _SHIFT
        keys |= _ints(self.poses)
        self.poses = self.counts = array("i")
        ids = _ints(self.ids)
        # Stable by term id: within a term, keys stay in (docnum, position) order.
        keys = keys[np.argsort(ids, kind="stable")]
        ptr = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(ids, minlength=len(self.vocab)), out=ptr[1:])
        self.ids = array("i")
        return FieldPositions(list(self.vocab), ptr, keys)


class PositionsBuilder:
    """Collects one segment's documents, in docnum order, into a :class:`SegmentPositions`."""

    def __init__(self, schema: Any) -> None:
        self._fields = {
            name: _FieldBuilder(field.analyzer) for name, field in positional_fields(schema)
        }

    def add(self, stored: Mapping[str, Any]) -> None:
        """The next document's field values (as given to Whoosh, or as stored)."""
        for name, builder in self._fields.items():
            builder.add(stored.get(name))

    def finish(self) -> SegmentPositions:
        return SegmentPositions({name: b.finish() for name, b in self._fields.items()})


def positional_fields(schema: Any) -> list[tuple[str, Any]]:
    """Stored, analysed fields with positions: those a sidecar can be rebuilt for."""
    out = []
    for name, field in schema.items():
        fmt = getattr(field, "format", None)
        if (
            getattr(field, "stored", False)
            and getattr(field, "analyzer", None) is not None
            and fmt is not None
            and fmt.supports("positions")
        ):
            out.append((name, field))
    return out


# --- files ----------------------------------------------------------------------


def sidecar_path(index_dir: Path | str, segment_id: str) -> Path:
    return Path(index_dir) / SIDECAR_DIR / segment_id


def save(positions: SegmentPositions, folder: Path) -> None:
    """Write atomically: readers see the whole sidecar or none."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.{uuid.uuid4().hex}.tmp"
    tmp.mkdir()
    try:
        for name, fp in positions.fields.items():
            (tmp / f"{name}.terms").write_text("\n".join(fp.terms), encoding="utf-8")
            np.save(tmp / f"{name}.ptr.npy", fp.ptr)
            np.save(tmp / f"{name}.keys.npy", fp.keys)
            np.save(tmp / f"{name}.dptr.npy", fp.dptr)
            np.save(tmp / f"{name}.docs.npy", fp.docs)
            np.save(tmp / f"{name}.freqs.npy", fp.freqs)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


_POSTINGS = ("dptr", "docs", "freqs")


def _mapped(path: Path) -> np.ndarray:
    return np.load(path, mmap_mode="r").view(np.ndarray)


def load(folder: Path) -> SegmentPositions:
    fields = {}
    for terms_file in sorted(folder.glob("*.terms")):
        name = terms_file.name[: -len(".terms")]
        text = terms_file.read_text(encoding="utf-8")
        terms = text.split("\n") if text else []
        ptr = np.load(folder / f"{name}.ptr.npy")
        # Plain views of the mapped files: slicing a np.memmap costs more per call.
        keys = _mapped(folder / f"{name}.keys.npy")
        postings = tuple(_mapped(folder / f"{name}.{part}.npy") for part in _POSTINGS)
        fields[name] = FieldPositions(terms, ptr, keys, postings)  # type: ignore[arg-type]
    return SegmentPositions(fields)


def build_from_segment(storage: Any, schema: Any, segment: Any) -> SegmentPositions:
    """A segment's sidecar from its stored fields (deleted documents included)."""
    from whoosh.reading import SegmentReader

    builder = PositionsBuilder(schema)
    reader = SegmentReader(storage, schema, segment)
    try:
        for docnum in range(segment.doc_count_all()):
            builder.add(reader.stored_fields(docnum))
    finally:
        reader.close()
    return builder.finish()


def ensure(ix: Any, index_dir: Path | str) -> int:
    """Give every segment of ``ix`` a sidecar and drop those of gone segments.

    Called by the writer under the index's write lock, after each commit.
    Returns how many sidecars were built.
    """
    root = Path(index_dir) / SIDECAR_DIR
    segments = {seg.segment_id(): seg for seg in ix._segments()}
    built = 0
    if positional_fields(ix.schema):
        for segment_id, segment in segments.items():
            folder = root / segment_id
            if not folder.is_dir():
                save(build_from_segment(ix.storage, ix.schema, segment), folder)
                built += 1
    if root.is_dir():
        for path in root.iterdir():
            if path.name not in segments:
                shutil.rmtree(path, ignore_errors=True)
    return built


# --- lookup from a reader ------------------------------------------------------------

_GENERATION = 0  # bumped by clear_cache(), which makes readers look again


def _folder(storage: Any) -> str | None:
    """The index folder behind a reader's storage (a compound segment overlays it)."""
    while storage is not None:
        folder = getattr(storage, "folder", None)
        if folder:
            return str(folder)
        storage = getattr(storage, "b", None)  # OverlayStorage(compound file, folder)
    return None


def for_reader(reader: Any) -> SegmentPositions | None:
    """The sidecar of a leaf reader's segment, or None (Whoosh's matchers then answer).

    Asked for every term in every segment of a query, so the answer is kept
    on the reader object (segments never change): it lives as long as the
    searcher.
    """
    memo = getattr(reader, "_kzsearch_positions", None)
    if memo is not None and memo[0] == _GENERATION:
        return memo[1]  # type: ignore[no-any-return]
    found = _lookup(reader)
    if found is not None:
        with contextlib.suppress(AttributeError):
            reader._kzsearch_positions = (_GENERATION, found)
    return found


def _lookup(reader: Any) -> SegmentPositions | None:
    folder = _folder(getattr(reader, "_storage", None))
    segment = reader.segment() if callable(getattr(reader, "segment", None)) else None
    if folder is None or segment is None or not hasattr(segment, "segment_id"):
        return None
    path = sidecar_path(folder, segment.segment_id())
    try:
        return load(path) if path.is_dir() else None
    except (OSError, ValueError):
        return None  # being replaced or damaged: Whoosh answers


def clear_cache() -> None:
    """Make every reader look for its sidecar again (after sidecars were removed)."""
    global _GENERATION
    _GENERATION += 1
