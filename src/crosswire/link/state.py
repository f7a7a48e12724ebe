"""The linkers' saved state: a small index per linker, and records per article or story read on demand.

A linker keeps two kinds of state between runs:

- its **index**: what finding candidates needs for every article (postings of keys, band keys,
  counts), kept small and written as one blob per run;
- its **records** (:class:`Items`): what comparing needs of one article or one story (quote units,
  claim readings, a story's vectors), written once when made or changed and read back only when a
  new article's candidates point at them.

So a run reads the indexes and the records its new articles touch, not everything linked before,
and writes what changed. In one process (a library call, the scale benchmark) the records simply
stay in memory.
"""

from __future__ import annotations

import copyreg
import gc
import logging
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from operator import attrgetter
from typing import Any, Generic, TypeVar

__all__ = ["Items", "Loader", "compact", "dumps", "loads"]

log = logging.getLogger(__name__)

V = TypeVar("V")
Loader = Callable[[list[str]], dict[str, bytes]]
"""Reads stored records by key: those it has, as bytes."""


def dumps(value: object) -> bytes:
    """A record or index as bytes (the ledger's own data: pickled)."""
    with _no_collection():
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Any:
    """Read back what :func:`dumps` wrote (trusted: the ledger's own state)."""
    with _no_collection():
        return pickle.loads(data)  # written by this module into the ledger: trusted


def compact(*classes: type) -> None:
    """Pickle these frozen dataclasses as their class and field values.

    The generic state of a slotted dataclass looks its fields up for every object; records of
    claims and quotes hold hundreds of thousands of them, and this is several times faster.
    """
    for cls in classes:
        names = tuple(f.name for f in fields(cls) if f.init)
        copyreg.pickle(cls, _reducer(cls, names))


def _reducer(cls: type, names: tuple[str, ...]) -> Callable[[Any], tuple[Any, tuple[Any, ...]]]:
    getter = attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (getter(obj),))
    return lambda obj: (cls, getter(obj))


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: reading an index makes millions of objects, none of
    them garbage, and collecting while they are made would walk them all again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Items(Generic[V]):
    """Records by key, in memory, read from the ledger on first use when a loader is given.

    Records are values, not live objects: a caller that changes one sets it again
    (``items[key] = record``) so that it is written at the end of the run.
    """

    def __init__(self, loader: Loader | None = None) -> None:
        self._loader = loader
        self._values: dict[str, V | None] = {}
        self._changed: set[str] = set()

    def __getstate__(self) -> dict[str, Any]:
        if self._loader is not None:
            raise TypeError("records read from the ledger are saved through changed(), not pickled")
        return {"_loader": None, "_values": self._values, "_changed": set()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._loader = None
        self._values = state["_values"]
        self._changed = set()

    @property
    def stored(self) -> bool:
        """Whether the records live in the ledger (else only in memory)."""
        return self._loader is not None

    def attach(self, loader: Loader) -> None:
        """Read records not in memory through ``loader`` from now on."""
        self._loader = loader

    def get(self, key: str) -> V | None:
        """The record under ``key``, or ``None``."""
        if key not in self._values:
            self.prefetch((key,))
        return self._values.get(key)

    def __getitem__(self, key: str) -> V:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __setitem__(self, key: str, value: V) -> None:
        self._values[key] = value
        self._changed.add(key)

    def __delitem__(self, key: str) -> None:
        self._values[key] = None
        self._changed.add(key)

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the records of these keys in one go (those not read yet)."""
        missing = [key for key in keys if key not in self._values]
        if not missing:
            return
        found = self._loader(missing) if self._loader is not None else {}
        for key in missing:
            data = found.get(key)
            self._values[key] = None if data is None else loads(data)

    def loaded(self) -> Iterator[tuple[str, V]]:
        """The records in memory (every record when there is no loader)."""
        return ((key, value) for key, value in self._values.items() if value is not None)

    def changed(self) -> dict[str, bytes | None]:
        """The records set or deleted since the last call, as bytes (``None``: deleted)."""
        out: dict[str, bytes | None] = {}
        for key in sorted(self._changed):
            value = self._values.get(key)
            out[key] = None if value is None else dumps(value)
        self._changed.clear()
        return out
