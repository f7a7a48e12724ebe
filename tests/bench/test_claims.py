"""The judged claim pairs: the shipped file, its loader's errors, and the scores on invented articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.bench.claims import JUDGMENTS, PAIRS_FILE, load_pairs, score
from crosswire.errors import DatasetError

HEADER = "group\ta_article\ta_start\ta_end\tb_article\tb_start\tb_end\tjudgment\n"


def test_the_shipped_pairs_are_many_varied_and_hold_no_text() -> None:
    pairs = load_pairs(PAIRS_FILE)
    assert len(pairs) >= 300
    assert len({p.key for p in pairs}) == len(pairs), "a pair is judged twice"
    assert {p.judgment for p in pairs} <= set(JUDGMENTS)
    corpora = {end[0].split(":")[0] for p in pairs for end in (p.a, p.b)}
    assert corpora == {"bbc", "reuters"}
    for pair in pairs:
        assert pair.a != pair.b
        assert all(0 <= start < end for _, start, end in (pair.a, pair.b))
    # only ids, offsets and judgments: no line is longer than those need
    assert max(len(line) for line in PAIRS_FILE.read_text(encoding="utf-8").splitlines() if line[:1] == "g") < 90


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("g1\tbbc:x\t0\t5\tbbc:y\t0\t5\n", "expected 8 tab-separated columns, got 7"),
        ("g1\tbbc:x\t0\t5\tbbc:y\t0\t5\tsame\n", "judgment 'same' is not one of"),
        ("g1\tafp:x\t0\t5\tbbc:y\t0\t5\tagree\n", "article 'afp:x' is not bbc:ID or reuters:NEWID"),
        ("g1\tbbc:x\t0\tfive\tbbc:y\t0\t5\tagree\n", "offsets must be whole numbers"),
    ],
)
def test_a_bad_line_is_named_with_its_file_and_number(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text("# comment\n" + HEADER + line, encoding="utf-8")
    with pytest.raises(DatasetError, match=f"pairs.tsv:3: {message}"):
        load_pairs(path)


@given(st.lists(st.text(alphabet="gbcreuts:0123456789\t-ax ", max_size=60), max_size=6))
def test_the_loader_reads_or_refuses_any_lines(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("pairs") / "pairs.tsv"
    path.write_text(HEADER + "\n".join(lines), encoding="utf-8")
    try:
        pairs = load_pairs(path)
    except DatasetError as exc:
        assert str(exc).startswith(str(path))
    else:
        assert all(p.judgment in JUDGMENTS for p in pairs)


FERRY_1 = (
    "A ferry caught fire off Port Anselm on Tuesday. The coastguard said 40 passengers were rescued "
    "from the water by fishing boats. The cause of the fire is not yet known."
)
FERRY_2 = (
    "Fishing boats rescued 40 passengers from the sea after the Port Anselm ferry fire, the harbour "
    "master said. The ferry company said its vessel had passed an inspection in May."
)


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def test_scores_count_links_against_the_judgments(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [{"id": "f/1", "title": "Ferry fire", "text": FERRY_1}, {"id": "f/2", "title": "Fire", "text": FERRY_2}]
    (corpus / "bbc.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    rescued = _span(FERRY_1, "The coastguard said 40 passengers were rescued from the water by fishing boats")
    pulled = _span(FERRY_2, "Fishing boats rescued 40 passengers from the sea after the Port Anselm ferry fire")
    cause = _span(FERRY_1, "The cause of the fire is not yet known")
    inspection = _span(FERRY_2, "its vessel had passed an inspection in May")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        HEADER
        + f"g1\tbbc:f/1\t{rescued[0]}\t{rescued[1]}\tbbc:f/2\t{pulled[0]}\t{pulled[1]}\tagree\n"
        + f"g1\tbbc:f/1\t{cause[0]}\t{cause[1]}\tbbc:f/2\t{inspection[0]}\t{inspection[1]}\tunrelated\n"
        + "g2\treuters:9\t0\t10\tbbc:f/2\t0\t10\tagree\n",
        encoding="utf-8",
    )
    figures = score(tmp_path, pairs_file=pairs)
    assert figures["pairs"] == 3 and figures["pairs_read"] == 2  # the Reuters article is absent
    assert figures["judged"] == {"agree": 1, "unrelated": 1}
    agrees = figures["corpus"]["agrees"]
    assert (agrees["gold"], agrees["linked"], agrees["right"]) == (1, 1, 1)
    assert figures["corpus"]["conflicts"]["linked"] == 0
    assert figures["realnews"]["judged_pairs"] > 600
    assert figures["combined"]["agrees"]["gold"] == figures["realnews"]["agrees"]["gold"] + 1


def test_bench_command_without_the_corpus_scores_realnews_alone(cli, tmp_path: Path) -> None:
    result = cli("bench", "claims", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"BBC + Reuters: skipped: no corpus articles at {tmp_path}" in result.stdout
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["task"] == "claims" and figures["corpus"] is None
    assert figures["realnews"]["judged_pairs"] > 600
