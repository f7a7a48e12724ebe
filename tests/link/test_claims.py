"""Claim alignment: agreement, conflict, dispute and derivation between the claims of one story.

Fixtures are claim dicts as the claims extractor stores them, over short invented articles about
the Republic of Varnia and its neighbour Osterland; the figures and wording are made up.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.link.claims.intervals import APPROX_TOLERANCE, Interval, reconcile, unit_family
from crosswire.link.claims.linker import ArticleClaims, ClaimLink, align_claims

MON = datetime(2024, 11, 4, 9, 0, tzinfo=UTC)
TUE = datetime(2024, 11, 5, 9, 0, tzinfo=UTC)


def q(
    text: str,
    part: str,
    value: float | None,
    bound: str = "=",
    unit: str | None = None,
    thing: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A quantity dict for the first ``part`` of ``text`` (offsets in the claim; :func:`article` shifts them)."""
    start = text.index(part)
    return {
        "start": start,
        "end": start + len(part),
        "text": part,
        "value": value,
        "low": extra.get("low"),
        "high": extra.get("high"),
        "bound": bound,
        "unit": unit,
        "thing": thing,
        "concept": extra.get("concept"),
    }


def claim(
    text: str,
    *,
    asserter: str = "the outlet",
    kind: str = "outlet",
    stance: str = "reported",
    modality: str = "done",
    event: str | None = None,
    subject: str | None = None,
    quantities: tuple[dict[str, Any], ...] = (),
    cue: str | None = None,
    times: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "text": text,
        "asserter": asserter,
        "asserter_kind": kind,
        "stance": stance,
        "modality": modality,
        "event": event,
        "subject": subject,
        "thing": next((x["thing"] for x in quantities if x["thing"]), None),
        "cue": cue,
        "quantities": list(quantities),
        "times": [{"value": t} for t in times],
        "places": [],
    }


def article(
    article_id: str,
    *claims: dict[str, Any],
    published: datetime | None = MON,
    outlet: str = "Outlet",
    url: str | None = None,
) -> ArticleClaims:
    """An article whose text is its claims joined by ". "; offsets are set accordingly."""
    placed = []
    pos = 0
    for c in claims:
        c = dict(c)
        c["start"], c["end"] = pos, pos + len(c["text"])
        c["quantities"] = [dict(x, start=x["start"] + pos, end=x["end"] + pos) for x in c["quantities"]]
        placed.append(c)
        pos = c["end"] + 2
    return ArticleClaims(article_id, published, outlet, tuple(placed), url=url)


def moved(text: str, part: str, value: float, bound: str, **kw: Any) -> dict[str, Any]:
    return claim(
        text, event="move", subject="Varnia", quantities=(q(text, part, value, bound, thing="launchers"),), **kw
    )


def kinds(links: list[ClaimLink], kind: str) -> list[ClaimLink]:
    return [link for link in links if link.kind == kind]


def between(links: list[ClaimLink], kind: str, a: str, b: str) -> list[ClaimLink]:
    return [x for x in links if x.kind == kind and {x.a.article_id, x.b.article_id} == {a, b}]


# --- intervals --------------------------------------------------------------------------------


def test_intervals_from_bounds_and_ranges() -> None:
    about = Interval.from_quantity({"value": 1500, "bound": "~"})
    assert about == Interval(1500 - 1500 * APPROX_TOLERANCE, 1500 + 1500 * APPROX_TOLERANCE) == Interval(1350, 1650)
    assert Interval.from_quantity({"value": 3, "bound": ">="}) == Interval(3, math.inf)
    assert Interval.from_quantity({"value": 1000, "bound": "<="}) == Interval(0, 1000)
    assert Interval.from_quantity({"value": None, "low": 24, "high": None}) == Interval(24, math.inf)
    assert Interval.from_quantity({"value": None, "low": None, "high": None}) is None
    assert Interval.from_quantity({"value": 300, "bound": "="}, 1000.0) == Interval.point(300_000)
    more = Interval.from_quantity({"value": 200, "bound": ">"})
    assert more is not None and not more.contains(200) and more.contains(201)


