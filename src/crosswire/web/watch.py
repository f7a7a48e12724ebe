"""What the watch pages show: sources, alerts, and an article's revisions with their diffs.

Routes: ``/sources``, ``/alerts``, ``/articles/{id}/revisions/{n}/raw`` (the raw bytes, as evidence)
and the JSON under ``/api/watch/``. The article page takes :func:`revisions_view` for its
revisions section and the flags on its claims.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from crosswire.errors import LedgerError
from crosswire.ledger.watch import WatchLedger, watch_ledger
from crosswire.watch.revisions import diff_rows

__all__ = ["alerts_view", "api_router", "page_router", "revisions_view", "sources_view"]

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/watch", tags=["watch"])

PAGE_SIZE = 50


def _ago(moment: str | None) -> str:
    if not moment:
        return "never"
    try:
        when = datetime.fromisoformat(moment)
    except ValueError:
        return moment
    seconds = (datetime.now(UTC) - when).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    for size, unit in ((86400, "d"), (3600, "h"), (60, "m"), (1, "s")):
        if seconds >= size or unit == "s":
            text = f"{int(seconds // size)}{unit}"
            return f"in {text}" if future else f"{text} ago"
    return moment


def sources_view(ledger: WatchLedger) -> list[dict[str, Any]]:
    """Each source followed: last fetch, status, errors, next run, pages listed and articles."""
    return [
        row
        | {
            "last_fetch_ago": _ago(row.get("last_fetch")),
            "next_run_in": _ago(row.get("next_run")),
            "failing": ledger.count_watch_items(row["id"], "failed"),
        }
        for row in ledger.watch_sources()
    ]


def alerts_view(ledger: WatchLedger, page: int) -> dict[str, Any]:
    total = ledger.count_alerts()
    rows = ledger.alerts(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    titles = {a.id: (a.title or a.text[:80]) for a in _articles(ledger, {r.get("article_id") for r in rows})}
    for row in rows:
        row["title"] = titles.get(row.get("article_id") or "", row.get("article_id") or "")
    return {
        "alerts": rows,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "watchlists": ledger.watchlist_entries(),
    }


def _articles(ledger: WatchLedger, ids: set[str | None]) -> list[Any]:
    found = []
    for article_id in sorted(i for i in ids if i):
        article = ledger.get_article(article_id)
        if article is not None:
            found.append(article)
    return found


def revisions_view(ledger: WatchLedger, article_id: str) -> dict[str, Any]:
    """An article's revisions (newest first), each with its diff from the one before, and flags by claim span."""
    chain = ledger.revisions(article_id)
    if len(chain) < 2:
        return {"revisions": [], "count": len(chain), "flags": {}}
    rows = []
    flags: dict[str, list[str]] = {}
    for before, after in zip([None, *chain[:-1]], chain, strict=True):
        row = after.as_dict() | {"diff": diff_rows(before.text, after.text) if before is not None else []}
        rows.append(row)
        for change in after.changes or ():
            claim = change.get("claim")
            if claim and after is chain[-1]:
                flags.setdefault(f"{claim['start']}-{claim['end']}", []).append(change["message"])
    rows.reverse()
    return {"revisions": rows, "count": len(chain), "flags": flags}


ROLES = ("supporting", "disputing", "conflicting")


def claim_changes(ledger: WatchLedger, story_id: str) -> dict[str, list[str]]:
    """Claim (assessment) id -> the revision changes flagged on its evidence, for a story's claim table."""
    assessments = list(ledger.iter_assessments(story_id))
    articles = {e["article_id"] for a in assessments for role in ROLES for e in a.get(role, ())}
    revised = ledger.revision_counts(articles)
    if not revised:
        return {}
    flags = {article_id: revisions_view(ledger, article_id)["flags"] for article_id in revised}
    changed: dict[str, list[str]] = {}
    for assessment in assessments:  # flagged on the claim it belongs to: where it is supporting evidence
        for entry in assessment.get("supporting", ()):
            for message in flags.get(entry["article_id"], {}).get(f"{entry['start']}-{entry['end']}", ()):
                if message not in changed.get(assessment["id"], []):
                    changed.setdefault(assessment["id"], []).append(message)
    return changed


# --- pages ------------------------------------------------------------------------------------------------


@page_router.get("/sources")
def sources_page(request: Request) -> Response:
    from crosswire.web.app import render

    with request.app.state.ledger.open() as ledger:
        rows = sources_view(watch_ledger(ledger))
    return render(request, "sources.html", sources=rows)


@page_router.get("/alerts")
def alerts_page(request: Request, page: int = 1) -> Response:
    from crosswire.web.app import render

    with request.app.state.ledger.open() as ledger:
        view = alerts_view(watch_ledger(ledger), max(page, 1))
    return render(request, "alerts.html", view=view)


@page_router.get("/articles/{article_id}/revisions/{number}/raw")
def raw_revision(request: Request, article_id: str, number: int) -> Response:
    """The bytes of a revision exactly as fetched, as a download (never rendered)."""
    with request.app.state.ledger.open() as ledger:
        try:
            article = ledger.get_article(article_id)
        except LedgerError as exc:
            raise HTTPException(400, str(exc)) from None
        chain = watch_ledger(ledger).revisions(article.id, raw=True) if article is not None else []
    found = next((r for r in chain if r.number == number), None)
    if found is None or found.raw is None:
        raise HTTPException(404, "no such revision")
    name = f"{found.article_id}-revision-{number}.bin"
    return Response(
        found.raw,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Content-SHA256": found.sha256},
    )


# --- JSON ---------------------------------------------------------------------------------------------------


@api_router.get("/sources", summary="Sources followed by crosswire watch")
def api_sources(request: Request) -> dict[str, Any]:
    with request.app.state.ledger.open() as ledger:
        rows = sources_view(watch_ledger(ledger))
    return {"total": len(rows), "limit": len(rows), "offset": 0, "items": rows}


@api_router.get("/alerts", summary="Alerts, newest first")
def api_alerts(request: Request, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> dict[str, Any]:
    with request.app.state.ledger.open() as ledger:
        found = watch_ledger(ledger)
        items = found.alerts(limit=limit, offset=offset)
        return {"total": found.count_alerts(), "limit": limit, "offset": offset, "items": items}


@api_router.get("/articles/{article_id}/revisions", summary="An article's revisions and what changed")
def api_revisions(request: Request, article_id: str) -> dict[str, Any]:
    with request.app.state.ledger.open() as ledger:
        try:
            article = ledger.get_article(article_id)
        except LedgerError as exc:
            raise HTTPException(422, str(exc)) from None
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return {"article_id": article.id, "items": [r.as_dict() for r in watch_ledger(ledger).revisions(article.id)]}
