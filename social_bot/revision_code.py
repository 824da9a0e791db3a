"""The code an approver types to approve a revision (`approve ID CODE`): what is shown, and
what a typed one is.

Session 50 (a second outside attack review, finding 4): the code was the first 12 hex digits
(48 bits) of the revision's keyed hash. Staff hold that key, so an author found two texts
sharing a code in 13 s of CPU (a birthday search, 2^24 hashes) and an edit collected the
votes typed for the text the approvers had read. The code became 24 hex digits (96 bits).

Session 51 (a third review, A5): 96 bits still fall to a birthday search of 2^48 keyed
hashes (about a GPU-day): text A read and its code typed, the author's edit B with the same
24 digits collected the vote. The code now starts with the revision number ("r3-1a2b3c4d-
5e6f7a8b-9c0d1e2f"), and a typed code counts only when that number is the current
revision's AND its digits are that revision's hash. A collision then needs two texts of one
revision number, and the store never holds two: an edit is always a new number. Digits typed
without the number (session 50's form) are refused with "show again", whatever they match:
they cannot say which of two colliding texts the approver read.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

CODE_HEX = 24
GROUP = 8
# what a shown code looks like (ownwords.SHAPES: the chat guard accepts it as socialbot's)
CODE_PATTERN = r"r\d{1,9}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}"
# a code shown before session 50's second round: 12 hex digits
OLD_CODE_HEX = 12
# a typed code: "r", the revision number, a dash (or a space: the words are joined with
# dashes), then the hex digits with or without the shown groups' dashes. The dash after
# the number is required: "r31a2b..." could be revision 3 or 31.
_TYPED = re.compile(r"r([0-9]{1,9})-([0-9a-f-]+)")
_HEX = frozenset("0123456789abcdef")


class CodeKind(Enum):
    CODE = "code"              # rN- and 24 to 64 hex digits: revision N, that revision's hash
    UNNUMBERED = "unnumbered"  # 24 to 64 hex digits alone (session 50): refused, show again
    OLD = "old"                # 12 to 23 hex digits: a code as shown before; refused too
    BAD = "bad"                # not a code at all


@dataclass(frozen=True)
class TypedCode:
    kind: CodeKind
    revision: int = 0  # the revision number it names (CODE only)
    digits: str = ""   # lower-case hex, dashes removed (CODE only)


def shown_code(revision: int, content_hash: str) -> str:
    """The code of a revision as cards, answers and `post show` show it."""
    head = content_hash[:CODE_HEX].lower()
    return f"r{revision}-" + "-".join(head[i:i + GROUP] for i in range(0, CODE_HEX, GROUP))


def _hex(text: str) -> str | None:
    """``text``'s hex digits with the dashes dropped, or None if anything else is in it."""
    digits = text.replace("-", "")
    return digits if digits and all(c in _HEX for c in digits) else None


def parse_code(typed: str) -> TypedCode:
    """A typed code (the words after the post id, joined with dashes): the dashes of the
    shown groups may be typed or not; anything but the revision and hex digits is no code."""
    typed = typed.strip("-").lower()
    if not typed.isascii():
        return TypedCode(CodeKind.BAD)
    numbered = _TYPED.fullmatch(typed)
    if numbered:
        digits = _hex(numbered.group(2))
        if digits is None or not CODE_HEX <= len(digits) <= 64:
            return TypedCode(CodeKind.BAD)
        return TypedCode(CodeKind.CODE, int(numbered.group(1)), digits)
    digits = _hex(typed)
    if digits is None:
        return TypedCode(CodeKind.BAD)
    if CODE_HEX <= len(digits) <= 64:
        return TypedCode(CodeKind.UNNUMBERED)
    if OLD_CODE_HEX <= len(digits) < CODE_HEX:
        return TypedCode(CodeKind.OLD)
    return TypedCode(CodeKind.BAD)


def names(code: TypedCode, revision: int, content_hash: str) -> bool:
    """Is ``code`` the code of revision number ``revision``, whose hash is ``content_hash``?
    Both must hold: the number is what no collision of the digits can share (A5)."""
    if code.kind is not CodeKind.CODE or code.revision != revision:
        return False
    return hmac.compare_digest(content_hash[:len(code.digits)].lower(), code.digits)


def detail_code(detail: Mapping[str, Any]) -> str:
    """The code of a post's current revision (``posts.show_post``'s dict)."""
    return shown_code(detail["revision"], detail["revision_hash"])
