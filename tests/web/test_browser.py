"""The web app in a real headless Chromium: an analyst's path through the demo corpus, and XSS payloads.

Needs Debian's Chromium (``apt-get install chromium``). Without it these tests are skipped, unless
``CROSSWIRE_REQUIRE_BROWSER=1`` is set, in which case they fail. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.server import WebServer

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = "Chromium is not installed"
        if os.environ.get("CROSSWIRE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message}, and CROSSWIRE_REQUIRE_BROWSER=1 requires the browser tests")
        pytest.skip(f"{message}: apt-get install chromium, and set CROSSWIRE_REQUIRE_BROWSER=1 to require it")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A browser page with its console errors and uncaught exceptions collected."""

    def __init__(self, browser: object, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"))

    def real_errors(self) -> list[str]:
        """Console errors other than the browser's reports of what the CSP blocked."""
        return [e for e in self.errors if "Content Security Policy" not in e]


@pytest.fixture
def page(browser: object, server: WebServer) -> Iterator[Watched]:
    watched = Watched(browser, server.url)
    yield watched
    watched.page.close()


def test_from_stories_to_the_evidence_of_a_claim(page: Watched, server: WebServer) -> None:
    page.goto("/stories")
    cards = page.page.locator(".story-card")
    assert cards.count() >= 3
    page.shot("1-stories")
    stories = httpx.get(f"{server.url}/api/stories", params={"limit": 100}).json()["items"]
    copy_kinds = {"duplicate", "near_duplicate", "shared_passage"}

    def copies(story: dict[str, object]) -> int:
        detail = httpx.get(f"{server.url}/api/stories/{story['id']}").json()
        return sum(1 for link in detail["links"] if link["kind"] in copy_kinds)

    biggest = max(stories, key=lambda s: (copies(s) > 0, len(s["articles"])))
    page.page.get_by_role("link", name=biggest["label"]).first.click()
    page.page.wait_for_url(f"**/stories/{biggest['id']}")
    assert page.page.locator("svg.timeline circle.dot").count() == len(biggest["articles"])
    assert page.page.locator(".copy .side-by-side").count() >= 1
    assert page.page.locator("#quotes blockquote.statement").count() >= 1
    page.shot("2-story")

    evidence = page.page.locator("a.evidence-link").first
    href = evidence.get_attribute("href")
    assert href is not None and re.search(r"#(c-[0-9a-f]+-\d+|hl)$", href)
    evidence.click()
    page.page.wait_for_url("**/articles/**")
    target_id = href.rsplit("#", 1)[1]
    target = page.page.locator(f"[id='{target_id}']")
    assert target.is_visible()
    assert "is-target" in (target.get_attribute("class") or "")
    assert page.page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id") == (
        target_id
    )
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # scrolled into view
    outline = page.page.evaluate("(id) => getComputedStyle(document.getElementById(id)).outlineStyle", target_id)
    assert outline == "solid"
    page.shot("3-article-claim")

    page.page.go_back()
    page.page.locator("button.toggle-layout").click()
    assert "stacked" in (page.page.locator("#copies").get_attribute("class") or "")
    assert page.real_errors() == []


def _follow_to_sentence(page: Watched, server: WebServer, row: object, role: str, entry: dict[str, object]) -> None:
    """Click the source's link in the claim row; its sentence is marked, outlined and in view."""
    href = f"/articles/{entry['article_id']}?hl={entry['start']}-{entry['end']}#hl"
    link = row.locator(f".evidence.{role} a.evidence-link[href='{href}']")  # type: ignore[attr-defined]
    assert link.count() == 1
    link.click()
    page.page.wait_for_url(f"**{href}")
    text = httpx.get(f"{server.url}/api/articles/{entry['article_id']}").json()["article"]["text"]
    target = page.page.locator("#hl")
    assert target.is_visible()
    assert "is-target" in (target.get_attribute("class") or "")
    marked = page.page.evaluate(
        "() => Array.from(document.querySelectorAll('mark.ev-target')).map(m => m.textContent).join('')"
    )
    assert marked == text[entry["start"] : entry["end"]]  # exactly the sentence of the claim
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900
    assert page.page.evaluate("() => getComputedStyle(document.getElementById('hl')).outlineStyle") == "solid"
    assert page.page.evaluate("() => getComputedStyle(document.getElementById('hl')).backgroundColor") != (
        "rgba(0, 0, 0, 0)"
    )


