from __future__ import annotations

import math
from pathlib import Path

import pytest

from searchlib import evaluation as ev
from searchlib.errors import InputError

GAINS = {"a": 3, "b": 2, "c": 0, "d": 1}


def test_ndcg_graded_by_hand() -> None:
    ranked = ["c", "b", "a", "x"]
    dcg = 0 + 2 / math.log2(3) + 3 / math.log2(4)
    ideal = 3 + 2 / math.log2(3) + 1 / math.log2(4)
    assert ev.ndcg_at(ranked, GAINS, 10) == pytest.approx(dcg / ideal)
    assert ev.ndcg_at(["a", "b", "d"], GAINS, 10) == pytest.approx(1.0)
    # cut-off applies to both the ranking and the ideal
    assert ev.ndcg_at(["b", "a"], GAINS, 1) == pytest.approx(2 / 3)
    assert ev.ndcg_at(["a"], {"a": 0}, 10) == 0.0


def test_average_precision_by_hand() -> None:
    # relevant: a, b, d (gain >= 1); found at ranks 2 and 4
    ranked = ["c", "a", "x", "d"]
    assert ev.average_precision(ranked, GAINS) == pytest.approx((1 / 2 + 2 / 4) / 3)
    assert ev.average_precision(["a", "a", "b"], GAINS) == pytest.approx((1 + 1) / 3)


def test_mrr_and_recall() -> None:
    assert ev.mrr_at(["c", "x", "d"], GAINS, 10) == pytest.approx(1 / 3)
    assert ev.mrr_at(["c", "x", "d"], GAINS, 2) == 0.0
    assert ev.recall_at(["a", "c", "d"], GAINS, 2) == pytest.approx(1 / 3)
    assert ev.recall_at(["a", "c", "d"], GAINS, 100) == pytest.approx(2 / 3)


def test_report_means_over_judged_queries() -> None:
    report = ev.EvalReport.from_runs(
        {"1": ["a"], "3": ["z"]}, {"1": {"a": 1}, "2": {"b": 1}}, per_query=True
    )
    assert report.n_queries == 2
    assert report.mrr_10 == pytest.approx(0.5)
    assert set(report.per_query) == {"1", "2"}
    assert report.to_dict()["per_query"]["1"]["ndcg_10"] == 1.0


def test_readers(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": 7, "title": "T", "text": "body"}\n\n', encoding="utf-8")
    (doc,) = list(ev.read_docs(docs))
    assert (doc.doc_id, doc.title, [p.text for p in doc.passages]) == ("7", "T", ["body"])
    queries = tmp_path / "q.tsv"
    queries.write_text("1\twhat is lift\n", encoding="utf-8")
    assert ev.read_queries(queries) == [("1", "what is lift")]
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("1 0 7 3\n1 0 8 0\n", encoding="utf-8")
    assert ev.read_qrels(qrels) == {"1": {"7": 3, "8": 0}}


@pytest.mark.parametrize(
    ("name", "content", "reader"),
    [
        ("docs.jsonl", '{"id": 1}\n{oops\n', ev.read_docs),
        ("q.tsv", "1\tok\nno tab here\n", ev.read_queries),
        ("qrels.txt", "1 0 7 3\n1 0 8 high\n", ev.read_qrels),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, name: str, content: str, reader) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=rf"{name}:2"):
        list(reader(path))


def test_write_run(tmp_path: Path) -> None:
    out = tmp_path / "run.txt"
    ev.write_run(out, {"2": [("b", 1.0)], "10": [("a", 2.5), ("c", 1.0)]})
    assert out.read_text().splitlines() == [
        "2 Q0 b 1 1.000000 kzsearch",
        "10 Q0 a 1 2.500000 kzsearch",
        "10 Q0 c 2 1.000000 kzsearch",
    ]
