"""The web app's JSON API and security rules, against a real server over the demo ledger."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from crosswire.errors import OptionError
from crosswire.ledger import open_ledger
from crosswire.link import LinkOptions
from crosswire.report.export import export_rows
from crosswire.web import check_bind, serve
from crosswire.web.data import speaker_key
from crosswire.web.security import CSP
from crosswire.web.upload import UnsafeName, safe_name
from tests.web.server import WebServer, start_server

VARNIA = (
    "DOLMEK, March 3 (VCNA) - The Republic of Varnia opened a new grain terminal at the port of Dolmek "
    'on Monday, the Varnian Central News Agency said. "The terminal will handle 40,000 tonnes a day," '
    "said transport minister Ilse Marrow. Osterland's trade office in Halvik called the figure optimistic."
)


@pytest.fixture(scope="module")
def openapi(client: httpx.Client) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def validate(openapi: dict[str, Any], path: str, response: httpx.Response, method: str = "get") -> None:
    """The response body matches the schema the OpenAPI description gives for its status code."""
    assert response.status_code < 500, response.text
    spec = openapi["paths"][path][method]["responses"][str(response.status_code)]
    schema = spec["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({"components": openapi["components"], **schema}).validate(response.json())


def rows(server: WebServer, what: str) -> list[dict[str, Any]]:
    with open_ledger(server.ledger) as ledger:
        return list(export_rows(ledger, what))


# --- pages and headers ------------------------------------------------------------------------------


def page_paths(client: httpx.Client) -> list[str]:
    story = client.get("/api/stories").json()["items"][0]["id"]
    article = client.get("/api/articles").json()["items"][0]["id"]
    speaker = client.get("/speakers").text.split('href="/speakers/', 2)[1].split('"')[0]
    return [
        "/stories",
        f"/stories/{story}",
        "/articles",
        f"/articles/{article}",
        "/speakers",
        f"/speakers/{speaker}",
        "/search?q=missile",
        "/map",
        "/ingest",
        "/static/style.css",
        "/static/app.js",
    ]


def test_every_page_answers_with_the_security_headers(client: httpx.Client) -> None:
    for path in [*page_paths(client), "/api/stories", "/openapi.json", "/no-such-page"]:
        response = client.get(path)
        assert response.status_code == (404 if path == "/no-such-page" else 200), path
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        if response.headers["content-type"].startswith("text/html"):
            assert "<script>" not in response.text and " style=" not in response.text
            assert 'href="/stories"' in response.text  # the navigation bar


def test_root_goes_to_the_stories(client: httpx.Client) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/stories"


def test_stories_page_filters(client: httpx.Client, server: WebServer) -> None:
    stories = rows(server, "stories")
    target = next(s for s in stories if s.get("places"))
    page = client.get("/stories", params={"place": target["places"][0]}).text
    assert f"/stories/{target['id']}" in page
    empty = client.get("/stories", params={"q": "no-story-has-these-words-xyzzy"}).text
    assert "No story matches" in empty
    later = client.get("/stories", params={"since": "2030-01-01"}).text
    assert not any(f'/stories/{s["id"]}"' in later for s in stories)
    bad = client.get("/stories", params={"since": "yesterday"})
    assert bad.status_code == 400 and "not a date" in bad.text


STATUS_RANK = {"contradicted": 0, "disputed": 1, "corroborated": 2, "single-source": 3}
CLAIM_ROW = re.compile(r'<tr id="claim-([0-9a-f]+)" class="claim status-([a-z-]+)">(.*?)</tr>', re.S)


def launchers_claim(server: WebServer) -> dict[str, Any]:
    """The sample corpus's "some 250 launchers" claim: contradicted, backed by two independent sources."""
    return next(
        c
        for c in rows(server, "claims")
        if "some 250" in c["label"] and c["status"] == "contradicted" and c["independent"] == 2
    )


def evidence_href(entry: dict[str, Any]) -> str:
    return f"/articles/{entry['article_id']}?hl={entry['start']}-{entry['end']}#hl"


