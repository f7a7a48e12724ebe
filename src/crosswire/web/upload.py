"""Ingest from the browser (and the API): files and pasted text, stored and run like ``crosswire run``.

Uploads are written to ``data_dir/uploads/<random>/<name>``: a name that tries to reach a folder
(``../x``, ``a/b``, ``C:\\x``) is refused, any other character outside letters, digits, ``.``,
``-`` and ``_`` becomes ``_``, and the final path is checked to lie inside the upload folder.
Then ingest, extract and link run on that folder; problems come back as the CLI's one-line messages.
Only the files articles were read from are kept (their sightings name them): a refused file, a file
nothing could be read from, and everything of a run that failed are removed, and so is an empty folder.
A pasted text, like every other form field, may not exceed the paste limit (it is held in memory).
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as FormError

from crosswire.ingest import IngestOptions
from crosswire.pipeline import run
from crosswire.web.app import Settings, render

__all__ = ["IngestRequest", "UnsafeName", "handle_ingest", "read_ingest_form", "router", "safe_name"]

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

MAX_FILES = 100
CHUNK = 1024 * 1024
_UNSAFE = re.compile(r"[^\w.\-]+")
PASTE_FIELDS = ("title", "outlet", "published", "url")


class UnsafeName(ValueError):
    """An upload's file name points outside its folder."""


def safe_name(raw: str) -> str:
    """A file name safe to create inside the upload folder; raises :class:`UnsafeName` for a path."""
    if "/" in raw or "\\" in raw or "\x00" in raw or raw.strip() in (".", ".."):
        raise UnsafeName(f"{_printable(raw)}: file name must not name a folder; refused")
    name = _UNSAFE.sub("_", raw.strip()).lstrip(".")
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: 110 - len(suffix)] + dot + suffix) if dot and len(suffix) <= 10 else name[:120]
    return name or "upload"


def _printable(raw: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in raw)[:200] or "(no name)"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(slots=True)
class IngestRequest:
    """What a browser form or an API call asked to ingest."""

    files: list[UploadFile] = field(default_factory=list)
    text: str | None = None
    paste: dict[str, str] = field(default_factory=dict)


async def read_ingest_form(request: Request, settings: Settings) -> IngestRequest:
    """The files and pasted text of a multipart (or urlencoded) ingest request.

    A form field over the paste limit is refused with 413 as soon as the limit is passed.
    """
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=50, max_part_size=settings.max_paste_bytes)
    except FormError as exc:  # what Starlette raises for a form it refuses to read
        if "exceeded maximum size" in str(exc.detail):
            limit = _mb(settings.max_paste_bytes)
            raise HTTPException(
                413, f"the pasted text (or another form field) is over the size limit of {limit}"
            ) from None
        raise
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and (f.filename or f.size)]
    text = form.get("text")
    paste = {name: value.strip() for name in PASTE_FIELDS if isinstance(value := form.get(name), str) and value.strip()}
    return IngestRequest(files=files, text=text if isinstance(text, str) and text.strip() else None, paste=paste)


async def _store(upload: UploadFile, folder: Path, taken: set[str], limit: int) -> str:
    """Write one upload into ``folder``; returns its file name, or raises ``ValueError`` with a problem."""
    raw = upload.filename or "upload"
    name = safe_name(raw)
    stem, dot, suffix = name.partition(".")
    number = 1
    while name.lower() in taken:
        number += 1
        name = f"{stem}-{number}{dot}{suffix}"
    taken.add(name.lower())
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise UnsafeName(f"{_printable(raw)}: file name must not name a folder; refused")
    if upload.size is not None and upload.size > limit:
        raise ValueError(f"{name}: file is {_mb(upload.size)}, over the size limit of {_mb(limit)}")
    written = 0
    with path.open("xb") as out:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > limit:
                break
            out.write(chunk)
    if written > limit:
        path.unlink()
        raise ValueError(f"{name}: file is over the size limit of {_mb(limit)}")
    return name


async def handle_ingest(request: Request, wanted: IngestRequest) -> dict[str, Any]:
    """Store the uploads, run ingest + extract + link on them, and say what happened."""
    settings: Settings = request.app.state.settings
    if not wanted.files and wanted.text is None:
        raise HTTPException(400, "nothing to ingest: choose files or paste a text")
    folder = settings.data_dir / "uploads" / secrets.token_hex(8)
    folder.mkdir(parents=True, exist_ok=False)
    refused: list[str] = []
    taken: set[str] = set()
    for upload in wanted.files:
        try:
            await _store(upload, folder, taken, settings.max_file_bytes)
        except ValueError as exc:
            refused.append(f"skipped: {exc}")
        finally:
            await upload.close()
    if wanted.text is not None:
        record = {"text": wanted.text, **wanted.paste}
        name = "pasted-text.json"
        taken.add(name)
        (folder / name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    inputs = len(wanted.files) + (wanted.text is not None)
    try:
        result = await run_in_threadpool(_run, request, folder, settings)
    finally:
        await run_in_threadpool(_remove_unused, request, folder)
    result["problems"] = refused + result["problems"]
    result["skipped"] += len(refused)
    result["inputs"] = inputs
    return result


def _run(request: Request, folder: Path, settings: Settings) -> dict[str, Any]:
    access = request.app.state.ledger
    options = IngestOptions(max_bytes=settings.max_file_bytes)
    with access.write_lock, access.open() as ledger:
        if not any(folder.iterdir()):
            summary = None
        else:
            outcome = run([str(folder)], ledger, options)
            summary = outcome
        if summary is None:
            return {"ingested": 0, "duplicates": 0, "skipped": 0, "warnings": 0, "new": [], "problems": []}
        prefix = str(folder) + "/"
        problems = [str(p).replace(prefix, "") for p in summary.ingest.problems]
        problems += [str(f).replace(prefix, "") for f in summary.extract.failures]
        new = []
        for article_id in summary.ingest.new_ids:
            article = ledger.get_article(article_id)
            if article is not None:
                new.append(
                    {
                        "id": article.id,
                        "title": article.title or article.text[:80].split("\n")[0],
                        "outlet": article.outlet,
                        "source": article.source.replace(prefix, ""),
                    }
                )
    return {
        "ingested": summary.ingest.ingested,
        "duplicates": summary.ingest.duplicates,
        "skipped": summary.ingest.skipped,
        "warnings": summary.ingest.warnings,
        "new": new,
        "problems": problems,
    }


def _remove_unused(request: Request, folder: Path) -> None:
    """Remove the files of ``folder`` no article was read from, and the folder when nothing is left."""
    with request.app.state.ledger.open() as ledger:
        used = ledger.sources_under(str(folder) + "/")
    for path in folder.iterdir():
        if str(path) not in used and not any(source.startswith(f"{path}#") for source in used):
            path.unlink()
    if not any(folder.iterdir()):
        folder.rmdir()


@router.get("/ingest")
def ingest_form(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    return render(
        request,
        "ingest.html",
        max_file=_mb(settings.max_file_bytes),
        max_request=_mb(settings.max_request_bytes),
    )


@router.post("/ingest")
async def ingest_post(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    wanted = await read_ingest_form(request, settings)
    result = await handle_ingest(request, wanted)
    return render(request, "ingested.html", result=result)
