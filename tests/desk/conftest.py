"""The desk's tests work on the linked sample corpus: ``ledger`` is a fresh copy of it, on each backend."""

from __future__ import annotations

import pytest

from crosswire.ledger import Ledger


@pytest.fixture
def ledger(linked_ledger: Ledger) -> Ledger:
    return linked_ledger
