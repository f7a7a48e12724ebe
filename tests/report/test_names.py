"""Names of the report: speaker keys."""

from __future__ import annotations

from crosswire.report.names import speaker_key


def test_speaker_keys_use_the_one_fold() -> None:
    assert speaker_key("Zoë O’Brien") == speaker_key("zoe o'brien") == "zoe-o-brien"
    assert speaker_key("The Harbour Times") == "the-harbour-times"  # a speaker's "the" is kept
    assert speaker_key("Paweł Nowak") == "pawel-nowak"
    assert speaker_key("Москва") == "москва"
    assert speaker_key(" -- ") == "unknown"
