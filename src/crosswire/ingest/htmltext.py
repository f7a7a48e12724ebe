"""Text from HTML: whole pages through trafilatura, feed fragments through lxml."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

__all__ = ["Page", "extract_html", "html_to_text"]

log = logging.getLogger(__name__)

# trafilatura logs every page it cannot extract at WARNING; the ingest report already says so.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class Page:
    """The main text and metadata of an HTML page."""

    text: str
    title: str | None
    date: str | None
    sitename: str | None
    author: str | None
    url: str | None
    language: str | None


_MIDNIGHT = re.compile(r"T00:00:00$")

MIN_WORDS = 10
"""A page whose main text is shorter than this is navigation or an error page, not an article."""


def extract_html(data: bytes | str, *, url: str | None = None) -> Page | None:
    """Main text and metadata of an HTML page, or ``None`` when the page has no main text."""
    import trafilatura

    document = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Only dates the page states; no guesses from copyright lines or the clock.
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    if document is None or isinstance(document, dict) or not document.text:
        return None
    title = document.title
    lines = [line.strip() for line in document.text.split("\n")]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    text = "\n\n".join(line for line in lines if line)
    if len(text.split()) < MIN_WORDS:
        return None
    date = document.date
    if date:
        # htmldate pads a bare date with midnight; a page that gave only a day gets a date.
        date = _MIDNIGHT.sub("", date) if _MIDNIGHT.search(date) else date
    return Page(
        text=text,
        title=title,
        date=date,
        sitename=document.sitename,
        author=document.author,
        url=document.url or url,
        language=document.language,
    )


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "tr",
    "table",
    "pre",
    "figure",
    "figcaption",
    "header",
    "footer",
}


def html_to_text(fragment: str) -> str:
    """Readable text from an HTML fragment (a feed entry): paragraphs kept, scripts and styles dropped.

    Written with lxml directly because trafilatura's extraction discards short fragments, which
    is what feed summaries often are.
    """
    if "<" not in fragment:
        return _unescape(fragment).strip()
    import lxml.html
    from lxml_html_clean import Cleaner

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        root = Cleaner(scripts=True, javascript=True, style=True, comments=True).clean_html(root)
    except (ValueError, lxml.etree.ParserError):
        return ""
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n\n")

    walk(root)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
