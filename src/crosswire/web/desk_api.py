"""The shared desk in the JSON API: who am I, corrections and their trail, the register, ClaimReview out.

Writes are made as the signed-in user (the guard refuses readers); the register and the user
list need the admin role. A correction that cannot be made is a 422 (404 when its target does not
exist) with the reason in one line, as everywhere in the API.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from crosswire.desk import actions
from crosswire.desk.corrections import KINDS, Correction
from crosswire.desk.outlets import OutletEntry
from crosswire.errors import DeskError, NotFoundError
from crosswire.report.claimreview import REVIEWED_STATES, claim_review, claim_reviews
from crosswire.web.api import ERRORS, Error, Limit, Offset, Page, Record
from crosswire.web.app import require, viewer
from crosswire.web.desk import write

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["desk"], responses={401: {"model": Error}, 403: {"model": Error}})


class Me(BaseModel):
    """Who the server takes you for."""

    name: str
    role: str = Field(description="reader, analyst or admin")
    signed_in: bool = Field(description="False for the local user of a server that needs no signing in")


class CorrectionRecord(Record):
    """A correction as the audit trail keeps it (see docs/formats.md)."""

    id: int
    kind: str
    by: str
    at: str
    why: str
    article_id: str | None = None
    finding: str | None = None
    start: int | None = None
    end: int | None = None
    other_id: str | None = None
    articles: list[str] = Field(default_factory=list)
    value: Any = None
    was: Any = None
    undone_by: str | None = None
    undone_at: str | None = None
    undone_why: str | None = None


class CorrectionBody(BaseModel):
    """What to correct: ``kind`` and that kind's fields (the ``why`` is required, except for a review)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description=", ".join(KINDS))
    why: str | None = None
    article: str | None = Field(None, description="An article id (a finding's, or the first of a pair).")
    start: int | None = None
    end: int | None = None
    finding: str | None = Field(None, description="reject: quote, claim or quantity")
    name: str | None = Field(None, description="speaker: who said it (empty: nobody the article names)")
    role: str | None = None
    org: str | None = None
    value: float | str | None = Field(None, description="figure: the number; date: a TIMEX3 value")
    low: float | None = None
    high: float | None = None
    bound: str | None = None
    unit: str | None = None
    other: str | None = Field(None, description="merge: the other story; copies, independent: the other article")
    story: str | None = Field(None, description="merge, split: the story")
    articles: list[str] = Field([], description="split: the articles to split off")
    claim: str | None = Field(None, description="review: the claim's id")
    state: str | None = Field(None, description="review: unreviewed, checking or checked")
    note: str | None = None


class UndoBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    why: str


class OutletRecord(Record):
    """An entry of the register of outlets."""

    name: str
    kind: str
    aliases: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    country: str | None = None
    owner: str | None = None
    affiliation: str = "none"
    notes: str | None = None


def _failed(exc: DeskError) -> HTTPException:
    return HTTPException(404 if isinstance(exc, NotFoundError) else 422, str(exc))


@router.get("/me", response_model=Me, summary="Who you are")
def me(request: Request) -> dict[str, Any]:
    who = viewer(request)
    return {"name": who.name, "role": who.role, "signed_in": who.signed_in}


