"""The optional compiled build: the build backend's switch, build detection, and the benchmarks that
compare builds (run here on small corpora of our own; nothing is timed or asserted about speed)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import stat
import sys
from pathlib import Path
from types import ModuleType

import pytest

from crosswire.bench import builds, speed
from crosswire.buildinfo import build_name, compiled_modules
from crosswire.errors import DatasetError

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = [
    {
        "title": "Varnia moves launchers to the border",
        "text": "DOLMEK - Varnia moved some 250 missile launchers to its border with Osterland on Sunday, "
        'officials said. "We are ready," the defence minister, Arkady Velt, told reporters.',
    },
    {
        "title": "Osterland doubts the count",
        "text": "Osterland's foreign ministry said on Monday that fewer than 100 launchers had moved. "
        "Analysts at the Halvik Institute put the figure at about 120.",
    },
    {"title": "Harvest festival", "text": "The harvest festival in Halvik drew 12,000 visitors over three days."},
]


def _backend() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crosswire_build", ROOT / "build_backend" / "crosswire_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def _asking_hook(seen: list[str | None]):
    def hook(config_settings: object = None) -> list[str]:
        # setuptools runs setup.py here to learn the requirements; mypyc must not be called then
        seen.append(os.environ.get("CROSSWIRE_BUILD_ASKING"))
        return ["wheel"]

    return hook


def test_plain_build_needs_no_mypy_and_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = _backend()
    monkeypatch.delenv("CROSSWIRE_COMPILE", raising=False)
    seen: list[str | None] = []
    monkeypatch.setattr(backend._setuptools, "get_requires_for_build_wheel", _asking_hook(seen))
    assert not backend.compile_wanted()
    assert backend.get_requires_for_build_wheel() == ["wheel"]
    assert backend.extensions(["src/crosswire/quotes.py"]) == []


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_compiled_build_asks_for_mypy_before_it_has_it(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    backend = _backend()
    monkeypatch.setenv("CROSSWIRE_COMPILE", value)
    seen: list[str | None] = []
    monkeypatch.setattr(backend._setuptools, "get_requires_for_build_wheel", _asking_hook(seen))
    monkeypatch.setattr(backend._setuptools, "get_requires_for_build_editable", _asking_hook(seen))
    assert backend.get_requires_for_build_wheel() == ["wheel", backend.MYPY_REQUIREMENT]
    assert backend.get_requires_for_build_editable() == ["wheel", backend.MYPY_REQUIREMENT]
    assert seen == ["1", "1"]  # setup.py saw the question, so it made no extensions
    assert "CROSSWIRE_BUILD_ASKING" not in os.environ  # and the build proper will compile
    monkeypatch.setenv("CROSSWIRE_BUILD_ASKING", "1")
    assert backend.extensions(["src/crosswire/quotes.py"]) == []


def test_build_detection(tmp_path: Path) -> None:
    assert compiled_modules() == []  # the tests run the editable, pure-Python install
    assert build_name() == "pure Python"
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in ("quotes", "times"):
        (tmp_path / f"{name}{suffix}").write_bytes(b"")
    (tmp_path / "model.py").write_text("")
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / f"document{suffix}").write_bytes(b"")
    assert compiled_modules(tmp_path) == ["quotes", "text.document", "times"]


def test_speed_benchmark_names_its_build_and_digests_the_output(corpus: Path, tmp_path: Path) -> None:
    figures = speed.score(corpus, limit=3, workers=1)
    assert figures["build"] == "pure Python" and figures["articles"] == 3
    assert re.fullmatch(r"[0-9a-f]{64}", figures["output_digest"])
    articles = speed.load_corpus(corpus)
    assert speed.output_digest(articles) == figures["output_digest"]
    assert speed.output_digest(articles[:2]) != figures["output_digest"]
    assert set(figures["stages"]) >= {"quotes", "quantities", "times", "places", "entities", "claims"}
    text = speed.render(figures)
    assert "pure Python build" in text and figures["output_digest"] in text


def test_compare_builds_with_itself_is_identical(corpus: Path) -> None:
    figures = builds.compare(sys.executable, corpus, limit=3, rounds=1)
    assert figures["identical"] is True
    assert figures["this"]["output_digest"] == figures["other"]["output_digest"]
    assert figures["this"]["articles"] == 3 and figures["ratio"] > 0
    assert "extraction output: identical" in builds.render(figures)


def test_compare_builds_reports_different_output(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    other = tmp_path / "other-python"
    record = {
        "build": "compiled, 26 modules",
        "python": str(other),
        "articles": 3,
        "articles_per_second": 900.0,
        "microseconds_per_article": 1111,
        "output_digest": "0" * 64,
    }
    other.write_text(f"#!/bin/sh\necho '{json.dumps(record)}'\n")
    other.chmod(other.stat().st_mode | stat.S_IXUSR)
    assert builds.main([str(other), str(corpus), "--limit", "3", "--rounds", "1"]) == 1
    printed = capsys.readouterr().out
    assert "extraction output: DIFFERENT" in printed and "compiled, 26 modules" in printed


def test_compare_builds_errors_name_the_culprit(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such corpus"):
        builds.compare(sys.executable, tmp_path / "absent.jsonl")
    with pytest.raises(DatasetError, match="nowhere/python: cannot run"):
        builds.compare("/nowhere/python", corpus, limit=3, rounds=1)
    broken = tmp_path / "broken-python"
    broken.write_text("#!/bin/sh\necho 'no module named crosswire' >&2\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(DatasetError, match="broken-python: the measurement failed: no module named crosswire"):
        builds.compare(str(broken), corpus, limit=3, rounds=1)


def test_speed_reads_a_folder_of_text_articles(tmp_path: Path) -> None:
    folder = tmp_path / "text"
    folder.mkdir()
    (folder / "b.txt").write_text("Officials in Halvik said on Monday that 250 launchers moved.", encoding="utf-8")
    (folder / "a.txt").write_text('"We are ready," Karl Vogt said on Sunday.', encoding="utf-8")
    (folder / "empty.txt").write_text("   ", encoding="utf-8")
    articles = speed.load_corpus(folder)
    assert [a.source for a in articles] == ["a.txt", "b.txt"]
    assert [a.source for a in speed.load_corpus(folder, limit=1)] == ["a.txt"]
    (tmp_path / "none").mkdir()
    with pytest.raises(DatasetError, match=r"no \.jsonl corpus and no \.txt articles"):
        speed.load_corpus(tmp_path / "none")
