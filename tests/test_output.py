from __future__ import annotations

import click

from searchlib.output import marked_text, to_csv, wrap_marked
from searchlib.results import Fragment


def test_csv_joins_lists_and_quotes() -> None:
    rows = [{"a": ["x", "y"], "b": 'say "hi", ok'}]
    assert list(to_csv(rows, ["a", "b"])) == ["a,b", 'x; y,"say ""hi"", ok"']


def test_marks_without_colour_and_with() -> None:
    frags = (Fragment("a "), Fragment("match", True), Fragment(" b"))
    assert marked_text(frags, color=False) == "a *match* b"
    coloured = marked_text(frags, color=True)
    assert "\x1b[" in coloured and click.unstyle(coloured) == "a match b"


def test_wrapping_ignores_colour_codes() -> None:
    text = " ".join(click.style("word", fg="yellow") for _ in range(30))
    lines = wrap_marked(text, "  ", 42)
    assert all(len(click.unstyle(line)) <= 42 for line in lines)
    assert sum(click.unstyle(line).count("word") for line in lines) == 30
