"""Every exception crosswire raises on purpose.

::

    CrosswireError                 base: catch this to catch them all
    ├── InputError                 one input (file, line, record) could not be read
    │     carries .source ("path" or "path#id"), .line and .reason
    ├── LedgerError                the ledger could not be opened, migrated or written
    ├── OptionError                an option or argument has a value that cannot work
    ├── MissingExtraError          an optional feature's packages are not installed
    ├── DatasetError               a benchmark dataset is missing or not in the expected format
    ├── DeskError                  a correction, a user or a register entry cannot be made as asked
    │     ├── NotFoundError        its target (an article, a finding, a story, a user) does not exist
    │     └── PermissionDenied     the user's role does not allow it
    └── ModelError                 a shipped model's weights file is missing or malformed

Batch work never lets an ``InputError`` stop the batch: it is reported as a
:class:`crosswire.ingest.Problem` and the rest goes on. The CLI maps each class to a one-line
message and an exit code (see ``docs/cli.md``).
"""

from __future__ import annotations

__all__ = [
    "CrosswireError",
    "DatasetError",
    "DeskError",
    "InputError",
    "LedgerError",
    "MissingExtraError",
    "ModelError",
    "NotFoundError",
    "OptionError",
    "PermissionDenied",
]


class CrosswireError(Exception):
    """Base class of crosswire's own errors."""


class InputError(CrosswireError):
    """One input could not be read; names the input, the line when known, and the reason."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class LedgerError(CrosswireError):
    """The ledger could not be opened, migrated or written."""


class OptionError(CrosswireError):
    """An option or argument has a value that cannot work."""


class MissingExtraError(CrosswireError):
    """An optional feature needs packages that are not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'crosswire[{extra}]'")


class DatasetError(CrosswireError):
    """A benchmark dataset is missing or not in the expected format."""


class DeskError(CrosswireError):
    """A correction, a user or a register entry cannot be made as asked; the message names what is wrong."""


class NotFoundError(DeskError):
    """The target of a correction (an article, a finding, a story, a claim) or a user does not exist."""


class PermissionDenied(DeskError):
    """The user's role does not allow what was asked (readers read, analysts correct, admins manage)."""


class ModelError(CrosswireError):
    """A learned model's weights file (shipped in the package, written by ``make train``) is
    missing or malformed."""
