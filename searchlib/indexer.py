"""Indexing: bring the index in line with a corpus folder, incrementally.

A run compares the corpus with the manifest in the index metadata (size and
mtime first, content hash to confirm), reads and enriches only new and
changed files, resolves person names across the whole corpus, and writes
the changes in one Whoosh commit. Bad files are reported, never fatal; a
file that turns bad keeps its last good version in the index.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index

from . import positions, shards
from .document import Document, Problem
from .errors import CorpusError, IndexProblem, SchemaVersionError
from .results import IndexSummary
from .schema import SCHEMA_VERSION, build_schema, join_values
from .store import (
    PEOPLE_FILE,
    FileEntry,
    IndexMeta,
    read_meta,
    remove_index_files,
    write_json_atomic,
    write_lock,
    write_meta,
)

if TYPE_CHECKING:
    from . import corpus, extract, people

# corpus, extract and people are imported where used: they are heavy, and the
# up-to-date check that precedes every CLI search must not pay for them.

Progress = Callable[[int, int], None]


def _patch(owner: Any, name: str, make: Callable[[Any], Any]) -> None:
    """Replace ``owner.name`` by ``make(original)``, once however often the module loads."""
    original = getattr(owner, name)
    if getattr(original, "_kzsearch", False):
        return
    patched = make(original)
    patched._kzsearch = True
    setattr(owner, name, patched)


def _remember_missing_columns() -> None:
    """Make Whoosh 2.7 remember that a segment has no length column for a field.

    Without this, every posting of an unscored field (ids, facets) asks the
    file system whether the column exists while a segment is written: about
    a sixth of indexing time. Segment files never change, so caching the
    answer is safe.
    """
    try:
        from whoosh.codec.whoosh3 import W3PerDocReader
    except ImportError:  # another Whoosh distribution: nothing to patch
        return

    def make(original: Any) -> Any:
        def cached_reader(self: Any, fieldname: str, column: Any) -> Any:
            if fieldname in self._readers:
                return self._readers[fieldname]
            reader = original(self, fieldname, column)
            self._readers[fieldname] = reader
            return reader

        return cached_reader

    _patch(W3PerDocReader, "_cached_reader", make)


def _fast_field_lengths() -> None:
    """Make Whoosh 2.7 read a segment's field lengths once per field, not once per posting.

    Writing a segment asks for the field length of every posting's document
    (for block statistics), each time through a file seek: about a tenth of
    indexing time. The column is a byte per document and never changes once
    written, so it is read whole the first time and looked up after that.
    """
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
        from whoosh.columns import NumericColumn
        from whoosh.util.numeric import byte_to_length
    except ImportError:  # another Whoosh distribution: nothing to patch
        return
    lengths = [byte_to_length(b) for b in range(256)]

    def make(original: Any) -> Any:
        def doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> Any:
            tables = self.__dict__.setdefault("_kzsearch_lengths", {})
            table = tables.get(fieldname)
            if table is None:
                column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                table = False
                if (
                    isinstance(column, NumericColumn.Reader)
                    and getattr(column, "_typecode", None) == "B"
                    and hasattr(column, "_dbfile")
                ):
                    table = (
                        column._dbfile.get(column._basepos, column._count) if column._count else b""
                    )
                tables[fieldname] = table
            if table is False or docnum > self._doccount:
                return original(self, docnum, fieldname, default)
            lbyte = table[docnum] if docnum < len(table) else 0
            return lengths[lbyte] if lbyte else None  # Whoosh's answer for a 0 byte

        return doc_field_length

    _patch(W3PerDocReader, "doc_field_length", make)


_remember_missing_columns()
_fast_field_lengths()
DEFAULT_LOCK_TIMEOUT = 30.0
PARALLEL_MIN_FILES = 50  # fewer files are not worth starting worker processes for


def _add_names(stats: people.NameStats, names: dict[str, list[Any]]) -> None:
    for name, (count, years, groups, *uses) in names.items():
        stats.add(name, count)
        for year in years:
            stats.add(name, 0, year=year)
        for group in groups:
            stats.add(name, 0, group=group)
        for group, year in uses[0] if uses else ():
            stats.add(name, 0, year=year, group=group)


def _uses(names: dict[str, list[Any]], name: str) -> list[tuple[str, int]]:
    """The (group, year) uses recorded for one name of a file (none in older manifests)."""
    entry = names.get(name) or []
    return [(g, y) for g, y in entry[3]] if len(entry) > 3 else []


def passage_fields(doc: Document) -> Iterator[dict[str, Any]]:
    """The Whoosh documents for one Document: one per passage."""
    date = doc.date
    explicit_speakers = doc.speakers if "speakers" in doc.explicit else []
    explicit_topics = doc.topics if "topics" in doc.explicit else []
    explicit_countries = doc.countries if "countries" in doc.explicit else []
    roles = {name: role for name, role in doc.roles.items() if role}
    for passage in doc.passages:
        fields: dict[str, Any] = {
            "pid": passage.passage_id(doc.doc_id),
            "doc_id": doc.doc_id,
            "file": doc.path,
            "position": passage.position,
            "title": doc.title,
            "text": passage.text,
            "speaker": join_values(passage.speakers or explicit_speakers),
            "person": join_values(passage.persons),
            "topic": join_values(passage.topics or explicit_topics),
            "country": join_values([*passage.countries, *explicit_countries]),
            "source": join_values([doc.source]),
            "filetype": doc.filetype,
            "roles": roles,
            "url": doc.url,
            "extra": doc.extra,
        }
        if date is not None:
            fields["date"] = datetime.combine(date.start, datetime.min.time())
            fields["date_end"] = datetime.combine(date.end, datetime.max.time())
            fields["date_text"] = date.isoformat()
            fields["year"] = date.year
        yield {k: v for k, v in fields.items() if v not in ("", None)}


def _context_digest(root: Path, ctx: extract.ExtractionContext) -> str:
    """Changes to configuration (people, topics, tables) mean every file must be re-enriched."""
    from . import extract

    digest = hashlib.sha256(str(getattr(extract, "EXTRACTION_VERSION", 0)).encode())
    for rel in sorted(ctx.config_files):
        digest.update(rel.encode())
        try:
            digest.update((root / rel).read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def _table_gaps(ctx: extract.ExtractionContext, sources: list[corpus.SourceFile]) -> list[Problem]:
    """Files a metadata table gives nothing (no row, no speaker): indexed, but said."""
    relpaths = [s.relpath for s in sources]
    return [
        Problem(gap.path, f"{table.relpath}: {gap.reason}", kind="warning")
        for table in ctx.tables
        for gap in table.unmatched(relpaths)
    ]


def _same_people(
    index_path: Path,
    previous: dict[str, FileEntry],
    loaded: dict[str, shards.Loaded],
    removed: list[str],
) -> people.NameResolver | None:
    """The last run's resolver, when no name evidence changed (edits that name nobody new).

    Rebuilding it clusters every name of the corpus, the largest fixed cost of
    a small incremental run.
    """
    from . import people

    if any(previous[rel].names for rel in removed):
        return None
    if any(
        rel not in previous or previous[rel].names != item.names for rel, item in loaded.items()
    ):
        return None
    try:
        data = json.loads((index_path / PEOPLE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return people.NameResolver.from_json(data)


def _speaker_roles(
    entries: Iterable[FileEntry], resolver: people.NameResolver
) -> dict[str, list[str]]:
    """Every role each canonical person is given anywhere, for ``kzsearch speakers``
    (keyed as the speaker facet writes the name)."""
    roles: dict[str, set[str]] = {}
    for entry in entries:
        for name, given in entry.roles.items():
            for canonical in resolver.canonicals(name, _uses(entry.names, name)):
                roles.setdefault(join_values([canonical]), set()).update(given)
    return {name: sorted(r) for name, r in sorted(roles.items())}


def _speakers_spoken(
    entries: Iterable[FileEntry], resolver: people.NameResolver
) -> tuple[dict[str, int], dict[str, dict[str, list[int]]]]:
    """For each canonical person (keyed as the facet writes them): the documents they speak
    in, including speakers a text lists (a panel's introduction) whom no passage is
    attributed to; and the years they speak in, by country ("" when none is known), for
    ``kzsearch speakers`` and to tell which similar names may be one person's."""
    counts: Counter[str] = Counter()
    years: dict[str, dict[str, set[int]]] = {}
    for entry in entries:
        spoken = set()
        for doc, name, group, year in entry.speakers:
            canonical = join_values([resolver.canonical(name, group, year)])
            spoken.add((doc, canonical))
            if year is not None:
                years.setdefault(canonical, {}).setdefault(group or "", set()).add(int(year))
        counts.update(name for _, name in spoken)
    by_year = {
        name: {group: sorted(ys) for group, ys in sorted(by_group.items())}
        for name, by_group in sorted(years.items())
    }
    return dict(sorted(counts.items())), by_year


def _ignored_stats(
    root: Path, problems: list[Problem], config_files: Iterable[str], indexed: dict[str, FileEntry]
) -> dict[str, list[int]]:
    """Size and mtime of every file seen but not indexed, so the up-to-date check can skip them."""
    ignored: dict[str, list[int]] = {}
    for rel in {*(p.path for p in problems), *config_files}:
        if rel in indexed:
            continue
        try:
            stat = (root / rel).stat()
        except OSError:
            continue
        if (root / rel).is_file():
            ignored[rel] = [stat.st_size, stat.st_mtime_ns]
    return ignored


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _canonical_names(names: dict[str, list[Any]], resolver: people.NameResolver) -> list[str]:
    return sorted({c for n in names for c in resolver.canonicals(n, _uses(names, n))})


def index_corpus(
    corpus_dir: Path | str,
    index_dir: Path | str,
    *,
    rebuild: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> IndexSummary:
    """Bring ``index_dir`` up to date with ``corpus_dir``; returns what changed.

    ``jobs`` worker processes share large runs (default: one per core).
    """
    jobs = jobs or os.cpu_count() or 1
    started = time.perf_counter()
    root = Path(corpus_dir).resolve()
    if not root.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist or is not a folder")
    index_path = Path(index_dir)
    index_path.mkdir(parents=True, exist_ok=True)
    with write_lock(index_path, lock_timeout):
        return _index_locked(root, index_path, rebuild, jobs, progress, started)


def _index_locked(
    root: Path,
    index_path: Path,
    rebuild: bool,
    jobs: int,
    progress: Progress | None,
    started: float,
) -> IndexSummary:
    from . import corpus, extract

    ctx = extract.load_context(root)
    sources, problems = corpus.scan(root, exclude=ctx.config_files)
    try:
        old = read_meta(index_path)
    except IndexProblem:
        if not rebuild:
            raise
        old = None  # damaged metadata: a rebuild starts afresh, as its hint promises
    if old is not None and old.indexname and old.schema_version != SCHEMA_VERSION and not rebuild:
        raise SchemaVersionError(
            f"{index_path}: index built with schema version {old.schema_version}, "
            f"this kzsearch needs {SCHEMA_VERSION}"
        )
    fresh = rebuild or old is None or not old.indexname
    context_digest = _context_digest(root, ctx)
    previous: dict[str, FileEntry] = {} if fresh else dict(old.files)  # type: ignore[union-attr]
    if not fresh and old is not None and old.context_digest != context_digest:
        # Same files, new configuration: re-read everything, but keep the entries for removal.
        stale = {
            rel: FileEntry(e.size, -1, "", e.doc_ids, e.passages) for rel, e in previous.items()
        }
        previous = stale

    # 1. What changed: stat first, hash only when the stat differs.
    current = {s.relpath: s for s in sources}
    to_read: list[corpus.SourceFile] = []
    unchanged: dict[str, FileEntry] = {}
    for rel, source in current.items():
        entry = previous.get(rel)
        if entry and entry.size == source.size and entry.mtime_ns == source.mtime_ns:
            unchanged[rel] = entry
        elif (
            entry and entry.size == source.size and entry.digest == corpus.file_digest(source.path)
        ):
            entry.mtime_ns = source.mtime_ns  # touched, not changed
            unchanged[rel] = entry
        else:
            to_read.append(source)
    removed = [rel for rel in previous if rel not in current]
    problems.extend(_table_gaps(ctx, to_read))  # said once, when a file is (re)read
    if old is not None and not fresh and not to_read and not removed:
        # Nothing to write: remember touched files' new mtimes and what was skipped.
        old.ignored = _ignored_stats(root, problems, ctx.config_files, old.files)
        if not old.speaker_years and any(e.speakers for e in old.files.values()):
            # An index from before speakers' years gets them here, once.
            resolver = _same_people(index_path, previous, {}, [])
            if resolver is not None:
                old.speaker_years = _speakers_spoken(old.files.values(), resolver)[1]
        write_meta(index_path, old)
        # An index from before positions sidecars gets them here, once.
        ix = whoosh_index.open_dir(str(index_path), indexname=old.indexname)
        _ensure_positions(ix, index_path, problems)
        return IndexSummary(
            documents_unchanged=sum(len(entry.doc_ids) for entry in unchanged.values()),
            problems=tuple(problems),
            elapsed_s=time.perf_counter() - started,
        )

    # 2. Read and enrich the new and changed files: in worker processes for
    #    large runs (they keep the text and write it in phase 4), else here.
    workers = None
    if jobs > 1 and len(to_read) >= PARALLEL_MIN_FILES:
        indexname = old.indexname if (old and not fresh) else f"kz{time.time_ns():x}"
        if fresh:
            whoosh_index.create_in(str(index_path), build_schema(), indexname=indexname)
        workers = shards.Shards(to_read, ctx, jobs, index_path, indexname)
    try:
        return _index_with(
            root,
            index_path,
            ctx,
            old,
            fresh,
            context_digest,
            previous,
            current,
            to_read,
            unchanged,
            removed,
            problems,
            workers,
            progress,
            started,
        )
    finally:
        if workers is not None:
            workers.close()


def _index_with(
    root: Path,
    index_path: Path,
    ctx: extract.ExtractionContext,
    old: IndexMeta | None,
    fresh: bool,
    context_digest: str,
    previous: dict[str, FileEntry],
    current: dict[str, corpus.SourceFile],
    to_read: list[corpus.SourceFile],
    unchanged: dict[str, FileEntry],
    removed: list[str],
    problems: list[Problem],
    workers: shards.Shards | None,
    progress: Progress | None,
    started: float,
) -> IndexSummary:
    from . import corpus, people

    if workers is not None:
        items = workers.load(progress)
    else:
        items = []
        for done, source in enumerate(to_read, 1):
            items.append(shards.load_file(source, ctx))
            if progress:
                progress(done, len(to_read))
    loaded: dict[str, shards.Loaded] = {}
    for item in items:
        problems.extend(item.problems)
        if item.doc_ids:
            loaded[item.relpath] = item
        elif item.relpath in previous:  # turned bad: keep its last good version
            unchanged[item.relpath] = previous[item.relpath]

    # 3. Resolve names across the whole corpus; files whose canonical names moved are rewritten.
    resolver = None if fresh else _same_people(index_path, previous, loaded, removed)
    if resolver is None:
        name_stats = people.NameStats()
        for names in [*(e.names for e in unchanged.values()), *(i.names for i in loaded.values())]:
            _add_names(name_stats, names)
        resolver = people.NameResolver.build(name_stats, pins=ctx.pins)
    for rel, entry in list(unchanged.items()):
        if entry.names and _canonical_names(entry.names, resolver) != entry.canonical:
            item = shards.load_file(current[rel], ctx)
            if item.doc_ids:
                loaded[rel] = item
                del unchanged[rel]

    # 4. Write everything in one commit: this process's documents and deletions,
    #    and the segments the workers wrote.
    meta = IndexMeta(
        indexname=old.indexname if (old and not fresh) else f"kz{time.time_ns():x}",
        corpus=str(root),
        context_digest=context_digest,
        topic_labels={t.id: t.label for t in ctx.taxonomy.topics.values()},
    )
    if workers is not None:
        meta.indexname = workers.indexname
    elif fresh:
        whoosh_index.create_in(str(index_path), build_schema(), indexname=meta.indexname)
    ix = whoosh_index.open_dir(str(index_path), indexname=meta.indexname)
    writer = shards.ShardWriter(ix, limitmb=shards.WRITER_MB)
    added = updated = passages_added = passages_removed = 0
    counts: dict[str, int] = {}
    try:
        for rel in removed:
            passages_removed += previous[rel].passages
            writer.delete_by_term("file", rel)
        for rel, item in loaded.items():
            if rel in previous and not fresh:
                writer.delete_by_term("file", rel)
                passages_removed += previous[rel].passages
                updated += len(item.doc_ids)
            else:
                added += len(item.doc_ids)
            if item.docs:  # read here, not by a worker
                counts[rel] = shards.write_documents(writer, item.docs, resolver)
        if workers is not None:
            worker_counts, writer.worker_segments = workers.write(resolver)
            counts.update(worker_counts)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    for rel, item in loaded.items():
        source = current[rel]
        passages_added += counts.get(rel, 0)
        meta.files[rel] = FileEntry(
            size=source.size,
            mtime_ns=source.mtime_ns,
            digest=corpus.file_digest(source.path),
            doc_ids=item.doc_ids,
            passages=counts.get(rel, 0),
            names=item.names,
            canonical=_canonical_names(item.names, resolver),
            roles=item.roles,
            speakers=item.speakers,
        )
    meta.files.update(unchanged)
    meta.speaker_roles = _speaker_roles(meta.files.values(), resolver)
    meta.document_speakers, meta.speaker_years = _speakers_spoken(meta.files.values(), resolver)
    meta.ignored = _ignored_stats(root, problems, ctx.config_files, meta.files)
    meta.last_indexed = _now()
    write_json_atomic(index_path / PEOPLE_FILE, resolver.to_json())
    write_meta(index_path, meta)
    if fresh and old is not None and old.indexname and old.indexname != meta.indexname:
        remove_index_files(index_path, old.indexname)
    _ensure_positions(ix, index_path, problems)
    return IndexSummary(
        documents_added=added,
        documents_updated=updated,
        documents_removed=sum(len(previous[rel].doc_ids) for rel in removed),
        documents_unchanged=sum(len(entry.doc_ids) for entry in unchanged.values()),
        passages_added=passages_added,
        passages_removed=passages_removed,
        problems=tuple(problems),
        elapsed_s=time.perf_counter() - started,
        rebuilt=fresh,
    )


def _ensure_positions(ix: Any, index_path: Path, problems: list[Problem]) -> None:
    """Sidecars for new segments, once the index and its metadata are committed.

    They are derived data: when one can't be written (a full disk, say), the
    index stays as committed and searches that segment through Whoosh, slower.
    """
    try:
        positions.ensure(ix, index_path)
    except OSError as exc:
        problems.append(
            Problem(
                str(index_path / positions.SIDECAR_DIR),
                f"word positions not written ({exc.strerror or exc}): phrases will search slower",
                kind="warning",
            )
        )


def index_documents(
    documents: Iterable[Document],
    index_dir: Path | str,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> IndexSummary:
    """Index ready-made documents (evaluation collections, API users) into a fresh index."""
    from . import people

    started = time.perf_counter()
    index_path = Path(index_dir)
    index_path.mkdir(parents=True, exist_ok=True)
    with write_lock(index_path, lock_timeout):
        old = read_meta(index_path)
        meta = IndexMeta(indexname=f"kz{time.time_ns():x}", corpus=None)
        ix = whoosh_index.create_in(str(index_path), build_schema(), indexname=meta.indexname)
        writer = ix.writer(limitmb=256)
        docs = passages = 0
        try:
            for doc in documents:
                docs += 1
                for fields in passage_fields(doc):
                    writer.add_document(**fields)
                    passages += 1
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        meta.last_indexed = _now()
        write_json_atomic(index_path / PEOPLE_FILE, people.NameResolver.build({}).to_json())
        write_meta(index_path, meta)
        _ensure_positions(ix, index_path, [])
        if old is not None and old.indexname:
            remove_index_files(index_path, old.indexname)
    return IndexSummary(
        documents_added=docs,
        passages_added=passages,
        elapsed_s=time.perf_counter() - started,
        rebuilt=True,
    )


__all__ = ["index_corpus", "index_documents", "passage_fields"]
