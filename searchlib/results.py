"""Typed results: frozen dataclasses that hold plain values, never Whoosh objects.

Every class has ``to_dict()`` giving the documented JSON schema (docs/python-api.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Problem


@dataclass(frozen=True)
class Fragment:
    """A piece of a snippet: ``is_match`` marks words that matched the query, as written."""

    text: str
    is_match: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "match": self.is_match}


@dataclass(frozen=True)
class Hit:
    doc_id: str
    passage_id: str
    position: int
    title: str
    path: str
    text: str
    snippet: tuple[Fragment, ...]
    score: float
    date: str | None = None  # ISO, as precise as known: 2020, 2020-07, 2020-07-08
    speakers: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # topic ids
    topic_labels: tuple[str, ...] = ()  # their labels, for display
    countries: tuple[str, ...] = ()
    source: str = ""
    url: str = ""
    other_passages: int = 0  # with group_by_document: matching passages of this document not shown

    @property
    def snippet_text(self) -> str:
        return "".join(f.text for f in self.snippet)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "passage_id": self.passage_id,
            "position": self.position,
            "title": self.title,
            "path": self.path,
            "date": self.date,
            "speakers": list(self.speakers),
            "persons": list(self.persons),
            "topics": list(self.topics),
            "topic_labels": list(self.topic_labels),
            "countries": list(self.countries),
            "source": self.source,
            "url": self.url,
            "score": round(self.score, 4),
            "text": self.text,
            "snippet": [f.to_dict() for f in self.snippet],
            "other_passages": self.other_passages,
        }


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    label: str = ""  # display label where it differs from the value (topic ids)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "count": self.count}
        if self.label and self.label != self.value:
            data["label"] = self.label
        return data


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[Hit, ...]
    total: int  # matching passages (or documents, with group_by_document)
    page: int
    limit: int
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    elapsed_ms: float = 0.0
    suggestion: str | None = None  # "did you mean"
    grouped: bool = False
    alternative: SearchResults | None = None  # what the suggestion finds, when nothing matched

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit)) if self.limit else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "limit": self.limit,
            "grouped": self.grouped,
            "elapsed_ms": round(self.elapsed_ms, 2),
            "suggestion": self.suggestion,
            "alternative": self.alternative.to_dict() if self.alternative else None,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {name: [c.to_dict() for c in counts] for name, counts in self.facets.items()},
        }


@dataclass(frozen=True)
class IndexSummary:
    """What one indexing run did."""

    documents_added: int = 0
    documents_updated: int = 0
    documents_removed: int = 0
    documents_unchanged: int = 0
    passages_added: int = 0
    passages_removed: int = 0
    problems: tuple[Problem, ...] = ()
    elapsed_s: float = 0.0
    rebuilt: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.documents_added or self.documents_updated or self.documents_removed)

    @property
    def failed(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind == "failed")

    @property
    def skipped(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind == "skipped")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind == "warning")

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": {
                "added": self.documents_added,
                "updated": self.documents_updated,
                "removed": self.documents_removed,
                "unchanged": self.documents_unchanged,
            },
            "passages": {"added": self.passages_added, "removed": self.passages_removed},
            "failed": [p.to_dict() for p in self.failed],
            "skipped": [p.to_dict() for p in self.skipped],
            "warnings": [p.to_dict() for p in self.warnings],
            "elapsed_s": round(self.elapsed_s, 3),
            "rebuilt": self.rebuilt,
        }


@dataclass(frozen=True)
class IndexStats:
    documents: int
    passages: int
    facet_values: dict[str, int]
    size_bytes: int
    last_indexed: str | None
    corpus: str | None
    schema_version: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "passages": self.passages,
            "facet_values": dict(self.facet_values),
            "size_bytes": self.size_bytes,
            "last_indexed": self.last_indexed,
            "corpus": self.corpus,
            "schema_version": self.schema_version,
        }


@dataclass(frozen=True)
class SpeakerInfo:
    name: str
    passages: int
    variants: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    documents: int = 0  # documents naming them a speaker, with passages attributed or not
    first_year: int | None = None
    last_year: int | None = None
    countries: tuple[str, ...] = ()  # the countries they speak for, where metadata gives one
    # Other speakers whose names look like this one's, of the same country: one person the
    # rules kept apart (pin them in people.yaml), or namesakes.
    similar: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passages": self.passages,
            "documents": self.documents,
            "years": _span(self.first_year, self.last_year),
            "countries": list(self.countries),
            "variants": list(self.variants),
            "roles": list(self.roles),
            "similar": list(self.similar),
        }


def _span(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return ""
    return str(first) if first == last else f"{first}-{last}"


__all__ = [
    "Fragment",
    "Hit",
    "FacetCount",
    "SearchResults",
    "IndexSummary",
    "IndexStats",
    "SpeakerInfo",
]
