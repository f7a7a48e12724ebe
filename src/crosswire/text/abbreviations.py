"""The one list of abbreviations: words written with a full stop that does not end a sentence.

Each abbreviation is listed once, case-folded and without its final stop, in the group that says
how news uses it. Two readers take the groups they need:

- the sentence splitter (:mod:`crosswire.text.sentences`): a stop after any of these but a state
  or province does not end a sentence (:data:`NOT_SENTENCE_END`). Titles, months, references and
  dotted acronyms are followed by a name, a number or a modifier; a state's abbreviation ends its
  clause as often as not ("... in Fresno, Calif. The fire ...");
- capitalised runs (:mod:`crosswire.text.capitalised`): a capitalised word in
  :data:`KEEPS_DOT_IN_NAMES` keeps its stop inside a run of names ("Sen. Anna Berg", "Fresno,
  Calif.", "Acme Corp. Ltd"); months and references end a run ("Nov. 4", "Art. 5").

Hand-written: the abbreviations news writes are a short closed list, and general sentence
splitters disagree on them.
"""

from __future__ import annotations

from crosswire.text.words import word_set

__all__ = ["GROUPS", "KEEPS_DOT_IN_NAMES", "NOT_SENTENCE_END"]

GROUPS: dict[str, frozenset[str]] = {
    # titles before a name that the entity recogniser knows with their stop ("Sen. Anna Berg")
    "title": word_set("mr mrs ms dr prof gen lt col maj capt adm sgt gov sen rep rev"),
    # other titles and ranks: a stop after them ends no sentence, but they stay out of name runs
    # (the entity recogniser's title list does not hold them)
    "rank": word_set("cpt cmdr cdr cpl pvt brig fr hon pres supt insp det amb messrs mme mlle"),
    # parts of names: "Jr.", "St. Ives", "Mt. Etna", "Ft. Worth"
    "name part": word_set("jr sr st mt ft"),
    # companies and bodies: "Acme Corp.", "Warner Bros."
    "company": word_set("inc corp co ltd bros assn const"),
    # streets: "Fifth Ave."
    "street": word_set("ave blvd rd"),
    "month": word_set("jan feb mar apr jun jul aug sep sept oct nov dec"),
    # references and Latin: "No. 3", "p. 12", "et al.", "vs."
    "reference": word_set("no nos vol pp p fig art sec ch para approx est dept univ vs v etc cf al"),
    # acronyms written with stops (a dotted acronym not listed is recognised by its shape)
    "dotted": word_set("u.s u.k u.n e.u u.s.a d.c p.m a.m i.e e.g ph.d n.y l.a"),
    # states and provinces of the United States, Canada and Australia, as AP style writes them
    "state": word_set(
        """calif ariz colo conn fla ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa
        tenn tex va vt wash wis wyo ala ark del ga alta man sask ont que nfld tas"""
    ),
}

NOT_SENTENCE_END: frozenset[str] = frozenset().union(*(words for group, words in GROUPS.items() if group != "state"))
"""Abbreviations (case-folded, without the stop) after which a full stop does not end a sentence."""

KEEPS_DOT_IN_NAMES: frozenset[str] = frozenset().union(
    *(GROUPS[group] for group in ("title", "name part", "company", "street", "state")), {"no"}
)
"""Abbreviations (case-folded) that keep their stop inside a run of capitalised names ("No. 10" too)."""
