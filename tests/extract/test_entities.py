"""Tests for entity recognition."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.extract.entities.extractor import (
    LABELS,
    Entity,
    RuleRecogniser,
    current_recogniser,
    extract_entities,
    use_recogniser,
)
from crosswire.extract.places.extractor import Place
from crosswire.extract.stage import findings
from crosswire.model import Article
from crosswire.text.document import Document

STORY = (
    "DOLMEK, Nov 4 (VCNA) - President Aurel Maszek said on Monday that Varnian forces had moved "
    "about 250 multiple rocket launchers to the Osterland border, the Varnian Central News Agency "
    "(VCNA) reported. Defence Minister Karl Vogt told the Joint Defence Staff that KN-25 and "
    "Iskander-type missiles were ready. Dr. Tomas Rieger, an analyst at the Institute for Strategic "
    "Balance, said the figure was improbable. The United Nations Security Council will meet in New "
    "York. State media and the Dolmek Herald repeated the claim. Maszek said Varnians would not back "
    "down. Syrian and U.S. officials met in Paris."
)


def entities_of(article: Article) -> list[Entity]:
    """The entities of ``article``, after the places they read (as the extract stage runs them)."""
    return list(findings(article, ["entities"])["entities"])


def entities(text: str) -> dict[str, Entity]:
    return {e.text: e for e in entities_of(Article.create(text, source="test"))}


def test_record_contract_and_order() -> None:
    found = entities_of(Article.create(STORY, source="test"))
    assert [e.start for e in found] == sorted(e.start for e in found)
    for entity in found:
        assert set(entity.as_dict()) >= {"start", "end", "text", "label"}
        assert entity.label in LABELS


def test_people_with_titles_and_roles() -> None:
    found = entities(STORY)
    assert found["Aurel Maszek"].label == "PERSON" and found["Aurel Maszek"].title == "President"
    assert found["Karl Vogt"].title == "Defence Minister"
    assert found["Tomas Rieger"].title == "Dr."
    assert found["Tomas Rieger"].role == "an analyst at the Institute for Strategic Balance"
    assert found["Maszek"].label == "PERSON"


def test_organisations() -> None:
    found = entities(STORY)
    for name in ("Joint Defence Staff", "Institute for Strategic Balance", "United Nations Security Council"):
        assert found[name].label == "ORG"


def test_media_and_agencies() -> None:
    found = entities_of(Article.create(STORY, source="test"))
    media = {e.text for e in found if e.label == "MEDIA"}
    assert {"Varnian Central News Agency", "VCNA", "State media", "Dolmek Herald"} <= media
    dateline_acronym = [e for e in found if e.text == "VCNA" and e.start < 20]
    assert dateline_acronym and dateline_acronym[0].label == "MEDIA"


def test_places_and_nationalities() -> None:
    found = entities(STORY)
    assert found["DOLMEK"].label == "GPE"
    assert found["New York"].label == "GPE"
    assert found["U.S."].label == "GPE"
    assert found["Paris"].label == "GPE"
    assert found["Syrian"].label == "NORP"
    assert found["Varnian"].label == "NORP"
    assert found["Varnians"].label == "NORP"


def test_weapons() -> None:
    found = entities(STORY)
    for name in ("multiple rocket launchers", "KN-25", "Iskander-type missiles"):
        assert found[name].label == "WEAPON"
    more = entities("The army showed S-400 systems, F-35 jets and HIMARS near the border.")
    assert more["S-400 systems"].label == "WEAPON"
    assert more["F-35 jets"].label == "WEAPON"
    assert more["HIMARS"].label == "WEAPON"


def test_generic_weapon_words_are_not_weapons() -> None:
    found = entities(
        "Rebels fired missiles and drones at the base. The army moved ballistic missiles, howitzers "
        "and attack drones, and Patriot missiles guarded the airport."
    )
    assert "missiles" not in found and "drones" not in found
    for name in ("ballistic missiles", "howitzers", "attack drones", "Patriot missiles"):
        assert found[name].label == "WEAPON"


def test_people_found_from_evidence_without_a_title() -> None:
    found = entities("Karl Vogt said the talks had failed. Karsk Dynamics shares rose. Later, Vogt met Jane Brask.")
    assert found["Karl Vogt"].label == "PERSON"
    assert found["Vogt"].label == "PERSON"
    assert found["Jane Brask"].label == "PERSON"  # a known given name
    assert "Karsk Dynamics" not in found  # no word says what it is: left unlabelled, not a person


def test_title_after_an_organisation_name() -> None:
    found = entities("Bank of England Governor Jane Doe spoke, and the Halvik Steel Company replied.")
    assert found["Jane Doe"].label == "PERSON" and found["Jane Doe"].title == "Bank of England Governor"
    assert found["Halvik Steel Company"].label == "ORG"


def test_place_names_leading_a_name_make_an_organisation() -> None:
    found = entities("Fans of Manchester United cheered as France Telecom shares fell.")
    assert found["Manchester United"].label == "ORG"
    assert found["France Telecom"].label == "ORG"


def test_nationality_suffix_needs_a_noun_or_plural() -> None:
    found = entities("Politicians praised Varnian troops, and Osterlandians protested.")
    assert found["Varnian"].label == "NORP"
    assert found["Osterlandians"].label == "NORP"
    assert "Politicians" not in found


def test_recogniser_can_be_replaced() -> None:
    class Fixed:
        def recognise(self, doc: Document, places: Sequence[Place]) -> list[Entity]:
            return [Entity(0, 5, doc.text[:5], "ORG")]

    previous = use_recogniser(Fixed())
    try:
        found = extract_entities(Article.create("Acme makes anvils.", source="test"), [])
        assert [(e.text, e.label) for e in found] == [("Acme ", "ORG")]
    finally:
        use_recogniser(previous)
    assert isinstance(current_recogniser(), RuleRecogniser)


def test_sentence_start_words_are_not_people() -> None:
    found = entities("However, the talks failed. Officials said Monday was quiet.")
    assert not [e for e in found.values() if e.label == "PERSON"]


def test_empty_text() -> None:
    assert extract_entities(Article(id="x", text=""), []) == []


NEWSY = st.sampled_from(
    [
        "President ", "Aurel Maszek ", "the Joint Defence Staff ", "(VCNA) ", "KN-25 ", "Varnian ",
        "Dr. ", "state media ", ", an analyst at the Institute, ", "DOLMEK, Nov 4 - ", "\n", "’s ",
        "Iskander-type missiles ", "U.S. ", "said ", ". ",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(NEWSY, max_size=20).map("".join)))
def test_spans_always_valid(text: str) -> None:
    for entity in entities_of(Article(id="x", text=text)):
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
        assert entity.label in LABELS


def test_a_newspaper_named_by_what_the_text_calls_it() -> None:
    found = entities(
        "The party newspaper Rodong Sinmun printed the speech. Minju Choson, the cabinet's daily, called it historic."
    )
    assert found["Rodong Sinmun"].label == "MEDIA"
    assert found["Minju Choson"].label == "MEDIA"
