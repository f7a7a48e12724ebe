"""Stage 5, report: what the ledger holds, as Markdown or self-contained HTML.

:func:`build_report` gathers plain data from the ledger (corpus summary, outlets, dates, exact
duplicates, and one section per article that later stages fill); :func:`render_markdown` and
:func:`render_html` turn it into text through the Jinja templates in ``crosswire/templates``.
Each HTML page has its style inline and no script, so it opens anywhere, offline.

An HTML report of more than :data:`SPLIT_OVER` articles is split (:func:`write_report`): the
named file is an index (corpus, outlets, dates, problems, and a table of stories), and a folder
beside it, ``<name>_files/``, holds one page per story with its articles, and pages of the
articles that belong to no story, :data:`PAGE_ARTICLES` each.
"""

from __future__ import annotations

import logging
import os
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

from crosswire import __version__
from crosswire.errors import OptionError
from crosswire.ledger import Ledger
from crosswire.model import Article
from crosswire.report.findings import REPORT, article_section
from crosswire.report.names import DAY, when
from crosswire.report.story import story_sections

__all__ = [
    "PAGE_ARTICLES",
    "SPLIT_OVER",
    "build_report",
    "check_output",
    "render_html",
    "render_markdown",
    "write_report",
]

EXCERPT_CHARS = 320
SPLIT_OVER = 200
"""An HTML report of more articles than this is an index page plus one page per story."""
PAGE_ARTICLES = 100
"""Articles per page for those in no story, in a split report."""

log = logging.getLogger(__name__)


def _day(article: Article) -> str | None:
    return when(article.published, DAY)


def build_report(ledger: Ledger, *, title: str = "crosswire report") -> dict[str, Any]:
    """Everything the report shows, as plain data."""
    articles = list(ledger.iter_articles())
    outlets: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        outlets[article.outlet or "(unknown outlet)"].append(article)
    days = Counter(day for day in (_day(a) for a in articles) if day)
    dated = sorted(days)
    problems = ledger.problems()
    failures: list[str] = []  # filled while the sections below are built
    return {
        "title": title,
        "version": __version__,
        "ledger": str(ledger.location),
        "summary": {
            "articles": len(articles),
            "sightings": sum(len(a.sightings) for a in articles),
            "outlets": len(outlets),
            "words": sum(len(a.text.split()) for a in articles),
            "dated": sum(1 for a in articles if a.published is not None),
            "undated": sum(1 for a in articles if a.published is None),
            "first_day": dated[0] if dated else None,
            "last_day": dated[-1] if dated else None,
        },
        "outlets": [
            {
                "name": name,
                "articles": len(items),
                "first_day": min((d for d in map(_day, items) if d), default=None),
                "last_day": max((d for d in map(_day, items) if d), default=None),
            }
            for name, items in sorted(outlets.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))
        ],
        "days": [{"day": day, "articles": days[day]} for day in dated],
        "duplicates": [
            {"id": a.id, "href": f"#a-{a.id}", "title": a.title, "sources": [s.source for s in a.sightings]}
            for a in articles
            if len(a.sightings) > 1
        ],
        "problems": [p.as_dict() | {"text": str(p)} for p in problems],
        "stories": list(story_sections(ledger, REPORT, failures=failures)),
        "articles": [_guarded_section(a, ledger, failures) for a in articles],
        "failures": failures,
        "page": None,
        "pages": [],
    }


def _guarded_section(article: Article, ledger: Ledger, failures: list[str]) -> dict[str, Any]:
    """An article's section; when its findings cannot be shown, its text alone, and a line in ``failures``."""
    try:
        return _article_section(article, ledger.get_extraction(article.id))
    except Exception as exc:  # what one article holds must not fail the whole report
        log.info("findings of %s cannot be shown", article.source, exc_info=exc)  # the traceback with --verbose
        failures.append(f"{article.source}: findings not shown ({type(exc).__name__}: {exc})")
        return _article_section(article, None)