def test_claim_table_shows_the_assessments_contested_first(client: httpx.Client, server: WebServer) -> None:
    claim = launchers_claim(server)
    story = claim["story_id"]
    assessments = {c["id"]: c for c in rows(server, "claims") if c["story_id"] == story}
    page = client.get(f"/stories/{story}").text
    folded_at = page.index('<details class="more folded-claims">')
    shown = [(m.start(), m[1], m[2], m[3]) for m in CLAIM_ROW.finditer(page)]
    assert sorted(i for _, i, _, _ in shown) == sorted(assessments)  # every claim once
    open_rows = [row for row in shown if row[0] < folded_at]
    folded = [row for row in shown if row[0] > folded_at]
    assert open_rows and folded
    ranks = [STATUS_RANK[status] for _, _, status, _ in open_rows]
    assert ranks == sorted(ranks)  # contradicted and disputed claims before the rest
    for _, claim_id, status, _ in folded:  # folded away: single source, no figure
        record = assessments[claim_id]
        assert status == "single-source" and record["value"] is None and record["low"] is None
    cells = next(cells for _, claim_id, _, cells in open_rows if claim_id == claim["id"])
    assert '<span class="badge status contradicted">contradicted</span>' in cells
    assert '<td class="n independent">2</td>' in cells
    assert "225–275" in cells  # the figure, read as a range
    for role in ("supporting", "conflicting"):
        assert f'<div class="evidence {role}">' in cells
        for entry in claim[role]:
            assert f'href="{evidence_href(entry)}"' in cells
    # One line per origin and role: the copies of one report are listed together, not as more sources;
    # a source that disputes the claim is not listed again among the conflicting ones.
    disputing = {(e["article_id"], e["start"], e["end"]) for e in claim["disputing"]}
    conflicting = [e for e in claim["conflicting"] if (e["article_id"], e["start"], e["end"]) not in disputing]
    lines = sum(
        len({e["origin"] for e in entries}) for entries in (claim["supporting"], claim["disputing"], conflicting)
    )
    assert cells.count('<span class="asserter">') == lines


def test_claim_links_are_shown_with_why(client: httpx.Client, server: WebServer) -> None:
    claim = launchers_claim(server)
    members = {a["id"] for a in client.get(f"/api/stories/{claim['story_id']}").json()["articles"]}
    links = [
        link
        for link in rows(server, "links")
        if link["kind"] in ("agrees", "conflicts", "disputes", "derives") and link["a"]["article_id"] in members
    ]
    page = client.get(f"/stories/{claim['story_id']}").text
    shown = set(re.findall(r'<tr class="claim-link (\w+)">', page))
    assert shown == {link["kind"] for link in links} and "conflicts" in shown
    for link in links:
        if link.get("operation"):
            assert escape(link["operation"]) in page
        if link["kind"] != "agrees":
            assert escape(link["why"][:60]) in page
            for end in (link["a"], link["b"]):
                assert f'href="{evidence_href(end)}"' in page
    assert page.index('<tr class="claim-link conflicts">') < page.index("agreements between sources")


def test_near_duplicates_show_their_shared_passages_side_by_side(client: httpx.Client, server: WebServer) -> None:
    links = rows(server, "links")
    pair = next(link for link in links if link["kind"] == "near_duplicate")
    first, second = pair["a"]["article_id"], pair["b"]["article_id"]
    passages = [
        link
        for link in links
        if link["kind"] == "shared_passage" and {link["a"]["article_id"], link["b"]["article_id"]} == {first, second}
    ]
    assert passages
    story = client.get(f"/api/articles/{first}").json()["story_id"]
    page = client.get(f"/stories/{story}").text
    texts = {i: client.get(f"/api/articles/{i}").json()["article"]["text"] for i in (first, second)}
    copy = next(
        block
        for block in page.split('<div class="copy"')[1:]
        if f"/articles/{first}" in block
        and f"/articles/{second}" in block
        and block.index(f"/articles/{first}") < block.index(f"/articles/{second}")
    )
    marks = dict(re.findall(r'<mark class="ev ev-shared-\d" title="[^"]*" id="sp-\d+-(\d+-[ab])">([^<]*)</mark>', copy))
    assert len(marks) == 2 * len(passages)
    for link in passages:
        a, b = (link["a"], link["b"]) if link["a"]["article_id"] == first else (link["b"], link["a"])
        number = next(
            n
            for n in range(1, len(passages) + 1)
            if html.unescape(marks[f"{n}-a"]) == texts[first][a["start"] : a["end"]]
        )
        assert html.unescape(marks[f"{number}-b"]) == texts[second][b["start"] : b["end"]]


