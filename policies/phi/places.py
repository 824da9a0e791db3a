"""A detail tied to a small place singles a person out: a town given with its size ("a
population under 600", "a village of 400"), or one person singled out within a place ("the
only kid in town with ...", "one teen in Millbrook living with ..."). judge.py counts either
as an identifying detail of weight 3, like a street: with a condition from the vocabularies
it blocks an unnamed individual, where the same condition in a city of a million would not."""

from __future__ import annotations

import re

from .candidates import KIN, PERSON_NOUN
from .lazy_pattern import lazy

I = re.IGNORECASE  # noqa: E741

# A place given with its size: "a population under 600", "a town of 1,200", "pop. 850",
# "a 400-person village". judge.py counts it only below SMALL_PLACE_MAX people, where one
# person with a condition is known to everyone.
SMALL_PLACE_MAX = 50_000
_SIZE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:k|thousand|million|m|billion)\b)?"
_NUMBER = lazy(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(k|thousand|million|m|billion)?\b", I)
_TIMES = {"k": 1_000, "thousand": 1_000, "million": 10**6, "m": 10**6, "billion": 10**9}
SMALL_PLACE = lazy(
    r"\bpopulation\s*(?:of\s+|:\s*|is\s+|was\s+)?(?:(?:just|only|barely|about|around|roughly|"
    r"under|below|less than|fewer than|not quite|almost|nearly|of|some)\s+){0,2}" + _SIZE
    + r"|\bpop\.?\s*:?\s*" + _SIZE
    + r"|\b(?:town|village|hamlet|community|city|county|island|township|borough|parish)\s+of\s+"
    r"(?:(?:just|only|barely|about|around|roughly|under|fewer than|less than|some)\s+){0,2}"
    + _SIZE + r"(?=\s+(?:people|residents|souls|folks|inhabitants|neighbors|neighbours)\b|"
    r"[\s,.;:!?)]|$)"
    + r"|\b" + _SIZE + r"[- ](?:person|people|resident|soul)\s+(?:town|village|hamlet|community|"
    r"island|township)\b",
    I,
)


def small_place(text: str) -> re.Match[str] | None:
    """The first place the text sizes at under SMALL_PLACE_MAX people."""
    for m in SMALL_PLACE.finditer(text):
        size = _NUMBER.search(m.group(0))
        if size is None:
            continue
        n = int(size.group(1).replace(",", "")) * _TIMES.get((size.group(2) or "").lower(), 1)
        if 0 < n < SMALL_PLACE_MAX:
            return m
    return None


# One person singled out within a place: "the only kid in town with ...", "one teen in
# Millbrook living with ...", "the only wheelchair user in the village" (not a rate: "one in
# five adults", "1 in 3")
SINGLED_IN_PLACE = lazy(
    r"\b(?i:the|our)\s+only\s+(?:[\w-]+\s+){0,3}?(?:in|from|at|of)\s+(?:(?i:town|the town|"
    r"the village|the county|the valley|the whole (?:town|county|valley|village))\b|"
    r"[A-Z][\w'’]+)|"
    r"\b(?i:one|a single)\s+(?!(?i:in|out)\b)(?:[\w-]+\s+){0,3}?(?i:" + PERSON_NOUN + "|" + KIN
    + r")\s+"
    r"(?i:in|from)\s+(?:(?i:town|the town|the village|the county)\b|[A-Z][\w'’]+)",
)
