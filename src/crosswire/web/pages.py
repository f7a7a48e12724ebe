"""The analyst's pages: stories, a story, an article, speakers, search and the map."""

from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from crosswire.errors import LedgerError
from crosswire.ledger import ArticleFilter
from crosswire.web import data, speakers, story
from crosswire.web.app import render
from crosswire.web.search import search_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20


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
) -> Response:
    where = data.StoryFilter(
        q=_blank(q),
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
        outlet=_blank(outlet),
        place=_blank(place),
        person=_blank(person),
    )
    with request.app.state.ledger.open() as ledger:
        listing = data.list_stories(ledger, where)
        total = ledger.count_articles()
    return render(request, "stories.html", listing=listing, where=where, total_articles=total)


@router.get("/stories/{story_id}")
def story_view(request: Request, story_id: str) -> Response:
    with request.app.state.ledger.open() as ledger:
        view = story.story_page(ledger, story_id)
    if view is None:
        raise HTTPException(404, "no story with that id")
    return render(request, "story.html", view=view)


@router.get("/articles")
def articles(
    request: Request,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
    page: int = 1,
) -> Response:
    where = ArticleFilter(
        outlet=_blank(outlet), since=parse_day(since, "since"), until=parse_day(until, "until"), text=_blank(text)
    )
    with request.app.state.ledger.open() as ledger:
        found = list(ledger.iter_articles(where))
        stories = ledger.story_assignments()
        outlets = sorted({a.outlet for a in ledger.iter_articles() if a.outlet}, key=str.casefold)
    page = max(page, 1)
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return render(
        request,
        "articles.html",
        articles=shown,
        stories=stories,
        total=len(found),
        page=page,
        pages=max(1, -(-len(found) // PAGE_SIZE)),
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
        try:
            view = data.article_page(ledger, article_id, target)
        except LedgerError as exc:
            raise HTTPException(400, str(exc)) from None
    if view is None:
        raise HTTPException(404, "no article with that id")
    return render(request, "article.html", view=view)


@router.get("/speakers")
def speaker_list(request: Request) -> Response:
    with request.app.state.ledger.open() as ledger:
        rows = speakers.speakers_index(ledger)
    return render(request, "speakers.html", speakers=rows)


@router.get("/speakers/{key}")
def speaker(request: Request, key: str) -> Response:
    with request.app.state.ledger.open() as ledger:
        view = speakers.speaker_page(ledger, key)
    if view is None:
        raise HTTPException(404, "no speaker with that name")
    return render(request, "speaker.html", view=view)


@router.get("/search")
def search(request: Request, q: str = "", page: int = 1) -> Response:
    page = max(page, 1)
    with request.app.state.ledger.open() as ledger:
        result = search_page(ledger, q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    hits = [hit | {"snippet_html": data.snippet_html(hit["snippet"] or "")} for hit in result["items"]]
    pages = max(1, -(-result["total"] // PAGE_SIZE))
    return render(request, "search.html", q=q, hits=hits, total=result["total"], page=page, pages=pages)


@router.get("/map")
def places_map(request: Request) -> Response:
    with request.app.state.ledger.open() as ledger:
        view = data.map_places(ledger)
    return render(request, "map.html", view=view)


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)
