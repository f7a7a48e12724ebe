"""The ``crosswire`` command: a thin layer over the library.

Each command parses its options, calls one library function, and turns crosswire's own
exceptions into a one-line message and an exit code:

====  =====================================================================
code  meaning
====  =====================================================================
0     success (for ingest: something was ingested, or everything was a duplicate)
1     failure: inputs were given but none could be read, or a record was not found
2     usage error: an unknown option, or an option value that cannot work
3     the ledger could not be opened, migrated or written
4     an optional feature is not installed (the message names the extra)
130   interrupted (Ctrl-C); completed batches stay in the ledger
====  =====================================================================
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from crosswire import __version__
from crosswire.bench import DEFAULT_DATA
from crosswire.bench.runner import TASKS, run_task
from crosswire.buildinfo import build_name
from crosswire.errors import CrosswireError, LedgerError, MissingExtraError, OptionError
from crosswire.extract import ExtractionFailure, extract_many
from crosswire.ingest import FORMATS as INPUT_FORMATS
from crosswire.ingest import IngestOptions, IngestSummary, Problem, ingest, iter_articles
from crosswire.ingest.dates import parse_date
from crosswire.ingest.inputs import DEFAULT_MAX_BYTES
from crosswire.ledger import DEFAULT_LEDGER, ArticleFilter, Ledger, open_ledger
from crosswire.model import Article
from crosswire.parallel import default_workers
from crosswire.pipeline import RunResult, run_demo
from crosswire.pipeline import run as run_pipeline
from crosswire.report import build_report, render_html, render_markdown
from crosswire.report.export import EXPORTS, FORMATS, export

__all__ = ["app", "main"]

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_LEDGER, EXIT_EXTRA, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130

app = typer.Typer(
    name="crosswire",
    help="Turn a pile or a stream of news reports into a sourced, de-duplicated, cross-checked record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class _State:
    quiet = False


state = _State()

DbOption = Annotated[Path, typer.Option("--db", envvar="CROSSWIRE_DB", help="Ledger file (SQLite).", show_default=True)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of text.")]


def _version(value: bool) -> None:
    if value:
        out.print(f"crosswire {__version__} ({build_name()})")
        raise typer.Exit()


@app.callback()
def _main(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only results and errors; no progress.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """crosswire: which articles tell one story, who said what, how many independent sources back it."""
    state.quiet = quiet
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# --- helpers -----------------------------------------------------------------------------------------


def _fail(message: str, code: int = EXIT_FAILURE) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Map crosswire's exceptions to one line and an exit code."""
    try:
        yield
    except LedgerError as exc:
        _fail(str(exc), EXIT_LEDGER)
    except MissingExtraError as exc:
        _fail(str(exc), EXIT_EXTRA)
    except OptionError as exc:
        _fail(str(exc), EXIT_USAGE)
    except CrosswireError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        err.print("interrupted; completed batches are kept in the ledger")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(EXIT_OK) from None


@contextmanager
def _ledger(path: Path) -> Iterator[Ledger]:
    with _errors(), open_ledger(path) as ledger:
        yield ledger


