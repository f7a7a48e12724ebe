"""Analysts' corrections on the linked sample corpus: each kind changes what it should, counts follow, and
every one survives a new extractor version and a re-link from scratch; undo restores the machine's view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.desk import actions
from crosswire.desk.corrections import Correction
from crosswire.errors import DeskError, NotFoundError
from crosswire.ingest import ingest
from crosswire.ledger import Ledger, open_ledger
from crosswire.link import link_stage
from crosswire.pipeline import extract_stage
from tests.sample_expected import keyed

NORTHGATE_LAUNCHERS = (
    "northgate-post.rss#https://northgatepost.example/news/2024/11/04/rocket-launchers-moved-toward-border"
)
NORTHGATE_MISSILE = "northgate-post.rss#https://northgatepost.example/news/2024/11/08/analyst-varnia-missile-300km"


def article(ledger: Ledger, key: str) -> str:
    return keyed(list(ledger.iter_articles()))[key].id


def finding(ledger: Ledger, key: str, kind: str, words: str) -> dict[str, Any]:
    """The finding of ``kind`` in the article of ``key`` whose text holds ``words``."""
    found = ledger.get_extraction(article(ledger, key)) or {}
    [item] = [f for f in found[kind] if words in f["text"]]
    return dict(item)


def claims(ledger: Ledger, words: str, story: str | None = None) -> list[dict[str, Any]]:
    """The assessments (of ``story``, if given) a supporting source of which holds ``words``."""
    texts = {a.id: a.text for a in ledger.iter_articles()}
    return [
        a
        for a in ledger.iter_assessments(story)
        if any(words in texts[s["article_id"]][s["start"] : s["end"]] for s in a["supporting"])
    ]


def claim(ledger: Ledger, words: str, story: str | None = None) -> dict[str, Any]:
    """The one assessment (of ``story``, if given) a supporting source of which holds ``words``."""
    found = claims(ledger, words, story)
    assert len(found) == 1, (words, [a["label"] for a in found])
    return found[0]


def counts(assessment: dict[str, Any]) -> tuple[int, str]:
    return assessment["independent"], assessment["status"]


LAUNCHERS = "Varnia moved some 250"


def launchers(ledger: Ledger) -> dict[str, Any]:
    story = ledger.story_of(article(ledger, "cpa-launchers.md"))
    done = [a for a in ledger.iter_assessments(story) if a["modality"] == "done" and a["thing"] == "launcher"]
    return next(a for a in done if a["low"] == 225 and a["high"] == 275)


def reextract_and_relink(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new extractor version re-extracts every article, then a new linker version links from scratch."""
    monkeypatch.setattr("crosswire.pipeline.EXTRACTION_VERSION", "next-extractor")
    assert extract_stage(ledger).extracted == ledger.count_articles()
    monkeypatch.setattr("crosswire.link.stage.LINK_VERSION", "next-linker")
    assert link_stage(ledger).articles == ledger.count_articles()


