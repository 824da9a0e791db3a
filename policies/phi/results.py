"""A clinical value or result addressed to the reader: "your A1c", "your numbers".

Results with a name of their own in the vocabularies ("your scan", "your stitches", "your
lab results") are health mentions already. What this adds is the value that only the context
makes clinical: an analyte written as a lab abbreviation (A1c, B12, T4, LDL, eGFR) or a plain
measurement noun (numbers, levels, readings), addressed with "your" and judged in the same
sentence ("looked great", "Dr. Lee was thrilled with", "came back normal"). Judged is what
makes it this person's result: "Know your numbers" and "ask about your A1c" judge nothing.
A measurement noun also needs a clinician or a health word in the sentence: "your numbers
were amazing" after a fundraiser is about money."""

from __future__ import annotations

import re

from .candidates import sentence_of
from .vocabulary import Mention, Term

I = re.IGNORECASE  # noqa: E741

_MEASURE = r"(?:numbers|levels?|readings?|values?|counts?|scores?|vitals|bloodwork|blood work)"
# the shape of a lab abbreviation: letters with a digit (A1c, HbA1c, B12, T4, CD4), or a short
# run of capitals (LDL, PSA, TSH, INR, BP); the capitals are a case-sensitive match
_ANALYTE = r"(?-i:(?:[A-Za-z]{0,2}[A-Z]\d{1,2}[a-z]?|e?GFR|[A-Z]{2,4})(?![\w-]))"
_ADDRESSED = re.compile(
    r"\byour\s+(?:(?![\w-]+['’]s\b)[\w-]+\s+){0,2}?(?:(?P<m>" + _MEASURE + r")\b|(?P<a>"
    + _ANALYTE + r"))",
    I,
)
_JUDGED = re.compile(
    r"\b(?:thrilled|happy|pleased|delighted|excited|impressed|proud|glad|blown away|amazed|"
    r"great|good|better|best|normal|clean|perfect|amazing|fantastic|awesome|excellent|"
    r"beautiful|terrific|stellar|wonderful|improved|improving|improvement|dropped|stable|"
    r"steady|on track|in range|came back|went down|came down|is down|are down|way down|"
    r"worried|concerned|high|low|elevated|borderline)\b",
    I,
)
_CLINICIAN = re.compile(
    r"\b(?:dr|doctor|np|pa|nurse|provider|physician|clinician|our (?:[\w-]+ )?(?:team|nurses|"
    r"doctors|providers|care team))\b\.?",
    I,
)
RESULT_TERM = Term("result", "care", 8.0)


def addressed_results(text: str, health: list[Mention]) -> list[Mention]:
    """Mentions for each judged value addressed to the reader."""
    out = []
    for m in _ADDRESSED.finditer(text):
        start, end = m.span("m") if m.group("m") else m.span("a")
        if any(h.start < end and start < h.end for h in health):
            continue  # "your blood pressure": a health mention already
        s, e = sentence_of(text, m.start())
        sentence = text[s:e]
        if not _JUDGED.search(sentence):
            continue
        if m.group("m") and not (_CLINICIAN.search(sentence)
                                 or any(s <= h.start < e for h in health)):
            continue
        out.append(Mention(start, end, text[start:end], RESULT_TERM))
    return out

