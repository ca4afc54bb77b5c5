"""The UNGDC benchmark workload: unpacking, passages (one per line), facets and queries.

Every engine reads the same files through :func:`iter_passages`, so index
times differ only by the engine. kzsearch reads the corpus folder itself (with
its own passage merging), as a user would.
"""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "DEFAULT_ARCHIVE",
    "Passage",
    "KZSEARCH_CONFIG",
    "iter_passages",
    "kzsearch_corpus",
    "load_speakers",
    "make_queries",
    "prepare_corpus",
    "select_files",
    "subset_corpus",
]

DEFAULT_ARCHIVE = (
    Path(__file__).resolve().parents[1].parent / "shared/data/ungdc/ungdc-excerpt.tar.gz"
)
SHARED_UNPACKED = Path("/tmp/ungdc")
LOCK = Path("/tmp/ungdc.lock")
FILE_RE = re.compile(r"^([A-Z]{2,3})_(\d+)_(\d{4})\.txt$")
WORD_RE = re.compile(r"[a-z]{4,}")
# Words no engine should have to match: the union of common English stop lists is
# overkill; Whoosh's list is what the stock baseline drops, so queries avoid it.
try:
    from whoosh.analysis import STOP_WORDS
except ImportError:  # pragma: no cover - whoosh is a dependency
    STOP_WORDS = frozenset()

# kzsearch reads speaker/role/year/country from the session table, as a user would set it up.
KZSEARCH_CONFIG = """\
metadata:
  table: speakers_by_session.csv
  files: "TXT/*/{iso}_{session}_{year}.txt"
  join: {iso: ISO Code, session: Session, year: Year}
  columns:
    speaker: Name of Person Speaking
    role: Post
    year: Year
    country: [ISO Code, Country]
  first_person: true
"""

Passage = dict  # {"id": str, "text": str, "speaker": str, "country": str, "year": int}


def _complete(root: Path) -> bool:
    return (root / "speakers_by_session.csv").is_file() and (root / "TXT").is_dir()


def prepare_corpus(corpus: Path | None, archive: Path = DEFAULT_ARCHIVE) -> Path:
    """The unpacked ``ungdc/`` folder: ``corpus`` if given, else /tmp/ungdc (unpacked once)."""
    if corpus is not None:
        if corpus.is_file():
            target = Path(tempfile.mkdtemp(prefix="kzbench-corpus-"))
            with tarfile.open(corpus) as tar:
                tar.extractall(target, filter="data")
            return target / "ungdc"
        return corpus
    while True:
        try:
            LOCK.mkdir()
            break
        except FileExistsError:
            time.sleep(2)  # someone else is unpacking
    try:
        if not _complete(SHARED_UNPACKED):
            with tarfile.open(archive) as tar:
                tar.extractall(SHARED_UNPACKED.parent, filter="data")
    finally:
        LOCK.rmdir()
    return SHARED_UNPACKED


def all_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "TXT").rglob("*.txt") if FILE_RE.match(p.name))


def select_files(root: Path, limit: int | None, seed: int = 13) -> list[Path]:
    """All speech files, or a seeded random sample of ``limit`` (spread over all years)."""
    files = all_files(root)
    if limit is None or limit >= len(files):
        return files
    rng = random.Random(seed)
    return sorted(rng.sample(files, limit))


def subset_corpus(root: Path, files: list[Path], target: Path) -> Path:
    """A corpus folder with only ``files`` (hard links when possible) and the speakers table."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "speakers_by_session.csv", target / "speakers_by_session.csv")
    for f in files:
        dest = target / f.relative_to(root)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists():
            continue
        try:
            os.link(f, dest)
        except OSError:
            shutil.copy2(f, dest)
    return target


def kzsearch_corpus(root: Path, files: list[Path], target: Path) -> Path:
    """A corpus folder for kzsearch: the speech files, the table and ``kzsearch.yaml``.

    The full corpus links ``TXT/`` (the unpacked excerpt stays read-only); a sample
    gets hard links to just its files. Files the baselines skip (hidden ones) kzsearch
    skips too, so every engine reads the same speeches.
    """
    if len(files) >= len(all_files(root)):
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / "speakers_by_session.csv", target / "speakers_by_session.csv")
        link = target / "TXT"
        if not link.exists():
            link.symlink_to((root / "TXT").resolve(), target_is_directory=True)
    else:
        subset_corpus(root, files, target)
    (target / "kzsearch.yaml").write_text(KZSEARCH_CONFIG, encoding="utf-8")
    return target


def load_speakers(root: Path) -> dict[tuple[str, int], str]:
    """(ISO code, year) -> speaker name as recorded (whitespace tidied)."""
    out: dict[tuple[str, int], str] = {}
    with open(root / "speakers_by_session.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            try:
                key = (row["ISO Code"].strip(), int(row["Year"]))
            except (KeyError, ValueError):
                continue
            name = " ".join((row.get("Name of Person Speaking") or "").split())
            if name:
                out[key] = name
    return out


def iter_passages(files: list[Path], speakers: dict[tuple[str, int], str]) -> Iterator[Passage]:
    """One passage per non-empty line, with speaker/country/year from the file name and table."""
    for path in files:
        m = FILE_RE.match(path.name)
        if not m:
            continue
        iso, year = m.group(1), int(m.group(3))
        speaker = speakers.get((iso, year), "")
        with open(path, encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                text = line.strip()
                if text:
                    yield {
                        "id": f"{path.stem}#{n}",
                        "text": text,
                        "speaker": speaker,
                        "country": iso,
                        "year": year,
                    }


def make_queries(files: list[Path], n: int, seed: int = 7) -> list[dict]:
    """Realistic policy queries from the corpus vocabulary: 1-3 terms, and ~15% phrases.

    Each query is ``{"terms": [...], "phrase": bool}``; engines render their own syntax
    (all terms required, or the exact phrase).
    """
    rng = random.Random(seed)
    sample = rng.sample(files, min(len(files), 400))
    df: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for path in sample:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            words = line.lower().split()
            toks = [w.strip(".,;:()\"'!?") for w in words]
            df.update({w for w in toks if WORD_RE.fullmatch(w) and w not in STOP_WORDS})
            for a, b in zip(toks, toks[1:], strict=False):
                if (
                    WORD_RE.fullmatch(a)
                    and WORD_RE.fullmatch(b)
                    and a not in STOP_WORDS
                    and b not in STOP_WORDS
                ):
                    bigrams[(a, b)] += 1
    # Ties broken by the word: set order (hence Counter order) changes with PYTHONHASHSEED.
    ranked = [w for w, _ in sorted(df.items(), key=lambda wc: (-wc[1], wc[0]))]
    # Skip the 30 most common words (mostly "united", "nations"...) and the rare tail.
    vocab = ranked[30:3000] or ranked
    top_bigrams = sorted(bigrams.items(), key=lambda pc: (-pc[1], pc[0]))[:600]
    phrases = [list(p) for p, c in top_bigrams if c >= 3] or [[vocab[0]]]
    queries: list[dict] = []
    for _ in range(n):
        if rng.random() < 0.15:
            queries.append({"terms": rng.choice(phrases), "phrase": True})
        else:
            k = rng.choice((1, 1, 2, 2, 2, 3))
            queries.append({"terms": rng.sample(vocab, k), "phrase": False})
    return queries
