"""Retrieval evaluation against graded relevance judgements (TREC style).

The metrics follow trec_eval: nDCG@k with linear gains as given and the
``1/log2(rank+1)`` discount, ideal ranking from all judged gains (``ndcg_cut``);
average precision, reciprocal rank and recall count a document relevant when
its gain is at least 1. Means are over every query that has judgements; a query
that retrieved nothing scores 0. Ranked lists are deduplicated (first one wins).

Each collection document becomes one ``Document`` with one passage (its whole
text), so a hit is a document, as the judgements expect.
"""

from __future__ import annotations

import json
import math
import statistics
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import Document, Passage
from .errors import InputError

__all__ = [
    "EvalReport",
    "QueryScores",
    "average_precision",
    "evaluate",
    "evaluate_files",
    "mrr_at",
    "ndcg_at",
    "read_docs",
    "read_qrels",
    "read_queries",
    "recall_at",
    "score_query",
    "write_run",
]

RELEVANT = 1  # the smallest gain that counts as relevant (trec_eval's relevance_level)
DEPTH = 100


def _dedupe(ranked: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ranked))


def ndcg_at(ranked: Sequence[str], gains: Mapping[str, int], k: int) -> float:
    """nDCG@k with linear graded gains (gain 0 or missing contributes nothing)."""
    dcg = sum(
        max(gains.get(doc, 0), 0) / math.log2(rank + 1)
        for rank, doc in enumerate(_dedupe(ranked)[:k], 1)
    )
    ideal_gains = sorted((g for g in gains.values() if g > 0), reverse=True)[:k]
    ideal = sum(g / math.log2(rank + 1) for rank, g in enumerate(ideal_gains, 1))
    return dcg / ideal if ideal > 0 else 0.0


def average_precision(ranked: Sequence[str], gains: Mapping[str, int]) -> float:
    """Mean of the precision at each relevant document retrieved, over all relevant ones."""
    n_relevant = sum(1 for g in gains.values() if g >= RELEVANT)
    if not n_relevant:
        return 0.0
    found = 0
    total = 0.0
    for rank, doc in enumerate(_dedupe(ranked), 1):
        if gains.get(doc, 0) >= RELEVANT:
            found += 1
            total += found / rank
    return total / n_relevant


def mrr_at(ranked: Sequence[str], gains: Mapping[str, int], k: int) -> float:
    """Reciprocal rank of the first relevant document within the top k (0 if none)."""
    for rank, doc in enumerate(_dedupe(ranked)[:k], 1):
        if gains.get(doc, 0) >= RELEVANT:
            return 1.0 / rank
    return 0.0


def recall_at(ranked: Sequence[str], gains: Mapping[str, int], k: int) -> float:
    """Share of the relevant documents found in the top k (0 when none are relevant)."""
    relevant = {doc for doc, g in gains.items() if g >= RELEVANT}
    if not relevant:
        return 0.0
    return len(relevant.intersection(_dedupe(ranked)[:k])) / len(relevant)


@dataclass(frozen=True)
class QueryScores:
    ndcg_10: float
    ap: float
    mrr_10: float
    recall_100: float

    def to_dict(self) -> dict[str, float]:
        return {
            "ndcg_10": self.ndcg_10,
            "map": self.ap,
            "mrr_10": self.mrr_10,
            "recall_100": self.recall_100,
        }


def score_query(ranked: Sequence[str], gains: Mapping[str, int]) -> QueryScores:
    return QueryScores(
        ndcg_10=ndcg_at(ranked, gains, 10),
        ap=average_precision(ranked[:DEPTH], gains),
        mrr_10=mrr_at(ranked, gains, 10),
        recall_100=recall_at(ranked, gains, DEPTH),
    )


@dataclass(frozen=True)
class EvalReport:
    ndcg_10: float
    map: float
    mrr_10: float
    recall_100: float
    n_queries: int
    per_query: dict[str, QueryScores] = field(default_factory=dict)

    @classmethod
    def from_runs(
        cls,
        runs: Mapping[str, Sequence[str]],
        qrels: Mapping[str, Mapping[str, int]],
        *,
        per_query: bool = False,
    ) -> EvalReport:
        """Score ranked lists (query id -> doc ids) against judgements."""
        scores = {qid: score_query(runs.get(qid, ()), gains) for qid, gains in qrels.items()}

        def mean(attr: str) -> float:
            return statistics.fmean(getattr(s, attr) for s in scores.values()) if scores else 0.0

        return cls(
            ndcg_10=mean("ndcg_10"),
            map=mean("ap"),
            mrr_10=mean("mrr_10"),
            recall_100=mean("recall_100"),
            n_queries=len(scores),
            per_query=dict(sorted(scores.items(), key=lambda kv: _qid_key(kv[0])))
            if per_query
            else {},
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ndcg_10": round(self.ndcg_10, 4),
            "map": round(self.map, 4),
            "mrr_10": round(self.mrr_10, 4),
            "recall_100": round(self.recall_100, 4),
            "n_queries": self.n_queries,
        }
        if self.per_query:
            out["per_query"] = {
                qid: {k: round(v, 4) for k, v in s.to_dict().items()}
                for qid, s in self.per_query.items()
            }
        return out


