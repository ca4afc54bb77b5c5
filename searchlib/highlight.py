"""Highlighting: mark the words of a passage that matched, as they are written.

The stored passage text is re-analysed with the index's own chain, so a
match is found whichever spelling variant the user typed, and the marked
text is the original text, ready to quote.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from . import analysis
from .results import Fragment

ELLIPSIS = "…"


def fragments(
    text: str,
    terms: Collection[str],
    *,
    phrases: Sequence[Sequence[str]] = (),
    max_chars: int | None = None,
) -> tuple[Fragment, ...]:
    """Split ``text`` into plain and matching fragments.

    ``terms`` are marked wherever they occur, the words of ``phrases`` only
    where the whole phrase does. With ``max_chars``, a long passage is cut to a
    window around its first match, with an ellipsis marking each cut.
    """
    spans = analysis.matching_spans(text, terms, phrases) if terms or phrases else []
    start, end = 0, len(text)
    if max_chars and len(text) > max_chars:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - max_chars // 4, len(text) - max_chars))
        start = _word_boundary(text, start, backwards=True)
        end = _word_boundary(text, min(len(text), start + max_chars), backwards=False)
    out: list[Fragment] = []
    if start > 0:
        out.append(Fragment(ELLIPSIS))
    cursor = start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        if s > cursor:
            out.append(Fragment(text[cursor:s]))
        out.append(Fragment(text[s:e], True))
        cursor = e
    if cursor < end:
        out.append(Fragment(text[cursor:end]))
    if end < len(text):
        out.append(Fragment(ELLIPSIS))
    return tuple(_merge_adjacent(out))


def _word_boundary(text: str, index: int, *, backwards: bool) -> int:
    if index <= 0 or index >= len(text):
        return max(0, min(index, len(text)))
    step = -1 if backwards else 1
    probe = index
    for _ in range(40):
        if text[probe].isspace():
            return probe + 1 if backwards else probe
        probe += step
        if probe <= 0 or probe >= len(text):
            break
    return index


def _merge_adjacent(parts: list[Fragment]) -> list[Fragment]:
    merged: list[Fragment] = []
    for part in parts:
        if merged and merged[-1].is_match == part.is_match and not part.is_match:
            merged[-1] = Fragment(merged[-1].text + part.text)
        else:
            merged.append(part)
    return merged


__all__ = ["fragments"]
