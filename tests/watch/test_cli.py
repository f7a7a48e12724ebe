"""The watch, watchlist, alerts and show commands, run as a user would (a subprocess)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import run_cli
from tests.watch.corpus import LAUNCHERS, LAUNCHERS_REVISED
from tests.watch.server import LocalServer, article_page, rss_feed


def _site(server: LocalServer, text: str) -> bytes:
    page = article_page("Varnia moves launchers", text)
    server.set("/w/launchers", page)
    items = [("/w/launchers", "Varnia moves launchers", "Tue, 04 Mar 2025 08:00:00 GMT")]
    server.set("/feed.xml", rss_feed(server.url, items), content_type="application/rss+xml")
    return page.encode("utf-8")


def test_watchlists_are_added_listed_and_removed(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    added = run_cli("watchlist", "add", "border", "--claim", "launcher", "--speaker", "Lund", "--db", db)
    assert added.returncode == 0, added.stderr
    assert added.stdout.count("added:") == 2
    again = run_cli("watchlist", "add", "border", "--claim", "launcher", "--db", db)
    assert "already there" in again.stdout
    listed = run_cli("watchlist", "list", "--json", "--db", db)
    entries = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {(e["kind"], e["value"]) for e in entries} == {("claim", "launcher"), ("speaker", "Lund")}
    empty = run_cli("watchlist", "add", "border", "--db", db)
    assert empty.returncode == 2 and "give at least one of --entity" in empty.stderr
    removed = run_cli("watchlist", "remove", "--id", str(entries[0]["id"]), "--db", db)
    assert removed.returncode == 0 and "removed 1 entry" in removed.stdout
    assert run_cli("watchlist", "remove", "border", "--db", db).returncode == 0
    missing = run_cli("watchlist", "remove", "border", "--db", db)
    assert missing.returncode == 1 and "no watchlist named 'border'" in missing.stderr


def test_watch_once_then_an_edit_shows_as_a_revision_with_its_raw_bytes(server: LocalServer, tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    first = _site(server, LAUNCHERS)
    assert run_cli("watchlist", "add", "border", "--claim", "launcher", "--db", db).returncode == 0
    common = ("--db", db, "--delay", "0", "--recheck", "0", "--alerts", "-")
    watched = run_cli("watch", server.url + "/feed.xml", "--once", *common)
    assert watched.returncode == 0, watched.stderr
    assert "round: polled 1" in watched.stderr and "new 1" in watched.stderr
    alerts = [json.loads(line) for line in watched.stdout.splitlines()]
    assert alerts and all(a["watchlist"]["name"] == "border" for a in alerts)
    article_id = alerts[0]["article_id"]
    second = _site(server, LAUNCHERS_REVISED)
    watched = run_cli("watch", server.url + "/feed.xml", "--once", *common)
    assert "revised 1" in watched.stderr
    assert any(json.loads(line)["kind"] == "figure_changed" for line in watched.stdout.splitlines())
    shown = run_cli("show", article_id, "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert f"sha256 {hashlib.sha256(first).hexdigest()}" in shown.stdout
    assert f"sha256 {hashlib.sha256(second).hexdigest()}" in shown.stdout
    assert "figure changed from 250 to 200 in revision 2" in shown.stdout
    assert "-HALVIK, March 4 - Varnia has moved some 250 rocket launchers" in shown.stdout
    assert "+HALVIK, March 4 - Varnia has moved about 200 rocket launchers" in shown.stdout
    raw = run_cli("show", article_id, "--revision", "1", "--raw", "--db", db)
    assert raw.stdout == first.decode("utf-8")
    as_json = json.loads(run_cli("show", article_id, "--json", "--db", db).stdout)
    assert [r["number"] for r in as_json["revisions"]] == [1, 2]
    bad = run_cli("show", article_id, "--revision", "7", "--db", db)
    assert bad.returncode == 1 and "has no revision 7" in bad.stderr
    listed = run_cli("alerts", "--db", db)
    assert "figure_changed" in listed.stdout and f"/articles/{article_id}?hl=" in listed.stdout


def test_watch_says_what_is_wrong(server: LocalServer, tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    nothing = run_cli("watch", "--db", db)
    assert nothing.returncode == 2 and "nothing to watch" in nothing.stderr
    bad = run_cli("watch", "gopher://x.example/feed", "--db", db)
    assert bad.returncode == 2 and "only http and https addresses" in bad.stderr
    interval = run_cli("watch", server.url + "/feed.xml", "--interval", "often", "--db", db)
    assert interval.returncode == 2 and "--interval: 'often' is not a duration" in interval.stderr
    server.set("/down.xml", "", status=404, content_type="text/plain")
    down = run_cli("watch", server.url + "/down.xml", "--once", "--delay", "0", "--db", db)
    assert down.returncode == 1
    assert f"source {server.url}/down.xml: HTTP status 404" in down.stderr


def test_without_the_watch_extra_a_web_source_names_the_install_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['httpx'] = None\n"  # as if httpx were not installed
        "from crosswire.cli import main\n"
        f"sys.argv = ['crosswire', 'watch', 'https://x.example/rss.xml', '--db', {str(tmp_path / 'w.db')!r}]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 4
    assert "crosswire watch needs the 'watch' extra: pip install 'crosswire[watch]'" in result.stderr
    # a folder needs no HTTP
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "launchers.txt").write_text(LAUNCHERS, encoding="utf-8")
    folder = script.replace("'https://x.example/rss.xml'", f"{str(inbox)!r}, '--once', '--no-stages'")
    result = subprocess.run([sys.executable, "-c", folder], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "new 1" in result.stderr
