"""Claims: asserter, stance, modality and contents, on invented news about Varnia and Osterland."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.extract.claims.extractor import Claim, extract_claims
from crosswire.extract.claims.stance import lemma, read_clause
from crosswire.extract.quotes.resolution import _FRAME_BEFORE, _frame_before
from crosswire.extract.stage import findings
from crosswire.ingest import iter_articles
from crosswire.model import Article
from crosswire.text.lemmas import event_of_noun, family, singular

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "crosswire" / "sample"


def claims_in(article: Article) -> list[Claim]:
    """The claims of ``article``, after the extractors whose findings they read (as the stage runs them)."""
    return list(findings(article, ["claims"])["claims"])


def claims_of(text: str, outlet: str | None = "Harbour Times") -> list[Claim]:
    return claims_in(Article.create(text, source="test", outlet=outlet))


def find(claims: list[Claim], words: str) -> Claim:
    """The claim whose text contains ``words``."""
    hits = [c for c in claims if words in c.text]
    assert hits, f"no claim contains {words!r}: {[c.text for c in claims]}"
    return hits[0]


# --- asserters --------------------------------------------------------------------------------


def test_outlet_voice_is_asserted_by_the_outlet():
    claims = claims_of("Varnian troops crossed the river near Tavlin on Friday.")
    claim = find(claims, "crossed the river")
    assert (claim.asserter, claim.asserter_kind, claim.stance) == ("Harbour Times", "outlet", "asserted")
    assert claim.asserter_start is None and claim.asserter_end is None
    assert claim.modality == "done"
    assert claim.event == "cross"


def test_unknown_outlet_is_called_outlet():
    claim = find(claims_of("Varnian troops crossed the river on Friday.", outlet=None), "crossed")
    assert claim.asserter == "outlet"
    assert claim.asserter_kind == "outlet"


def test_named_speaker_reported():
    text = (
        "Colonel Ilse Brandt, spokesperson for the Joint Defence Staff, said that Varnia had moved "
        "120 launchers to the border."
    )
    claim = find(claims_of(text), "had moved 120 launchers")
    assert claim.asserter == "Ilse Brandt"
    assert claim.asserter_kind == "speaker"
    assert text[claim.asserter_start : claim.asserter_end] == "Ilse Brandt"
    assert (claim.stance, claim.modality, claim.event, claim.thing) == (
        "reported",
        "done",
        "move",
        "launcher",
    )
    assert claim.key == "deploy|launcher"
    assert "Ilse Brandt" not in claim.text  # "X said Y happened" is kept apart from "Y happened"


def test_unnamed_source():
    text = (
        "Varnia moved some 300 tanks toward the frontier on Sunday night, a senior Osterland "
        "military official said on Monday."
    )
    claim = find(claims_of(text), "moved some 300 tanks")
    assert claim.asserter == "a senior Osterland military official"
    assert claim.asserter_kind == "unnamed"
    assert claim.stance == "reported"
    assert claim.thing == "tank"
    assert [q["value"] for q in claim.quantities] == [300]
    assert "said" not in claim.text


def test_state_media_with_acronym_is_named_in_full():
    text = (
        "The Varnian Central News Agency (VCNA) said the army had tested a new rocket on Friday. "
        "VCNA said the rocket flew 90 kilometres."
    )
    claims = claims_of(text)
    first = find(claims, "had tested a new rocket")
    assert first.asserter == "Varnian Central News Agency"
    assert first.asserter_kind == "state_media"
    second = find(claims, "flew 90 kilometres")
    assert second.asserter == "Varnian Central News Agency"
    assert second.event == "fly"


def test_other_newspaper_is_a_medium():
    text = "The Dolmek Herald reported that the garrison at Karsk had been doubled."
    claim = find(claims_of(text), "had been doubled")
    assert claim.asserter_kind == "state_media"
    assert "Dolmek Herald" in claim.asserter


def test_according_to_a_source():
    text = "Four soldiers were wounded in the blast, according to the Osterland defence ministry."
    claim = find(claims_of(text), "were wounded")
    assert claim.stance == "reported"
    assert "ministry" in claim.asserter
    assert claim.asserter_kind == "unnamed"


def test_direct_quote_speaker():
    text = '"We fired three warning shots," said Erik Valdar, head of the border guard.'
    claim = find(claims_of(text), "fired three warning shots")
    assert claim.asserter == "Erik Valdar"
    assert (claim.stance, claim.modality) == ("reported", "done")


def test_boilerplate_is_not_a_claim():
    text = "Varnia closed the border crossing on Friday.\n\n(Reporting by Anna Berg; Editing by Tom Hale)"
    claims = claims_of(text)
    assert [c.text for c in claims] == ["Varnia closed the border crossing on Friday"]


def test_attribution_alone_is_not_a_claim():
    claims = claims_of("Varnia closed the border crossing, a spokesman for the interior ministry said.")
    assert len(claims) == 1
    assert claims[0].text == "Varnia closed the border crossing"


# --- stances ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "stance", "cue"),
    [
        ("Varnia has reportedly moved fuel tankers into the valley.", "fuel tankers", "hedged", "reportedly"),
        ("The convoy allegedly carried artillery shells.", "convoy", "hedged", "allegedly"),
        ("The missile appears to have flown 300 kilometres.", "missile", "hedged", "appears to"),
        ("The drone may have crashed near Tavlin.", "drone", "hedged", "may have"),
        ("The launchers are believed to be of an older type.", "launchers", "hedged", "are believed to"),
        ("The figure could not be independently verified.", "figure", "hedged", "could not be"),
        (
            "It remains unclear whether the troops will stay in the valley.",
            "troops",
            "hedged",
            "remains unclear",
        ),
        ("Such a large salvo is unlikely, analysts say.", "salvo", "doubted", "unlikely"),
        ("A launch of that size would be improbable.", "launch", "doubted", "improbable"),
        ("The ministry doubted that 500 rockets had been fired.", "500 rockets", "doubted", "doubted"),
        ("Dolmek denied that its guns had fired first.", "guns had fired first", "denied", "denied"),
        (
            "VCNA rejected reports that troops had crossed the river.",
            "troops had crossed",
            "denied",
            "rejected",
        ),
        ("Officials said the report was false.", "report was false", "denied", "false"),
    ],
)
def test_stances(text: str, words: str, stance: str, cue: str):
    claim = find(claims_of(text), words)
    assert claim.stance == stance
    assert claim.cue is not None and cue in claim.cue.lower()


def test_denial_by_negation_of_a_source():
    text = "The agency said that no deployment had been ordered."
    claim = find(claims_of(text), "no deployment")
    assert claim.stance == "denied"


def test_denial_frame_makes_the_subject_the_asserter():
    text = "VCNA on Tuesday dismissed reports that launchers had been moved to the border."
    claim = find(claims_of(text), "launchers had been moved")
    assert claim.asserter == "VCNA"
    assert claim.asserter_kind == "state_media"
    assert (claim.stance, claim.modality, claim.event) == ("denied", "done", "move")


def test_accusation_frame():
    text = "Osterland accused Varnia of shelling a border post."
    claim = find(claims_of(text), "accused Varnia")
    assert (claim.asserter, claim.stance, claim.modality, claim.event) == (
        "Osterland",
        "reported",
        "done",
        "shell",
    )


# --- modalities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "modality", "event"),
    [
        ("Varnia has moved 250 launchers to the border.", "done", "move"),
        ("Varnia moved 250 launchers to the border.", "done", "move"),
        ("Two battalions were deployed to the valley.", "done", "deploy"),
        ("Varnia is moving launchers to the border.", "ongoing", "move"),
        ("More troops are being deployed to the valley.", "ongoing", "deploy"),
        ("Varnia continues to reinforce the border posts.", "ongoing", "reinforce"),
        ("Each launcher carries four missiles.", "ongoing", "carry"),
        ("Varnia will deploy two new battalions next year.", "planned", "deploy"),
        ("Osterland plans to build three radar stations.", "planned", "build"),
        ("The army is set to hold exercises in March.", "planned", "hold"),
        ("Varnia intends to buy 40 new tanks.", "planned", "buy"),
        ("Varnia threatened to deploy 250 launchers on the border.", "threatened", "deploy"),
        ("Varnia vowed to retaliate against any incursion.", "threatened", "retaliate"),
        ("Varnia warned it would close the airspace over the valley.", "threatened", "close"),
        ("We will not hesitate to use our rockets, the president said.", "threatened", "use"),
        ("The launchers could fire 1,000 missiles in one salvo.", "hypothetical", "fire"),
        ("The rockets would be able to reach Halvik within minutes.", "hypothetical", "reach"),
        ("If all 250 are deployed, some 1,000 missiles could be fired at once.", "hypothetical", "fire"),
        ("The missile may be capable of carrying a heavier warhead.", "hypothetical", "carry"),
    ],
)
def test_modalities(text: str, modality: str, event: str):
    claims = claims_of(text)
    assert claims, text
    assert claims[0].modality == modality
    assert claims[0].event == event


def test_lemmas():
    words = "moved fired tested deployed stopped flew struck carries launches travelled test-fired"
    assert [lemma(w) for w in words.split()] == [
        "move",
        "fire",
        "test",
        "deploy",
        "stop",
        "fly",
        "strike",
        "carry",
        "launch",
        "travel",
        "test-fire",
    ]


def test_clause_reading_finds_subject_and_verb():
    text = "Varnian forces shelled three villages"
    reading = read_clause(text, 0, len(text))
    assert reading.event == "shell"
    assert text[reading.subject_start : reading.subject_end] == "Varnian forces"


# --- contents ---------------------------------------------------------------------------------


def test_clauses_carry_their_own_quantities_times_and_places():
    text = (
        "Varnian guns fired 40 shells at Kettering Ridge on Sunday, and at least three Osterland soldiers were wounded."
    )
    article = Article.create(text, source="test", outlet="Radio Halvik", published=None)
    claims = claims_in(article)
    first = find(claims, "fired 40 shells")
    second = find(claims, "soldiers were wounded")
    assert first.end <= second.start
    assert [q["value"] for q in first.quantities] == [40]
    assert [q["value"] for q in second.quantities] == [3]
    assert [t["text"] for t in first.times] == ["Sunday"]
    assert second.thing == "soldier"
    assert second.key == "injure|soldier"


def test_precomputed_lists_are_used():
    text = "Varnia moved 250 launchers to the border."
    article = Article.create(text, source="test")
    claims = extract_claims(article, quotes=[], quantities=[], times=[], places=[], entities=[])
    assert len(claims) == 1
    assert claims[0].quantities == ()
    assert claims[0].thing == "launcher"  # no quantity: the head of the object
    assert claims[0].key == "deploy|launcher"


def test_as_dict_keys():
    claim = claims_of("Varnia moved 250 launchers to the border on Sunday.")[0]
    assert list(claim.as_dict()) == [
        "start",
        "end",
        "text",
        "asserter",
        "asserter_kind",
        "asserter_start",
        "asserter_end",
        "stance",
        "modality",
        "cue",
        "event",
        "subject",
        "thing",
        "key",
        "quantities",
        "times",
        "places",
    ]


# --- opinions, third-party views and negations ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The plan is a provocation.",
        "Varnia must withdraw its troops from the valley.",
        "I think the talks will fail.",
        '"It is lovely to look at," said Tomasz Wren.',
    ],
)
def test_opinions_are_not_claims(text: str):
    assert claims_of(text) == []


def test_a_poll_figure_with_a_doubt_word_is_asserted():
    text = "A snap poll of 1,000 listeners found that 58% thought a war was unlikely this year."
    claim = find(claims_of(text), "58% thought")
    assert (claim.asserter, claim.stance, claim.modality) == ("Harbour Times", "asserted", "hypothetical")


def test_a_negated_intention_is_no_denial():
    text = '"We do not seek a confrontation, but we will not be caught by surprise," said Ilse Brandt.'
    claim = find(claims_of(text), "caught by surprise")
    assert (claim.asserter, claim.stance, claim.modality) == ("Ilse Brandt", "reported", "planned")


def test_a_figure_dismissed_by_a_source_is_denied_with_the_event_before():
    text = "VCNA said the missile flew 1,200 kilometres, a figure that Osterland's military dismissed as exaggerated."
    claims = claims_of(text)
    figure = find(claims, "a figure that")
    assert (figure.asserter, figure.stance, figure.modality) == ("Osterland's military", "denied", "done")
    assert figure.event == "fly"
    assert figure.key == find(claims, "the missile flew").key == "fly|missile"


# --- relative clauses, frames and attributions ------------------------------------------------


def test_relative_clause_is_read_apart_from_the_clause_it_interrupts():
    text = "The ferry, which has carried passengers since 1887, will make its last crossing in May."
    claims = claims_of(text)
    main = find(claims, "will make its last crossing")
    aside = next(c for c in claims if c.text.startswith("has carried"))
    assert (main.modality, main.event, main.subject) == ("planned", "make", "The ferry")
    assert main.text == text[:-1]  # the span stays whole
    assert (aside.modality, aside.event, aside.stance) == ("done", "carry", "asserted")


def test_relative_clause_inside_reported_speech_is_the_outlets_aside():
    text = "The mayor said that the bridge, which cost 412 million crowns, had been opened on time."
    claims = claims_of(text)
    aside = next(c for c in claims if c.text.startswith("cost 412"))
    assert (aside.asserter_kind, aside.stance, aside.event) == ("outlet", "asserted", "cost")
    main = find(claims, "opened on time")
    assert main.asserter == "The mayor"
    assert main.quantities == ()  # the figure belongs to the aside


def test_role_with_an_appositive_name_gives_the_name():
    text = "Osterland's defence minister, Johan Ekwall, said the country would buy two air-defence batteries next year."
    claim = find(claims_of(text), "would buy")
    assert (claim.asserter, claim.asserter_kind, claim.modality) == ("Johan Ekwall", "speaker", "planned")


def test_pronoun_frame_continues_the_source_before():
    text = (
        "The Varnian Central News Agency (VCNA) denied that its guns had fired first. "
        "It said that Osterland gunners had shelled a Varnian post."
    )
    claim = find(claims_of(text), "had shelled")
    assert (claim.asserter, claim.stance, claim.event) == ("Varnian Central News Agency", "reported", "shell")


def test_quoted_as_saying_gives_the_quoted_source():
    text = '"Not a single launcher has left its garrison," VCNA quoted an officer of the General Staff as saying.'
    claim = find(claims_of(text), "Not a single launcher")
    assert (claim.asserter, claim.asserter_kind, claim.stance) == (
        "an officer of the General Staff",
        "unnamed",
        "denied",
    )


def test_nearer_attribution_wins_over_a_trailing_one():
    text = (
        "President Aurel Maszek spoke on Tuesday.\n\nHe said that the government would form two new "
        "battalions, VCNA reported."
    )
    claim = find(claims_of(text), "would form two new battalions")
    assert "Aurel Maszek" in claim.asserter
    assert claim.asserter_kind == "speaker"


def test_unnamed_source_in_a_where_clause():
    text = (
        "The speech landed badly in Port Aster, where shipping agents said that insurance premiums "
        "had risen for the second time this month."
    )
    claim = find(claims_of(text), "premiums had risen")
    assert (claim.asserter, claim.asserter_kind, claim.stance) == ("shipping agents", "unnamed", "reported")


# --- stable keys ------------------------------------------------------------------------------


def test_the_same_event_in_different_words_has_one_key():
    text = (
        "Varnia moved 250 launchers to the border. Some 250 launchers were moved to the border. "
        "The deployment of 250 launchers began on Sunday. Varnia is moving more launchers south. "
        "Varnia has sent rocket launchers to the frontier."
    )
    claims = claims_of(text)
    assert len(claims) == 5
    assert {c.key for c in claims} == {"deploy|launcher"}
    assert [c.event for c in claims] == ["move", "move", "deploy", "move", "send"]


def test_firing_shelling_and_striking_have_one_key_and_other_senses_their_own():
    text = (
        "Osterland's artillery fired 40 shells at the crossing. "
        "Varnian rockets hit the fuel depot at Tavlin on Monday. "
        "Two drones struck the radar station overnight. "
        "Varnia launched three cruise missiles from the coast. "
        "Osterland's troops have attacked the observation post twice. "
        "Grain prices hit a record high in Marlow on Friday. "
        "The storm hit the northern coast of Osterland on Sunday. "
        "Halvik Foods struck a deal with three grain traders last week. "
        "The ministry launched a campaign for safer roads in March. "
        "Farmers' unions have attacked the new tariff on fertiliser."
    )
    claims = claims_of(text)
    fired = ["fired 40", "rockets hit", "drones struck", "launched three", "troops have attacked"]
    assert [find(claims, w).key.split("|")[0] for w in fired] == ["fire"] * 5
    other = ["prices hit", "storm hit", "struck a deal", "launched a campaign", "unions have attacked"]
    assert [find(claims, w).key.split("|")[0] for w in other] == ["hit", "hit", "strike", "launch", "attack"]


def test_leaving_a_garrison_is_moving_and_leaving_someone_with_something_is_not():
    text = (
        "Varnia moved 40 launchers to the border on Sunday. "
        "Not one of the 40 launchers has left its garrison at Tavlin, the ministry said. "
        "The new levy has not left pensioners in Marlow with any savings, the union said. "
        "Thousands of people were left homeless in the floods near Halvik."
    )
    claims = claims_of(text)
    assert find(claims, "has left its garrison").key.split("|")[0] == "deploy"
    assert find(claims, "left pensioners").key.split("|")[0] == "leave"
    assert find(claims, "left homeless").key.split("|")[0] == "leave"


def test_raising_prices_is_not_forming_a_unit():
    text = "Osterland raised two new battalions in the east. Halvik Rail raised fares by 4% on Monday."
    claims = claims_of(text)
    assert find(claims, "battalions").key.split("|")[0] == "form"
    assert find(claims, "fares").key.split("|")[0] == "raise"


def test_a_bare_number_takes_the_thing_it_counted_before():
    text = "Varnia has 250 launchers near the border. All 250 were moved on Sunday."
    claim = find(claims_of(text), "All 250")
    assert claim.thing == "launcher"
    assert claim.key == "deploy|launcher"


def test_key_normal_forms():
    assert [lemma(w) for w in ("moving", "moves", "changed", "graduated", "added", "used")] == [
        "move",
        "move",
        "change",
        "graduate",
        "add",
        "use",
    ]
    assert [singular(w) for w in ("launchers", "batteries", "missiles", "troops", "analysis", "Crises")] == [
        "launcher",
        "battery",
        "missile",
        "troop",
        "analysis",
        "crisis",
    ]
    assert [event_of_noun(w) for w in ("deployment", "withdrawal", "shelling", "border")] == [
        "deploy",
        "withdraw",
        "shell",
        None,
    ]
    assert [family(e) for e in ("shell", "open fire", "test-fire")] == ["fire", "fire", "fire"]
    assert [family(e, "the garrison") for e in ("strike", "leave")] == ["fire", "deploy"]
    # a verb of several senses is in its family only when its clause names that sense
    assert [family(e) for e in ("strike", "leave", "hit", "launch", "raise")] == [
        "strike",
        "leave",
        "hit",
        "launch",
        "raise",
    ]
    assert [family(e) for e in ("move", "send", "test-fire", "wound", "set aside", "vote")] == [
        "deploy",
        "deploy",
        "fire",
        "injure",
        "fund",
        "vote",
    ]


# --- the sample corpus ------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))) - {"the", "a", "an", "s", "of"}


def _same_asserter(got: str, want: str) -> bool:
    g, w = _words(got), _words(want)
    return bool(g & w) and (g <= w or w <= g or len(g & w) >= 2)


def test_sample_corpus_expected_claims():
    expected = yaml.safe_load((SAMPLE / "expected.yaml").read_text(encoding="utf-8"))["articles"]
    articles = {
        a.source.split("corpus/")[-1]: a for a in iter_articles([str(SAMPLE / "corpus")]) if isinstance(a, Article)
    }
    total = found = 0
    misses = []
    for key, spec in expected.items():
        if not spec or "claims" not in spec:
            continue
        article = articles[key]
        claims = claims_in(article)
        for want in spec["claims"]:
            total += 1
            lo = article.text.find(want["text"])
            assert lo >= 0, want["text"]
            hi = lo + len(want["text"])
            if any(
                min(c.end, hi) - max(c.start, lo) >= 0.5 * min(c.end - c.start, hi - lo)
                and c.stance == want["stance"]
                and c.modality == want["modality"]
                and _same_asserter(c.asserter, str(want["asserter"]))
                for c in claims
            ):
                found += 1
            else:
                misses.append((key, want["text"]))
    assert total >= 40
    # every claim the sample lists, found with the right asserter, stance and modality: not yet all
    assert found / total >= 0.75, misses


# --- never crash ------------------------------------------------------------------------------

NEWS_BITS = st.sampled_from(
    [
        "Varnia moved some 250 launchers to the border",
        ", a senior official said",
        " according to VCNA",
        '"We will not hesitate," he said.',
        " It remains unclear whether ",
        " reportedly ",
        " denied that ",
        " could fire ",
        "HALVIK, Nov 4 (CPA) - ",
        "\n\n",
        ". ",
        "“",
        "”",
        " (Reporting by Anna Berg)",
        " if all 250 are deployed, ",
        " which said ",
        ", a claim that state media has dismissed",
        " has accused ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(NEWS_BITS, st.text(max_size=30)), max_size=14))
def test_never_crashes_and_spans_are_valid(parts: list[str]):
    article = Article.create("".join(parts), source="test", outlet="Harbour Times")
    for claim in claims_in(article):
        assert 0 <= claim.start < claim.end <= len(article.text)
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.stance in ("asserted", "reported", "hedged", "doubted", "denied")
        assert claim.modality in ("done", "ongoing", "planned", "threatened", "hypothetical")
        assert claim.asserter_kind in ("speaker", "unnamed", "state_media", "outlet")
        if claim.asserter_start is not None:
            assert 0 <= claim.asserter_start <= claim.asserter_end <= len(article.text)  # type: ignore[operator]


# --- fast paths agree with the full reading ---------------------------------------------------


def test_a_lone_verb_is_read_with_its_particle_and_tense():
    text = "Varnia set up new bases. The army moves north. Officials sent the tanks"
    readings = [read_clause(text, m.start(), m.end()) for m in re.finditer(r"[^.]+", text)]
    assert [(r.event, r.modality, r.patient) for r in readings] == [
        ("set up", "done", "bases"),
        ("move", "ongoing", None),
        ("send", "done", "tanks"),
    ]


FRAME_BITS = st.sampled_from(["He said ", "She says that ", "Ekwall told reporters ", "added ", "that ", "\n", ". "])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(FRAME_BITS, NEWS_BITS, st.text(max_size=12)), max_size=10))
def test_nearer_frame_check_agrees_with_its_pattern(parts: list[str]):
    text = "".join(parts)
    for at in range(len(text) + 1):
        full = _FRAME_BEFORE.search(text, max(0, at - 100), at)
        quick = _frame_before(text, at)
        assert (full and full.span("subject")) == (quick and quick.span("subject"))


def test_a_dateline_at_the_very_end_is_no_clause():
    claims = claims_of("Varnia moved 250 launchers to the border. HALVIK - ")
    assert [c.text for c in claims] == ["Varnia moved 250 launchers to the border"]


def test_a_claim_ends_with_its_sentence_after_a_decimal_figure():
    # the stop after "18.8%" or "£1.2m" ends the sentence (it was taken for an abbreviation's, and
    # the claim ran on into the next paragraph)
    text = (
        "Unemployment in the east rose, and in Varnia the rate is 18.8%.\n\n"
        "With unemployment stuck above four million for years, the government has put jobs first. "
        "Halvik Coal reported that losses deepened to £51.6m from £1.2m. The miner blamed the strikes."
    )
    claims = claims_of(text)
    rate = find(claims, "the rate is 18.8%")
    assert rate.text.endswith("18.8%") and "\n" not in rate.text
    losses = find(claims, "losses deepened")
    assert losses.text.endswith("£1.2m") and "miner" not in losses.text
    assert not [c for c in claims if c.text.startswith(".")]
