"""Optional compiled build: ``CROSSWIRE_COMPILE=1 pip install .`` compiles the extractors with mypyc.

Everything else about the package is declared in ``pyproject.toml``. The compiled modules behave
exactly as their Python source (``make bench-compiled`` checks the extraction output is identical
and measures the speed-up); without the variable the package is pure Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup

sys.path.insert(0, str(Path(__file__).parent / "build_backend"))
from crosswire_build import extensions

# The per-article path of ``crosswire.extract``: every extractor and the helpers it calls. Linking,
# the ledger, the CLI and the web app stay Python (their time is I/O or already in C libraries).
COMPILED = [
    f"src/crosswire/{name}.py"
    for name in (
        "asserters",
        "capitalised",
        "claims",
        "clauses",
        "entities",
        "entity_lexicons",
        "gazetteer",
        "lemmas",
        "numbers",
        "place_context",
        "place_resolution",
        "places",
        "quantities",
        "quantity_concepts",
        "quotes",
        "sentences",
        "speakers",
        "stance",
        "story_features",
        "times",
        "timex",
        "timex_context",
        "timex_dates",
        "timex_grammar",
        "timex_spans",
        "units",
    )
]

setup(ext_modules=extensions(COMPILED))
