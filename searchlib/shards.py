"""Parallel indexing: worker processes that each read, enrich and write a share of the files.

A worker keeps its documents in memory between two phases, so no text crosses
a process boundary. In the first it reads and enriches its files and sends
back only what the parent needs: problems, doc ids and the names found, to
resolve names across the whole corpus. In the second it receives the name
resolver and writes its documents into a Whoosh segment of its own, which the
parent adds to the index in its single commit, as Whoosh's multi-process
writer does with its sub-writers' segments.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from . import positions
from .document import Document, Problem

if TYPE_CHECKING:
    from . import corpus, extract, people

Progress = Callable[[int, int], None]
WRITER_MB = 256  # Whoosh's in-memory posting buffer per writer


@dataclass
class Loaded:
    """One source file read and enriched; ``docs`` stay in the process that read them."""

    relpath: str
    doc_ids: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # name -> [count, years, countries, (country, year) uses]
    names: dict[str, list[Any]] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)  # name -> roles given
    docs: list[Document] = field(default_factory=list)
    speakers: list[list[Any]] = field(default_factory=list)  # [doc, name, country, year]

    def summary(self) -> Loaded:
        return Loaded(
            self.relpath, self.doc_ids, self.problems, self.names, self.roles, [], self.speakers
        )


def load_file(source: corpus.SourceFile, ctx: extract.ExtractionContext) -> Loaded:
    from . import corpus, extract, people

    docs, problems = corpus.read_file(source)
    enriched = [extract.enrich(doc, ctx) for doc in docs]
    stats = people.NameStats()
    for doc in enriched:
        extract.name_stats(doc, stats)
    names = {
        name: [
            count,
            sorted(stats.years.get(name, ())),
            sorted(stats.groups.get(name, ())),
            sorted(stats.uses.get(name, ())),
        ]
        for name, count in stats.counts.items()
    }
    roles: dict[str, set[str]] = {}
    for doc in enriched:
        for name, role in doc.roles.items():
            if role:
                roles.setdefault(name, set()).add(role)
        if doc.passages:
            doc.text = ""  # the passages hold it; halves what is kept until writing
    return Loaded(
        source.relpath,
        [d.doc_id for d in enriched],
        list(problems),
        names,
        {name: sorted(r) for name, r in roles.items()},
        enriched,
        [[i, *use] for i, doc in enumerate(enriched) for use in extract.speaker_uses(doc)],
    )


def write_documents(
    writer: Any,
    docs: list[Document],
    resolver: people.NameResolver,
    sidecar: positions.PositionsBuilder | None = None,
) -> int:
    """Add ``docs`` with canonical names, one Whoosh document per passage; returns passages.

    ``sidecar`` collects the word positions of a segment written from scratch.
    """
    from . import extract
    from .indexer import passage_fields

    count = 0
    for doc in docs:
        for fields in passage_fields(extract.canonicalise(doc, resolver)):
            writer.add_document(**fields)
            if sidecar is not None:
                sidecar.add(fields)
            count += 1
    return count


class ShardWriter(SegmentWriter):
    """The parent's writer: its own changes plus the workers' finished segments, one commit."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.worker_segments: list[Any] = []

    def _merge_segments(self, mergetype: Any, optimize: Any, merge: Any) -> list[Any]:
        return [*super()._merge_segments(mergetype, optimize, merge), *self.worker_segments]


def _worker(
    conn: Connection,
    sources: list[corpus.SourceFile],
    ctx: extract.ExtractionContext,
    index_dir: str,
    indexname: str,
) -> None:
    try:
        loaded = []
        for source in sources:
            loaded.append(load_file(source, ctx))
            conn.send(("progress", 1))
        conn.send(("loaded", [item.summary() for item in loaded]))
        resolver = conn.recv()
        if resolver is None:  # the parent gave up
            return
        segments = _SegmentSeries(whoosh_index.open_dir(index_dir, indexname=indexname), index_dir)
        counts = {}
        for item in loaded:
            counts[item.relpath] = segments.write(item.docs, resolver)
            item.docs = []
        conn.send(("written", (counts, segments.finish())))
    except BaseException:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


