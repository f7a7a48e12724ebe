"""Stage 5, report: what the ledger holds, as Markdown or one self-contained HTML file.

:func:`build_report` gathers plain data from the ledger (corpus summary, outlets, dates, exact
duplicates, and one section per article that later stages fill); :func:`render_markdown` and
:func:`render_html` turn it into text through the Jinja templates in ``crosswire/templates``.
The HTML file has its style inline and no script, so it opens anywhere, offline.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

from crosswire import __version__
from crosswire.ledger import Ledger
from crosswire.model import Article
from crosswire.report.findings import REPORT, article_section
from crosswire.report.names import DAY, when
from crosswire.report.story import story_sections

__all__ = ["build_report", "render_html", "render_markdown", "write_report"]

EXCERPT_CHARS = 320

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
            {"id": a.id, "title": a.title, "sources": [s.source for s in a.sightings]}
            for a in articles
            if len(a.sightings) > 1
        ],
        "problems": [p.as_dict() | {"text": str(p)} for p in problems],
        "stories": list(story_sections(ledger, REPORT, failures=failures)),
        "articles": [_guarded_section(a, ledger, failures) for a in articles],
        "failures": failures,
    }


def _guarded_section(article: Article, ledger: Ledger, failures: list[str]) -> dict[str, Any]:
    """An article's section; when its findings cannot be shown, its text alone, and a line in ``failures``."""
    try:
        return _article_section(article, ledger.get_extraction(article.id))
    except Exception as exc:  # what one article holds must not fail the whole report
        log.error("findings of %s cannot be shown", article.source, exc_info=exc)
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


def write_report(ledger: Ledger, path: Path, *, fmt: str | None = None) -> Path:
    """Write the report to ``path`` (HTML unless the name ends in ``.md`` or ``fmt`` says ``md``)."""
    fmt = fmt or ("md" if path.suffix.lower() in (".md", ".markdown") else "html")
    data = build_report(ledger)
    path.write_text(render_markdown(data) if fmt == "md" else render_html(data), encoding="utf-8")
    return path
