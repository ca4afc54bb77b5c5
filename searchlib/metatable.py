"""Metadata tables: a CSV or JSON file in the corpus that describes the corpus's files.

Many published corpora keep who/when/where in a side table (UNGDC's
``speakers_by_session.csv``) rather than in the texts. A table is joined to files either by
a path column or by fields captured from file names with a pattern such as
``{iso}_{session}_{year}.txt``; its columns map onto our fields. Values from a table count
as explicit metadata. Tables are declared in the corpus's ``kzsearch.yaml``
(see docs/metadata.md).
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from . import people
from .dates import PartialDate, parse_date
from .errors import CorpusError, QueryError
from .places import normalise_country

__all__ = [
    "FIELDS",
    "Join",
    "JoinGap",
    "MetaTable",
    "TableMatch",
    "compile_pattern",
    "load_tables",
]

# Our fields a table column can fill; "extra.NAME" is also accepted.
FIELDS = {
    "speaker",
    "speakers",
    "role",
    "date",
    "year",
    "country",
    "countries",
    "title",
    "topics",
    "source",
    "url",
    "persons",
}
_LIST_FIELDS = {"speakers", "countries", "topics", "persons"}
_KEYS = {"table", "format", "files", "join", "path_column", "columns", "first_person", "delimiter"}


@dataclass(frozen=True)
class TableMatch:
    """The metadata one table row gives one file."""

    table: str  # relpath of the table
    fields: dict[str, Any]  # our field -> value (PartialDate for date, list for list fields)
    first_person: bool
    via: str = "key"  # how the row was found: "path", "key" or "place" (see MetaTable)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """``TXT/**/{iso}_{n}_{year}.txt`` -> a regex with named groups; ``*`` stays in a folder."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append(r"(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(r".*")
            i += 2
        elif pattern[i] == "*":
            out.append(r"[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append(r"[^/]")
            i += 1
        elif pattern[i] == "{":
            end = pattern.find("}", i)
            name = pattern[i + 1 : end] if end > 0 else ""
            if not name.isidentifier():
                raise ValueError(f"bad field name in pattern at {pattern[i:]!r}")
            out.append(rf"(?P<{name}>[^/]+?)")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def _norm(value: Any) -> str:
    """Join values compare trimmed, case-blind, and numbers without leading zeros."""
    text = re.sub(r"\s+", " ", str(value)).strip().casefold()
    return str(int(text)) if text.isdigit() else text


class JoinGap(NamedTuple):
    """A file the table was meant to describe but gives nothing (or no speaker)."""

    path: str
    kind: str  # "no-row", "ambiguous", "taken", "pattern", "no-speaker" or "bad-speaker"
    reason: str


@dataclass(frozen=True)
class Join:
    """How one file met the table: its row and how it was found, or why there is none."""

    row: dict[str, str] | None
    via: str = ""  # "path", "key" (every join field equal) or "place" (the fallback)
    place: str = ""  # the place file and row agree on, for a "place" join on one field
    kind: str = ""  # without a row: "pattern", "no-row", "ambiguous" or "taken"
    reason: str = ""


@dataclass
class _Claims:
    """Which rows the corpus's files already take, so a fallback never takes them twice."""

    clean: dict[int, str]  # row -> the file whose full key finds it, no place contradicting
    wanted: dict[int, list[str]]  # row -> the other files it could serve


def _split_places(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;|]", value) if p.strip()]


@dataclass
class MetaTable:
    """One loaded table and how to join and map it.

    A file joins the row whose join columns equal its captured fields, unless that row's
    place columns also name another place (a code or name that contradicts). Then, or when
    no row has the key, a place fallback tries the rows that equal it on the join fields
    that are not places and name the file's place (through ``normalise``, so codes and
    names meet) in the join column or a column mapped to ``country``. It joins only when
    exactly one row fits and no other file of the corpus (found under ``root``) takes or
    could take that row; otherwise the file gets nothing and ``unmatched`` says why.
    """

    relpath: str
    config: str  # the config file that declared it, for messages
    columns: dict[str, list[str]]
    rows: list[dict[str, str]]
    files: re.Pattern[str] | None = None
    files_has_slash: bool = True
    join: dict[str, str] = field(default_factory=dict)
    path_column: str = ""
    first_person: bool = False
    duplicates: int = 0
    root: str = ""  # the corpus root: lets a fallback see the other files' claims
    files_glob: str = ""  # the ``files`` pattern as written, for messages
    normalise: Callable[[str], str | None] = field(default=normalise_country, repr=False)
    _index: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)
    _place_fields: list[str] = field(default_factory=list, repr=False)
    _country_cols: list[str] = field(default_factory=list, repr=False)
    _rest: dict[tuple[str, ...], dict[tuple[str, ...], list[int]]] = field(
        default_factory=dict, repr=False
    )
    _places_cache: dict[tuple[int, str, bool], frozenset[str]] = field(
        default_factory=dict, repr=False
    )
    _place_counts: Counter[str] | None = field(default=None, repr=False)
    _claims: _Claims | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        keys = [self.path_column] if self.path_column else list(self.join.values())
        for i, row in enumerate(self.rows):
            if self.path_column:
                key: tuple[str, ...] = (_norm(PurePosixPath(row.get(self.path_column, ""))),)
            else:
                key = tuple(_norm(row.get(col, "")) for col in keys)
            if key in self._index:
                self.duplicates += 1
            else:
                self._index[key] = i
        if not self.path_column:
            self._place_fields = [n for n, col in self.join.items() if self._about_places(col)]
            self._country_cols = [
                c
                for target in ("country", "countries")
                for c in self.columns.get(target, [])
                if c not in self.join.values()
            ]

    def _about_places(self, column: str) -> bool:
        """A join column holds places when at least half its distinct values are known places."""
        values = {re.sub(r"\s+", " ", r.get(column, "")).strip() for r in self.rows} - {""}
        known = sum(1 for v in values if self.normalise(v))
        return bool(values) and known * 2 >= len(values)

    # -- joining ----------------------------------------------------------------------

    def _groups(self, relpath: str) -> dict[str, str] | None:
        if self.files is None:
            return None
        target = relpath if self.files_has_slash else relpath.rsplit("/", 1)[-1]
        match = self.files.match(target)
        return match.groupdict() if match else None

    def resolve(self, relpath: str) -> Join:
        """The row for ``relpath`` and how it was found, or a reason why there is none."""
        if self.path_column:
            i = self._index.get((_norm(relpath),))
            if i is None:
                return Join(None, kind="no-row", reason=f"no row with {self.path_column}={relpath}")
            return Join(self.rows[i], "path")
        groups = self._groups(relpath)
        if groups is None:
            return Join(None, kind="pattern", reason=f"name does not fit {self.files_glob!r}")
        i = self._index.get(tuple(_norm(groups[n]) for n in self.join))
        if i is not None and not self._contradicts(i, self._file_places(groups)):
            return Join(self.rows[i], "key")
        return self._fallback(relpath, groups, i)

    def covers(self, relpath: str) -> bool:
        """Whether the table's file pattern takes in ``relpath``, with a row or without."""
        return self._groups(relpath) is not None

    def row_for(self, relpath: str) -> dict[str, str] | None:
        return self.resolve(relpath).row

    def lookup(self, relpath: str) -> TableMatch | None:
        join = self.resolve(relpath)
        if join.row is None:
            return None
        values: dict[str, Any] = {}
        for target, cols in self.columns.items():
            value = self._value(target, [join.row.get(c, "") for c in cols])
            if value not in (None, "", []):
                values[target] = value
        if join.place:  # file and row agree on it; a column may name another (a wrong code)
            for target in ("country", "countries"):
                if target in values:
                    values[target] = [join.place]
        return TableMatch(self.relpath, values, self.first_person, join.via)

    def unmatched(self, relpaths: Iterable[str], *, unpatterned: bool = False) -> list[JoinGap]:
        """Files that get no row, or a row without a speaker, each with the reason.

        Files whose names don't fit the ``files`` pattern are left out unless
        ``unpatterned`` (the table was not meant for them).
        """
        gaps = []
        for rel in relpaths:
            join = self.resolve(rel)
            if join.row is None:
                if join.kind != "pattern" or unpatterned:
                    gaps.append(JoinGap(rel, join.kind, join.reason))
                continue
            gap = self._speaker_gap(join.row)
            if gap:
                gaps.append(JoinGap(rel, gap[0], f"{self._describe(join.row)} {gap[1]}"))
        return gaps

    def _speaker_gap(self, row: dict[str, str]) -> tuple[str, str] | None:
        """("no-speaker" | "bad-speaker", why) when a joined row names no usable speaker."""
        cols = self.columns.get("speaker") or self.columns.get("speakers") or []
        values = [(c, re.sub(r"\s+", " ", row.get(c, "")).strip()) for c in cols]
        values = [(c, v) for c, v in values if v]
        if cols and not values:
            return "no-speaker", f"has no {' or '.join(cols)}"
        if values and not any(people.clean_name(v) for _, v in values):
            col, value = values[0]
            return "bad-speaker", f"has {value!r} in {col}, which the name cleaner rejects"
        return None

    # -- the place fallback -----------------------------------------------------------

    def _fallback(self, relpath: str, groups: dict[str, str], key_row: int | None) -> Join:
        """Join through places when the key finds no row, or one that names another place."""
        what = ", ".join(f"{col}={groups[n]}" for n, col in self.join.items())
        places, fits = self._candidates(groups)
        if not places:
            return Join(None, kind="no-row", reason=f"no row with {what}")
        place = " / ".join(places.values())
        if key_row is None:
            head = f"no row with {what}"
        else:
            named = sorted(set().union(*self._named(key_row, places).values()) - {place})
            head = f"{self._describe(self.rows[key_row])} names {' and '.join(named)}, not {place}"
        claims = self._claimed()
        free = [i for i in fits if i not in claims.clean]
        if len(free) == 1:
            i = free[0]
            rivals = [f for f in claims.wanted.get(i, []) if f != relpath]
            if not rivals:
                if i == key_row:
                    return Join(self.rows[i], "key")
                single = place if len(places) == 1 else ""
                return Join(self.rows[i], "place", place=single)
            return Join(
                None,
                kind="ambiguous",
                reason=f"{head}; {self._describe(self.rows[i])} fits {rivals[0]} as well",
            )
        if len(free) > 1:
            shown = "; ".join(self._describe(self.rows[i]) for i in free[:3])
            return Join(
                None, kind="ambiguous", reason=f"{head}; {len(free)} rows name {place}: {shown}"
            )
        if fits:
            i = fits[0]
            return Join(
                None,
                kind="taken",
                reason=f"{head}; {self._describe(self.rows[i])} names {place}"
                f" but belongs to {claims.clean[i]}",
            )
        reason = head
        rest = [n for n in self.join if n not in places]
        if rest:
            shared = self._rest_index(tuple(places)).get(self._rest_key(groups, places), [])
            cond = ", ".join(f"{self.join[n]}={groups[n]}" for n in rest)
            reason += (
                f"; {len(shared)} rows have {cond}, none naming {place}"
                if shared
                else f"; no row has {cond}"
            )
        if len(places) == 1:
            others = self._count_places()[place]
            reason += f"; {others} other rows name {place}" if others else f"; no row names {place}"
        return Join(None, kind="no-row", reason=reason)

    def _file_places(self, groups: dict[str, str]) -> dict[str, str]:
        """The known places among a file's captured place fields, by field."""
        found = {n: self.normalise(groups[n]) for n in self._place_fields}
        return {n: p for n, p in found.items() if p}

    def _named(self, i: int, places: dict[str, str]) -> dict[str, frozenset[str]]:
        with_country = len(places) == 1
        return {n: self._places(i, n, with_country) for n in places}

    def _contradicts(self, i: int, places: dict[str, str]) -> bool:
        """Whether row ``i`` also names a place other than the file's (a wrong code or name)."""
        return any(named - {places[n]} for n, named in self._named(i, places).items())

    def _rest_key(self, groups: dict[str, str], places: dict[str, str]) -> tuple[str, ...]:
        return tuple(_norm(groups[n]) for n in self.join if n not in places)

    def _rest_index(self, place_fields: tuple[str, ...]) -> dict[tuple[str, ...], list[int]]:
        """Rows by their values in the join columns that are not the given place fields."""
        if place_fields not in self._rest:
            cols = [col for n, col in self.join.items() if n not in place_fields]
            index: dict[tuple[str, ...], list[int]] = defaultdict(list)
            for i in self._index.values():  # a shadowed duplicate is never a candidate
                index[tuple(_norm(self.rows[i].get(c, "")) for c in cols)].append(i)
            self._rest[place_fields] = dict(index)
        return self._rest[place_fields]

    def _places(self, i: int, name: str, with_country: bool) -> frozenset[str]:
        """The places row ``i`` names in field ``name``'s column (and the country columns)."""
        key = (i, name, with_country)
        if key not in self._places_cache:
            row = self.rows[i]
            cols = [self.join[name], *(self._country_cols if with_country else [])]
            found = {self.normalise(v) for c in cols for v in _split_places(row.get(c, ""))}
            self._places_cache[key] = frozenset(p for p in found if p)
        return self._places_cache[key]

    def _count_places(self) -> Counter[str]:
        if self._place_counts is None:
            counts: Counter[str] = Counter()
            if len(self._place_fields) == 1:
                for i in self._index.values():
                    counts.update(self._places(i, self._place_fields[0], True))
            self._place_counts = counts
        return self._place_counts

    def _candidates(self, groups: dict[str, str]) -> tuple[dict[str, str], list[int]]:
        """The file's places by field, and the rows that fit them on every join field."""
        places = self._file_places(groups)
        if not places:
            return {}, []
        rows = self._rest_index(tuple(places)).get(self._rest_key(groups, places), [])
        fits = [
            i
            for i in rows
            if all(places[n] in named for n, named in self._named(i, places).items())
        ]
        return places, fits

    def _claimed(self) -> _Claims:
        """Scan the corpus once for the rows its files take (none known without ``root``)."""
        if self._claims is None:
            clean: dict[int, str] = {}
            pending = []
            for rel in self._corpus_files():
                groups = self._groups(rel)
                if groups is None:
                    continue
                i = self._index.get(tuple(_norm(groups[n]) for n in self.join))
                if i is not None and not self._contradicts(i, self._file_places(groups)):
                    clean.setdefault(i, rel)
                else:
                    pending.append((rel, groups))
            wanted: dict[int, list[str]] = defaultdict(list)
            for rel, groups in pending:
                for i in self._candidates(groups)[1]:
                    if i not in clean:
                        wanted[i].append(rel)
            self._claims = _Claims(clean, dict(wanted))
        return self._claims

    def _corpus_files(self) -> list[str]:
        if not self.root or self.files is None:
            return []
        root = Path(self.root)
        start = root
        if self.files_has_slash:
            literal = re.split(r"[*?{]", self.files_glob, maxsplit=1)[0]
            if "/" in literal:
                start = root / literal.rsplit("/", 1)[0]
        found: list[str] = []
        for folder, _dirs, names in os.walk(start):
            rel_folder = Path(folder).relative_to(root).as_posix()
            prefix = "" if rel_folder == "." else rel_folder + "/"
            found.extend(prefix + name for name in names)
        return sorted(found)

    def _describe(self, row: dict[str, str]) -> str:
        """A row as a reader finds it in the table: its join values, then its place name."""
        parts = [f"{col}={row.get(col, '').strip()}" for col in self.join.values()]
        named = [row.get(c, "").strip() for c in self._country_cols if row.get(c, "").strip()]
        return f"the row {', '.join(parts)}" + (f" ({named[0]})" if named else "")

    def _value(self, target: str, raw: list[str]) -> Any:
        texts = [re.sub(r"\s+", " ", str(v)).strip() for v in raw]
        texts = [t for t in texts if t]
        if not texts:
            return None
        if target in {"country", "countries"}:
            for text in texts:  # first column that names a known place wins
                found = normalise_country(text)
                if found:
                    return [found]
            return [texts[0]]
        if target in {"date", "year"}:
            for text in texts:
                try:
                    date = parse_date(text, what=target)
                except QueryError:
                    continue
                return PartialDate(date.year) if target == "year" else date
            return None
        if target in _LIST_FIELDS:
            return [p.strip() for p in re.split(r"[;|]", texts[0]) if p.strip()]
        return texts[0]


def _read_rows(path: Path, fmt: str, delimiter: str | None, where: str) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CorpusError(f"{where}: table {path.name}: cannot read ({exc})") from None
    if fmt in {"csv", "tsv"}:
        reader = csv.DictReader(
            text.splitlines(), delimiter=delimiter or ("\t" if fmt == "tsv" else ",")
        )
        return [
            {(k or "").strip(): (v if isinstance(v, str) else "") for k, v in row.items()}
            for row in reader
        ]
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{where}: table {path.name}: not valid JSON ({exc})") from None
        if isinstance(data, dict):
            data = data.get("rows", data.get("files"))
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise CorpusError(f"{where}: table {path.name}: expected a JSON list of objects")
        return [{str(k).strip(): "" if v is None else str(v) for k, v in r.items()} for r in data]
    if fmt == "jsonl":
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    raise CorpusError(f"{where}: table {path.name}:{n}: not valid JSON") from None
                rows.append({str(k).strip(): "" if v is None else str(v) for k, v in obj.items()})
        return rows
    raise CorpusError(f"{where}: table {path.name}: format must be csv, tsv, json or jsonl")


def _as_columns(value: Any, where: str, target: str) -> list[str]:
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value]
    raise CorpusError(f"{where}: metadata.columns.{target}: give a column name or a list of them")


