"""The code an approver types to approve a revision (`approve ID CODE`): what is shown, and
what a typed one is.

Session 50 (a second outside attack review, finding 4): the code was the first 12 hex digits
(48 bits) of the revision's keyed hash. Staff hold that key, so an author found two texts
sharing a code in 13 s of CPU (a birthday search, 2^24 hashes) and an edit collected the
votes typed for the text the approvers had read. The code is now 24 hex digits (96 bits: a
birthday search needs 2^48 hashes of one post's texts, months of CPU), shown in three groups
of eight for reading, and typed with or without the dashes. A typed code is compared with
the current revision's hash only; the revision it was read as is named on the card.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from enum import Enum

CODE_HEX = 24
GROUP = 8
# what a shown code looks like (ownwords.SHAPES: the chat guard accepts it as socialbot's)
CODE_PATTERN = r"[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}"
# a code shown before session 50's second round: 12 hex digits
OLD_CODE_HEX = 12


class CodeKind(Enum):
    CODE = "code"   # 24 to 64 hex digits: compared with a revision's hash
    OLD = "old"     # 12 to 23 hex digits: a code as shown before; refused, show again
    BAD = "bad"     # not a code at all


@dataclass(frozen=True)
class TypedCode:
    kind: CodeKind
    digits: str = ""  # lower-case hex, dashes removed (CODE only)


def shown_code(content_hash: str) -> str:
    """The code of a revision as cards, answers and `post show` show it."""
    head = content_hash[:CODE_HEX].lower()
    return "-".join(head[i:i + GROUP] for i in range(0, CODE_HEX, GROUP))


def parse_code(typed: str) -> TypedCode:
    """A typed code: the dashes of the shown groups are dropped (the code may be typed with
    or without them); anything but hex digits is no code."""
    digits = typed.replace("-", "").lower()
    if not digits.isascii() or not digits or any(c not in "0123456789abcdef" for c in digits):
        return TypedCode(CodeKind.BAD)
    if CODE_HEX <= len(digits) <= 64:
        return TypedCode(CodeKind.CODE, digits)
    if OLD_CODE_HEX <= len(digits) < CODE_HEX:
        return TypedCode(CodeKind.OLD)
    return TypedCode(CodeKind.BAD)


def names(code: TypedCode, content_hash: str) -> bool:
    """Is ``code`` the code of the revision with this hash?"""
    if code.kind is not CodeKind.CODE:
        return False
    return hmac.compare_digest(content_hash[:len(code.digits)].lower(), code.digits)
