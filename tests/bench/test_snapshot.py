"""The extraction snapshot: written, compared identical, and a changed finding reported."""

from __future__ import annotations

import json
from pathlib import Path

from crosswire.bench import snapshot


def test_snapshot_compares_identical_then_reports_a_change(tmp_path: Path) -> None:
    data = tmp_path / "no-data"  # only the built-in sample corpus
    saved = tmp_path / "snap.jsonl"
    count = snapshot.write(saved, data)
    assert count >= 20
    assert snapshot.compare(saved, data) == []
    lines = saved.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["quotes"] = [*record["quotes"], {"text": "invented"}]
    lines[0] = json.dumps(record, sort_keys=True)
    saved.write_text("\n".join(lines) + "\n", encoding="utf-8")
    differences = snapshot.compare(saved, data)
    assert differences[0].startswith("quotes: 1 of ")
    assert record["source"].split("/src/crosswire/")[1] in differences[0]
    assert snapshot.main(["compare", str(saved), "--data", str(data)]) == 1


def test_a_snapshot_written_in_another_checkout_compares_identical(tmp_path: Path) -> None:
    data = tmp_path / "no-data"
    saved = tmp_path / "snap.jsonl"
    snapshot.write(saved, data)
    text = saved.read_text(encoding="utf-8")
    here = json.loads(text.splitlines()[0])["source"].split("/src/crosswire/")[0]
    saved.write_text(text.replace(here, "/elsewhere/checkout"), encoding="utf-8")
    assert "/elsewhere/checkout" in saved.read_text(encoding="utf-8")
    assert snapshot.compare(saved, data) == []
