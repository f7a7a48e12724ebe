"""Which build of crosswire is running: pure Python, or with the extractors compiled by mypyc.

``CROSSWIRE_COMPILE=1 pip install .`` compiles the per-article modules (see ``setup.py``); the
compiled modules give the same output, faster. ``crosswire --version`` and the speed benchmark
say which build ran.
"""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

__all__ = ["build_name", "compiled_modules"]


def compiled_modules(package: Path | None = None) -> list[str]:
    """The crosswire modules installed as compiled extensions (empty for a pure-Python build)."""
    package = package or Path(__file__).parent
    suffixes = sorted(importlib.machinery.EXTENSION_SUFFIXES, key=len, reverse=True)  # ".cpython-311-….so" first
    found = set()
    for path in package.rglob("*"):  # the compiled modules sit in the stage packages (text/, extract/ ...)
        suffix = next((s for s in suffixes if path.name.endswith(s)), None)
        if suffix is not None:
            parts = path.relative_to(package).parts
            found.add(".".join([*parts[:-1], path.name.removesuffix(suffix)]))
    return sorted(found)


def build_name() -> str:
    """``"pure Python"`` or ``"compiled, N modules"``."""
    modules = compiled_modules()
    return f"compiled, {len(modules)} modules" if modules else "pure Python"
