"""Metadata extraction: who speaks in each passage, who is only mentioned, when, about what.

Explicit metadata (front matter, JSON keys, a metadata table) always wins; extraction
only fills gaps. Attribution follows the cues reporters use ("according to X", "X said",
", said the Deputy Minister"), resolves role references through the people a document
introduces ("Mr. Yerzhan Ashikbayev, Deputy Minister of Foreign Affairs"), and lets
reported speech run on into following passages until another cue. Speeches (a metadata
speaker, or a title like "Statement by President X at ...") belong to their author.
Names are made canonical corpus-wide afterwards (``canonicalise``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from . import kazakh, mentions, people, places, russian, textdates
from .dates import PartialDate
from .document import Document, Passage
from .errors import CorpusError
from .mentions import Mention, find_mentions, find_roster
from .metatable import MetaTable, load_tables
from .topics import Taxonomy, default_taxonomy, load_taxonomy

__all__ = [
    "CONFIG_FILE",
    "EXTRACTION_VERSION",
    "ExtractionContext",
    "Mention",
    "canonicalise",
    "enrich",
    "explain",
    "extract_file",
    "find_mentions",
    "find_roster",
    "load_context",
    "name_stats",
    "raw_names",
    "speaker_uses",
]

# Bumped when extraction or name merging changes what a file yields: an index built by
# another version re-reads every file once (2: names carry their country and year uses;
# 3: roles before names, bylines, transcripts, no "General Assembly" among persons;
# 4: initials after a surname, bylines without "By", currencies are not countries;
# 5: roles set off by commas, a report's only person as its Head of State, Kazakh texts;
# 6: more cues, speech and interview titles, transcripts' capital labels, dates at the end;
# 7: more speech verbs, broadcast labels, guests who are no speakers, quoted dates).
EXTRACTION_VERSION = 7
CONFIG_FILE = "kzsearch.yaml"
PEOPLE_FILES = ("people.yaml", "people.yml", "people.csv")
TOPICS_FILES = ("topics.yaml", "topics.yml")
INTRO_PASSAGES = 3  # where a report lists its speakers


# -- context -----------------------------------------------------------------------------


@dataclass
class ExtractionContext:
    """Everything per-corpus that extraction needs; built once, picklable for worker processes."""

    root: str = ""
    config_files: set[str] = field(default_factory=set)
    pins: dict[str, str] = field(default_factory=dict)
    taxonomy: Taxonomy = field(default_factory=default_taxonomy)
    tables: list[MetaTable] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)


def load_context(
    corpus_root: Path | str, config_path: Path | str | None = None
) -> ExtractionContext:
    """Read ``kzsearch.yaml``, ``people.yaml|csv``, ``topics.yaml`` and metadata tables.

    ``config_path`` overrides where ``kzsearch.yaml`` is read from (tables stay relative
    to the corpus root). Raises ``CorpusError`` naming the broken file.
    """
    root = Path(corpus_root)
    ctx = ExtractionContext(root=str(root))
    cfg_path = Path(config_path) if config_path else root / CONFIG_FILE
    config: dict[str, Any] = {}
    if cfg_path.is_file():
        cfg_name = cfg_path.name if config_path is None else str(cfg_path)
        try:
            loaded = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CorpusError(
                f"{cfg_name}: cannot read ({exc})", hint="see docs/metadata.md for the format"
            ) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise CorpusError(
                f"{cfg_name}: expected a mapping of settings",
                hint="see docs/metadata.md for the format",
            )
        config = loaded or {}
        if config_path is None:
            ctx.config_files.add(CONFIG_FILE)
        ctx.tables = load_tables(root, config.get("metadata"), cfg_name)
        ctx.config_files.update(t.relpath for t in ctx.tables)
    elif config_path is not None:
        raise CorpusError(f"{cfg_path}: config file not found")
    ctx.config = config
    for name in PEOPLE_FILES:
        if (root / name).is_file():
            ctx.pins.update(people.load_pins(root / name))
            ctx.config_files.add(name)
    for name in TOPICS_FILES:
        if (root / name).is_file():
            ctx.taxonomy = load_taxonomy(root / name)
            ctx.config_files.add(name)
            break
    return ctx


# -- enrich ------------------------------------------------------------------------------


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _apply_tables(doc: Document, ctx: ExtractionContext) -> bool:
    """Fill fields from metadata tables; returns True when a table says it's a speech."""
    first_person = False
    for table in ctx.tables:
        match = table.lookup(doc.path)
        if match is None:
            # A speech the table has no row for is still a speech, by an unknown author.
            first_person = first_person or (table.first_person and table.covers(doc.path))
            continue
        first_person = first_person or match.first_person
        values = match.fields
        explicit = set(doc.explicit)
        if "speakers" not in explicit and ("speaker" in values or "speakers" in values):
            names = [values["speaker"]] if "speaker" in values else values["speakers"]
            cleaned = _dedupe([people.clean_name(n) for n in names])
            if cleaned:
                doc.speakers = cleaned
                doc.explicit.add("speakers")
                if "role" in values and "roles" not in explicit:
                    doc.roles = {**doc.roles, cleaned[0]: values["role"]}
                    doc.explicit.add("roles")
        if "date" not in explicit and ("date" in values or "year" in values):
            doc.date = values.get("date") or values["year"]
            doc.explicit.add("date")
        for ours in ("country", "countries"):
            if ours in values and "countries" not in explicit:
                doc.countries = _dedupe(values[ours])
                doc.explicit.add("countries")
        if "persons" in values and "persons" not in explicit:
            doc.persons = _dedupe([people.clean_name(n) for n in values["persons"]])
            doc.explicit.add("persons")
        if "topics" in values and "topics" not in explicit:
            doc.topics = _dedupe(values["topics"])
            doc.explicit.add("topics")
        for ours in ("title", "source", "url"):
            if ours in values and ours not in explicit:
                setattr(doc, ours, values[ours])
                doc.explicit.add(ours)
        for key, value in values.items():
            if key.startswith("extra."):
                doc.extra = {**doc.extra, key[6:]: value}
    return first_person


