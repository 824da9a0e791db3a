"""Care tied to a reply's reader by the grammar around it, not by a possessive.

A reply that says "the <care> you ordered" or "the <care> Dr. X started you on" speaks of a
particular thing the reader (or their family) asked for or was given: a relative clause whose
subject or object is the reader, in the past (a done event is someone's, "the shots you need"
could be anyone's). A reference back ties care to the reader the same way: "the same <care>
as last time", "your usual <care>".

The care words are whatever the vocabulary reads as health, including a service's name
("CPAP supplies": nobody's on its own, the clause makes it the reader's). Replies only: a post
speaks to everyone."""

from __future__ import annotations

import re

from .candidates import KIN
from .lazy_pattern import lazy
from .vocabulary import health_words

_READER = r"(?:you(?:['’]ve|\s+have)?|your\s+(?:[\w-]+\s+)?(?:" + KIN + r"))"
# the reader did it: asked for it, ordered it, was given it (past: a done event)
_READER_DID = (
    r"(?:just\s+|already\s+)?(?:asked\s+(?:us\s+)?about|ordered|requested|were\s+prescribed|"
    r"was\s+prescribed|picked\s+up|dropped\s+off|left\s+(?:with\s+us|here|at)|mentioned|"
    r"called\s+(?:us\s+)?about|messaged\s+(?:us\s+)?about|booked|scheduled|signed\s+up\s+for)"
)
# someone gave it to the reader: "we started you on", "Dr. Lee gave you"
_GIVER = (r"(?:we|she|he|they|(?:dr|nurse|np|pa)\.?\s+[A-Z][\w'’-]+|your\s+(?:doctor|nurse|"
          r"provider|surgeon|specialist)|the\s+(?:doctor|nurse|provider|surgeon))")
_GAVE = (r"(?:started\s+(?:you|him|her|them)\s+on|gave\s+(?:you|him|her|them)|prescribed|"
         r"ordered|sent\s+(?:you|him|her|them)|put\s+(?:you|him|her|them)\s+on|"
         r"switched\s+(?:you|him|her|them)\s+to|set\s+(?:you|him|her|them)\s+up\s+with)")
_CLAUSE = lazy(
    r"\b(?:the|those|these|that)\s+(?P<care>(?:[\w'’-]+\s+){1,4}?)(?:that\s+|which\s+)?"
    r"(?:" + _READER + r"\s+" + _READER_DID + r"|" + _GIVER + r"\s+" + _GAVE + r")\b",
    re.IGNORECASE,
)
# a reference back: "the same antibiotic as last time", "your usual refill"
_BACK = lazy(
    r"\bthe\s+same\s+(?P<care>(?:[\w'’-]+\s+){1,3}?)(?:as|like)\s+(?:last\s+time|before|"
    r"last\s+(?:visit|month|year|spring|fall|winter|summer))\b|"
    r"\byour\s+usual\s+(?P<care2>(?:[\w'’-]+\s*){1,3})\b",
    re.IGNORECASE,
)


def reader_tie(text: str) -> re.Match[str] | None:
    """The first care phrase a relative clause or a reference back ties to the reader."""
    for pattern in (_CLAUSE, _BACK):
        for m in pattern.finditer(text):
            care = m.group("care") if m.group("care") is not None else m.group("care2")
            if care and health_words(care.strip()):
                return m
    return None
