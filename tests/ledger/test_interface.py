"""The Ledger protocol is complete and both implementations have it; only ledger/ knows SQL or an implementation."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from crosswire.ledger import Ledger, SQLiteLedger
from crosswire.ledger.postgres import PostgresLedger

SOURCE = Path(__file__).resolve().parents[2] / "src" / "crosswire"
LEDGER_PACKAGE = SOURCE / "ledger"
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|REPLACE INTO|VACUUM)\b", re.I)
EXECUTE = {"execute", "executemany", "executescript"}
DRIVERS = {"sqlite3", "psycopg", "psycopg2"}


def protocol_members() -> dict[str, object]:
    """The methods and properties the protocol declares (its own, not those every class has)."""
    return {
        name: value
        for name, value in vars(Ledger).items()
        if (callable(value) or isinstance(value, property))
        and (not name.startswith("_") or name in ("__enter__", "__exit__"))
    }


def test_the_protocol_names_every_method_and_documents_each() -> None:
    members = protocol_members()
    assert len(members) >= 30
    for name, member in members.items():
        function = member.fget if isinstance(member, property) else member
        assert inspect.getdoc(function), f"Ledger.{name} has no docstring"


@pytest.mark.parametrize("implementation", [SQLiteLedger, PostgresLedger], ids=["sqlite", "postgres"])
@pytest.mark.parametrize("name", sorted(protocol_members()))
def test_each_ledger_has_each_protocol_method_with_its_signature(implementation: type, name: str) -> None:
    declared = protocol_members()[name]
    implemented = inspect.getattr_static(implementation, name, None)
    label = f"{implementation.__name__}.{name}"
    assert implemented is not None, f"{implementation.__name__} has no {name}"
    if isinstance(declared, property):
        assert isinstance(implemented, property), f"{label} should be a property"
        return
    wanted = inspect.signature(declared)  # type: ignore[arg-type]
    found = inspect.signature(implemented)
    assert list(found.parameters) == list(wanted.parameters), label
    for parameter, expected in zip(found.parameters.values(), wanted.parameters.values(), strict=True):
        assert (parameter.kind, parameter.default) == (expected.kind, expected.default), f"{label}({parameter.name})"
        if parameter.name != "self":
            assert parameter.annotation == expected.annotation, f"{label}({parameter.name}) annotation"
    if name != "__enter__":  # returns the implementation itself
        assert found.return_annotation == wanted.return_annotation, f"{label} returns"


def test_the_protocol_speaks_no_database_types() -> None:
    for name, member in protocol_members().items():
        function = member.fget if isinstance(member, property) else member
        signature = inspect.signature(function)  # type: ignore[arg-type]
        annotations = [p.annotation for p in signature.parameters.values()] + [signature.return_annotation]
        for annotation in map(str, annotations):
            assert not re.search(r"sqlite|Row\b|Connection|Cursor", annotation, re.I), f"{name}: {annotation}"


def sources_outside_the_ledger() -> list[Path]:
    return [p for p in sorted(SOURCE.rglob("*.py")) if LEDGER_PACKAGE not in p.parents]


def sql_outside_the_ledger(path: Path, text: str) -> list[str]:
    """Each execute call and each database driver's import in a module, with its line."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in EXECUTE:
            words = [c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
            sql = next((w for w in words if SQL_WORDS.search(w)), "")
            found.append(f"{path.name}:{node.lineno}: {node.func.attr}({sql[:60]!r})")
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
            for driver in {n.split(".")[0] for n in names if n} & DRIVERS:
                found.append(f"{path.name}:{node.lineno}: imports {driver}")
    return found


def test_the_check_finds_sql_when_there_is_some() -> None:
    sample = 'import sqlite3\nrows = ledger.execute("SELECT id FROM articles WHERE outlet = ?", (o,))\n'
    assert len(sql_outside_the_ledger(Path("x.py"), sample)) == 2
    assert len(sql_outside_the_ledger(Path("z.py"), "from psycopg import connect\n")) == 1
    assert sql_outside_the_ledger(Path("y.py"), "rows = ledger.iter_links(kind='duplicate')\n") == []


def test_no_sql_outside_the_ledger() -> None:
    found = [hit for path in sources_outside_the_ledger() for hit in sql_outside_the_ledger(path, path.read_text())]
    assert found == []


def test_callers_are_typed_against_the_protocol() -> None:
    """Only the package's public exports name the SQLite implementation; everything else takes a Ledger."""
    naming = [
        str(path.relative_to(SOURCE))
        for path in sources_outside_the_ledger()
        if re.search(r"SQLiteLedger|PostgresLedger", path.read_text()) and path != SOURCE / "__init__.py"
    ]
    assert naming == []