def test_a_speaker_fix_reaches_the_claims_and_the_count(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    before = launchers(ledger)
    assert counts(before) == (2, "contradicted")
    quote = finding(ledger, "frontier-review-launchers.html", "quotes", "some 250 launchers had been moved")
    assert quote["speaker"]["name"] == "Ilse Brandt"
    frontier = article(ledger, "frontier-review-launchers.html")
    made = actions.fix_speaker(
        ledger, frontier, quote["start"], quote["end"], name="a senior Osterland military official",
        by="ana", why="Brandt only repeats the official's figure; the sentence is the official's",
    )  # fmt: skip
    was = {key: quote["speaker"][key] for key in ("name", "role", "org")}
    assert made.id and made.was == was and was["name"] == "Ilse Brandt"

    def check() -> None:
        fixed = finding(ledger, "frontier-review-launchers.html", "quotes", "some 250 launchers had been moved")
        assert fixed["speaker"]["name"] == "a senior Osterland military official"
        assert [m["by"] for m in fixed["corrected"]] == ["ana"]
        held = finding(ledger, "frontier-review-launchers.html", "claims", "some 250 launchers had been moved")
        assert held["asserter"] == "a senior Osterland military official" and held["corrected"]
        after = launchers(ledger)
        assert counts(after) == (1, "contradicted"), "one anonymous official, whoever carries the figure"

    check()
    reextract_and_relink(ledger, monkeypatch)
    check()
    actions.undo(ledger, made.id, by="ben", why="Brandt confirmed it herself")
    assert counts(launchers(ledger)) == (2, "contradicted")
    assert "corrected" not in finding(ledger, "frontier-review-launchers.html", "quotes", "some 250 launchers")


def test_every_kind_of_correction_survives_a_new_extractor_and_a_relink(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    # reject a claim: the hospital director's admissions, a claim of their own, go
    solheim = finding(ledger, "harbour-times-kettering-ridge.md", "claims", "We admitted four soldiers")
    kettering = article(ledger, "harbour-times-kettering-ridge.md")
    assert counts(claim(ledger, "at least three Osterland soldiers", ledger.story_of(kettering))) == (2, "corroborated")
    assert counts(claim(ledger, "We admitted four soldiers", ledger.story_of(kettering))) == (1, "single-source")
    actions.reject(ledger, kettering, "claim", solheim["start"], solheim["end"], by="ana", why="a count of admissions")
    # fix a figure: the bridge's cost in one report; the two reports' costs are claims of their own
    bridge = article(ledger, "halvik-bridge.txt")
    cost = finding(ledger, "halvik-bridge.txt", "quantities", "412 million")
    costs = claims(ledger, "cost 412 million crowns", ledger.story_of(bridge))
    assert [(counts(a), a["value"]) for a in costs] == [((1, "single-source"), 412e6)] * 2
    actions.fix_figure(ledger, bridge, cost["start"], cost["end"], value=500e6, by="ana", why="the council's figure")
    # fix a date, reject a quote and a figure
    saturday = finding(ledger, "halvik-bridge.txt", "times", "Saturday")
    actions.fix_date(ledger, bridge, saturday["start"], saturday["end"], value="2024-11-09", by="ana", why="the feed")
    speech = article(ledger, "dolmek-herald-speech.md")
    officers = finding(ledger, "dolmek-herald-speech.md", "quantities", "640")
    actions.reject(ledger, speech, "quantity", officers["start"], officers["end"], by="ana", why="a class size")
    long_arm = finding(ledger, "dolmek-herald-speech.md", "quotes", "the long arm of the Varnian people")
    actions.reject(ledger, speech, "quote", long_arm["start"], long_arm["end"], by="ana", why="a description")
    # copies: two outlets of one newsroom tell the July test in their own voice
    missile, northgate = article(ledger, "radio-halvik-missile-test.md"), article(ledger, NORTHGATE_MISSILE)
    tavlin = "later named the missile as the Veltra-4"
    assert counts(claim(ledger, tavlin)) == (2, "corroborated")
    actions.mark_copies(ledger, missile, northgate, by="ana", why="the Post reprints the station's bulletins")
    # independent: the Northgate Post rewrote the wire from its own reporting
    wire, harbour = article(ledger, "cpa-launchers.md"), article(ledger, "harbour-times-launchers.md")
    post = article(ledger, NORTHGATE_LAUNCHERS)
    wounded = "at least three Osterland soldiers were wounded"
    assert counts(claim(ledger, wounded, ledger.story_of(wire))) == (1, "single-source")
    for other in (wire, harbour):
        actions.mark_independent(ledger, post, other, by="ana", why="the Post's own reporter in Halvik")
    # split and merge stories
    herald = article(ledger, "dolmek-herald-launchers.md")
    launcher_story = ledger.story_of(herald)
    assert launcher_story is not None and launcher_story == ledger.story_of(wire)
    actions.split(ledger, launcher_story, [herald], by="ana", why="the Herald tells VCNA's denial, a story of its own")
    july, speech_story = ledger.story_of(article(ledger, "meridian-daily-july-test.md")), ledger.story_of(speech)
    assert july is not None and speech_story is not None and july != speech_story
    actions.merge(ledger, july, speech_story, by="ana", why="one Varnian show of force")
    # review the launcher claim
    lead = launchers(ledger)
    actions.review(ledger, lead["id"], state="checked", note="the figure is the official's alone", by="ana")

    def check() -> None:
        assert counts(claim(ledger, "at least three Osterland soldiers", ledger.story_of(kettering))) == (
            2,
            "corroborated",
        )
        assert not [c for c in ledger.get_extraction(kettering)["claims"] if "We admitted" in c["text"]]  # type: ignore[index]
        assert not claims(ledger, "We admitted four soldiers", ledger.story_of(kettering))
        fixed = finding(ledger, "halvik-bridge.txt", "quantities", "412 million")
        assert fixed["value"] == 500e6 and fixed["corrected"][0]["was"]["value"] == 412e6
        costs = claims(ledger, "cost 412 million crowns", ledger.story_of(bridge))
        assert sorted(a["value"] for a in costs) == [412e6, 500e6], "the corrected report's claim carries 500 million"
        day = finding(ledger, "halvik-bridge.txt", "times", "Saturday")
        assert (day["value"], day["date"]) == ("2024-11-09", "2024-11-09")
        found = ledger.get_extraction(speech) or {}
        assert not [q for q in found["quantities"] if q["text"] == "640"]
        assert not [q for q in found["quotes"] if "the long arm" in q["text"]]
        assert counts(claim(ledger, tavlin)) == (1, "single-source")
        assert counts(claim(ledger, wounded, ledger.story_of(wire))) == (2, "corroborated")
        assert not [
            link
            for link in ledger.iter_links(article_id=post)
            if {link["a"]["article_id"], link["b"]["article_id"]} in ({post, wire}, {post, harbour})
            and link["kind"] in ("duplicate", "near_duplicate", "shared_passage")
        ]
        copied = [link for link in ledger.iter_links(article_id=missile) if link["id"].startswith("correction-")]
        assert len(copied) == 1 and copied[0]["corrected"][0]["by"] == "ana"
        apart = ledger.story_of(herald)
        assert apart not in (None, ledger.story_of(wire))
        assert [a["id"] for a in ledger.get_story(apart)["articles"]] == [herald]  # type: ignore[index]
        assert ledger.get_story(apart)["corrected"][0]["kind"] == "split"  # type: ignore[index]
        assert ledger.story_of(article(ledger, "meridian-daily-july-test.md")) == ledger.story_of(speech)
        review = launchers(ledger)["review"]
        note = "the figure is the official's alone"
        assert (review["state"], review["note"], review["by"]) == ("checked", note, "ana")

    check()
    reextract_and_relink(ledger, monkeypatch)
    check()
    assert len(ledger.corrections()) == 11


def test_undo_restores_the_linkers_stories_and_copies(ledger: Ledger) -> None:
    wire, herald = article(ledger, "cpa-launchers.md"), article(ledger, "dolmek-herald-launchers.md")
    story = ledger.story_of(wire)
    assert story is not None
    made = actions.split(ledger, story, [herald], by="ana", why="another story")
    assert ledger.story_of(herald) != ledger.story_of(wire)
    actions.undo(ledger, made.id, by="ben", why="it is the same event")
    assert ledger.story_of(herald) == ledger.story_of(wire) == story
    trail = ledger.corrections()
    assert [(c.kind, c.by, c.undone_by, c.undone_why) for c in trail] == [
        ("split", "ana", "ben", "it is the same event")
    ]
    with pytest.raises(DeskError, match="undone already"):
        actions.undo(ledger, made.id, by="ben", why="again")


def test_corrections_say_clearly_what_is_wrong(ledger: Ledger) -> None:
    wire = article(ledger, "cpa-launchers.md")
    story = ledger.story_of(wire)
    assert story is not None
    cases = [
        (lambda: actions.fix_speaker(ledger, "ffffffffffff", 0, 5, name="X", by="a", why="w"), "article: no article"),
        (lambda: actions.fix_speaker(ledger, wire, 0, 3, name="X", by="a", why="w"), "has no quote at 0-3"),
        (lambda: actions.fix_speaker(ledger, wire, 5, 10**6, name="X", by="a", why="w"), "is not a span of article"),
        (lambda: actions.reject(ledger, wire, "place", 0, 5, by="a", why="w"), "cannot be rejected"),
        (lambda: actions.fix_figure(ledger, wire, 0, 5, by="a", why="w"), "give a value"),
        (lambda: actions.fix_date(ledger, wire, 0, 5, value="soon", by="a", why="w"), "not a TIMEX3 value"),
        (lambda: actions.review(ledger, "nope", state="checked", by="a"), "no claim assessment"),
        (lambda: actions.review(ledger, "nope", state="done", by="a"), "'done' is not one of"),
        (lambda: actions.merge(ledger, story, story, by="a", why="w"), "two different stories"),
        (lambda: actions.split(ledger, story, [], by="a", why="w"), "name the articles"),
        (lambda: actions.mark_copies(ledger, wire, wire, by="a", why="w"), "two different articles"),
        (lambda: actions.mark_copies(ledger, wire, wire[:8], by="a", why=" "), "two different articles"),
        (lambda: actions.request(ledger, {"kind": "erase"}, by="a"), "kind: 'erase' is not a correction"),
        (lambda: actions.request(ledger, {"kind": "speaker", "article": wire, "start": "x"}, by="a"), "start: exp"),
    ]
    for call, message in cases:
        with pytest.raises(DeskError, match=message):
            call()
    with pytest.raises(DeskError, match="why: say why"):
        actions.mark_copies(ledger, wire, article(ledger, "harbour-times-launchers.md"), by="a", why="  ")
    with pytest.raises(NotFoundError):
        actions.undo(ledger, 99, by="a", why="w")
    assert ledger.corrections() == [], "nothing refused was stored"


def test_a_request_from_a_form_makes_the_same_correction(ledger: Ledger) -> None:
    quote = finding(ledger, "frontier-review-launchers.html", "quotes", "some 250 launchers had been moved")
    fields = {
        "kind": "speaker",
        "article": article(ledger, "frontier-review-launchers.html")[:8],
        "start": str(quote["start"]),
        "end": str(quote["end"]),
        "name": "  Ilse   Brandt ",
        "role": "spokesperson",
        "why": "her title was missing",
    }
    made = actions.request(ledger, fields, by="ana")
    assert isinstance(made, Correction) and made.value == {"name": "Ilse Brandt", "role": "spokesperson", "org": None}
    assert made.article_id == article(ledger, "frontier-review-launchers.html"), "a prefix is stored as the full id"


HARBOUR = """Storm repairs finish at Dolmek harbour

DOLMEK, Nov 9 - Repairs to the grain quay at Dolmek were finished on Saturday, the harbour authority said.
"Forty workers were on the quay every day for three weeks," said Tomas Brekke of the harbour authority.
Ships will return to the quay from Monday.
"""


def test_a_correction_made_while_a_run_links_is_linked_by_the_next_run(
    ledger: Ledger, linked_copy: str, tmp_path: Path
) -> None:
    story = ledger.story_of(article(ledger, "cpa-launchers.md"))
    assert story is not None
    members = [a["id"] for a in (ledger.get_story(story) or {})["articles"]]
    off = members[-1]
    (tmp_path / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    ingest([str(tmp_path / "harbour.txt")], ledger)
    extract_stage(ledger)
    made: list[Correction] = []
    read = ledger.corrections

    def read_then_another_analyst_splits(**options: Any) -> list[Correction]:
        found = read(**options)
        if not made:  # after this run read the corrections, another analyst splits the story (and stops)
            with open_ledger(linked_copy) as other:
                split = Correction("split", "Ana Ruiz", "another event", articles=(off,), was={"story": story})
                made.append(other.add_correction(split))
        return found

    ledger.corrections = read_then_another_analyst_splits  # type: ignore[method-assign]
    assert link_stage(ledger).articles == 1 and made
    assert ledger.story_of(off) == ledger.story_of(members[0]), "the run had read the corrections before the split"
    assert [article_id for _, article_id in ledger.corrected_to_link()] == [off], "the split waits for the next run"
    del ledger.corrections
    assert link_stage(ledger).articles == 0
    assert ledger.story_of(off) != ledger.story_of(members[0])
    assert ledger.corrected_to_link() == []
    [split_story] = [s for s in ledger.iter_stories() if s["id"] == ledger.story_of(off)]
    assert [marker["correction"] for marker in split_story["corrected"]] == [made[0].id]
