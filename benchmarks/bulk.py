"""Bulk throughput: many faceted queries through ``Index.search_many`` and ``kzsearch bulk``.

    python benchmarks/bulk.py --index /tmp/kzb-full2/index-kzsearch \\
        --files-from /tmp/kzb-full2/files.txt --n 10000 --jobs 1,2 [--cli-bin /venv/bin]

Queries come from the same generator (and seed) as ``run.py``: 1-3 vocabulary words,
~15% two-word phrases. Each query asks for the top 10 and speaker/country/year counts.
Throughput counts every query, including those that match nothing. ``--cli-bin`` also
times ``kzsearch bulk FILE --with-facets --jobs J`` end to end (process start, the
index freshness check, JSON output to /dev/null).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import ungdc  # noqa: E402

__all__ = ["main", "query_texts"]

FACETS = ("speaker", "country", "year")


def query_texts(files: list[Path], n: int) -> list[str]:
    """``n`` seeded benchmark queries in kzsearch syntax (phrases quoted)."""
    out = []
    for q in ungdc.make_queries(files, n):
        text = " ".join(q["terms"])
        out.append(f'"{text}"' if q["phrase"] else text)
    return out


def api_throughput(index_dir: Path, queries: list[str], jobs: int) -> dict[str, float]:
    from searchlib import QueryError, open_index

    with open_index(index_dir) as idx:
        t = time.perf_counter()
        errors = matched = 0
        for r in idx.search_many(queries, jobs=jobs, facets=FACETS, limit=10):
            if isinstance(r, QueryError):
                errors += 1
            elif r.total:
                matched += 1
        seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "qps": len(queries) / seconds,
        "errors": errors,
        "matched": matched,
    }


def cli_throughput(kz: Path, index_dir: Path, queries: list[str], jobs: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(queries) + "\n")
    cmd = [str(kz), "bulk", fh.name, "--with-facets", "--jobs", str(jobs), "--index"]
    t = time.perf_counter()
    subprocess.run([*cmd, str(index_dir)], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t
    Path(fh.name).unlink()
    return {"seconds": seconds, "qps": len(queries) / seconds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--files-from", type=Path, required=True, help="run.py's files.txt")
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--cli-bin", type=Path, help="bin/ of a venv with kzsearch installed")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)

    files = [Path(p) for p in args.files_from.read_text().splitlines() if p]
    queries = query_texts(files, args.n)
    results: dict[str, dict[str, float]] = {}
    for jobs in (int(j) for j in args.jobs.split(",")):
        results[f"search_many jobs={jobs}"] = r = api_throughput(args.index, queries, jobs)
        print(f"search_many jobs={jobs}: {r['seconds']:.1f} s, {r['qps']:.1f} q/s", flush=True)
        if args.cli_bin:
            results[f"kzsearch bulk --jobs {jobs}"] = r = cli_throughput(
                args.cli_bin / "kzsearch", args.index, queries, jobs
            )
            print(f"kzsearch bulk --jobs {jobs}: {r['seconds']:.1f} s, {r['qps']:.1f} q/s")
    if args.out:
        args.out.write_text(json.dumps({"n": len(queries), "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
