"""The engines compared by ``run.py``, each used "the obvious way" through its Python API.

Each engine has ``build(files, speakers, index_dir)`` and ``open(index_dir)``
returning an object with ``plain(query)`` (top 10) and ``faceted(query)``
(top 10 + speaker/country/year counts over all matches + highlighted snippets).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ungdc import iter_passages

__all__ = ["ENGINES"]

FACETS = ("speaker", "country", "year")


# --- stock Whoosh: one writer, StemmingAnalyzer, groupedby, Hit.highlights -------------


class StockWhoosh:
    name = "whoosh"

    @staticmethod
    def build(files: list[Path], speakers: dict, index_dir: Path) -> int:
        from whoosh import fields, index
        from whoosh.analysis import StemmingAnalyzer

        schema = fields.Schema(
            pid=fields.ID(stored=True),
            text=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
            speaker=fields.ID(stored=True),
            country=fields.ID(stored=True),
            year=fields.NUMERIC(int, stored=True),
        )
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(index_dir), schema)
        writer = ix.writer()
        n = 0
        for p in iter_passages(files, speakers):
            writer.add_document(
                pid=p["id"],
                text=p["text"],
                speaker=p["speaker"],
                country=p["country"],
                year=p["year"],
            )
            n += 1
        writer.commit()
        return n

    def __init__(self, index_dir: Path) -> None:
        from whoosh import index
        from whoosh.qparser import QueryParser

        self.ix = index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.parser = QueryParser("text", self.ix.schema)

    def _q(self, q: dict) -> Any:
        text = " ".join(q["terms"])
        return self.parser.parse(f'"{text}"' if q["phrase"] else text)

    def plain(self, q: dict) -> Any:
        r = self.searcher.search(self._q(q), limit=10)
        return [h["pid"] for h in r]

    def faceted(self, q: dict) -> Any:
        r = self.searcher.search(self._q(q), limit=10, groupedby=list(FACETS))
        counts = {f: {k: len(v) for k, v in r.groups(f).items()} for f in FACETS}
        snippets = [h.highlights("text") for h in r]
        return counts, snippets

    def close(self) -> None:
        self.searcher.close()


# --- tantivy: en_stem, terms aggregation, snippet generator -----------------------------


class Tantivy:
    name = "tantivy"

    @staticmethod
    def _schema() -> Any:
        import tantivy

        sb = tantivy.SchemaBuilder()
        sb.add_text_field("pid", stored=True, tokenizer_name="raw")
        sb.add_text_field("text", stored=True, tokenizer_name="en_stem")
        sb.add_text_field("speaker", stored=True, fast=True, tokenizer_name="raw")
        sb.add_text_field("country", stored=True, fast=True, tokenizer_name="raw")
        sb.add_integer_field("year", stored=True, indexed=True, fast=True)
        return sb.build()

    @staticmethod
    def build(files: list[Path], speakers: dict, index_dir: Path) -> int:
        import tantivy

        index_dir.mkdir(parents=True, exist_ok=True)
        ix = tantivy.Index(Tantivy._schema(), path=str(index_dir))
        writer = ix.writer(heap_size=256_000_000, num_threads=2)
        n = 0
        for p in iter_passages(files, speakers):
            writer.add_document(
                tantivy.Document(
                    pid=p["id"],
                    text=p["text"],
                    speaker=p["speaker"],
                    country=p["country"],
                    year=p["year"],
                )
            )
            n += 1
        writer.commit()
        writer.wait_merging_threads()
        return n

    def __init__(self, index_dir: Path) -> None:
        import tantivy

        self.tantivy = tantivy
        self.ix = tantivy.Index(Tantivy._schema(), path=str(index_dir))
        self.ix.reload()
        self.searcher = self.ix.searcher()
        self.schema = self.ix.schema

    def _q(self, q: dict) -> Any:
        text = " ".join(q["terms"])
        return self.ix.parse_query(
            f'"{text}"' if q["phrase"] else text, ["text"], conjunction_by_default=True
        )

    def plain(self, q: dict) -> Any:
        r = self.searcher.search(self._q(q), limit=10, count=False)
        return [self.searcher.doc(a)["pid"][0] for _, a in r.hits]

    def faceted(self, q: dict) -> Any:
        query = self._q(q)
        r = self.searcher.search(query, limit=10, count=True)
        agg = {f: {"terms": {"field": f, "size": 100000}} for f in FACETS}
        res = self.searcher.aggregate(query, agg)
        counts = {f: {b["key"]: b["doc_count"] for b in res[f]["buckets"]} for f in FACETS}
        gen = self.tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "text")
        snippets = [gen.snippet_from_doc(self.searcher.doc(a)).to_html() for _, a in r.hits]
        return counts, snippets

    def close(self) -> None:
        pass


# --- SQLite FTS5: porter, GROUP BY, snippet() -------------------------------------------


class Fts5:
    name = "fts5"

    @staticmethod
    def build(files: list[Path], speakers: dict, index_dir: Path) -> int:
        index_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(index_dir / "fts.db")
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute(
            "CREATE VIRTUAL TABLE p USING fts5(text, pid UNINDEXED, speaker UNINDEXED,"
            " country UNINDEXED, year UNINDEXED, tokenize='porter unicode61')"
        )
        n = 0
        batch: list[tuple] = []
        sql = "INSERT INTO p(text, pid, speaker, country, year) VALUES (?,?,?,?,?)"
        for p in iter_passages(files, speakers):
            batch.append((p["text"], p["id"], p["speaker"], p["country"], p["year"]))
            n += 1
            if len(batch) >= 10000:
                db.executemany(sql, batch)
                batch.clear()
        db.executemany(sql, batch)
        db.commit()
        db.execute("INSERT INTO p(p) VALUES ('optimize')")
        db.commit()
        db.close()
        return n

    def __init__(self, index_dir: Path) -> None:
        self.db = sqlite3.connect(index_dir / "fts.db", check_same_thread=False)

    @staticmethod
    def _q(q: dict) -> str:
        if q["phrase"]:
            return '"' + " ".join(q["terms"]) + '"'
        return " ".join(f'"{t}"' for t in q["terms"])

    def plain(self, q: dict) -> Any:
        rows = self.db.execute(
            "SELECT pid FROM p WHERE p MATCH ? ORDER BY rank LIMIT 10", (self._q(q),)
        ).fetchall()
        return [r[0] for r in rows]

    def faceted(self, q: dict) -> Any:
        mq = self._q(q)
        counts = {}
        for f in FACETS:
            rows = self.db.execute(
                f"SELECT {f}, count(*) FROM p WHERE p MATCH ? GROUP BY {f} ORDER BY 2 DESC", (mq,)
            ).fetchall()
            counts[f] = dict(rows)
        snippets = self.db.execute(
            "SELECT pid, snippet(p, 0, '<b>', '</b>', '…', 24) FROM p WHERE p MATCH ?"
            " ORDER BY rank LIMIT 10",
            (mq,),
        ).fetchall()
        return counts, snippets

    def close(self) -> None:
        self.db.close()


# --- kzsearch through its public API ------------------------------------------------------


class Kzsearch:
    name = "kzsearch"
    needs_corpus_dir = True

    @staticmethod
    def build_corpus(corpus_dir: Path, index_dir: Path, jobs: int) -> int:
        from searchlib.indexer import index_corpus

        summary = index_corpus(corpus_dir, index_dir, rebuild=True, jobs=jobs)
        return int(summary.passages_added)

    def __init__(self, index_dir: Path) -> None:
        from searchlib import open_index

        self.idx = open_index(index_dir)

    @staticmethod
    def _text(q: dict) -> str:
        text = " ".join(q["terms"])
        return f'"{text}"' if q["phrase"] else text

    def _search(self, q: dict, facets: tuple[str, ...]) -> Any:
        from searchlib import QueryError

        try:
            return self.idx.search(self._text(q), limit=10, facets=facets)
        except QueryError:
            # Only kzsearch stop words (e.g. "where they"): refused, as a user would see.
            return None

    def plain(self, q: dict) -> Any:
        r = self._search(q, ())
        return [h.passage_id for h in r.hits] if r else []

    def faceted(self, q: dict) -> Any:
        r = self._search(q, FACETS)
        return (r.facets, [h.snippet for h in r.hits]) if r else ({}, [])

    def close(self) -> None:
        self.idx.close()


ENGINES: dict[str, Any] = {
    "whoosh": StockWhoosh,
    "tantivy": Tantivy,
    "fts5": Fts5,
    "kzsearch": Kzsearch,
}