@router.get("/corrections", response_model=Page[CorrectionRecord], summary="The audit trail")
def corrections(
    request: Request,
    article_id: str | None = Query(None, description="Only corrections touching this article."),
    story_id: str | None = Query(None, description="Only corrections touching this story's articles."),
    active: bool = Query(False, description="Leave out undone corrections."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Every correction in the order made: who, when, why, the value it replaced, and whether it was undone."""
    with request.app.state.ledger.open() as ledger:
        ids: list[str] | None = None
        if article_id:
            ids = [article_id]
        if story_id:
            story = ledger.get_story(story_id)
            if story is None:
                raise HTTPException(404, f"no story with id {story_id!r}")
            ids = [*(ids or []), *(a["id"] for a in story.get("articles", ()))]
        trail = [c.as_dict() for c in ledger.corrections(article_ids=ids, undone=not active)]
    return {"total": len(trail), "limit": limit, "offset": offset, "items": trail[offset : offset + limit]}


@router.post(
    "/corrections",
    response_model=CorrectionRecord,
    status_code=201,
    responses={404: ERRORS[404], 422: ERRORS[422]},
    summary="Make a correction",
)
async def correct(request: Request, body: CorrectionBody) -> dict[str, Any]:
    """Correct a finding, stories, a pair of articles or a claim's review, as the signed-in user.

    The stories it touches are linked again before the answer, so claims and counts already follow.
    """
    fields = body.model_dump(exclude_none=True)
    who = viewer(request).name
    try:
        made: Correction = await write(request, lambda ledger: actions.request(ledger, fields, by=who))
    except DeskError as exc:
        raise _failed(exc) from None
    return made.as_dict()


@router.post(
    "/corrections/{correction_id}/undo",
    response_model=CorrectionRecord,
    responses={404: ERRORS[404], 422: ERRORS[422]},
    summary="Undo a correction",
)
async def undo(request: Request, correction_id: int, body: UndoBody) -> dict[str, Any]:
    who = viewer(request).name
    try:
        made = await write(request, lambda ledger: actions.undo(ledger, correction_id, by=who, why=body.why))
    except DeskError as exc:
        raise _failed(exc) from None
    return made.as_dict()


@router.get("/outlets", response_model=Page[OutletRecord], summary="The register of outlets")
def outlets(request: Request, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    with request.app.state.ledger.open() as ledger:
        entries = [e.as_dict() for e in ledger.outlet_entries()]
    return {"total": len(entries), "limit": limit, "offset": offset, "items": entries[offset : offset + limit]}


@router.put("/outlets", response_model=OutletRecord, responses={422: ERRORS[422]}, summary="Add or replace an outlet")
async def put_outlet(request: Request, body: OutletRecord) -> dict[str, Any]:
    """Add an entry to the register, or replace the one of the same name (admins); claims are assessed again."""
    who = require(request, "admin").name
    try:
        entry = OutletEntry.from_dict(body.model_dump())
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    await write(request, lambda ledger: actions.update_register(ledger, [entry], by=who))
    with request.app.state.ledger.open() as ledger:
        return next(e.as_dict() for e in ledger.outlet_entries() if e.key == entry.key)


@router.delete("/outlets/{name}", status_code=204, responses={404: ERRORS[404]}, summary="Remove an outlet")
async def delete_outlet(request: Request, name: str) -> Response:
    require(request, "admin")
    try:
        await write(request, lambda ledger: actions.remove_from_register(ledger, name))
    except DeskError as exc:
        raise _failed(exc) from None
    return Response(status_code=204)


@router.get("/users", summary="The users (admins)")
def users(request: Request) -> list[dict[str, Any]]:
    require(request, "admin")
    with request.app.state.ledger.open() as ledger:
        return [u.public() for u in ledger.users()]


def _site(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/claimreview", summary="Reviewed claims as schema.org ClaimReview")
def claimreviews(request: Request, publisher: str = "crosswire") -> JSONResponse:
    """Every reviewed claim (checking or checked) as ``ClaimReview`` JSON-LD, its ``url`` on this server."""
    with request.app.state.ledger.open() as ledger:
        found = list(claim_reviews(ledger, site=_site(request), publisher=publisher))
    return JSONResponse(found, media_type="application/ld+json")


@router.get("/claims/{claim_id}/claimreview", responses={404: ERRORS[404]}, summary="One claim's ClaimReview")
def claimreview(request: Request, claim_id: str, publisher: str = "crosswire") -> JSONResponse:
    """A reviewed claim as ``ClaimReview`` JSON-LD; 404 for a claim nobody reviewed."""
    with request.app.state.ledger.open() as ledger:
        assessment = next((a for a in ledger.iter_assessments() if a["id"] == claim_id), None)
        if assessment is None:
            raise HTTPException(404, f"no claim with id {claim_id!r}")
        if (assessment.get("review") or {}).get("state") not in REVIEWED_STATES:
            raise HTTPException(404, f"claim {claim_id!r} has not been reviewed")
        ids = dict.fromkeys(s["article_id"] for s in assessment.get("supporting", ()))
        articles = {a: found for a in ids if (found := ledger.get_article(a)) is not None}
    review = claim_review(assessment, articles, site=_site(request), publisher=publisher)
    return JSONResponse(review, media_type="application/ld+json")