def test_sources_of_a_contested_claim_lead_to_their_sentences(page: Watched, server: WebServer) -> None:
    claims = httpx.get(f"{server.url}/api/claims", params={"status": "contradicted", "limit": 500}).json()["items"]
    claim = next(c for c in claims if "some 250" in c["label"] and c["independent"] == 2)
    page.goto(f"/stories/{claim['story_id']}")
    row = page.page.locator(f"[id='claim-{claim['id']}']")
    assert row.is_visible()  # contested: in the open table, not folded away
    assert row.locator(".badge.status").inner_text() == "contradicted"
    assert row.locator("td.independent").inner_text() == "2"
    row.scroll_into_view_if_needed()
    page.shot("3a-claim-table")
    _follow_to_sentence(page, server, row, "supporting", claim["supporting"][0])
    page.shot("3b-supporting-sentence")
    page.page.go_back()
    disputing = {(e["article_id"], e["start"], e["end"]) for e in claim["disputing"]}
    conflicting = next(e for e in claim["conflicting"] if (e["article_id"], e["start"], e["end"]) not in disputing)
    _follow_to_sentence(page, server, row, "conflicting", conflicting)
    page.shot("3c-conflicting-sentence")
    # A single-source claim is folded away; linking to it unfolds it.
    page.page.go_back()
    folded = page.page.locator("details.folded-claims tr.claim").first
    assert not folded.is_visible()
    folded_id = folded.get_attribute("id")
    page.goto(f"/articles/{claim['supporting'][0]['article_id']}")
    page.goto(f"/stories/{claim['story_id']}#{folded_id}")
    assert page.page.locator(f"[id='{folded_id}']").is_visible()
    assert page.real_errors() == []


def test_search_marks_hits(page: Watched) -> None:
    page.goto("/stories")
    page.page.fill("nav.top input[name=q]", "launchers")
    page.page.press("nav.top input[name=q]", "Enter")
    page.page.wait_for_url("**/search?q=launchers")
    hits = page.page.locator("li.hit")
    assert hits.count() >= 2
    assert page.page.locator("li.hit mark").first.inner_text().lower().startswith("launcher")
    page.shot("4-search")
    hits.first.locator("a").first.click()
    page.page.wait_for_url("**/articles/**")
    assert page.real_errors() == []


def test_upload_a_file_and_see_it(page: Watched, tmp_path: Path) -> None:
    upload = tmp_path / "halvik-bridge.md"
    upload.write_text(
        "---\ntitle: Halvik reopens the Iron Bridge\noutlet: Halvik Courier\npublished: 2025-02-10\n---\n\n"
        "HALVIK, Feb 10 - Osterland reopened the Iron Bridge over the River Vesse on Monday after "
        'three weeks of repairs, the city council said. "Traffic will be back to normal by Friday," '
        "said council engineer Mara Quist. About 12,000 vehicles cross the bridge every day.\n",
        encoding="utf-8",
    )
    page.goto("/ingest")
    page.page.set_input_files("input[name=files]", str(upload))
    page.page.click("form.ingest button[type=submit]")
    page.page.wait_for_selector("text=Ingest finished")
    assert page.page.inner_text("#count-ingested") == "1"
    page.shot("5-ingested")
    page.page.get_by_role("link", name="Halvik reopens the Iron Bridge").click()
    page.page.wait_for_url("**/articles/**")
    assert page.page.locator("h1").inner_text() == "Halvik reopens the Iron Bridge"
    assert page.page.locator("mark.ev-quotes").count() >= 1
    page.shot("6-new-article")
    page.goto("/articles?outlet=Halvik+Courier")
    assert page.page.get_by_role("link", name="Halvik reopens the Iron Bridge").count() == 1
    assert page.real_errors() == []


PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload=window.__xss=1>',
    "'><iframe src=javascript:window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "{{7*7}} ]]><b onmouseover=window.__xss=1>x</b>",
]


