"""Tests for place extraction and the offline gazetteer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.extract.places.extractor import Place, extract_places
from crosswire.extract.places.gazetteer import load_gazetteer
from crosswire.model import Article


def places(text: str) -> list[Place]:
    return extract_places(Article.create(text, source="test"))


def by_text(text: str) -> dict[str, Place]:
    return {p.text: p for p in places(text)}


def test_record_contract() -> None:
    found = places("Officials in Dolmek met envoys from Paris.")
    assert found
    for place in found:
        assert set(place.as_dict()) >= {
            "start", "end", "text", "name", "country", "admin1", "lat", "lon", "geonameid", "approximate",
        }  # fmt: skip
    assert [p.start for p in found] == sorted(p.start for p in found)


def test_city_and_country_resolved_with_coordinates() -> None:
    found = by_text("Varnian envoys flew to Paris on Monday before talks in Turkey.")
    paris = found["Paris"]
    assert paris.country == "FR"
    assert paris.kind == "city"
    assert paris.lat is not None and abs(paris.lat - 48.85) < 0.1
    assert paris.geonameid == 2988507
    turkey = found["Turkey"]
    assert turkey.kind == "country" and turkey.country == "TR"
    assert turkey.lat == 39 and turkey.lon == 35


def test_unknown_town_kept_without_coordinates() -> None:
    found = by_text("Shelling hit the town of Brask overnight, and troops gathered near Korvat.")
    for name in ("Brask", "Korvat"):
        assert found[name].lat is None and found[name].lon is None and found[name].geonameid is None
        assert found[name].kind == "unknown"


def test_dateline_becomes_a_place() -> None:
    found = places("HALVIK, Nov 4 (VCNA) - The ministry said drills near Halvik would continue.")
    assert found[0].text == "HALVIK"
    assert found[0].name == "Halvik"
    assert found[0].lat is None
    assert [p.text for p in found] == ["HALVIK", "Halvik"]


def test_known_dateline_is_resolved() -> None:
    found = places("LONDON, Nov 4 (VCNA) - Ministers met on Tuesday.")
    assert found[0].text == "LONDON" and found[0].country == "GB"


def test_regions_and_features_have_no_invented_coordinates() -> None:
    found = by_text("Launchers were moved to the Karsk Peninsula and the Serin Valley, close to the Osterland border.")
    assert found["Karsk Peninsula"].kind == "feature"
    assert found["Serin Valley"].kind == "feature"
    assert found["Osterland border"].kind == "feature"
    assert all(found[k].lat is None for k in ("Karsk Peninsula", "Serin Valley", "Osterland border"))


def test_province_of_unknown_name() -> None:
    found = by_text("Fighting spread across Karsk province on Sunday.")
    assert found["Karsk province"].kind == "region"
    assert found["Karsk province"].lat is None


def test_context_prefers_the_story_country() -> None:
    us_story = by_text("Storms hit Dallas and Houston before reaching Paris, Texas.")
    assert us_story["Paris"].country == "US" and us_story["Paris"].admin1 == "Texas"
    french_story = by_text("Ministers met in Paris after talks in Lyon and Marseille.")
    assert french_story["Paris"].country == "FR"


def test_georgia_state_or_country() -> None:
    us = by_text("Voters in Atlanta and across Georgia went to the polls, as did Florida.")
    assert us["Georgia"].country == "US" and us["Georgia"].kind == "admin1"
    caucasus = by_text("Georgia and Armenia signed a deal in Tbilisi with Azerbaijan.")
    assert caucasus["Georgia"].country == "GE" and caucasus["Georgia"].kind == "country"


def test_demonyms_resolve_to_their_country() -> None:
    found = by_text("Syrian troops and British diplomats met Americans in Beirut.")
    assert found["Syrian"].country == "SY" and found["Syrian"].kind == "demonym"
    assert found["British"].country == "GB"
    assert found["Americans"].country == "US"


def test_stop_words_and_people_are_not_places() -> None:
    found = by_text("In March, Reading was a nice read. President Aurel Maszek met Mr Lincoln and Paris Hilton.")
    assert "March" not in found
    assert "Reading" not in found
    assert "Lincoln" not in found
    assert "Paris" not in found


def test_aliases_and_abbreviations() -> None:
    found = by_text("The U.S. and the UK warned Moscow.")
    assert found["U.S."].country == "US"
    assert found["UK"].country == "GB"
    assert found["Moscow"].country == "RU"


def test_capital_wins_for_washington() -> None:
    found = by_text("Officials in Washington said the talks would resume.")
    assert found["Washington"].admin1 == "District of Columbia"


def test_town_qualified_by_its_state_borrows_the_state_point() -> None:
    found = places("Firefighters were called to the village of Brask, Alberta, on Sunday. Brask has 900 people.")
    first, alberta, second = found
    assert (first.text, first.kind, first.country, first.admin1) == ("Brask", "unknown", "CA", "Alberta")
    assert first.approximate and first.geonameid is None
    assert (first.lat, first.lon) == (alberta.lat, alberta.lon)
    assert not alberta.approximate
    # One reading per article: the bare second mention takes the qualified one's.
    assert second.text == "Brask" and second.approximate and second.admin1 == "Alberta"


def test_invented_town_without_a_containing_area_gets_no_point() -> None:
    found = by_text("Shelling hit the town of Brask overnight.")
    assert found["Brask"].lat is None and not found["Brask"].approximate


def test_same_named_city_chosen_by_the_state_named_next_to_it() -> None:
    found = places("A 25-year-old Paris, Missouri, man was arrested. Police in Paris said he was alone.")
    assert [p.text for p in found] == ["Paris", "Missouri", "Paris"]
    assert found[0].country == "US" and found[0].admin1 == "Missouri" and found[0].approximate
    assert found[2].admin1 == "Missouri"


def test_town_near_a_named_city() -> None:
    found = by_text("A boy was hurt in Kingston, south of Brisbane, on Friday.")
    assert found["Kingston"].country == "AU"
    assert found["Kingston"].lat is not None and abs(found["Kingston"].lat - -27.5) < 1


def test_nearby_places_decide_between_same_named_entries() -> None:
    caucasus = by_text("Azerbaijan mined the border with Georgia, and Armenia protested.")
    assert caucasus["Georgia"].country == "GE"
    london = by_text("Police in Enfield and Edmonton, north London, made arrests.")
    assert london["Edmonton"].country == "GB"


def test_first_level_areas_have_english_names_and_points() -> None:
    found = by_text("Officials in Bavaria, Sichuan and Tamil Nadu agreed, as did Alberta.")
    assert found["Bavaria"].country == "DE" and found["Bavaria"].kind == "admin1"
    assert found["Sichuan"].country == "CN"
    for name in ("Bavaria", "Sichuan", "Tamil Nadu", "Alberta"):
        assert found[name].lat is not None and not found[name].approximate


def test_uk_counties_and_saint_spellings() -> None:
    found = by_text("Voters in Kent backed the plan; the consulate in St. Petersburg, Russia, closed.")
    assert found["Kent"].country == "GB" and found["Kent"].kind == "admin2"
    assert found["St. Petersburg"].country == "RU"


def test_us_county_borrows_its_state_point() -> None:
    found = by_text("Deputies in Orange County, California, searched the hills.")
    county = found["Orange County"]
    assert county.kind == "admin2" and county.admin1 == "California" and county.approximate
    assert (county.lat, county.lon) == (found["California"].lat, found["California"].lon)


def test_building_named_after_its_city_and_street_followed_by_its_city() -> None:
    found = by_text("Crowds gathered outside Manila Cathedral and in Seaton Street, Edmonton, London.")
    assert found["Manila Cathedral"].country == "PH" and found["Manila Cathedral"].approximate
    assert found["Seaton Street"].kind == "feature" and found["Seaton Street"].country == "GB"


def test_a_list_of_places_is_not_a_qualifier() -> None:
    found = by_text("The crown prince visits Washington, New York and Boston this week.")
    assert found["Washington"].admin1 == "District of Columbia" and not found["Washington"].approximate


def test_country_name_is_the_country_and_its_demonym_too() -> None:
    found = by_text("The Mexican envoy left Mexico on Tuesday.")
    assert found["Mexico"].kind == "country" and found["Mexican"].country == "MX"
    assert found["Mexican"].name == "Mexico"


def test_given_names_before_surnames_are_people() -> None:
    found = by_text("Oklahoma Gov. Mary Fallin signed it, and Georgia Stevens skated in Atlanta. Allen said so.")
    assert "Mary" not in found and "Georgia" not in found and "Allen" not in found
    assert found["Atlanta"].country == "US"


def test_a_given_name_used_for_a_person_is_a_person_throughout() -> None:
    found = places("Georgia Stevens, 9, skates in Calgary. Georgia began at four, her father said.")
    assert [p.text for p in found] == ["Calgary"]


def test_appositive_and_state_cues() -> None:
    found = by_text("Voters in Kasba Bonli, a market town in Rajasthan, cheered. New York Gov. Jane Roe spoke.")
    assert found["Kasba Bonli"].admin1 == "Rajasthan" and found["Kasba Bonli"].approximate
    assert found["New York"].kind == "admin1"


def test_gazetteer_is_built_once() -> None:
    assert load_gazetteer() is load_gazetteer()
    assert load_gazetteer().country("FR") is not None


def test_empty_text() -> None:
    assert places("") == []


NEWSY = st.sampled_from(
    [
        "HALVIK, Nov 4 - ", "in Dolmek ", "near Paris, Texas", "the Karsk Peninsula ", "Syrian ",
        "President Aurel Maszek ", "U.S. ", "Georgia ", "\n", ", ", "the town of ", "Mr Lincoln ",
        "Osterland border ", "Lake ", "Mount ", "province ", "LONDON ", "’s ", "é", "-",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(NEWSY, max_size=20).map("".join)))
def test_spans_always_valid(text: str) -> None:
    article = Article(id="x", text=text)
    for place in extract_places(article):
        assert 0 <= place.start < place.end <= len(text)
        assert text[place.start : place.end] == place.text


def test_a_capitalised_word_opening_the_documents_sentence_makes_no_person() -> None:
    from crosswire.extract.places.context import is_person_context
    from crosswire.text.document import Document

    # the sentence opens after a no-break space ("Facebook.\xa0Berg"): read from the document's
    # sentences, not from the character before the word
    text = "It was posted on Facebook.\xa0Berg Appleton was quiet. They met Berg Appleton there."
    doc = Document(Article(id="t", text=text))
    first = text.index("Appleton")
    second = text.index("Appleton", first + 1)
    assert not is_person_context(doc, first, first + 8, first_name=False)
    assert is_person_context(doc, second, second + 8, first_name=False)
