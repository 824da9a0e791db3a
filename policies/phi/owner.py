"""Whose is a number or address: the practice's ("call us at"), a person's ("her cell"),
or unknown. Read from the words around it."""

from __future__ import annotations

import re

from .lazy_pattern import lazy

I = re.IGNORECASE  # noqa: E741

# Words that say a number, address or mailbox belongs to the practice ("call us at").
PRACTICE_CUE = lazy(
    r"\b(?:us|our|we|office|clinic|practice|front desk|main line|reception|appointments?|"
    r"book(?:ing)?|schedul\w*|located|visit|find us|hours|open|closed|moved|new location|"
    r"walk-?ins?|referrals?|line|hotline|helpline|questions|info|rsvp|register|sign up)\b",
    I,
)
# Words that say it belongs to a person ("her cell", "reach Mark at").
PERSONAL_CUE = lazy(
    r"\b(?:her|his|their|him|she|he|cell|personal|lives|living|resides|"
    # "mobile", "home" as a service's adjective are nobody's: "our mobile unit", "home visits"
    r"mobile(?!\s+(?:unit|clinic|van|bus|app|health|team|lab|mammography|vaccination|dental|"
    r"screening|crisis|medical|food|pantry))|"
    r"home(?!\s*(?:page|health|visits?|care|team|depot|game|opener|remed\w+|school))|"
    r"(?:patient|pt)(?!\s+(?:advocate|portal|line|services|coordinator|relations|navigator|"
    r"liaison|experience|care|education))|"
    # a patient's contact, labelled so in any case ("Patient phone 412-...", "PATIENT PHONE",
    # "Pt. cell", "Paciente vive en ..."; not "Patient Billing", "Patient Entrance": an outside
    # review, session 38)
    # ("PT" in capitals is physical therapy: "PT home program questions? Call ...")
    r"(?:(?i:patient|paciente)|Pt|pt|Pte|pte)\.?(?:['’]s)?\s+(?i:phone|cell|cellphone|mobile|"
    r"number|tel|telephone|home|address|addr|email|e-mail|contact|lives|vive|reside|"
    r"tel[eé]fono|celular|cel|direcci[oó]n|domicilio|correo)|"
    r"daughter|son|wife|husband|mom|dad|mother|father|family|caregiver|neighbou?r|"
    # the rest of a family: a relation's number is theirs, whoever asks for the call back
    # (one relation, not a group: "kids and teens", "newborns to great-grandparents" are anyone)
    r"brother|sister(?!\s+(?:clinics?|offices?|practices?|locations?|sites?|hospitals?|"
    r"facilit(?:y|ies)|programs?|centers?|campus(?:es)?|organi[sz]ations?|cit(?:y|ies)))|"
    r"(?:grand|step)(?:son|daughter|mother|father|ma|pa|mom|dad|kid|child)|"
    r"aunt|uncle|cousin|nephew|niece|boyfriend|girlfriend|fianc[ée]e?|roommate|tenant|"
    r"[A-Z][a-z]+'s|reach (?:him|her|them)|contact (?:him|her|them))\b"
)


# "call the maker at", "contact Brightline Pharma at": a company's line, a business number;
# the name is capitalised as written (re.I would let "call me at" be a business) and is no
# pronoun ("Call Me at")
_CALL_BUSINESS = lazy(
    r"\b(?:call|text|dial|phone|contact|reach)\s+(?P<who>(?:the\s+)?(?:(?:maker|manufacturer|"
    r"company|distributor|retailer|store|pharmacy|brand|hotline|helpline|agency|department|"
    r"fda|cdc)\b|(?!(?:me|us|him|her|them|my|our)\b)(?-i:[A-Z][\w&'’.-]*\s+)"
    r"(?:(?-i:[A-Z][\w&'’.-]*\s+)){0,3}))\s*(?:at|on)\s*:?\s*$",
    I,
)


_CALL_ME = lazy(
    r"\b(?:(?:call|text|dial|phone|ring|reach|contact|message|msg|whatsapp)\s+me|llámame|"
    r"llamame|escríbeme|escribeme|márcame|marcame)\s+(?:back\s+)?(?:at|on|al)?\s*:?\s*$", I)


def _first_name(who: str) -> bool:
    """The called party starts with a person's first name ("call Marjorie Tate at")."""
    from .vocabulary import first_names

    first = who.split()[0].lower() if who.split() else ""
    return first in first_names()


def _cut(text: str, start: int, end: int) -> str:
    """text[start:end] as a fixed-width slice: a word cut at the edge stays cut."""
    return text[max(0, start) : max(0, end)]


def _edge(text: str, pos: int, step: int) -> int:
    """``pos`` moved by ``step`` (-1 or 1) for as long as it cuts a word in two."""
    while 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum():
        pos += step
    return pos


def _whole(text: str, start: int, end: int, grow: bool) -> str:
    """text[start:end] with a word cut at either edge made whole (``grow``: "t|he" is "the",
    "mot|her" is "mother") or dropped (not ``grow``: "f|our" is nothing)."""
    start, end = max(0, start), min(len(text), end)
    if grow:
        return text[_edge(text, start, -1) : _edge(text, end, 1)]
    left = min(_edge(text, start, 1), end)
    return text[left : max(_edge(text, end, -1), left)]


def _personal(text: str, start: int, end: int) -> bool:
    """A person's word just before or after the span, read both in the fixed slices and in
    whole words: the slice finds "dad" in "grand|dad" and "mom" in "mom|my", the whole words
    "her" past the edge in "he|r"; either makes it a person's (the safe side)."""
    if any(PERSONAL_CUE.search(w) for w in (
            _cut(text, start - 35, start), _whole(text, start - 35, start, grow=True),
            _cut(text, end, end + 15))):
        return True
    # the whole words after the span, read with what follows them so that a cue's own
    # exceptions still apply ("home visits", "our mobile unit", "patient portal")
    right = _edge(text, min(len(text), end + 15), 1)  # the far edge made whole: "he|r" is "her"
    return any(m.start() < right - end for m in PERSONAL_CUE.finditer(text[end : right + 30]))


def _window(text: str, start: int, end: int, before: int = 60, after: int = 25) -> str:
    """The words around a span for the practice's cues: whole words only, a cut word dropped
    ("f|our" is no "our", "of|fice" no "office")."""
    return (_whole(text, start - before, start, grow=False) + " "
            + _whole(text, end, end + after, grow=False))


def owner(text: str, start: int, end: int) -> str:
    """'practice', 'person' or 'unknown' from the words around a span."""
    before = text[max(0, start - 60) : start]
    near = _window(text, start, end)
    if _personal(text, start, end):
        return "person"
    if _CALL_ME.search(before):
        return "person"  # the writer's own number: "call me at", "text me on", "reach me at:"
    if re.search(
        r"\b(?:call|text|dial|phone|tel|ph|fax|email|e-mail)\b\s*(?:us\s*)?(?:at|on)?\s*:?\s*$",
        before,
        I,
    ):
        return "practice"  # an instruction to the reader: "call (253) 555-0144"
    called = _CALL_BUSINESS.search(before)
    if called and not _first_name(called.group("who")):
        return "practice"  # a business the reader is told to call: "call Acme Toys at ..."
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
