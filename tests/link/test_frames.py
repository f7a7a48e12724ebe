"""Claim frames: figures agree, conflict or update only when their claims are about the same thing.

Fixtures are claim dicts as the claims extractor stores them, over short invented articles; the
names, figures and wording are made up.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from crosswire.link.claims.frames import anchors_meet
from crosswire.link.claims.linker import ClaimLink, align_claims
from tests.link.test_claims import MON, TUE, article, claim, q


def figure(text: str, part: str, value: float, bound: str = "=", *, event: str, **kw: Any) -> dict[str, Any]:
    unit = kw.pop("unit", None)
    thing = kw.pop("thing", None)
    times = kw.pop("times", ())
    return claim(
        text, event=event, times=times, quantities=(q(text, part, value, bound, unit=unit, thing=thing),), **kw
    )


def between(links: list[ClaimLink], kind: str) -> list[ClaimLink]:
    return [x for x in links if x.kind == kind]


def test_money_with_no_named_anchor_is_never_linked() -> None:
    profit = figure("quarterly profit rose to $1.2bn", "$1.2bn", 1.2e9, event="rise", unit="USD")
    fine = figure("a fine rose to $3bn", "$3bn", 3e9, event="rise", unit="USD")
    assert align_claims([article("a", profit), article("b", fine)]) == []


def test_money_of_two_named_firms_is_not_compared() -> None:
    tax = figure("Yukos faces a tax bill of $27bn", "$27bn", 27e9, event="face", unit="USD")
    price = figure("Baikal Finance agreed to pay $9.3bn", "$9.3bn", 9.3e9, event="face", unit="USD")
    assert align_claims([article("a", tax), article("b", price)]) == []


def test_money_of_one_named_firm_agrees_within_rounding_and_shows_both_frames() -> None:
    exact = figure("Yukos faces a back-tax bill of $27.5bn", "$27.5bn", 27.5e9, event="face", unit="USD")
    rounded = figure("Yukos faces a tax bill of $27bn", "$27bn", 27e9, event="face", unit="USD")
    links = align_claims([article("a", exact), article("b", rounded)])
    assert [x.kind for x in links] == ["agrees"]
    assert links[0].why.count("[yukos | money (face)") == 2


def test_a_bound_agrees_inside_conflicts_outside_and_says_nothing_far_past_it() -> None:
    bound = figure("more than 250 launchers were moved to the Serin valley", "more than 250", 250, ">", event="move",
                   thing="launchers")  # fmt: skip

    def other(value: int) -> dict[str, Any]:
        text = f"{value} launchers were moved to the Serin valley"
        return figure(text, str(value), value, event="move", thing="launchers")

    def kinds(value: int) -> list[str]:
        return [x.kind for x in align_claims([article("a", bound), article("b", other(value))])]

    assert kinds(300) == ["agrees"]
    assert kinds(180) == ["conflicts"]
    assert kinds(2000) == []


def test_a_growing_count_later_updates_the_earlier_one() -> None:
    early = figure("at least 14 people died when the Tessa ferry capsized", "at least 14", 14, ">=", event="die",
                   thing="people")  # fmt: skip
    late = figure("31 people died when the Tessa ferry capsized", "31", 31, event="die", thing="people")
    links = align_claims([article("a", early, published=MON), article("b", late, published=TUE)])
    assert [x.kind for x in links] == ["updates"]
    assert links[0].reason == "growing" and links[0].link.direction == "a_earlier"
    same_day = align_claims([article("a", early, published=MON), article("b", late, published=MON)])
    assert same_day == []  # on one day, "at least 14" says nothing about 31 (more than twice it)


def test_a_source_revising_itself_is_an_update() -> None:
    first = figure("Tessaly Lines said 212 passengers were aboard the Tessa", "212", 212, event="be",
                   thing="passengers", asserter="Tessaly Lines")  # fmt: skip
    second = figure("Tessaly Lines said 240 passengers were aboard the Tessa", "240", 240, event="be",
                    thing="passengers", asserter="Tessaly Lines")  # fmt: skip
    links = align_claims([article("a", first, published=MON), article("b", second, published=TUE)])
    assert [(x.kind, x.reason) for x in links] == [("updates", "revision")]
    other = dict(second, asserter="Harbour Police")
    links = align_claims([article("a", first, published=MON), article("b", other, published=TUE)])
    assert [x.kind for x in links] == ["conflicts"]


def test_claims_about_different_times_are_not_rivals() -> None:
    lead = figure("the Civic Alliance led by five points in 2021", "five", 5, event="lead", unit="percentage points",
                  times=("2021",))  # fmt: skip
    now = figure("the Civic Alliance led by two points", "two", 2, event="lead", unit="percentage points")
    later = MON + timedelta(days=3)
    assert align_claims([article("a", lead, published=MON), article("b", now, published=later)]) == []
    month_apart = datetime(2024, 12, 20, tzinfo=UTC)
    today = figure("the Civic Alliance led by five points", "five", 5, event="lead", unit="percentage points")
    assert align_claims([article("a", now, published=MON), article("b", today, published=month_apart)]) == []


def test_anchors_meet_on_a_name_inside_another_or_a_country_adjective() -> None:
    assert anchors_meet(frozenset({"deutsche boerse"}), frozenset({"frankfurt-based deutsche boerse", "lse"}))
    assert anchors_meet(frozenset({"japan"}), frozenset({"japanese"}))
    assert not anchors_meet(frozenset({"deutsche bank"}), frozenset({"deutsche boerse"}))


def test_two_sums_of_one_firm_meet_only_when_they_are_sums_of_the_same_thing() -> None:
    loan = figure("Yukos asked the buyer to pay back a $900m loan", "$900m", 9e8, event="pay", unit="USD")
    tax = figure("Yukos had to pay a $27bn back-tax bill", "$27bn", 27e9, event="pay", unit="USD")
    tax_again = figure("Yukos had to pay a $27.5bn back-tax bill", "$27.5bn", 27.5e9, event="pay", unit="USD")
    assert align_claims([article("a", loan), article("b", tax)]) == []
    assert [x.kind for x in align_claims([article("a", tax_again), article("b", tax)])] == ["agrees"]
