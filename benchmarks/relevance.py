"""Cranfield, side by side: kzsearch against stock Whoosh, tantivy, SQLite FTS5 and bm25s.

    python benchmarks/relevance.py [--data ../shared/data/cranfield] [--json out.json]

Every engine gets the same documents (title + text) and the same bag-of-words
OR queries, keeps the top 100 and is scored by ``searchlib.evaluation``.
Peer engines that are not installed are skipped with a note. ``--ablate`` also
runs kzsearch with parts of its ranking switched off.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from searchlib import evaluation as ev  # noqa: E402

Doc = tuple[str, str, str]  # id, title, text
Run = dict[str, list[str]]
Engine = Callable[[Sequence[Doc], Sequence[tuple[str, str]]], Run]
_WORDS = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


# --- kzsearch ---------------------------------------------------------------------------------


def kzsearch_api(docs: Sequence[Doc], queries: Sequence[tuple[str, str]]) -> Run:
    """The real thing: the lead's indexer and Index.search, through evaluation.evaluate."""
    from searchlib.document import Document, Passage
    from searchlib.indexer import index_documents
    from searchlib.search import Index

    documents = [
        Document(doc_id=i, path=i, title=t, text=x, filetype="jsonl", passages=[Passage(1, x or t)])
        for i, t, x in docs
    ]
    with tempfile.TemporaryDirectory() as tmp:
        index_documents(documents, Path(tmp))
        with Index(Path(tmp)) as ix:
            return {qid: [d for d, _ in ev.run_query(ix, q)] for qid, q in queries}


def whoosh_engine(analyzer: Any, weighting: Any) -> Engine:
    """A plain Whoosh title+text index, queried as a bag of words (multifield, OR)."""

    def run(docs: Sequence[Doc], queries: Sequence[tuple[str, str]]) -> Run:
        from whoosh import fields, index, qparser

        schema = fields.Schema(
            id=fields.ID(stored=True),
            title=fields.TEXT(analyzer=analyzer),
            text=fields.TEXT(analyzer=analyzer, stored=True),
        )
        with tempfile.TemporaryDirectory() as tmp:
            ix = index.create_in(tmp, schema)
            writer = ix.writer()
            for i, t, x in docs:
                writer.add_document(id=i, title=t, text=x)
            writer.commit()
            parser = qparser.MultifieldParser(["title", "text"], schema, group=qparser.OrGroup)
            out: Run = {}
            with ix.searcher(weighting=weighting) as s:
                for qid, q in queries:
                    parsed = parser.parse(" ".join(_words(q)))
                    out[qid] = [h["id"] for h in s.search(parsed, limit=100)]
            ix.close()
        return out

    return run


def kzsearch_variant(**constants: Any) -> Engine:
    """kzsearch through its API with ranking constants changed (for ablations)."""

    def run(docs: Sequence[Doc], queries: Sequence[tuple[str, str]]) -> Run:
        from searchlib import ranking

        saved = {name: getattr(ranking, name) for name in constants}
        try:
            for name, value in constants.items():
                setattr(ranking, name, value)
            return kzsearch_api(docs, queries)
        finally:
            for name, value in saved.items():
                setattr(ranking, name, value)

    return run


def stock_whoosh() -> Engine:
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.scoring import BM25F

    return whoosh_engine(StemmingAnalyzer(), BM25F())


# --- peers ----------------------------------------------------------------------------------


def tantivy_engine(docs: Sequence[Doc], queries: Sequence[tuple[str, str]]) -> Run:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", tokenizer_name="en_stem")
    sb.add_text_field("text", tokenizer_name="en_stem")
    schema = sb.build()
    index = tantivy.Index(schema)
    writer = index.writer()
    for i, t, x in docs:
        writer.add_document(tantivy.Document(id=i, title=t, text=x))
    writer.commit()
    index.reload()
    searcher = index.searcher()
    out: Run = {}
    for qid, q in queries:
        words = " ".join(_words(q))
        if not words:
            out[qid] = []
            continue
        parsed = index.parse_query(words, ["title", "text"])
        hits = searcher.search(parsed, 100).hits
        out[qid] = [searcher.doc(addr)["id"][0] for _, addr in hits]
    return out


