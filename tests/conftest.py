"""Shared fixtures: a small corpus written for the tests, and an index built from it."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(autouse=True, scope="session")
def _private_tempdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Whoosh's in-memory indexes spill to a fixed folder in the temp dir ("MAIN.tmp"), which
    two test runs at once would share and delete under each other: give each run its own."""
    saved = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("tmp"))
    yield
    tempfile.tempdir = saved


SPEECH_MD = """---
title: Statement on water cooperation
date: 2019-09-24
speaker: Kassym-Jomart Tokayev
topics: [environment-water]
source: UN
---
# Statement on water cooperation

Central Asia faces a growing water crisis. The Aral Sea tragedy shows what happens when
neighbours fail to cooperate on transboundary rivers, and we call for a regional water
consortium to manage the Syr Darya and Amu Darya basins together.

Kazakhstan proposes to host an international conference on water diplomacy and invites all
partners to share technology for irrigation efficiency and glacier monitoring in the region.
"""

BRIEFING_MD = """---
title: Briefing on sanctions and trade
date: July 2021
speakers: [Mukhtar Tileuberdi]
---
Sanctions imposed on neighbouring countries disrupt the trade corridors that landlocked
economies depend on, said the minister, and Kazakhstan will not be used to circumvent them.

Transit of goods through the Middle Corridor grew by a third this year as companies sought
routes that avoid sanctioned territory.
"""

NOTE_TXT = """Parliamentary reform note

The new law on political parties lowers the registration threshold to five thousand members,
and the Mazhilis will be elected under a mixed system from the next elections onward.

The reform also decriminalises insult of public officials, moving it to the administrative
code, a step civil society groups had long requested.
"""

RECORDS_JSONL = (
    '{"id": "r1", "title": "Energy outlook", "date": "2020-03-01",'
    ' "speaker": "Almasadam Satkaliyev",'
    ' "text": "Oil and gas exports remain central, but renewable energy capacity is planned'
    " to reach"
    ' fifteen percent of generation by 2030, with wind farms on the steppe."}\n'
    '{"id": "r2", "title": "Nuclear safety", "date": "2018", "text": "The Semipalatinsk test site'
    " closure made non-proliferation a founding principle of our foreign policy; we support the"
    ' treaty banning nuclear weapons."}\n'
)


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "speeches").mkdir(exist_ok=True)
    (root / "speeches" / "water.md").write_text(SPEECH_MD, encoding="utf-8")
    (root / "speeches" / "sanctions.md").write_text(BRIEFING_MD, encoding="utf-8")
    (root / "note.txt").write_text(NOTE_TXT, encoding="utf-8")
    (root / "records.jsonl").write_text(RECORDS_JSONL, encoding="utf-8")
    return root


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus and its index, built once for read-only tests."""
    from searchlib.indexer import index_corpus

    base = tmp_path_factory.mktemp("shared")
    corpus = write_corpus(base / "corpus")
    index = base / "index"
    index_corpus(corpus, index)
    return corpus, index


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus, indexed."""
    from searchlib.indexer import index_corpus

    index = tmp_path_factory.mktemp("sample") / "index"
    index_corpus(SAMPLE, index)
    return index