def _qid_key(qid: str) -> tuple[int, int | str]:
    return (0, int(qid)) if qid.isdigit() else (1, qid)


# --- reading collections ------------------------------------------------------------------


def _lines(path: Path | str) -> Iterator[tuple[int, str]]:
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                line = line.rstrip("\n").rstrip("\r")
                if line.strip():
                    yield lineno, line
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text ({exc.reason})") from None


def read_docs(path: Path | str) -> Iterator[Document]:
    """JSONL ``{"id", "title", "text"}`` -> one Document with one passage each."""
    for lineno, line in _lines(path):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: not JSON: {exc.msg}") from None
        if not isinstance(obj, dict) or "id" not in obj:
            raise InputError(f'{path}:{lineno}: expected an object with an "id"')
        title = obj.get("title") or ""
        text = obj.get("text") or ""
        if not isinstance(title, str) or not isinstance(text, str):
            raise InputError(f'{path}:{lineno}: "title" and "text" must be strings')
        doc_id = str(obj["id"])
        yield Document(
            doc_id=doc_id,
            path=f"{Path(path).name}:{lineno}",
            title=title,
            text=text,
            filetype="jsonl",
            passages=[Passage(position=1, text=text or title)],
        )


def read_queries(path: Path | str) -> list[tuple[str, str]]:
    """``qid<TAB>text`` lines, in file order."""
    out: list[tuple[str, str]] = []
    for lineno, line in _lines(path):
        qid, sep, text = line.partition("\t")
        if not sep or not qid.strip() or not text.strip():
            raise InputError(f"{path}:{lineno}: expected 'query id<TAB>query text'")
        out.append((qid.strip(), text.strip()))
    return out


def read_qrels(path: Path | str) -> dict[str, dict[str, int]]:
    """TREC qrels ``qid iter docid gain`` -> {qid: {docid: gain}}."""
    out: dict[str, dict[str, int]] = {}
    for lineno, line in _lines(path):
        parts = line.split()
        if len(parts) != 4:
            raise InputError(f"{path}:{lineno}: expected 'qid 0 docid gain', got {line!r}")
        qid, _, docid, gain = parts
        try:
            out.setdefault(qid, {})[docid] = int(gain)
        except ValueError:
            raise InputError(f"{path}:{lineno}: gain {gain!r} is not an integer") from None
    return out


def write_run(
    path: Path | str, runs: Mapping[str, Sequence[tuple[str, float]]], tag: str = "kzsearch"
) -> None:
    """A TREC run file: ``qid Q0 docid rank score tag``."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for qid in sorted(runs, key=_qid_key):
            for rank, (doc, score) in enumerate(runs[qid], 1):
                fh.write(f"{qid} Q0 {doc} {rank} {score:.6f} {tag}\n")


# --- running --------------------------------------------------------------------------------


def evaluate(
    docs: Iterable[Document],
    queries: Sequence[tuple[str, str]],
    qrels: Mapping[str, Mapping[str, int]],
    *,
    index_dir: Path | None = None,
    per_query: bool = False,
    run_file: Path | None = None,
) -> EvalReport:
    """Index ``docs`` (or reuse a non-empty ``index_dir``), run each query as a bag of words
    (any word may match), take the top 100 and score them against ``qrels``."""
    from .indexer import index_documents
    from .search import Index

    with tempfile.TemporaryDirectory(prefix="kzsearch-eval-") as tmp:
        where = Path(tmp) if index_dir is None else Path(index_dir)
        if index_dir is None or not where.exists() or not any(where.iterdir()):
            index_documents(docs, where)
        runs: dict[str, list[tuple[str, float]]] = {}
        with Index(where) as ix:
            for qid, text in queries:
                runs[qid] = run_query(ix, text)
    if run_file is not None:
        write_run(run_file, runs)
    judged = {qid: gains for qid, gains in qrels.items() if qid in {q for q, _ in queries}}
    ranked = {qid: [doc for doc, _ in hits] for qid, hits in runs.items()}
    return EvalReport.from_runs(ranked, judged, per_query=per_query)


def evaluate_files(
    docs: Path | str,
    queries: Path | str,
    qrels: Path | str,
    *,
    index_dir: Path | None = None,
    per_query: bool = False,
    run_file: Path | None = None,
) -> EvalReport:
    """``evaluate`` on a collection in files: JSONL documents, TSV queries, TREC qrels."""
    return evaluate(
        read_docs(docs),
        read_queries(queries),
        read_qrels(qrels),
        index_dir=index_dir,
        per_query=per_query,
        run_file=run_file,
    )


def run_query(ix: Any, text: str, depth: int = DEPTH) -> list[tuple[str, float]]:
    """One bag-of-words query -> [(doc id, score)], best passage per document."""
    from .errors import QueryError

    try:
        results = ix.search(text, limit=depth, match="any", syntax=False, facets=())
    except QueryError:
        return []  # nothing searchable in it (only stop words)
    seen: dict[str, float] = {}
    for hit in results.hits:
        seen.setdefault(hit.doc_id, hit.score)
    return list(seen.items())
