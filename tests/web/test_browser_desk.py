"""The shared desk in a real headless Chromium: an analyst signs in with her token, corrects a quote's speaker
and sees the count follow, splits a story and undoes it. Screenshots go to ``test-artifacts/``.

Needs Debian's Chromium, like tests/web/test_browser.py (whose browser and page helpers these use).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from crosswire.desk.users import add_user
from crosswire.ledger import open_ledger
from tests.web.server import WebServer, copy_ledger, start_server
from tests.web.test_browser import Watched, browser  # noqa: F401 - the module's browser fixture

ANALYST = "Ana Ruiz"


@pytest.fixture(scope="module")
def desk(server: WebServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WebServer, str]]:
    """A server that needs signing in, over a copy of the demo ledger, and an analyst's token."""
    folder = tmp_path_factory.mktemp("browser-desk")
    ledger_path = copy_ledger(server.ledger, folder / "desk.db")
    with open_ledger(ledger_path) as ledger:
        token = add_user(ledger, ANALYST, "analyst")[1]
    served = start_server(ledger_path, folder / "data", sign_in=True)
    yield served, token
    served.stop()


@pytest.fixture
def signed_in(browser: Any, desk: tuple[WebServer, str]) -> Iterator[Watched]:  # noqa: F811
    served, token = desk
    watched = Watched(browser, served.url)
    response = watched.page.goto(served.url + "/stories")
    assert response is not None and response.status == 401
    watched.page.get_by_role("link", name="Sign in").click()
    watched.page.fill("input[name=token]", token)
    watched.page.click("button[type=submit]")
    watched.page.wait_for_url(lambda url: url.endswith("/stories"))
    assert ANALYST in watched.page.inner_text("#viewer")
    watched.errors.clear()  # the refused page's stylesheet and icon were refused too, before signing in
    yield watched
    watched.page.close()


def api(desk: tuple[WebServer, str], path: str, **params: Any) -> Any:
    served, token = desk
    answer = httpx.get(served.url + path, params=params, headers={"authorization": f"Bearer {token}"}, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()


def launcher_claim(desk: tuple[WebServer, str]) -> dict[str, Any]:
    claims = api(desk, "/api/claims", status="contradicted", limit=500)["items"]
    return next(c for c in claims if "some 250" in c["label"] and c["modality"] == "done" and c["thing"] == "launcher")


def test_an_analyst_corrects_a_speaker_and_the_count_follows(signed_in: Watched, desk: tuple[WebServer, str]) -> None:
    page = signed_in
    before = launcher_claim(desk)
    assert before["independent"] == 2
    frontier = api(desk, "/api/articles", outlet="Frontier Review")["items"][0]
    page.goto(f"/articles/{frontier['id']}")
    item = page.page.locator("li.quote-finding", has_text="some 250 launchers had been moved")
    assert item.locator(".speaker").inner_text().startswith("Ilse Brandt (")  # the machine also misread a role
    item.locator("details.fix summary", has_text="fix speaker").click()
    form = item.locator("form.correct").first
    form.locator("input[name=name]").fill("a senior Osterland military official")
    form.locator("input[name=role]").fill("")
    form.locator("input[name=org]").fill("")
    form.locator("input[name=why]").fill("Brandt only repeats the official's figure")
    page.shot("desk-1-fix-speaker")
    form.locator("button[type=submit]").click()
    page.page.wait_for_url("**corrected=*")
    item = page.page.locator("li.quote-finding", has_text="some 250 launchers had been moved")
    assert item.locator(".speaker").inner_text() == "a senior Osterland military official"
    assert item.locator(".corrected").inner_text() == f"corrected by {ANALYST}"
    assert page.page.locator("ul.correction-list li").count() == 1
    page.shot("desk-2-speaker-fixed")

    after = launcher_claim(desk)
    assert after["independent"] == 1, "the anonymous official is one source, whoever carries the figure"
    page.goto(f"/stories/{after['story_id']}")
    row = page.page.locator(f"[id='claim-{after['id']}']")
    assert row.locator("td.independent").inner_text().startswith("1")
    assert f"corrected by {ANALYST}" in row.inner_text()
    page.shot("desk-3-claim-after")
    assert page.real_errors() == []


def test_an_analyst_splits_a_story_and_undoes_it(signed_in: Watched, desk: tuple[WebServer, str]) -> None:
    page = signed_in
    herald = next(
        a for a in api(desk, "/api/articles", outlet="Dolmek Herald")["items"] if "VCNA rejects" in (a["title"] or "")
    )
    story_id = api(desk, f"/api/articles/{herald['id']}")["story_id"]
    members = len(api(desk, f"/api/stories/{story_id}")["story"]["articles"])
    page.goto(f"/stories/{story_id}")
    page.page.locator("#correct-story summary").click()
    split = page.page.locator("form.split")
    split.locator(f"input[name=articles][value='{herald['id']}']").check()
    split.locator("input[name=why]").fill("VCNA's denial is a story of its own")
    page.shot("desk-4-split")
    split.locator("button[type=submit]").click()
    page.page.wait_for_url("**/corrections?highlight=*")
    row = page.page.locator("tr.correction.is-target")
    assert row.locator(".badge.kind").inner_text() == "split" and ANALYST in row.inner_text()
    page.shot("desk-5-trail")
    row.locator("a.story-link").click()
    page.page.wait_for_url("**/stories/**")
    apart = page.page.url.rsplit("/", 1)[1]
    assert apart != story_id
    assert page.page.locator("p.corrected-note").inner_text().startswith(f"Split off by {ANALYST}")
    assert page.page.locator("ol.timeline-list li").count() == 1
    assert len(api(desk, f"/api/stories/{story_id}")["story"]["articles"]) == members - 1
    page.shot("desk-6-split-story")

    page.goto("/corrections")
    undo = page.page.locator("tr.correction.active", has_text="split").locator("form")
    undo.locator("input[name=why]").fill("the same border crisis after all")
    undo.locator("button[type=submit]").click()
    page.page.wait_for_url("**/corrections")
    assert "undone by " + ANALYST in page.page.locator("tr.correction", has_text="split").inner_text()
    assert api(desk, f"/api/articles/{herald['id']}")["story_id"] == story_id
    assert len(api(desk, f"/api/stories/{story_id}")["story"]["articles"]) == members
    page.shot("desk-7-undone")
    assert page.real_errors() == []