def test_interval_agreement_and_conflict() -> None:
    about = Interval.from_quantity({"value": 1500, "bound": "~"})
    span = Interval.from_quantity({"value": None, "low": 1200, "high": 1800})
    assert about is not None and span is not None and about.intersects(span)
    some_250 = Interval.from_quantity({"value": 250, "bound": "~"})
    about_180 = Interval.from_quantity({"value": 180, "bound": "~"})
    assert some_250 is not None and about_180 is not None and not some_250.intersects(about_180)
    less_than = Interval.from_quantity({"value": 5, "bound": "<"})
    assert less_than is not None and not less_than.intersects(Interval.point(5))


def test_reconcile_intersects_or_falls_back_to_hull() -> None:
    at_least_three = Interval(3, math.inf)
    assert reconcile([at_least_three, Interval.point(4)]) == Interval.point(4)
    assert reconcile([Interval.point(250), Interval.point(180)]) == Interval(180, 250)
    assert reconcile([]) is None
    assert Interval(3, math.inf).as_dict() == {"value": None, "low": 3, "high": None}


def test_unit_families() -> None:
    assert unit_family("km") == ("length", 1000.0)
    assert unit_family("USD")[0] == "money:USD"
    assert unit_family(None) == ("count", 1.0)
    assert unit_family("km")[0] != unit_family("kg")[0]


# --- agreement --------------------------------------------------------------------------------


def test_compatible_figures_agree() -> None:
    a = article(
        "a1",
        claim(
            "about 1,500 troops crossed the river",
            event="cross",
            quantities=(q("about 1,500 troops crossed the river", "about 1,500", 1500, "~", thing="troops"),),
        ),
    )
    b = article(
        "b1",
        claim(
            "between 1,200 and 1,800 troops crossed the river",
            event="cross",
            quantities=(
                q(
                    "between 1,200 and 1,800 troops crossed the river",
                    "between 1,200 and 1,800",
                    None,
                    thing="troops",
                    low=1200,
                    high=1800,
                ),
            ),
        ),
    )
    links = align_claims([a, b])
    agree = between(links, "agrees", "a1", "b1")
    assert len(agree) == 1
    assert agree[0].thing == "troop"
    assert "about 1,500" in agree[0].why and "1,200 and 1,800" in agree[0].why
    assert not kinds(links, "conflicts")


def test_at_least_three_agrees_with_four() -> None:
    army = claim(
        "at least three soldiers were wounded",
        event="wound",
        quantities=(q("at least three soldiers were wounded", "at least three", 3, ">=", thing="soldiers"),),
    )
    hospital = claim(
        "four soldiers were wounded",
        event="wound",
        quantities=(q("four soldiers were wounded", "four", 4, thing="soldiers"),),
    )
    links = align_claims([article("a", army), article("b", hospital)])
    assert between(links, "agrees", "a", "b")
    assert not kinds(links, "conflicts")


def test_same_event_without_figures_agrees_in_copies() -> None:
    text = "Our units in the Serin Valley have been placed on a higher state of readiness"
    a = article("a", claim(text, event="place", subject="Our units in the Serin Valley"))
    b = article("b", claim(text, event="place", subject="Our units in the Serin Valley"))
    links = align_claims([a, b])
    assert [x.kind for x in links] == ["agrees"]


# --- conflicts --------------------------------------------------------------------------------


def test_disjoint_figures_conflict() -> None:
    a = article("a", moved("Varnia moved some 250 launchers toward the border", "some 250", 250, "~"))
    b = article("b", moved("about 180 launchers have been moved toward the border", "about 180", 180, "~"))
    links = align_claims([a, b])
    conflict = between(links, "conflicts", "a", "b")
    assert len(conflict) == 1
    assert conflict[0].reason == "figure"
    assert conflict[0].why.startswith("some 250") and "about 180" in conflict[0].why
    assert conflict[0].score == 1.0


def test_conflict_inside_one_article() -> None:
    flew = claim(
        "The missile flew 1,200 kilometres over the sea",
        event="fly",
        asserter="VCNA",
        kind="state_media",
        quantities=(q("The missile flew 1,200 kilometres over the sea", "1,200 kilometres", 1200, unit="km"),),
    )
    tracked = claim(
        "its radar tracked the missile for only about 400 kilometres",
        event="track",
        asserter="Joint Defence Staff",
        kind="speaker",
        quantities=(
            q(
                "its radar tracked the missile for only about 400 kilometres",
                "about 400 kilometres",
                400,
                "~",
                unit="km",
            ),
        ),
    )
    links = align_claims([article("wire", flew, tracked)])
    conflict = kinds(links, "conflicts")
    assert len(conflict) == 1 and conflict[0].thing == "distance"
    assert conflict[0].a.article_id == conflict[0].b.article_id == "wire"