def carried(server: WebServer) -> list[dict[str, Any]]:
    with open_ledger(server.ledger) as ledger:
        return list(json.loads(ledger.load_state("speakers", LinkOptions().fingerprint()) or b"[]"))


def test_speaker_page_lists_quotes_attributed_via_a_copy(client: httpx.Client, server: WebServer) -> None:
    entries = carried(server)
    assert entries, "the sample corpus has quotes whose speaker only a copy names"
    entry = entries[0]
    name = entry["speaker"]["name"]
    quotes = client.get("/api/quotes", params={"article_id": entry["article_id"], "limit": 1000}).json()["items"]
    number = next(n for n, q in enumerate(quotes) if q["start"] == entry["start"])
    page = client.get(f"/speakers/{speaker_key(name)}").text
    block = next(b for b in page.split("<blockquote")[1:] if f"#q-{entry['article_id']}-{number}" in b)
    assert 'class="statement carried"' in block and "attributed via a copy" in block
    source = entry["speaker"]["source"]
    assert f"/articles/{source['article_id']}?hl={source['start']}-{source['end']}#hl" in block
    index = client.get("/speakers").text
    assert f'href="/speakers/{speaker_key(name)}"' in index
    found = client.get("/api/quotes", params={"speaker": name, "limit": 1000}).json()["items"]
    assert any(q["article_id"] == entry["article_id"] and q["start"] == entry["start"] for q in found)
    article = client.get(f"/articles/{entry['article_id']}").text
    assert f'<a href="/speakers/{speaker_key(name)}">{escape(name)}</a>, attributed via a copy' in article


def test_linked_evidence_names_its_claim(client: httpx.Client, server: WebServer) -> None:
    claim = launchers_claim(server)
    entry = claim["supporting"][0]
    page = client.get(evidence_href(entry).split("#")[0]).text
    assert '<mark class="ev ev-target" title="linked evidence" id="hl">' in page
    note = page.split('<p class="target-note">', 1)[1].split("</p>", 1)[0]
    assert f'href="/stories/{claim["story_id"]}#claim-{claim["id"]}"' in note and "supporting" in note


def test_search_page_marks_hits_and_paginates(client: httpx.Client) -> None:
    page = client.get("/search", params={"q": "missile"}).text
    assert "<mark>missile</mark>" in page.lower() or "<mark>Missile</mark>" in page


# --- API ----------------------------------------------------------------------------------------------


LISTS = {
    "/api/stories": "stories",
    "/api/articles": "articles",
    "/api/links": "links",
    "/api/claims": "claims",
    "/api/quotes": "quotes",
}


@pytest.mark.parametrize("path", list(LISTS))
def test_lists_are_the_export_rows_paginated(
    client: httpx.Client, server: WebServer, openapi: dict[str, Any], path: str
) -> None:
    expected = rows(server, LISTS[path])
    everything = client.get(path, params={"limit": 1000})
    validate(openapi, path, everything)
    body = everything.json()
    assert body["total"] == len(expected)
    assert body["items"] == expected
    if len(expected) >= 3:
        first = client.get(path, params={"limit": 2, "offset": 0}).json()
        second = client.get(path, params={"limit": 2, "offset": 2}).json()
        assert first["items"] == expected[:2] and second["items"] == expected[2:4]
        assert first["total"] == second["total"] == len(expected)
        assert (first["limit"], second["offset"]) == (2, 2)


def test_bad_pagination_is_a_json_error(client: httpx.Client, openapi: dict[str, Any]) -> None:
    for params in ({"limit": 0}, {"offset": -1}, {"limit": "many"}, {"since": "soon"}):
        response = client.get("/api/articles", params=params)
        assert response.status_code == 422
        validate(openapi, "/api/articles", response)
        assert "Traceback" not in response.text


