"""The analyst's pages: stories, a story, an article, speakers, search and the map."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from crosswire.errors import LedgerError
from crosswire.ledger import ArticleFilter, Ledger, StoryFilter
from crosswire.ledger.watch import keeps_watch, watch_ledger
from crosswire.model import parse_published
from crosswire.report.findings import WEB, article_view
from crosswire.report.names import DAY, when
from crosswire.report.story import story_section
from crosswire.web import data, speakers, watch
from crosswire.web.app import render, render_text, viewer
from crosswire.web.charts import STANCES, status_bars, timeline_chart
from crosswire.web.search import search_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
MERGE_CHOICES = 200
"""Stories a story page offers to merge with: those within two weeks of it."""


def _days_from(day: str | None, days: int) -> date | None:
    if not day:
        return None
    return date.fromordinal(date.fromisoformat(day[:10]).toordinal() + days)


def _viewer_key(request: Request) -> tuple[str, str]:
    """Pages show who is asking and what they may do: a kept page is kept per viewer."""
    who = viewer(request)
    return (who.name, who.role)


def parse_day(value: str | None, name: str) -> date | None:
    """A date from a form field; blank is no date, anything else must be ``YYYY-MM-DD``."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name}: not a date (use YYYY-MM-DD)") from None


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


@router.get("/")
def home() -> Response:
    return RedirectResponse("/stories", status_code=303)


@router.get("/stories")
def stories(
    request: Request,
    q: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    place: str | None = None,
    person: str | None = None,
    page: int = 1,
) -> Response:
    page = max(page, 1)
    where = StoryFilter(
        q=_blank(q),
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
        outlet=_blank(outlet),
        place=_blank(place),
        person=_blank(person),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    with request.app.state.ledger.open() as ledger:

        def build() -> bytes:
            listing = data.list_stories(ledger, where)
            pages = max(1, -(-listing["total"] // PAGE_SIZE))
            context = {"listing": listing, "where": where, "page": page, "pages": pages}
            return render_text(request, "stories.html", total_articles=ledger.count_articles(), **context).encode()

        key = ("stories page", str(request.url.query), _viewer_key(request))
        body = request.app.state.pages.kept(key, ledger.revision(), build)
    return HTMLResponse(body)


def story_page(ledger: Ledger, story_id: str) -> dict[str, Any] | None:
    """The story page: the story's section as :func:`crosswire.report.story.story_section` assembles it,
    with its charts laid out, the claims split into the table and those folded away."""
    section = story_section(ledger, story_id, WEB)
    if section is None:
        return None
    claims = section["claims"]
    story = section["story"]
    near = StoryFilter(
        since=_days_from(story.get("first"), -14), until=_days_from(story.get("last"), 14), limit=MERGE_CHOICES
    )
    others = [o for o in ledger.story_summaries(near) if o.id != story_id]
    return section | {
        "others": others,
        "timeline": timeline_chart(section["timeline"]),
        "claims": [c for c in claims if not c["folded"]],
        "folded_claims": [c for c in claims if c["folded"]],
        "claim_count": len(claims),
        "status": status_bars(section["statuses"]),
        "stance": status_bars(section["stances"], names=STANCES),
    }


@router.get("/stories/{story_id}")
def story_view(request: Request, story_id: str) -> Response:
    """A story's page, rendered once per revision of the story (see :mod:`crosswire.web.cache`)."""
    with request.app.state.ledger.open() as ledger:
        summary = ledger.story_summary(story_id)
        if summary is None:
            raise HTTPException(404, "no story with that id")

        def build() -> bytes:
            view = story_page(ledger, story_id)
            if view is None:
                raise HTTPException(404, "no story with that id")
            changed = watch.claim_changes(watch_ledger(ledger), story_id) if keeps_watch(ledger) else {}
            return render_text(request, "story.html", view=view, changed=changed).encode()

        body = request.app.state.pages.kept(("story page", story_id, _viewer_key(request)), summary.revision, build)
    return HTMLResponse(body)


@router.get("/articles")
def articles(
    request: Request,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
    page: int = 1,
) -> Response:
    page = max(page, 1)
    where = ArticleFilter(
        outlet=_blank(outlet),
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
        text=_blank(text),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    with request.app.state.ledger.open() as ledger:
        shown = list(ledger.iter_articles(where))
        total = ledger.count_articles(where)
        stories = {a.id: ledger.story_of(a.id) for a in shown}
        outlets = ledger.outlets()
    return render(
        request,
        "articles.html",
        articles=shown,
        stories=stories,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        where=where,
        outlets=outlets,
    )


_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, hl: str | None = None) -> Response:
    target = None
    if hl and (match := _SPAN.match(hl)):
        target = (int(match[1]), int(match[2]))
    with request.app.state.ledger.open() as ledger:
        # An article in a story changes only with its story; one not linked yet is never kept.
        story_id = ledger.story_of(article_id)
        summary = ledger.story_summary(story_id) if story_id else None

        def build() -> bytes:
            try:
                view = article_view(ledger, article_id, target=target, hrefs=WEB)
            except LedgerError as exc:
                raise HTTPException(400, str(exc)) from None
            if view is None:
                raise HTTPException(404, "no article with that id")
            revisions = (
                watch.revisions_view(watch_ledger(ledger), view["article"].id)
                if keeps_watch(ledger)
                else {"revisions": [], "count": 0, "flags": {}}
            )
            return render_text(request, "article.html", view=view, revisions=revisions).encode()

        key = ("article page", article_id, target, _viewer_key(request))
        body = request.app.state.pages.kept(key, summary.revision if summary else None, build)
    return HTMLResponse(body)


@router.get("/speakers")
def speaker_list(request: Request) -> Response:
    with request.app.state.ledger.open() as ledger:

        def build() -> bytes:
            return render_text(request, "speakers.html", speakers=speakers.speakers_index(ledger)).encode()

        body = request.app.state.pages.kept(("speakers page", _viewer_key(request)), ledger.revision(), build)
    return HTMLResponse(body)


@router.get("/speakers/{key}")
def speaker(request: Request, key: str) -> Response:
    with request.app.state.ledger.open() as ledger:

        def build() -> bytes:
            view = speakers.speaker_page(ledger, key)
            if view is None:
                raise HTTPException(404, "no speaker with that name")
            return render_text(request, "speaker.html", view=view).encode()

        body = request.app.state.pages.kept(("speaker page", key, _viewer_key(request)), ledger.revision(), build)
    return HTMLResponse(body)


@router.get("/search")
def search(request: Request, q: str = "", page: int = 1) -> Response:
    page = max(page, 1)
    with request.app.state.ledger.open() as ledger:
        result = search_page(ledger, q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    hits = [
        hit
        | {"snippet_html": data.snippet_html(hit["snippet"] or ""), "day": when(parse_published(hit["published"]), DAY)}
        for hit in result["items"]
    ]
    pages = max(1, -(-result["total"] // PAGE_SIZE))
    return render(request, "search.html", q=q, hits=hits, total=result["total"], page=page, pages=pages)


@router.get("/map")
def places_map(request: Request) -> Response:
    with request.app.state.ledger.open() as ledger:

        def build() -> bytes:
            return render_text(request, "map.html", view=data.map_places(ledger)).encode()

        body = request.app.state.pages.kept(("map page", _viewer_key(request)), ledger.revision(), build)
    return HTMLResponse(body)


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)
