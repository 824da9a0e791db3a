"""Whose is a number or address: the practice's ("call us at"), a person's ("her cell"),
or unknown. Read from the words around it."""

from __future__ import annotations

import re

I = re.IGNORECASE  # noqa: E741

# Words that say a number, address or mailbox belongs to the practice ("call us at").
PRACTICE_CUE = re.compile(
    r"\b(?:us|our|we|office|clinic|practice|front desk|main line|reception|appointments?|"
    r"book(?:ing)?|schedul\w*|located|visit|find us|hours|open|closed|moved|new location|"
    r"walk-?ins?|referrals?|line|hotline|helpline|questions|info|rsvp|register|sign up)\b",
    I,
)
# Words that say it belongs to a person ("her cell", "reach Mark at").
PERSONAL_CUE = re.compile(
    r"\b(?:her|his|their|him|she|he|cell|mobile|home|personal|lives|living|resides|"
    r"(?:patient|pt)(?!\s+(?:advocate|portal|line|services|coordinator|relations|navigator|"
    r"liaison|experience|care|education))|"
    r"daughter|son|wife|husband|mom|dad|mother|father|family|caregiver|neighbou?r|"
    r"[A-Z][a-z]+'s|reach (?:him|her|them)|contact (?:him|her|them))\b"
)


def _window(text: str, start: int, end: int, before: int = 60, after: int = 25) -> str:
    return text[max(0, start - before) : start] + " " + text[end : end + after]


def owner(text: str, start: int, end: int) -> str:
    """'practice', 'person' or 'unknown' from the words around a span."""
    before = text[max(0, start - 60) : start]
    near = _window(text, start, end)
    if PERSONAL_CUE.search(before[-35:]) or PERSONAL_CUE.search(text[end : end + 15]):
        return "person"
    if re.search(
        r"\b(?:call|text|dial|phone|tel|ph|fax|email|e-mail)\b\s*(?:us\s*)?(?:at|on)?\s*:?\s*$",
        before,
        I,
    ):
        return "practice"  # an instruction to the reader: "call (253) 555-0144"
    if PRACTICE_CUE.search(near):
        return "practice"
    return "unknown"


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    rights = [r for r in (text.find(c, end) for c in "!?\n") if r >= 0]
    dot = re.search(r"\.(?:\s|$)", text[end:])
    if dot:
        rights.append(end + dot.start())
    return text[left + 1 : min(rights) if rights else len(text)]
