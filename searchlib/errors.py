"""One exception tree, so callers can catch everything with ``SearchlibError``.

::

    SearchlibError
    ├── CorpusError          the corpus folder is missing or unreadable
    ├── IndexProblem         base for index trouble
    │   ├── IndexNotFoundError
    │   ├── SchemaVersionError
    │   └── IndexLockedError
    ├── QueryError           a malformed query, filter or date
    └── InputError           a bad bulk/eval input file or option value

Each error carries a ``hint``: one line telling the user what to do next.
"""

from __future__ import annotations


class SearchlibError(Exception):
    """Root of every error the library raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class CorpusError(SearchlibError):
    """The corpus folder cannot be read at all (single bad files are reported, not raised)."""

    hint = "check the corpus path (--corpus)"


class IndexProblem(SearchlibError):
    """Base class for problems with the index directory."""


class IndexNotFoundError(IndexProblem):
    """No usable index at the path (never built, or its files are gone)."""

    hint = "build it with `kzsearch index CORPUS --index DIR`"


class SchemaVersionError(IndexProblem):
    """The index was built by an incompatible version of kzsearch."""

    hint = "rebuild it with `kzsearch index --rebuild`"


class IndexLockedError(IndexProblem):
    """Another writer held the index longer than the lock timeout."""

    hint = "another `kzsearch index` is writing; wait for it to finish and try again"


class QueryError(SearchlibError):
    """A malformed query, date, filter or option, or an id that is not in the index."""

    hint = "see docs/query-syntax.md for the query language"


class InputError(SearchlibError):
    """A bad input file or option value (bulk query files, eval files, options)."""

    hint = "check the file or option named in the message"


__all__ = [
    "SearchlibError",
    "CorpusError",
    "IndexProblem",
    "IndexNotFoundError",
    "SchemaVersionError",
    "IndexLockedError",
    "QueryError",
    "InputError",
]