def _copy(doc: Document) -> Document:
    passages = [
        dataclasses.replace(
            p,
            speakers=list(p.speakers),
            persons=list(p.persons),
            topics=list(p.topics),
            countries=list(p.countries),
        )
        for p in doc.passages
    ]
    if not passages and doc.text.strip():
        lines = [line for line in doc.text.split("\n") if line.strip()]
        passages = [Passage(i, line) for i, line in enumerate(lines, 1)]
    return doc.with_changes(
        passages=passages,
        explicit=set(doc.explicit),
        speakers=list(doc.speakers),
        roles=dict(doc.roles),
        persons=list(doc.persons),
        topics=list(doc.topics),
        countries=list(doc.countries),
        extra=dict(doc.extra),
    )


def enrich(doc: Document, ctx: ExtractionContext | None = None) -> Document:
    """A copy of ``doc`` with date, speakers, roles, persons, topics and countries filled."""
    ctx = ctx or ExtractionContext()
    doc = _copy(doc)
    first_person = _apply_tables(doc, ctx)

    if doc.date is None or "date" not in doc.explicit:
        found = textdates.find_date(doc.text, doc.path)
        if found is not None and doc.date is None:
            doc.date = found.date

    _attribute(doc, first_person)

    hits = [ctx.taxonomy.classify(p.text) for p in doc.passages]
    for passage, passage_hits in zip(doc.passages, hits, strict=True):
        passage.topics = [h.topic for h in passage_hits]
        passage.countries = places.find_places(passage.text)
    if "topics" not in doc.explicit:
        doc.topics = ctx.taxonomy.summarise(hits)
    if "countries" not in doc.explicit:
        counts: Counter[str] = Counter()
        for passage in doc.passages:
            counts.update(passage.countries)
        doc.countries = [c for c, _ in counts.most_common()]
    return doc


