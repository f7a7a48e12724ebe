"""Evidence highlighting: an article's text as HTML with every found span marked.

Spans may nest (a figure inside a quote) or cross (a claim and a quote that overlap); the marks
are emitted properly nested by clipping a crossing span at its parent's end and reopening it
after, so the HTML is always well formed. All text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from markupsafe import Markup

__all__ = ["Mark", "highlight"]


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to mark: its kind (a CSS class), a tooltip, and an optional element id."""

    start: int
    end: int
    kind: str
    title: str = ""
    anchor: str | None = None


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with ``<mark>`` elements around every span."""
    spans = sorted(
        {m for m in marks if 0 <= m.start < m.end <= len(text)},
        key=lambda m: (m.start, -m.end, m.kind),
    )
    cuts = sorted({0, len(text)} | {m.start for m in spans} | {m.end for m in spans})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[Mark] = set()
    for left, right in pairwise(cuts):
        active = [m for m in spans if m.start <= left and right <= m.end]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        del stack[keep:]
        for mark in active[keep:]:
            out.append(_open(mark, anchor=mark not in opened))
            opened.add(mark)
            stack.append(mark)
        out.append(escape(text[left:right]))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


def _open(mark: Mark, *, anchor: bool) -> str:
    attributes = f' class="ev ev-{escape(mark.kind)}"'
    if mark.title:
        attributes += f' title="{escape(mark.title)}"'
    if anchor and mark.anchor:
        attributes += f' id="{escape(mark.anchor)}"'
    return f"<mark{attributes}>"
