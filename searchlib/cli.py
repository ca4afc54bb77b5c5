"""The ``kzsearch`` command: thin commands over the library.

Each command parses its options, makes one library call and formats the
result with ``searchlib.output``. Library errors become one-line messages
with a hint and exit status 2; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from . import output
from .errors import SearchlibError

EXIT_NO_MATCH = 1
EXIT_ERROR = 2


class CLIError(click.ClickException):
    exit_code = EXIT_ERROR

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message + (f" (hint: {hint})" if hint else ""))


class DefaultGroup(click.Group):
    """``kzsearch QUERY`` is ``kzsearch search QUERY``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        index = 0
        while index < len(args) and args[index] in ("--debug",):
            index += 1
        rest = args[index:]
        if rest and rest[0] not in self.commands and rest[0] not in ("--help", "-h", "--version"):
            args = [*args[:index], "search", *rest]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SearchlibError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise CLIError(exc.message, exc.hint) from None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, envvar="KZSEARCH_DEBUG", help="Show tracebacks for errors.")
@click.version_option(package_name="kzsearch")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Search policy texts: who said what, when, on which topic.

    \b
    kzsearch "defamation decriminalisation"      search (builds the index on first use)
    kzsearch index corpus/                        index a folder incrementally
    kzsearch show kazakhstan-beyond-headlines.txt#5
    """
    ctx.ensure_object(dict)["debug"] = debug
    # Set before any command imports numpy. Nothing here multiplies matrices, and OpenBLAS
    # starts a spinning thread per core on import that competes with the rest of start-up
    # (40-60 ms of a search on 2 cores). A value the user set wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


# -- shared option groups ----------------------------------------------------


def _compose(*decorators: Callable) -> Callable:
    def apply(func: Callable) -> Callable:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


index_option = click.option(
    "--index",
    "index_dir",
    default="index",
    envvar="KZSEARCH_INDEX",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Index directory.",
)
corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    envvar="KZSEARCH_CORPUS",
    type=click.Path(file_okay=False, path_type=Path),
    help="Corpus folder to build or update the index from "
    "(default: the one it was built from, else ./corpus).",
)


def format_option(*choices: str) -> Callable:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices or output.FORMATS),
        default=(choices or output.FORMATS)[0],
        show_default=True,
        help="Output format.",
    )


def jobs_option(default: int | None) -> Callable:
    return click.option(
        "--jobs",
        "-j",
        default=default,
        type=click.IntRange(1, 64),
        help="Worker processes"
        + (" [default: one per core]." if default is None else f" [default: {default}]."),
    )


color_option = click.option(
    "--color/--no-color", default=None, help="Colour highlights (default: only on a terminal)."
)
filter_options = _compose(
    click.option(
        "--speaker",
        multiple=True,
        help="Only passages by this speaker (any spelling; a surname finds everyone it names; "
        "repeatable).",
    ),
    click.option(
        "--topic", multiple=True, help="Only passages on this topic id or label (repeatable)."
    ),
    click.option(
        "--country", multiple=True, help="Only passages mentioning this country (repeatable)."
    ),
    click.option(
        "--person", multiple=True, help="Only passages mentioning this person (repeatable)."
    ),
    click.option("--since", help="From this date: 2020, July 2020, 2020-07-08, 8 July 2020."),
    click.option("--until", help="Up to this date, same forms as --since."),
)


def _filters(options: dict[str, Any]) -> dict[str, Any]:
    keys = ("speaker", "topic", "country", "person", "since", "until")
    return {k: options[k] for k in keys if options.get(k)}


def input_file(name: str, help_text: str) -> Callable:
    """A required option naming an existing file (the eval command's inputs)."""
    return click.option(
        name,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        required=True,
        help=help_text,
    )


def _use_color(color: bool | None) -> bool:
    if color is not None:
        return color
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit_lines(lines: Iterator[str] | list[str]) -> None:
    for line in lines:
        click.echo(line)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _open(index_dir: Path, corpus_dir: Path | None, *, update: bool = True) -> Any:
    """Open the index, first building or updating it from the corpus (said on stderr)."""
    from .search import Index
    from .store import ensure_index

    if update:
        if (
            corpus_dir is None
            and not (index_dir / "kzsearch.json").exists()
            and Path("corpus").is_dir()
        ):
            corpus_dir = Path("corpus")
        with _progress("indexing") as progress:
            summary = ensure_index(corpus_dir, index_dir, progress=progress)
        if summary is not None:
            verb = "built" if summary.rebuilt else "updated"
            click.echo(
                f"index {verb} in {index_dir} ({summary.documents_added} added, "
                f"{summary.documents_updated} updated, {summary.documents_removed} removed, "
                f"{len(summary.failed)} failed) in {summary.elapsed_s:.1f} s",
                err=True,
            )
    return Index(index_dir)


# -- commands ------------------------------------------------------------------


@main.command()
@click.argument("query", nargs=-1, required=True)
@filter_options
@click.option(
    "--limit",
    "-n",
    default=10,
    show_default=True,
    type=click.IntRange(1, 10000),
    help="Hits per page.",
)
@click.option(
    "--page", default=1, show_default=True, type=click.IntRange(1), help="Page of results."
)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date", "-date"]),
    default="relevance",
    show_default=True,
    help="Best first, oldest first (date) or newest first (-date).",
)
@click.option(
    "--facets",
    default="speaker,topic,year",
    show_default=True,
    help="Comma-separated facet fields, or 'none'.",
)
@click.option("--group", is_flag=True, help="One best passage per document.")
@click.option("--any", "match_any", is_flag=True, help="Match any word instead of all.")
@click.option("--fuzzy", is_flag=True, help="Tolerate a typo in each word.")
@format_option()
@color_option
@index_option
@corpus_option
def search(
    query: tuple[str, ...],
    fmt: str,
    color: bool | None,
    index_dir: Path,
    corpus_dir: Path | None,
    **options: Any,
) -> None:
    """Search passages (also: kzsearch QUERY).

    QUERY uses Whoosh's language: words (all must match), OR, NOT, "exact phrases",
    field:value (speaker:, topic:, country:, year:, date:[2019 to 2021]), wild* and typo~.
    Exit status: 0 with hits, 1 when nothing matched, 2 for errors.
    """
    facets = (
        ()
        if options["facets"].strip().lower() in ("", "none")
        else tuple(options["facets"].split(","))
    )
    with _open(index_dir, corpus_dir) as idx:
        results = idx.search(
            " ".join(query),
            limit=options["limit"],
            page=options["page"],
            sort=options["sort"],
            facets=facets,
            group_by_document=options["group"],
            match="any" if options["match_any"] else "all",
            fuzzy=options["fuzzy"],
            **_filters(options),
        )
    _print_results(results, fmt, _use_color(color))
    if results.total == 0:
        sys.exit(EXIT_NO_MATCH)