def test_article_filters(client: httpx.Client, server: WebServer) -> None:
    articles = rows(server, "articles")
    outlet = articles[0]["outlet"]
    found = client.get("/api/articles", params={"outlet": outlet, "limit": 1000}).json()
    assert found["total"] == sum(1 for a in articles if (a["outlet"] or "").lower() == outlet.lower())
    assert all(a["outlet"].lower() == outlet.lower() for a in found["items"])
    dated = sorted(a["published"][:10] for a in articles if a["published"])
    since = client.get("/api/articles", params={"since": dated[-1], "limit": 1000}).json()
    assert since["total"] >= 1 and all(a["published"][:10] >= dated[-1] for a in since["items"])


def test_article_by_id(client: httpx.Client, server: WebServer, openapi: dict[str, Any]) -> None:
    article = rows(server, "articles")[0]
    response = client.get(f"/api/articles/{article['id']}")
    validate(openapi, "/api/articles/{article_id}", response)
    body = response.json()
    assert body["article"] == article
    assert set(body["findings"]) >= {"quotes", "quantities", "times", "places", "entities", "claims"}
    assert all(article["text"][q["start"] : q["end"]] == q["text"] for q in body["findings"]["quotes"])
    assert body["story_id"] in {s["id"] for s in rows(server, "stories")}
    by_prefix = client.get(f"/api/articles/{article['id'][:8]}").json()
    assert by_prefix["article"]["id"] == article["id"]


def test_story_by_id(client: httpx.Client, server: WebServer, openapi: dict[str, Any]) -> None:
    story = max(rows(server, "stories"), key=lambda s: len(s["articles"]))
    response = client.get(f"/api/stories/{story['id']}")
    validate(openapi, "/api/stories/{story_id}", response)
    body = response.json()
    assert body["story"] == story
    assert {a["id"] for a in body["articles"]} == {a["id"] for a in story["articles"]}
    members = {a["id"] for a in story["articles"]}
    assert all(link["a"]["article_id"] in members and link["b"]["article_id"] in members for link in body["links"])


@pytest.mark.parametrize("path", ["/api/stories/{id}", "/api/articles/{id}"], ids=["story", "article"])
def test_unknown_ids_are_404(client: httpx.Client, openapi: dict[str, Any], path: str) -> None:
    response = client.get(path.replace("{id}", "nosuchid0000000"))
    assert response.status_code == 404
    assert "no " in response.json()["error"]
    validate(openapi, path.replace("{id}", "{story_id}" if "stories" in path else "{article_id}"), response)
    assert client.get("/stories/nosuchid").status_code == 404
    assert client.get("/speakers/nobody-at-all").status_code == 404


def test_quote_and_link_filters(client: httpx.Client, server: WebServer) -> None:
    quotes = rows(server, "quotes")
    named = next(q for q in quotes if (q.get("speaker") or {}).get("name"))
    name = named["speaker"]["name"]
    found = client.get("/api/quotes", params={"speaker": name.upper(), "limit": 1000}).json()
    via_copy = {
        (e["article_id"], e["start"]) for e in carried(server) if speaker_key(e["speaker"]["name"]) == speaker_key(name)
    }
    assert found["total"] >= 1
    assert all(
        (q.get("speaker") or {}).get("name", "").lower() == name.lower() or (q["article_id"], q["start"]) in via_copy
        for q in found["items"]
    )
    by_article = client.get("/api/quotes", params={"article_id": named["article_id"], "limit": 1000}).json()
    assert by_article["total"] == sum(1 for q in quotes if q["article_id"] == named["article_id"])
    links = rows(server, "links")
    kind = links[0]["kind"]
    of_kind = client.get("/api/links", params={"kind": kind, "limit": 1000}).json()
    assert of_kind["total"] == sum(1 for link in links if link["kind"] == kind)
    touching = client.get("/api/links", params={"article_id": links[0]["a"]["article_id"]}).json()
    assert links[0]["id"] in {link["id"] for link in touching["items"]}