def _attribute(doc: Document, first_person: bool) -> None:
    """Fill passage speakers/persons/cue and the document's speakers, roles and persons."""
    text = doc.text or "\n".join(p.text for p in doc.passages)
    # Russian names decline and their titles come first in lower case: their own finders.
    finder: ModuleType = (
        russian if russian.is_russian(text) else kazakh if kazakh.is_kazakh(text) else mentions
    )
    roster = finder.find_roster(text)
    explicit_speakers = doc.speakers if "speakers" in doc.explicit else []
    author: list[str] = list(explicit_speakers)
    author_cue = "author: explicit metadata" if author else ""
    author_role = ""
    if not author:
        found = finder.speech_author(doc)
        if found:
            author, author_role, author_cue = [found[0]], found[1], found[2]
    mentions_by_passage = [finder.find_mentions(p.text) for p in doc.passages]
    if finder is russian:  # a name declined in one passage, in the nominative in another
        forms = russian.same_forms([m.name for ms in mentions_by_passage for m in ms])
        mentions_by_passage = [
            [dataclasses.replace(m, name=forms.get(m.name, m.name)) for m in ms]
            for ms in mentions_by_passage
        ]
    extra_full = [m.name for ms in mentions_by_passage for m in ms] + author
    doc_people = mentions.DocPeople(roster, extra_full, text if finder is mentions else "")
    author = _dedupe([doc_people.resolve(a, from_text=False) for a in author])

    # A speech its metadata attributes is one person's: a heading in it ("Youth Empowerment:
    # Investing in the Future") is not a speaker's label.
    spoken_by_table = bool(explicit_speakers) or first_person
    labels = None if spoken_by_table else mentions.transcript_labels(doc, doc_people, author, text)
    # Passages before a transcript's first label are its author's (a title, a byline).
    current: list[str] = list(author) if labels else []
    current_cue = author_cue if labels else ""
    cues_by_passage = [finder.passage_cues(p.text, doc_people) for p in doc.passages]
    if not author and doc_people.lead_asked:
        # "The Head of State noted" in a report that named only Kassym-Jomart Tokayev.
        spoken = [speaker for cues in cues_by_passage for _, speaker, _ in cues]
        doc_people.lead = mentions.find_lead(text, doc_people, spoken)
        if doc_people.lead:
            cues_by_passage = [
                finder.passage_cues(p.text, doc_people) if mentions.refers_to_lead(p.text) else c
                for p, c in zip(doc.passages, cues_by_passage, strict=True)
            ]
    for i, (passage, titled) in enumerate(zip(doc.passages, mentions_by_passage, strict=True)):
        labelled = labels[i] if labels else None
        cues = cues_by_passage[i]
        cue_speakers = _dedupe([speaker for _, speaker, _ in cues])
        if labelled is not None:
            # A transcript: each paragraph is its label's, and runs on until the next label.
            opens = bool(labelled) and passage.text.lstrip().startswith(labelled[0][1])
            speakers = _dedupe([*([] if opens else current), *(s for s, _ in labelled if s)])
            passage.cue = "; ".join(_dedupe([f"label: {w}:" for s, w in labelled if s])) or (
                current_cue if current else ""
            )
            if labelled:
                last, who = labelled[-1]
                current = [last] if last else []
                current_cue = f"continues from passage {passage.position} (label: {who}:)"
            quoted = [s for s in cue_speakers if s not in speakers]
        elif author:
            speakers = list(author)
            passage.cue = author_cue
            quoted = [s for s in cue_speakers if s not in author]
        elif first_person:
            # A speech by an unknown author: whoever it quotes is mentioned, not speaking.
            speakers, quoted = [], cue_speakers
        elif cues:
            speakers = cue_speakers
            passage.cue = "; ".join(cue for _, _, cue in cues)
            current, current_cue = (
                speakers,
                f"continues from passage {passage.position} ({cues[-1][2]})",
            )
            quoted = []
        elif current:
            speakers = list(current)
            passage.cue = current_cue
            quoted = []
        else:
            speakers, quoted = [], []
        named = [doc_people.resolve(m.name) for m in titled]
        named += [full for full in doc_people.full if finder.mentions_surname(passage.text, full)]
        if "speakers" not in doc.explicit or passage.speakers == []:
            passage.speakers = _dedupe([*passage.speakers, *speakers])
        passage.persons = [
            n for n in _dedupe([*passage.persons, *quoted, *named]) if n not in passage.speakers
        ]

    listed: list[str] = []
    intro = "\n".join(p.text for p in doc.passages[:INTRO_PASSAGES])
    if not author and mentions.is_event_report(intro):  # a speech's press conference is his
        limit = len(intro)
        listed = [
            m.name
            for m in roster
            if m.start < limit and m.listed and not mentions.attending(intro, m.start)
        ]
    if "speakers" not in doc.explicit:
        spoken = [s for p in doc.passages for s in p.speakers]
        doc.speakers = _dedupe([*author, *listed, *spoken])
    if "roles" not in doc.explicit:
        roles = dict(doc_people.roles)
        if author and author_role:
            roles.setdefault(author[0], author_role)
        roles.update(doc.roles)
        doc.roles = {name: role for name, role in roles.items() if role}
    if "persons" not in doc.explicit:
        everyone = [*doc.persons, *(n for p in doc.passages for n in p.persons)]
        doc.persons = [n for n in _dedupe(everyone) if n not in doc.speakers]


# -- names across the corpus ---------------------------------------------------------------


def raw_names(doc: Document) -> list[str]:
    """Every person name in ``doc`` (speakers, persons, roles), cleaned, with repeats."""
    names = [*doc.speakers, *doc.persons, *doc.roles]
    for passage in doc.passages:
        names += passage.speakers + passage.persons
    return [n for n in (people.clean_name(x) for x in names) if n]


def _speaking_for(doc: Document) -> tuple[str | None, int | None]:
    """The group (explicit country) and year a document's speakers speak for and in."""
    year = doc.date.year if isinstance(doc.date, PartialDate) else None
    group = doc.countries[0] if "countries" in doc.explicit and doc.countries else None
    return group, year


