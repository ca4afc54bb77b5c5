from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import fields, index

from searchlib.analysis import text_analyzer
from searchlib.suggest import suggest


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    a = text_analyzer()
    schema = fields.Schema(
        title=fields.TEXT(analyzer=a),
        text=fields.TEXT(analyzer=a, stored=True, spelling=True),
    )
    ix = index.create_in(str(tmp_path_factory.mktemp("sp")), schema)
    w = ix.writer()
    for i in range(12):
        w.add_document(title="t", text=f"The decriminalisation of drugs, report {i}, economy")
    w.add_document(title="t", text="a decriminalsation typo and the word economi once")
    w.commit()
    with ix.searcher() as s:
        yield s.reader()


def test_suggests_frequent_neighbour_as_written(reader) -> None:  # type: ignore[no-untyped-def]
    assert suggest(reader, "decriminalsation") == "decriminalisation"
    assert suggest(reader, "Decriminalsation") == "Decriminalisation"


def test_keeps_operators_and_other_words(reader) -> None:  # type: ignore[no-untyped-def]
    assert (
        suggest(reader, 'drugs AND decriminalsaton NOT "economy"')
        == 'drugs AND decriminalisation NOT "economy"'
    )
    assert suggest(reader, "text:decriminalsation") == "text:decriminalisation"


def test_nothing_to_suggest(reader) -> None:  # type: ignore[no-untyped-def]
    assert suggest(reader, "decriminalisation drugs") is None
    assert suggest(reader, "zzzzqqq") is None
    assert suggest(reader, "speaker:decriminalsation") is None
    assert suggest(reader, "decriminalsation~") is None


def test_frequent_enough_word_is_left_alone(tmp_path: Path) -> None:
    schema = fields.Schema(text=fields.TEXT(analyzer=text_analyzer(), spelling=True))
    ix = index.create_in(str(tmp_path), schema)
    w = ix.writer()
    for _ in range(3):
        w.add_document(text="economy economi")
    w.commit()
    with ix.searcher() as s:
        assert suggest(s.reader(), "economi") is None


def test_absent_word_one_edit_from_a_stem_the_index_has(tmp_path) -> None:  # noqa: ANN001
    from whoosh import fields, index

    from searchlib.analysis import text_analyzer
    from searchlib.suggest import suggest

    schema = fields.Schema(text=fields.TEXT(analyzer=text_analyzer(), spelling=True))
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as w:
        w.add_document(text="The law will decriminalise defamation.")
    with ix.reader() as reader:
        # "decriminalisation" occurs nowhere as written; its stem does.
        assert suggest(reader, "decriminalsation") == "decriminalisation"
        assert suggest(reader, "zqxjkv") is None


def test_common_words_are_taken_as_meant(tmp_path) -> None:  # noqa: ANN001
    from whoosh import fields, index

    from searchlib.analysis import text_analyzer
    from searchlib.suggest import suggest

    schema = fields.Schema(text=fields.TEXT(analyzer=text_analyzer()))
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as w:
        for _ in range(40):
            w.add_document(text="trade policy matters")
        for _ in range(5):
            w.add_document(text="trader says")
    with ix.reader() as reader:
        assert suggest(reader, "trader") is None  # in 5 of 45 passages: meant, not a typo


def test_a_misspelt_russian_word_gets_a_real_word(tmp_path: Path) -> None:
    schema = fields.Schema(text=fields.TEXT(analyzer=text_analyzer()))
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as w:
        w.add_document(text="Санкционный режим и санкциями против России.")
    with ix.reader() as reader:
        # Several spellings share the stem "санкц"; the one suggested is a Russian word.
        assert suggest(reader, "санкцыи") == "санкции"
        assert suggest(reader, "Санкцыи") == "Санкции"