def test_search_api_paginates(client: httpx.Client, openapi: dict[str, Any]) -> None:
    response = client.get("/api/search", params={"q": "Varnia", "limit": 2})
    validate(openapi, "/api/search", response)
    first = response.json()
    assert first["total"] > 2 and len(first["items"]) == 2
    second = client.get("/api/search", params={"q": "Varnia", "limit": 2, "offset": 2}).json()
    assert not {h["id"] for h in first["items"]} & {h["id"] for h in second["items"]}
    assert "[" in first["items"][0]["snippet"]
    assert client.get("/api/search", params={"q": '"unbalanced OR NEAR('}).status_code == 200
    assert client.get("/api/search").status_code == 422


# --- ingest ---------------------------------------------------------------------------------------------


def test_ingest_post_stores_extracts_and_links(client: httpx.Client, openapi: dict[str, Any]) -> None:
    files = [("files", ("grain-terminal.txt", VARNIA.encode(), "text/plain"))]
    response = client.post("/api/ingest", files=files)
    validate(openapi, "/api/ingest", response, "post")
    body = response.json()
    assert body["ingested"] == 1 and body["problems"] == []
    new = body["new"][0]
    assert new["source"] == "grain-terminal.txt"
    article = client.get(f"/api/articles/{new['id']}").json()
    assert any("Ilse Marrow" in (q.get("speaker") or {}).get("name", "") for q in article["findings"]["quotes"])
    again = client.post("/api/ingest", files=files).json()
    assert again["ingested"] == 0 and again["duplicates"] == 1


def test_ingest_pasted_text_with_fields(client: httpx.Client) -> None:
    text = VARNIA.replace("grain terminal", "fertiliser plant")
    form = {"text": text, "title": "Varnia opens plant", "outlet": "Dolmek Herald", "published": "2025-03-03"}
    body = client.post("/api/ingest", data=form).json()
    assert body["ingested"] == 1
    article = client.get(f"/api/articles/{body['new'][0]['id']}").json()["article"]
    assert (article["title"], article["outlet"], article["published"]) == (
        "Varnia opens plant",
        "Dolmek Herald",
        "2025-03-03",
    )


def test_ingest_problems_are_one_line_messages(client: httpx.Client) -> None:
    files = [
        ("files", ("empty.txt", b"   \n", "text/plain")),
        ("files", ("binary.txt", bytes(range(256)) * 4, "application/octet-stream")),
    ]
    body = client.post("/api/ingest", files=files).json()
    assert body["ingested"] == 0 and body["skipped"] == 2
    assert all("\n" not in p and p.startswith("skipped: ") for p in body["problems"])
    assert any(p.startswith("skipped: empty.txt") for p in body["problems"])
    assert client.post("/api/ingest", data={"title": "no text"}).json()["error"].startswith("nothing to ingest")


def test_upload_names_cannot_leave_the_data_folder(client: httpx.Client, server: WebServer) -> None:
    names = ["../../escaped.txt", "..\\escaped.txt", "sub/escaped.txt", "/tmp/escaped.txt", ".."]
    files = [("files", (name, VARNIA.encode(), "text/plain")) for name in names]
    files.append(("files", ("Ré sumé; rm -rf ~.txt", VARNIA.encode() + b" Second copy.", "text/plain")))
    body = client.post("/api/ingest", files=files).json()
    refused = [p for p in body["problems"] if "must not name a folder" in p]
    assert len(refused) == len(names)
    assert body["ingested"] == 1 and body["new"][0]["source"] == "Ré_sumé_rm_-rf_.txt"
    root = server.data_dir.parent
    escaped = [p for p in root.rglob("escaped.txt")] + list(Path("/tmp").glob("escaped.txt"))
    assert escaped == []
    stored = [p for p in server.data_dir.rglob("*") if p.is_file()]
    assert stored and all(p.resolve().is_relative_to((server.data_dir / "uploads").resolve()) for p in stored)


@given(st.text(min_size=1, max_size=80))
def test_safe_names_stay_in_their_folder(raw: str) -> None:
    folder = Path("/srv/uploads/abc")
    try:
        name = safe_name(raw)
    except UnsafeName:
        assert "/" in raw or "\\" in raw or "\x00" in raw or raw.strip() in (".", "..")
        return
    assert name and "/" not in name and "\\" not in name and not name.startswith(".")
    assert (folder / name).resolve().parent == folder