class _SegmentSeries:
    """A worker's writer: a new segment whenever Whoosh's posting buffer is full.

    Whoosh spills a full buffer to a sorted run on disk and merges the runs,
    posting by posting in Python, when the segment is finished: a third of
    the writing time. A segment per buffer never spills; the index just has a
    few more segments (each with its positions sidecar, built here).
    """

    def __init__(self, ix: Any, index_dir: str) -> None:
        self.ix = ix
        self.index_dir = index_dir
        self.segments: list[Any] = []
        self.limit = WRITER_MB * 1024 * 1024
        self.writer: Any = None
        self.sidecar: positions.PositionsBuilder | None = None

    def write(self, docs: list[Document], resolver: people.NameResolver) -> int:
        if self.writer is None:
            # Whoosh's own limit is above ours: it never spills before we flush.
            self.writer = SegmentWriter(self.ix, _lk=False, limitmb=WRITER_MB * 4 + 64)
            self.sidecar = positions.PositionsBuilder(self.ix.schema)
        count = write_documents(self.writer, docs, resolver, self.sidecar)
        if self.writer.pool.currentsize >= self.limit:
            self._flush()
        return count

    def _flush(self) -> None:
        writer, sidecar = self.writer, self.sidecar
        self.writer = self.sidecar = None
        if writer is None or sidecar is None:
            return
        if not writer._added:
            # Not cancel(): that also deletes the temporary folder all writers share.
            # The empty segment's files go at the parent's commit (not in the TOC).
            writer._close_segment()
            return
        segment = writer._finalize_segment()
        del writer  # let the posting buffer go before the sidecar is built
        folder = positions.sidecar_path(self.index_dir, segment.segment_id())
        positions.save(sidecar.finish(), folder)
        self.segments.append(segment)

    def finish(self) -> list[Any]:
        self._flush()
        return self.segments


class Shards:
    """``jobs`` worker processes sharing out ``sources``, balanced by file size."""

    def __init__(
        self,
        sources: list[corpus.SourceFile],
        ctx: extract.ExtractionContext,
        jobs: int,
        index_dir: Path,
        indexname: str,
    ) -> None:
        shares: list[list[corpus.SourceFile]] = [[] for _ in range(jobs)]
        sizes = [0] * jobs
        for source in sorted(sources, key=lambda s: (-s.size, s.relpath)):
            smallest = sizes.index(min(sizes))
            shares[smallest].append(source)
            sizes[smallest] += source.size
        self.total = len(sources)
        self.indexname = indexname
        self._conns: list[Connection] = []
        self._procs: list[multiprocessing.process.BaseProcess] = []
        for share in shares:
            if not share:
                continue
            parent, child = multiprocessing.Pipe()
            proc = multiprocessing.Process(
                target=_worker, args=(child, share, ctx, str(index_dir), indexname), daemon=True
            )
            proc.start()
            child.close()
            self._conns.append(parent)
            self._procs.append(proc)

    def _messages(self, expect: str) -> Iterator[tuple[int, str, Any]]:
        """Messages from every worker until each has sent ``expect``."""
        waiting = set(range(len(self._conns)))
        while waiting:
            for ready in wait([self._conns[i] for i in waiting]):
                i = self._conns.index(ready)  # type: ignore[arg-type]
                try:
                    kind, payload = self._conns[i].recv()
                except EOFError:
                    raise RuntimeError("an indexing worker process died") from None
                if kind == "error":
                    raise RuntimeError(f"an indexing worker failed:\n{payload}")
                if kind == expect:
                    waiting.discard(i)
                yield i, kind, payload

    def load(self, progress: Progress | None = None) -> list[Loaded]:
        """Phase one: every file read and enriched; summaries only (no text)."""
        done = 0
        summaries: list[Loaded] = []
        for _, kind, payload in self._messages("loaded"):
            if kind == "progress":
                done += payload
                if progress:
                    progress(done, self.total)
            else:
                summaries.extend(payload)
        return sorted(summaries, key=lambda item: item.relpath)

    def write(self, resolver: people.NameResolver) -> tuple[dict[str, int], list[Any]]:
        """Phase two: each worker writes its segment; passages per file and the segments."""
        for conn in self._conns:
            conn.send(resolver)
        counts: dict[str, int] = {}
        segments = []
        for _, _, (worker_counts, worker_segments) in self._messages("written"):
            counts.update(worker_counts)
            segments.extend(worker_segments)
        return counts, segments

    def close(self) -> None:
        for conn in self._conns:
            with contextlib.suppress(OSError, ValueError):  # already finished
                conn.send(None)  # a worker still waiting for a resolver gives up
            conn.close()
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()

    def __enter__(self) -> Shards:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["Loaded", "ShardWriter", "Shards", "load_file", "write_documents"]
