"""The web app over a PostgreSQL ledger: the same pages and API answers as over an SQLite ledger of
the same articles, search by PostgreSQL's own full-text index, and uploads written to the server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from crosswire.ledger import open_ledger
from crosswire.pipeline import run, sample_corpus
from tests.conftest import PostgresLedgers
from tests.web.server import WebServer, start_server

LISTS = ["/api/stories", "/api/articles", "/api/claims", "/api/links", "/api/quotes"]


@pytest.fixture(scope="module")
def servers(postgres: PostgresLedgers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, WebServer]]:
    """The app over the linked sample corpus, once on each ledger."""
    folder = tmp_path_factory.mktemp("web-postgres")
    ledgers = {"sqlite": str(folder / "sample.db"), "postgres": postgres.new_database()}
    for db in ledgers.values():
        with open_ledger(db) as ledger:
            run([str(sample_corpus())], ledger)
    started = {name: start_server(db, folder / f"data-{name}") for name, db in ledgers.items()}  # type: ignore[arg-type]
    yield started
    for server in started.values():
        server.stop()


def without_revisions(value: Any) -> Any:
    """An API answer without the revisions (a count of writes, which differs between two ledgers)."""
    if isinstance(value, dict):
        return {k: without_revisions(v) for k, v in value.items() if k != "revision"}
    if isinstance(value, list):
        return [without_revisions(v) for v in value]
    return value


def get(server: WebServer, path: str, **params: Any) -> httpx.Response:
    return httpx.get(server.url + path, params=params, timeout=120)


@pytest.mark.parametrize("path", LISTS)
def test_every_api_list_is_the_same_on_both_ledgers(servers: dict[str, WebServer], path: str) -> None:
    answers = {name: get(server, path, limit=500) for name, server in servers.items()}
    assert answers["postgres"].status_code == 200
    assert without_revisions(answers["postgres"].json()) == without_revisions(answers["sqlite"].json())
    assert answers["sqlite"].json()["items"]


def test_pages_of_a_story_and_an_article_are_the_same_on_both_ledgers(servers: dict[str, WebServer]) -> None:
    story = get(servers["sqlite"], "/api/stories", limit=1).json()["items"][0]
    article = story["articles"][0]["id"]
    for path in ("/stories", f"/stories/{story['id']}", f"/articles/{article}", "/speakers", "/map"):
        pages = {name: get(server, path) for name, server in servers.items()}
        assert pages["postgres"].status_code == 200, path
        assert pages["postgres"].text == pages["sqlite"].text, path
    detail = {name: get(server, f"/api/stories/{story['id']}").json() for name, server in servers.items()}
    assert without_revisions(detail["postgres"]) == without_revisions(detail["sqlite"])


def test_search_finds_the_same_articles_with_marked_snippets(servers: dict[str, WebServer]) -> None:
    for query in ("launchers", "Varnia border", "brid*", "Dolmek Herald"):
        found = {name: get(server, "/api/search", q=query, limit=50).json() for name, server in servers.items()}
        assert found["postgres"]["total"] == found["sqlite"]["total"] > 0, query
        assert {h["id"] for h in found["postgres"]["items"]} == {h["id"] for h in found["sqlite"]["items"]}, query
        assert all("[" in hit["snippet"] for hit in found["postgres"]["items"][:5]), query
    assert get(servers["postgres"], "/api/search", q='"unbalanced OR NEAR( \x00').status_code == 200
    page = get(servers["postgres"], "/search", q="launchers")
    assert page.status_code == 200 and "<mark>launchers</mark>" in page.text.lower()


def test_an_upload_is_stored_on_the_server(servers: dict[str, WebServer]) -> None:
    server = servers["postgres"]
    text = (
        "ORLA, May 9 - The ferry between Orla and Senn sailed again on Thursday after a week in dock, "
        'the harbour authority said. "Both crossings will run on time from today," said Tomas Brekke.'
    )
    answer = httpx.post(server.url + "/api/ingest", data={"text": text, "outlet": "Radio Halvik"}, timeout=300)
    body = answer.json()
    assert body["ingested"] == 1, body
    with open_ledger(str(server.ledger)) as ledger:
        stored = ledger.get_article(body["new"][0]["id"])
        assert stored is not None and stored.outlet == "Radio Halvik"
        assert ledger.story_of(stored.id) is not None  # extracted and linked by the upload
