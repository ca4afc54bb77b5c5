from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from searchlib.document import Document, Passage
from searchlib.errors import CorpusError, IndexLockedError, SchemaVersionError
from searchlib.indexer import index_corpus, index_documents
from searchlib.search import Index
from searchlib.store import (
    META_FILE,
    ensure_index,
    is_up_to_date,
    open_whoosh,
    read_meta,
    write_lock,
    write_meta,
)


def _bump(path: Path, text: str) -> None:
    """Change a file so both its size and mtime differ."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_first_run_indexes_every_document(corpus_dir: Path, tmp_path: Path) -> None:
    summary = index_corpus(corpus_dir, tmp_path / "ix")
    # water.md, sanctions.md, note.txt and two records in records.jsonl
    assert summary.documents_added == 5
    assert summary.passages_added >= 5
    assert summary.rebuilt
    with Index(tmp_path / "ix") as idx:
        assert idx.stats().documents == 5


def test_second_run_changes_nothing(corpus_dir: Path, tmp_path: Path) -> None:
    index_corpus(corpus_dir, tmp_path / "ix")
    again = index_corpus(corpus_dir, tmp_path / "ix")
    assert not again.changed
    assert again.documents_unchanged == 5
    assert is_up_to_date(corpus_dir, tmp_path / "ix")


def test_incremental_add_change_delete(corpus_dir: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    index_corpus(corpus_dir, ix)
    (corpus_dir / "new.txt").write_text("New note\n\nGlacier retreat threatens rivers.\n", "utf-8")
    _bump(corpus_dir / "note.txt", "Changed note\n\nThe reform now covers zoology entirely.\n")
    (corpus_dir / "records.jsonl").unlink()
    assert not is_up_to_date(corpus_dir, ix)
    summary = index_corpus(corpus_dir, ix)
    assert (summary.documents_added, summary.documents_updated, summary.documents_removed) == (
        1,
        1,
        2,
    )
    with Index(ix) as idx:
        assert idx.search("glacier retreat").total == 1
        assert idx.search("zoology").total == 1
        assert idx.search("Semipalatinsk").total == 0  # removed with records.jsonl
        assert idx.search("Mazhilis").total == 0  # the old text of note.txt is gone


def test_touched_file_is_not_reindexed(corpus_dir: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    index_corpus(corpus_dir, ix)
    path = corpus_dir / "note.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    summary = index_corpus(corpus_dir, ix)
    assert not summary.changed
    assert is_up_to_date(corpus_dir, ix)  # the new mtime was recorded


def test_bad_files_are_reported_and_the_rest_indexed(corpus_dir: Path, tmp_path: Path) -> None:
    (corpus_dir / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", "utf-8")
    (corpus_dir / "empty.txt").write_text("", "utf-8")
    (corpus_dir / "image.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02")
    (corpus_dir / "latin.txt").write_bytes(
        "caf\xe9 na\xefve r\xe9sum\xe9 d\xe9j\xe0".encode("latin-1")
    )
    (corpus_dir / "report.pdf").write_bytes(b"%PDF-1.4")
    summary = index_corpus(corpus_dir, tmp_path / "ix")
    failed = {p.path for p in summary.failed}
    skipped = {p.path for p in summary.skipped}
    assert {"broken.md", "empty.txt", "latin.txt"} <= failed
    assert {"image.txt", "report.pdf"} <= skipped
    assert summary.documents_added == 5
    assert all(p.reason for p in summary.problems)


def test_file_turned_bad_keeps_its_last_good_version(corpus_dir: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    index_corpus(corpus_dir, ix)
    _bump(corpus_dir / "speeches" / "water.md", "---\ndate: [oops\n---\ntext\n")
    summary = index_corpus(corpus_dir, ix)
    assert [p.path for p in summary.failed] == ["speeches/water.md"]
    with Index(ix) as idx:
        assert idx.search("Aral Sea").total == 1


def test_rebuild_replaces_the_index(corpus_dir: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    index_corpus(corpus_dir, ix)
    first = read_meta(ix)
    summary = index_corpus(corpus_dir, ix, rebuild=True)
    second = read_meta(ix)
    assert summary.rebuilt and summary.documents_added == 5
    assert first is not None and second is not None and first.indexname != second.indexname
    assert not any(p.name.startswith(f"_{first.indexname}_") for p in ix.iterdir())
    with Index(ix) as idx:
        assert idx.search("Aral").total == 1


def test_incompatible_schema_is_reported(corpus_dir: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    index_corpus(corpus_dir, ix)
    meta = json.loads((ix / META_FILE).read_text())
    meta["schema_version"] = 1
    (ix / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(SchemaVersionError) as err:
        Index(ix)
    assert "rebuild" in err.value.hint
    with pytest.raises(SchemaVersionError):
        index_corpus(corpus_dir, ix)
    assert ensure_index(corpus_dir, ix) is None  # searching never rebuilds silently
    assert index_corpus(corpus_dir, ix, rebuild=True).rebuilt


def test_second_writer_waits_then_fails_clearly(corpus_dir: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    index_corpus(corpus_dir, ix)
    with write_lock(ix, timeout=1), pytest.raises(IndexLockedError) as err:
        index_corpus(corpus_dir, ix, lock_timeout=0.3)
    assert "another process" in err.value.message


def test_interrupted_run_leaves_last_commit_usable(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = tmp_path / "ix"
    index_corpus(corpus_dir, ix)
    _bump(corpus_dir / "note.txt", "Changed\n\nEntirely different words about falconry.\n")
    from searchlib import indexer

    def explode(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(indexer, "passage_fields", explode)
    with pytest.raises(KeyboardInterrupt):
        index_corpus(corpus_dir, ix)
    monkeypatch.undo()
    with Index(ix) as idx:
        assert idx.search("Mazhilis").total == 1
    summary = index_corpus(corpus_dir, ix)  # the next run picks the change up
    assert summary.documents_updated == 1


def test_missing_corpus_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError):
        index_corpus(tmp_path / "nope", tmp_path / "ix")


def test_ensure_index_builds_then_is_quiet(corpus_dir: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    assert ensure_index(corpus_dir, ix) is not None
    assert ensure_index(corpus_dir, ix) is None
    assert ensure_index(None, ix) is None  # uses the recorded corpus, which is current


def test_index_documents(tmp_path: Path) -> None:
    from searchlib.document import Document, Passage

    docs = [
        Document(
            "d1",
            "d1",
            "Wing flutter",
            "flutter of swept wings",
            "json",
            passages=[Passage(1, "flutter of swept wings")],
        ),
        Document(
            "d2",
            "d2",
            "Heat",
            "heat transfer in slabs",
            "json",
            passages=[Passage(1, "heat transfer in slabs")],
        ),
    ]
    summary = index_documents(docs, tmp_path / "ix")
    assert summary.passages_added == 2
    with Index(tmp_path / "ix") as idx:
        assert [h.doc_id for h in idx.search("flutter").hits] == ["d1"]


@pytest.mark.parametrize("buffer_mb", [None, 0.0001])
def test_parallel_reading_gives_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, buffer_mb: float | None
) -> None:
    from searchlib import positions, shards

    if buffer_mb is not None:  # a new worker segment after every file
        monkeypatch.setattr(shards, "WRITER_MB", buffer_mb)
    corpus = tmp_path / "many"
    corpus.mkdir()
    for n in range(60):
        (corpus / f"doc{n:02d}.txt").write_text(
            f"Title {n}\n\nPassage number {n} about trade.\n", "utf-8"
        )
    serial = index_corpus(corpus, tmp_path / "a", jobs=1)
    parallel = index_corpus(corpus, tmp_path / "b", jobs=2)
    assert serial.passages_added == parallel.passages_added == 60
    with Index(tmp_path / "a") as a, Index(tmp_path / "b") as b:
        assert a.search("trade", limit=100).total == b.search("trade", limit=100).total == 60
        assert [h.passage_id for h in a.search("passage 7").hits] == [
            h.passage_id for h in b.search("passage 7").hits
        ]
        assert b.search('"passage number 7"').total == 1
        segments = b._ix._segments()
        assert len(segments) == (60 if buffer_mb else 2)
        sidecars = {p.name for p in (tmp_path / "b" / positions.SIDECAR_DIR).iterdir()}
        assert sidecars == {seg.segment_id() for seg in segments}
    # An incremental run in workers: 55 files change, one goes, one more arrives.
    for n in range(55):
        _bump(corpus / f"doc{n:02d}.txt", f"Title {n}\n\nPassage number {n} about energy.\n")
    (corpus / "doc59.txt").unlink()
    (corpus / "new.txt").write_text("New\n\nA passage about glaciers.\n", "utf-8")
    summary = index_corpus(corpus, tmp_path / "b", jobs=2)
    assert (summary.documents_added, summary.documents_updated) == (1, 55)
    assert (summary.documents_removed, summary.documents_unchanged) == (1, 4)
    with Index(tmp_path / "b") as b:
        assert b.search("energy", limit=100).total == 55
        assert b.search("trade", limit=100).total == 4
        assert b.search("glaciers").total == 1
        assert b.stats().passages == 60


def test_metadata_table_gaps_are_warnings(tmp_path: Path) -> None:
    corpus = tmp_path / "un"
    corpus.mkdir()
    (corpus / "KAZ_75_2020.txt").write_text("We support nuclear disarmament.\n", "utf-8")
    (corpus / "UZB_75_2020.txt").write_text("Water is scarce in our region.\n", "utf-8")
    (corpus / "speakers.csv").write_text(
        "Year,Session,ISO Code,Name of Person Speaking,Post\n"
        "2020,75,KAZ,Kassym-Jomart Tokayev,President\n",
        "utf-8",
    )
    (corpus / "kzsearch.yaml").write_text(
        "metadata:\n"
        "  table: speakers.csv\n"
        '  files: "{iso}_{session}_{year}.txt"\n'
        "  join: {iso: ISO Code, session: Session, year: Year}\n"
        "  columns: {speaker: Name of Person Speaking, role: Post, year: Year}\n"
        "  first_person: true\n",
        "utf-8",
    )
    summary = index_corpus(corpus, tmp_path / "ix")
    assert summary.documents_added == 2
    assert [p.path for p in summary.warnings] == ["UZB_75_2020.txt"]
    with Index(tmp_path / "ix") as idx:
        hit = idx.search("disarmament").hits[0]
        assert hit.speakers == ("Kassym-Jomart Tokayev",)
        assert idx.search("water").hits[0].speakers == ()
        (info,) = idx.speakers()
        assert (info.name, info.roles, info.passages) == (
            "Kassym-Jomart Tokayev",
            ("President",),
            1,
        )


def _speeches(tmp_path: Path, rows: list[tuple[str, int, str, str]]) -> Path:
    """A corpus of one-line speeches ISO_YEAR.txt with a speakers table joined on both."""
    corpus = tmp_path / "un"
    corpus.mkdir()
    table = "Year,ISO Code,Name of Person Speaking,Post\n"
    for iso, year, name, post in rows:
        (corpus / f"{iso}_{year}.txt").write_text(f"In {year} we spoke of water.\n", "utf-8")
        table += f'{year},{iso},"{name}",{post}\n'
    (corpus / "speakers.csv").write_text(table, "utf-8")
    (corpus / "kzsearch.yaml").write_text(
        "metadata:\n"
        "  table: speakers.csv\n"
        '  files: "{iso}_{year}.txt"\n'
        "  join: {iso: ISO Code, year: Year}\n"
        "  columns: {speaker: Name of Person Speaking, role: Post, year: Year, country: ISO Code}\n"
        "  first_person: true\n",
        "utf-8",
    )
    return corpus


def test_surname_only_speakers_resolve_in_their_country_and_year(tmp_path: Path) -> None:
    minister = "Minister for Foreign Affairs"
    rows = [
        ("MLI", 1980, "Kessler", minister),
        ("MLI", 1981, "Anna Kessler", minister),
        ("MLI", 1982, "Anna Kessler", minister),
        ("MLI", 1990, "Kessler", minister),
        ("MLI", 1991, "Paul Kessler", minister),
        ("TCD", 1980, "Kessler", minister),  # another country's Kessler
        ("TCD", 1981, "Kessler", minister),
        ("TCD", 1982, "Kessler", minister),
    ]
    index_corpus(_speeches(tmp_path, rows), tmp_path / "ix")
    with Index(tmp_path / "ix") as idx:
        found = {h.path: h.speakers for h in idx.search("water", limit=10).hits}
        assert found["MLI_1980.txt"] == ("Anna Kessler",)
        assert found["MLI_1990.txt"] == ("Paul Kessler",)
        speakers = {s.name: s for s in idx.speakers()}
        assert set(speakers) == {"Anna Kessler", "Paul Kessler", "Kessler (Chad)"}
        assert "Kessler" in speakers["Paul Kessler"].variants
        assert speakers["Paul Kessler"].roles == (minister,)
        assert idx.search("water", speaker="Kessler", limit=10).total == 8
        assert idx.search("water", speaker="Kessler (Chad)", limit=10).total == 3


def test_speakers_list_their_years_and_countries_and_names_that_look_alike(
    tmp_path: Path,
) -> None:
    rows = [
        ("ISR", 1987, "Peres", ""),  # five years before the full name: left apart
        ("ISR", 1992, "Shimon Peres", ""),
        ("ISR", 1993, "Shimon Peres", ""),
        ("VEN", 1991, "Carlos Andres Peres", ""),  # another country's
        ("BEL", 1989, "Eyskens", ""),
        ("BEL", 1990, "Syskens", ""),  # a slip the rules leave apart in a short name
    ]
    index_corpus(_speeches(tmp_path, rows), tmp_path / "ix")
    with Index(tmp_path / "ix") as idx:
        speakers = {s.name: s for s in idx.speakers()}
        similar = {s.name: s.similar for s in idx.speakers(similar_only=True)}
    peres = speakers["Shimon Peres"]
    assert (peres.first_year, peres.last_year, peres.countries) == (1992, 1993, ("Israel",))
    assert peres.to_dict()["years"] == "1992-1993"
    assert similar == {
        "Peres": ("Shimon Peres",),
        "Shimon Peres": ("Peres",),
        "Eyskens": ("Syskens",),
        "Syskens": ("Eyskens",),
    }


def test_an_index_from_before_speakers_years_gets_them_on_the_next_run(tmp_path: Path) -> None:
    corpus = _speeches(tmp_path, [("ISR", 1992, "Shimon Peres", ""), ("ISR", 1994, "Peres", "")])
    index_corpus(corpus, tmp_path / "ix")
    meta = read_meta(tmp_path / "ix")
    assert meta is not None and meta.speaker_years == {"Shimon Peres": {"Israel": [1992, 1994]}}
    meta.speaker_years = {}
    write_meta(tmp_path / "ix", meta)
    assert index_corpus(corpus, tmp_path / "ix").documents_unchanged == 2
    with Index(tmp_path / "ix") as idx:
        (info,) = idx.speakers()
    assert (info.first_year, info.last_year) == (1992, 1994)


def test_a_surname_filter_finds_everyone_it_names_even_when_it_is_a_value(
    tmp_path: Path,
) -> None:
    rows = [
        ("MLI", 1980, "Kessler", ""),  # Anna's run
        ("MLI", 1981, "Anna Kessler", ""),
        ("MLI", 1982, "Anna Kessler", ""),
        ("MLI", 1995, "Kessler", ""),  # nobody's: stays a speaker value of its own
    ]
    index_corpus(_speeches(tmp_path, rows), tmp_path / "ix")
    with Index(tmp_path / "ix") as idx:
        assert {s.name for s in idx.speakers()} == {"Anna Kessler", "Kessler"}
        assert idx.search("water", speaker="Kessler", limit=10).total == 4
        assert idx.search("water", speaker="Anna Kessler", limit=10).total == 3


def test_a_speaker_with_a_comma_in_the_name_is_listed_once(tmp_path: Path) -> None:
    rows = [("PHL", 2019, "Mr. Teodoro L. Locsin, Jr.", "Secretary for Foreign Affairs")]
    index_corpus(_speeches(tmp_path, rows), tmp_path / "ix")
    with Index(tmp_path / "ix") as idx:
        (info,) = idx.speakers()
    assert (info.name, info.passages, info.documents) == ("Teodoro L. Locsin Jr", 1, 1)
    assert info.roles == ("Secretary for Foreign Affairs",)


def test_a_new_extraction_version_re_reads_every_file_once(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from searchlib import extract

    ix = tmp_path / "ix"
    first = index_corpus(corpus_dir, ix)
    monkeypatch.setattr(extract, "EXTRACTION_VERSION", extract.EXTRACTION_VERSION + 1)
    upgraded = index_corpus(corpus_dir, ix)
    assert upgraded.documents_updated == first.documents_added
    assert index_corpus(corpus_dir, ix).documents_updated == 0


def test_name_resolver_rebuilt_only_when_names_change(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from searchlib import people

    builds = []
    original = people.NameResolver.build.__func__  # type: ignore[attr-defined]

    def counting(cls, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        builds.append(1)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(people.NameResolver, "build", classmethod(counting))
    ix = tmp_path / "ix"
    index_corpus(corpus_dir, ix)
    assert len(builds) == 1
    _bump(corpus_dir / "note.txt", "Note\n\nThe same note, now about zoology, naming nobody.\n")
    assert index_corpus(corpus_dir, ix).documents_updated == 1
    assert len(builds) == 1  # no name evidence changed: last run's resolver reused
    (corpus_dir / "tokaev.md").write_text(
        "---\nspeaker: Kassymzhomart Tokaev\n---\nWe value water diplomacy.\n", "utf-8"
    )
    index_corpus(corpus_dir, ix)
    assert len(builds) == 2
    with Index(ix) as idx:
        assert idx.search("zoology").total == 1
        assert idx.search("diplomacy").hits[0].speakers == ("Kassym-Jomart Tokayev",)


def test_field_lengths_read_once_equal_whooshs(tmp_path):
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN
    from whoosh.util.numeric import byte_to_length

    texts = ["", "one", "a b c d e f g", " ".join(["word"] * 300), "x y"]
    docs = [
        Document(f"d{i}", f"d{i}", "t", "", "txt", passages=[Passage(0, t)] if t else [])
        for i, t in enumerate(texts)
    ]
    index_documents(docs, tmp_path)
    ix, _ = open_whoosh(tmp_path)
    with ix.reader() as r:
        assert r.doc_count_all() >= 4
        perdoc = r._perdoc
        column = perdoc._cached_reader("_text_len", LENGTHS_COLUMN)
        for d in range(r.doc_count_all()):
            expected = byte_to_length(column[d]) if column[d] else None
            assert r.doc_field_length(d, "text") == (expected or 0)
            assert perdoc.doc_field_length(d, "text") == expected
        assert perdoc.doc_field_length(0, "no-such-field", 7) == 7


def test_a_sidecar_that_cannot_be_written_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    from searchlib import positions

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The rule of law.\n", "utf-8")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(positions, "save", full_disk)
    summary = index_corpus(corpus, tmp_path / "index")
    assert summary.documents_added == 1
    assert [p.kind for p in summary.problems] == ["warning"]
    assert "No space left" in summary.problems[0].reason
    with Index(tmp_path / "index") as idx:  # searched through Whoosh instead
        assert idx.search('"rule of law"').total == 1
    monkeypatch.undo()
    index_corpus(corpus, tmp_path / "index")  # nothing changed: the sidecar is added now
    assert any((tmp_path / "index" / positions.SIDECAR_DIR).iterdir())