@contextmanager
def _progress(description: str) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on the terminal for work over many inputs; nothing when quiet or piped."""
    if state.quiet or not err.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(description, total=None)

        def update(label: str, done: int, total: int) -> None:
            bar.update(
                task,
                completed=done,
                total=total or None,
                description=f"{description} {Path(label).name}"[:60],
            )

        yield update


def _parse_day(value: str | None, option: str) -> Any:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise OptionError(f"{option}: {exc}") from None


def _parse_fields(values: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for value in values:
        name, sep, source = value.partition("=")
        if not sep or not name or not source:
            raise OptionError(f"--field {value!r}: expected ARTICLE_FIELD=RECORD_FIELD, e.g. text=story_body")
        if name not in ("text", "title", "url", "published", "outlet", "id", "byline", "language"):
            raise OptionError(f"--field {value!r}: {name!r} is not an article field")
        fields[name] = source
    return fields


def _parse_size(value: str) -> int:
    text = value.strip().upper().removesuffix("B")
    factor = {"K": 1024, "M": 1024**2, "G": 1024**3}.get(text[-1:], 1)
    try:
        number = float(text[:-1] if factor > 1 else text)
    except ValueError:
        raise OptionError(f"--max-size {value!r}: expected a size such as 50MB or 200K") from None
    if number <= 0:
        raise OptionError(f"--max-size {value!r}: must be above zero")
    return int(number * factor)


def _ingest_options(
    published: str | None, outlet: str | None, field: list[str], fmt: str | None, max_size: str
) -> IngestOptions:
    if fmt is not None and fmt not in INPUT_FORMATS:
        raise OptionError(f"--format {fmt!r}: choose one of {', '.join(INPUT_FORMATS)}")
    return IngestOptions(
        published=_parse_day(published, "--published"),
        outlet=outlet,
        fields=_parse_fields(field),
        format=fmt,
        max_bytes=_parse_size(max_size),
    )


def _print_stages(result: RunResult) -> None:
    for failure in result.extract.failures:
        err.print(str(failure), markup=False)
    links = ", ".join(f"{kind.replace('_', ' ')} {n}" for kind, n in sorted(result.link.links.items())) or "none new"
    out.print(
        f"extracted {result.extract.extracted}"
        + (f", failed {len(result.extract.failures)}" if result.extract.failures else "")
    )
    out.print(f"linked {result.link.articles}: {result.link.stories} stories; links: {links}")
    out.print(f"report: {result.report}")


def _print_summary(summary: IngestSummary, as_json: bool) -> None:
    if as_json:
        out.print_json(json.dumps(summary.as_dict()))
        return
    for problem in summary.problems:
        err.print(str(problem), markup=False)
    if not state.quiet or not summary.ok:
        out.print(
            f"ingested {summary.ingested}, duplicates {summary.duplicates}, skipped {summary.skipped}"
            + (f", warnings {summary.warnings}" if summary.warnings else "")
        )


PathsArgument = Annotated[
    list[str],
    typer.Argument(help="Files, folders (read recursively), glob patterns, or - for standard input."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(help="Publication date for inputs that carry none (e.g. 2024-11-04).", show_default=False),
]
OutletOption = Annotated[str | None, typer.Option(help="Outlet for inputs that name none.", show_default=False)]
FieldOption = Annotated[
    list[str],
    typer.Option(
        "--field",
        help="Map a record field: ARTICLE_FIELD=RECORD_FIELD (e.g. text=story_body). Repeatable.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option("--format", help=f"Read every input as this format ({', '.join(INPUT_FORMATS)}).", show_default=False),
]
MaxSizeOption = Annotated[str, typer.Option("--max-size", help="Skip inputs larger than this (e.g. 50MB).")]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", "-j", help="Processes for reading and extraction (default: all cores).", min=1),
]


# --- commands ------------------------------------------------------------------------------------------


@app.command("ingest")
def ingest_command(
    paths: PathsArgument,
    db: DbOption = Path(DEFAULT_LEDGER),
    published: PublishedOption = None,
    outlet: OutletOption = None,
    field: FieldOption = [],  # noqa: B006 - typer reads the default
    fmt: FormatOption = None,
    max_size: MaxSizeOption = f"{DEFAULT_MAX_BYTES // 1024**2}MB",
    workers: WorkersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read articles from files, folders, feeds and archives into the ledger, each article once."""
    with _errors():
        options = _ingest_options(published, outlet, field, fmt, max_size)
    with _ledger(db) as ledger, _progress("ingest") as progress:
        summary = ingest(paths, ledger, options, progress=progress, workers=workers or default_workers())
    _print_summary(summary, as_json)
    if not summary.ok:
        raise typer.Exit(EXIT_FAILURE)


