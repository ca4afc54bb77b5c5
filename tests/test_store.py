from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from searchlib import store
from searchlib.errors import IndexNotFoundError
from searchlib.indexer import index_corpus
from searchlib.search import Index
from searchlib.store import FileEntry, IndexMeta, ensure_index, is_up_to_date, write_meta


def _entry(path: Path) -> FileEntry:
    st = path.stat()
    return FileEntry(size=st.st_size, mtime_ns=st.st_mtime_ns, digest="", doc_ids=[], passages=1)


@pytest.fixture()
def recorded(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus with a subfolder and hidden files, and an index meta that records it."""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / ".git").mkdir()
    (corpus / "a.txt").write_text("alpha", encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text("beta", encoding="utf-8")
    (corpus / "notes.bin").write_bytes(b"\0")
    (corpus / ".hidden.txt").write_text("not indexed", encoding="utf-8")
    (corpus / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    st = (corpus / "notes.bin").stat()
    meta = IndexMeta(
        indexname="kz1",
        corpus=str(corpus),
        files={"a.txt": _entry(corpus / "a.txt"), "sub/b.txt": _entry(corpus / "sub" / "b.txt")},
        ignored={"notes.bin": [st.st_size, st.st_mtime_ns]},
    )
    index = tmp_path / "index"
    index.mkdir()
    write_meta(index, meta)
    return corpus, index


def test_unchanged_corpus_is_up_to_date(recorded: tuple[Path, Path]) -> None:
    corpus, index = recorded
    assert is_up_to_date(corpus, index)
    (corpus / ".git" / "HEAD").write_text("changed, but hidden", encoding="utf-8")
    assert is_up_to_date(corpus, index)


@pytest.mark.parametrize("change", ["touch_nested", "resize", "add", "remove", "ignored"])
def test_any_change_is_seen(recorded: tuple[Path, Path], change: str) -> None:
    corpus, index = recorded
    nested = corpus / "sub" / "b.txt"
    if change == "touch_nested":
        st = nested.stat()
        os.utime(nested, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    elif change == "resize":
        (corpus / "a.txt").write_text("alpha, longer", encoding="utf-8")
    elif change == "add":
        (corpus / "sub" / "c.txt").write_text("gamma", encoding="utf-8")
    elif change == "remove":
        nested.unlink()
    else:
        (corpus / "notes.bin").write_bytes(b"\0\0")
    assert not is_up_to_date(corpus, index)


def test_ensure_index_parses_the_manifest_once(
    recorded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a 10,000-file corpus kzsearch.json is megabytes: each parse is a visible delay.
    corpus, index = recorded
    calls = []
    real = store.read_meta

    def counting(index_dir: Path) -> IndexMeta | None:
        calls.append(index_dir)
        return real(index_dir)

    monkeypatch.setattr(store, "read_meta", counting)
    assert ensure_index(None, index) is None
    assert len(calls) == 1


def _pointer_and_manifests(index_dir):
    pointer = json.loads((index_dir / store.META_FILE).read_text())
    return pointer, sorted(index_dir.glob(f"{store.MANIFEST_PREFIX}*.json"))


def test_manifest_is_kept_apart_from_the_pointer(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Peace and trade.")
    index_dir = tmp_path / "index"
    index_corpus(corpus, index_dir)
    pointer, manifests = _pointer_and_manifests(index_dir)
    assert "files" not in pointer and "ignored" not in pointer
    assert [m.name for m in manifests] == [pointer["manifest"]]
    assert "a.txt" in store.read_meta(index_dir).files
    assert store.read_meta(index_dir, manifest=False).files == {}

    (corpus / "b.txt").write_text("Water and energy.")
    index_corpus(corpus, index_dir)
    pointer, manifests = _pointer_and_manifests(index_dir)
    assert [m.name for m in manifests] == [pointer["manifest"]]  # the old one is gone
    assert set(store.read_meta(index_dir).files) == {"a.txt", "b.txt"}

    # Searching never needs the manifest; a lost manifest is explained, and --rebuild mends it.
    manifests[0].unlink()
    with Index(index_dir) as idx:
        assert idx.search("water").total == 1
    with pytest.raises(IndexNotFoundError, match="manifest missing"):
        store.read_meta(index_dir)
    index_corpus(corpus, index_dir, rebuild=True)
    assert set(store.read_meta(index_dir).files) == {"a.txt", "b.txt"}


def test_directory_size_counts_the_sidecars(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Peace and trade, the rule of law.")
    index_dir = tmp_path / "index"
    index_corpus(corpus, index_dir)
    files = [p for p in index_dir.rglob("*") if p.is_file()]
    assert any("positions" in p.parts for p in files)
    assert store.directory_size(index_dir) == sum(p.stat().st_size for p in files)
    with Index(index_dir) as idx:
        assert idx.stats().size_bytes == store.directory_size(index_dir)
