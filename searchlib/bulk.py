"""Bulk runs: many queries from a file, streamed, in input order, optionally in parallel.

Nothing is held beyond a bounded window of queries in flight, so memory
stays flat however long the query file is. A failing query becomes a row
with an ``error`` field; the run goes on.
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, QueryError, SearchlibError
from .results import SearchResults

if TYPE_CHECKING:
    from .search import Index

FILTER_KEYS = ("speaker", "topic", "country", "person", "since", "until")
QUERY_SUFFIXES = (".txt", ".csv", ".tsv", ".jsonl")
BATCH = 32


def read_queries(path: Path | str) -> Iterator[dict[str, Any]]:
    """Queries from ``.txt`` (one a line), ``.csv``/``.tsv`` (a ``query`` column) or ``.jsonl``.

    Each item has ``id``, ``query`` and any filters given; a bad line yields
    an item with an ``error`` instead of stopping the run.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in QUERY_SUFFIXES:
        raise InputError(
            f"{path}: unknown query file type {suffix or '(none)'!r}",
            hint=f"use one of {', '.join(QUERY_SUFFIXES)}",
        )
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        try:
            if suffix == ".txt":
                yield from _from_lines(handle)
            elif suffix == ".jsonl":
                yield from _from_jsonl(handle, path)
            else:
                yield from _from_table(handle, path, "\t" if suffix == ".tsv" else ",")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from None


def _from_lines(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if text and not text.startswith("#"):
            yield {"id": str(number), "query": text}


def _from_jsonl(lines: Iterable[str], path: Path) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            yield {"id": str(number), "query": "", "error": f"{path}:{number}: bad JSON ({exc})"}
            continue
        if isinstance(item, str):
            item = {"query": item}
        if not isinstance(item, dict) or not isinstance(item.get("query"), str):
            yield {"id": str(number), "query": "", "error": f"{path}:{number}: no 'query' string"}
            continue
        item.setdefault("id", str(number))
        item["id"] = str(item["id"])
        yield item


def _from_table(handle: Iterable[str], path: Path, delimiter: str) -> Iterator[dict[str, Any]]:
    reader = csv.DictReader(handle, delimiter=delimiter)
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "query" not in columns:
        raise InputError(f"{path}: no 'query' column (columns: {', '.join(columns) or 'none'})")
    for number, row in enumerate(reader, 2):
        item = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not item.get("query"):
            continue
        clean: dict[str, Any] = {"id": item.get("id") or str(number), "query": item["query"]}
        clean.update({k: item[k] for k in FILTER_KEYS if item.get(k)})
        yield clean


def _search_one(
    index: Index, item: dict[str, Any], options: dict[str, Any]
) -> SearchResults | QueryError:
    if item.get("error"):
        return QueryError(item["error"])
    args = {**options, **{k: v for k, v in item.items() if k in FILTER_KEYS}}
    try:
        return index.search(item["query"], **args)
    except SearchlibError as exc:
        return QueryError(exc.message)


def _as_item(query: str | dict[str, Any], number: int) -> dict[str, Any]:
    if isinstance(query, str):
        return {"id": str(number), "query": query}
    return {"id": str(number), **query}


# Worker processes keep one open index each.
_WORKER_INDEX: Index | None = None


def _init_worker(path: str) -> None:
    global _WORKER_INDEX
    from .search import Index

    _WORKER_INDEX = Index(path)


def _run_batch(batch: list[dict[str, Any]], options: dict[str, Any]) -> list[Any]:
    assert _WORKER_INDEX is not None
    return [_search_one(_WORKER_INDEX, item, options) for item in batch]


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_queries(
    index: Index,
    queries: Iterable[str | dict[str, Any]],
    *,
    jobs: int = 1,
    **options: Any,
) -> Iterator[SearchResults | QueryError]:
    """Results in input order; with ``jobs > 1``, batches run in worker processes."""
    items = (_as_item(q, n) for n, q in enumerate(queries, 1))
    if jobs <= 1:
        for item in items:
            yield _search_one(index, item, options)
        return
    in_flight: deque[Future[list[Any]]] = deque()
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(str(index.path),)) as pool:
        for batch in _batches(items, BATCH):
            in_flight.append(pool.submit(_run_batch, batch, options))
            while len(in_flight) >= jobs * 4:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def bulk_rows(
    index: Index,
    path: Path | str,
    *,
    jobs: int = 1,
    hits: int = 10,
    with_facets: bool = False,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """One output row per query in the file: id, query, total, facets if asked, top hits."""
    if not with_facets:
        options["facets"] = ()
    options.setdefault("limit", max(1, hits))
    items = read_queries(path)
    # Keep each item beside its result without holding the whole file: tee through a deque.
    pending: deque[dict[str, Any]] = deque()

    def feed() -> Iterator[dict[str, Any]]:
        for item in items:
            pending.append(item)
            yield item

    for result in run_queries(index, feed(), jobs=jobs, **options):
        item = pending.popleft()
        yield result_row(item, result, hits=hits, with_facets=with_facets)


def result_row(
    item: dict[str, Any], result: SearchResults | QueryError, *, hits: int, with_facets: bool
) -> dict[str, Any]:
    row: dict[str, Any] = {"id": item.get("id"), "query": item.get("query", "")}
    if isinstance(result, QueryError):
        row.update({"total": None, "error": result.message, "hits": []})
        return row
    row["total"] = result.total
    if with_facets:
        row["facets"] = {k: [c.to_dict() for c in v] for k, v in result.facets.items()}
    row["hits"] = [
        {
            "passage_id": h.passage_id,
            "doc_id": h.doc_id,
            "title": h.title,
            "date": h.date,
            "speakers": list(h.speakers),
            "score": round(h.score, 4),
        }
        for h in result.hits[:hits]
    ]
    if result.suggestion:
        row["suggestion"] = result.suggestion
    return row


__all__ = ["read_queries", "run_queries", "bulk_rows", "result_row"]
