"""Exact facet counts: searchlib.docset + searchlib.facets vs Whoosh ``groupedby``, same index.

    python benchmarks/facets_micro.py INDEX_DIR QUERIES_JSON [--n 100]

Runs on the stock-Whoosh index that ``run.py`` builds (``index-whoosh`` in its
work folder), so both sides count over exactly the same postings. Checks that
the counts agree, then reports (after one warm-up pass) median/p95 milliseconds of each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from whoosh import index  # noqa: E402
from whoosh.qparser import QueryParser  # noqa: E402

from searchlib.docset import matching_docnums  # noqa: E402
from searchlib.facets import FacetCounter  # noqa: E402

__all__ = ["main"]

FACETS = ("speaker", "country", "year")


def _p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(0.95 * len(s)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("queries", type=Path)
    ap.add_argument("--n", type=int, default=100)
    args = ap.parse_args()
    queries = json.loads(args.queries.read_text())[: args.n]
    ix = index.open_dir(str(args.index_dir))
    parser = QueryParser("text", ix.schema)
    with ix.searcher() as s:
        parsed = []
        for q in queries:
            text = " ".join(q["terms"])
            parsed.append(parser.parse(f'"{text}"' if q["phrase"] else text))
        t = time.perf_counter()
        FacetCounter(s).warm(FACETS)
        warm_s = time.perf_counter() - t
        ours: list[float] = []
        theirs: list[float] = []
        mismatches = 0
        for q in parsed:  # warm pass: postings and Whoosh's field caches loaded
            FacetCounter(s).counts(matching_docnums(s, q), FACETS[0])
            s.search(q, limit=1, groupedby=list(FACETS))
        for i, q in enumerate(parsed):
            t = time.perf_counter()
            docs = matching_docnums(s, q)
            counter = FacetCounter(s)
            mine = {f: dict(counter.counts(docs, f)) for f in FACETS}
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            r = s.search(q, limit=1, groupedby=list(FACETS))
            ref = {f: {str(k): len(v) for k, v in r.groups(f).items()} for f in FACETS}
            theirs.append((time.perf_counter() - t) * 1000)
            for f in FACETS:
                ref[f].pop("", None)  # Whoosh groups docs without a value under None
                ref[f].pop("None", None)
                mine[f].pop("", None)
            if mine != ref:
                mismatches += 1
                print("MISMATCH", queries[i], file=sys.stderr)
        out = {
            "queries": len(parsed),
            "docs": s.doc_count(),
            "table_build_s": warm_s,
            "ours_p50_ms": statistics.median(ours),
            "ours_p95_ms": _p95(ours),
            "whoosh_groupedby_p50_ms": statistics.median(theirs),
            "whoosh_groupedby_p95_ms": _p95(theirs),
            "mismatches": mismatches,
        }
    print(json.dumps(out, indent=1))
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