def _article_section(article: Article, findings: dict[str, Any] | None = None) -> dict[str, Any]:
    """An article as :func:`crosswire.report.findings.article_section` assembles it, with an excerpt."""
    text = article.text
    excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return article_section(article, findings, hrefs=REPORT) | {"excerpt": excerpt}


def _environment(autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("crosswire.report", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown."""
    return _environment(autoescape=False).get_template("report.md.j2").render(report=report)


def render_html(report: dict[str, Any]) -> str:
    """The report as one self-contained HTML page (inline style, no script, all text escaped)."""
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    template = _environment(autoescape=True).get_template("report.html.j2")
    return template.render(report=report, generated=generated)


def check_output(path: Path) -> None:
    """Raise ``OptionError`` unless ``path`` can be written: checked before any work starts."""
    folder = path.parent
    if path.is_dir():
        raise OptionError(f"cannot write {path}: it is a folder")
    if not folder.is_dir():
        raise OptionError(f"cannot write {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OptionError(f"cannot write {path}: permission denied")


def write_report(ledger: Ledger, path: Path, *, fmt: str | None = None, split_over: int | None = SPLIT_OVER) -> Path:
    """Write the report to ``path`` (HTML unless the name ends in ``.md`` or ``fmt`` says ``md``).

    An HTML report of more than ``split_over`` articles is split into pages (``None``: never).
    """
    fmt = fmt or ("md" if path.suffix.lower() in (".md", ".markdown") else "html")
    data = build_report(ledger)
    try:
        if fmt == "html" and split_over is not None and len(data["articles"]) > split_over:
            _write_pages(data, path)
        else:
            path.write_text(render_markdown(data) if fmt == "md" else render_html(data), encoding="utf-8")
    except OSError as exc:
        raise OptionError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def _write_pages(data: dict[str, Any], path: Path) -> None:
    """The index at ``path`` and a page per story (and per :data:`PAGE_ARTICLES` other articles) beside it."""
    folder = path.with_name(f"{path.stem}_files")
    folder.mkdir(exist_ok=True)
    for stale in [*folder.glob("story-*.html"), *folder.glob("articles-*.html")]:
        stale.unlink()
    sections = {a["id"]: a for a in data["articles"]}
    home = {a_id: "" for a_id in sections}
    pages: list[tuple[str, dict[str, Any]]] = []
    for number, story in enumerate(data["stories"], start=1):
        members = [t["id"] for t in story["timeline"] if t["id"] in sections]
        name = f"story-{number:04d}.html"
        pages.append((name, {"label": story["label"], "stories": [story], "ids": members}))
        home.update((a_id, name) for a_id in members)
    alone = [a_id for a_id, page in home.items() if not page]
    for number, start in enumerate(range(0, len(alone), PAGE_ARTICLES), start=1):
        ids = alone[start : start + PAGE_ARTICLES]
        name = f"articles-{number:04d}.html"
        pages.append(
            (name, {"label": f"Articles in no story ({start + 1}–{start + len(ids)})", "stories": [], "ids": ids})
        )
        home.update((a_id, name) for a_id in ids)
    link = f"{folder.name}/"
    for name, page in pages:
        part = data | {
            "title": f"{page['label']} · {data['title']}",
            "page": {"index": f"../{path.name}", "label": page["label"]},
            "stories": page["stories"],
            "articles": [sections[a_id] for a_id in page["ids"]],
        }
        (folder / name).write_text(render_html(part), encoding="utf-8")
    index = data | {
        "stories": [],
        "articles": [],
        "duplicates": [d | {"href": f"{link}{home[d['id']]}#a-{d['id']}"} for d in data["duplicates"]],
        "pages": [
            {"href": f"{link}{name}", "label": page["label"], "articles": len(page["ids"])} for name, page in pages
        ],
    }
    path.write_text(render_html(index), encoding="utf-8")
