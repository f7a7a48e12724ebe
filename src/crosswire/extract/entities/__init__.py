"""Entities: people, organisations, countries, media and weapons, by rules over word ``lexicons``."""

from crosswire.extract.entities.extractor import Entity, extract_entities

__all__ = ["Entity", "extract_entities"]
