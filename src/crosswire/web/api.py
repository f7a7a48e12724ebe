"""The JSON API under ``/api/``: the ledger's records, the same rows ``crosswire export`` writes.

Every list is paginated (``limit``, ``offset``) and says how many records match (``total``).
Errors are ``{"error": "..."}`` with a fitting status code; an unknown id is a 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any, Generic, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from crosswire.errors import LedgerError
from crosswire.ledger import ArticleFilter, Ledger, StoryFilter
from crosswire.report.export import article_row, claim_row, export_rows, link_row, story_row
from crosswire.report.findings import carried_speakers
from crosswire.report.names import speaker_key
from crosswire.web.search import search_page
from crosswire.web.upload import handle_ingest, read_ingest_form

__all__ = ["router"]

T = TypeVar("T")


class Error(BaseModel):
    error: str = Field(description="What went wrong, in one line.")


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": Error, "description": "No record with that id."},
    422: {"model": Error, "description": "A parameter has a value that cannot work."},
}

router = APIRouter(prefix="/api", tags=["api"], responses={401: {"model": Error}, 422: ERRORS[422]})


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    total: int = Field(description="How many records match, over all pages.")
    limit: int
    offset: int
    items: list[T]


class Sighting(BaseModel):
    source: str
    url: str | None = None
    outlet: str | None = None


class ArticleRecord(Record):
    """An article as ``crosswire export --what articles`` writes it."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None = Field(description="ISO 8601 date or date and time; null when unknown.")
    byline: str | None
    language: str | None
    text: str
    sightings: list[Sighting]
    words: int


class StoryMember(BaseModel):
    id: str
    source: str | None = None


class StoryRecord(Record):
    """A story: articles about one event or development, with a label and what it is about."""

    id: str
    label: str
    articles: list[StoryMember]
    first: str | None = None
    last: str | None = None
    places: list[str] = []
    people: list[str] = []


class LinkEnd(BaseModel):
    article_id: str
    start: int
    end: int


class LinkRecord(Record):
    """A link between spans of two articles (copies, shared quotes, claim links)."""

    id: str
    kind: str
    a: LinkEnd
    b: LinkEnd
    score: float | None = None
    direction: str | None = None


class Evidence(Record):
    article_id: str | None = None
    start: int | None = None
    end: int | None = None
    asserter: str | None = None
    origin: str | None = None


class ClaimRecord(Record):
    """A claim's assessment: its sources, how many are independent, and its status."""

    id: str
    story_id: str
    status: str
    independent: int
    label: str | None = None
    supporting: list[Evidence] = []
    disputing: list[Evidence] = []
    conflicting: list[Evidence] = []


class Speaker(Record):
    name: str | None = None
    role: str | None = None
    org: str | None = None
    kind: str | None = None


class QuoteRecord(Record):
    """A quote with the article and story it is in."""

    article_id: str
    source: str
    story_id: str | None
    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker | None = None