def fts5_engine(docs: Sequence[Doc], queries: Sequence[tuple[str, str]]) -> Run:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, title, text, tokenize='porter')")
    con.executemany("INSERT INTO d VALUES (?, ?, ?)", docs)
    out: Run = {}
    for qid, q in queries:
        words = _words(q)
        if not words:
            out[qid] = []
            continue
        match = " OR ".join(f'"{w}"' for w in words)
        rows = con.execute(
            "SELECT id FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT 100", (match,)
        ).fetchall()
        out[qid] = [r[0] for r in rows]
    return out


def bm25s_engine(docs: Sequence[Doc], queries: Sequence[tuple[str, str]]) -> Run:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    corpus = [f"{t} {x}" for _, t, x in docs]
    ids = [i for i, _, _ in docs]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )
    out: Run = {}
    for qid, q in queries:
        tokens = bm25s.tokenize([q], stopwords="en", stemmer=stemmer, show_progress=False)
        if not tokens.vocab:
            out[qid] = []
            continue
        results, scores = retriever.retrieve(tokens, k=100, show_progress=False)
        out[qid] = [ids[int(j)] for j, s in zip(results[0], scores[0], strict=False) if s > 0]
    return out


# --- main -----------------------------------------------------------------------------------


def load(data: Path) -> tuple[list[Doc], list[tuple[str, str]], dict[str, dict[str, int]]]:
    docs = [(d.doc_id, d.title, d.text) for d in ev.read_docs(data / "docs.jsonl")]
    return docs, ev.read_queries(data / "queries.tsv"), ev.read_qrels(data / "qrels.txt")


def engines(ablate: bool) -> dict[str, Engine]:
    found: dict[str, Engine] = {"kzsearch": kzsearch_api}
    if ablate:
        found["kz no feedback"] = kzsearch_variant(FEEDBACK=False)
        found["kz no proximity"] = kzsearch_variant(PROXIMITY_BOOST=0.0)
        found["kz neither"] = kzsearch_variant(FEEDBACK=False, PROXIMITY_BOOST=0.0)
        found["kz title boost 1.5"] = kzsearch_variant(TITLE_BOOST=1.5)
    found["whoosh (stock)"] = stock_whoosh()
    found["tantivy"] = tantivy_engine
    found["sqlite fts5"] = fts5_engine
    found["bm25s"] = bm25s_engine
    return found


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "cranfield")
    ap.add_argument("--json", type=Path, default=Path("relevance-results.json"))
    ap.add_argument("--ablate", action="store_true", help="also run kzsearch variants")
    args = ap.parse_args(argv)
    docs, queries, qrels = load(args.data)
    judged = {q: g for q, g in qrels.items() if q in {qid for qid, _ in queries}}
    rows: dict[str, dict[str, Any]] = {}
    print(f"{'engine':22} {'nDCG@10':>8} {'MAP':>7} {'MRR@10':>7} {'R@100':>7} {'secs':>6}")
    for name, engine in engines(args.ablate).items():
        started = time.perf_counter()
        try:
            run = engine(docs, queries)
        except ImportError as exc:
            print(f"{name:22} skipped: {exc}")
            continue
        secs = time.perf_counter() - started
        report = ev.EvalReport.from_runs(run, judged).to_dict()
        report["seconds"] = round(secs, 2)
        rows[name] = report
        print(
            f"{name:22} {report['ndcg_10']:8.4f} {report['map']:7.4f} {report['mrr_10']:7.4f} "
            f"{report['recall_100']:7.4f} {secs:6.1f}",
            flush=True,
        )
    args.json.write_text(json.dumps({"collection": str(args.data), "results": rows}, indent=2))
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
