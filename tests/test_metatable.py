from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib.dates import PartialDate
from searchlib.errors import CorpusError
from searchlib.metatable import compile_pattern, load_tables
from searchlib.places import Gazetteer

CSV = (
    "Year,Session,ISO Code,Country,Name of Person Speaking,Post\n"
    "2020,75,KAZ,Kazakhstan ,Mr. Kassym-Jomart TOKAYEV ,President \n"
    "2019,74,USA,United States of America,Donald Trump,President\n"
)


def _section(**overrides):
    section = {
        "table": "speakers.csv",
        "files": "TXT/*/{iso}_{session}_{year}.txt",
        "join": {"iso": "ISO Code", "session": "Session", "year": "Year"},
        "columns": {
            "speaker": "Name of Person Speaking",
            "role": "Post",
            "year": "Year",
            "country": ["ISO Code", "Country"],
        },
        "first_person": True,
    }
    section.update(overrides)
    return section


def test_pattern_join(tmp_path):
    (tmp_path / "speakers.csv").write_text(CSV, encoding="utf-8")
    [table] = load_tables(tmp_path, _section(), "kzsearch.yaml")
    match = table.lookup("TXT/Session 75 - 2020/KAZ_75_2020.txt")
    assert match is not None and match.first_person
    assert match.fields["speaker"] == "Mr. Kassym-Jomart TOKAYEV"
    assert match.fields["role"] == "President"
    assert match.fields["year"] == PartialDate(2020)
    assert match.fields["country"] == ["Kazakhstan"]
    assert table.lookup("TXT/Session 75 - 2020/KAZ_76_2020.txt") is None
    assert table.lookup("other/KAZ_75_2020.md") is None


def test_path_join_json(tmp_path):
    rows = [
        {"file": "a/b.txt", "who": "Ms. Jane Doe", "when": "2021-03-04", "tags": "energy; health"}
    ]
    (tmp_path / "meta.json").write_text(json.dumps(rows), encoding="utf-8")
    section = {
        "table": "meta.json",
        "path_column": "file",
        "columns": {"speaker": "who", "date": "when", "topics": "tags"},
    }
    [table] = load_tables(tmp_path, section, "kzsearch.yaml")
    match = table.lookup("a/b.txt")
    assert match is not None
    assert match.fields["date"] == PartialDate(2021, 3, 4)
    assert match.fields["topics"] == ["energy", "health"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"columns": {"speeker": "Post"}}, "columns.speeker: unknown field"),
        ({"columns": {"speaker": "Nope"}}, "no column 'Nope'"),
        ({"join": {"iso": "ISO Code", "x": "Year"}}, "join.x"),
        ({"table": "missing.csv"}, "missing.csv not found"),
        ({"files": None}, "path_column"),
        ({"colour": 1}, "unknown key"),
    ],
)
def test_bad_config_names_file_and_field(tmp_path, change, message):
    (tmp_path / "speakers.csv").write_text(CSV, encoding="utf-8")
    with pytest.raises(CorpusError, match="kzsearch.yaml") as err:
        load_tables(tmp_path, _section(**change), "kzsearch.yaml")
    assert message in str(err.value)


def test_compile_pattern():
    pattern = compile_pattern("**/{iso}_{n}.txt")
    assert pattern.match("a/b/KAZ_1.txt").group("iso") == "KAZ"
    assert compile_pattern("*/{x}.md").match("a/b/c.md") is None


# -- the place fallback and join reports ---------------------------------------------------

GAZ = Gazetteer.from_data(
    [
        {"name": "Czechoslovakia", "iso3": "CSK"},
        {"name": "Kazakhstan", "iso3": "KAZ"},
        {"name": "Paraguay", "iso3": "PRY"},
        {"name": "Sweden", "iso3": "SWE"},
        {"name": "Eswatini", "iso3": "SWZ", "variants": ["Swaziland"]},
        {"name": "Switzerland", "iso3": "CHE"},
    ]
)
HEAD = "Year,Session,ISO Code,Country,Name of Person Speaking,Post\n"


def _corpus(tmp_path, rows, files, **overrides):
    """A corpus folder with the table and empty speech files; its loaded table."""
    (tmp_path / "speakers.csv").write_text(HEAD + "".join(r + "\n" for r in rows), "utf-8")
    for name in files:
        path = tmp_path / "TXT" / "s" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text", encoding="utf-8")
    [table] = load_tables(tmp_path, _section(**overrides), "kzsearch.yaml", normalise=GAZ.normalise)
    return table


