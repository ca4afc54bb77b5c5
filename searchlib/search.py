"""Searching an index: the ``Index`` object behind the Python API and the CLI.

One ``Index`` keeps one Whoosh searcher open, so repeated and bulk queries
reuse its caches. Totals and facet counts are exact over all matches
(computed on numpy doc sets), while only the page shown is scored, read
and highlighted.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from whoosh import query as wq

from . import docset, highlight, ranking, suggest, topk
from .errors import QueryError
from .facets import FacetCounter
from .query import Filters, Match, filter_query, parse_user_query, query_highlights
from .results import FacetCount, Hit, IndexStats, SearchResults, SpeakerInfo
from .schema import FACET_FIELDS, LIST_FACETS, SCHEMA_VERSION, join_values, split_values
from .store import PEOPLE_FILE, directory_size, open_whoosh, read_meta

if TYPE_CHECKING:
    from . import people

Sort = Literal["relevance", "date", "-date"]
SORTS = ("relevance", "date", "-date")
DEFAULT_FACETS = ("speaker", "topic", "year")


class Index:
    """An open index. Use as a context manager, or call ``close()``."""

    def __init__(self, path: Path | str = "index") -> None:
        self.path = Path(path)
        self._ix, self._meta = open_whoosh(self.path)
        self._searcher = self._ix.searcher(weighting=ranking.weighting())
        self._resolver: people.NameResolver | None = None
        self._known: dict[str, list[str]] = {}

    # -- lifecycle -------------------------------------------------------
    def close(self) -> None:
        self._searcher.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> None:
        """Pick up changes a concurrent ``kzsearch index`` committed."""
        self.close()
        self.__init__(self.path)  # type: ignore[misc]

    @property
    def corpus(self) -> str | None:
        return self._meta.corpus

    # -- searching -------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        speaker: str | Sequence[str] | None = None,
        topic: str | Sequence[str] | None = None,
        country: str | Sequence[str] | None = None,
        person: str | Sequence[str] | None = None,
        since: str | Any = None,
        until: str | Any = None,
        limit: int = 10,
        page: int = 1,
        sort: Sort = "relevance",
        facets: Iterable[str] = DEFAULT_FACETS,
        group_by_document: bool = False,
        match: Match = "all",
        syntax: bool = True,
        fuzzy: bool = False,
        snippet_chars: int | None = None,
        _retry: bool = False,
    ) -> SearchResults:
        """Search passages; see docs/python-api.md for every option."""
        started = time.perf_counter()
        facets = _check_options(limit, page, sort, facets, match)
        filters = Filters.make(
            speaker=speaker, topic=topic, country=country, person=person, since=since, until=until
        )
        schema = self._ix.schema
        user_query = parse_user_query(
            query, schema, match=match, syntax=syntax, fuzzy=fuzzy, resolve=self.resolve_value
        )
        flt = filter_query(filters, self.resolve_value)
        searcher = self._searcher
        matched = docset.matching_docnums(searcher, user_query, filter=flt)
        counter = FacetCounter(searcher)
        facet_counts = {
            name: tuple(self._facet_count(name, v, n) for v, n in counter.counts(matched, name))
            for name in facets
        }
        per_doc: dict[str, int] = {}
        if group_by_document:
            per_doc = dict(counter.counts(matched, "doc_id"))
        total = len(per_doc) if group_by_document else int(len(matched))

        hits: tuple[Hit, ...] = ()
        if total and (page - 1) * limit < total:
            hits = self._page(
                user_query,
                flt,
                matched,
                limit,
                page,
                sort,
                group_by_document,
                per_doc,
                snippet_chars,
            )
        suggestion = None
        alternative = None
        if total < limit and syntax:
            suggestion = suggest.suggest(searcher.reader(), query)
        if suggestion and total == 0 and not _retry:
            # Nothing matched as typed: show what the suggestion finds.
            alternative = self.search(
                suggestion,
                speaker=speaker,
                topic=topic,
                country=country,
                person=person,
                since=since,
                until=until,
                limit=limit,
                page=1,
                sort=sort,
                facets=facets,
                group_by_document=group_by_document,
                match=match,
                fuzzy=fuzzy,
                snippet_chars=snippet_chars,
                _retry=True,
            )
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            page=page,
            limit=limit,
            facets=facet_counts,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            suggestion=suggestion,
            alternative=alternative,
            grouped=group_by_document,
        )

    def _page(
        self,
        user_query: wq.Query,
        flt: wq.Query | None,
        matched: Any,
        limit: int,
        page: int,
        sort: Sort,
        grouped: bool,
        per_doc: dict[str, int],
        snippet_chars: int | None,
    ) -> tuple[Hit, ...]:
        options: dict[str, Any] = {"filter": flt, "terms": False}
        if sort != "relevance":
            options["sortedby"] = "date"
            options["reverse"] = sort == "-date"
        if grouped:
            options["collapse"] = "doc_id"
            options["collapse_limit"] = 1
        # Rank a pool larger than the page, then let the bonuses re-order it.
        pool = page * limit if sort != "relevance" else ranking.pool_size(user_query, page * limit)
        scored: list[tuple[float, int]] | None = None
        if sort == "relevance" and not grouped:
            # Exact numpy top-k over the match set; None for phrases and other
            # shapes it does not score exactly, which Whoosh's collector handles.
            scored = topk.top_k(self._searcher, user_query, pool, filter=flt, docnums=matched)
        if scored is None:
            results = self._searcher.search(user_query, limit=pool, **options)
            scored = [(hit.score or 0.0, hit.docnum) for hit in results]
        if sort == "relevance":
            scored = ranking.rerank(self._searcher, user_query, scored, filter=flt)
        window = scored[(page - 1) * limit : page * limit]
        terms, phrases = query_highlights(user_query)
        hits = []
        for score, docnum in window:
            stored = self._searcher.stored_fields(docnum)
            other = per_doc.get(stored["doc_id"], 1) - 1 if grouped else 0
            hits.append(self._hit(stored, score, terms, snippet_chars, other, phrases))
        return tuple(hits)

    def search_many(
        self,
        queries: Iterable[str | dict[str, Any]],
        *,
        jobs: int = 1,
        **options: Any,
    ) -> Iterator[SearchResults | QueryError]:
        """Run many queries, yielding results (or the query's error) in input order.

        Each query is a string or a dict of ``search()`` arguments with a
        ``query`` key; ``options`` apply to all. With ``jobs > 1`` the queries
        run in that many processes over the same index.
        """
        from . import bulk

        yield from bulk.run_queries(self, queries, jobs=jobs, **options)

    def similar(self, passage_id: str, *, limit: int = 10) -> SearchResults:
        """Passages on the same subject as ``passage_id`` (never the passage itself)."""
        started = time.perf_counter()
        docnum = self._docnum(passage_id)
        stored = self._searcher.stored_fields(docnum)
        # The passage's most distinctive words, weighted, as one OR query.
        key_terms = self._searcher.key_terms_from_text("text", stored.get("text", ""), numterms=25)
        like = wq.Or([wq.Term("text", term, boost=weight) for term, weight in key_terms])
        best = topk.top_k(self._searcher, like, limit + 1)
        if best is None:  # not a shape top_k scores: Whoosh's collector
            best = [
                (h.score or 0.0, h.docnum) for h in self._searcher.search(like, limit=limit + 1)
            ]
        terms = {term for term, _ in key_terms}
        hits = [
            self._hit(self._searcher.stored_fields(d), score, terms)
            for score, d in best
            if d != docnum
        ][:limit]
        return SearchResults(
            query=f"similar:{passage_id}",
            hits=tuple(hits),
            total=len(hits),
            page=1,
            limit=limit,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    # -- looking things up ----------------------------------------------
    def get(self, item_id: str) -> tuple[Hit, ...]:
        """A passage (``doc#3``) or all passages of a document, in order."""
        if "#" in item_id:
            return (self._hit(self._searcher.stored_fields(self._docnum(item_id))),)
        docnums = list(self._searcher.document_numbers(doc_id=item_id))
        if not docnums:
            raise QueryError(
                f"no document with id {item_id!r} in {self.path}",
                hint="ids are shown with each hit; passages look like path.txt#3",
            )
        hits = [self._hit(self._searcher.stored_fields(n)) for n in docnums]
        return tuple(sorted(hits, key=lambda h: h.position))

    def _docnum(self, passage_id: str) -> int:
        docnum = self._searcher.document_number(pid=passage_id)
        if docnum is None:
            raise QueryError(
                f"no passage with id {passage_id!r} in {self.path}",
                hint="ids are shown with each hit, like path.txt#3",
            )
        return int(docnum)

    def facet_values(self, field: str, *, limit: int | None = None) -> tuple[FacetCount, ...]:
        """Every value of a facet field with its passage count over the whole index."""
        _check_facets([field])
        everything = docset.matching_docnums(self._searcher, wq.Every())
        counts = FacetCounter(self._searcher).counts(everything, field, limit=limit)
        return tuple(self._facet_count(field, v, n) for v, n in counts)

    def stats(self) -> IndexStats:
        reader = self._searcher.reader()
        meta = read_meta(self.path, manifest=False) or self._meta
        return IndexStats(
            documents=sum(1 for _ in reader.lexicon("doc_id")),
            passages=reader.doc_count(),
            facet_values={f: len(self._known_values(f)) for f in FACET_FIELDS},
            size_bytes=directory_size(self.path),
            last_indexed=meta.last_indexed,
            corpus=meta.corpus,
            schema_version=SCHEMA_VERSION,
        )

    def speakers(self, similar_only: bool = False) -> tuple[SpeakerInfo, ...]:
        """Canonical speakers with their spelling variants, roles, years, countries and
        passage and document counts; speakers a text lists but gives no passage to come
        last, with 0 passages. ``similar_only`` keeps those whose name looks like another
        speaker's of the same country: where to look for one person the rules kept apart."""
        from . import people  # only here and when resolving names: it is slow to import

        # The facet writes a name without commas ("Teodoro L. Locsin Jr"): look it up so.
        variants = {join_values([k]): v for k, v in self._people().variants().items()}
        roles = self._meta.speaker_roles
        documents = self._meta.document_speakers
        years = self._meta.speaker_years
        passages = {fc.value: fc.count for fc in self.facet_values("speaker")}
        names = [*passages, *(name for name in documents if name not in passages)]
        countries = {name: [g for g in years.get(name, {}) if g] for name in names}
        similar = people.similar_names(countries)
        infos = []
        for name in names:
            spoken = [y for ys in years.get(name, {}).values() for y in ys]
            infos.append(
                SpeakerInfo(
                    name=name,
                    passages=passages.get(name, 0),
                    variants=tuple(v for v in variants.get(name, ()) if v != name),
                    roles=tuple(sorted(roles.get(name, ()))),
                    documents=documents.get(name, 0),
                    first_year=min(spoken, default=None),
                    last_year=max(spoken, default=None),
                    countries=tuple(countries[name]),
                    similar=similar.get(name, ()),
                )
            )
        return tuple(s for s in infos if s.similar or not similar_only)

    # -- facet values ----------------------------------------------------
    def _known_values(self, field: str) -> list[str]:
        if field not in self._known:
            reader = self._searcher.reader()
            self._known[field] = (
                [str(v) for v in reader.field_terms(field)] if field in self._ix.schema else []
            )
        return self._known[field]

    def _people(self) -> people.NameResolver:
        """The corpus-wide name resolver, loaded when a name must be resolved."""
        if self._resolver is None:
            self._resolver = _load_people(self.path)
        return self._resolver

    def resolve_value(self, field: str, value: str) -> list[str]:
        """The stored values of ``field`` that a user's ``value`` means."""
        known = self._known_values(field)
        is_name = field in ("speaker", "person")
        # A bare surname may also name fuller values (Kessler, and Anna Kessler): resolve it.
        bare = is_name and len(value.split()) == 1
        if value in known and not bare:
            return [value]
        folded = _fold(value)
        same = [k for k in known if _fold(k) == folded]
        if same and not bare:
            return same
        if is_name:
            found = [k for k in self._people().resolve_query(value, known) if k in known]
            return sorted({*same, *found})
        if field == "topic":  # a label, or part of one, names its topic
            by_label = [k for k in known if folded in _fold(self.topic_label(k))]
            if by_label:
                return by_label
        if field == "country":
            from .places import normalise_country

            name = normalise_country(value)
            if name and name in known:
                return [name]
        if field in LIST_FACETS:  # a whole word of a value: "Bush" -> every "... Bush"
            words = folded.split()
            return [k for k in known if _contains_words(_fold(k).split(), words)]
        return []

    def _hit(
        self,
        stored: dict[str, Any],
        score: float = 0.0,
        terms: set[str] | None = None,
        snippet_chars: int | None = None,
        other: int = 0,
        phrases: tuple[tuple[str, ...], ...] = (),
    ) -> Hit:
        text = stored.get("text", "")
        topics = split_values(stored.get("topic"))
        return Hit(
            doc_id=stored["doc_id"],
            passage_id=stored["pid"],
            position=int(stored.get("position", 0)),
            title=stored.get("title", ""),
            path=stored.get("file", ""),
            text=text,
            snippet=highlight.fragments(
                text, terms or set(), phrases=phrases, max_chars=snippet_chars
            ),
            score=float(score),
            date=stored.get("date_text"),
            speakers=split_values(stored.get("speaker")),
            persons=split_values(stored.get("person")),
            topics=topics,
            topic_labels=tuple(self.topic_label(t) for t in topics),
            countries=split_values(stored.get("country")),
            source=stored.get("source", ""),
            url=stored.get("url", ""),
            other_passages=other,
        )

    def topic_label(self, topic_id: str) -> str:
        """The corpus taxonomy's label for a topic id (the id itself when unknown)."""
        label = self._meta.topic_labels.get(topic_id)
        if label is None:  # an index written before labels were recorded
            from .topics import label as default_label

            label = default_label(topic_id)
        return label

    def _facet_count(self, field: str, value: str, count: int) -> FacetCount:
        label = self.topic_label(value) if field == "topic" else ""
        return FacetCount(value=value, count=count, label=label)


def _contains_words(haystack: list[str], words: list[str]) -> bool:
    n = len(words)
    return any(haystack[i : i + n] == words for i in range(len(haystack) - n + 1))


def _fold(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


def _load_people(index_dir: Path) -> people.NameResolver:
    import json

    from . import people

    try:
        data = json.loads((index_dir / PEOPLE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return people.NameResolver.build({})
    return people.NameResolver.from_json(data)


def _check_facets(facets: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip() for f in facets if f and f.strip()))
    unknown = [f for f in chosen if f not in FACET_FIELDS]
    if unknown:
        raise QueryError(
            f"unknown facet field {unknown[0]!r}",
            hint=f"facet fields are: {', '.join(FACET_FIELDS)}",
        )
    return chosen


def _check_options(
    limit: int, page: int, sort: str, facets: Iterable[str], match: str
) -> tuple[str, ...]:
    if not isinstance(limit, int) or limit < 1:
        raise QueryError(f"limit must be a whole number of at least 1, not {limit!r}")
    if not isinstance(page, int) or page < 1:
        raise QueryError(f"page must be a whole number of at least 1, not {page!r}")
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if match not in ("all", "any"):
        raise QueryError(f"match must be 'all' or 'any', not {match!r}")
    if isinstance(facets, str):
        facets = facets.split(",")
    return _check_facets(facets)


def open_index(path: Path | str = "index") -> Index:
    """Open an index directory for searching."""
    return Index(path)


__all__ = ["Index", "open_index", "Sort", "DEFAULT_FACETS"]
