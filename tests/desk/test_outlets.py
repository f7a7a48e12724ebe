"""The register of outlets: CSV in and out, lookups by name and domain, ownership chains, the ledger's copy."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.desk.outlets import (
    AFFILIATIONS,
    KINDS,
    OutletEntry,
    Register,
    fold_name,
    parse_csv,
    read_csv,
    starter_register,
    write_csv,
)
from crosswire.errors import InputError
from crosswire.ledger import Ledger

HEADER = "name,aliases,domains,country,kind,owner,affiliation,notes\n"


def test_a_row_reads_into_an_entry_and_back() -> None:
    row = [
        "Varnian Central News Agency",
        "VCNA; Varnia's news agency",
        "https://www.vcna.example/",
        "Varnia",
        "state news agency",
        "Government of Varnia",
        "state",
        "",
    ]
    text = HEADER + ",".join(row) + "\n"
    [entry] = parse_csv(text)
    assert entry.aliases == ("VCNA", "Varnia's news agency")
    assert entry.domains == ("vcna.example",), "an address or a leading www. is reduced to the domain"
    assert (entry.kind, entry.affiliation, entry.notes) == ("state news agency", "state", None)
    out = io.StringIO()
    write_csv([entry], out)
    assert parse_csv(out.getvalue()) == [entry]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Dolmek Herald,,,Varnia,tabloid,,none,", "desk.csv:2: kind 'tabloid' is not one of"),
        ("Dolmek Herald,,,Varnia,newspaper,,partly,", "desk.csv:2: affiliation 'partly' is not one of"),
        ("Dolmek Herald,,not a domain!,Varnia,newspaper,,none,", "desk.csv:2: domains: 'not a domain!'"),
        (",,,Varnia,newspaper,,none,", "desk.csv:2: an outlet needs a name"),
        ("Dolmek Herald,,,Varnia,newspaper,,none,,extra", "desk.csv:2: more cells than columns"),
    ],
)
def test_a_bad_row_is_named_with_its_line_and_field(row: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_csv(HEADER + row + "\n", label="desk.csv")
    assert str(caught.value).startswith(message)


def test_a_missing_or_unknown_column_and_a_repeated_outlet_are_refused() -> None:
    with pytest.raises(InputError, match="no kind column"):
        parse_csv("name,country\nX,Y\n")
    with pytest.raises(InputError, match="unknown column 'ownr'"):
        parse_csv("name,kind,ownr\nX,blog,Y\n")
    with pytest.raises(InputError, match="register:3: 'the herald' is listed twice"):
        parse_csv("name,kind\nHerald,newspaper\nthe herald,newspaper\n")


def test_blank_rows_and_a_byte_order_mark_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("\ufeffname,kind\n\nHerald,newspaper\n,\n", encoding="utf-8")
    assert [e.name for e in read_csv(path)] == ["Herald"]
    with pytest.raises(InputError, match="cannot read"):
        read_csv(tmp_path / "absent.csv")


def test_lookups_by_name_alias_parenthesis_and_domain() -> None:
    register = Register(
        [
            OutletEntry(
                "Varnian Central News Agency", "state news agency", aliases=("VCNA",), domains=("vcna.example",)
            ),
            OutletEntry("The Harbour Times", "newspaper", domains=("harbourtimes.example",)),
        ]
    )
    assert register.find("the Varnian Central News Agency (VCNA)") is not None
    assert register.find("VCNA").name == "Varnian Central News Agency"  # type: ignore[union-attr]
    assert register.find("Harbour Times") is not None, "a leading 'the' does not matter"
    assert register.find("HARBOUR TIMES!") is not None
    assert register.find(None, "https://news.harbourtimes.example/a/b").name == "The Harbour Times"  # type: ignore[union-attr]
    assert register.find(None, "https://harbourtimes.example.evil/a") is None
    assert register.find("Harbour") is None, "names match whole"


def test_an_owner_chain_is_followed_to_its_top_and_a_cycle_ends() -> None:
    register = Register(
        [
            OutletEntry("Evening Star", "newspaper", owner="Star Group"),
            OutletEntry("Star Group", "other", owner="Quayside Holdings"),
            OutletEntry("Loop A", "blog", owner="Loop B"),
            OutletEntry("Loop B", "blog", owner="Loop A"),
            OutletEntry("Alone", "blog"),
        ]
    )
    assert register.parent(register.entries[fold_name("Evening Star")]) == "Quayside Holdings"
    assert register.parent(register.entries[fold_name("Loop A")]) in ("Loop A", "Loop B")
    assert register.parent(register.entries[fold_name("Alone")]) is None


def test_the_starter_register_is_valid_and_covers_the_agencies_news_cites() -> None:
    entries = starter_register()
    assert len(entries) >= 40
    register = Register(entries)
    assert len(register) == len(entries), "no name is listed twice"
    domains = [d for e in entries for d in e.domains]
    assert len(domains) == len(set(domains)), "no domain belongs to two outlets"
    assert all(e.kind in KINDS and e.affiliation in AFFILIATIONS for e in entries)
    for name in ("Reuters", "AP", "AFP", "Xinhua", "TASS", "KCNA", "IRNA", "BBC", "Yonhap"):
        assert register.find(name) is not None, name
    state = [e for e in entries if e.affiliation == "state"]
    assert all(e.country for e in state), "state media name their state"
    assert register.parent(register.entries[fold_name("The Wall Street Journal")]) == "News Corp"
    assert register.parent(register.entries[fold_name("Sputnik")]) == "Government of Russia"


def test_the_ledger_keeps_the_register(ledger: Ledger) -> None:
    assert len(ledger.outlet_entries()) == len(starter_register()), "a new ledger starts with the starter register"
    revision = ledger.revision()
    ledger.put_outlet_entries([OutletEntry("Radio Halvik", "broadcaster", owner="Vesse Media Group")])
    assert ledger.revision() > revision
    ledger.put_outlet_entries([OutletEntry("radio halvik", "broadcaster", country="Osterland")])
    [entry] = [e for e in ledger.outlet_entries() if e.key == "radio halvik"]
    assert (entry.name, entry.owner, entry.country) == ("radio halvik", None, "Osterland"), "same folded name: replaced"
    assert ledger.remove_outlet_entry("RADIO HALVIK") and not ledger.remove_outlet_entry("Radio Halvik")
    ledger.put_outlet_entries([OutletEntry("Only", "blog")], replace=True)
    assert [e.name for e in ledger.outlet_entries()] == ["Only"]


cells = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=9), max_size=5), st.sampled_from(["", HEADER, "name,kind\n"]))
def test_any_csv_reads_or_fails_with_an_input_error(rows: list[list[str]], header: str) -> None:
    out = io.StringIO()
    import csv

    csv.writer(out).writerows(rows)
    try:
        entries = parse_csv(header + out.getvalue())
    except InputError as exc:
        assert str(exc).startswith("register")
        return
    for entry in entries:
        assert entry.name.strip() and entry.kind in KINDS


names = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=20)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.builds(
            OutletEntry,
            name=names,
            kind=st.sampled_from(KINDS),
            aliases=st.lists(names, max_size=3, unique=True).map(tuple),
            domains=st.lists(st.from_regex(r"[a-z]{1,10}\.example", fullmatch=True), max_size=2, unique=True).map(
                tuple
            ),
            country=st.none() | names,
            owner=st.none() | names,
            affiliation=st.sampled_from(list(AFFILIATIONS)),
            notes=st.none() | names,
        ),
        max_size=6,
        unique_by=lambda e: e.key,
    )
)
def test_entries_survive_a_round_trip_through_csv(entries: list[OutletEntry]) -> None:
    out = io.StringIO()
    write_csv(entries, out)
    assert sorted(parse_csv(out.getvalue()), key=lambda e: e.key) == sorted(entries, key=lambda e: e.key)