def _speaker(table, name):
    match = table.lookup(f"TXT/s/{name}")
    return match.fields.get("speaker") if match else None


def test_fallback_joins_through_the_country_column(tmp_path):
    rows = ["1947,2,CZK,Czechoslovakia,Mr. Masaryk,", "1947,2,PRY,Paraguay,Mr. Diaz,"]
    table = _corpus(tmp_path, rows, ["CSK_02_1947.txt", "PRY_02_1947.txt"])
    match = table.lookup("TXT/s/CSK_02_1947.txt")
    assert match is not None and match.via == "place"
    assert match.fields["speaker"] == "Mr. Masaryk"
    assert match.fields["country"] == ["Czechoslovakia"]  # the place file and row agree on
    assert table.lookup("TXT/s/PRY_02_1947.txt").via == "key"
    assert table.unmatched(["TXT/s/CSK_02_1947.txt", "TXT/s/PRY_02_1947.txt"]) == []


def test_fallback_compares_codes_with_names(tmp_path):
    # The join column holds names, the file names hold codes: both normalise to one place.
    rows = ["2020,75,Kazakhstan,,Mr. Tokayev,President", "2020,75,Paraguay,,Mr. Abdo,President"]
    table = _corpus(tmp_path, rows, ["KAZ_75_2020.txt"])
    assert _speaker(table, "KAZ_75_2020.txt") == "Mr. Tokayev"
    assert _speaker(table, "KAZ_76_2020.txt") is None  # the other join fields still count


def test_two_rows_naming_the_place_join_nothing(tmp_path):
    rows = [
        "1961,16,PAR,Paraguay,Mr. One,",
        "1961,16,PY,Paraguay,Mr. Two,",
        "1961,16,SWE,Sweden,Mr. Three,",
        "1961,16,KAZ,Kazakhstan,Mr. Four,",
    ]
    table = _corpus(tmp_path, rows, ["PRY_16_1961.txt"])
    assert table.lookup("TXT/s/PRY_16_1961.txt") is None
    [gap] = table.unmatched(["TXT/s/PRY_16_1961.txt"])
    assert gap.kind == "ambiguous" and "2 rows name Paraguay" in gap.reason


def test_a_join_column_that_is_not_about_places_gets_no_fallback(tmp_path):
    # Mostly unknown codes: the column is not about places, so Country is never consulted.
    rows = ["1961,16,XPY,Paraguay,Mr. One,", "1961,16,XSW,Sweden,Mr. Two,"]
    table = _corpus(tmp_path, rows, ["PRY_16_1961.txt"])
    assert table.lookup("TXT/s/PRY_16_1961.txt") is None
    assert [g.kind for g in table.unmatched(["TXT/s/PRY_16_1961.txt"])] == ["no-row"]


def test_a_row_another_file_joins_by_key_is_not_taken(tmp_path):
    # XPY is no code we know, but a file carries it: that file owns the row.
    rows = ["1961,16,XPY,Paraguay,Mr. One,", "1961,16,SWE,Sweden,Mr. Two,"]
    table = _corpus(tmp_path, rows, ["PRY_16_1961.txt", "XPY_16_1961.txt"])
    assert _speaker(table, "XPY_16_1961.txt") == "Mr. One"
    assert table.lookup("TXT/s/PRY_16_1961.txt") is None
    [gap] = table.unmatched(["TXT/s/PRY_16_1961.txt", "TXT/s/XPY_16_1961.txt"])
    assert gap.kind == "taken" and "XPY_16_1961.txt" in gap.reason


def test_a_row_two_files_could_take_joins_neither(tmp_path):
    # Sweden's code on Swaziland's row, Switzerland's code on Sweden's row: the key join would
    # give Sweden Swaziland's speaker; the evidence conflicts, so neither file joins.
    rows = ["2001,56,SWE,Swaziland,Mr. Mamba,", "2001,56,CHE,Sweden,Ms. Lindh,"]
    table = _corpus(tmp_path, rows, ["SWE_56_2001.txt", "SWZ_56_2001.txt"])
    assert _speaker(table, "SWE_56_2001.txt") is None
    assert _speaker(table, "SWZ_56_2001.txt") is None
    gaps = {g.path.rsplit("/", 1)[-1]: g for g in table.unmatched(table._corpus_files())}
    assert gaps["SWE_56_2001.txt"].kind == "ambiguous"
    assert "names Eswatini, not Sweden" in gaps["SWE_56_2001.txt"].reason
    assert gaps["SWZ_56_2001.txt"].kind == "ambiguous"