def _xss_records() -> list[dict[str, str]]:
    records = []
    for number, payload in enumerate(PAYLOADS):
        text = (
            f"DOLMEK, May {number + 1} - Varnia's defence ministry said {payload} on Tuesday that 40 "
            f'launchers were moved to Serin Valley. "We moved {payload} forty launchers," said '
            f"spokesperson {payload} Orla Venn. Osterland's Joint Defence Staff disputed the figure {number}."
        )
        records.append(
            {
                "text": text,
                "title": f"Payload {number} {payload}",
                "outlet": f"Outlet {payload}",
                "url": "javascript:window.__xss=1" if number % 2 == 0 else f"https://x.example/{payload}",
                "published": f"2025-05-0{number + 1}",
                "byline": payload,
            }
        )
    return records


def test_payloads_in_articles_never_run(page: Watched, server: WebServer, tmp_path: Path) -> None:
    corpus = tmp_path / "xss.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in _xss_records()) + "\n", encoding="utf-8")
    # Ingest through the browser form, so the result page shows the payloads too.
    page.goto("/ingest")
    page.page.set_input_files("input[name=files]", str(corpus))
    page.page.fill("textarea[name=text]", "Pasted " + PAYLOADS[1] + " Varnia said 30 launchers moved to Dolmek.")
    page.page.fill("input[name=title]", PAYLOADS[2])
    page.page.fill("input[name=outlet]", PAYLOADS[0])
    page.page.click("form.ingest button[type=submit]")
    page.page.wait_for_selector("text=Ingest finished")
    assert int(page.page.inner_text("#count-ingested")) == len(PAYLOADS) + 1
    page.shot("7-xss-ingested")
    new_ids = re.findall(r'href="/articles/([0-9a-f]+)"', page.page.content())
    assert len(new_ids) == len(PAYLOADS) + 1

    paths = ["/stories", "/articles", "/speakers", "/map", "/search?q=payload", "/search?q=script"]
    stories = set()
    for article_id in new_ids:
        paths.append(f"/articles/{article_id}")
        detail = httpx.get(f"{server.url}/api/articles/{article_id}").json()
        if detail["story_id"]:
            stories.add(detail["story_id"])
    paths += [f"/stories/{story}" for story in sorted(stories)]
    # The pages of the speakers the payload articles quote (their names hold payloads too).
    for article_id in new_ids:
        article_page = httpx.get(f"{server.url}/articles/{article_id}").text
        paths += sorted(set(re.findall(r'href="(/speakers/[^"]+)"', article_page)) - set(paths))
    assert stories, "the payload articles should form or join a story"
    assert any(path.startswith("/speakers/") for path in paths), "the payload quotes should have speakers"
    headings = []
    for path in paths:
        page.goto(path)
        headings.append(page.page.locator("h1").inner_text())
        page.page.mouse.move(300, 300)
        assert page.page.evaluate("() => typeof window.__xss") == "undefined", path
        assert page.page.locator("a[href^='javascript:' i], iframe, img[src='x']").count() == 0, path
        assert page.page.locator("script:not([src])").count() == 0, path
    # The payloads are shown as text, not run.
    assert f"Payload 0 {PAYLOADS[0]}" in headings and PAYLOADS[2] in headings
    page.goto(f"/articles/{new_ids[-1]}")
    page.shot("8-xss-article")
    assert page.dialogs == []
    assert page.real_errors() == []


def test_signing_in_with_the_token_keeps_it_out_of_the_address(
    browser: object, server: WebServer, tmp_path: Path
) -> None:
    from tests.web.server import start_server

    guarded = start_server(server.ledger, tmp_path / "data", token="browser-s3cret")
    watched = Watched(browser, guarded.url)
    try:
        response = watched.page.goto(guarded.url + "/stories?q=")
        assert response is not None and response.status == 401
        watched.page.get_by_role("link", name="Sign in").click()
        watched.page.wait_for_url(lambda url: "/login?next=/stories" in url)
        watched.page.fill("input[name=token]", "wrong")
        watched.page.click("button[type=submit]")
        assert "not right" in watched.page.content()
        watched.page.fill("input[name=token]", "browser-s3cret")
        watched.page.click("button[type=submit]")
        watched.page.wait_for_url(lambda url: url.endswith("/stories"))
        assert watched.page.locator(".story-card").count() >= 3
        assert "browser-s3cret" not in watched.page.url
        cookies = watched.page.context.cookies()
        assert cookies and all("browser-s3cret" not in c["value"] for c in cookies)
        watched.shot("9-signed-in")
    finally:
        watched.page.close()
        guarded.stop()
