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


# How X reads a mention (twitter-text, which X's own apps use: validMentionPrecedingChars,
# atSigns, endMentionMatch): "@" or the full-width "＠" (U+FF20) that Japanese and Chinese
# keyboards type; not after a letter, digit, "_", "!#$%&*" or another at sign; not followed
# by an at sign, an accented Latin letter or "://"; and not inside a link. A person typing
# "＠harbor_clinic" summons the account, so a reply to it is one X allows.
_AT = "@\uff20"
_NOT_BEFORE = frozenset("!#$%&*_" + _AT)
_LATIN_ACCENTS = ("\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256"
                  "\u0257\u0259\u025b\u0263\u0268\u026f\u0272\u0289\u028b\u02bb"
                  "\u0300-\u036f\u1e00-\u1eff")
_END = re.compile(rf"[{_AT}{_LATIN_ACCENTS}]|://")
# the start of the word a mention sits in, when that word is a link: "https://x.com/@name",
# "www.example.com/@name", "example.org/@name" (X's link wins over the mention inside it)
_IN_LINK = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)"
                      r"\S*$", re.IGNORECASE)
_RETWEET = re.compile(r"(?:^|[^a-zA-Z0-9_+~.-])rt:?$", re.IGNORECASE)  # "RT@name" mentions
_LOOK_BACK = 256  # characters read before each "@name": a long comment stays linear


@lru_cache(maxsize=8)
def _mention(name: str) -> re.Pattern[str]:
    # the whole username, not the start of a longer one ("@northside_fans" is another
    # account); X matches names without case (ASCII only: no Kelvin sign for "k")
    return re.compile(rf"[{_AT}]{re.escape(name)}(?![A-Za-z0-9_])", re.IGNORECASE | re.ASCII)


def _counts(text: str, start: int, end: int) -> bool:
    """Whether the "@name" at text[start:end] is a mention as X reads one."""
    before = text[start - 1] if start else " "
    behind = (" " if start > _LOOK_BACK else "") + text[max(0, start - _LOOK_BACK):start]
    if ((before.isascii() and before.isalnum()) or before in _NOT_BEFORE) and \
            not _RETWEET.search(behind):
        return False
    if _END.match(text, end):
        return False
    word = behind.split()[-1] if start and not before.isspace() else ""
    return not _IN_LINK.search(word)


def mentions(text: str, name: str) -> bool:
    """Whether `text` mentions the account `name` ("@name" or "name")."""
    found = username(name)
    return found is not None and any(
        _counts(text, m.start(), m.end()) for m in _mention(found).finditer(text))
