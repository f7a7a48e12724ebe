"""Users, roles and tokens on a real ledger: hashes only, constant-time checks, who may write."""

from __future__ import annotations

import pytest

from crosswire.desk.users import (
    LOCAL_USER,
    ROLES,
    add_user,
    authenticate,
    author,
    check_name,
    issue_token,
    may,
    parse_token,
    remove_user,
    set_role,
    verify,
)
from crosswire.errors import DeskError, NotFoundError, PermissionDenied
from crosswire.ledger import Ledger


def test_roles_are_ordered() -> None:
    assert ROLES == ("reader", "analyst", "admin")
    assert may("admin", "analyst") and may("analyst", "analyst") and not may("reader", "analyst")
    assert not may(None, "reader") and not may("owner", "reader")


def test_a_token_is_found_by_its_key_and_checked_against_its_hash(ledger: Ledger) -> None:
    user, token = add_user(ledger, "  Ana   Ruiz ", "analyst")
    assert user.name == "Ana Ruiz" and parse_token(token) is not None
    assert token not in str(user.as_dict()) and user.token_hash.startswith("scrypt$16384$8$1$")
    assert authenticate(ledger, token) == user
    assert authenticate(ledger, " " + token + "\n") == user
    assert authenticate(ledger, token.replace(user.key, "0" * 12)) is None
    assert authenticate(ledger, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert authenticate(ledger, "not a token") is None
    assert not verify(token, user.__class__(**{**user.as_dict(), "token_hash": "md5$x"}))
    fresh, renewed = issue_token(ledger, "ana ruiz")
    assert authenticate(ledger, token) is None and authenticate(ledger, renewed) == fresh


def test_who_a_write_is_attributed_to(ledger: Ledger) -> None:
    assert author(ledger, None) == LOCAL_USER, "a ledger without users is one person's"
    assert author(ledger, " Ana ") == "Ana"
    add_user(ledger, "Ana Ruiz", "reader")
    with pytest.raises(PermissionDenied, match="say who you are"):
        author(ledger, None)
    with pytest.raises(NotFoundError, match="no user 'Ben'"):
        author(ledger, "Ben")
    with pytest.raises(PermissionDenied, match="Ana Ruiz is a reader; this needs the analyst role"):
        author(ledger, "ana ruiz")
    set_role(ledger, "Ana Ruiz", "analyst")
    assert author(ledger, "ANA RUIZ") == "Ana Ruiz"
    with pytest.raises(PermissionDenied, match="needs the admin role"):
        author(ledger, "Ana Ruiz", "admin")
    remove_user(ledger, "Ana Ruiz")
    assert ledger.users() == [] and author(ledger, None) == LOCAL_USER


@pytest.mark.parametrize("name", ["", " ", "local", "LOCAL", "a" * 65, "<script>", "a\x00b", "-dash"])
def test_unusable_names_are_refused(name: str) -> None:
    with pytest.raises(DeskError, match="name:"):
        check_name(name)


def test_names_people_have_are_fine() -> None:
    for name in ("Ana Ruiz", "O'Brien", "j.smith@desk", "Zoë Ōta", "li_wei-2", "X"):
        assert check_name(name) == name


def test_a_role_or_a_user_that_does_not_exist_is_named(ledger: Ledger) -> None:
    with pytest.raises(DeskError, match="role: 'boss' is not one of"):
        add_user(ledger, "Ana", "boss")
    with pytest.raises(NotFoundError, match="no user 'Nobody'"):
        set_role(ledger, "Nobody", "admin")
    assert ledger.users() == []
