from __future__ import annotations

import pytest

from searchlib.errors import CorpusError
from searchlib.topics import default_taxonomy, label, load_taxonomy, stem


def test_stem_inflections():
    assert stem("reforms") == stem("reformed") == stem("reforming") == stem("reform")
    assert stem("decriminalise") == stem("decriminalization")


def test_topic_needs_real_evidence():
    tax = default_taxonomy()
    assert tax.classify("The weather was fine and the reform was mentioned once.") == []
    hits = tax.classify("The reforms decriminalised defamation and allowed peaceful rallies.")
    assert "civil-liberties" in [h.topic for h in hits]


def test_russian_signals_match_inflected_forms():
    tax = default_taxonomy()
    hits = tax.classify("Статья о клевете будет декриминализирована в рамках политических реформ.")
    assert {"civil-liberties", "domestic-reform"} <= {h.topic for h in hits}
    assert tax.classify("Министр доложил о подготовке к визитам.") == []
    # One word is no more evidence in Russian than in English.
    assert tax.classify("Санкции обсуждались.") == []
    assert [h.topic for h in tax.classify("Обсуждались вторичные санкции.")] == ["sanctions"]


def test_strong_phrase_alone_is_enough():
    hits = default_taxonomy().classify("They discussed imposing sanctions.")
    assert [h.topic for h in hits] == ["sanctions"]


def test_an_energy_sector_and_its_grids_are_energy():
    tax = default_taxonomy()
    assert [h.topic for h in tax.classify("Modernising power grids is a priority.")] == ["energy"]
    assert [h.topic for h in tax.classify("Развитие энергетического сектора.")] == ["energy"]


def test_labels():
    assert label("domestic-reform") == "Domestic political reform"
    assert label("unknown-topic") == "unknown-topic"


def test_summary_needs_several_passages():
    tax = default_taxonomy()
    hits = [
        tax.classify(t)
        for t in [
            "Nuclear weapons and nuclear disarmament.",
            "Nothing.",
            "Still nothing.",
            "Imposing sanctions and economic sanctions.",
            "Economic sanctions again.",
        ]
    ]
    assert tax.summarise(hits) == ["sanctions"]


def test_corpus_taxonomy_extends_and_replaces(tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text("topics:\n  - id: space\n    label: Space\n    words: [rocket, orbit]\n")
    tax = load_taxonomy(path)
    assert "space" in tax.topics and "energy" in tax.topics
    assert [h.topic for h in tax.classify("A rocket reached orbit.")] == ["space"]
    path.write_text("mode: replace\ntopics:\n  - id: space\n    words: [rocket, orbit]\n")
    assert list(load_taxonomy(path).topics) == ["space"]


def test_bad_taxonomy_names_the_file(tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text("topics:\n  - label: no id\n")
    with pytest.raises(CorpusError, match="topics.yaml"):
        load_taxonomy(path)
    path.write_text("topics:\n  - id: a\n    parent: missing\n")
    with pytest.raises(CorpusError, match="unknown parent"):
        load_taxonomy(path)
