"""Side-by-side benchmark: stock Whoosh vs tantivy vs SQLite FTS5 vs kzsearch on UNGDC.

    python benchmarks/run.py [--corpus PATH] [--limit-docs N] [--queries N] [--out results.json]

Every engine indexes and searches in its own child process, so peak memory
(``ru_maxrss`` of that child, from ``os.wait4``) is the engine's own. Query
latencies are warm: a warm-up pass first, then each query timed once.
``--limit-docs N`` keeps a seeded random sample of N speech files (documents);
the baselines index one passage per line, kzsearch indexes the same files
as a corpus folder with its own passage merging.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import ungdc  # noqa: E402

__all__ = ["main", "percentile"]

ENGINE_ORDER = ("fts5", "tantivy", "kzsearch", "whoosh")
WARMUP = 20
RSS_POLL_S = 1.0  # reading smaps_rollup costs CPU: 0.25 s took ~8% of a core


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def _files(work: Path) -> list[Path]:
    return [Path(line) for line in (work / "files.txt").read_text().splitlines() if line]


def _du_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def _tree_rss_kb(pid: int) -> int:
    """Memory of ``pid`` and all its descendants now (Linux /proc), in KiB.

    Proportional set size where the kernel has it, so pages forked workers still
    share with their parent count once; resident size otherwise.
    """
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            try:
                lines = Path(f"/proc/{p}/smaps_rollup").read_text().splitlines()
                key = "Pss:"
            except OSError:
                lines = Path(f"/proc/{p}/status").read_text().splitlines()
                key = "VmRSS:"
            for line in lines:
                if line.startswith(key):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


# --- child process --------------------------------------------------------------------


def worker(engine: str, phase: str, work: Path, jobs: int) -> None:
    from engines import ENGINES

    cls = ENGINES[engine]
    index_dir = work / f"index-{engine}"
    out: dict[str, Any] = {}
    if phase == "index":
        shutil.rmtree(index_dir, ignore_errors=True)
        t0 = time.perf_counter()
        if getattr(cls, "needs_corpus_dir", False):
            n = cls.build_corpus(Path((work / "corpus_dir.txt").read_text()), index_dir, jobs)
        else:
            root = Path((work / "root.txt").read_text())
            n = cls.build(_files(work), ungdc.load_speakers(root), index_dir)
        out = {"seconds": time.perf_counter() - t0, "passages": n, "disk_mb": _du_mb(index_dir)}
    else:
        queries = json.loads((work / "queries.json").read_text())
        t0 = time.perf_counter()
        eng = cls(index_dir)
        out["open_s"] = time.perf_counter() - t0
        # "query-ff": faceted first, so neither pass sees queries another pass has run.
        for mode in ("faceted", "plain") if phase == "query-ff" else ("plain", "faceted"):
            fn = getattr(eng, mode)
            for q in queries[:WARMUP]:
                fn(q)
            times: list[float] = []
            for q in queries:
                t = time.perf_counter()
                fn(q)
                times.append((time.perf_counter() - t) * 1000)
            out[mode] = times
        eng.close()
    (work / f"{engine}.{phase}.json").write_text(json.dumps(out))


def run_child(
    engine: str, phase: str, work: Path, jobs: int, log: Path, reuse: bool = False
) -> dict[str, Any]:
    result_file = work / f"{engine}.{phase}.json"
    if reuse and result_file.exists():
        data = json.loads(result_file.read_text())
        if "peak_rss_mb" in data:
            return data
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", engine, "--phase", phase]
    cmd += ["--work", str(work), "--jobs", str(jobs)]
    tree_peak_kb = 0
    with open(log, "ab") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            tree_peak_kb = max(tree_peak_kb, _tree_rss_kb(proc.pid))
            time.sleep(RSS_POLL_S)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not result_file.exists():
        return {"error": f"exit {proc.returncode}, see {log}"}
    data = json.loads(result_file.read_text())
    # ru_maxrss covers the child and any grandchildren it waited for (kzsearch --jobs).
    data["peak_rss_mb"] = usage.ru_maxrss / 1024
    # ... but as a maximum, not a sum: the sampled whole-tree RSS catches workers running at once.
    data["tree_peak_mb"] = tree_peak_kb / 1024
    result_file.write_text(json.dumps(data))
    return data


# --- report ---------------------------------------------------------------------------


def summarise(results: dict[str, Any]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    base = results.get("whoosh", {})
    for engine, r in results.items():
        row: dict[str, Any] = {}
        idx, qry = r.get("index", {}), r.get("query", {})
        if "error" in idx or "error" in qry:
            row["error"] = idx.get("error") or qry.get("error")
        row["index_s"] = idx.get("seconds")
        row["passages"] = idx.get("passages")
        peaks = [idx.get("peak_rss_mb") or 0, idx.get("tree_peak_mb") or 0]
        row["index_peak_mb"] = max(peaks) or None
        row["disk_mb"] = idx.get("disk_mb")
        row["query_peak_mb"] = qry.get("peak_rss_mb")
        for mode in ("plain", "faceted"):
            if mode in qry:
                row[f"{mode}_p50_ms"] = statistics.median(qry[mode])
                row[f"{mode}_p95_ms"] = percentile(qry[mode], 95)
        ff = r.get("query-ff", {})
        if "faceted" in ff:
            row["faceted_first_p50_ms"] = statistics.median(ff["faceted"])
            row["faceted_first_p95_ms"] = percentile(ff["faceted"], 95)
        table[engine] = row
    b = table.get("whoosh", {})
    for row in table.values():
        for key in (
            "index_s",
            "plain_p50_ms",
            "plain_p95_ms",
            "faceted_p50_ms",
            "faceted_p95_ms",
            "faceted_first_p50_ms",
            "faceted_first_p95_ms",
        ):
            if row.get(key) and b.get(key):
                row[f"{key}_vs_whoosh"] = row[key] / b[key]
    del base
    return table


def _fmt(v: Any, digits: int = 1) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def print_table(table: dict[str, Any]) -> None:
    cols = [
        ("engine", None),
        ("passages", "passages"),
        ("index s", "index_s"),
        ("x whoosh", "index_s_vs_whoosh"),
        ("idx peak MB", "index_peak_mb"),
        ("top10 p50", "plain_p50_ms"),
        ("p95", "plain_p95_ms"),
        ("facet+hl p50", "faceted_p50_ms"),
        ("p95", "faceted_p95_ms"),
        ("x whoosh p50", "faceted_p50_ms_vs_whoosh"),
        ("facet first p50", "faceted_first_p50_ms"),
        ("p95", "faceted_first_p95_ms"),
    ]
    print("| " + " | ".join(c for c, _ in cols) + " |")
    print("|" + "---|" * len(cols))
    for engine, row in table.items():
        cells = [engine] + [
            _fmt(row.get(k), 3 if k and k.endswith("whoosh") else 1) for _, k in cols[1:]
        ]
        if row.get("error"):
            cells.append(f"ERROR {row['error']}")
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="unpacked ungdc/ folder or the .tar.gz")
    ap.add_argument("--limit-docs", type=int, help="a seeded sample of N speech files")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--out", type=Path, default=Path("results.json"))
    ap.add_argument("--engines", default=",".join(ENGINE_ORDER))
    ap.add_argument("--jobs", type=int, default=2, help="kzsearch indexing processes")
    ap.add_argument("--work", type=Path, help="keep indexes here (default: a temp folder)")
    ap.add_argument(
        "--reuse", action="store_true", help="keep finished engine phases found in --work"
    )
    ap.add_argument(
        "--faceted-first",
        action="store_true",
        help="also time faceted search in a fresh process before any plain query",
    )
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        worker(args.worker, args.phase, args.work, args.jobs)
        return 0

    root = ungdc.prepare_corpus(args.corpus)
    work = args.work or Path(tempfile.mkdtemp(prefix="kzbench-"))
    work.mkdir(parents=True, exist_ok=True)
    files = ungdc.select_files(root, args.limit_docs)
    (work / "root.txt").write_text(str(root))
    (work / "files.txt").write_text("\n".join(map(str, files)))
    corpus_dir = ungdc.kzsearch_corpus(root, files, work / "corpus")
    (work / "corpus_dir.txt").write_text(str(corpus_dir))
    query_file = work / "queries.json"
    if args.reuse and query_file.exists():
        queries = json.loads(query_file.read_text())  # finished phases used these
    else:
        queries = ungdc.make_queries(files, args.queries)
        query_file.write_text(json.dumps(queries))
    log = work / "workers.log"
    print(f"{len(files)} files, {len(queries)} queries, work folder {work}", flush=True)

    results: dict[str, Any] = {}
    for engine in [e for e in args.engines.split(",") if e]:
        results[engine] = {}
        for phase in ("index", "query", "query-ff") if args.faceted_first else ("index", "query"):
            t = time.perf_counter()
            results[engine][phase] = run_child(engine, phase, work, args.jobs, log, args.reuse)
            print(f"  {engine} {phase}: {time.perf_counter() - t:.1f} s", flush=True)
            if "error" in results[engine][phase]:
                break
    table = summarise(results)
    print_table(table)
    machine = {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "mem_gb": _mem_gb(),
        "python": sys.version.split()[0],
    }
    args.out.write_text(
        json.dumps(
            {
                "machine": machine,
                "files": len(files),
                "queries": queries,
                "summary": table,
                "raw": results,
            },
            indent=1,
        )
    )
    print(f"wrote {args.out}")
    return 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _mem_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


if __name__ == "__main__":
    raise SystemExit(main())