def test_done_against_threatened_is_a_modality_conflict() -> None:
    a = article("a", moved("Varnia moved some 250 launchers toward the border", "some 250", 250, "~"))
    b = article(
        "b",
        claim(
            "Varnia threatened to deploy some 250 launchers along the border",
            event="deploy",
            modality="threatened",
            subject="Varnia",
            asserter="VCNA",
            kind="state_media",
            quantities=(
                q(
                    "Varnia threatened to deploy some 250 launchers along the border",
                    "some 250",
                    250,
                    "~",
                    thing="launchers",
                ),
            ),
        ),
        published=TUE,
    )
    links = align_claims([a, b])
    assert between(links, "agrees", "a", "b"), "the same figure still agrees"
    conflict = between(links, "conflicts", "a", "b")
    assert [c.reason for c in conflict] == ["modality"]
    assert conflict[0].link.direction == "a_earlier"


def test_denial_conflicts_and_disputes() -> None:
    a = article(
        "a",
        moved(
            "Varnia moved some 250 launchers toward the border",
            "some 250",
            250,
            "~",
            asserter="a senior Osterland military official",
            kind="unnamed",
        ),
    )
    b = article(
        "b",
        claim(
            "Not a single launcher has left its garrison",
            event="leave",
            stance="denied",
            subject="Not a single launcher",
            asserter="VCNA",
            kind="state_media",
        ),
    )
    links = align_claims([a, b])
    conflict = between(links, "conflicts", "a", "b")
    assert [c.reason for c in conflict] == ["denial"]
    dispute = between(links, "disputes", "a", "b")
    assert len(dispute) == 1 and dispute[0].reason == "denied" and dispute[0].by == "b"


# --- negatives: the same number about different things ---------------------------------------


def test_same_number_different_things_never_align() -> None:
    missiles = claim(
        "some 1,000 missiles could be fired",
        event="fire",
        modality="hypothetical",
        quantities=(q("some 1,000 missiles could be fired", "some 1,000", 1000, "~", thing="missiles"),),
    )
    listeners = claim(
        "a poll of 1,000 listeners found a majority",
        event="find",
        quantities=(q("a poll of 1,000 listeners found a majority", "1,000", 1000, thing="listeners"),),
    )
    distance = claim(
        "the launchers can reach 1,000 kilometres",
        event="reach",
        quantities=(q("the launchers can reach 1,000 kilometres", "1,000 kilometres", 1000, unit="km"),),
    )
    links = align_claims([article("a", missiles), article("b", listeners), article("c", distance)])
    assert links == []


def test_currencies_only_meet_their_own_currency() -> None:
    dollars = claim(
        "the Aldermoor Bridge cost 412 million dollars",
        event="cost",
        quantities=(q("the Aldermoor Bridge cost 412 million dollars", "412 million", 412e6, unit="USD"),),
    )
    crowns = claim(
        "the Aldermoor Bridge cost 412 million crowns",
        event="cost",
        quantities=(q("the Aldermoor Bridge cost 412 million crowns", "412 million", 412e6, thing="crowns"),),
    )
    same = claim(
        "the Aldermoor Bridge cost 412 million crowns",
        event="cost",
        quantities=(q("the Aldermoor Bridge cost 412 million crowns", "412 million", 412e6, thing="crowns"),),
    )
    links = align_claims([article("a", dollars), article("b", crowns), article("c", same)])
    assert [(x.kind, x.a.article_id, x.b.article_id) for x in links] == [("agrees", "b", "c")]


def test_a_range_is_not_a_distance_flown() -> None:
    text_range = "the Veltra-4 has a range of 300 kilometres"
    text_flew = "The missile flew about 300 kilometres"
    links = align_claims(
        [
            article(
                "a",
                claim(
                    text_range,
                    event="have",
                    quantities=(q(text_range, "300 kilometres", 300, unit="km", concept="range"),),
                ),
                claim(text_flew, event="fly", quantities=(q(text_flew, "about 300 kilometres", 300, "~", unit="km"),)),
            )
        ]
    )
    assert links == []


