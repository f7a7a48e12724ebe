"""Regression tests for the web app's limits and leaks, each against a real server on 127.0.0.1.

Tokens only from a header or the sign-in cookie, and never in a log line; pasted text limited (and
the server's memory with it); refused and failed uploads removed; control characters in a search;
no wildcards in id prefixes; pages kept per revision and replaced when their story changes.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from crosswire.ledger import open_ledger
from tests.web.server import WebServer, copy_ledger, free_port, start_server

TOKEN = "t0ken-that-must-never-be-logged-7f3a"
VARNIA = (
    "DOLMEK, March 9 (VCNA) - Varnia's transport ministry said on Sunday that the new ferry line to "
    'Halvik would carry 2,400 passengers a day. "The ferries will run every hour," said minister Ilse '
    "Marrow. Osterland's harbour office called the figure optimistic."
)


def upload_folders(server: WebServer) -> set[Path]:
    uploads = server.data_dir / "uploads"
    return set(uploads.iterdir()) if uploads.exists() else set()


def peak_rss_mb(pid: int) -> float:
    """The high-water mark of a process's resident memory (``VmHWM``), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024  # type: ignore[index]


class Served:
    """``crosswire serve`` in its own process, its output (the access log) in a file."""

    def __init__(self, ledger: Path, log: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [sys.executable, "-m", "crosswire", "serve", "--db", str(ledger), "--port", str(self.port), *args]
        self._out = log.open("wb")
        self.process = subprocess.Popen(command, stdout=self._out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(self.url + "/", timeout=2)
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"the server did not start: {log.read_text()}") from None
                time.sleep(0.1)

    def stop(self) -> str:
        """Stop the server (as Ctrl-C does) and return everything it wrote."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._out.close()
        return self.log.read_text()


# --- tokens ----------------------------------------------------------------------------------------


def test_the_token_comes_from_a_header_or_the_sign_in_cookie_and_no_log_line_carries_it(
    server: WebServer, tmp_path: Path
) -> None:
    served = Served(server.ledger, tmp_path / "server.log", "--token", TOKEN)
    try:
        with httpx.Client(base_url=served.url, timeout=30) as browser:
            # In the address it is refused, right or wrong, on pages and the API alike.
            for path in (f"/stories?token={TOKEN}", f"/api/stories?q=x&token={TOKEN}", f"/login?token={TOKEN}"):
                refused = browser.get(path)
                assert refused.status_code == 401 and "not accepted in the address" in refused.text, path
                assert "set-cookie" not in refused.headers
            assert browser.get("/stories").status_code == 401
            headers = {"Authorization": f"Bearer {TOKEN}"}
            assert browser.get("/api/stories", headers=headers).status_code == 200
            # The sign-in form posts the token; the cookie holds a digest of it, never the token.
            form = browser.get("/login", params={"next": "/stories?q=varnia"})
            assert form.status_code == 200 and 'type="password" name="token"' in form.text
            wrong = browser.post("/login", data={"token": "guess", "next": "/stories"})
            assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
            away = browser.post("/login", data={"token": TOKEN, "next": "//evil.example/x"}, follow_redirects=False)
            assert away.status_code == 303 and away.headers["location"] == "/"
            signed = browser.post("/login", data={"token": TOKEN, "next": "/stories?q=varnia"}, follow_redirects=False)
            assert signed.status_code == 303 and signed.headers["location"] == "/stories?q=varnia"
            cookie = signed.headers["set-cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
            assert browser.get("/stories").status_code == 200  # the client keeps the cookie
            forged = browser.post(
                "/login", data={"token": TOKEN}, headers={"Origin": "http://evil.example"}, follow_redirects=False
            )
            assert forged.status_code == 403
    finally:
        log = served.stop()
    assert "GET /stories" in log and "[redacted]" in log  # the requests were logged, the token was not
    assert TOKEN not in log


# --- limits ----------------------------------------------------------------------------------------


def test_pasted_text_over_the_limit_is_refused_as_it_arrives(server: WebServer, tmp_path: Path) -> None:
    own = copy_ledger(server.ledger, tmp_path / "ledger.db")
    small = start_server(own, tmp_path / "data", max_paste_bytes=100_000)
    try:
        with httpx.Client(base_url=small.url, timeout=60) as client:
            text = VARNIA + " More." * 30_000  # about 200 kB
            for request in (
                {"files": [("files", ("x.txt", b"", "text/plain"))], "data": {"text": text}},  # multipart
                {"data": {"text": text}},  # urlencoded
            ):
                response = client.post("/api/ingest", **request)  # type: ignore[arg-type]
                assert response.status_code == 413, response.text
                assert response.json()["error"] == (
                    "the pasted text (or another form field) is over the size limit of 0.1 MB"
                )
            assert client.post("/api/ingest", data={"text": VARNIA}).json()["ingested"] == 1
    finally:
        small.stop()
    assert len(list((tmp_path / "data" / "uploads").iterdir())) == 1  # the one that was ingested


def test_a_huge_pasted_text_does_not_grow_the_server(server: WebServer, tmp_path: Path) -> None:
    served = Served(server.ledger, tmp_path / "server.log")
    try:
        before = peak_rss_mb(served.process.pid)
        text = "Varnia said the ferry would run every hour. " * 1_500_000  # 66 MB in one form field
        try:
            response = httpx.post(served.url + "/api/ingest", data={"text": text}, timeout=120)
            assert response.status_code == 413
        except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
            pass  # the server may answer and close before the client has sent everything
        grown = peak_rss_mb(served.process.pid) - before
        assert httpx.get(served.url + "/api/stories", timeout=30).status_code == 200
    finally:
        served.stop()
    assert grown < 40, f"the server grew by {grown:.0f} MB reading a 66 MB text field"


def test_refused_and_failed_uploads_leave_nothing_on_disk(client: httpx.Client, server: WebServer) -> None:
    before = upload_folders(server)
    big = b"Varnia said the figure was large. " * 8000  # over the 200 kB file limit of the test server
    refused = [
        ("files", ("../escape.txt", VARNIA.encode(), "text/plain")),
        ("files", ("big.txt", big, "text/plain")),
        ("files", ("empty.txt", b"  \n", "text/plain")),
        ("files", ("binary.txt", bytes(range(256)) * 4, "application/octet-stream")),
    ]
    body = client.post("/api/ingest", files=refused).json()
    assert body["ingested"] == 0 and body["skipped"] == 4
    assert upload_folders(server) == before  # no folder left behind
    ferry = VARNIA.replace("2,400", "2,600") + " The harbour office gave no date."
    mixed = [("files", ("ferry.txt", ferry.encode(), "text/plain")), refused[3]]
    body = client.post("/api/ingest", files=mixed).json()
    assert body["ingested"] == 1
    [folder] = upload_folders(server) - before
    assert [p.name for p in folder.iterdir()] == ["ferry.txt"]  # the file articles came from, only
    again = client.post("/api/ingest", files=[mixed[0]]).json()  # a duplicate: its sighting names the file
    assert again["duplicates"] == 1 and len(upload_folders(server) - before) == 2


# --- queries ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["\x00", "launch\x00ers", "\x00*", '"\x00', "\x1b[31m", "\ufeff"])
def test_control_characters_in_a_search_are_no_error(client: httpx.Client, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200, response.text
    assert response.json()["total"] >= 0
    assert client.get("/search", params={"q": query}).status_code == 200


def test_an_id_prefix_has_no_wildcards(client: httpx.Client, server: WebServer) -> None:
    article = client.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    for prefix in ("______", "%%%%%%", f"{article[:4]}%%", f"{article[:4]}__", f"{article[:3]}%25%"):
        assert client.get(f"/api/articles/{prefix}").status_code == 404, prefix
        assert client.get(f"/articles/{prefix}").status_code == 404, prefix
    assert client.get(f"/api/articles/{article[:8].upper()}").json()["article"]["id"] == article


def test_show_takes_percent_signs_literally(server: WebServer) -> None:
    with open_ledger(server.ledger) as ledger:
        article = next(ledger.iter_articles())
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    command = [sys.executable, "-m", "crosswire", "show", f"{article.id[:4]}%%", "--db", str(server.ledger)]
    shown = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert shown.returncode == 1 and "no article" in shown.stderr.lower(), shown.stderr


# --- pages kept per revision -------------------------------------------------------------------------


def test_a_page_is_kept_until_its_story_changes(server: WebServer, tmp_path: Path) -> None:
    own = copy_ledger(server.ledger, tmp_path / "ledger.db")
    fresh = start_server(own, tmp_path / "data")
    try:
        with httpx.Client(base_url=fresh.url, timeout=60) as client:
            story = max(client.get("/api/stories").json()["items"], key=lambda s: len(s["articles"]))
            member = client.get(f"/api/articles/{story['articles'][0]['id']}").json()["article"]
            page = client.get(f"/stories/{story['id']}").text
            assert client.get(f"/stories/{story['id']}").text == page
            cache = fresh.server.config.app.state.pages  # type: ignore[attr-defined]
            assert ("story page", story["id"], ("local", "admin")) in cache._entries  # kept per viewer
            listed = client.get("/stories").text
            # A copy of one of its articles joins the story: its page, its JSON and the list change.
            copy = member["text"] + "\n\nThe Ferry Gazette could not confirm the figures on Monday."
            form = {"text": copy, "outlet": "Ferry Gazette", "published": member["published"] or "2024-11-04"}
            new = client.post("/api/ingest", data=form).json()["new"][0]["id"]
            assert client.get(f"/api/articles/{new}").json()["story_id"] == story["id"]
            assert f"/articles/{new}" in client.get(f"/stories/{story['id']}").text
            assert new in {a["id"] for a in client.get(f"/api/stories/{story['id']}").json()["articles"]}
            assert client.get("/stories").text != listed
            assert "Ferry Gazette" in client.get(f"/articles/{member['id']}").text  # its links now name the copy
    finally:
        fresh.stop()
