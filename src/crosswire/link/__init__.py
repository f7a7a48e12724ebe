"""Stage 3, link: relate articles to each other, incrementally (see :mod:`crosswire.link.stage`).

One package per linker, each with the helpers it alone uses, and the source assessment::

    copies/     duplicate, near_duplicate, shared_passage (shingles, passages)
    stories/    articles grouped into stories, and their labels
    quotes/     same_quote, quote_variant (paraphrase, lexicon, speakers)
    claims/     agrees, conflicts, disputes, derives (keys, intervals)
    assess.py   each claim's supporting and disputing sources, independent count, status
    stage.py    the stage: new articles against the linkers' saved state, in one transaction
"""

from crosswire.link.stage import LINK_VERSION, LinkOptions, LinkSummary, carried_speakers, link_stage

__all__ = ["LINK_VERSION", "LinkOptions", "LinkSummary", "carried_speakers", "link_stage"]