def load_tables(
    root: Path,
    section: Any,
    config_name: str,
    *,
    normalise: Callable[[str], str | None] = normalise_country,
) -> list[MetaTable]:
    """Load the ``metadata`` section of ``kzsearch.yaml``; every mistake names file and field.

    ``normalise`` maps a place's code or name to one name (the gazetteer by default).
    """
    if section is None:
        return []
    entries = section if isinstance(section, list) else [section]
    tables = []
    for n, entry in enumerate(entries, 1):
        where = f"{config_name}: metadata[{n}]" if len(entries) > 1 else f"{config_name}: metadata"
        if not isinstance(entry, dict):
            raise CorpusError(f"{where}: expected a mapping with 'table', 'columns' and a join")
        unknown = set(entry) - _KEYS
        if unknown:
            raise CorpusError(
                f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}",
                hint=f"allowed: {', '.join(sorted(_KEYS))}",
            )
        rel = entry.get("table")
        if not isinstance(rel, str) or not rel.strip():
            raise CorpusError(
                f"{where}.table: missing (the CSV or JSON file, relative to the corpus)"
            )
        path = root / rel
        if not path.is_file():
            raise CorpusError(f"{where}.table: {rel} not found in {root}")
        fmt = str(entry.get("format") or path.suffix.lstrip(".")).lower()
        rows = _read_rows(path, fmt, entry.get("delimiter"), where)
        header = set().union(*(r.keys() for r in rows)) if rows else set()
        columns_cfg = entry.get("columns")
        if not isinstance(columns_cfg, dict) or not columns_cfg:
            raise CorpusError(
                f"{where}.columns: map our fields to table columns",
                hint=f"fields: {', '.join(sorted(FIELDS))}",
            )
        columns: dict[str, list[str]] = {}
        for target, cols in columns_cfg.items():
            if target not in FIELDS and not str(target).startswith("extra."):
                raise CorpusError(
                    f"{where}.columns.{target}: unknown field",
                    hint=f"fields: {', '.join(sorted(FIELDS))}, extra.NAME",
                )
            columns[str(target)] = _as_columns(cols, where, str(target))
            for col in columns[str(target)]:
                if rows and col not in header:
                    raise CorpusError(
                        f"{where}.columns.{target}: no column {col!r} in {rel}",
                        hint=f"columns: {', '.join(sorted(header))}",
                    )
        path_column = entry.get("path_column") or ""
        join = entry.get("join") or {}
        files = entry.get("files")
        pattern = None
        if path_column:
            if rows and path_column not in header:
                raise CorpusError(f"{where}.path_column: no column {path_column!r} in {rel}")
        else:
            if not isinstance(files, str) or not isinstance(join, dict) or not join:
                raise CorpusError(
                    f"{where}: give 'path_column', or 'files' (a pattern) with 'join'",
                    hint="e.g. files: '{iso}_{session}_{year}.txt' and join: {iso: ISO Code}",
                )
            try:
                pattern = compile_pattern(files)
            except (ValueError, re.error) as exc:
                raise CorpusError(f"{where}.files: {exc}") from None
            for name, col in join.items():
                if name not in pattern.groupindex:
                    raise CorpusError(f"{where}.join.{name}: the files pattern has no {{{name}}}")
                if rows and col not in header:
                    raise CorpusError(f"{where}.join.{name}: no column {col!r} in {rel}")
        tables.append(
            MetaTable(
                relpath=PurePosixPath(rel).as_posix(),
                config=config_name,
                columns=columns,
                rows=rows,
                files=pattern,
                files_has_slash="/" in (files or ""),
                join={str(k): str(v) for k, v in join.items()},
                path_column=str(path_column),
                first_person=bool(entry.get("first_person", False)),
                root=str(root),
                files_glob=files or "",
                normalise=normalise,
            )
        )
    return tables
