"""Stories: articles grouped by incremental average linkage over their features, and ``labels``."""

from crosswire.link.stories.linker import StoryClusterer, StoryOptions

__all__ = ["StoryClusterer", "StoryOptions"]