def test_different_times_are_different_events() -> None:
    a = article(
        "a", claim("Varnia fired a ballistic missile from the Karsk Peninsula", event="fire", times=("2024-11-07",))
    )
    b = article("b", claim("Varnia fired a ballistic missile from the Karsk Peninsula", event="fire", times=("2021",)))
    c = article(
        "c", claim("Varnia fired a ballistic missile from the Karsk Peninsula", event="fire", times=("2024-11",))
    )
    links = align_claims([a, b, c])
    assert {(x.a.article_id, x.b.article_id) for x in links} == {("a", "c")}


# --- disputes and derivations -----------------------------------------------------------------


def rieger_and_okafor() -> ArticleClaims:
    each = "Each of these launchers carries four missiles"
    salvo = "if all 250 are deployed, some 1,000 missiles could be fired in a single salvo"
    doubt = "A salvo of 1,000 missiles is highly unlikely"
    return article(
        "md",
        moved("Varnia could deploy some 250 launchers", "some 250", 250, "~", modality="threatened"),
        claim(
            each,
            event="carry",
            asserter="Tomas Rieger",
            kind="speaker",
            modality="ongoing",
            quantities=(q(each, "four", 4, thing="missiles", concept="launchers"),),
        ),
        claim(
            salvo,
            event="fire",
            asserter="Tomas Rieger",
            kind="speaker",
            modality="hypothetical",
            quantities=(q(salvo, "250", 250), q(salvo, "some 1,000", 1000, "~", thing="missiles")),
        ),
        claim("that figure was improbable", event="be", asserter="Hana Okafor", kind="speaker", stance="doubted"),
        claim(
            doubt,
            event="be",
            asserter="Hana Okafor",
            kind="speaker",
            stance="doubted",
            modality="hypothetical",
            quantities=(q(doubt, "1,000", 1000, thing="missiles"),),
        ),
    )


def test_doubts_dispute_the_figure() -> None:
    links = align_claims([rieger_and_okafor()])
    disputes = kinds(links, "disputes")
    assert len(disputes) == 2
    for link in disputes:
        doubter = link.a if link.by == "a" else link.b
        target = link.b if link.by == "a" else link.a
        assert doubter.start > target.start
        assert link.reason == "doubted"
    assert any("that figure" not in x.why and "Hana Okafor doubts" in x.why for x in disputes)
    assert not kinds(links, "conflicts")


def test_product_is_derived_from_its_inputs() -> None:
    story = rieger_and_okafor()
    links = kinds(align_claims([story]), "derives")
    salvo = story.claims[2]
    result = salvo["quantities"][1]
    assert len(links) == 2
    inputs = set()
    for link in links:
        assert link.by is not None and link.score == 1.0
        res = link.a if link.by == "a" else link.b
        assert (res.start, res.end) == (result["start"], result["end"])
        inp = link.b if link.by == "a" else link.a
        inputs.add(inp.end - inp.start)
        assert link.operation == "250 launchers x 4 missiles per launcher = 1,000 missiles"
    assert inputs == {len("250"), len("four")}


def test_sum_and_percentage_are_derived() -> None:
    text = "120 troops from the north and 80 troops from the south, 200 troops in all, crossed"
    total = claim(
        text,
        event="cross",
        quantities=(
            q(text, "120 troops", 120, thing="troops"),
            q(text, "80 troops", 80, thing="troops"),
            q(text, "200 troops", 200, thing="troops"),
        ),
    )
    share = "25% of the 800 villagers, or 200 villagers, left"
    pct = claim(
        share,
        event="leave",
        quantities=(
            q(share, "25%", 25, unit="percent"),
            q(share, "800 villagers", 800, thing="villagers"),
            q(share, "200 villagers", 200, thing="villagers"),
        ),
    )
    derived = kinds(align_claims([article("a", total, pct)]), "derives")
    operations = sorted({x.operation or "" for x in derived})
    assert operations == ["120 + 80 = 200 troops", "25% of 800 = 200 villagers"]


# --- the record and its conventions -----------------------------------------------------------


