"""Fuzzing in the test suite: every reader, from its seed corpus, mutated by Hypothesis.

Nothing may escape a reader but its own problems. The example budget is small in ``make test``
(``CROSSWIRE_FUZZ_EXAMPLES``, default 60 per reader); ``make fuzz`` without atheris raises it.
The inputs that escaped before are kept below as regression tests, one per kind.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.bench.fuzz import READERS, SEEDS, read_bytes

EXAMPLES = int(os.environ.get("CROSSWIRE_FUZZ_EXAMPLES", "60"))


def _seeds(reader: str) -> list[bytes]:
    return [path.read_bytes() for path in sorted((SEEDS / reader).iterdir())]


@st.composite
def _mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few bytes flipped, inserted, deleted, repeated or cut off."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "cut"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(
                st.sampled_from([b"<", b"[", b"{", b'"', b"&#x110000;", b"\x00", b"\xff", b"---\n", b"\r\n"])
            )
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 40))] * draw(st.integers(2, 50))
        else:
            del data[at:]
    return bytes(data)


def test_every_reader_has_seeds() -> None:
    assert sorted(p.name for p in SEEDS.iterdir()) == sorted(READERS)
    assert all(_seeds(reader) for reader in READERS)


@pytest.mark.parametrize("reader", list(READERS))
def test_seeds_read_cleanly(reader: str) -> None:
    for seed in _seeds(reader):
        assert read_bytes(reader, seed) > 0


@pytest.mark.parametrize("reader", list(READERS))
def test_mutated_inputs_never_escape(reader: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(_mutated(_seeds(reader)))
    def read(data: bytes) -> None:
        read_bytes(reader, data)

    read()


@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(st.binary(max_size=2000), st.sampled_from(list(READERS)))
def test_arbitrary_bytes_never_escape(data: bytes, reader: str) -> None:
    read_bytes(reader, data)


# The kinds of escape 20,000 mutated inputs found before (issue 17), one input each.
WARC_WITHOUT_URI = (
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
    b"Content-Length: 10\r\n\r\nHTTP/1.1 2\r\n\r\n\r\n"
)


@pytest.mark.parametrize(
    ("reader", "data"),
    [
        ("warc", WARC_WITHOUT_URI),  # warcio: 'NoneType' object has no attribute 'startswith'
        ("json", b"[" * 100_000 + b"]" * 100_000),  # RecursionError
        ("jsonl", b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n"),  # RecursionError
        ("markdown", b"---\ntitle: " + b"[" * 5_000 + b"\n---\nText of the article.\n"),  # RecursionError
        (
            "rss",
            b'<rss version="2.0"><channel><item><title>t</title>'
            b"<description>a &#x110000; b</description></item></channel></rss>",
        ),
        ("rss", b"<rss><channel><item><image><link>a</image></link></item></channel></rss>"),  # feedparser IndexError
        ("rss", b'<rss version="2.0"><channel><item><title>t</title><description/></item></channel></rss>'),
        ("atom", b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html"/></entry></feed>'),
        ("markdown", b"---\npublished: 2024-11-04 25:00:00\n---\nText of the article.\n"),  # YAML timestamp
        ("markdown", b"---\ndate: 2024-02-30\n---\nText of the article.\n"),  # YAML timestamp
        ("json", b'[{"id": ' + b"9" * 5000 + b', "text": "Text of the article."}]'),  # int() limit
        ("json", b'[{"published": 1e999, "text": "Text of the article."}]'),
        ("json", b'[{"published": 100000000000000000000, "text": "Text of the article."}]'),
        ("warc", b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 100000000000000000000\r\n\r\nx"),
        ("gz", gzip.compress(b"\x00" * 2_000_000)),
    ],
)
def test_inputs_that_escaped_before_are_problems_now(reader: str, data: bytes) -> None:
    read_bytes(reader, data)


def test_the_fuzz_command_writes_escapes_to_its_folder(tmp_path: Path) -> None:
    from crosswire.bench.fuzz import _Tally

    tally = _Tally("json", tmp_path / "crashes")
    tally.run(b"[]")
    try:
        raise ValueError("made up")
    except ValueError as exc:
        tally.escape(b"boom", exc)
    assert tally.summary()["inputs"] == 1 and tally.summary()["escapes"] == 1
    assert sorted(p.suffix for p in (tmp_path / "crashes").iterdir()) == [".bin", ".txt"]
