"""Problems met while ingesting: an input skipped (error) or read with a caveat (warning)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from crosswire.errors import InputError

__all__ = ["Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One line's worth of trouble with an input: where, what, and whether the input was skipped."""

    source: str
    reason: str
    line: int | None = None
    severity: Literal["error", "warning"] = "error"

    @classmethod
    def from_error(cls, error: InputError) -> Problem:
        return cls(source=error.source, reason=error.reason, line=error.line)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        prefix = "skipped" if self.severity == "error" else "warning"
        return f"{prefix}: {where}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "reason": self.reason, "severity": self.severity}
