"""The desk tests' ledger: the sample corpus ingested, extracted and linked once per backend, copied for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.ingest import ingest
from crosswire.ledger import Ledger, open_ledger
from crosswire.link import link_stage
from crosswire.pipeline import extract_stage
from crosswire.sample import CORPUS_DIR
from tests.conftest import BACKENDS, copy_ledger


@pytest.fixture(scope="session", params=BACKENDS)
def linked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus ingested, extracted and linked once per backend (without the sample's register of outlets)."""
    if request.param == "postgres":
        location = request.getfixturevalue("postgres").new_database()
    else:
        location = str(tmp_path_factory.mktemp("desk") / "linked.db")
    with open_ledger(location) as ledger:
        ingest([str(CORPUS_DIR)], ledger)
        extract_stage(ledger)
        link_stage(ledger)
    return location


@pytest.fixture
def linked_copy(linked: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a copy of the linked sample is, for one test to change."""
    return copy_ledger(linked, request, tmp_path)


@pytest.fixture
def ledger(linked_copy: str) -> Iterator[Ledger]:
    with open_ledger(linked_copy) as opened:
        yield opened
