"""Output formatting shared by every command: text for people, JSON, JSON lines and CSV.

Commands hand over typed results or plain rows; this module turns them into
lines. Nothing here searches or indexes.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import click

from .results import FacetCount, Fragment, Hit, IndexSummary, SearchResults

FORMATS = ("text", "json", "jsonl", "csv")
WARNINGS_SHOWN = 10
HIT_COLUMNS = (
    "rank",
    "passage_id",
    "doc_id",
    "title",
    "date",
    "speakers",
    "topics",
    "score",
    "text",
)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False)


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """CSV lines with a header; list values are joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.rstrip("\n")

    writer.writerow(columns)
    yield flush()
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        yield flush()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def hit_row(rank: int, hit: Hit) -> dict[str, Any]:
    return {"rank": rank, **hit.to_dict()}


def hit_rows(results: SearchResults) -> Iterator[dict[str, Any]]:
    first = (results.page - 1) * results.limit + 1
    for rank, hit in enumerate(results.hits, first):
        yield hit_row(rank, hit)


# -- text for people --------------------------------------------------------


def width() -> int:
    return max(40, min(100, shutil.get_terminal_size((88, 24)).columns) - 2)


def marked_text(fragments: Sequence[Fragment], color: bool) -> str:
    """The snippet with its matches marked: colour on a terminal, ``*word*`` otherwise."""
    return "".join(_mark(f.text, f.is_match, color) for f in fragments)


def _mark(text: str, is_match: bool, color: bool) -> str:
    if not is_match:
        return text
    return click.style(text, fg="yellow", bold=True) if color else f"*{text}*"


def wrap_marked(text: str, indent: str, line_width: int) -> list[str]:
    """Wrap on spaces, measuring what is visible (colour codes take no room)."""
    lines: list[str] = []
    current: list[str] = []
    length = len(indent)
    for word in text.split():
        visible = len(click.unstyle(word))
        if current and length + 1 + visible > line_width:
            lines.append(indent + " ".join(current))
            current, length = [], len(indent)
        length += visible + (1 if current else 0)
        current.append(word)
    if current:
        lines.append(indent + " ".join(current))
    return lines


def hit_text(rank: int, hit: Hit, color: bool) -> str:
    head = [hit.title or hit.doc_id]
    if hit.date:
        head.append(hit.date)
    if hit.speakers:
        head.append(", ".join(hit.speakers))
    if hit.topics:
        head.append(", ".join(hit.topic_labels or hit.topics))
    title = f"{rank}. " + " · ".join(head)
    lines = [click.style(title, bold=True) if color else title]
    lines.extend(wrap_marked(marked_text(hit.snippet, color), "   ", width()))
    cite = f"   {hit.passage_id}"
    if hit.other_passages:
        cite += f"  (+{hit.other_passages} more passages in this document)"
    lines.append(click.style(cite, fg="cyan") if color else cite)
    return "\n".join(lines)


def facets_text(facets: dict[str, tuple[FacetCount, ...]], *, top: int = 8) -> list[str]:
    lines = []
    for name, counts in facets.items():
        if not counts:
            continue
        shown = ", ".join(f"{c.label or c.value} ({c.count})" for c in counts[:top])
        more = f", … {len(counts) - top} more" if len(counts) > top else ""
        lines.append(f"{name}: {shown}{more}")
    return lines


def results_text(results: SearchResults, color: bool) -> Iterator[str]:
    first = (results.page - 1) * results.limit + 1
    for rank, hit in enumerate(results.hits, first):
        yield hit_text(rank, hit, color)
        yield ""
    facet_lines = facets_text(results.facets)
    if facet_lines:
        yield "── facets " + "─" * 30
        yield from facet_lines


def results_status(results: SearchResults) -> str:
    """The stderr line: totals, page and timing."""
    unit = "documents" if results.grouped else "passages"
    shown = len(results.hits)
    first = (results.page - 1) * results.limit + 1
    span = f", showing {first}-{first + shown - 1}" if shown else ""
    return (
        f"{results.total} matching {unit}{span} (page {results.page} of {results.pages})"
        f" in {results.elapsed_ms:.1f} ms"
    )


def summary_text(summary: IndexSummary) -> Iterator[str]:
    yield (
        f"documents: {summary.documents_added} added, {summary.documents_updated} updated, "
        f"{summary.documents_removed} removed, {summary.documents_unchanged} unchanged"
    )
    yield f"passages: {summary.passages_added} added, {summary.passages_removed} removed"
    if summary.failed:
        yield f"failed: {len(summary.failed)} file(s)"
        for problem in summary.failed:
            yield f"  {problem}"
    if summary.skipped:
        reasons: dict[str, int] = {}
        for problem in summary.skipped:
            reasons[problem.reason] = reasons.get(problem.reason, 0) + 1
        detail = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
        yield f"skipped: {len(summary.skipped)} file(s) ({detail})"
    if summary.warnings:
        yield f"warnings: {len(summary.warnings)} file(s) indexed with something missing"
        for problem in summary.warnings[:WARNINGS_SHOWN]:
            yield f"  {problem}"
        if len(summary.warnings) > WARNINGS_SHOWN:
            yield f"  … {len(summary.warnings) - WARNINGS_SHOWN} more (--format json lists all)"
    yield f"elapsed: {summary.elapsed_s:.2f} s"


def table_text(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], *, max_width: int = 48
) -> Iterator[str]:
    """A plain aligned table for listings (facets, speakers); long cells are cut with '…'."""
    cells = [[_clip(_cell(r.get(c)), max_width) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    yield "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
    for row in cells:
        yield "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, width(), initial_indent=indent, subsequent_indent=indent)


__all__ = [
    "FORMATS",
    "HIT_COLUMNS",
    "to_json",
    "to_jsonl",
    "to_csv",
    "hit_rows",
    "results_text",
    "results_status",
    "summary_text",
    "table_text",
    "facets_text",
    "wrap",
]
