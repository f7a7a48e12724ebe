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
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from crosswire import __version__
from crosswire.bench import DEFAULT_DATA
from crosswire.bench.runner import TASKS, run_task
from crosswire.budget import DEFAULT_BUDGET
from crosswire.buildinfo import build_name
from crosswire.cluster.connect import parse_cluster
from crosswire.errors import CrosswireError, LedgerError, MissingExtraError, OptionError
from crosswire.extract import ExtractionFailure, extract_many
from crosswire.ingest import FORMATS as INPUT_FORMATS
from crosswire.ingest import IngestOptions, IngestSummary, Problem, ingest, iter_articles
from crosswire.ingest.dates import parse_date
from crosswire.ingest.inputs import DEFAULT_MAX_BYTES
from crosswire.ledger import DEFAULT_LEDGER, ArticleFilter, Ledger, open_ledger
from crosswire.ledger.watch import StoredRevision, keeps_watch, watch_ledger
from crosswire.memory import DEFAULT_MEMORY, MemoryBudget, parse_size
from crosswire.model import Article
from crosswire.parallel import default_workers
from crosswire.pipeline import RunResult, run_demo
from crosswire.pipeline import run as run_pipeline
from crosswire.report import build_report, check_output, render_markdown, write_report
from crosswire.report.export import EXPORTS, FORMATS, export
from crosswire.report.render import SPLIT_OVER

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

_option_type = typer.core.TyperOption.display_type_rich
_argument_type = typer.core.TyperArgument.display_type_rich


def _option_display(self: typer.core.TyperOption, ctx: Any) -> str | None:
    # typer's help shows a value placeholder ("<bool>") after flags, which take none: show nothing.
    return None if self.is_flag else _option_type(self, ctx)


def _argument_display(self: typer.core.TyperArgument, ctx: Any) -> str | None:
    # and a Python type ("<list[str]>") after arguments: their metavar ("PATH...") says it better.
    return None if self.metavar else _argument_type(self, ctx)


typer.core.TyperOption.display_type_rich = _option_display  # type: ignore[method-assign]
typer.core.TyperArgument.display_type_rich = _argument_display  # type: ignore[method-assign,assignment]

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class _State:
    quiet = False


state = _State()

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="CROSSWIRE_DB",
        metavar="LEDGER",
        help="The ledger: an SQLite file, or a PostgreSQL database as postgresql://USER@HOST[:PORT]/DB.",
        show_default=True,
    ),
]
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
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)  # "[watch]" is no markup
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
def _ledger(location: str, *, create: bool = True) -> Iterator[Ledger]:
    """The ledger at ``location``; commands that only read pass ``create=False``: a missing one is an error."""
    with _errors(), open_ledger(location, create=create) as ledger:
        yield ledger


def _writable(path: Path | None) -> None:
    """Stop with a one-line error, before any work, when ``path`` cannot be written."""
    if path is not None:
        with _errors():
            check_output(path)


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
        max_bytes=parse_size(max_size, "--max-size"),
    )


def _print_stages(result: RunResult) -> None:
    for failure in [*result.extract.failures, *result.link.failures]:
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
    typer.Argument(metavar="PATH", help="Files, folders (read recursively), glob patterns, or - for standard input."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE", help="Publication date for inputs that carry none (e.g. 2024-11-04).", show_default=False
    ),
]
OutletOption = Annotated[
    str | None, typer.Option(metavar="NAME", help="Outlet for inputs that name none.", show_default=False)
]
FieldOption = Annotated[
    list[str],
    typer.Option(
        "--field",
        metavar="FIELD=NAME",
        help="Map a record field: ARTICLE_FIELD=RECORD_FIELD (e.g. text=story_body). Repeatable.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help=f"Read every input as this format ({', '.join(INPUT_FORMATS)}).",
        show_default=False,
    ),
]
MaxSizeOption = Annotated[
    str, typer.Option("--max-size", metavar="SIZE", help="Skip inputs larger than this (e.g. 50MB).")
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers", "-j", metavar="N", help="Processes for reading and extraction (default: all cores).", min=1
    ),
]
BudgetOption = Annotated[
    float,
    typer.Option(
        "--time-budget",
        metavar="SECONDS",
        help="Processor time each article may take to extract; past it, it is reported and skipped (0: no limit).",
        min=0,
    ),
]


