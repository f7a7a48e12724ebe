"""The desk's commands as a user runs them: users and their tokens, corrections and their trail, the register."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from crosswire.desk.users import authenticate
from crosswire.ledger import open_ledger
from crosswire.sample import CORPUS_DIR


def test_users_get_a_token_once_and_only_its_hash_is_kept(cli, tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    added = cli("users", "add", "Ana Ruiz", "--role", "analyst", "--db", db)
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert token.startswith("cw_") and "shown once" in added.stderr
    raw = sqlite3.connect(db).execute("SELECT data FROM users").fetchone()[0]
    assert token not in raw and token.split("_")[-1] not in raw and "scrypt$" in raw
    with open_ledger(db) as ledger:
        user = authenticate(ledger, token)
        assert user is not None and user.role == "analyst"
        assert authenticate(ledger, token[:-2] + "xx") is None
    listed = cli("users", "list", "--json", "--db", db)
    assert "token" not in listed.stdout and "scrypt" not in listed.stdout
    assert json.loads(listed.stdout)["role"] == "analyst"
    assert cli("users", "role", "ana ruiz", "admin", "--db", db).stdout.strip() == "Ana Ruiz is now admin"
    renewed = cli("users", "token", "Ana Ruiz", "--db", db).stdout.strip()
    with open_ledger(db) as ledger:
        assert authenticate(ledger, token) is None and authenticate(ledger, renewed) is not None
    again = cli("users", "add", "ana ruiz", "--db", db)
    assert again.returncode == 1 and "there is a user 'ana ruiz' already" in again.stderr
    bad = cli("users", "add", "Ben", "--role", "owner", "--db", db)
    assert bad.returncode == 1 and "role: 'owner' is not one of: reader, analyst, admin" in bad.stderr
    assert cli("users", "remove", "Ana Ruiz", "--db", db).returncode == 0
    assert cli("users", "remove", "Ana Ruiz", "--db", db).returncode == 1


def test_a_correction_from_the_command_line_with_its_trail_and_undo(cli, linked_copy: str) -> None:
    db = linked_copy
    with open_ledger(db) as ledger:
        frontier = next(a for a in ledger.iter_articles() if a.outlet == "Frontier Review")
    listed = cli("correct", "findings", frontier.id[:8], "--kind", "quotes", "--db", db)
    line = next(x for x in listed.stdout.splitlines() if "some 250 launchers had been moved" in x)
    span = line.split()[1]
    made = cli("correct", "speaker", frontier.id, span, "--name", "Colonel Ilse Brandt", "--why", "full title",
               "--db", db, "--json")  # fmt: skip
    assert made.returncode == 0, made.stderr
    record = json.loads(made.stdout)
    assert (record["by"], record["kind"], record["value"]["name"]) == ("local", "speaker", "Colonel Ilse Brandt")
    assert "corrected: #1 speaker by local" in cli("correct", "findings", frontier.id, "--db", db).stdout
    cli("users", "add", "Ben Okoye", "--role", "reader", "--db", db)
    refused = cli("correct", "undo", "1", "--why", "no", "--by", "Ben Okoye", "--db", db)
    assert refused.returncode == 1 and "Ben Okoye is a reader; this needs the analyst role" in refused.stderr
    nobody = cli("correct", "undo", "1", "--why", "no", "--db", db)
    assert nobody.returncode == 1 and "say who you are with --by NAME" in nobody.stderr
    cli("users", "role", "Ben Okoye", "analyst", "--db", db)
    undone = cli("correct", "undo", "1", "--why", "the title was right before", "--db", db,
                 env={"CROSSWIRE_USER": "Ben Okoye"})  # fmt: skip
    assert undone.returncode == 0, undone.stderr
    trail = cli("correct", "list", "--article", frontier.id, "--db", db).stdout
    assert "[undone by Ben Okoye" in trail and '"name": "Ilse Brandt"' in trail
    wrong = cli("correct", "figure", frontier.id, "12", "--value", "3", "--why", "w", "--db", db, "--by", "Ben Okoye")
    assert wrong.returncode == 2 and "SPAN '12': expected START-END" in wrong.stderr


def test_the_register_is_imported_exported_and_edited(cli, linked_copy: str, tmp_path: Path) -> None:
    db = linked_copy
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "name,kind,owner,domains\nRadio Halvik,broadcaster,Vesse Media Group,radiohalvik.example\n"
        "Northgate Post,newspaper,Vesse Media Group,\n",
        encoding="utf-8",
    )
    imported = cli("outlets", "import", str(csv_file), "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert "imported 2 outlet(s) (2 new, 0 replaced); claims assessed again in" in imported.stdout
    with open_ledger(db) as ledger:
        notes = [n for a in ledger.iter_assessments() for n in a["notes"]]
    assert "Northgate Post and Radio Halvik: one owner, Vesse Media Group" in notes
    exported = cli("outlets", "export", "--db", db).stdout
    assert exported.startswith("name,aliases,domains,country,kind,owner,affiliation,notes\n")
    assert "Radio Halvik,,radiohalvik.example,,broadcaster,Vesse Media Group,none," in exported
    added = cli("outlets", "add", "Meridian Daily", "--kind", "newspaper", "--domain", "https://meridiandaily.example/",
                "--db", db)  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Meridian Daily" in cli("outlets", "list", "--kind", "newspaper", "--db", db).stdout
    broken = tmp_path / "broken.csv"
    broken.write_text("name,kind\nX,tabloid\n", encoding="utf-8")
    refused = cli("outlets", "import", str(broken), "--db", db)
    assert refused.returncode == 1 and f"{broken}:2: kind 'tabloid' is not one of" in refused.stderr
    assert cli("outlets", "remove", "Nobody", "--db", db).returncode == 1


def test_a_speaker_fix_and_a_split_survive_a_run_again_and_show_in_the_export(
    cli, linked_copy: str, tmp_path: Path
) -> None:
    db = linked_copy
    with open_ledger(db) as ledger:
        frontier = next(a for a in ledger.iter_articles() if a.outlet == "Frontier Review")
        story = ledger.story_of(frontier.id)
        assert story is not None
        members = [a["id"] for a in (ledger.get_story(story) or {})["articles"]]
    assert len(members) > 1
    listed = cli("correct", "findings", frontier.id, "--kind", "quotes", "--db", db).stdout
    span = next(x for x in listed.splitlines() if "some 250 launchers had been moved" in x).split()[1]
    fixed = cli("correct", "speaker", frontier.id, span, "--name", "Colonel Ilse Brandt", "--why", "full title",
                "--by", "Ana Ruiz", "--db", db)  # fmt: skip
    assert fixed.returncode == 0, fixed.stderr
    split = cli("correct", "split", story, frontier.id, "--why", "a later event", "--by", "Ana Ruiz", "--db", db)
    assert split.returncode == 0, split.stderr
    # crosswire run again over the corpus and one new article
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "note.txt").write_text(
        "Border crossing reopens\n\nA border crossing in the north reopened on Monday, officials said.\n",
        encoding="utf-8",
    )
    again = cli("run", str(CORPUS_DIR), str(tmp_path / "more"), "--db", db, "--report", str(tmp_path / "r.md"),
                "--json")  # fmt: skip
    assert again.returncode == 0 and json.loads(again.stdout)["link"]["articles"] == 1, again.stderr

    def exported(what: str) -> list[dict]:
        result = cli("export", "--what", what, "--db", db)
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    [quote] = [
        q for q in exported("quotes") if q["article_id"] == frontier.id and q["start"] == int(span.split("-")[0])
    ]
    assert quote["speaker"]["name"] == "Colonel Ilse Brandt"
    assert [(m["kind"], m["by"]) for m in quote["corrected"]] == [("speaker", "Ana Ruiz")]
    stories = {s["id"]: s for s in exported("stories")}
    [alone] = [s for s in stories.values() if [a["id"] for a in s["articles"]] == [frontier.id]]
    assert [(m["kind"], m["by"]) for m in alone["corrected"]] == [("split", "Ana Ruiz")]
    assert not any(frontier.id in [a["id"] for a in s["articles"]] for s in stories.values() if s is not alone)
    trail = exported("corrections")
    assert [(c["kind"], c["by"], c["undone_at"]) for c in trail] == [
        ("speaker", "Ana Ruiz", None),
        ("split", "Ana Ruiz", None),
    ]