def speaker_uses(doc: Document) -> list[tuple[str, str | None, int | None]]:
    """Who speaks in the document, each with the country and year to resolve the name in
    (as ``canonicalise`` does): its passages' speakers, then the document's other speakers
    (listed but given no passage), unless a passage speaker bears the same surname (the
    table's "Alhegelan" speaks as the text's "Sheikh Alhegelan")."""
    group, year = _speaking_for(doc)
    spoken = _dedupe([name for passage in doc.passages for name in passage.speakers])
    surnames = {parts.surname_key for parts in map(people.split_name, spoken) if parts}
    listed = [
        name
        for name in doc.speakers
        if name not in spoken
        and not ((parts := people.split_name(name)) and parts.surname_key in surnames)
    ]
    return [
        (name, *((group, year) if name in doc.speakers else (None, None)))
        for name in [*spoken, *listed]
    ]


def name_stats(doc: Document, stats: people.NameStats | None = None) -> people.NameStats:
    """Add ``doc``'s names to ``stats`` with its year and country, as merge evidence."""
    stats = stats or people.NameStats()
    group, year = _speaking_for(doc)
    for name in raw_names(doc):
        stats.add(name, year=year, group=group if name in doc.speakers else None)
    return stats


def canonicalise(doc: Document, resolver: people.NameResolver) -> Document:
    """A copy of ``doc`` with every person name replaced by its corpus-wide canonical form.

    Speakers resolve in the document's country and year, as their uses were counted; a
    person only mentioned resolves in the document's year ("Mr. Waldheim" in 1975).
    """
    doc = _copy(doc)
    group, year = _speaking_for(doc)

    def canonical(name: str) -> str:
        if name in doc.speakers:
            return resolver.canonical(name, group, year)
        return resolver.canonical(name, None, year)

    def canon(names: list[str]) -> list[str]:
        return _dedupe([canonical(n) for n in names])

    roles: dict[str, str] = {}
    for name, role in doc.roles.items():
        roles.setdefault(canonical(name), role)
    doc.roles = roles
    for passage in doc.passages:
        passage.speakers = canon(passage.speakers)
        passage.persons = [n for n in canon(passage.persons) if n not in passage.speakers]
    doc.speakers = canon(doc.speakers)
    doc.persons = [n for n in canon(doc.persons) if n not in doc.speakers]
    return doc


# -- explain -----------------------------------------------------------------------------


def explain(doc: Document, ctx: ExtractionContext | None = None) -> dict[str, Any]:
    """A JSON-able account of what was extracted and why (for ``kzsearch extract FILE``)."""
    taxonomy = ctx.taxonomy if ctx else default_taxonomy()
    if "date" in doc.explicit:
        date_source = "explicit metadata"
    else:
        found = textdates.find_date(doc.text, doc.path)
        date_source = f"{found.source}: {found.evidence}" if found else ""
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "date_precision": doc.date.precision if doc.date else None,
        "date_source": date_source,
        "speakers": doc.speakers,
        "roles": doc.roles,
        "persons": doc.persons,
        "topics": [{"id": t, "label": taxonomy.label(t)} for t in doc.topics],
        "countries": doc.countries,
        "explicit": sorted(doc.explicit),
        "passages": [
            {
                "position": p.position,
                "text": p.text if len(p.text) <= 160 else p.text[:157] + "...",
                "speakers": p.speakers,
                "cue": p.cue,
                "persons": p.persons,
                "topics": [
                    {
                        "id": h.topic,
                        "label": taxonomy.label(h.topic),
                        "score": h.score,
                        "evidence": list(h.evidence),
                    }
                    for h in taxonomy.classify(p.text)
                ],
                "countries": p.countries,
            }
            for p in doc.passages
        ],
    }


def extract_file(path: Path | str, corpus_root: Path | str | None = None) -> list[dict[str, Any]]:
    """What extraction makes of one file, without indexing it (``kzsearch extract FILE``).

    The corpus root (default: the file's folder) supplies ``kzsearch.yaml``,
    ``people.yaml`` and ``topics.yaml``; names are resolved within the file
    and the pins, since the rest of the corpus is not read.
    """
    from .corpus import SourceFile, read_file

    file = Path(path).resolve()
    if not file.is_file():
        raise CorpusError(f"{path}: no such file")
    root = Path(corpus_root).resolve() if corpus_root else file.parent
    try:
        relpath = file.relative_to(root).as_posix()
    except ValueError:
        raise CorpusError(f"{path} is not inside the corpus folder {corpus_root}") from None
    ctx = load_context(root)
    stat = file.stat()
    docs, problems = read_file(SourceFile(file, relpath, stat.st_size, stat.st_mtime_ns))
    if not docs:
        reason = problems[0] if problems else f"{relpath}: no documents"
        raise CorpusError(str(reason), hint="fix the file, or see docs/corpus-format.md")
    enriched = [enrich(doc, ctx) for doc in docs]
    stats = people.NameStats()
    for doc in enriched:
        name_stats(doc, stats)
    resolver = people.NameResolver.build(stats, pins=ctx.pins)
    return [explain(canonicalise(doc, resolver), ctx) for doc in enriched]
