"""kzsearch: full-text search for policy texts — who said what, when, on which topic.

The public API is flat::

    import searchlib
    searchlib.index_corpus("corpus", "index")
    with searchlib.open_index("index") as idx:
        results = idx.search("defamation decriminalisation", speaker="Ashikbayev")

Names are imported on first use, so ``import searchlib`` (and the CLI's
start-up) stays fast until a search actually needs Whoosh.
"""

from __future__ import annotations

import importlib
from typing import Any

from .dates import PartialDate, parse_date
from .document import Document, Passage, Problem
from .errors import (
    CorpusError,
    IndexLockedError,
    IndexNotFoundError,
    IndexProblem,
    InputError,
    QueryError,
    SchemaVersionError,
    SearchlibError,
)
from .results import FacetCount, Fragment, Hit, IndexStats, IndexSummary, SearchResults, SpeakerInfo

_LAZY = {
    "Index": "search",
    "open_index": "search",
    "index_corpus": "indexer",
    "index_documents": "indexer",
    "ensure_index": "store",
    "is_up_to_date": "store",
    "read_corpus": "corpus",
    "split_passages": "passages",
    "read_queries": "bulk",
    "evaluate": "evaluation",
    "EvalReport": "evaluation",
    "extract_file": "extract",
}

__all__ = [
    "CorpusError",
    "Document",
    "EvalReport",
    "FacetCount",
    "Fragment",
    "Hit",
    "Index",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexProblem",
    "IndexStats",
    "IndexSummary",
    "InputError",
    "PartialDate",
    "Passage",
    "Problem",
    "QueryError",
    "SchemaVersionError",
    "SearchResults",
    "SearchlibError",
    "SpeakerInfo",
    "ensure_index",
    "evaluate",
    "extract_file",
    "index_corpus",
    "index_documents",
    "is_up_to_date",
    "open_index",
    "parse_date",
    "read_corpus",
    "read_queries",
    "split_passages",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'searchlib' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
