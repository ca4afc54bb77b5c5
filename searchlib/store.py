"""The index directory: its metadata file, its lock, and opening it safely.

An index directory holds Whoosh's files plus ``kzsearch.json``, which
records the schema version, the corpus it was built from, the Whoosh index
name in use and the name of the manifest of indexed files
(``manifest-*.json``, megabytes for a large corpus: searching never reads
it, only the freshness check and the indexer do). The metadata file is the
pointer to the live index: a rebuild writes a new Whoosh index under a new
name and switches the pointer only after it has committed, so an interrupted
run always leaves the last committed index usable. A new manifest is written
under a new name before the pointer moves, for the same reason.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from .errors import IndexLockedError, IndexNotFoundError, SchemaVersionError

if TYPE_CHECKING:
    from .results import IndexSummary
from .schema import SCHEMA_VERSION

META_FILE = "kzsearch.json"
PEOPLE_FILE = "people.json"
LOCK_NAME = "kzsearch_write"


@dataclass
class FileEntry:
    """What the manifest remembers of one indexed file, to detect changes cheaply."""

    size: int
    mtime_ns: int
    digest: str
    doc_ids: list[str]
    passages: int
    # raw name -> [count, years, countries, (country, year) uses]
    names: dict[str, list[Any]] = field(default_factory=dict)
    canonical: list[str] = field(default_factory=list)  # canonical names written to the index
    roles: dict[str, list[str]] = field(default_factory=dict)  # raw name -> roles
    speakers: list[list[Any]] = field(default_factory=list)  # [doc, raw name, country, year]


@dataclass
class IndexMeta:
    schema_version: int = SCHEMA_VERSION
    indexname: str = ""
    corpus: str | None = None
    last_indexed: str | None = None
    context_digest: str = ""
    files: dict[str, FileEntry] = field(default_factory=dict)
    ignored: dict[str, list[int]] = field(
        default_factory=dict
    )  # seen, not indexed: [size, mtime_ns]
    topic_labels: dict[str, str] = field(default_factory=dict)  # the corpus taxonomy's labels
    speaker_roles: dict[str, list[str]] = field(default_factory=dict)  # canonical name -> roles
    # canonical name -> documents it speaks in, passages or not (a panel's listed speakers)
    document_speakers: dict[str, int] = field(default_factory=dict)
    # canonical name -> country ("" if none) -> the years they speak in
    speaker_years: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Everything but the manifest (``files`` and ``ignored``)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__ if k not in _MANIFEST}

    def manifest_json(self) -> dict[str, Any]:
        # Not dataclasses.asdict: its deep copy of ~10,000 file entries took seconds.
        return {
            "files": {rel: vars(entry) for rel, entry in self.files.items()},
            "ignored": self.ignored,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexMeta:
        files = {k: FileEntry(**v) for k, v in data.get("files", {}).items()}
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "files"}
        return cls(**known, files=files)


_MANIFEST = ("files", "ignored")
MANIFEST_PREFIX = "manifest-"


def read_meta(index_dir: Path, *, manifest: bool = True) -> IndexMeta | None:
    """The index metadata; with ``manifest=False`` without the (large) file manifest."""
    path = Path(index_dir) / META_FILE
    for attempt in range(3):
        data = _read_json(path)
        if data is None:
            return None
        name = data.get("manifest")
        if not manifest or not isinstance(name, str):
            return IndexMeta.from_json(data)
        try:
            data.update(_read_json(path.with_name(name), missing_ok=False) or {})
        except FileNotFoundError:
            if attempt == 2:
                raise IndexNotFoundError(
                    f"{path.with_name(name)}: index manifest missing",
                    hint="rebuild it with `kzsearch index --rebuild`",
                ) from None
            continue  # a writer replaced it after we read the pointer: read again
        return IndexMeta.from_json(data)
    return None  # pragma: no cover - the loop returns or raises


def _read_json(path: Path, missing_ok: bool = True) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if missing_ok:
            return None
        raise
    except (OSError, ValueError) as exc:
        raise IndexNotFoundError(
            f"{path}: unreadable index metadata ({exc})",
            hint="rebuild it with `kzsearch index --rebuild`",
        ) from None
    if not isinstance(data, dict):
        raise IndexNotFoundError(
            f"{path}: unreadable index metadata (not a JSON object)",
            hint="rebuild it with `kzsearch index --rebuild`",
        )
    return data


def write_json_atomic(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def write_meta(index_dir: Path, meta: IndexMeta) -> None:
    """A new manifest under a new name, then the pointer to it, then drop the old ones."""
    index_dir = Path(index_dir)
    name = f"{MANIFEST_PREFIX}{time.time_ns():x}.json"
    write_json_atomic(index_dir / name, meta.manifest_json())
    write_json_atomic(index_dir / META_FILE, {**meta.to_json(), "manifest": name})
    for old in index_dir.glob(f"{MANIFEST_PREFIX}*.json"):
        if old.name != name:
            old.unlink(missing_ok=True)


def check_compatible(index_dir: Path, meta: IndexMeta | None) -> IndexMeta:
    if meta is None or not meta.indexname:
        raise IndexNotFoundError(f"no kzsearch index in {index_dir}")
    if meta.schema_version != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{index_dir}: index built with schema version {meta.schema_version}, "
            f"this kzsearch needs {SCHEMA_VERSION}"
        )
    return meta


def open_whoosh(index_dir: Path) -> tuple[whoosh_index.Index, IndexMeta]:
    """Open the live Whoosh index, or explain why not."""
    index_dir = Path(index_dir)
    if not index_dir.is_dir():
        raise IndexNotFoundError(f"index directory {index_dir} does not exist")
    meta = check_compatible(index_dir, read_meta(index_dir, manifest=False))
    try:
        ix = whoosh_index.open_dir(str(index_dir), indexname=meta.indexname, readonly=True)
    except (whoosh_index.EmptyIndexError, OSError) as exc:
        raise IndexNotFoundError(f"{index_dir}: index files missing or damaged ({exc})") from None
    return ix, meta


@contextmanager
def write_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    """One writer at a time; a second waits up to ``timeout`` seconds, then fails clearly."""
    storage = FileStorage(str(index_dir))
    lock = storage.lock(LOCK_NAME)
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() >= deadline:
            raise IndexLockedError(
                f"{index_dir}: another process is writing to this index (waited {timeout:g} s)"
            )
        time.sleep(0.1)
    try:
        yield
    finally:
        lock.release()


def remove_index_files(index_dir: Path, indexname: str) -> None:
    """Delete the files of one Whoosh index (the one a rebuild replaced)."""
    for path in Path(index_dir).iterdir():
        if path.is_file() and path.name.startswith((f"{indexname}_", f"_{indexname}_")):
            path.unlink(missing_ok=True)


def is_up_to_date(corpus_dir: Path | str, index_dir: Path | str) -> bool:
    """Whether every corpus file is as it was at the last run: stats only, reads nothing."""
    return _corpus_unchanged(Path(corpus_dir), read_meta(Path(index_dir)))


def _corpus_unchanged(root: Path, meta: IndexMeta | None) -> bool:
    """Whether every file under ``root`` has the size and mtime ``meta`` recorded.

    This runs before every CLI search, so it stays cheap: one ``stat`` per file, and
    string paths rather than a few ``Path`` objects per file (corpora have 10,000 files).
    """
    if meta is None or not meta.indexname or meta.schema_version != SCHEMA_VERSION:
        return False
    if not root.is_dir():
        return False
    files, ignored = meta.files, meta.ignored
    seen = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, root)
        prefix = "" if rel_dir == os.curdir else rel_dir.replace(os.sep, "/") + "/"
        for name in filenames:
            if name.startswith("."):
                continue
            try:
                stat = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            rel = prefix + name
            entry = files.get(rel)
            if entry is not None:
                if (stat.st_size, stat.st_mtime_ns) != (entry.size, entry.mtime_ns):
                    return False
                seen += 1
            elif ignored.get(rel) != [stat.st_size, stat.st_mtime_ns]:
                return False  # new, or a skipped/failed/config file that changed
    return seen == len(files)


def ensure_index(
    corpus_dir: Path | str | None,
    index_dir: Path | str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> IndexSummary | None:
    """Build or update the index when it is missing or older than the corpus; None if current.

    With no corpus given, the one the index was built from is used; with
    neither, the index must already exist.
    """
    index_path = Path(index_dir)
    meta = read_meta(index_path)
    if corpus_dir is None and meta is not None:
        corpus_dir = meta.corpus
    if corpus_dir is None or not Path(corpus_dir).is_dir():
        return None  # nothing to build from: searching reports a missing index itself
    if meta is not None and meta.indexname and meta.schema_version != SCHEMA_VERSION:
        return None  # opening it explains the incompatibility and suggests --rebuild
    if _corpus_unchanged(Path(corpus_dir), meta):  # the manifest is parsed once, above
        return None
    from .indexer import index_corpus  # only now: indexing code is heavy to import

    return index_corpus(corpus_dir, index_path, progress=progress)


def directory_size(index_dir: Path) -> int:
    """Bytes on disk under the index folder, the positions sidecars included."""
    return sum(p.stat().st_size for p in Path(index_dir).rglob("*") if p.is_file())


__all__ = [
    "FileEntry",
    "IndexMeta",
    "MANIFEST_PREFIX",
    "META_FILE",
    "PEOPLE_FILE",
    "read_meta",
    "write_meta",
    "write_json_atomic",
    "open_whoosh",
    "check_compatible",
    "write_lock",
    "remove_index_files",
    "directory_size",
    "is_up_to_date",
    "ensure_index",
]
