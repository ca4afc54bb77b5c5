"""Check speaker-name merging on the UN General Debate corpus (UNGDC).

Loads ``speakers_by_session.csv`` through a ``kzsearch.yaml`` metadata-table config (written
to a temporary file, so the corpus folder is not touched), enriches one Document per speech
file (metadata only: the speech text is not needed to test names), builds the corpus-wide
resolver from the same name evidence the indexer collects (count, years, country per name),
and prints:

* speakers before and after merging, and how many spellings were merged, counted on the
  speaker facet as the index writes it: each speech's speaker made canonical in its
  country and year, so a surname-only form of several people lands on each in turn;
* a sample of merges, and of surname-only spellings split between people;
* merges to check for a wrong merge: members from different countries (by the table's ISO
  code, independent of the resolver's country names) or year spans far apart;
* near-duplicates left unmerged: canonical speakers of one country whose keys are close
  (``people.looks_alike``, as ``kzsearch speakers --similar`` lists them).

    python benchmarks/speaker_merge.py [UNGDC_DIR] [--show N] [--counts-only] [--joins] [--texts]
                                       [--cache FILE]

UNGDC_DIR is the unpacked ``ungdc/`` folder (default /tmp/ungdc). ``--counts-only`` drops
the years and countries, as for a corpus without metadata. ``--joins`` reports the table
join instead: speeches joined by their full key, by the place fallback, with a speaker,
and every speech left without a row or a speaker, with the reason. ``--cache FILE`` keeps the
name evidence read from the speeches in FILE (a pickle) and reuses it on the next run: for
trying merge rules in ``people`` without reading 10,000 speeches again (``--texts`` takes
minutes). Delete the file after changing extraction.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from searchlib import corpus, extract, people
from searchlib.document import Document, Passage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ungdc import KZSEARCH_CONFIG as CONFIG  # noqa: E402  (the same config the benchmarks use)

YEAR_GAP = 4  # the resolver's own tolerance between a person's years of use
_LABEL = re.compile(r" \([^()]*\)$")  # the country a surname of several countries' people gets


def _docs(root: Path, texts: bool = False) -> Iterator[Document]:
    """One Document per speech file: metadata only, or with its text (``--texts``)."""
    for path in sorted((root / "TXT").glob("*/*.txt")):
        rel = path.relative_to(root).as_posix()
        if not texts:
            yield Document(rel, rel, path.stem, "", "txt", passages=[Passage(1, "")])
            continue
        stat = path.stat()
        yield from corpus.read_file(corpus.SourceFile(path, rel, stat.st_size, stat.st_mtime_ns))[0]


def _span(years: set[int]) -> str:
    return f"{min(years)}-{max(years)}" if years else "?"


def _far(a: set[int], b: set[int]) -> bool:
    return bool(a and b) and (max(a) + YEAR_GAP < min(b) or max(b) + YEAR_GAP < min(a))


def _unchained(spans: list[set[int]]) -> bool:
    """Whether the members' years leave a gap longer than a term between them."""
    reach = None
    for years in sorted(spans, key=min):
        if reach is not None and min(years) > reach + YEAR_GAP:
            return True
        reach = max(years) if reach is None else max(reach, max(years))
    return False


def _joins(ctx: extract.ExtractionContext, docs: list[Document]) -> int:
    """Print how each speech met the table, and why the rest did not."""
    table = ctx.tables[0]
    via: Counter[str] = Counter()
    with_speaker = 0
    fallbacks = []
    for doc in docs:
        join = table.resolve(doc.path)
        via[join.via or "none"] += 1
        if join.via == "place":
            fallbacks.append(f"  {doc.path} -> {table._describe(join.row or {})}")
        with_speaker += bool(extract.enrich(doc, ctx).speakers)
    gaps = table.unmatched(doc.path for doc in docs)
    kinds = Counter(gap.kind for gap in gaps)
    print(
        f"speeches: {len(docs)}  joined: {via['key'] + via['place']} "
        f"(full key {via['key']}, place fallback {via['place']})  not joined: {via['none']}  "
        f"with a speaker: {with_speaker}"
    )
    print("gaps: " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))
    print(f"\njoined by the place fallback: {len(fallbacks)}")
    print("\n".join(fallbacks))
    for kind, _ in kinds.most_common():
        print(f"\n{kind}:")
        for gap in gaps:
            if gap.kind == kind:
                print(f"  {gap.path}: {gap.reason}")
    return 0


