"""Incremental re-index: one file changed in a large corpus, after a full index.

    python benchmarks/incremental.py --corpus /tmp/kzb-full2/corpus \\
        --index /tmp/kzb-full2/index-kzsearch --work /tmp/kzb-incr [--runs 3]

Reuses a finished full index (``run.py``'s kzsearch phase) instead of building another:
the corpus is re-created under ``WORK`` with hard links (same size and mtime, so the
files count as unchanged) and the index is copied, so neither original is touched.
Then, ``--runs`` times, one speech file gets a sentence appended and ``index_corpus``
runs again; a run with nothing changed is timed too (the freshness check every CLI
command pays).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

__all__ = ["link_tree", "main"]


def link_tree(source: Path, target: Path) -> int:
    """Mirror ``source`` (following links) into ``target`` with hard links; returns files."""
    n = 0
    for folder, _dirs, names in os.walk(source, followlinks=True):
        dest = target / Path(folder).relative_to(source)
        dest.mkdir(parents=True, exist_ok=True)
        for name in names:
            src = Path(folder) / name
            try:
                os.link(src, dest / name)
            except OSError:
                shutil.copy2(src, dest / name)
            n += 1
    return n


def _timed_index(corpus: Path, index: Path, jobs: int) -> dict[str, float]:
    from searchlib.indexer import index_corpus

    t = time.perf_counter()
    s = index_corpus(corpus, index, jobs=jobs)
    return {
        "seconds": time.perf_counter() - t,
        "documents_updated": s.documents_updated,
        "documents_unchanged": s.documents_unchanged,
        "passages_added": s.passages_added,
        "rebuilt": s.rebuilt,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="the fully indexed corpus folder")
    ap.add_argument("--index", type=Path, required=True, help="its full kzsearch index")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)

    corpus, index = args.work / "corpus", args.work / "index"
    shutil.rmtree(args.work, ignore_errors=True)
    n_files = link_tree(args.corpus, corpus)
    shutil.copytree(args.index, index)
    speeches = sorted(p for p in (corpus / "TXT").rglob("*.txt") if not p.name.startswith("."))
    print(f"{n_files} files linked, {len(speeches)} speeches", flush=True)

    results: dict[str, list[dict[str, float]]] = {"unchanged": [], "one_changed": []}
    results["unchanged"].append(_timed_index(corpus, index, args.jobs))
    for run in range(args.runs):
        victim = speeches[(run * 997) % len(speeches)]
        text = victim.read_text(encoding="utf-8", errors="replace")
        victim.unlink()  # break the hard link: the original stays as it was
        victim.write_text(text + f"\nWe thank the Assembly, revision {run}.\n", encoding="utf-8")
        r = _timed_index(corpus, index, args.jobs)
        r["file"] = str(victim.relative_to(corpus))
        results["one_changed"].append(r)
        print(f"changed {r['file']}: {r['seconds']:.2f} s", flush=True)
    results["unchanged"].append(_timed_index(corpus, index, args.jobs))
    times = [r["seconds"] for r in results["one_changed"]]
    summary = {
        "files": len(speeches),
        "one_changed_median_s": statistics.median(times),
        "one_changed_max_s": max(times),
        "unchanged_median_s": statistics.median(r["seconds"] for r in results["unchanged"]),
    }
    print(json.dumps(summary, indent=1))
    if args.out:
        args.out.write_text(json.dumps({"summary": summary, "raw": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
