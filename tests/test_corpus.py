from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchlib.corpus import (
    UNDECODABLE,
    SourceFile,
    doc_id_for,
    file_digest,
    read_corpus,
    read_file,
    scan,
)
from searchlib.dates import PartialDate
from searchlib.document import Document, Problem
from searchlib.errors import CorpusError

BODY = (
    "The Deputy Minister said that Kazakhstan values its partnership with the European Union. "
    "He added that trade and investment had grown steadily over the past decade. "
)
RUSSIAN = "Министр иностранных дел заявил, что Казахстан «ценит» партнёрство — это важно. " * 3


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write(root, "speeches/plain.txt", "Opening of the session\n" + BODY * 3)
    write(root, "speeches/plain.md", "# Same name, other type\n\n" + BODY)
    write(
        root,
        "speeches/front.md",
        "---\ntitle: Webinar on Central Asia\ndate: 2020-07-08\n"
        "speakers:\n  - Tokayev, Kassym-Jomart\n  - Ashikbayev; Nurgaliyev\n"
        "topics: foreign policy\nsource: CACI\nurl: https://example.org/w\n"
        "role: host\nvenue: online\nrecorded: 2020-07-09\n---\n"
        "## Summary\n\nThe **webinar** was [announced](https://example.org) by _the institute_.\n\n"
        + BODY,
    )
    write(
        root,
        "web/page.html",
        "<html><head><title>Press &amp; Statements</title>"
        '<meta name="date" content="2021-03-05"><meta name="author" content="Press Office">'
        "<style>p{color:red}</style><script>var x = 1;</script></head><body>"
        "<nav>Home | About</nav><h1>Headline</h1><p>" + BODY + "</p><p>Second &laquo;part&raquo;"
        " of the text.</p><footer>Copyright</footer></body></html>",
    )
    write(
        root,
        "data/records.jsonl",
        json.dumps({"id": "a#1", "title": "First", "text": BODY, "date": "2019", "speaker": "X Y"})
        + "\n\n"
        + "{not json}\n"
        + json.dumps({"title": "no text here"})
        + "\n"
        + json.dumps({"text": RUSSIAN, "topics": ["энергетика", "вода"]})
        + "\n",
    )
    write(root, "data/list.json", json.dumps([{"text": BODY, "id": 7}, {"body": "wrong key"}]))
    write(root, "enc/utf8-bom.txt", "\ufeffBOM title\n" + BODY)
    write(root, "enc/utf16le.txt", ("Заголовок\n" + RUSSIAN).encode("utf-16"))
    write(root, "enc/utf16be.txt", b"\xfe\xff" + ("Title\r\n" + BODY).encode("utf-16-be"))
    write(root, "enc/cp1251.txt", ("Заголовок\r\n" + RUSSIAN).encode("cp1251"))
    write(root, "enc/latin1.txt", ("Déjà vu à Genève, naïve café crème. " * 5).encode("cp1252"))
    write(root, "bad/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(root, "bad/empty.txt", " \n\t\n")
    write(root, "bad/unclosed.md", "---\ntitle: x\n\nno closing line\n")
    write(root, "bad/yaml.md", "---\ntitle: ok\nspeakers: [a, b\n---\nbody text\n")
    write(root, "bad/notmap.md", "---\n- a\n- b\n---\nbody text\n")
    write(root, "bad/date.md", "---\ntitle: x\ndate: someday soon\n---\nbody text\n")
    write(root, "notes.pdf", b"%PDF-1.4")
    write(root, "README", "no extension")
    write(root, ".DS_Store", b"\x00\x01")
    write(root, ".git/config", "[core]")
    write(root, "speeches/.hidden.txt", BODY)
    write(root, "kzsearch.yaml", "config: true")
    return root


def read_all(root: Path, **kwargs) -> tuple[dict[str, Document], list[Problem]]:
    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    for item in read_corpus(root, **kwargs):
        if isinstance(item, Document):
            docs[item.doc_id] = item
        else:
            problems.append(item)
    return docs, problems


def problem_for(problems: list[Problem], path: str) -> Problem:
    found = [p for p in problems if p.path == path]
    assert len(found) == 1, (path, problems)
    return found[0]


def test_scan_lists_readable_files_and_reports_skipped(corpus: Path):
    files, problems = scan(corpus, exclude=["./kzsearch.yaml"])
    rels = [f.relpath for f in files]
    assert rels == sorted(rels)
    assert "speeches/plain.txt" in rels and all(not r.startswith(".") for r in rels)
    assert all(f.path.is_absolute() and f.size == f.path.stat().st_size for f in files)
    reasons = {p.path: (p.kind, p.reason) for p in problems}
    assert reasons[".DS_Store"] == ("skipped", "hidden")
    assert reasons[".git"] == ("skipped", "hidden")  # the folder once, not its files
    assert reasons["speeches/.hidden.txt"] == ("skipped", "hidden")
    assert reasons["notes.pdf"] == ("skipped", "unknown extension .pdf")
    assert reasons["README"] == ("skipped", "no file extension")
    assert reasons["kzsearch.yaml"] == ("skipped", "corpus configuration")
    assert not any(p.startswith(".git/") for p in reasons)


def test_scan_missing_root_raises_naming_path(tmp_path: Path):
    with pytest.raises(CorpusError, match="nowhere"):
        scan(tmp_path / "nowhere")
    write(tmp_path, "file.txt", "x")
    with pytest.raises(CorpusError, match="not a folder"):
        scan(tmp_path / "file.txt")


def test_scan_survives_symlink_loops(tmp_path: Path):
    write(tmp_path, "a/doc.txt", BODY)
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    files, problems = scan(tmp_path)
    assert [f.relpath for f in files] == ["a/doc.txt"]
    assert problem_for(problems, "a/loop").kind == "skipped"


def test_txt_title_and_passages(corpus: Path):
    docs, _ = read_all(corpus)
    doc = docs["speeches/plain.txt"]
    assert doc.title == "Opening of the session"
    assert doc.filetype == "txt" and doc.path == "speeches/plain.txt"
    assert [p.position for p in doc.passages] == list(range(1, len(doc.passages) + 1))
    assert doc.passages[0].text.startswith("Opening of the session\nThe Deputy Minister")
    assert doc.explicit == set()


def test_same_stem_different_types_get_different_ids(corpus: Path):
    docs, _ = read_all(corpus)
    assert docs["speeches/plain.md"].title == "Same name, other type"
    assert "speeches/plain.txt" in docs


def test_markdown_front_matter(corpus: Path):
    docs, _ = read_all(corpus)
    doc = docs["speeches/front.md"]
    assert doc.title == "Webinar on Central Asia"
    assert doc.date == PartialDate(2020, 7, 8)
    assert doc.speakers == ["Tokayev, Kassym-Jomart", "Ashikbayev", "Nurgaliyev"]
    assert doc.topics == ["foreign policy"]
    assert (doc.source, doc.url) == ("CACI", "https://example.org/w")
    assert doc.extra == {"venue": "online", "recorded": "2020-07-09", "role": "host"}
    json.dumps(doc.extra)
    assert doc.explicit == {"title", "date", "speakers", "topics", "source", "url"}
    assert "The webinar was announced by the institute." in doc.text
    assert "**" not in doc.text and "](" not in doc.text and "#" not in doc.text


def test_role_applies_to_single_speaker(tmp_path: Path):
    write(tmp_path, "r.md", "---\nspeaker: Bolat Nurgaliyev\nrole: Ambassador\n---\n" + BODY)
    docs, problems = read_all(tmp_path)
    assert problems == []
    assert docs["r.md"].roles == {"Bolat Nurgaliyev": "Ambassador"}
    assert {"speakers", "roles"} <= docs["r.md"].explicit


def test_html_visible_text_title_and_meta(corpus: Path):
    docs, _ = read_all(corpus)
    doc = docs["web/page.html"]
    assert doc.title == "Press & Statements"
    assert doc.date == PartialDate(2021, 3, 5)
    assert doc.extra == {"author": "Press Office"}
    assert "Second «part» of the text." in doc.text
    for hidden in ("Home", "Copyright", "color", "var x"):
        assert hidden not in doc.text
    assert doc.text.startswith("Headline\n\nThe Deputy Minister")


def test_jsonl_records_ids_and_line_problems(corpus: Path):
    docs, problems = read_all(corpus)
    first = docs["data/records.jsonl:a%231"]
    assert first.title == "First" and first.date == PartialDate(2019)
    assert first.speakers == ["X Y"] and first.filetype == "jsonl"
    assert first.path == "data/records.jsonl"
    russian = docs["data/records.jsonl:4"]  # 4th non-blank line, no id
    assert russian.topics == ["энергетика", "вода"]
    assert russian.passages[0].text.startswith("Министр")
    jsonl = sorted((p.line, p.reason) for p in problems if p.path == "data/records.jsonl")
    assert [line for line, _ in jsonl] == [3, 4]
    assert "invalid JSON" in jsonl[0][1] and "'text'" in jsonl[1][1]


def test_json_list_records(corpus: Path):
    docs, problems = read_all(corpus)
    assert docs["data/list.json:7"].text == BODY
    bad = problem_for(problems, "data/list.json")
    assert bad.kind == "failed" and "record 2" in bad.reason and "'text'" in bad.reason


@pytest.mark.parametrize(
    ("rel", "title", "word"),
    [
        ("enc/utf8-bom.txt", "BOM title", "Deputy"),
        ("enc/utf16le.txt", "Заголовок", "партнёрство"),
        ("enc/utf16be.txt", "Title", "Deputy"),
        ("enc/cp1251.txt", "Заголовок", "«ценит»"),
    ],
)
def test_encodings(corpus: Path, rel: str, title: str, word: str):
    docs, _ = read_all(corpus)
    doc = docs[rel]
    assert doc.title == title
    assert word in doc.text
    assert "\r" not in doc.text and "\ufeff" not in doc.text


@pytest.mark.parametrize(
    ("rel", "kind", "reason", "line"),
    [
        ("bad/binary.txt", "skipped", "binary file", None),
        ("enc/latin1.txt", "failed", UNDECODABLE, None),
        ("bad/empty.txt", "failed", "empty file", None),
        ("bad/unclosed.md", "failed", "not closed", 1),
        ("bad/yaml.md", "failed", "not valid YAML", 3),
        ("bad/notmap.md", "failed", "key: value", 2),
        ("bad/date.md", "failed", "'date'", 3),
    ],
)
def test_bad_files_are_reported_not_raised(
    corpus: Path, rel: str, kind: str, reason: str, line: int | None
):
    docs, problems = read_all(corpus)
    problem = problem_for(problems, rel)
    assert (problem.kind, problem.line) == (kind, line)
    assert reason in problem.reason
    assert not any(d.path == rel for d in docs.values())


def test_random_bytes_never_become_mojibake(tmp_path: Path):
    garbage = bytes((i * 97 + 13) % 128 + 128 for i in range(400))
    path = write(tmp_path, "g.txt", b"Report " + garbage)
    docs, problems = read_file(SourceFile(path, "g.txt", path.stat().st_size, 0))
    assert docs == [] and problems[0].reason == UNDECODABLE


def test_ids_are_stable_across_reads(corpus: Path):
    first, _ = read_all(corpus)
    second, _ = read_all(corpus)
    assert {k: [p.text for p in d.passages] for k, d in first.items()} == {
        k: [p.text for p in d.passages] for k, d in second.items()
    }
    assert all("#" not in doc_id for doc_id in first)


def test_doc_id_for():
    assert doc_id_for("speeches/2020/tokayev.txt") == "speeches/2020/tokayev.txt"
    assert doc_id_for("data.jsonl", "12") == "data.jsonl:12"
    assert doc_id_for("a#b.txt", "x#y") == "a%23b.txt:x%23y"


def test_file_digest(tmp_path: Path):
    path = write(tmp_path, "a.txt", "abc")
    assert file_digest(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff-\u00ad"
        ),
        min_size=1,
        max_size=400,
    ).filter(lambda t: t.strip()),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_any_text_round_trips_through_txt(tmp_path: Path, text: str, encoding: str):
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode(encoding))
    docs, problems = read_file(SourceFile(path, "t.txt", path.stat().st_size, 0))
    assert problems == []
    assert " ".join(p.text for p in docs[0].passages).split() == text.split()
