from __future__ import annotations

from pathlib import Path

import pytest

from searchlib.bulk import bulk_rows, read_queries
from searchlib.errors import InputError, QueryError
from searchlib.search import Index


def test_read_txt_skips_blank_and_comment_lines(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text("water\n\n# comment\nsanctions trade\n", "utf-8")
    assert [q["query"] for q in read_queries(path)] == ["water", "sanctions trade"]


def test_read_tsv_with_filters(tmp_path: Path) -> None:
    path = tmp_path / "q.tsv"
    path.write_text("id\tquery\tspeaker\n7\twater\tTokayev\n", "utf-8")
    assert list(read_queries(path)) == [{"id": "7", "query": "water", "speaker": "Tokayev"}]


def test_read_jsonl_bad_line_becomes_error_item(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"query": "water"}\n{oops\n{"nothing": 1}\n', "utf-8")
    items = list(read_queries(path))
    assert items[0] == {"query": "water", "id": "1"}
    assert "bad JSON" in items[1]["error"] and ":2:" in items[1]["error"]
    assert "no 'query'" in items[2]["error"]


@pytest.mark.parametrize("name, content", [("q.pdf", "x"), ("q.csv", "text\nwater\n")])
def test_bad_query_files_raise(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=name):
        list(read_queries(path))


def test_search_many_keeps_order_and_reports_errors(built_index: tuple[Path, Path]) -> None:
    queries = ["water", "year:abc", {"query": "sanctions", "since": "2021"}, "Aral"]
    with Index(built_index[1]) as idx:
        serial = list(idx.search_many(queries, facets=()))
        parallel = list(idx.search_many(queries * 20, jobs=2, facets=()))
    assert isinstance(serial[1], QueryError)
    assert [r.query if not isinstance(r, QueryError) else None for r in serial] == [
        "water",
        None,
        "sanctions",
        "Aral",
    ]
    expected = [None if isinstance(r, QueryError) else r.total for r in serial] * 20
    assert [None if isinstance(r, QueryError) else r.total for r in parallel] == expected


def test_bulk_rows_stream_in_order(built_index: tuple[Path, Path], tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text("\n".join(["water", "sanctions", "nothingmatcheszz"] * 30), "utf-8")
    with Index(built_index[1]) as idx:
        rows = list(bulk_rows(idx, path, jobs=2, hits=1))
    assert [r["query"] for r in rows] == ["water", "sanctions", "nothingmatcheszz"] * 30
    assert rows[0]["total"] == 1 and len(rows[0]["hits"]) == 1 and rows[2]["total"] == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_queries_are_read_lazily(built_index: tuple[Path, Path], jobs: int) -> None:
    """Memory stays flat: only a bounded window of queries is read ahead of the output."""
    import itertools

    from searchlib.bulk import BATCH

    consumed = 0

    def endless():  # noqa: ANN202
        nonlocal consumed
        for n in itertools.count():
            consumed += 1
            yield "water" if n % 2 else "sanctions"

    with Index(built_index[1]) as idx:
        results = idx.search_many(endless(), jobs=jobs, facets=())
        first = list(itertools.islice(results, 40))
        results.close()
    assert len(first) == 40 and all(r.total >= 1 for r in first)
    assert consumed <= 40 + (jobs * 4 + 1) * BATCH
