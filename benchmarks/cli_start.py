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


def time_commands(
    commands: dict[str, list[str]], cwd: Path, runs: int, warmup: int = 2
) -> dict[str, list[float]]:
    """Wall milliseconds of each command, ``runs`` times, interleaved; output discarded."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(warmup + runs):
        for name, cmd in commands.items():
            t = time.perf_counter()
            proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            ms = (time.perf_counter() - t) * 1000
            if proc.returncode != 0:
                raise SystemExit(f"{cmd} failed: {proc.stderr.decode(errors='replace')}")
            if round_ >= warmup:
                times[name].append(ms)
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bin", type=Path, required=True, help="bin/ of a venv with kzsearch")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)

    python, kz = str(args.bin / "python"), str(args.bin / "kzsearch")
    corpus = args.work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    shutil.copy2(args.sample, corpus / args.sample.name)
    subprocess.run([kz, "index"], cwd=args.work, check=True, stdout=subprocess.DEVNULL)
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "kzsearch --help": [kz, "--help"],
        f'kzsearch "{QUERY}"': [kz, QUERY],
    }
    times = time_commands(commands, args.work, args.runs)
    rows = {
        name: {
            "median_ms": statistics.median(t),
            "p95_ms": percentile(t, 95),
            "min_ms": min(t),
            "runs": len(t),
        }
        for name, t in times.items()
    }
    print("| command | median ms | p95 ms | min ms |")
    print("|---|---|---|---|")
    for name, r in rows.items():
        print(f"| `{name}` | {r['median_ms']:.0f} | {r['p95_ms']:.0f} | {r['min_ms']:.0f} |")
    if args.out:
        args.out.write_text(json.dumps({"summary": rows, "raw": times}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
