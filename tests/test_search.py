from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from searchlib.errors import IndexNotFoundError, QueryError
from searchlib.search import Index, open_index

WIDE = "Kazakhstan water sanctions reform nuclear energy trade"


@pytest.fixture(scope="module")
def idx(built_index: tuple[Path, Path]) -> Index:
    with open_index(built_index[1]) as index:
        yield index


def test_hits_are_typed_and_highlighted(idx: Index) -> None:
    results = idx.search("water consortium")
    assert results.total == 1
    hit = results.hits[0]
    assert hit.doc_id == "speeches/water.md"
    assert hit.passage_id.startswith("speeches/water.md#")
    assert hit.date == "2019-09-24"
    assert hit.speakers == ("Kassym-Jomart Tokayev",)
    assert {f.text.lower() for f in hit.snippet if f.is_match} == {"water", "consortium"}
    assert hit.snippet_text == hit.text
    json.dumps(results.to_dict())  # JSON-able


def test_and_by_default_or_on_request(idx: Index) -> None:
    assert idx.search("Aral falconry").total == 0
    assert idx.search("Aral OR Semipalatinsk").total == 2
    assert idx.search("Aral falconry", match="any").total == 1


def test_phrase_and_not(idx: Index) -> None:
    assert idx.search('"Middle Corridor"').total == 1
    assert idx.search('"Corridor Middle"').total == 0
    assert idx.search("sanctions NOT Aral").total == 1
    assert idx.search("sanctions NOT circumvent").total == 0


def test_facet_counts_cover_all_matches_not_just_the_page(idx: Index) -> None:
    everything = idx.search(WIDE, match="any", limit=1, facets=("year", "filetype"))
    assert everything.total >= 4
    counted = sum(c.count for c in everything.facets["filetype"])
    assert counted == everything.total
    assert len(everything.hits) == 1


def test_speaker_filter_accepts_variants(idx: Index) -> None:
    assert idx.search("water", speaker="Kassym-Jomart Tokayev").total == 1
    assert idx.search("water", speaker="kassym-jomart tokayev").total == 1
    assert idx.search("water", speaker="Nobody Atall").total == 0


def test_date_filters_keep_precision(idx: Index) -> None:
    # The briefing is dated "July 2021" (month precision), the record r2 only "2018".
    assert idx.search("sanctions", since="2021-07-15").total >= 1
    assert idx.search("sanctions", until="2021-06-30").total == 0
    assert idx.search("Semipalatinsk", since="2018-06").total == 1
    assert idx.search("Semipalatinsk", since="2019").total == 0
    assert idx.search("Semipalatinsk", until="8 July 2018").total == 1


def test_bad_dates_and_options_raise_query_error(idx: Index) -> None:
    with pytest.raises(QueryError, match="since"):
        idx.search("water", since="next tuesday")
    with pytest.raises(QueryError, match="facet"):
        idx.search("water", facets=("colour",))
    with pytest.raises(QueryError, match="sort"):
        idx.search("water", sort="size")  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="empty"):
        idx.search("   ")
    with pytest.raises(QueryError):
        idx.search("year:abc")


def test_sort_by_date(idx: Index) -> None:
    dates = [h.date for h in idx.search(WIDE, match="any", sort="date", limit=50).hits]
    known = [d for d in dates if d]
    assert known == sorted(known)
    newest = [h.date for h in idx.search(WIDE, match="any", sort="-date", limit=50).hits if h.date]
    assert newest == sorted(newest, reverse=True)


def test_paging_is_consistent(idx: Index) -> None:
    full = idx.search("the OR water OR trade OR reform", limit=50)
    pages = [
        h.passage_id
        for p in (1, 2, 3)
        for h in idx.search("the OR water OR trade OR reform", limit=2, page=p).hits
    ]
    assert pages == [h.passage_id for h in full.hits][: len(pages)]
    assert idx.search("water", page=99).hits == ()


def test_group_by_document(idx: Index) -> None:
    flat = idx.search("water OR Kazakhstan OR region", limit=50)
    grouped = idx.search("water OR Kazakhstan OR region", limit=50, group_by_document=True)
    assert grouped.total == len({h.doc_id for h in flat.hits})
    assert len({h.doc_id for h in grouped.hits}) == len(grouped.hits)
    assert sum(h.other_passages + 1 for h in grouped.hits) == flat.total


def test_get_passage_and_document(idx: Index) -> None:
    passage = idx.get("speeches/water.md#1")
    assert len(passage) == 1 and passage[0].position == 1
    document = idx.get("speeches/water.md")
    assert [h.position for h in document] == sorted(h.position for h in document)
    with pytest.raises(QueryError):
        idx.get("nope.txt#4")


def test_similar_excludes_the_passage_itself(idx: Index) -> None:
    pid = idx.search("Aral").hits[0].passage_id
    results = idx.similar(pid)
    assert pid not in [h.passage_id for h in results.hits]


def test_stats_and_facet_values(idx: Index) -> None:
    stats = idx.stats()
    assert stats.documents == 5
    assert stats.passages >= 5
    years = {c.value: c.count for c in idx.facet_values("year")}
    assert "2019" in years and "2018" in years


def test_facet_counts_match_brute_force(idx: Index) -> None:
    results = idx.search(WIDE, match="any", limit=1000, facets=("year", "speaker"))
    brute: dict[str, int] = {}
    for hit in results.hits:
        for name in hit.speakers:
            brute[name] = brute.get(name, 0) + 1
    assert {c.value: c.count for c in results.facets["speaker"]} == brute
    assert np.sum([c.count for c in results.facets["year"]]) <= results.total


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError):
        Index(tmp_path / "nothing")


def test_topic_filter_by_id_or_label(idx: Index) -> None:
    by_id = idx.search("water", topic="environment-water").total
    assert by_id >= 1
    label = idx.topic_label("environment-water")
    assert label != "environment-water"
    assert idx.search("water", topic=label.upper()).total == by_id
    results = idx.search("water")
    assert results.hits[0].topic_labels[results.hits[0].topics.index("environment-water")] == label


def test_country_filter_accepts_variants(idx: Index) -> None:
    name = idx.search("Aral", facets=("country",)).facets["country"][0].value
    assert idx.search("Aral", country=name.upper()).total == 1
    assert idx.search("Aral", country="Atlantis").total == 0


def test_speakers_include_a_panel_speaker_no_passage_is_attributed_to(sample_index: Path) -> None:
    with Index(sample_index) as idx:
        speakers = {s.name: s for s in idx.speakers()}
    assert list(speakers)[-1] == "Bolat Nurgaliyev"  # listed ones come after those who speak
    ashikbayev, nurgaliyev = speakers["Yerzhan Ashikbayev"], speakers["Bolat Nurgaliyev"]
    assert (ashikbayev.passages, ashikbayev.documents) == (10, 1)
    assert (nurgaliyev.passages, nurgaliyev.documents) == (0, 1)
    assert nurgaliyev.roles == ("Deputy Chairman of Foreign Policy Research Institute",)
    assert "Kassym-Jomart Tokayev" not in speakers  # mentioned, never a speaker
