"""Stage 2, extract: every extractor over one article, with the evidence span of each item.

One package per extractor, each with the helpers it alone uses; :mod:`crosswire.extract.stage`
runs them in order over one article (or a batch of them in a worker process)::

    quotes/       direct, partial and reported speech with speakers (speakers.py)
    quantities/   values, ranges, bounds, units (units.py), the thing counted (concepts.py)
    times/        TIMEX3 values relative to the publication date (timex, grammar, context, dates, spans)
    places/       place names resolved to the offline gazetteer (gazetteer, context, resolution, geodata)
    entities/     people, organisations, countries, media, weapons (lexicons.py)
    claims/       checkable statements with asserter, stance, modality (clauses, stance, asserters)
    features.py   what story clustering compares
"""

from crosswire.extract.stage import EXTRACTION_VERSION, KINDS, Extraction, ExtractionFailure, extract, extract_many

__all__ = ["EXTRACTION_VERSION", "KINDS", "Extraction", "ExtractionFailure", "extract", "extract_many"]