class SearchHit(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str = Field(description="Text around the hits; each hit is between '[' and ']'.")


class ArticleDetail(BaseModel):
    """One article with everything found in it, its story and its links."""

    article: ArticleRecord
    story_id: str | None
    findings: dict[str, list[dict[str, Any]]] = Field(
        description="Findings by kind: quotes, quantities, times, places, entities, claims."
    )
    links: list[LinkRecord]


class StoryDetail(BaseModel):
    """One story with its articles, claims and links between its articles."""

    story: StoryRecord
    articles: list[ArticleRecord]
    claims: list[ClaimRecord]
    links: list[LinkRecord]


class NewArticle(BaseModel):
    id: str
    title: str
    outlet: str | None
    source: str


class IngestResult(BaseModel):
    """What an ingest did: counts, the new articles, and each problem as one line."""

    inputs: int
    ingested: int
    duplicates: int
    skipped: int
    warnings: int
    new: list[NewArticle]
    problems: list[str]


Limit = Query(50, ge=1, le=1000, description="At most this many records.")
Offset = Query(0, ge=0, description="Skip this many records first.")


def _page(rows: Iterable[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    rows = list(rows)
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset : offset + limit]}


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def as_json(model: Any, data: Any) -> bytes:
    """``data`` checked against ``model`` and written as JSON by pydantic in one pass.

    What FastAPI does for a ``response_model``, without its second pass through ``json.dumps``: the
    list endpoints answer many requests, and this halves what serialising a page costs.
    """
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter.dump_json(adapter.validate_python(data))


def _kept(request: Request, ledger: Ledger, model: Any, page: Callable[[], dict[str, Any]]) -> Response:
    """A list page as JSON, kept per query until the ledger's next write (see :mod:`crosswire.web.cache`)."""
    key = ("api", request.url.path, request.url.query)
    body = request.app.state.pages.kept(key, ledger.revision(), lambda: as_json(Page[model], page()))
    return Response(body, media_type="application/json")


def _ledger(request: Request) -> Any:
    return request.app.state.ledger.open()


@router.get("/stories", response_model=Page[StoryRecord], summary="List stories")
def stories(
    request: Request,
    q: str | None = None,
    since: date | None = None,
    until: date | None = None,
    outlet: str | None = None,
    place: str | None = None,
    person: str | None = None,
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    """Stories, earliest first, optionally filtered like the stories page."""
    where = StoryFilter(q=q, since=since, until=until, outlet=outlet, place=place, person=person)
    with _ledger(request) as ledger:

        def page() -> dict[str, Any]:
            rows = [story_row(s) for s in ledger.iter_stories(replace(where, limit=limit, offset=offset))]
            return {"total": ledger.count_stories(where), "limit": limit, "offset": offset, "items": rows}

        return _kept(request, ledger, StoryRecord, page)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses={404: ERRORS[404]}, summary="One story")
def story(request: Request, story_id: str) -> Response:
    """A story with its articles, claims and the links among its articles (kept per revision of the story)."""
    with _ledger(request) as ledger:
        summary = ledger.story_summary(story_id)
        if summary is None:
            raise HTTPException(404, f"no story with id {story_id!r}")

        def build() -> bytes:
            found = ledger.get_story(story_id)  # the same record as the export's story rows
            if found is None:
                raise HTTPException(404, f"no story with id {story_id!r}")
            ids = [a["id"] for a in found.get("articles", ())]
            members = (ledger.get_article(article_id) for article_id in ids)
            detail = {
                "story": story_row(found),
                "articles": [article_row(a) for a in members if a is not None],
                "claims": [claim_row(c) for c in ledger.iter_assessments(story_id)],
                "links": [link_row(link) for link in ledger.links_among(ids)],
            }
            return as_json(StoryDetail, detail)

        body = request.app.state.pages.kept(("story json", story_id), summary.revision, build)
    return Response(body, media_type="application/json")


@router.get("/articles", response_model=Page[ArticleRecord], summary="List articles")
def articles(
    request: Request,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    text: str | None = Query(None, description="Words that must occur in the text or title."),
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    """Articles in publication order (undated last)."""
    where = ArticleFilter(outlet=outlet, since=since, until=until, text=text, limit=limit, offset=offset)
    with _ledger(request) as ledger:

        def page() -> dict[str, Any]:
            rows = [article_row(a) for a in ledger.iter_articles(where)]
            return {"total": ledger.count_articles(where), "limit": limit, "offset": offset, "items": rows}

        return _kept(request, ledger, ArticleRecord, page)


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses={404: ERRORS[404]}, summary="One article")
def article(request: Request, article_id: str) -> dict[str, Any]:
    """An article by id (or a unique prefix of 6+ characters) with its findings and links."""
    with _ledger(request) as ledger:
        try:
            found = ledger.get_article(article_id)
        except LedgerError as exc:
            raise HTTPException(422, str(exc)) from None
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return {
            "article": article_row(found),
            "story_id": ledger.story_of(found.id),
            "findings": {
                kind: items
                for kind, items in (ledger.get_extraction(found.id) or {}).items()
                if isinstance(items, list)  # story_features are the clusterer's internal input
            },
            "links": [link_row(link) for link in ledger.iter_links(article_id=found.id)],
        }


@router.get("/quotes", response_model=Page[QuoteRecord], summary="List quotes")
def quotes(
    request: Request,
    story_id: str | None = None,
    article_id: str | None = None,
    speaker: str | None = Query(None, description="A speaker's name (matched by its normalised key)."),
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    """Quotes as extracted; ``speaker`` also finds the quotes a copy attributes to that speaker."""
    key = speaker_key(speaker) if speaker else None
    with _ledger(request) as ledger:

        def page() -> dict[str, Any]:
            carried = {spot: entry["key"] for spot, entry in carried_speakers(ledger).items()} if key else {}
            rows = export_rows(ledger, "quotes")
            found = _filtered(rows, story_id=story_id, article_id=article_id, key=key, carried=carried)
            return _page(found, limit, offset)

        return _kept(request, ledger, QuoteRecord, page)


def _filtered(
    rows: Iterator[dict[str, Any]],
    *,
    story_id: str | None,
    article_id: str | None,
    key: str | None,
    carried: dict[tuple[str, int], str],
) -> Iterator[dict[str, Any]]:
    for row in rows:
        if story_id and row.get("story_id") != story_id:
            continue
        if article_id and row.get("article_id") != article_id:
            continue
        if key:
            own = speaker_key((row.get("speaker") or {}).get("name") or "")
            if key not in (own, carried.get((row["article_id"], row["start"]))):
                continue
        yield row


@router.get("/claims", response_model=Page[ClaimRecord], summary="List claim assessments")
def claims(
    request: Request,
    story_id: str | None = None,
    status: str | None = Query(None, description="corroborated, single-source, disputed or contradicted"),
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    with _ledger(request) as ledger:

        def page() -> dict[str, Any]:
            rows = (claim_row(c) for c in ledger.iter_assessments(story_id) if not status or c.get("status") == status)
            return _page(rows, limit, offset)

        return _kept(request, ledger, ClaimRecord, page)


@router.get("/links", response_model=Page[LinkRecord], summary="List links")
def links(
    request: Request,
    kind: str | None = Query(None, description="e.g. duplicate, near_duplicate, shared_passage, same_quote"),
    article_id: str | None = Query(None, description="Only links touching this article."),
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    with _ledger(request) as ledger:
        return _kept(
            request,
            ledger,
            LinkRecord,
            lambda: _page(map(link_row, ledger.iter_links(kind=kind, article_id=article_id)), limit, offset),
        )


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search")
def search(
    request: Request,
    q: str = Query(..., description="Words that must all occur; a trailing * matches a prefix."),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Offset,
) -> dict[str, Any]:
    with _ledger(request) as ledger:
        found = search_page(ledger, q, limit=limit, offset=offset)
    return {"total": found["total"], "limit": limit, "offset": offset, "items": found["items"]}


INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "text": {"type": "string", "description": "Pasted article text."},
                        "title": {"type": "string"},
                        "outlet": {"type": "string"},
                        "published": {"type": "string", "description": "ISO 8601 date or date and time."},
                        "url": {"type": "string"},
                    },
                }
            }
        },
    }
}


@router.post(
    "/ingest",
    response_model=IngestResult,
    responses={400: {"model": Error}, 403: {"model": Error}, 413: {"model": Error}},
    openapi_extra=INGEST_BODY,
    summary="Ingest files or a text",
)
async def ingest(request: Request) -> dict[str, Any]:
    """Store uploaded files (field ``files``, repeatable) and/or a pasted ``text``; ingest, extract, link."""
    settings = request.app.state.settings
    wanted = await read_ingest_form(request, settings)
    return await handle_ingest(request, wanted)
