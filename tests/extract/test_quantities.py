"""Quantities: values, ranges, bounds, units and things in invented news about Varnia."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.bench.quantities import newsquant_unit, render, score
from crosswire.errors import DatasetError
from crosswire.extract.quantities.extractor import Quantity, extract_quantities
from crosswire.model import Article


def quantities(text: str) -> list[Quantity]:
    return extract_quantities(Article.create(text, source="test"))


def only(text: str) -> Quantity:
    found = quantities(text)
    assert len(found) == 1, [q.as_dict() for q in found]
    return found[0]


def test_some_launchers_is_an_approximate_count_of_launchers() -> None:
    q = only("The VCNA said some 250 launchers were moved towards Halvik.")
    assert (q.value, q.bound, q.unit, q.thing, q.text) == (250, "~", None, "launchers", "some 250")
    assert q.low is None and q.high is None


def test_thing_is_the_counted_noun_phrase_with_its_span() -> None:
    text = "Varnia deployed 250 multiple rocket launchers near Dolmek."
    q = only(text)
    assert q.thing == "multiple rocket launchers"
    assert q.thing_start is not None and q.thing_end is not None
    assert text[q.thing_start : q.thing_end] == "multiple rocket launchers"


@pytest.mark.parametrize(
    ("text", "value", "thing"),
    [
        ("Two battalions crossed the river at dawn.", 2, "battalions"),
        ("The ministry counted twenty-five drones over Halvik.", 25, "drones"),
        ("Each launcher carries four missiles each.", 4, "missiles"),
        ("Osterland sent a dozen observers to Dolmek.", 12, "observers"),
        ("The convoy carried 1,200 troops.", 1200, "troops"),
    ],
)
def test_number_words_and_digits_count_things(text: str, value: int, thing: str) -> None:
    q = only(text)
    assert (q.value, q.thing, q.unit) == (value, thing, None)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Prices in Dolmek rose by 18 to 25 percent last year.", 18, 25, "percent"),
        ("Between 200 and 300 soldiers were seen near the border.", 200, 300, None),
        ("Officials estimate 1,200-1,800 people fled Halvik.", 1200, 1800, None),
        ("The fund pays between $62 and $68 per share.", 62, 68, "USD per share"),
        ("The blast was felt 1 to 2 thousand metres away.", 1000, 2000, "m"),
    ],
)
def test_ranges_stay_ranges(text: str, low: float, high: float, unit: str | None) -> None:
    q = only(text)
    assert (q.value, q.low, q.high, q.unit) == (None, low, high, unit)


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("About 1,500 people gathered in Dolmek.", "~"),
        ("Roughly 40 vehicles were destroyed.", "~"),
        ("Nearly 90 shells landed overnight.", "~"),
        ("Approximately 70 ships waited at Halvik.", "~"),
        ("Around 60 fishermen work from the port.", "~"),
        ("There were 30-odd tanks on the road.", "~"),
        ("More than 6,000 workers went on strike.", ">"),
        ("Over 300 villages lost power.", ">"),
        ("At least three people were injured.", ">="),
        ("Fewer than 20 reporters were allowed in.", "<"),
        ("Under 50 aircraft remain in service.", "<"),
        ("The plant will create up to 400 jobs.", "<="),
        ("The law allows at most 12 visitors.", "<="),
    ],
)
def test_bounds(text: str, bound: str) -> None:
    assert only(text).bound == bound


def test_bound_is_part_of_the_span() -> None:
    q = only("The ministry said more than 6,650 employees were laid off.")
    assert q.text == "more than 6,650"
    assert q.thing == "employees"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Dozens of people were hurt in Halvik.", 12, 120),
        ("Hundreds of protesters marched in Dolmek.", 100, 1000),
        ("Several ministers resigned on Friday.", 3, 9),
        ("A couple of drones were shot down.", 2, 3),
        ("Tens of thousands of refugees crossed into Osterland.", 10_000, 100_000),
    ],
)
def test_vague_amounts_are_ranges(text: str, low: int, high: int) -> None:
    q = only(text)
    assert (q.value, q.low, q.high) == (None, low, high)
    assert q.thing is not None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Varnia showed its 600mm rocket system.", 600, "mm"),
        ("The army fired 155mm shells at the ridge.", 155, "mm"),
        ("The budget grew to $48.2 million.", 48_200_000, "USD"),
        ("Osterland pledged £2.7m in aid.", 2_700_000, "GBP"),
        ("The port earned €35 million last year.", 35_000_000, "EUR"),
        ("Inflation reached 9.5 per cent in Dolmek.", 9.5, "percent"),
        ("Turnout was 61% in the capital.", 61, "percent"),
        ("The convoy travelled 40 kilometres north.", 40, "km"),
        ("The border fence is 90 miles long.", 90, "mile"),
        ("The mill produced 5,000 tonnes of steel.", 5000, "t"),
        ("The deal is worth 10.5 million Australian dollars.", 10_500_000, "AUD"),
        ("Fuel cost $3,500 a month.", 3500, "USD per month"),
        ("Oil traded at US$58.24 per barrel.", 58.24, "USD per barrel"),
        ("Winds reached 155mph on the coast.", 155, "mph"),
    ],
)
def test_units(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The VCNA says the new charger is a 5 W unit.", 5, "W"),
        ("Dolmek saw 12 C on its coldest night.", 12, "°C"),
        ("Halvik Mining closed down 68 p at the bell.", 68, "pence"),
        ("Gas traded at US$2.24 per mmBTU in Halvik.", 2.24, "USD per mmBtu"),
        ("The engine makes 332 lb-ft of torque.", 332, "lb-ft"),
        ("The offensive line gave up 517 rushing yards.", 517, "yard"),
        ("The frigid pass fell to minus-30 degrees Celsius.", -30, "°C"),
        ("The trade balance fell to $-50.8bn in April.", -50_800_000_000, "USD"),
        ("The error rate dropped to .001 per cent.", 0.001, "percent"),
    ],
)
def test_more_units_and_signs(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("Nearly two-thirds of the voters in Dolmek backed the plan.", 2 / 3, "~"),
        ("A third of the Varnian fleet is in port.", 1 / 3, "="),
        ("One in five Osterland households has a generator.", 1 / 5, "="),
        ("Almost half of the refugees reached Halvik.", 0.5, "~"),
    ],
)
def test_fractions(text: str, value: float, bound: str) -> None:
    q = only(text)
    assert (q.value, q.bound) == (pytest.approx(value), bound)


def test_digit_fraction_takes_the_unit_after_of() -> None:
    q = only("A Varnian cup holds 1/16 of a US gallon.")
    assert (q.value, q.unit) == (0.0625, "gallon")


def test_half_after_an_ordinal_is_no_fraction() -> None:
    assert quantities("Dolmek scored twice in the second half of the match.") == []


def test_from_to_with_words_between_is_a_range() -> None:
    q = only("The Varnian mark slid from $1.20 on Monday to $1.05 on Friday.")
    assert (q.value, q.low, q.high, q.unit) == (None, 1.05, 1.20, "USD")


def test_appositive_age() -> None:
    found = quantities("Mira Tolan, 66, leads the VCNA.")
    assert [(q.value, q.unit) for q in found] == [(66, "year of age")]


@pytest.mark.parametrize(
    "text",
    [
        "The VCNA building is at 9 E 71st St in Dolmek.",
        "The depot at 16-18 Harbour Road was hit.",
        "The final in Halvik was tied at 89-89.",
        "The debate was shown on VCNA One.",
        "He lost 3s of his lead on the last lap.",
    ],
)
def test_more_non_quantities(text: str) -> None:
    assert [q.text for q in quantities(text)] == []


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Varnia Steel, which has 13,000 workers in Dolmek, will cut jobs.", "Varnia Steel"),
        ("Osterland Rail has performed more than 700 repairs since 2019.", "Osterland Rail"),
        ("The firm makes 60 per cent of its revenue abroad.", "revenue"),
        ("Dolmek imposed a fine of $5 million on the VCNA.", "fine"),
        ("Revenue in the quarter rose to $7.4 billion.", "Revenue in the quarter"),
        ("Exports to Osterland dropped 7% last year.", "Exports to Osterland"),
        ("The Halvik index was up about 19 per cent for the year.", "Halvik index"),
        ("Halvik Bank, down 68p at 1,112p, led the fallers.", "Halvik Bank"),
        ("The mayor pulled the budget 2 per cent lower.", "budget"),
        ("The country that is about 90 miles wide has one port.", "country"),
        ("Shares in Varnia Air have been on a tear, up nearly 57% this year.", "Shares in Varnia Air"),
        ("Osterland granted a 5% pay rise to nurses.", "pay rise"),
        ("The VCNA said it has 1,000 reporters.", "VCNA"),
        ("Mira Tolan, 66, has lost 15 pounds since May.", "Mira Tolan"),
        ("The ferry lost $1 billion in sales.", "sales"),
    ],
)
def test_concept_is_what_the_quantity_refers_to(text: str, concept: str) -> None:
    q = quantities(text)[0]
    assert q.concept == concept
    assert q.concept_start is not None and q.concept_end is not None
    assert text[q.concept_start : q.concept_end] == concept


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of people were hurt in Halvik.",
        "About 70% voted against the plan.",
        "If prices fall they would need to add ten ferries.",
    ],
)
def test_no_concept_when_the_quantity_is_the_subject(text: str) -> None:
    assert quantities(text)[0].concept is None


def test_a_converted_amount_shares_the_concept() -> None:
    found = quantities("Dolmek paid a fine of 10.5 million Australian dollars ($7.5 million).")
    assert [q.concept for q in found] == ["fine", "fine"]


def test_thing_of_a_measure_is_what_is_measured() -> None:
    assert only("The firm makes 60 per cent of its revenue abroad.").thing == "revenue"
    assert only("The drone has a 6kW electric motor.").thing == "electric motor"
    jumped = only("Halvik Steel jumped 8.5% on Monday.")
    assert (jumped.thing, jumped.concept) == (None, "Halvik Steel")


@pytest.mark.parametrize(
    "text",
    [
        "The meeting ended at 2.15pm in Dolmek.",
        "The strike began at 10:27 PM local time.",
        "The VCNA report is dated Nov. 4 and was released later.",
        "Elections were held in 2023 across Varnia.",
        "It was his 3rd visit to Halvik.",
        "Call the VCNA desk on 020 7946 0958 for details.",
        "Dolmek beat Halvik 2-0 in the final.",
        "The ministry bought new iPhone 11 handsets.",
        "No one in Dolmek saw the launch.",
        "Officials met on 4 November in Halvik.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_two_units_after_from_and_to_are_two_quantities() -> None:
    found = quantities("Halvik Steel rose 9.4 per cent to $84.")
    assert [(q.value, q.unit) for q in found] == [(9.4, "percent"), (84, "USD")]


def test_results_sorted_spans_match_text_and_dict_keys() -> None:
    text = "About 1,500 troops and 30 tanks moved 40 km towards Halvik, at a cost of $2 million."
    found = quantities(text)
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert len(found) == 4
    for q in found:
        assert text[q.start : q.end] == q.text
        assert set(q.as_dict()) == {
            "start", "end", "text", "value", "low", "high", "bound", "unit", "thing",
            "thing_start", "thing_end", "concept", "concept_start", "concept_end",
        }  # fmt: skip


NEWS_FRAGMENTS = st.sampled_from(
    [
        "about 250 ", "launchers ", "$48.2 million ", "18 to 25 percent ", "between 200 and ",
        "300 ", "1,200-1,800 ", "dozens of ", "at 2.15pm ", "Nov. 4 ", "in 2023 ", "600mm ",
        "some ", "more than ", "up to ", "a dozen ", "twenty-five ", "-", "–", "£", "€", "per cent",
        ".", ",", "(", ")", "minus ", "one ", "3rd ", "10:27 ", "HK $", "km/h ", "x", "\n",
    ]
)  # fmt: skip


def _check(text: str) -> None:
    article = Article.create(text, source="test")
    for q in extract_quantities(article):
        assert 0 <= q.start <= q.end <= len(article.text)
        assert article.text[q.start : q.end] == q.text
        if q.thing_start is not None and q.thing_end is not None:
            assert article.text[q.thing_start : q.thing_end] == q.thing
        if q.concept_start is not None and q.concept_end is not None:
            assert article.text[q.concept_start : q.concept_end] == q.concept
        else:
            assert q.concept is None


@given(st.text())
@settings(max_examples=300)
def test_arbitrary_text_never_crashes(text: str) -> None:
    _check(text)


@given(st.lists(NEWS_FRAGMENTS, max_size=25).map("".join))
@settings(max_examples=400)
def test_news_like_fragments_never_crash(text: str) -> None:
    _check(text)


def test_newsquant_unit_mapping() -> None:
    count = only("Varnia has 13000 workers in Dolmek.")
    assert newsquant_unit(count) == "worker"
    money = only("The deal is worth $800 million.")
    assert newsquant_unit(money) == "dollar"


def test_bench_scores_a_small_dataset(tmp_path: Path) -> None:
    data = [
        {
            "text": "Varnia spent $5 million on 20 drones.",
            "quantities": [
                {"change": "=", "value": "5000000.0", "unit": "$", "normalized_unit": "dollar",
                 "referred_concepts": "-"},
                {"change": "=", "value": "20", "unit": "drones", "normalized_unit": "drone",
                 "referred_concepts": "-"},
            ],
        }
    ]  # fmt: skip
    path = tmp_path / "newsquant-dev.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    figures = score(tmp_path)
    assert figures["value"]["f1"] == 1.0
    assert figures["value_unit"]["f1"] == 1.0
    assert "value" in render(figures)


def test_bench_rejects_missing_and_malformed_data(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="newsquant"):
        score(tmp_path)
    bad = tmp_path / "newsquant-dev.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(DatasetError, match="JSON list"):
        score(bad)


def test_the_concept_is_read_within_the_documents_sentence() -> None:
    # a line wrap inside a paragraph does not end the sentence; a sentence before lends nothing
    text = (
        "The ministry said the plan would be rejected. The lawsuit names Anna Berg - a former envoy - plus "
        "three associates.\n\nPublic construction outlays rose for a third successive\nmonth to 75.2 billion "
        "crowns in January."
    )
    found = {q.text: q for q in extract_quantities(Article.create(text, source="test"))}
    assert found["75.2 billion"].concept == "Public construction outlays"
    assert found["three"].concept is None and found["three"].thing == "associates"


def test_a_counted_word_that_is_a_unit_gives_the_unit() -> None:
    # "10 or more years": the counted word is one word, read alone (the whole text before it was
    # read instead, and the unit missed)
    text = "Many families have heard nothing for 10 or more years, and some for 30-odd years."
    found = {q.text: q for q in extract_quantities(Article.create(text, source="test"))}
    assert found["10 or more"].unit == "year" and found["30-odd"].unit == "year"


def test_a_verb_of_a_wrapped_sentence_is_no_part_of_the_concept() -> None:
    # reading the whole sentence across a line wrap reaches verbs the line alone hid: a verb in -s
    # that is never a plural noun ("includes", "wants") ends the concept before it
    text = (
        "Halvik Foods said quarterly profit rose.\n"
        "    Year operating profit includes gains on sale of farmland of 4.2 mln crowns vs\n"
        "1.9 mln crowns.\n"
        "    Along with fresh credit, Marlow reportedly wants lower\n"
        "interest rates on an existing total 12 billion crowns in loans.\n"
        "    “You don’t want to be selling 10 to 15 farms in one winter,” a trader said."
    )
    found = {q.text: q for q in extract_quantities(Article.create(text, source="test"))}
    assert found["4.2 mln"].concept == "sale of farmland"
    assert found["1.9 mln"].concept == "profit"
    assert found["12 billion"].concept == "Marlow"
    assert found["10 to 15"].concept is None
    assert not any(q.concept and q.concept.split()[-1] in ("includes", "wants", "don’t") for q in found.values())


# The quantity errors that real political news showed (issue 11), on sentences of our own.


def test_the_pronoun_one_is_no_count() -> None:
    found = quantities("Two of the protesters were arrested, and another one was fined. The mayor kept one.")
    assert [q.text for q in found] == ["Two"]


def test_one_before_a_noun_stays_a_count() -> None:
    found = quantities("The council hired 12 inspectors and one engineer, and cut the staff from four to one.")
    assert [(q.text, q.value, q.low, q.high) for q in found] == [
        ("12", 12, None, None),
        ("one", 1, None, None),
        ("four to one", None, 1, 4),  # a range that ends in "one." keeps its end
    ]


def test_bill_numbers_are_no_quantities() -> None:
    found = quantities("The House passed H.R. 1 on Friday, and the Senate took up S. 2 and H.Res. 24 a week later.")
    assert found == []


def test_numbers_inside_names_are_no_quantities() -> None:
    found = quantities("Members of Local 1199 met the Apollo 11 crew on Route 66, then 40 veterans joined them.")
    assert [q.value for q in found] == [40]


def test_a_ratio_is_one_quantity_not_two_counts() -> None:
    found = quantities(
        "Supporters outnumbered opponents six-to-one at the rally. Bookmakers give the mayor a two-in-three "
        "chance, and the odds are 3-to-1 against her rival; one in five voters is undecided."
    )
    assert [(q.text, round(float(q.value or 0), 3)) for q in found] == [
        ("six-to-one", 6.0),
        ("two-in-three", 0.667),
        ("3-to-1", 3.0),
        ("one in five", 0.2),
    ]
