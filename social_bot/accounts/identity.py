"""Whether two recorded accounts of one platform are the same account (pure).

An account is recorded as text: "organization 123", "Page 456", or for X "@handle", and
"@handle (user 789)" once `connect x` also kept the numeric user id X returned from
GET /2/users/me. X handles are case-insensitive ("@Practice" and "@practice" are one
account) and can be renamed while the user id stays. Before session 45 the strings were
compared as they are, so a reply under a post made as "@Practice" was refused once
`connect` recorded "@practice", and a rename held every approved post as an account change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "@handle" or "@handle (user 123)"; anything else is compared as it is
_X_ACCOUNT = re.compile(r"@?(?P<name>[A-Za-z0-9_]+)(?: \(user (?P<id>[0-9]+)\))?")


@dataclass(frozen=True)
class XAccount:
    name: str
    user_id: str | None = None  # None: recorded before ids were kept, or X named none


def x_account(text: str | None) -> XAccount | None:
    """The handle (and user id) in a recorded X account; None when it names neither."""
    found = _X_ACCOUNT.fullmatch((text or "").strip())
    return XAccount(found["name"], found["id"]) if found else None


def x_label(name: str | None, user_id: object = None) -> str:
    """How `connect x` records the account X confirmed ("@?" when X named no handle)."""
    handle = f"@{name or '?'}"
    return f"{handle} (user {user_id})" if name and str(user_id or "").isdigit() else handle


def same_account(platform: str, a: str, b: str) -> bool:
    """Whether recorded accounts `a` and `b` are one account of `platform`. For X: the user
    ids when both are known (a rename keeps the id), else the handles without case."""
    if a == b:
        return True
    if platform != "x":
        return False
    one, other = x_account(a), x_account(b)
    if one is None or other is None:
        return False
    if one.user_id and other.user_id:
        return one.user_id == other.user_id
    return one.name.lower() == other.name.lower()


def switched(platform: str, before: str | None, after: str | None) -> bool:
    """Whether a `connect` moves `platform` to another account (both known and not one)."""
    return before is not None and after is not None and not same_account(platform, before,
                                                                         after)
