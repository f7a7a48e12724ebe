"""Places: names found (``context``) and resolved (``resolution``) against the offline ``gazetteer``."""

from crosswire.extract.places.extractor import Place, extract_places

__all__ = ["Place", "extract_places"]
