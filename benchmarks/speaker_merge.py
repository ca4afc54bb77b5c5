"""Check speaker-name merging on the UN General Debate corpus (UNGDC).

Loads ``speakers_by_session.csv`` through a ``kzsearch.yaml`` metadata-table config (written
to a temporary file, so the corpus folder is not touched), enriches one Document per speech
file (metadata only: the speech text is not needed to test names), builds the corpus-wide
resolver, and prints speakers before and after merging, every multi-spelling merge that
looks risky, and near-duplicates left unmerged.

    python benchmarks/speaker_merge.py [UNGDC_DIR] [--contexts] [--show N]

UNGDC_DIR is the unpacked ``ungdc/`` folder (default /tmp/ungdc). ``--contexts`` also passes
each speech's year and country to the resolver as merge evidence.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from searchlib import extract, people
from searchlib.document import Document, Passage

CONFIG = """\
metadata:
  table: speakers_by_session.csv
  files: "TXT/*/{iso}_{session}_{year}.txt"
  join: {iso: ISO Code, session: Session, year: Year}
  columns:
    speaker: Name of Person Speaking
    role: Post
    year: Year
    country: [ISO Code, Country]
  first_person: true
"""


def _docs(root: Path) -> list[Document]:
    docs = []
    for path in sorted((root / "TXT").glob("*/*.txt")):
        rel = path.relative_to(root).as_posix()
        docs.append(Document(rel, rel, path.stem, "", "txt", passages=[Passage(1, "")]))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default="/tmp/ungdc", type=Path)
    parser.add_argument("--contexts", action="store_true", help="use years and countries")
    parser.add_argument("--show", type=int, default=25, help="examples to print per list")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "kzsearch.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        ctx = extract.load_context(args.root, config_path=config)
    docs = _docs(args.root)
    raw_speakers: Counter[str] = Counter()
    stats = people.NameStats()
    counts: Counter[str] = Counter()
    unmatched = 0
    for doc in docs:
        enriched = extract.enrich(doc, ctx)
        if not enriched.speakers:
            unmatched += 1
            continue
        table_row = ctx.tables[0].row_for(doc.path) or {}
        raw_speakers[table_row.get("Name of Person Speaking", "")] += 1
        counts.update(extract.raw_names(enriched))
        extract.name_stats(enriched, stats)
    resolver = people.NameResolver.build(stats if args.contexts else counts, pins=ctx.pins)
    cleaned = {people.clean_name(n) for n in raw_speakers if people.clean_name(n)}
    canonical = {resolver.canonical(n) for n in cleaned}
    print(
        f"speeches: {len(docs)}  without a table row: {unmatched}  "
        f"mode: {'counts+years+countries' if args.contexts else 'counts only'}"
    )
    print(f"distinct raw speaker strings: {len(raw_speakers)}")
    print(f"after clean_name (honorifics, case, spacing): {len(cleaned)}")
    print(f"after merging (canonical speakers): {len(canonical)}")

    variants = resolver.variants()
    merged = {c: v for c, v in variants.items() if len({x for x in v if x in cleaned}) > 1}
    print(f"canonical names with >1 cleaned spelling: {len(merged)}")
    suspicious = []
    for canon, forms in merged.items():
        forms = [f for f in forms if f in cleaned]
        firsts = {
            people.translit_key(p.given[0])
            for p in (people.split_name(f) for f in forms)
            if p and p.given
        }
        short = [f for f in forms if (p := people.split_name(f)) and not p.given]
        if len(firsts) > 1 or short:
            suspicious.append(
                (
                    canon,
                    forms,
                    "different first names" if len(firsts) > 1 else "surname-only form merged",
                )
            )
    print(f"merges to review (surname-only joined, or first names differ): {len(suspicious)}")
    for canon, forms, why in suspicious[: args.show]:
        print(f"  {canon!r} <- {forms}  [{why}]")

    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in sorted(canonical):
        parts = people.split_name(name)
        if parts:
            by_surname[parts.surname_key].append(name)
    near = []
    for names in by_surname.values():
        if len(names) < 2:
            continue
        full = [n for n in names if (p := people.split_name(n)) and p.given]
        short = [n for n in names if n not in full]
        initials = Counter(people.translit_key(people.split_name(n).given[0])[:2] for n in full)  # type: ignore[union-attr]
        if short or any(c > 1 for c in initials.values()):
            near.append(names)
    print(
        f"near-duplicates left (same surname key, one surname-only or same first letters): "
        f"{len(near)}"
    )
    for names in near[: args.show]:
        print(f"  {names}")
    print(f"time: {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