@app.command("run")
def run_command(
    paths: PathsArgument,
    db: DbOption = Path(DEFAULT_LEDGER),
    report: Annotated[Path, typer.Option(help="Where to write the report (.html, or .md for Markdown).")] = Path(
        "crosswire-report.html"
    ),
    published: PublishedOption = None,
    outlet: OutletOption = None,
    field: FieldOption = [],  # noqa: B006
    fmt: FormatOption = None,
    max_size: MaxSizeOption = f"{DEFAULT_MAX_BYTES // 1024**2}MB",
    workers: WorkersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest, run every stage, and write the report, in one go."""
    with _errors():
        options = _ingest_options(published, outlet, field, fmt, max_size)
    with _ledger(db) as ledger, _progress("run") as progress:
        result = run_pipeline(
            paths, ledger, options, report=report, progress=progress, workers=workers or default_workers()
        )
    if as_json:
        out.print(json.dumps(result.as_dict()), markup=False, highlight=False)
    else:
        _print_summary(result.ingest, as_json=False)
        _print_stages(result)
    if not result.ingest.ok:
        raise typer.Exit(EXIT_FAILURE)


@app.command("extract")
def extract_command(
    paths: PathsArgument,
    published: PublishedOption = None,
    outlet: OutletOption = None,
    field: FieldOption = [],  # noqa: B006
    fmt: FormatOption = None,
    max_size: MaxSizeOption = f"{DEFAULT_MAX_BYTES // 1024**2}MB",
) -> None:
    """Print what the extractors find in each article, one JSON object per line (no ledger)."""
    with _errors():
        options = _ingest_options(published, outlet, field, fmt, max_size)
    read = failed = 0
    with _errors():

        def articles() -> Iterator[Article]:  # streamed: a large input never sits in memory whole
            for item in iter_articles(paths, options):
                if isinstance(item, Problem):
                    err.print(str(item), markup=False)
                else:
                    yield item

        for found in extract_many(articles()):
            if isinstance(found, ExtractionFailure):
                failed += 1
                err.print(str(found), markup=False)
                continue
            read += 1
            sys.stdout.write(json.dumps(found.record(), ensure_ascii=False) + "\n")
    if read == 0 and (failed or paths):
        raise typer.Exit(EXIT_FAILURE)


@app.command("articles")
def articles_command(
    db: DbOption = Path(DEFAULT_LEDGER),
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.", show_default=False)] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this day.", show_default=False)] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this day.", show_default=False)] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", help="Only articles whose title or text has this.", show_default=False),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.", show_default=False, min=1)] = None,
    as_json: JsonOption = False,
) -> None:
    """List the articles in the ledger, in publication order."""
    with _ledger(db) as ledger:
        where = ArticleFilter(
            outlet=outlet,
            since=_as_day(since, "--since"),
            until=_as_day(until, "--until"),
            text=search,
            limit=limit,
        )
        rows = list(ledger.iter_articles(where))
    if as_json:
        for article in rows:
            data = article.as_dict()
            data.pop("text")
            out.print(json.dumps(data, ensure_ascii=False), markup=False, highlight=False)
        return
    for article in rows:
        published = article.published.isoformat()[:16] if article.published else "undated"
        title = article.title or article.text[:60].split("\n")[0]
        out.print(f"{article.id}  {published:<16}  {(article.outlet or '-')[:24]:<24}  {title}", markup=False)
    if not state.quiet:
        err.print(f"{len(rows)} article(s)")


def _as_day(value: str | None, option: str) -> date | None:
    with _errors():
        parsed = _parse_day(value, option)
    if parsed is None:
        return None
    return parsed if not hasattr(parsed, "date") else parsed.date()


@app.command("show")
def show_command(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id (or a unique prefix of 6+ characters).")],
    db: DbOption = Path(DEFAULT_LEDGER),
    as_json: JsonOption = False,
) -> None:
    """Show one article: its metadata, every place it was seen, and its text."""
    with _ledger(db) as ledger:
        article = ledger.get_article(article_id)
    if article is None:
        _fail(f"no article with id {article_id!r} in {db}")
    if as_json:
        out.print(json.dumps(article.as_dict(), ensure_ascii=False), markup=False, highlight=False)
        return
    out.print(f"[bold]{article.title or '(untitled)'}[/]")
    for label, value in (
        ("id", article.id),
        ("outlet", article.outlet),
        ("published", article.published.isoformat() if article.published else "unknown"),
        ("byline", article.byline),
        ("url", article.url),
        ("language", article.language),
    ):
        if value:
            out.print(f"{label:>10}: {value}", markup=False)
    for sighting in article.sightings:
        out.print(f"{'seen in':>10}: {sighting.source}", markup=False)
    out.print()
    out.print(article.text, markup=False)


@app.command("report")
def report_command(
    db: DbOption = Path(DEFAULT_LEDGER),
    fmt: Annotated[str, typer.Option("--format", help="md (Markdown) or html.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (required for html).", show_default=False),
    ] = None,
) -> None:
    """Write the report: corpus summary, outlets, dates, duplicates and one section per article."""
    with _errors():
        if fmt not in ("md", "html"):
            raise OptionError(f"--format {fmt!r}: choose md or html")
        if fmt == "html" and output is None:
            raise OptionError("the HTML report is a file: give --output FILE")
    with _ledger(db) as ledger:
        data = build_report(ledger)
    text = render_markdown(data) if fmt == "md" else render_html(data)
    if output is None:
        sys.stdout.write(text)
        return
    with _errors():
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OptionError(f"cannot write {output}: {exc.strerror}") from None
    if not state.quiet:
        out.print(f"report: {output}")


@app.command("export")
def export_command(
    what: Annotated[str, typer.Option("--what", help=f"Which records: {', '.join(EXPORTS)}.")] = "articles",
    fmt: Annotated[str, typer.Option("--format", help=f"{', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (default: standard output).", show_default=False),
    ] = None,
    db: DbOption = Path(DEFAULT_LEDGER),
) -> None:
    """Export records as JSON Lines, CSV or Parquet for other tools."""
    with _ledger(db) as ledger, _errors():
        count = export(ledger, what, fmt, output if output is not None else sys.stdout)
    if output is not None and not state.quiet:
        err.print(f"exported {count} {what} to {output}")


@app.command("demo")
def demo_command(
    directory: Annotated[Path, typer.Option("--dir", help="Folder for the demo ledger and report.")] = Path(
        "crosswire-demo"
    ),
) -> None:
    """Run the built-in sample corpus into a folder and print where the report is."""
    with _errors(), _progress("demo") as progress:
        result = run_demo(directory, progress=progress)
    _print_summary(result.ingest, as_json=False)
    _print_stages(result)
    out.print(f"ledger: {directory / 'crosswire.db'}")


@app.command("serve")
def serve_command(
    db: DbOption = Path(DEFAULT_LEDGER),
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless --token is given).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="CROSSWIRE_TOKEN", help="Require this token on every request.", show_default=False),
    ] = None,
) -> None:
    """Serve the analyst web app and the JSON API (OpenAPI at /openapi.json)."""
    with _errors():
        from crosswire.web import serve  # the web extra is optional

        if not state.quiet:
            err.print(f"crosswire web app on http://{host}:{port}/ (Ctrl-C to stop)")
        serve(db, host, port, token)


@app.command("bench")
def bench_command(
    task: Annotated[
        str,
        typer.Argument(
            help="quotes, quantities, times, places, stories, paraphrase, dedup, speed, scale, web, realnews, or all."
        ),
    ],
    path: Annotated[
        Path | None, typer.Argument(help="Dataset file or folder (default: the task's dataset in --data).")
    ] = None,
    data: Annotated[Path, typer.Option(help="Folder of the evaluation datasets.")] = DEFAULT_DATA,
    limit: Annotated[int | None, typer.Option(help="Use at most this many items.", min=1)] = None,
) -> None:
    """Score crosswire against annotated data (or measure its speed); ends with one JSON line of figures."""
    tasks = list(TASKS) if task == "all" else [task]
    if task == "all" and path is not None:
        _fail("give no PATH with 'all'; use --data FOLDER", EXIT_USAGE)
    for name in tasks:
        with _errors():
            result = run_task(name, path, data=data, limit=limit)
        if result.skipped:
            err.print(f"bench {name}: skipped: {result.skipped}")
            continue
        out.print(result.text, markup=False, highlight=False)
        out.print(json.dumps({"task": name, "path": str(result.path)} | (result.figures or {})), markup=False)


def main() -> None:
    """Entry point of the ``crosswire`` console command."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
