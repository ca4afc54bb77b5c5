"""The index schema: one Whoosh document per passage, with faceted metadata fields.

``SCHEMA_VERSION`` is recorded with every index; bump it (or the analysis
chain's version) whenever fields or analysis change, so an old index is
reported instead of silently misread.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import fields, formats

from . import analysis

SCHEMA_LAYOUT = 4
SCHEMA_VERSION = SCHEMA_LAYOUT * 1000 + analysis.ANALYSIS_VERSION

# Multi-valued facet fields: values are joined with commas in one KEYWORD field.
LIST_FACETS = ("speaker", "person", "topic", "country")
SINGLE_FACETS = ("source", "filetype")
FACET_FIELDS = (*LIST_FACETS, *SINGLE_FACETS, "year")
SEPARATOR = ","


def _keyword() -> fields.KEYWORD:
    return fields.KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)


class _Date(fields.DATETIME):
    """One index term per day, not Whoosh's eight tiers per value.

    Tiers speed up ranges over millions of distinct values; a corpus has a few
    thousand distinct dates, and the tiers cost a fifth of all postings.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.shift_step = 0


class _Positions(formats.Positions):
    """Whoosh's positions format, fed by the analyzer's token-free path when it has one.

    Same postings and bytes as ``formats.Positions``; it skips building a
    ``Token`` per word, a good part of indexing time.
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        fast = getattr(analyzer, "indexed_positions", None)
        if fast is None or not isinstance(value, str) or kwargs != {"mode": "index"}:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        terms, poses = fast(value)
        by_term: dict[str, list[int]] = {}
        for term, pos in zip(terms, poses, strict=True):
            found = by_term.get(term)
            if found is None:
                by_term[term] = [pos]
            else:
                found.append(pos)
        boost = self.field_boost
        encode = self.encode
        for term, poslist in by_term.items():
            yield term, len(poslist), float(len(poslist)) * boost, encode(poslist)


def _text(analyzer: Any) -> fields.TEXT:
    # Hyphenated words typed in a query ("COVID-19") become phrases, not ORs.
    field = fields.TEXT(analyzer=analyzer, stored=True, multitoken_query="phrase")
    field.format = _Positions(field_boost=field.format.field_boost)
    return field


def build_schema() -> fields.Schema:
    text_analyzer = analysis.text_analyzer()
    return fields.Schema(
        pid=fields.ID(stored=True, unique=True),
        doc_id=fields.ID(stored=True),
        file=fields.ID(stored=True),  # relpath of the source file: one file may hold many docs
        position=fields.STORED(),
        title=_text(text_analyzer),
        # No spelling field: it doubled indexing time; "did you mean" checks
        # candidate spellings against the stems instead (suggest.py).
        text=_text(text_analyzer),
        speaker=_keyword(),
        person=_keyword(),
        topic=_keyword(),
        country=_keyword(),
        source=_keyword(),
        filetype=_keyword(),
        date=_Date(sortable=True),  # first day the document's date can be
        date_end=_Date(),  # last day it can be (dates keep their precision)
        date_text=fields.STORED(),  # ISO at the source's precision: 2020, 2020-07, 2020-07-08
        year=fields.NUMERIC(int, stored=True, sortable=True, shift_step=0),
        roles=fields.STORED(),  # {speaker: role}
        url=fields.STORED(),
        extra=fields.STORED(),
    )


def join_values(values: list[str] | tuple[str, ...]) -> str:
    """Facet values must not contain the separator: a comma inside a name becomes a space."""
    cleaned = (" ".join(v.replace(SEPARATOR, " ").split()) for v in values)
    return SEPARATOR.join(dict.fromkeys(v for v in cleaned if v))


def split_values(stored: str | None) -> tuple[str, ...]:
    return tuple(v for v in (stored or "").split(SEPARATOR) if v)


__all__ = [
    "SCHEMA_VERSION",
    "FACET_FIELDS",
    "LIST_FACETS",
    "SINGLE_FACETS",
    "build_schema",
    "join_values",
    "split_values",
]
