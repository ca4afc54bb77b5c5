"""The schema's positions format must write exactly what Whoosh's own would."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import formats
from whoosh.filedb.filestore import RamStorage

from searchlib.schema import build_schema

WORDS = ["peace", "the", "Kassym-Jomart", "COVID-19", "U.S.", "trade", "trade", "of"]


def postings(schema, texts):
    ix = RamStorage().create_index(schema)
    with ix.writer() as w:
        for i, text in enumerate(texts):
            w.add_document(pid=f"d{i}", text=text, title=text[:15])
    out = {}
    with ix.reader() as r:
        for field in ("text", "title"):
            for btext in r.lexicon(field):
                m = r.postings(field, btext)
                out[(field, btext)] = [(d, m.weight(), m.value()) for d in _ids(m)]
    return out


def _ids(m):
    while m.is_active():
        yield m.id()
        m.next()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), max_size=6))
def test_positions_format_writes_whooshs_postings(texts):
    ours = build_schema()
    theirs = build_schema()
    for name in ("text", "title"):
        theirs[name].format = formats.Positions(field_boost=theirs[name].format.field_boost)
    assert type(ours["text"].format) is not formats.Positions
    assert postings(ours, texts) == postings(theirs, texts)
