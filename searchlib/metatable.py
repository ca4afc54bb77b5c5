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
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .dates import PartialDate, parse_date
from .errors import CorpusError, QueryError
from .places import normalise_country

__all__ = ["FIELDS", "MetaTable", "TableMatch", "compile_pattern", "load_tables"]

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


@dataclass
class MetaTable:
    """One loaded table and how to join and map it."""

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
    _index: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        keys = [self.path_column] if self.path_column else list(self.join.values())
        for row in self.rows:
            if self.path_column:
                key: tuple[str, ...] = (_norm(PurePosixPath(row.get(self.path_column, ""))),)
            else:
                key = tuple(_norm(row.get(col, "")) for col in keys)
            if key in self._index:
                self.duplicates += 1
            else:
                self._index[key] = row

    def row_for(self, relpath: str) -> dict[str, str] | None:
        if self.path_column:
            return self._index.get((_norm(relpath),))
        if self.files is None:
            return None
        target = relpath if self.files_has_slash else relpath.rsplit("/", 1)[-1]
        match = self.files.match(target)
        if not match:
            return None
        key = tuple(_norm(match.group(name)) for name in self.join)
        return self._index.get(key)

    def lookup(self, relpath: str) -> TableMatch | None:
        row = self.row_for(relpath)
        if row is None:
            return None
        values: dict[str, Any] = {}
        for target, cols in self.columns.items():
            value = self._value(target, [row.get(c, "") for c in cols])
            if value not in (None, "", []):
                values[target] = value
        return TableMatch(self.relpath, values, self.first_person)

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


def load_tables(root: Path, section: Any, config_name: str) -> list[MetaTable]:
    """Load the ``metadata`` section of ``kzsearch.yaml``; every mistake names file and field."""
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
            )
        )
    return tables