def test_size_limits(client: httpx.Client) -> None:
    big = b"Varnia said the figure was large. " * 8000  # about 270 kB, over the 200 kB file limit
    body = client.post("/api/ingest", files=[("files", ("big.txt", big, "text/plain"))]).json()
    assert body["ingested"] == 0
    assert body["problems"] == ["skipped: big.txt: file is 0.3 MB, over the size limit of 0.2 MB"]
    huge = [("files", (f"part{i}.txt", big, "text/plain")) for i in range(5)]  # over the 1 MB request limit
    response = client.post("/api/ingest", files=huge)
    assert response.status_code == 413 and "size limit" in response.json()["error"]


def test_cross_site_posts_are_refused(client: httpx.Client, server: WebServer) -> None:
    form = {"text": VARNIA + " Cross-site attempt."}
    for header in (
        {"Origin": "http://evil.example"},
        {"Referer": "http://evil.example/page"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "null"},
        {"Sec-Fetch-Site": "same-site", "Origin": server.url},
    ):
        response = client.post("/ingest", data=form, headers=header)
        assert response.status_code == 403, header
        assert "cross-site" in response.text
    same = client.post("/ingest", data=form, headers={"Origin": server.url})
    assert same.status_code == 200 and "Ingest finished" in same.text
    browser = client.post("/ingest", data=form, headers={"Sec-Fetch-Site": "same-origin", "Origin": "null"})
    assert browser.status_code == 200


def test_only_loopback_host_names_without_a_token(client: httpx.Client) -> None:
    response = client.get("/api/stories", headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert client.get("/api/stories", headers={"Host": "localhost"}).status_code == 200


# --- token, binding, errors -------------------------------------------------------------------------


def test_token_is_required_on_every_request(server: WebServer, tmp_path: Path) -> None:
    guarded = start_server(server.ledger, tmp_path / "data", token="s3cret-token")
    try:
        with httpx.Client(base_url=guarded.url, timeout=30) as anonymous:
            for path in ("/stories", "/api/stories", "/static/style.css", "/openapi.json"):
                assert anonymous.get(path).status_code == 401, path
            page = anonymous.get("/stories/abc").text
            assert 'href="/login?next=/stories/abc"' in page  # a page asks to sign in and come back
            assert anonymous.get("/api/stories", headers={"Authorization": "Bearer wrong"}).status_code == 401
            assert anonymous.post("/api/ingest", data={"text": VARNIA}).status_code == 401
            bearer = anonymous.get("/api/stories", headers={"Authorization": "Bearer s3cret-token"})
            assert bearer.status_code == 200 and bearer.json()["total"] >= 1
            # Any host name is answered once a token guards the server.
            headers = {"Authorization": "Bearer s3cret-token", "Host": "analyst.example"}
            assert anonymous.get("/stories", headers=headers).status_code == 200
    finally:
        guarded.stop()


def test_serve_refuses_other_hosts_without_a_token(tmp_path: Path) -> None:
    for host in ("0.0.0.0", "192.168.1.20", "example.org", "::"):
        with pytest.raises(OptionError, match="--token"):
            serve(tmp_path / "x.db", host, 8000, None)
    check_bind("127.0.0.1", None)
    check_bind("localhost", None)
    check_bind("::1", None)
    check_bind("0.0.0.0", "a-token")


def test_server_errors_are_generic(tmp_path: Path) -> None:
    ledger = tmp_path / "broken.db"
    open_ledger(ledger).close()
    broken = start_server(ledger, tmp_path / "data")
    try:
        with sqlite3.connect(ledger) as db:
            db.execute("DROP TABLE stories")
            db.execute("DROP TABLE story_summaries")
        with httpx.Client(base_url=broken.url, timeout=30) as client:
            for path in ("/stories", "/api/stories"):
                response = client.get(path)
                assert response.status_code == 500
                assert "Traceback" not in response.text and "sqlite" not in response.text.lower()
                assert response.headers["content-security-policy"] == CSP
            assert client.get("/api/stories").json() == {"error": "something went wrong on the server; see its log"}
    finally:
        broken.stop()
