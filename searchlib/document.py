"""The document model shared by reading, extraction and indexing.

A ``Document`` is one text as read from the corpus, with whatever metadata
was given explicitly; extraction fills the gaps; the indexer writes one
index entry per ``Passage``. Nothing here touches Whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .dates import PartialDate


@dataclass
class Passage:
    """A citable piece of a document: a paragraph, or part of a long one."""

    position: int  # 1-based, stable while the document text is unchanged
    text: str
    speakers: list[str] = field(default_factory=list)  # who speaks in this passage
    persons: list[str] = field(default_factory=list)  # people only mentioned
    topics: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    cue: str = ""  # why the speaker was attributed (for `kzsearch extract`)

    def passage_id(self, doc_id: str) -> str:
        return f"{doc_id}#{self.position}"


@dataclass
class Document:
    """One text from the corpus.

    ``doc_id`` derives from its path, so citations survive re-indexing.
    """

    doc_id: str
    path: str  # relative to the corpus root, POSIX separators
    title: str
    text: str
    filetype: str  # txt, md, html, json, jsonl
    date: PartialDate | None = None
    speakers: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # speaker name -> role
    persons: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    source: str = ""
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    passages: list[Passage] = field(default_factory=list)
    # Which fields were given explicitly (front matter, JSON keys, metadata table):
    # extraction never overrides them.
    explicit: set[str] = field(default_factory=set)

    def with_changes(self, **changes: Any) -> Document:
        return replace(self, **changes)


@dataclass(frozen=True)
class Problem:
    """A file that was skipped or failed, with the reason, for the index summary."""

    path: str
    reason: str
    # "failed": bad content, not indexed; "skipped": not a text we read;
    # "warning": indexed, but something is missing (e.g. no metadata-table row)
    kind: str = "failed"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "kind": self.kind, "reason": self.reason}


__all__ = ["Document", "Passage", "Problem"]