def _read(ctx: extract.ExtractionContext, docs: Iterator[Document]) -> tuple[Any, ...]:
    """The name evidence of every speech, as the indexer collects it."""
    raw_speakers: Counter[str] = Counter()
    stats = people.NameStats()
    counts: Counter[str] = Counter()
    speeches = []  # (enriched document, cleaned speaker name, ISO code from the table, year)
    unmatched = 0
    for doc in docs:
        enriched = extract.enrich(doc, ctx)
        if not enriched.speakers:
            unmatched += 1
            continue
        row = ctx.tables[0].row_for(doc.path) or {}
        raw = row.get("Name of Person Speaking", "")
        raw_speakers[raw] += 1
        name = people.clean_name(raw)
        year = str(row.get("Year", "")).strip()
        iso = row.get("ISO Code", "").strip()
        if name:
            speeches.append((enriched, name, iso, int(year) if year.isdigit() else None))
        counts.update(extract.raw_names(enriched))
        extract.name_stats(enriched, stats)
        enriched.passages, enriched.text = [], ""  # only its speakers are needed from here
    return raw_speakers, stats, counts, speeches, unmatched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default="/tmp/ungdc", type=Path)
    parser.add_argument("--counts-only", action="store_true", help="ignore years and countries")
    parser.add_argument("--show", type=int, default=25, help="examples to print per list")
    parser.add_argument("--joins", action="store_true", help="report the table join only")
    parser.add_argument(
        "--texts", action="store_true", help="read the speeches too: names they mention count"
    )
    parser.add_argument("--cache", type=Path, help="reuse (or write) the evidence read here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "kzsearch.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        ctx = extract.load_context(args.root, config_path=config)
    docs = list(_docs(args.root)) if args.joins else _docs(args.root, args.texts)
    if args.joins:
        return _joins(ctx, docs)
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as fh:
            raw_speakers, stats, counts, speeches, unmatched = pickle.load(fh)
    else:
        raw_speakers, stats, counts, speeches, unmatched = _read(ctx, docs)
        if args.cache:
            with args.cache.open("wb") as fh:
                pickle.dump((raw_speakers, stats, counts, speeches, unmatched), fh)
    built = time.perf_counter()
    resolver = people.NameResolver.build(counts if args.counts_only else stats, pins=ctx.pins)
    build_time = time.perf_counter() - built
    cleaned = {people.clean_name(n) for n in raw_speakers} - {""}
    # As the index writes them: each speech's speaker, made canonical in its country and year.
    isos: dict[tuple[str, str], set[str]] = defaultdict(set)  # (canonical, spelling) -> codes
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for enriched, name, iso, year in speeches:
        canon = extract.canonicalise(enriched, resolver).speakers[0]
        isos[(canon, name)].add(iso)
        if year is not None:
            years[(canon, name)].add(year)
    groups: dict[str, list[str]] = defaultdict(list)
    for canon, name in sorted(isos):
        groups[canon].append(name)
    canonical = set(groups)
    merged = {c: forms for c, forms in groups.items() if len(forms) > 1}
    split = Counter(name for _, name in isos)

    def label(canon: str, name: str) -> str:
        return f"{name} [{','.join(sorted(isos[(canon, name)]))} {_span(years[(canon, name)])}]"

    print(
        f"speeches: {len(speeches) + unmatched}  without a table row: {unmatched}  "
        f"evidence: {'counts only' if args.counts_only else 'counts + years + countries'}"
    )
    print(f"distinct raw speaker strings: {len(raw_speakers)}")
    print(f"after clean_name (honorifics, case, spacing): {len(cleaned)}")
    print(f"canonical speakers after merging (speaker facet values): {len(canonical)}")
    print(
        f"spellings merged into another: {sum(len(f) - 1 for f in groups.values())} "
        f"(in {len(merged)} speakers with more than one spelling)"
    )
    shared = sorted(n for n, k in split.items() if k > 1)
    print(f"surname-only spellings resolved per country and year to several people: {len(shared)}")
    labelled = {c for c in groups if _LABEL.search(c)}
    print(f"  speaker values told apart by country, as 'Toure (Mali)': {len(labelled)}")
    print(f"resolver build time: {build_time:.2f}s over {len(stats.counts)} names")

    step = max(1, len(merged) // max(1, args.show))
    print(f"\nsample of merges (every {step}th):")
    for canon in sorted(merged)[::step][: args.show]:
        print(f"  {canon!r} <- {[label(canon, f) for f in merged[canon]]}")
    print("\nsurname-only spellings split between people (sample):")
    for name in shared[: args.show]:
        owners = sorted(c for c, n in isos if n == name)
        print(f"  {name!r} -> {[f'{c} {_span(years[(c, name)])}' for c in owners]}")

    risky = []
    for canon, forms in sorted(merged.items()):
        all_isos = [isos[(canon, f)] for f in forms]
        cross = len(set().union(*all_isos)) > 1
        far = _unchained([years[(canon, f)] for f in forms if years[(canon, f)]])
        if cross or far:
            risky.append((canon, forms, "countries differ" if cross else "years far apart"))
    print(f"\nmerges to check (countries differ or years far apart): {len(risky)}")
    for canon, forms, why in risky[: args.show * 4]:
        print(f"  {canon!r} <- {[label(canon, f) for f in forms]}  [{why}]")

    by_iso: dict[str, list[str]] = defaultdict(list)
    canon_isos: dict[str, set[str]] = defaultdict(set)
    canon_years: dict[str, set[int]] = defaultdict(set)
    for (canon, name), codes in isos.items():
        canon_isos[canon] |= codes
        canon_years[canon] |= years[(canon, name)]
    for canon, codes in canon_isos.items():
        for code in codes:
            by_iso[code].append(canon)
    near = []
    for code, names in sorted(by_iso.items()):
        names.sort()
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if people.looks_alike(a, b):
                    gap = "far" if _far(canon_years[a], canon_years[b]) else "close"
                    near.append((code, a, b, gap))
    close = [n for n in near if n[3] == "close"]
    print(
        f"\nnear-duplicates left unmerged (same country, close keys): {len(near)} "
        f"({len(close)} with years within {YEAR_GAP} of each other)"
    )
    for code, a, b, gap in near[: args.show * 4]:
        print(
            f"  {code}: {a!r} ({_span(canon_years[a])}) ~ {b!r} ({_span(canon_years[b])})  [{gap}]"
        )
    print(f"\ntotal time: {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
