"""The build backend: setuptools, plus mypy when the extractors are to be compiled.

``CROSSWIRE_COMPILE=1 pip install .`` builds the extractor modules listed in ``setup.py`` as C
extensions with mypyc (a C compiler is needed). mypy is a build requirement only then, so a plain
install (``pip install .`` or the editable install ``make`` does) fetches nothing more than
setuptools. Every hook not defined here is setuptools' own.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the PEP 517 hooks this module passes through)

COMPILE_VARIABLE = "CROSSWIRE_COMPILE"
MYPY_REQUIREMENT = "mypy>=1.10"


def compile_wanted() -> bool:
    """Whether this build compiles the extractors (``CROSSWIRE_COMPILE=1``)."""
    return os.environ.get(COMPILE_VARIABLE, "").strip().lower() in {"1", "true", "yes"}


ASKING_VARIABLE = "CROSSWIRE_BUILD_ASKING"
"""Set while setuptools runs ``setup.py`` only to learn the build requirements (mypy is not there yet)."""


def _requires(hook: Callable[[dict[str, object] | None], list[str]], config: dict[str, object] | None) -> list[str]:
    os.environ[ASKING_VARIABLE] = "1"
    try:
        requires = list(hook(config))
    finally:
        del os.environ[ASKING_VARIABLE]
    return [*requires, MYPY_REQUIREMENT] if compile_wanted() else requires


def get_requires_for_build_wheel(config_settings: dict[str, object] | None = None) -> list[str]:
    return _requires(_setuptools.get_requires_for_build_wheel, config_settings)


def get_requires_for_build_editable(config_settings: dict[str, object] | None = None) -> list[str]:
    return _requires(_setuptools.get_requires_for_build_editable, config_settings)


def extensions(paths: list[str]) -> list[Any]:
    """The C extensions to build from ``paths``: none unless compiling, and none while only asked for requirements."""
    if not compile_wanted() or os.environ.get(ASKING_VARIABLE):
        return []
    from mypyc.build import mypycify

    return list(mypycify(paths, opt_level="3"))