# --- commands ------------------------------------------------------------------------------------------


@app.command("ingest")
def ingest_command(
    paths: PathsArgument,
    db: DbOption = DEFAULT_LEDGER,
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
    db: DbOption = DEFAULT_LEDGER,
    report: Annotated[Path, typer.Option(help="Where to write the report (.html, or .md for Markdown).")] = Path(
        "crosswire-report.html"
    ),
    published: PublishedOption = None,
    outlet: OutletOption = None,
    field: FieldOption = [],  # noqa: B006
    fmt: FormatOption = None,
    max_size: MaxSizeOption = f"{DEFAULT_MAX_BYTES // 1024**2}MB",
    workers: WorkersOption = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Read and extract on a Dask cluster: local (all cores), local:N (N worker processes), or a"
            " scheduler's address, tcp://HOST:8786. Needs the distributed extra.",
            show_default=False,
        ),
    ] = None,
    memory: Annotated[
        str,
        typer.Option(
            help="Memory budget of the run besides the linkers' indexes: batch and partition sizes, and each"
            " local cluster worker's limit (e.g. 2GB).",
        ),
    ] = DEFAULT_MEMORY,
    time_budget: BudgetOption = DEFAULT_BUDGET,
    as_json: JsonOption = False,
) -> None:
    """Ingest, run every stage, and write the report, in one go."""
    with _errors():
        options = _ingest_options(published, outlet, field, fmt, max_size)
        limits = MemoryBudget.parse(memory)
        spec = parse_cluster(cluster) if cluster is not None else None
    _writable(report)
    with _ledger(db) as ledger, _progress("run") as progress, _errors():
        result = run_pipeline(
            paths,
            ledger,
            options,
            report=report,
            progress=progress,
            workers=workers or default_workers(),
            cluster=spec,
            memory=limits,
            budget=time_budget or None,
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
    time_budget: BudgetOption = DEFAULT_BUDGET,
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

        for found in extract_many(articles(), budget=time_budget or None):
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
    db: DbOption = DEFAULT_LEDGER,
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
    with _ledger(db, create=False) as ledger:
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


def _revisions(ledger: Ledger, article_id: str, raw: bool) -> list[StoredRevision]:
    """An article's revisions, when the ledger keeps them (one on PostgreSQL does not yet)."""
    return watch_ledger(ledger).revisions(article_id, raw=raw) if keeps_watch(ledger) else []


@app.command("show")
def show_command(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id (or a unique prefix of 6+ characters).")],
    db: DbOption = DEFAULT_LEDGER,
    revision: Annotated[
        int | None, typer.Option(help="Show this revision's diff (default: the latest).", show_default=False, min=1)
    ] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Write the raw bytes of --revision to standard output.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one article: its metadata, every place it was seen, its revisions and their diff, and its text."""
    with _ledger(db, create=False) as ledger:
        article = ledger.get_article(article_id)
        revisions = _revisions(ledger, article.id, raw) if article is not None else []
        where = ledger.location  # a server's address without its password
    if article is None:
        _fail(f"no article with id {article_id!r} in {where}")
    if revision is not None and revision not in {r.number for r in revisions}:
        _fail(f"article {article.id} has no revision {revision} (it has {len(revisions) or 1})")
    if raw:
        if revision is None:
            _fail("--raw needs --revision N", EXIT_USAGE)
        sys.stdout.buffer.write(next(r.raw or b"" for r in revisions if r.number == revision))
        return
    if as_json:
        data = article.as_dict() | {"revisions": [r.as_dict() for r in revisions]}
        out.print(json.dumps(data, ensure_ascii=False), markup=False, highlight=False)
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
    if len(revisions) > 1:
        _print_revisions(revisions, revision)
    out.print()
    out.print(article.text, markup=False)


def _print_revisions(revisions: list[StoredRevision], shown: int | None) -> None:
    """Every revision (number, time, SHA-256 of its raw bytes) and the diff of one (default: the latest)."""
    from crosswire.watch.revisions import unified_diff

    for r in revisions:
        out.print(f"{'revision':>10}: {r.number}  {r.fetched_at}  sha256 {r.sha256}  {r.size} bytes  {r.location}")
    current = shown or revisions[-1].number
    by_number = {r.number: r for r in revisions}
    if current not in by_number or current - 1 not in by_number:
        return
    after, before = by_number[current], by_number[current - 1]
    out.print()
    for change in after.changes or ():
        detail = escape(f"{change.get('before')!r} -> {change.get('after')!r}")
        out.print(f"[bold]{escape(change['message'])}[/]: {detail}", highlight=False)
    for line in unified_diff(
        before.text, after.text, old_label=f"revision {before.number}", new_label=f"revision {after.number}"
    ):
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else None
        out.print(line, style=style, markup=False, highlight=False)


@app.command("report")
def report_command(
    db: DbOption = DEFAULT_LEDGER,
    fmt: Annotated[str, typer.Option("--format", help="md (Markdown) or html.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file (required for html).", show_default=False
        ),
    ] = None,
    one_file: Annotated[
        bool,
        typer.Option(
            "--one-file", help=f"Never split an HTML report (by default one of over {SPLIT_OVER} articles is split)."
        ),
    ] = False,
) -> None:
    """Write the report: corpus summary, outlets, dates, duplicates, stories and every article."""
    with _errors():
        if fmt not in ("md", "html"):
            raise OptionError(f"--format {fmt!r}: choose md or html")
        if fmt == "html" and output is None:
            raise OptionError("the HTML report is a file: give --output FILE")
    _writable(output)
    if output is None:
        with _ledger(db, create=False) as ledger:
            sys.stdout.write(render_markdown(build_report(ledger)))
        return
    with _ledger(db, create=False) as ledger:
        write_report(ledger, output, fmt=fmt, split_over=None if one_file else SPLIT_OVER)
    if not state.quiet:
        out.print(f"report: {output}")


@app.command("export")
def export_command(
    what: Annotated[str, typer.Option("--what", help=f"Which records: {', '.join(EXPORTS)}.")] = "articles",
    fmt: Annotated[str, typer.Option("--format", help=f"{', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (default: standard output).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = DEFAULT_LEDGER,
    site: Annotated[
        str | None, typer.Option("--site", help="claimreview: the desk's address, for each review's url.")
    ] = None,
    publisher: Annotated[
        str | None, typer.Option("--publisher", help="claimreview: who publishes the reviews.")
    ] = None,
) -> None:
    """Export records as JSON Lines, CSV or Parquet for other tools; corrections and ClaimReview JSON-LD too."""
    _writable(output)
    with _ledger(db, create=False) as ledger, _errors():
        target = output if output is not None else sys.stdout
        count = export(ledger, what, fmt, target, site=site, publisher=publisher)
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
    db: DbOption = DEFAULT_LEDGER,
    host: Annotated[
        str, typer.Option(help="Address to listen on; beyond this machine every request needs a user's or the --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="CROSSWIRE_TOKEN", help="A shared token that signs in as 'token' (an admin).", show_default=False
        ),
    ] = None,
) -> None:
    """Serve the analyst web app and the JSON API (OpenAPI at /openapi.json); users sign in with their tokens."""
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
            help="quotes, quantities, times, places, stories, paraphrase, dedup, speed, scale, link, web, realnews,"
            " claims, watch, ledger, distributed, or all."
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


# --- watch, watchlists, alerts ---------------------------------------------------------------------------


@app.command("watch")
def watch_command(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Feed or sitemap addresses (http/https) and folders to follow.", show_default=False),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", "-c", help="TOML watch file: sources and settings (docs/watch.md).", show_default=False
        ),
    ] = None,
    db: DbOption = DEFAULT_LEDGER,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, run the stages, and exit.")] = False,
    interval: Annotated[str | None, typer.Option(help="Poll each source this often.", show_default="10m")] = None,
    delay: Annotated[str | None, typer.Option(help="Wait between two requests to one host.", show_default="1s")] = None,
    timeout: Annotated[
        str | None, typer.Option(help="Give up on a request after this long.", show_default="20s")
    ] = None,
    retries: Annotated[
        int | None, typer.Option(help="Retries after a timeout or a 5xx.", show_default="3", min=0)
    ] = None,
    recheck: Annotated[
        str | None, typer.Option(help="Ask again for a fetched page this often.", show_default="1h")
    ] = None,
    recheck_for: Annotated[
        str | None, typer.Option(help="...for this long after it was first listed; 0 never.", show_default="2d")
    ] = None,
    alerts: Annotated[
        str | None, typer.Option("--alerts", help="Write alerts as JSON Lines to this file, or - for standard output.")
    ] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each alert as JSON to this URL.")] = None,
    user_agent: Annotated[str | None, typer.Option(help="The User-Agent header (name a contact).")] = None,
    stages: Annotated[
        bool, typer.Option("--stages/--no-stages", help="Run extract, link and alerts after each batch.")
    ] = True,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Processes for extraction in each batch.", min=1)] = 1,
) -> None:
    """Follow feeds, sitemaps and folders: fetch what is new or changed, keep every revision, alert on change."""
    import signal
    import threading

    with _errors():
        from crosswire.watch import watch_setup

        setup = watch_setup(
            sources or [],
            config,
            interval=interval,
            delay=delay,
            timeout=timeout,
            retries=retries,
            recheck=recheck,
            recheck_for=recheck_for,
            alerts=alerts,
            webhook=webhook,
            user_agent=user_agent,
            stages=stages,
            workers=workers,
            stdout=sys.stdout,
        )
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        err.print("stopping after the current page (again to interrupt); nothing fetched is lost")

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    failed_everywhere = False
    try:
        with _ledger(db) as ledger, setup.open_sinks() as sinks:
            from crosswire.watch import Watcher

            watcher = Watcher(watch_ledger(ledger), list(setup.sources), setup.options, sinks=sinks, stop=stop)
            if not state.quiet:
                err.print(f"watching {len(setup.sources)} source(s) into {db} (Ctrl-C to stop)")

            def report(summary: Any) -> None:
                if not state.quiet:
                    err.print(_round_line(summary), markup=False)

            try:
                total = watcher.run(once=once, on_round=report)
            finally:
                watcher.close()
            failed_everywhere = once and total.sources > 0 and len(total.errors) >= total.sources
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if failed_everywhere:
        raise typer.Exit(EXIT_FAILURE)


def _round_line(summary: Any) -> str:
    parts = [
        f"polled {summary.sources}",
        f"listed {summary.listed} new or changed",
        f"fetched {summary.fetched} (new {summary.new}, revised {summary.revised}, unchanged {summary.unchanged})",
        f"not modified {summary.not_modified}",
        f"failed {summary.failed}",
    ]
    if summary.extracted or summary.linked:
        parts.append(f"extracted {summary.extracted}, linked {summary.linked}")
    if summary.alerts:
        parts.append(f"alerts {summary.alerts}")
    return "round: " + "; ".join(parts)


watchlist_app = typer.Typer(
    help="Watchlists: entities, speakers, places, claim keys and queries that raise alerts.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(watchlist_app, name="watchlist")


@watchlist_app.command("add")
def watchlist_add(
    name: Annotated[str, typer.Argument(help="The watchlist's name (created on first use).")],
    entity: Annotated[list[str], typer.Option("--entity", help="A person, organisation or country.")] = [],  # noqa: B006
    speaker: Annotated[list[str], typer.Option("--speaker", help="A speaker or asserter (a surname matches).")] = [],  # noqa: B006
    place: Annotated[list[str], typer.Option("--place", help="A place name.")] = [],  # noqa: B006
    claim: Annotated[list[str], typer.Option("--claim", help="A claim key (deploy|launcher), event or thing.")] = [],  # noqa: B006
    query: Annotated[list[str], typer.Option("--query", help="Words that must all occur.")] = [],  # noqa: B006
    db: DbOption = DEFAULT_LEDGER,
) -> None:
    """Add entries to a watchlist (each option repeatable)."""
    from crosswire.watch.alerts import validate_entry

    given = [("entity", v) for v in entity] + [("speaker", v) for v in speaker] + [("place", v) for v in place]
    given += [("claim", v) for v in claim] + [("query", v) for v in query]
    with _errors():
        if not name.strip():
            raise OptionError("the watchlist needs a name")
        if not given:
            raise OptionError("give at least one of --entity, --speaker, --place, --claim, --query")
        checked = [(kind, validate_entry(kind, value)) for kind, value in given]
    with _ledger(db) as ledger:
        for kind, value in checked:
            entry, new = watch_ledger(ledger).add_watchlist_entry(name.strip(), kind, value)
            out.print(f"{'added' if new else 'already there'}: {entry}  {name.strip()}  {kind}  {value}", markup=False)


@watchlist_app.command("list")
def watchlist_list(db: DbOption = DEFAULT_LEDGER, as_json: JsonOption = False) -> None:
    """List every watchlist entry."""
    with _ledger(db) as ledger:
        entries = watch_ledger(ledger).watchlist_entries()
    for entry in entries:
        if as_json:
            out.print(json.dumps(entry, ensure_ascii=False), markup=False, highlight=False)
        else:
            out.print(f"{entry['id']:>4}  {entry['name']}  {entry['kind']}  {entry['value']}", markup=False)
    if not entries and not as_json and not state.quiet:
        err.print("no watchlists; add one with: crosswire watchlist add NAME --entity ...")


@watchlist_app.command("remove")
def watchlist_remove(
    name: Annotated[str | None, typer.Argument(help="Remove this whole watchlist.", show_default=False)] = None,
    entry: Annotated[int | None, typer.Option("--id", help="Remove only this entry.", show_default=False)] = None,
    db: DbOption = DEFAULT_LEDGER,
) -> None:
    """Remove a watchlist by name, or one entry by --id."""
    if (name is None) == (entry is None):
        _fail("give a watchlist NAME or --id ENTRY", EXIT_USAGE)
    with _ledger(db) as ledger:
        removed = watch_ledger(ledger).remove_watchlist_entries(entry=entry, name=name)
    if not removed:
        _fail(f"no watchlist entry {entry}" if entry is not None else f"no watchlist named {name!r}")
    out.print(f"removed {removed} entr{'y' if removed == 1 else 'ies'}")


@app.command("alerts")
def alerts_command(
    db: DbOption = DEFAULT_LEDGER,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.", min=1)] = 20,
    as_json: JsonOption = False,
) -> None:
    """List the alerts the watchlists raised, newest first, with their evidence."""
    with _ledger(db) as ledger:
        rows = watch_ledger(ledger).alerts(limit=limit)
    for alert in rows:
        if as_json:
            out.print(json.dumps(alert, ensure_ascii=False, sort_keys=True), markup=False, highlight=False)
        else:
            out.print(
                f"{alert['created_at']}  {alert['kind']:<15} [{alert['watchlist']['name']}] {alert['message']}"
                f"  ({alert['evidence']})",
                markup=False,
                highlight=False,
            )
    if not rows and not as_json and not state.quiet:
        err.print("no alerts yet")


# The shared desk's command groups (correct, users, outlets) live in their own module, which uses
# the helpers above: imported here, at the end, once they exist.
from crosswire.desk.cli import register_commands  # noqa: E402

register_commands(app)


def main() -> None:
    """Entry point of the ``crosswire`` console command."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