def _print_results(results: Any, fmt: str, color: bool) -> None:
    if fmt == "json":
        click.echo(output.to_json(results.to_dict()))
    elif fmt == "jsonl":
        _emit_lines(output.to_jsonl(output.hit_rows(results)))
    elif fmt == "csv":
        _emit_lines(output.to_csv(output.hit_rows(results), output.HIT_COLUMNS))
    else:
        if results.total == 0:
            click.echo(f"no passages match {results.query!r}", err=True)
        if results.suggestion:
            hint = f"did you mean: {results.suggestion}"
            click.echo(click.style(hint, fg="magenta") if color else hint, err=True)
        shown = results.alternative if results.total == 0 and results.alternative else results
        if shown is not results:
            click.echo(f"showing passages for {shown.query!r}:", err=True)
        _emit_lines(output.results_text(shown, color))
        click.echo(output.results_status(shown), err=True)


@main.command("index")
@click.argument("corpus", required=False, type=click.Path(file_okay=False, path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Rebuild from scratch instead of updating.")
@jobs_option(None)
@format_option("text", "json")
def index_command(
    corpus: Path | None, index_dir: Path, rebuild: bool, jobs: int | None, fmt: str
) -> None:
    """Index CORPUS (default: the folder the index was built from, else ./corpus).

    Incremental: new files are added, changed ones re-indexed, deleted ones removed.
    Bad files are listed with the reason; the rest is indexed.
    """
    from .indexer import index_corpus
    from .store import read_meta

    if corpus is None:
        meta = read_meta(index_dir, manifest=False) if index_dir.is_dir() else None
        corpus = Path(meta.corpus) if meta and meta.corpus else Path("corpus")
    with _progress("indexing") as progress:
        summary = index_corpus(corpus, index_dir, rebuild=rebuild, jobs=jobs, progress=progress)
    if fmt == "json":
        click.echo(output.to_json(summary.to_dict()))
    else:
        _emit_lines(output.summary_text(summary))


@main.command()
@click.argument("item_id")
@format_option("text", "json")
@color_option
@index_option
def show(item_id: str, fmt: str, color: bool | None, index_dir: Path) -> None:
    """Show a passage (doc#3) or a whole document with its metadata."""
    from .search import Index

    with Index(index_dir) as idx:
        hits = idx.get(item_id)
    if fmt == "json":
        click.echo(output.to_json([h.to_dict() for h in hits]))
        return
    for n, hit in enumerate(hits, 1):
        click.echo(output.hit_text(hit.position or n, hit, _use_color(color)))
        click.echo("")


@main.command()
@format_option("text", "json")
@index_option
def stats(fmt: str, index_dir: Path) -> None:
    """Documents, passages, facet values, index size and when last indexed."""
    from .search import Index

    with Index(index_dir) as idx:
        info = idx.stats()
    if fmt == "json":
        click.echo(output.to_json(info.to_dict()))
        return
    click.echo(f"index: {index_dir} ({info.size_bytes / 1e6:.1f} MB, schema {info.schema_version})")
    click.echo(f"corpus: {info.corpus or '-'}")
    click.echo(f"last indexed: {info.last_indexed or '-'}")
    click.echo(f"documents: {info.documents}")
    click.echo(f"passages: {info.passages}")
    for name, count in info.facet_values.items():
        click.echo(f"{name} values: {count}")


@main.command()
@click.argument("field")
@click.option("--limit", "-n", type=click.IntRange(1), help="Show only the most frequent values.")
@format_option()
@index_option
def facets(field: str, limit: int | None, fmt: str, index_dir: Path) -> None:
    """Values of a facet FIELD with passage counts.

    FIELD: speaker, person, topic, country, year, source or filetype.
    """
    from .search import Index

    with Index(index_dir) as idx:
        counts = idx.facet_values(field, limit=limit)
    _print_rows([c.to_dict() for c in counts], ("value", "count", "label"), fmt)


@main.command()
@click.option(
    "--similar",
    "similar_only",
    is_flag=True,
    help="Only speakers whose name looks like another's of the same country: one person "
    "the rules kept apart is pinned in people.yaml.",
)
@format_option()
@index_option
def speakers(similar_only: bool, fmt: str, index_dir: Path) -> None:
    """Canonical speakers with their spelling variants, roles, years, countries and passage
    and document counts."""
    from .search import Index

    with Index(index_dir) as idx:
        rows = [s.to_dict() for s in idx.speakers(similar_only=similar_only)]
    columns = ("name", "passages", "documents", "years", "countries", "roles", "variants")
    _print_rows(rows, (*columns, "similar") if similar_only else columns, fmt)


def _print_rows(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str) -> None:
    if fmt == "json":
        click.echo(output.to_json(rows))
    elif fmt == "jsonl":
        _emit_lines(output.to_jsonl(rows))
    elif fmt == "csv":
        _emit_lines(output.to_csv(rows, columns))
    else:
        _emit_lines(output.table_text(rows, columns))


@main.command()
@click.argument("passage_id")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000))
@format_option()
@color_option
@index_option
def similar(passage_id: str, limit: int, fmt: str, color: bool | None, index_dir: Path) -> None:
    """Passages on the same subject as PASSAGE_ID."""
    from .search import Index

    with Index(index_dir) as idx:
        results = idx.similar(passage_id, limit=limit)
    _print_results(results, fmt, _use_color(color))
    if results.total == 0:
        sys.exit(EXIT_NO_MATCH)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@filter_options
