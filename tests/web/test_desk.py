"""The shared desk over HTTP, against real servers on copies of the demo ledger: who may do what, signing in
with named users' tokens, corrections and the register through the API, ClaimReview out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from crosswire.desk.users import add_user
from crosswire.ledger import open_ledger
from tests.report.test_claimreview import RECOMMENDED, REQUIRED, problems
from tests.web.server import WebServer, copy_ledger, start_server

SAME_SITE = {"sec-fetch-site": "same-origin"}


@pytest.fixture(scope="module")
def desk(server: WebServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WebServer, dict[str, str]]]:
    """A server that needs signing in, over a copy of the demo ledger with a reader, an analyst and an admin."""
    folder = tmp_path_factory.mktemp("desk")
    ledger_path = copy_ledger(server.ledger, folder / "desk.db")
    tokens = {}
    with open_ledger(ledger_path) as ledger:
        for name, role in (("Rita Reader", "reader"), ("Ana Ruiz", "analyst"), ("Ada Admin", "admin")):
            tokens[role] = add_user(ledger, name, role)[1]
    served = start_server(ledger_path, folder / "data", sign_in=True, token="shared-s3cret")
    yield served, tokens
    served.stop()


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def a_quote(url: str, headers: dict[str, str], outlet: str, words: str) -> tuple[str, dict[str, Any]]:
    article = httpx.get(f"{url}/api/articles", params={"outlet": outlet}, headers=headers).json()["items"][0]
    detail = httpx.get(f"{url}/api/articles/{article['id']}", headers=headers).json()
    return article["id"], next(q for q in detail["findings"]["quotes"] if words in q["text"])


def test_nobody_gets_in_without_a_token_and_each_user_is_who_their_token_says(
    desk: tuple[WebServer, dict[str, str]],
) -> None:
    served, tokens = desk
    assert httpx.get(f"{served.url}/api/stories").status_code == 401
    assert httpx.get(f"{served.url}/stories").status_code == 401
    assert httpx.get(f"{served.url}/api/me", headers=bearer(tokens["analyst"] + "x")).status_code == 401
    for role, name in (("reader", "Rita Reader"), ("analyst", "Ana Ruiz"), ("admin", "Ada Admin")):
        me = httpx.get(f"{served.url}/api/me", headers=bearer(tokens[role])).json()
        assert me == {"name": name, "role": role, "signed_in": True}
    shared = httpx.get(f"{served.url}/api/me", headers=bearer("shared-s3cret")).json()
    assert shared == {"name": "token", "role": "admin", "signed_in": True}, "--token keeps working"


def test_readers_read_analysts_correct_admins_manage(desk: tuple[WebServer, dict[str, str]]) -> None:
    served, tokens = desk
    reader, analyst, admin = (bearer(tokens[r]) for r in ("reader", "analyst", "admin"))
    article, quote = a_quote(served.url, reader, "Frontier Review", "some 250 launchers had been moved")
    body = {"kind": "speaker", "article": article, "start": quote["start"], "end": quote["end"],
            "name": "Colonel Ilse Brandt", "why": "her rank"}  # fmt: skip
    refused = httpx.post(f"{served.url}/api/corrections", json=body, headers=reader)
    assert refused.status_code == 403 and "readers cannot change the ledger" in refused.json()["error"]
    made = httpx.post(f"{served.url}/api/corrections", json=body, headers=analyst, timeout=120)
    assert made.status_code == 201, made.text
    assert (made.json()["by"], made.json()["was"]["name"]) == ("Ana Ruiz", "Ilse Brandt")
    shown = httpx.get(f"{served.url}/api/articles/{article}", headers=reader).json()["findings"]["quotes"]
    fixed = next(q for q in shown if q["start"] == quote["start"])
    assert fixed["speaker"]["name"] == "Colonel Ilse Brandt" and fixed["corrected"][0]["by"] == "Ana Ruiz"
    page = httpx.get(f"{served.url}/articles/{article}", headers=reader).text
    assert "corrected by Ana Ruiz" in page and "fix speaker" not in page, "readers see no correction forms"
    assert "fix speaker" in httpx.get(f"{served.url}/articles/{article}", headers=analyst).text
    outlet = {"name": "Radio Halvik", "kind": "broadcaster", "owner": "Vesse Media Group"}
    assert httpx.put(f"{served.url}/api/outlets", json=outlet, headers=analyst).status_code == 403
    saved = httpx.put(f"{served.url}/api/outlets", json=outlet, headers=admin, timeout=300)
    assert saved.status_code == 200 and saved.json()["updated_by"] == "Ada Admin"
    assert httpx.get(f"{served.url}/users", headers=analyst).status_code == 403
    assert "Rita Reader" in httpx.get(f"{served.url}/users", headers=admin).text
    trail = httpx.get(f"{served.url}/api/corrections", headers=reader).json()
    assert [(c["kind"], c["by"]) for c in trail["items"]] == [("speaker", "Ana Ruiz")]
    undone = httpx.post(f"{served.url}/api/corrections/{made.json()['id']}/undo", json={"why": "no"}, headers=analyst)
    assert undone.status_code == 200 and undone.json()["undone_by"] == "Ana Ruiz"
    again = httpx.post(f"{served.url}/api/corrections/{made.json()['id']}/undo", json={"why": "no"}, headers=analyst)
    assert again.status_code == 422 and "undone already" in again.json()["error"]


def test_a_refused_correction_says_why(desk: tuple[WebServer, dict[str, str]]) -> None:
    served, tokens = desk
    analyst = bearer(tokens["analyst"])
    cases = [
        ({"kind": "erase"}, 422, "kind: 'erase' is not a correction"),
        ({"kind": "speaker", "article": "ffffffffffffffff", "start": 0, "end": 4, "name": "X", "why": "w"}, 404,
         "no article"),
        ({"kind": "merge", "story": "s1", "other": "s2", "why": "w"}, 404, "no story"),
        ({"kind": "review", "claim": "nope", "state": "checked"}, 404, "no claim assessment"),
    ]  # fmt: skip
    for body, status, message in cases:
        answer = httpx.post(f"{served.url}/api/corrections", json=body, headers=analyst)
        assert answer.status_code == status and message in answer.json()["error"], body
    unknown = httpx.post(f"{served.url}/api/corrections", json={"kind": "date", "colour": "red"}, headers=analyst)
    assert unknown.status_code == 422, "an unknown field is refused"


def test_signing_in_with_a_named_users_token_sets_a_cookie_that_ends_with_the_token(
    desk: tuple[WebServer, dict[str, str]],
) -> None:
    served, tokens = desk
    with httpx.Client(base_url=served.url, headers=SAME_SITE) as browser:
        wrong = browser.post("/login", data={"token": tokens["analyst"][:-3] + "abc", "next": "/stories"})
        assert wrong.status_code == 401
        signed = browser.post("/login", data={"token": tokens["analyst"], "next": "/stories"}, follow_redirects=False)
        assert signed.status_code == 303 and signed.headers["location"] == "/stories"
        cookie = browser.cookies["crosswire_token"]
        assert cookie.startswith("u.") and tokens["analyst"].split("_")[-1] not in cookie
        page = browser.get("/stories")
        assert page.status_code == 200 and "Ana Ruiz" in page.text and "Sign out" in page.text
        with open_ledger(served.ledger) as ledger:
            from crosswire.desk.users import issue_token

            fresh = issue_token(ledger, "Ana Ruiz")[1]
        assert browser.get("/stories").status_code == 401, "a new token ends the old cookie"
        tokens["analyst"] = fresh
        browser.post("/login", data={"token": fresh, "next": "/"})
        out = browser.post("/logout", follow_redirects=False)
        assert out.status_code == 303 and "Max-Age=0" in out.headers["set-cookie"]


def test_on_this_machine_without_sign_in_writes_are_the_local_users(server: WebServer, tmp_path: Path) -> None:
    ledger_path = copy_ledger(server.ledger, tmp_path / "local.db")
    served = start_server(ledger_path, tmp_path / "data")
    try:
        assert httpx.get(f"{served.url}/api/me").json() == {"name": "local", "role": "admin", "signed_in": False}
        claim = httpx.get(f"{served.url}/api/claims", params={"limit": 1}).json()["items"][0]
        body = {"kind": "review", "claim": claim["id"], "state": "checked", "note": "Two sources agree"}
        made = httpx.post(f"{served.url}/api/corrections", json=body)
        assert made.status_code == 201 and made.json()["by"] == "local"
        reviews = httpx.get(f"{served.url}/api/claimreview").json()
        assert len(reviews) == 1 and problems(reviews[0], REQUIRED) == []
        # a claim only undated articles carry has no date of its own to give
        undated = not any(work.get("datePublished") for work in reviews[0]["itemReviewed"]["appearance"])
        assert problems(reviews[0], RECOMMENDED) == (["Claim.datePublished is missing"] if undated else [])
        assert reviews[0]["url"].startswith(served.url + "/stories/")
        one = httpx.get(f"{served.url}/api/claims/{claim['id']}/claimreview")
        assert one.status_code == 200 and one.headers["content-type"].startswith("application/ld+json")
        other = httpx.get(f"{served.url}/api/claims", params={"limit": 2}).json()["items"][1]
        assert httpx.get(f"{served.url}/api/claims/{other['id']}/claimreview").status_code == 404
        assert httpx.get(f"{served.url}/login").status_code == 404, "nobody needs to sign in here"
        refused = httpx.post(f"{served.url}/api/corrections", json=body, headers={"origin": "http://evil.example"})
        assert refused.status_code == 403, "still no cross-site writes"
    finally:
        served.stop()
