"""CLI start-up: wall time of ``kzsearch QUERY`` with an up-to-date index, against references.

    python benchmarks/cli_start.py --bin /tmp/kzcli-venv/bin --work /tmp/kzcli-work [--runs 20]

``--bin`` is the ``bin/`` folder of a venv with a normal (non-editable) ``pip install .``,
because an editable install adds import-hook start-up cost users don't pay. The sample
corpus is copied to ``WORK/corpus`` and indexed once; then each command runs ``--runs``
times, interleaved (so drift hits all of them alike), after two untimed warm-up rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import percentile  # noqa: E402

__all__ = ["main", "time_commands"]

SAMPLE = HERE.parents[1] / "shared/sample-corpus/kazakhstan-beyond-headlines.txt"
QUERY = "defamation decriminalisation"


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_commands(
    commands: dict[str, tuple[list[str], Path]], runs: int, warmup: int = 2
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU ms of each (command, cwd), ``runs`` times, interleaved; output discarded."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(warmup + runs):
        for name, (cmd, cwd) in commands.items():
            c = _children_cpu_s()
            t = time.perf_counter()
            proc = subprocess.run(
                cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            ms = (time.perf_counter() - t) * 1000
            if proc.returncode != 0:
                raise SystemExit(f"{cmd} failed: {proc.stderr.decode(errors='replace')}")
            if round_ >= warmup:
                wall[name].append(ms)
                cpu[name].append((_children_cpu_s() - c) * 1000)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bin", type=Path, required=True, help="bin/ of a venv with kzsearch")
    ap.add_argument(
        "--baseline-bin", type=Path, help="bin/ of a second venv to time alongside (old code)"
    )
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)

    python = str(args.bin / "python")
    args.work.mkdir(parents=True, exist_ok=True)
    commands = {"python -c pass": ([python, "-c", "pass"], args.work)}
    bins = {"": args.bin, "baseline: ": args.baseline_bin}
    for label, bin_dir in bins.items():
        if bin_dir is None:
            continue
        kz = str(bin_dir / "kzsearch")
        # Each venv gets its own copy: indexes of different code versions may differ.
        work = args.work / "baseline" if label else args.work
        corpus = work / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        shutil.copy2(args.sample, corpus / args.sample.name)
        subprocess.run([kz, "index"], cwd=work, check=True, stdout=subprocess.DEVNULL)
        commands[f"{label}kzsearch --help"] = ([kz, "--help"], work)
        commands[f'{label}kzsearch "{QUERY}"'] = ([kz, QUERY], work)
    wall, cpu = time_commands(commands, args.runs)
    rows = {
        name: {
            "median_ms": statistics.median(t),
            "p95_ms": percentile(t, 95),
            "min_ms": min(t),
            "cpu_median_ms": statistics.median(cpu[name]),
            "runs": len(t),
        }
        for name, t in wall.items()
    }
    print("| command | median ms | p95 ms | min ms | CPU median ms |")
    print("|---|---|---|---|---|")
    for name, r in rows.items():
        print(
            f"| `{name}` | {r['median_ms']:.0f} | {r['p95_ms']:.0f} | {r['min_ms']:.0f} "
            f"| {r['cpu_median_ms']:.0f} |"
        )
    if args.out:
        args.out.write_text(json.dumps({"summary": rows, "raw": wall, "cpu": cpu}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