def test_a_contradicting_row_wanted_by_one_file_joins_it(tmp_path):
    rows = ["2001,56,SWE,Swaziland,Mr. Mamba,"]
    table = _corpus(tmp_path, rows, ["SWZ_56_2001.txt"])
    assert _speaker(table, "SWZ_56_2001.txt") == "Mr. Mamba"


def test_unmatched_reasons(tmp_path):
    rows = [
        "1963,18,KAZ,Kazakhstan,,",
        "1963,18,PRY,Paraguay,Mr.,",
        "1962,17,SWE,Sweden,Mr. Nilsson,",
    ]
    files = ["KAZ_18_1963.txt", "PRY_18_1963.txt", "SWE_18_1963.txt", "CSK_18_1963.txt"]
    table = _corpus(tmp_path, rows, [*files, "notes.txt"])
    gaps = table.unmatched([f"TXT/s/{f}" for f in [*files, "notes.txt"]])
    reasons = {g.path.rsplit("/", 1)[-1]: (g.kind, g.reason) for g in gaps}
    assert reasons["KAZ_18_1963.txt"][0] == "no-speaker"
    assert reasons["PRY_18_1963.txt"][0] == "bad-speaker"
    kind, reason = reasons["SWE_18_1963.txt"]
    assert kind == "no-row" and "none naming Sweden" in reason and "1 other rows" in reason
    assert "no row names Czechoslovakia" in reasons["CSK_18_1963.txt"][1]
    assert "notes.txt" not in reasons  # the table was never meant for it
    with_all = table.unmatched(["TXT/s/notes.txt"], unpatterned=True)
    assert [g.kind for g in with_all] == ["pattern"]


def test_fallback_without_a_corpus_root(tmp_path):
    rows = ["1947,2,CZK,Czechoslovakia,Mr. Masaryk,", "1947,2,PRY,Paraguay,Mr. Diaz,"]
    table = _corpus(tmp_path, rows, [])
    table.root = ""  # no other file's claims known: the file's own evidence decides
    assert _speaker(table, "CSK_02_1947.txt") == "Mr. Masaryk"


CODES = ["CSK", "KAZ", "PRY", "SWE", "SWZ", "XX1", "XX2"]
NAMES = ["Czechoslovakia", "Kazakhstan", "Paraguay", "Sweden", "Swaziland", "Atlantis", ""]


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(CODES), st.sampled_from(NAMES), st.sampled_from([2000, 2001])),
        max_size=8,
    ),
    files=st.sets(st.tuples(st.sampled_from(CODES), st.sampled_from([2000, 2001])), max_size=8),
)
def test_no_row_serves_two_files_and_clean_key_joins_stay(rows, files):
    with tempfile.TemporaryDirectory() as tmp:
        lines = [f"{y},{y - 1945},{c},{n},P{i} Person,Post" for i, (c, n, y) in enumerate(rows)]
        table = _corpus(Path(tmp), lines, [f"{c}_{y - 1945}_{y}.txt" for c, y in files])
        owners: dict[int, str] = {}
        for rel in table._corpus_files():
            join = table.resolve(rel)
            if join.row is None:
                continue
            assert id(join.row) not in owners, (rel, owners.get(id(join.row)))
            owners[id(join.row)] = rel
            code = rel.rsplit("/", 1)[-1].split("_")[0]
            place = GAZ.normalise(code)
            if join.via == "place":  # the row names the file's place somewhere
                assert place in {
                    GAZ.normalise(join.row["ISO Code"]),
                    GAZ.normalise(join.row["Country"]),
                }
        for c, n, y in rows:  # a row whose code and name agree always reaches its file
            first = next(r for r in rows if (r[0], r[2]) == (c, y))
            if (
                (c, y) in files
                and first == (c, n, y)
                and GAZ.normalise(n) in (None, GAZ.normalise(c))
            ):
                match = table.lookup(f"TXT/s/{c}_{y - 1945}_{y}.txt")
                assert match is not None and match.via == "key"
