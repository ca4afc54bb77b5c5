from __future__ import annotations

import json

import pytest

from searchlib.dates import PartialDate
from searchlib.errors import CorpusError
from searchlib.metatable import compile_pattern, load_tables

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
