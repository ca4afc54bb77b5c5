"""Exact facet counts over a numpy match set.

Whoosh's ``groupedby`` visits every matching document in Python. Here each
segment's facet field is turned once into a doc -> value-code table (built from
the field's postings, so it works for any indexed field: KEYWORD, ID, NUMERIC,
DATETIME) and counting is a gather plus ``np.bincount`` over the matched docs.
Tables are cached per segment and field; segments never change content, only
their deletions, and deleted docs are never in a match set from
:func:`searchlib.docset.matching_docnums`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from .docset import ByteLRU, _read_postings, segment_key

__all__ = ["FacetCounter", "FieldTable", "clear_cache", "field_table"]


class FieldTable:
    """One segment's values of one field: distinct values and a doc -> codes map.

    ``codes`` (one code per doc, -1 for none) when no doc has two values;
    otherwise CSR arrays ``indptr``/``vals``.
    """

    def __init__(self, values: list[Any], ndocs: int, docs: np.ndarray, vals: np.ndarray) -> None:
        self.values = values
        self.ndocs = ndocs
        order = np.argsort(docs, kind="stable")
        docs = docs[order]
        vals = vals[order]
        per_doc = np.bincount(docs, minlength=ndocs) if len(docs) else np.zeros(ndocs, np.int64)
        self.codes: np.ndarray | None = None
        self.indptr: np.ndarray | None = None
        self.vals: np.ndarray | None = None
        if not len(per_doc) or per_doc.max(initial=0) <= 1:
            codes = np.full(ndocs, -1, dtype=np.int32)
            codes[docs] = vals
            self.codes = codes
        else:
            indptr = np.zeros(ndocs + 1, dtype=np.int64)
            np.cumsum(per_doc, out=indptr[1:])
            self.indptr = indptr
            self.vals = vals.astype(np.int32, copy=False)

    def codes_for(self, docnums: np.ndarray) -> np.ndarray:
        """Value codes of the given local docnums, one per (doc, distinct value)."""
        if self.codes is not None:
            c = self.codes[docnums]
            return c[c >= 0]
        assert self.indptr is not None and self.vals is not None
        starts = self.indptr[docnums]
        lens = self.indptr[docnums + 1] - starts
        total = int(lens.sum())
        if not total:
            return np.zeros(0, dtype=np.int32)
        shift = np.repeat(starts - (np.cumsum(lens) - lens), lens)
        return self.vals[shift + np.arange(total)]

    @property
    def nbytes(self) -> int:
        arrays = (self.codes, self.indptr, self.vals)
        return sum(a.nbytes for a in arrays if a is not None)


_TABLES = ByteLRU(max_bytes=256 * 1024 * 1024)


def clear_cache() -> None:
    _TABLES.clear()


def _build_table(reader: Any, fieldname: str) -> FieldTable:
    ndocs = reader.doc_count_all()
    if fieldname not in reader.schema:
        return FieldTable([], ndocs, np.zeros(0, np.int64), np.zeros(0, np.int32))
    field = reader.schema[fieldname]
    values: list[Any] = []
    doc_parts: list[np.ndarray] = []
    val_parts: list[np.ndarray] = []
    for btext in field.sortable_terms(reader, fieldname):
        ids = _read_postings(reader, fieldname, btext)
        if not len(ids):
            continue
        doc_parts.append(ids)
        val_parts.append(np.full(len(ids), len(values), dtype=np.int32))
        values.append(field.from_bytes(btext))
    if doc_parts:
        docs = np.concatenate(doc_parts).astype(np.int64, copy=False)
        vals = np.concatenate(val_parts)
    else:
        docs, vals = np.zeros(0, np.int64), np.zeros(0, np.int32)
    return FieldTable(values, ndocs, docs, vals)


def field_table(reader: Any, fieldname: str) -> FieldTable:
    """The (cached) table of one leaf reader's field."""
    key = (segment_key(reader), fieldname)
    table = _TABLES.get(key)
    if table is None:
        table = _build_table(reader, fieldname)
        _TABLES.put(key, table)
    return table


def _label(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


class FacetCounter:
    """Counts facet values over global docnums of one searcher; cheap to create."""

    def __init__(self, searcher: Any) -> None:
        self._leaves: list[tuple[Any, int, int]] = []
        for leaf_searcher, offset in searcher.leaf_searchers():
            reader = leaf_searcher.reader()
            self._leaves.append((reader, offset, reader.doc_count_all()))

    def raw_counts(self, docnums: np.ndarray, field: str) -> dict[Any, int]:
        """Counts keyed by the field's native values (int for NUMERIC)."""
        docnums = np.asarray(docnums, dtype=np.int64)
        totals: dict[Any, int] = {}
        for reader, offset, ndocs in self._leaves:
            if not ndocs:
                continue
            lo, hi = np.searchsorted(docnums, [offset, offset + ndocs])
            if lo == hi:
                continue
            table = field_table(reader, field)
            if not table.values:
                continue
            codes = table.codes_for(docnums[lo:hi] - offset)
            counts = np.bincount(codes, minlength=len(table.values))
            for code in np.flatnonzero(counts):
                value = table.values[code]
                totals[value] = totals.get(value, 0) + int(counts[code])
        return totals

    def counts(
        self, docnums: np.ndarray, field: str, *, limit: int | None = None
    ) -> list[tuple[str, int]]:
        """Exact ``(value, count)`` pairs, most frequent first, ties by value.

        ``docnums`` must be sorted global docnums without deleted documents, as
        returned by :func:`searchlib.docset.matching_docnums`.
        """
        totals = self.raw_counts(docnums, field)
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        if limit is not None:
            ranked = ranked[:limit]
        return [(_label(v), n) for v, n in ranked]

    def counts_many(
        self, docnums: np.ndarray, fields: Iterable[str], *, limit: int | None = None
    ) -> dict[str, list[tuple[str, int]]]:
        return {f: self.counts(docnums, f, limit=limit) for f in fields}

    def warm(self, fields: Sequence[str]) -> None:
        """Build the tables now (e.g. right after opening an index), not on the first query."""
        for reader, _, ndocs in self._leaves:
            if ndocs:
                for f in fields:
                    field_table(reader, f)