def test_link_conventions_and_round_trip() -> None:
    a = article("zz", moved("Varnia moved some 250 launchers toward the border", "some 250", 250, "~"), published=TUE)
    b = article("aa", moved("about 180 launchers have been moved toward the border", "about 180", 180, "~"))
    links = align_claims([a, b])
    assert len(links) == 1
    link = links[0]
    assert (link.a.article_id, link.b.article_id) == ("aa", "zz")
    assert link.link.direction == "a_earlier"
    data = link.as_dict()
    assert set(data) >= {"id", "kind", "a", "b", "score", "direction", "why", "thing"}
    assert ClaimLink.from_dict(data) == link
    assert align_claims([b, a]) == links, "the order of the articles does not matter"
    assert align_claims([a, a, b]) == links, "an article given twice counts once"


def test_empty_story() -> None:
    assert align_claims([]) == []
    assert align_claims([ArticleClaims("a", None, None, ())]) == []


words = st.sampled_from(["launchers", "missiles", "troops", "km", "moved", "fired", "denied", "Varnia", "the"])
stances = st.sampled_from(["asserted", "reported", "hedged", "doubted", "denied"])
modalities = st.sampled_from(["done", "ongoing", "planned", "threatened", "hypothetical"])
bounds = st.sampled_from(["=", "~", ">=", ">", "<=", "<"])


@st.composite
def random_claim(draw: st.DrawFn) -> dict[str, Any]:
    text = " ".join(draw(st.lists(words, min_size=1, max_size=8))) + " 12"
    quantities = ()
    if draw(st.booleans()):
        quantities = (
            q(
                text,
                "12",
                draw(st.floats(0, 1e6, allow_nan=False)),
                draw(bounds),
                draw(st.sampled_from([None, "km", "USD", "percent"])),
                draw(st.sampled_from([None, "launchers", "all"])),
            ),
        )
    return claim(
        text,
        stance=draw(stances),
        modality=draw(modalities),
        event=draw(st.sampled_from([None, "move", "fire", "be", "deny"])),
        quantities=quantities,
        subject=draw(st.sampled_from([None, "Varnia", "it"])),
        times=tuple(draw(st.lists(st.sampled_from(["2024", "2024-11-03", "XXXX-WXX-7", "P3D"]), max_size=2))),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(random_claim(), max_size=5), max_size=4))
def test_arbitrary_claims_never_crash_and_links_point_at_claims(raw: list[list[dict[str, Any]]]) -> None:
    story = [article(f"a{i}", *claims) for i, claims in enumerate(raw)]
    spans = {(a.id, c["start"], c["end"]) for a in story for c in a.claims}
    spans |= {(a.id, x["start"], x["end"]) for a in story for c in a.claims for x in c["quantities"]}
    for link in align_claims(story):
        assert link.kind in ("agrees", "conflicts", "disputes", "derives")
        assert (link.a.article_id, link.a.start, link.a.end) in spans
        assert (link.b.article_id, link.b.start, link.b.end) in spans
        assert (link.a.article_id, link.a.start) <= (link.b.article_id, link.b.start)
        assert 0.0 <= link.score <= 1.0


def test_claim_alignment_reads_words_with_the_extractors_own_functions() -> None:
    from crosswire.link.claims import keys
    from crosswire.text import lemmas

    # one lemma, one singular, one table of verb families for extraction keys and alignment
    assert keys.lemma is lemmas.lemma and keys.singular is lemmas.singular
    assert keys.event_class("shell") == keys.event_class("fire") == lemmas.family("strike", "drones struck") == "fire"
    assert keys.event_class("leave", "left its garrison") == keys.event_class("move") == "deploy"


def test_alignment_reads_the_event_class_the_extraction_put_in_the_key() -> None:
    from crosswire.link.claims import keys

    hit_high = {"event": "hit", "key": "hit|high", "text": "Grain prices hit a record high"}
    hit_depot = {"event": "hit", "key": "fire|depot", "text": "Varnian rockets hit the fuel depot"}
    assert keys.claim_event_class(hit_high) == "hit"
    assert keys.claim_event_class(hit_depot) == "fire"
    # a claim without a key is read again from its event and text
    assert keys.claim_event_class({"event": "hit", "text": "Rockets hit the depot"}) == "fire"
    assert keys.claim_event_class({"event": "left", "text": "The levy left pensioners with nothing"}) == "left"
    assert keys.read_claim("a", 0, hit_high, []).event == "hit"