@jobs_option(1)
@click.option(
    "--hits",
    default=10,
    show_default=True,
    type=click.IntRange(0, 1000),
    help="Top hits per query.",
)
@click.option("--with-facets", is_flag=True, help="Include facet counts (speaker, topic, year).")
@click.option("--any", "match_any", is_flag=True, help="Match any word instead of all.")
@format_option("jsonl", "csv")
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write here instead of stdout.",
)
@index_option
@corpus_option
def bulk(
    file: Path,
    jobs: int,
    hits: int,
    with_facets: bool,
    match_any: bool,
    fmt: str,
    index_dir: Path,
    corpus_dir: Path | None,
    **options: Any,
) -> None:
    """Run every query in FILE (.txt one a line, .csv/.tsv with a 'query' column, .jsonl).

    Writes one JSON line (or CSV row) per query, in input order: id, query, total,
    facets if asked, top hits. A failing query gets an 'error' field; the run goes on.
    """
    from .bulk import bulk_rows

    out = options.pop("output")
    with _open(index_dir, corpus_dir) as idx:
        rows = bulk_rows(
            idx,
            file,
            jobs=jobs,
            hits=hits,
            with_facets=with_facets,
            match="any" if match_any else "all",
            **_filters(options),
        )
        if fmt == "csv":
            flat = ({**r, "hits": [h["passage_id"] for h in r["hits"]]} for r in rows)
            lines = output.to_csv(flat, ("id", "query", "total", "error", "hits"))
        else:
            lines = output.to_jsonl(rows)
        for line in lines:
            out.write(line + "\n")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Corpus folder whose people.yaml, topics.yaml and kzsearch.yaml apply "
    "(default: the file's folder).",
)
@format_option("text", "json")
def extract(file: Path, corpus_dir: Path | None, fmt: str) -> None:
    """Show the metadata extracted from FILE: date, speakers, and per passage who speaks and why."""
    from .extract import extract_file

    reports = extract_file(file, corpus_dir)
    if fmt == "json":
        click.echo(output.to_json(reports))
        return
    for report in reports:
        _emit_lines(_extract_text(report))


