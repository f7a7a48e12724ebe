"""Evidence highlighting: well-formed, escaped, and every character of the text kept."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from crosswire.report.evidence import Mark, highlight


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ok &= tag == "mark"
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1
        self.ok &= self.depth >= 0

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet=st.sampled_from("ab <>&\"'\n"), min_size=0, max_size=40))
    marks = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        marks.append(Mark(start, end, draw(st.sampled_from(["quotes", "claims", "places"])), title='t<">'))
    return text, marks


@given(text_and_marks())
def test_highlight_is_well_formed_and_keeps_the_text(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    rendered = str(highlight(text, marks))
    checker = _Checker()
    checker.feed(rendered)
    checker.close()
    assert checker.ok and checker.depth == 0
    assert "".join(checker.text) == text
    assert "<" not in re.sub(r"</?mark[^>]*>", "", rendered)


def test_nested_and_crossing_spans() -> None:
    text = 'He said "some 250 launchers were moved" on Sunday.'
    quote = Mark(9, 38, "quotes", anchor="q1")
    figure = Mark(9, 27, "quantities")
    claim = Mark(28, 49, "claims", anchor="c1")
    rendered = str(highlight(text, [claim, figure, quote]))
    assert rendered.count('id="c1"') == 1 and rendered.count('id="q1"') == 1
    assert rendered.count('class="ev ev-claims"') == 2  # the claim crosses the quote's end: split in two
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == text
