"""Quote extraction on invented news-style text."""

from __future__ import annotations

from crosswire.model import Article
from crosswire.quotes import Quote, extract_quotes


def quotes(text: str) -> list[Quote]:
    return extract_quotes(Article.create(text, source="test"))


def only(text: str) -> Quote:
    found = quotes(text)
    assert len(found) == 1, [q.as_dict() for q in found]
    return found[0]


def test_quote_then_said_name() -> None:
    q = only('"The border will stay closed until further notice," said Karl Vogt.')
    assert q.text == "The border will stay closed until further notice,"
    assert q.kind == "direct"
    assert q.cue == "said"
    assert q.speaker is not None
    assert q.speaker.name == "Karl Vogt"
    assert q.speaker.kind == "named"


def test_as_dict_has_exactly_the_contract_keys() -> None:
    q = only('"We are ready," Karl Vogt said.')
    d = q.as_dict()
    assert set(d) == {"start", "end", "text", "kind", "cue", "speaker"}
    assert {"name", "start", "end", "role", "org"} <= set(d["speaker"])