def _extract_text(report: dict[str, Any]) -> Iterator[str]:
    for key in (
        "doc_id",
        "title",
        "date",
        "date_source",
        "speakers",
        "roles",
        "persons",
        "topics",
        "countries",
    ):
        value = report.get(key)
        if value:
            yield f"{key}: {_plain(value)}"
    for passage in report.get("passages", []):
        yield ""
        cue = f"  (cue: {passage['cue']})" if passage.get("cue") else ""
        yield f"#{passage.get('position')}  speaker: {_plain(passage.get('speakers')) or '-'}{cue}"
        for key in ("persons", "topics", "countries"):
            if passage.get(key):
                yield f"   {key}: {_plain(passage[key])}"
        yield output.wrap(passage.get("text", ""), "   ")


def _plain(value: Any) -> str:
    """Lists, roles and topics as short readable text."""
    if isinstance(value, dict):
        return "; ".join(f"{k} ({v})" if v else k for k, v in value.items())
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                score = f" {item['score']:g}" if "score" in item else ""
                parts.append(f"{item.get('label') or item.get('id')}{score}")
            else:
                parts.append(str(item))
        return "; ".join(parts)
    return str(value)


@main.command("eval")
@input_file("--docs", "Documents, JSON lines {id, title, text}.")
@input_file("--queries", "Queries, qid<TAB>text.")
@input_file("--qrels", "TREC qrels: qid 0 docid gain.")
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Use (or build) this index instead of a temporary one.",
)
@click.option("--per-query", is_flag=True, help="Also print each query's figures.")
@click.option(
    "--run",
    "run_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a TREC run file.",
)
@format_option("text", "json")
def eval_command(
    docs: Path,
    queries: Path,
    qrels: Path,
    index_dir: Path | None,
    per_query: bool,
    run_file: Path | None,
    fmt: str,
) -> None:
    """Measure ranking quality: nDCG@10, MAP, MRR@10 and Recall@100."""
    from .evaluation import evaluate_files

    report = evaluate_files(
        docs, queries, qrels, index_dir=index_dir, per_query=per_query, run_file=run_file
    )
    if fmt == "json":
        click.echo(output.to_json(report.to_dict()))
        return
    data = report.to_dict()
    for key in ("ndcg_10", "map", "mrr_10", "recall_100"):
        click.echo(f"{key:<11} {data[key]:.4f}")
    click.echo(f"queries     {data['n_queries']}")
    if per_query:
        for qid, figures in data.get("per_query", {}).items():
            click.echo(f"{qid}\t" + "\t".join(f"{k}={v:.4f}" for k, v in figures.items()))


__all__ = ["main"]
