"""The shared desk in the browser: corrections from the story and article pages, the audit trail, the
register of outlets, and users.

Every write goes through :mod:`crosswire.desk` as the signed-in user (``request.state.user``, set
by the guard, which already refused readers); the register and users need the admin role. Forms
post here and come back (303) to the page they were on; a refused correction shows its one-line
reason with a way back. Writes take the ledger's write lock: a correction links its stories again.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from crosswire.desk import actions
from crosswire.desk.corrections import KINDS
from crosswire.desk.outlets import AFFILIATIONS, COLUMNS, OutletEntry, parse_csv, write_csv
from crosswire.desk.outlets import KINDS as OUTLET_KINDS
from crosswire.desk.users import ROLES, add_user, issue_token, remove_user, set_role
from crosswire.errors import DeskError, InputError, NotFoundError
from crosswire.ledger import Ledger
from crosswire.web.app import render, require, viewer
from crosswire.web.security import local_path

__all__ = ["router", "write"]

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

T = TypeVar("T")
MAX_REGISTER_BYTES = 2 * 1024 * 1024
LISTED: tuple[str, ...] = ("kind", "article", "other", "story", "claim", "start", "end", "finding", "name", "role")
LISTED += ("org", "value", "low", "high", "bound", "unit", "state", "note", "why")
"""The fields a correction form may post (see :func:`crosswire.desk.actions.request`)."""


async def write(request: Request, work: Callable[[Ledger], T]) -> T:
    """Run ``work`` on the ledger with the write lock held, in a worker thread (it may link stories again)."""
    access = request.app.state.ledger

    def run() -> T:
        with access.write_lock, access.open() as ledger:
            return work(ledger)

    return await run_in_threadpool(run)


def _back(form: FormData, fallback: str = "/corrections") -> str:
    value = form.get("back")
    return local_path(value if isinstance(value, str) else None) if value else fallback


def _refused(request: Request, exc: DeskError, back: str) -> HTMLResponse:
    status = 404 if isinstance(exc, NotFoundError) else 400
    return render(request, "refused.html", status=status, message=str(exc), back=back)


# --- corrections ----------------------------------------------------------------------------------


@router.post("/corrections")
async def correct(request: Request) -> Response:
    """Make the correction a form asks for, as the signed-in user, and go back to the page it came from."""
    form = await request.form(max_fields=200)
    fields: dict[str, Any] = {name: form.get(name) for name in LISTED if isinstance(form.get(name), str)}
    if form.getlist("articles"):
        fields["articles"] = [a for a in form.getlist("articles") if isinstance(a, str)]
    back = _back(form)
    who = viewer(request).name
    try:
        made = await write(request, lambda ledger: actions.request(ledger, fields, by=who))
    except DeskError as exc:
        return _refused(request, exc, back)
    target = back + ("&" if "?" in back else "?") + f"corrected={made.id}"
    if made.kind == "split":
        target = f"/corrections?highlight={made.id}"
    return RedirectResponse(target, status_code=303)


@router.post("/corrections/{correction_id}/undo")
async def undo(request: Request, correction_id: int) -> Response:
    form = await request.form(max_fields=10)
    why = form.get("why") if isinstance(form.get("why"), str) else ""
    back = _back(form)
    who = viewer(request).name
    try:
        await write(request, lambda ledger: actions.undo(ledger, correction_id, by=who, why=str(why)))
    except DeskError as exc:
        return _refused(request, exc, back)
    return RedirectResponse(back, status_code=303)


@router.get("/corrections")
def corrections(
    request: Request,
    article: str | None = None,
    story: str | None = None,
    active: bool = False,
    highlight: int | None = None,
) -> Response:
    """The audit trail: every correction with who, when, why and what it replaced; undo for analysts."""
    with request.app.state.ledger.open() as ledger:
        ids: list[str] | None = None
        if article:
            found = ledger.get_article(article)
            ids = [found.id] if found is not None else []
        if story:
            record = ledger.get_story(story)
            ids = [*(ids or []), *(a["id"] for a in (record or {}).get("articles", ()))]
        trail = [c.as_dict() for c in ledger.corrections(article_ids=ids, undone=not active)]
        made_stories = {c["id"]: ledger.story_of(c["articles"][0]) for c in trail if c["kind"] in ("split", "merge")}
    trail.reverse()  # the latest first
    return render(
        request,
        "corrections.html",
        trail=trail,
        kinds=KINDS,
        article=article,
        story=story,
        active=active,
        highlight=highlight,
        stories=made_stories,
    )


# --- the register of outlets ----------------------------------------------------------------------


@router.get("/outlets")
def outlets(request: Request, q: str | None = None, kind: str | None = None, edit: str | None = None) -> Response:
    with request.app.state.ledger.open() as ledger:
        entries = ledger.outlet_entries()
    wanted = (q or "").casefold().strip()
    shown = [
        e
        for e in entries
        if (not kind or e.kind == kind)
        and (
            not wanted or any(wanted in n.casefold() for n in (*e.names(), *e.domains, e.owner or "", e.country or ""))
        )
    ]
    editing = next((e for e in entries if edit and e.key == OutletEntry(edit, "other").key), None)
    return render(
        request,
        "outlets.html",
        entries=shown,
        total=len(entries),
        q=q or "",
        kind=kind or "",
        kinds=OUTLET_KINDS,
        affiliations=AFFILIATIONS,
        editing=editing,
    )


@router.get("/outlets.csv")
def outlets_csv(request: Request) -> Response:
    with request.app.state.ledger.open() as ledger:
        entries = ledger.outlet_entries()
    out = io.StringIO()
    write_csv(entries, out)
    headers = {"content-disposition": 'attachment; filename="outlets.csv"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/outlets")
async def save_outlet(request: Request) -> Response:
    """Add or replace one entry of the register (admins), then assess the claims again."""
    who = require(request, "admin").name
    form = await request.form(max_fields=20)
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k in COLUMNS}
    previous = form.get("previous")
    try:
        entry = OutletEntry.from_dict(fields)
    except ValueError as exc:
        return _refused(request, DeskError(str(exc)), "/outlets")

    def save(ledger: Ledger) -> None:
        if isinstance(previous, str) and previous and OutletEntry(previous, "other").key != entry.key:
            ledger.remove_outlet_entry(previous)  # renamed
        actions.update_register(ledger, [entry], by=who)

    await write(request, save)
    return RedirectResponse(f"/outlets?q={entry.name}", status_code=303)


@router.post("/outlets/remove")
async def remove_outlet(request: Request) -> Response:
    require(request, "admin")
    form = await request.form(max_fields=5)
    name = str(form.get("name") or "")
    try:
        await write(request, lambda ledger: actions.remove_from_register(ledger, name))
    except DeskError as exc:
        return _refused(request, exc, "/outlets")
    return RedirectResponse("/outlets", status_code=303)


@router.post("/outlets/import")
async def import_outlets(request: Request) -> Response:
    """Import register entries from an uploaded CSV (admins); a bad row changes nothing."""
    who = require(request, "admin").name
    form = await request.form(max_files=1, max_fields=5, max_part_size=MAX_REGISTER_BYTES)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return _refused(request, DeskError("file: choose a register CSV"), "/outlets")
    raw = await upload.read(MAX_REGISTER_BYTES + 1)
    if len(raw) > MAX_REGISTER_BYTES:
        raise HTTPException(413, "the register file is over 2 MB")
    try:
        entries = parse_csv(raw.decode("utf-8-sig"), label=upload.filename or "csv")
    except UnicodeDecodeError:
        return _refused(request, DeskError(f"{upload.filename}: not UTF-8 text"), "/outlets")
    except InputError as exc:
        return _refused(request, DeskError(str(exc)), "/outlets")
    replace_all = form.get("replace") == "yes"
    await write(request, lambda ledger: actions.update_register(ledger, entries, by=who, replace=replace_all))
    return RedirectResponse("/outlets", status_code=303)


# --- users ----------------------------------------------------------------------------------------


@router.get("/users")
def users(request: Request) -> Response:
    require(request, "admin")
    with request.app.state.ledger.open() as ledger:
        listed = [u.public() for u in ledger.users()]
    return render(request, "users.html", users=listed, roles=ROLES, token=None, named=None)


@router.post("/users")
async def users_post(request: Request) -> Response:
    """Add a user, change a role, give a new token or remove a user (admins); a token is shown once."""
    who = require(request, "admin").name
    form = await request.form(max_fields=10)
    action, name, role = (str(form.get(k) or "") for k in ("action", "name", "role"))

    def change(ledger: Ledger) -> tuple[str, str | None]:
        if action == "add":
            user, made = add_user(ledger, name, role, by=who)
            return user.name, made
        if action == "token":
            user, made = issue_token(ledger, name)
            return user.name, made
        if action == "role":
            return set_role(ledger, name, role).name, None
        if action == "remove":
            return remove_user(ledger, name).name, None
        raise DeskError(f"action: {action!r} is not add, token, role or remove")

    try:
        named, token = await write(request, change)
    except DeskError as exc:
        return _refused(request, exc, "/users")
    if token is None:
        return RedirectResponse("/users", status_code=303)
    with request.app.state.ledger.open() as ledger:
        listed = [u.public() for u in ledger.users()]
    # The token is in this one response only: the ledger keeps its hash.
    page = render(request, "users.html", users=listed, roles=ROLES, token=token, named=named)
    page.headers["cache-control"] = "no-store"
    return page
