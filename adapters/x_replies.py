"""Whom X lets an app reply to: the one mention matcher of the code base.

Since 2026-02-23 X lets a self-serve app (pay-per-use, and the Free/Basic/Pro tiers before it)
reply through POST /2/tweets only where the author of the post replied to "summoned" the
account: @mentioned it, or quoted one of its posts; Enterprise access is exempt
(docs.x.com/x-api/posts/manage-tweets/integrate, "Post creation restrictions"; docs/adapters.md).
The CLI refuses such a reply at queue time with `mentions`, the sandbox refuses it with the same
function, and the adapter holds whatever X still refuses (rules change).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache

# X usernames: letters, digits and "_". X gives new accounts at most 15; the length is not
# checked (the sandbox's stand-in has 16), only the alphabet, which "@?" fails.
USERNAME = re.compile(r"[A-Za-z0-9_]+")
RULE_SETTING = "X_REPLY_RULE"


class ReplyRule(StrEnum):
    """Which replies X lets this app send (the setting X_REPLY_RULE)."""

    SUMMONED = "summoned"  # self-serve access: only where the author mentioned the account
    ANY = "any"            # Enterprise access, which X's rule does not cover


def reply_rule(env: Mapping[str, str]) -> ReplyRule:
    """The rule in force; ValueError names the setting when its value is not a rule."""
    raw = (env.get(RULE_SETTING) or "").strip().lower()
    if not raw:
        return ReplyRule.SUMMONED
    try:
        return ReplyRule(raw)
    except ValueError:
        choices = " or ".join(rule.value for rule in ReplyRule)
        raise ValueError(f"{RULE_SETTING} must be {choices}") from None


def username(text: str | None) -> str | None:
    """The username in "@name" or "name"; None when it is not one (`connect` records "@?"
    when X's answer named no username)."""
    name = (text or "").strip().removeprefix("@")
    return name if USERNAME.fullmatch(name) else None


@lru_cache(maxsize=8)
def _mention(name: str) -> re.Pattern[str]:
    # @ and the whole username: not the start of a longer one ("@northside_fans" is another
    # account) nor the tail of an address ("me@northside"); X matches names without case.
    return re.compile(rf"(?<![\w@])@{re.escape(name)}(?!\w)", re.IGNORECASE | re.ASCII)


def mentions(text: str, name: str) -> bool:
    """Whether `text` mentions the account `name` ("@name" or "name")."""
    found = username(name)
    return found is not None and _mention(found).search(text) is not None
