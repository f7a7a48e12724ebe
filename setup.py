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

# The per-article path: every module of the packages that stage 2 runs in its workers (the shared
# text reading and the extractors). Linking, the ledger, the CLI and the web app stay Python (their
# time is I/O or already in C libraries). Package ``__init__`` files only re-export and stay Python.
COMPILED_PACKAGES = ("text", "extract")
COMPILED = sorted(
    path.as_posix()
    for package in COMPILED_PACKAGES
    for path in Path("src/crosswire", package).rglob("*.py")
    if path.name != "__init__.py"
)

setup(ext_modules=extensions(COMPILED))
