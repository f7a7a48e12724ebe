"""People on a shared ledger: named users, their roles, and their tokens (only a hash is kept).

=========  ==================================================================
role       may
=========  ==================================================================
reader     read everything
analyst    and correct: findings, stories, copies, reviews; ingest articles
admin      and manage users and the register of outlets
=========  ==================================================================

A token is shown once, when it is made: ``cw_<key>_<secret>``. The ledger keeps the key (to find
the user without trying every hash) and a salted scrypt hash of the secret (:mod:`hashlib`);
:func:`verify` compares in constant time. A ledger without users is one person's: everything
they do is attributed to :data:`LOCAL_USER`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from crosswire.errors import DeskError, NotFoundError, PermissionDenied

if TYPE_CHECKING:
    from crosswire.ledger import Ledger

__all__ = [
    "LOCAL_USER",
    "ROLES",
    "User",
    "add_user",
    "authenticate",
    "author",
    "check_name",
    "issue_token",
    "may",
    "remove_user",
    "set_role",
    "verify",
]

ROLES = ("reader", "analyst", "admin")
"""Roles from least to most: each may do what the ones before it may."""
LOCAL_USER = "local"
"""Who writes on a ledger that has no users (the CLI's default, the web app on this machine)."""
PREFIX = "cw"
# scrypt at 2^14 x 8 x 1 takes 16 MB and tens of milliseconds: slow to guess, quick to check once.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_NAME = re.compile(r"^[\w][\w .@'-]{0,62}[\w.]$|^\w$")
_TOKEN = re.compile(r"^cw_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})$")


@dataclass(frozen=True, slots=True)
class User:
    """A person who works on the ledger, with a role and the hash of their token."""

    name: str
    role: str
    key: str
    """The public part of the token, to find the user by."""
    token_hash: str
    """``scrypt$N$r$p$salt$digest`` (hexadecimal salt and digest)."""
    created_at: str
    created_by: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The record as stored (with the hash; never shown)."""
        return {
            "name": self.name,
            "role": self.role,
            "key": self.key,
            "token_hash": self.token_hash,
            "created_at": self.created_at,
            "created_by": self.created_by,
        }

    def public(self) -> dict[str, Any]:
        """What lists show: no hash, no key."""
        return {"name": self.name, "role": self.role, "created_at": self.created_at, "created_by": self.created_by}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> User:
        return cls(
            name=data["name"],
            role=data["role"],
            key=data["key"],
            token_hash=data["token_hash"],
            created_at=data["created_at"],
            created_by=data.get("created_by"),
        )


def may(role: str | None, needed: str) -> bool:
    """Whether ``role`` may do what ``needed`` may."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def check_name(name: str) -> str:
    """A user's name as stored (spaces collapsed); raises :class:`DeskError` for an unusable one."""
    cleaned = " ".join(str(name).split())
    if not _NAME.match(cleaned):
        raise DeskError(
            f"name: {name!r} is not a user name (1-64 letters, digits, spaces and . _ - @ ', "
            "starting with a letter or digit)"
        )
    if cleaned.casefold() == LOCAL_USER:
        raise DeskError(f"name: {LOCAL_USER!r} is the name of whoever works on a ledger without users")
    return cleaned


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise DeskError(f"role: {role!r} is not one of: {', '.join(ROLES)}")
    return role


def _hash(secret: str, salt: bytes) -> str:
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def _new_token() -> tuple[str, str, str]:
    """A fresh token: (key, secret, the token as the user types it)."""
    key, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    return key, secret, f"{PREFIX}_{key}_{secret}"


def parse_token(token: str) -> tuple[str, str] | None:
    """(key, secret) of a token in crosswire's form, else ``None``."""
    match = _TOKEN.match(token.strip())
    return (match[1], match[2]) if match else None


def verify(token: str, user: User) -> bool:
    """Whether ``token`` is this user's (the hash recomputed, compared in constant time)."""
    parsed = parse_token(token)
    if parsed is None or not hmac.compare_digest(parsed[0], user.key):
        return False
    try:
        scheme, n, r, p, salt, digest = user.token_hash.split("$")
        if scheme != "scrypt":
            return False
        again = hashlib.scrypt(parsed[1].encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except ValueError:
        return False
    return hmac.compare_digest(again.hex(), digest)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- on a ledger -----------------------------------------------------------------------------------


def add_user(ledger: Ledger, name: str, role: str, *, by: str | None = None) -> tuple[User, str]:
    """Add a user; returns the user and their token, which is shown this once and never stored."""
    cleaned, chosen = check_name(name), _check_role(role)
    if ledger.get_user(cleaned) is not None:
        raise DeskError(f"name: there is a user {cleaned!r} already (change the role, or issue a new token)")
    key, secret, token = _new_token()
    user = User(cleaned, chosen, key, _hash(secret, secrets.token_bytes(16)), _now(), by)
    ledger.put_user(user)
    return user, token


def issue_token(ledger: Ledger, name: str) -> tuple[User, str]:
    """Give a user a new token (the old one stops working); returns the user and the token, shown once."""
    user = _existing(ledger, name)
    key, secret, token = _new_token()
    fresh = replace(user, key=key, token_hash=_hash(secret, secrets.token_bytes(16)))
    ledger.put_user(fresh)
    return fresh, token


def set_role(ledger: Ledger, name: str, role: str) -> User:
    """Change a user's role."""
    user = replace(_existing(ledger, name), role=_check_role(role))
    ledger.put_user(user)
    return user


def remove_user(ledger: Ledger, name: str) -> User:
    """Remove a user (their token stops working; what they did stays attributed to them)."""
    user = _existing(ledger, name)
    ledger.remove_user(user.name)
    return user


def _existing(ledger: Ledger, name: str) -> User:
    user = ledger.get_user(" ".join(str(name).split()))
    if user is None:
        raise NotFoundError(f"name: no user {name!r}")
    return user


def authenticate(ledger: Ledger, token: str) -> User | None:
    """The user a token belongs to, or ``None``."""
    parsed = parse_token(token)
    if parsed is None:
        return None
    user = ledger.user_by_key(parsed[0])
    return user if user is not None and verify(token, user) else None


def author(ledger: Ledger, name: str | None, needed: str = "analyst") -> str:
    """Who a command's write is attributed to, checked against the ledger's users.

    On a ledger without users anyone may write, as ``name`` or :data:`LOCAL_USER`; with users,
    ``name`` must be one of them with at least the ``needed`` role.
    """
    users = ledger.users()
    if not users:
        return " ".join(str(name).split()) if name and str(name).strip() else LOCAL_USER
    if not name or not str(name).strip():
        raise PermissionDenied(f"this ledger has users: say who you are with --by NAME (a user with the {needed} role)")
    user = ledger.get_user(" ".join(str(name).split()))
    if user is None:
        raise NotFoundError(f"--by: no user {name!r} on this ledger")
    if not may(user.role, needed):
        raise PermissionDenied(f"{user.name} is a {user.role}; this needs the {needed} role")
    return user.name
