from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchlib.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def sample_copy(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    return corpus, tmp_path / "index"


def run(runner: CliRunner, *args: str):  # noqa: ANN201
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_default_command_builds_index_and_finds_the_passage(
    runner: CliRunner, sample_copy: tuple[Path, Path]
) -> None:
    corpus, index = sample_copy
    result = run(
        runner, "defamation decriminalisation", "--corpus", str(corpus), "--index", str(index)
    )
    assert result.exit_code == 0, result.output
    assert "index built" in result.stderr
    first = result.stdout.split("\n\n")[0]
    assert "130th article" in first.replace("\n   ", " ")
    assert "*decriminalise*" in first and "*defamation*" in first
    assert "kazakhstan-beyond-headlines.txt#" in first
    assert "matching passages" in result.stderr


def test_json_output_has_hit_and_facets(runner: CliRunner, sample_copy: tuple[Path, Path]) -> None:
    corpus, index = sample_copy
    result = run(
        runner,
        "search",
        "defamation",
        "decriminalisation",
        "--format",
        "json",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
    )
    data = json.loads(result.stdout)
    assert data["total"] >= 1
    top = data["hits"][0]
    assert "130th article" in top["text"]
    assert [f["text"] for f in top["snippet"] if f["match"]] == ["decriminalise", "defamation"]
    assert set(data["facets"]) == {"speaker", "topic", "year"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_line_formats(runner: CliRunner, sample_copy: tuple[Path, Path], fmt: str) -> None:
    corpus, index = sample_copy
    result = run(
        runner,
        "Kazakhstan",
        "--format",
        fmt,
        "--limit",
        "3",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
    )
    lines = result.stdout.strip().splitlines()
    if fmt == "jsonl":
        assert len(lines) == 3 and json.loads(lines[0])["rank"] == 1
    else:
        assert lines[0].startswith("rank,passage_id") and len(lines) >= 4


def test_no_match_exits_1(runner: CliRunner, sample_copy: tuple[Path, Path]) -> None:
    corpus, index = sample_copy
    result = run(runner, "zzzyzzx", "--corpus", str(corpus), "--index", str(index))
    assert result.exit_code == 1
    assert "no passages match" in result.stderr


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["water", "--since", "soon"], "since"),
        (["water", "--facets", "colour"], "colour"),
        (["year:abc"], "year:abc"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    runner: CliRunner, sample_copy: tuple[Path, Path], args: list[str], fragment: str
) -> None:
    corpus, index = sample_copy
    result = runner.invoke(main, [*args, "--corpus", str(corpus), "--index", str(index)])
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and fragment in errors[0] and "hint:" in errors[0]


def test_missing_index_exit_2_with_hint(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["stats", "--index", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "hint:" in result.stderr


def test_debug_shows_the_exception(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--debug", "stats", "--index", str(tmp_path / "none")])
    assert result.exit_code != 0 and result.exception is not None


def test_index_command_reports_bad_files(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good\n\nA fine text about water.\n", "utf-8")
    (corpus / "bad.md").write_text("---\ntitle: [x\n---\nbody\n", "utf-8")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus / ".DS_Store").write_bytes(b"\x00")
    result = run(runner, "index", str(corpus), "--index", str(tmp_path / "ix"))
    assert result.exit_code == 0
    assert "1 added" in result.stdout
    assert "bad.md" in result.stdout
    assert "skipped: " in result.stdout
    again = run(runner, "index", str(corpus), "--index", str(tmp_path / "ix"), "--format", "json")
    data = json.loads(again.stdout)
    assert data["documents"]["unchanged"] == 1


def test_show_stats_facets_speakers_similar(
    runner: CliRunner, sample_copy: tuple[Path, Path]
) -> None:
    corpus, index = sample_copy
    run(runner, "index", str(corpus), "--index", str(index))
    shown = run(runner, "show", "kazakhstan-beyond-headlines.txt#2", "--index", str(index))
    assert shown.exit_code == 0 and "kazakhstan-beyond-headlines.txt#2" in shown.stdout
    stats = json.loads(run(runner, "stats", "--index", str(index), "--format", "json").stdout)
    assert stats["documents"] == 1 and stats["passages"] > 5
    facets = run(runner, "facets", "filetype", "--index", str(index), "--format", "csv")
    assert facets.stdout.splitlines()[1].startswith("txt,")
    listed = run(runner, "speakers", "--index", str(index), "--format", "json")
    assert [s["name"] for s in json.loads(listed.stdout)][:1] == ["Yerzhan Ashikbayev"]
    assert json.loads(listed.stdout)[0]["years"] == "2020"
    none_alike = run(runner, "speakers", "--similar", "--index", str(index), "--format", "json")
    assert json.loads(none_alike.stdout) == []
    similar = run(
        runner,
        "similar",
        "kazakhstan-beyond-headlines.txt#5",
        "--index",
        str(index),
        "--format",
        "json",
    )
    ids = [h["passage_id"] for h in json.loads(similar.stdout)["hits"]]
    assert "kazakhstan-beyond-headlines.txt#5" not in ids
    missing = runner.invoke(main, ["show", "nope#1", "--index", str(index)])
    assert missing.exit_code == 2


def test_bulk_jsonl_and_csv(
    runner: CliRunner, sample_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = sample_copy
    queries = tmp_path / "q.csv"
    queries.write_text("id,query,since\na,sanctions,\nb,year:abc,\nc,defamation,2030\n", "utf-8")
    result = run(
        runner,
        "bulk",
        str(queries),
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        "--with-facets",
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["total"] >= 1 and "facets" in rows[0]
    assert "error" in rows[1]
    assert rows[2]["total"] == 0
    csv_out = run(runner, "bulk", str(queries), "--index", str(index), "--format", "csv")
    assert csv_out.stdout.splitlines()[0] == "id,query,total,error,hits"


def test_python_m_searchlib_help() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "searchlib", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "kzsearch" in done.stdout


def test_did_you_mean_shows_what_the_suggestion_finds(
    runner: CliRunner, sample_copy: tuple[Path, Path]
) -> None:
    corpus, index = sample_copy
    result = run(runner, "decriminalsation", "--corpus", str(corpus), "--index", str(index))
    assert result.exit_code == 1  # the query as typed matched nothing
    assert "did you mean: decriminalisation" in result.stderr
    assert "*decriminalise*" in result.stdout and "#4" in result.stdout


def test_american_spelling_finds_the_british_passage(
    runner: CliRunner, sample_copy: tuple[Path, Path]
) -> None:
    corpus, index = sample_copy
    result = run(
        runner,
        "decriminalization of defamation",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        "--format",
        "json",
    )
    top = json.loads(result.stdout)["hits"][0]
    assert top["passage_id"] == "kazakhstan-beyond-headlines.txt#4"
    assert [f["text"] for f in top["snippet"] if f["match"]] == ["decriminalise", "defamation"]


def test_eval_prints_the_metrics(runner: CliRunner, tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        '{"id": "1", "title": "Wing flutter", "text": "flutter of swept wings at speed"}\n'
        '{"id": "2", "title": "Heat", "text": "heat transfer in composite slabs"}\n',
        "utf-8",
    )
    (tmp_path / "q.tsv").write_text("1\twing flutter\n", "utf-8")
    (tmp_path / "qrels.txt").write_text("1 0 1 2\n1 0 2 0\n", "utf-8")
    result = run(
        runner,
        "eval",
        "--docs",
        str(docs),
        "--queries",
        str(tmp_path / "q.tsv"),
        "--qrels",
        str(tmp_path / "qrels.txt"),
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    assert data["ndcg_10"] == 1.0 and data["n_queries"] == 1
    bad = runner.invoke(
        main,
        [
            "eval",
            "--docs",
            str(docs),
            "--queries",
            str(docs),
            "--qrels",
            str(tmp_path / "qrels.txt"),
        ],
    )
    assert bad.exit_code == 2 and "docs.jsonl" in bad.stderr


def _run_python(code: str, cwd: Path, **env: str) -> str:
    import os
    import subprocess
    import sys

    child_env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={**child_env, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


HEAVY = ("numpy", "whoosh", "dateutil", "yaml", "searchlib.indexer", "searchlib.search")


def test_importing_the_cli_stays_light(tmp_path: Path) -> None:
    # `kzsearch --help` and argument errors must not pay for the search stack.
    code = f"import sys, searchlib.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    assert _run_python(code, tmp_path).strip() == "[]"


def test_searching_a_current_index_skips_indexing_code(
    runner: CliRunner, sample_copy: tuple[Path, Path]
) -> None:
    corpus, index = sample_copy
    assert run(runner, "index", str(corpus), "--index", str(index)).exit_code == 0
    code = (
        "import os, sys\n"
        "from searchlib.cli import main\n"
        f"main(['defamation', '--index', {str(index)!r}], standalone_mode=False)\n"
        "heavy = ('searchlib.indexer', 'searchlib.extract', 'dateutil', 'yaml')\n"
        "print([m for m in heavy if m in sys.modules], os.environ['OPENBLAS_NUM_THREADS'])\n"
    )
    assert _run_python(code, corpus.parent).splitlines()[-1] == "[] 1"
    # A thread count the user chose is kept.
    assert _run_python(code, corpus.parent, OPENBLAS_NUM_THREADS="3").splitlines()[-1] == "[] 3"
