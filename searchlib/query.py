"""Building Whoosh queries from what users type: the query language and the filters.

The query language is Whoosh's (AND by default, OR, NOT, "phrases",
``field:value``, wildcards, ranges). Facet values in filters and in
``speaker:``-style terms are resolved against the values actually in the
index, so ``--speaker Tokaev`` finds "Kassym-Jomart Tokayev".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

from whoosh import qparser, query
from whoosh.fields import Schema

from .dates import PartialDate, parse_date
from .errors import QueryError
from .schema import LIST_FACETS, SINGLE_FACETS

Match = Literal["all", "any"]
SEARCH_FIELDS = ("title", "text")
# Resolves a user's value for a facet field to the values stored in the index.
Resolver = Callable[[str, str], list[str]]


@dataclass(frozen=True)
class Filters:
    """Facet and date restrictions; several values for one field mean any of them."""

    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    since: PartialDate | None = None
    until: PartialDate | None = None

    @classmethod
    def make(
        cls,
        *,
        speaker: str | Sequence[str] | None = None,
        topic: str | Sequence[str] | None = None,
        country: str | Sequence[str] | None = None,
        person: str | Sequence[str] | None = None,
        since: str | PartialDate | None = None,
        until: str | PartialDate | None = None,
    ) -> Filters:
        filters = cls(
            speakers=_as_tuple(speaker),
            topics=_as_tuple(topic),
            countries=_as_tuple(country),
            persons=_as_tuple(person),
            since=parse_date(since, what="since") if since not in (None, "") else None,
            until=parse_date(until, what="until") if until not in (None, "") else None,
        )
        if filters.since and filters.until and filters.since.start > filters.until.end:
            raise QueryError(f"since {filters.since} is after until {filters.until}")
        return filters

    def by_field(self) -> dict[str, tuple[str, ...]]:
        return {
            "speaker": self.speakers,
            "topic": self.topics,
            "country": self.countries,
            "person": self.persons,
        }


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    return tuple(v.strip() for v in value if v and v.strip())


def make_parser(schema: Schema, *, match: Match = "all") -> qparser.QueryParser:
    group = qparser.AndGroup if match == "all" else qparser.OrGroup
    parser = qparser.MultifieldParser(list(SEARCH_FIELDS), schema, group=group)
    parser.add_plugin(qparser.FuzzyTermPlugin())  # term~ and term~2
    return parser


def _make_fuzzy(q: query.Query) -> query.Query:
    """``--fuzzy``: every word of four letters or more tolerates one typo."""
    if isinstance(q, query.Term) and q.fieldname in SEARCH_FIELDS and len(q.text) > 3:
        return query.FuzzyTerm(q.fieldname, q.text, boost=q.boost, maxdist=1, prefixlength=1)
    if q.is_leaf():
        return q
    return q.apply(_make_fuzzy)


def parse_user_query(
    text: str,
    schema: Schema,
    *,
    match: Match = "all",
    syntax: bool = True,
    fuzzy: bool = False,
    resolve: Resolver | None = None,
) -> query.Query:
    """The user's query as a Whoosh query; a malformed query raises ``QueryError``."""
    text = (text or "").strip()
    if not text:
        raise QueryError(
            "empty query", hint="give some words to search for, e.g. kzsearch sanctions"
        )
    if not syntax:
        text = _plain_words(text)
        if not text:
            raise QueryError(f"query {text!r} has no words to search for")
    parser = make_parser(schema, match=match)
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # Whoosh raises bare Exceptions for bad ranges and dates
        raise QueryError(f"query {text!r}: {exc}") from None
    error = _first_error(parsed)
    if error:
        raise QueryError(f"query {text!r}: {error}")
    if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
        raise QueryError(
            f"query {text!r} has no searchable words (only stop words or operators?)",
            hint="add a content word, or quote a phrase",
        )
    if fuzzy:
        parsed = _make_fuzzy(parsed)
    if resolve is not None:
        parsed = _resolve_facet_terms(parsed, resolve)
    return parsed


def _plain_words(text: str) -> str:
    """Bag of words: everything that is not a letter or digit becomes a space."""
    cleaned = "".join(ch if ch.isalnum() or ch in "'’" else " " for ch in text)
    words = [w for w in cleaned.split() if w.upper() not in ("AND", "OR", "NOT", "ANDNOT", "TO")]
    return " ".join(words)


def _first_error(q: query.Query) -> str | None:
    if getattr(q, "error", None):
        return str(q.error)
    for child in q.children():
        found = _first_error(child)
        if found:
            return found
    return None


def _resolve_facet_terms(q: query.Query, resolve: Resolver) -> query.Query:
    """``speaker:Tokaev`` means every stored speaker value that name resolves to."""
    if isinstance(q, query.Term) and q.fieldname in (*LIST_FACETS, *SINGLE_FACETS):
        text = q.text.decode("utf-8") if isinstance(q.text, bytes) else q.text
        values = resolve(q.fieldname, text)
        if not values:
            return query.NullQuery
        return _any_of(q.fieldname, values)
    if q.is_leaf():
        return q
    return q.apply(lambda child: _resolve_facet_terms(child, resolve))


def _any_of(fieldname: str, values: Iterable[str]) -> query.Query:
    terms = [query.Term(fieldname, v) for v in values]
    return terms[0] if len(terms) == 1 else query.Or(terms)


def filter_query(filters: Filters, resolve: Resolver) -> query.Query | None:
    """The filters as one constant-score query, or None when there are none.

    Dates keep their precision: a document dated only "2020" overlaps
    ``since=2020-07`` and is kept; one dated 2019 is not.
    """
    parts: list[query.Query] = []
    for fieldname, wanted in filters.by_field().items():
        if not wanted:
            continue
        values = [v for w in wanted for v in resolve(fieldname, w)]
        parts.append(_any_of(fieldname, dict.fromkeys(values)) if values else query.NullQuery)
    if filters.since:
        start = datetime.combine(filters.since.start, time.min)
        parts.append(query.DateRange("date_end", start, None))
    if filters.until:
        end = datetime.combine(filters.until.end, time.max)
        parts.append(query.DateRange("date", None, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else query.And(parts)


def query_terms(q: query.Query, fieldnames: Iterable[str] = SEARCH_FIELDS) -> set[str]:
    """The analysed terms a query looks for in the text fields, phrase words included."""
    terms, phrases = query_highlights(q, fieldnames)
    return terms.union(*phrases)


def query_highlights(
    q: query.Query, fieldnames: Iterable[str] = SEARCH_FIELDS
) -> tuple[set[str], tuple[tuple[str, ...], ...]]:
    """What to mark in a hit: single terms anywhere, and exact phrases only where they occur.

    Words of a sloppy (or one-word) phrase count as single terms.
    """
    wanted = set(fieldnames)
    terms: set[str] = set()
    phrases: dict[tuple[str, ...], None] = {}
    for leaf in q.leaves():
        if isinstance(leaf, query.Phrase):
            if leaf.fieldname not in wanted:
                continue
            if leaf.slop == 1 and len(leaf.words) > 1:
                phrases[tuple(leaf.words)] = None
            else:
                terms.update(leaf.words)
        elif leaf.has_terms():
            for fieldname, text in leaf.terms(phrases=False):
                if fieldname in wanted:
                    terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return terms, tuple(phrases)


__all__ = [
    "Filters",
    "Match",
    "parse_user_query",
    "filter_query",
    "query_highlights",
    "query_terms",
    "SEARCH_FIELDS",
]
