"""Tests for crosswire.extract.times.extractor: TIMEX3 values at their true granularity, relative to publication."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.extract.times.extractor import TimeExpression, extract_times
from crosswire.extract.times.timex import Point
from crosswire.ingest import iter_articles
from crosswire.model import Article
from crosswire.sample import CORPUS_DIR
from tests.sample_expected import expected, keyed

# Monday 4 November 2024: ISO week 45; the Sunday before is 3 November.
PUBLISHED = date(2024, 11, 4)


def times(text: str, published: date | datetime | None = PUBLISHED) -> list[TimeExpression]:
    return extract_times(Article.create(text, source="test", published=published))


def one(text: str, phrase: str, published: date | datetime | None = PUBLISHED) -> TimeExpression:
    found = [t for t in times(text, published) if t.text == phrase]
    assert found, f"{phrase!r} not found in {[t.text for t in times(text, published)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "kind"),
    [
        (
            "Varnian troops crossed the river on Sunday night, the VCNA said.",
            "Sunday night",
            "2024-11-03TNI",
            "TIME",
        ),
        ("The Dolmek parliament met in July to debate the budget.", "July", "2024-07", "DATE"),
        ("Launchers were moved to the border late last month.", "late last month", "2024-10", "DATE"),
        ("Prices have risen since May, the ministry said.", "May", "2024-05", "DATE"),
        ("The treaty was signed on Oct. 24 in Halvik.", "Oct. 24", "2024-10-24", "DATE"),
        ("Voting closed on Nov 4 across Varnia.", "Nov 4", "2024-11-04", "DATE"),
        ("The decree dated 4 November 2024 was published.", "4 November 2024", "2024-11-04", "DATE"),
        ("The file was stamped 2024-11-04 by the registry.", "2024-11-04", "2024-11-04", "DATE"),
        ("Osterland recalled its ambassador on Monday.", "Monday", "2024-11-04", "DATE"),
        ("The minister resigned yesterday.", "yesterday", "2024-11-03", "DATE"),
        ("The border is quiet today, officials said.", "today", "2024-11-04", "DATE"),
        ("Talks resume this week in Dolmek.", "this week", "2024-W45", "DATE"),
        ("Elections are planned for next year.", "next year", "2025", "DATE"),
        ("Tensions date back to the 1990s.", "the 1990s", "199", "DATE"),
        ("The blockade lasted three days.", "three days", "P3D", "DURATION"),
        ("The dam was finished two years ago.", "two years ago", "2022", "DATE"),
        ("Convoys cross the bridge every week.", "every week", "P1W", "SET"),
        ("The VCNA publishes a weekly bulletin.", "weekly", "P1W", "SET"),
        ("Shelling stopped at 2.15pm local time.", "2.15pm local time", "2024-11-04T14:15", "TIME"),
        ("The statement came at 14:30 GMT.", "14:30 GMT", "2024-11-04T14:30", "TIME"),
        ("Exports fell in the third quarter.", "the third quarter", "2024-Q3", "DATE"),
        ("Varnia is now a net exporter of grain.", "now", "PRESENT_REF", "DATE"),
        ("The ministry recently changed its rules.", "recently", "PAST_REF", "DATE"),
        ("Fighting continued for the past two months.", "the past two months", "P2M", "DURATION"),
        ("The port has been closed since last spring.", "last spring", "2024-SP", "DATE"),
        ("Relations soured in the 20th century.", "the 20th century", "19", "DATE"),
        ("The vote was held last Friday.", "last Friday", "2024-11-01", "DATE"),
        ("Halvik celebrated Christmas quietly.", "Christmas", "2023-12-25", "DATE"),
        ("The camp opened in March 2023.", "March 2023", "2023-03", "DATE"),
    ],
)
def test_values_at_true_granularity(text: str, phrase: str, value: str, kind: str) -> None:
    found = one(text, phrase)
    assert (found.value, found.type) == (value, kind)


def test_late_year_has_end_modifier() -> None:
    found = one("The offensive began in late 2023, the VCNA reported.", "late 2023")
    assert (found.value, found.mod, found.granularity) == ("2023", "END", "year")


def test_weekday_in_future_sentence_looks_forward() -> None:
    found = one("Osterland will announce its decision on Friday.", "Friday")
    assert found.value == "2024-11-08"


def test_year_earlier_follows_the_quarter_under_discussion() -> None:
    found = times("Varnian Steel earned more in the second quarter than a year earlier.")
    assert [(t.text, t.value) for t in found] == [
        ("the second quarter", "2024-Q2"),
        ("a year earlier", "2023-Q2"),
    ]


def test_durations_with_modifiers_and_vague_amounts() -> None:
    text = "The talks lasted more than four hours; repairs will take several weeks and nearly a year."
    found = {t.text: (t.value, t.mod) for t in times(text)}
    assert found["more than four hours"] == ("PT4H", "MORE_THAN")
    assert found["several weeks"] == ("PXW", None)
    assert found["nearly a year"] == ("P1Y", "LESS_THAN")


def test_price_per_year_is_a_set() -> None:
    found = one("The licence costs $400 a year in Varnia.", "a year")
    assert (found.type, found.value) == ("SET", "P1Y")


def test_clock_time_takes_the_day_next_to_it() -> None:
    found = times("The ceasefire began at 10 p.m. Wednesday, the VCNA said.")
    assert [(t.text, t.value, t.type) for t in found] == [("10 p.m. Wednesday", "2024-10-30T22:00", "TIME")]


def test_without_publication_date_unknowns_stay_unknown() -> None:
    text = "The treaty signed on Oct. 24 took effect yesterday; talks resume in July and on Friday."
    found = {t.text: t.value for t in times(text, published=None)}
    assert found == {
        "Oct. 24": "XXXX-10-24",
        "yesterday": "XXXX-XX-XX",
        "July": "XXXX-07",
        "Friday": "XXXX-WXX-5",
    }


def test_aware_datetime_publication() -> None:
    published = datetime(2024, 11, 4, 23, 30, tzinfo=UTC)
    assert one("Officials met yesterday in Halvik.", "yesterday", published).value == "2024-11-03"


def test_publication_day_is_read_in_its_own_time_zone() -> None:
    # 00:30 in Halvik (UTC+1) is still the previous day in UTC: "today" is the local day
    published = datetime(2024, 11, 6, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    found = one("Ministers meet at noon today in Halvik.", "noon today", published)
    assert (found.value, found.type, found.date) == ("2024-11-06T12:00", "TIME", "2024-11-06")


def test_part_of_day_is_kept_apart_as_well() -> None:
    found = one("Varnian troops crossed the river on Sunday night, the VCNA said.", "Sunday night")
    assert (found.value, found.date, found.part) == ("2024-11-03TNI", "2024-11-03", "night")
    assert found.as_dict()["part"] == "night" and found.as_dict()["date"] == "2024-11-03"
    early = one("The shelling began early on Thursday, the VCNA said.", "early on Thursday")
    assert (early.value, early.part) == ("2024-10-31", "morning")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The VCNA said the minister would visit Halvik on Wednesday.", "Wednesday", "2024-11-06"),
        ("The minister said on Wednesday that talks had failed.", "Wednesday", "2024-10-30"),
        ("Our crews are where they were on Saturday, an officer said.", "Saturday", "2024-11-02"),
        ("Boats have been told to stay out of the gulf until Saturday.", "Saturday", "2024-11-09"),
        ("The National Assembly is due to debate the plan on Thursday.", "Thursday", "2024-11-07"),
        ("The summit will be held on Friday in Dolmek.", "Friday", "2024-11-08"),
        ("Its next class of cadets begins studies in February.", "February", "2025-02"),
        ("The academy was founded in February, the VCNA said.", "February", "2024-02"),
        ("The Dolmek bond is payable Jan. 2 to holders of record.", "Jan. 2", "2025-01-02"),
        ("The talks collapsed on Oct. 24, the VCNA said.", "Oct. 24", "2024-10-24"),
        ("The border was shut in July after the shelling.", "July", "2024-07"),
        ("Halvik plans to hold the vote in July.", "July", "2025-07"),
    ],
)
def test_tense_of_the_clause_decides_the_direction(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value", "kind"),
    [
        ("The bridge opened in nineteen ninety-six.", "nineteen ninety-six", "1996", "DATE"),
        ("January nineteen ninety-seven was cold in Dolmek.", "January nineteen ninety-seven", "1997-01", "DATE"),
        ("The plan dates from the year two thousand.", "the year two thousand", "2000", "DATE"),
        ("Relations cooled in the nineties.", "the nineties", "199", "DATE"),
        ("Two days later the border reopened.", "Two days", "P2D", "DURATION"),
        ("The mayor resigned a month after the vote.", "a month", "P1M", "DURATION"),
        ("Prices have risen in recent years.", "recent years", "PXY", "DURATION"),
        ("Fuel will stay scarce in the coming months.", "the coming months", "PXM", "DURATION"),
        ("The siege lasted 2 1/2 years.", "2 1/2 years", "P2Y6M", "DURATION"),
        ("The alarm sounded for a minute and a half.", "a minute and a half", "PT1M30S", "DURATION"),
        ("Varnia may decide in the future.", "the future", "FUTURE_REF", "DATE"),
        ("The ministry earned more in the year ended June 30.", "the year", "P1Y", "DURATION"),
        ("The port should reopen by year-end.", "year-end", "2024", "DATE"),
        ("The dam was finished a decade ago.", "a decade ago", "2014", "DATE"),
        ("The gates close at six o'clock this evening.", "six o'clock this evening", "2024-11-04T18:00", "TIME"),
        ("Units moved south over the weekend, the VCNA said.", "the weekend", "2024-W44-WE", "DATE"),
        ("Results for the third quarter ended Sept. 30 were weak.", "the third quarter", "2024-Q3", "DATE"),
        ("The editorial ran on Monday, Oct. 28.", "Monday, Oct. 28", "2024-10-28", "DATE"),
        ("Prices will stay high in the near term.", "the near term", "FUTURE_REF", "DATE"),
    ],
)
def test_more_patterns(text: str, phrase: str, value: str, kind: str) -> None:
    found = one(text, phrase)
    assert (found.value, found.type) == (value, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Talks in İzmir ended on 4 November 2024.",
        "Talks in Izmir ended on 4 November 2024.",
        "İİİ İstanbul: talks ended on 4 November 2024.",
    ],
)
def test_a_dotted_capital_i_before_a_date_keeps_the_date_whole(text: str) -> None:
    # "İ" lower-cases to two characters: offsets after it must still find "4 November 2024"
    found = times(text, None)
    assert [(t.text, t.value) for t in found] == [("4 November 2024", "2024-11-04")]


def test_tense_is_read_in_the_expressions_own_sentence() -> None:
    # the sentence before ("sold", a past verb) no longer lends its tense across the paragraph break
    text = "Routine sales were made. March supplies sold at 40 dlrs.\n    April/June butter went at 42 dlrs."
    assert one(text, "April", date(1987, 2, 26)).value == "1987-04"


def test_year_ranges_are_skipped_and_years_in_words_are_not_counts() -> None:
    assert times("Output fell 1990-95 and again in 2001-2003.") == []
    assert times("Nineteen soldiers and two thousand civilians left.") == []


def test_a_day_range_gives_two_days() -> None:
    found = times("The Dolmek fair runs Oct 24-26 this year.")
    assert [(t.text, t.value) for t in found][:2] == [("Oct 24", "2024-10-24"), ("26", "2024-10-26")]


def test_bare_clock_time_takes_the_night_under_discussion() -> None:
    text = (
        "Artillery fire hit Kettering Ridge on Sunday night, the army said on Monday. "
        '"We heard the first explosions at about half past eleven," the mayor said.'
    )
    found = one(text, "about half past eleven", date(2024, 10, 28))
    assert (found.value, found.mod) == ("2024-10-27T23:30", "APPROX")


def test_words_timeml_does_not_tag() -> None:
    text = (
        "The ministry previously said future earnings would rise as soon as the border opened, "
        "and the army will stay for the foreseeable future."
    )
    assert times(text) == []


def test_undated_relative_expressions_are_underspecified() -> None:
    text = "Last month the army moved; last week it dug in; this year it will stay until the end of the month."
    found = {t.text: (t.value, t.mod) for t in times(text, published=None)}
    assert found == {
        "Last month": ("XXXX-XX", None),
        "last week": ("XXXX-WXX", None),
        "this year": ("XXXX", None),
        "the end of the month": ("XXXX-XX", "END"),
    }


def test_words_that_only_look_like_dates_are_skipped() -> None:
    text = "Prices may fall, as 1500 soldiers march to the border; a quarter of voters agreed."
    assert times(text) == []


def test_records_are_sorted_and_serialise_to_the_contract() -> None:
    found = times("On Monday the VCNA said that last week 2,000 troops left; talks resume in 2025.")
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert set(found[0].as_dict()) >= {"start", "end", "text", "value", "type"}
    assert [t.text for t in found] == ["Monday", "last week", "2025"]


def test_point_arithmetic() -> None:
    day = Point.of_date(date(2024, 1, 31))
    assert day.shift(1, "M") == Point("D", 2024, 2, 29)
    assert day.coarsen("W").value == "2024-W05"
    assert day.coarsen("S").value == "2024-WI"
    assert Point("Q", 2024, 1).shift(-1, "Q") == Point("Q", 2023, 4)


# --- the sample corpus: every `times` entry of src/crosswire/sample/expected.yaml ----------------

SAMPLE_TIMES = [(key, item) for key, findings in expected()["articles"].items() for item in findings.get("times") or ()]
# TimeML leaves a leading preposition outside the span ("since 2021" is tagged "2021")
PREPOSITIONS = ("in ", "since ", "on ", "at ", "by ", "until ")


@pytest.fixture(scope="module")
def sample_articles() -> dict[str, Article]:
    return keyed([a for a in iter_articles([str(CORPUS_DIR)]) if isinstance(a, Article)])


@pytest.mark.parametrize(
    ("key", "item"), SAMPLE_TIMES, ids=[f"{key.split('#')[-1][-30:]}:{item['text']}" for key, item in SAMPLE_TIMES]
)
def test_sample_corpus_times(sample_articles: dict[str, Article], key: str, item: dict[str, str]) -> None:
    found = extract_times(sample_articles[key])
    wanted = item["text"]
    same = [t for t in found if t.text == wanted or any(wanted.lower() == p + t.text.lower() for p in PREPOSITIONS)]
    assert same, f"{wanted!r} not found in {[t.text for t in found]}"
    record = same[0]
    if "part" in item:
        # the file keeps part of day apart: "Sunday night" is the day 2024-11-03 with part "night"
        assert (record.date, record.part) == (item["value"], item["part"])
    else:
        assert record.value == item["value"]
    assert record.mod == item.get("mod")
    if "type" in item:
        assert record.type == item["type"]


def test_sample_corpus_has_times_to_check() -> None:
    assert len(SAMPLE_TIMES) > 100


FRAGMENTS = st.sampled_from(
    [
        "on Sunday night", "in July", "late 2023", "Oct. 24", "last month", " 14:30 GMT", "2.15pm",
        "three days", "two years ago", "every week", "the 1990s", "the third quarter", "now", "May",
        "the past two months", "a year earlier", "2024-11-04", "yesterday", "12:", "the", "-",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.text(max_size=30), FRAGMENTS), max_size=12),
    st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
)
def test_never_crashes_and_spans_are_exact(parts: list[str], published: date | None) -> None:
    article = Article(id="x", text=" ".join(parts), published=published)
    found = extract_times(article)
    assert [t.start for t in found] == sorted(t.start for t in found)
    for record in found:
        assert 0 <= record.start < record.end <= len(article.text)
        assert article.text[record.start : record.end] == record.text
        assert record.type in ("DATE", "TIME", "DURATION", "SET")
