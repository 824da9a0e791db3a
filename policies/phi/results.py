"""A clinical value or result addressed to the reader: "your A1c", "your numbers".

Results with a name of their own in the vocabularies ("your scan", "your stitches", "your
lab results") are health mentions already. What this adds is the value that only the context
makes clinical: an analyte written as a lab abbreviation (A1c, B12, T4, LDL, eGFR) or a plain
measurement noun (numbers, levels, readings), addressed with "your" and judged in the same
sentence ("looked great", "Dr. Lee was thrilled with", "came back normal"). Judged is what
makes it this person's result: "Know your numbers" and "ask about your A1c" judge nothing, and
the judgement must predicate the value (see _PREDICATED), outside a conditional clause.
A measurement noun also needs a clinician or a health word in the sentence: "your numbers
were amazing" after a fundraiser is about money."""

from __future__ import annotations

import re

from .candidates import sentence_of
from .lazy_pattern import lazy
from .prefilter import gated
from .vocabulary import Mention, Term

I = re.IGNORECASE  # noqa: E741

_MEASURE = r"(?:numbers|levels?|readings?|values?|counts?|scores?|vitals|bloodwork|blood work)"
# A kept short list of lab tests and screening scores written the way people write them; any
# run of capitals is not one ("your PTA", "your RSVP", "your HSA"). The abbreviations that are
# common words in lower case (ALT, AST, BUN) must be capitals.
_ANALYTE = (
    r"(?:(?:hb)?a1c|ldl|hdl|psa|tsh|inr|e?gfr|b12|t3|t4|cd4|bmi|bp|cbc|phq-?9|gad-?7|"
    r"vitamin d|potassium|sodium|calcium|glucose|blood sugars?|sugars?|ferritin|creatinine|"
    r"triglycerides|hemoglobin|haemoglobin|platelets?|iron|pap(?: smear)?|viral load|"
    r"white (?:blood )?count|oxygen|o2|sats|pulse|heart rate|(?-i:ALT|AST|BUN|BMP|CMP))"
    r"(?![\w-])"
)
_ADDRESSED = gated(
    r"\byour\s+(?:(?![\w-]+['’]s\b)[\w-]+\s+){0,2}?(?:(?P<m>" + _MEASURE + r")\b|(?P<a>"
    + _ANALYTE + r"))",
    I,
)
_JUDGED = (
    r"(?:thrilled|happy|pleased|delighted|excited|impressed|proud|glad|blown away|amazed|"
    r"great|good|better|best|normal|clean|perfect|amazing|fantastic|awesome|excellent|"
    r"beautiful|terrific|stellar|wonderful|improved|improving|improvement|dropped|stable|"
    r"steady|on track|in range|came back|went down|came down|is down|are down|way down|"
    r"worried|concerned|high|low|elevated|borderline|smil\w*|cheer\w*|celebrat\w*|"
    r"brag\w*)\b"
)
# The judgement predicates the value: after it, with nothing but a verb, an adverb or the
# value's own noun between ("your A1c looks great", "your LDL is way down", "your PHQ-9 score
# improved", "your A1c: 6.1"), or right before it ("thrilled with your eGFR", "so happy your
# B12 ..."). "Your A1c target depends on ...", "your BP cuff is covered", "your LDL is
# considered high above 160" judge nothing of the reader's.
_BETWEEN = (
    r"(?:is|was|were|are|['’]s|looks?|looked|looking|seems?|seemed|comes?|came|back|has|have|"
    r"had|been|be|went|gone|got|gotten|getting|now|so|very|really|a little|a bit|much|way|all|"
    r"still|totally|even|super|right|pretty|quite|just|finally|already|also|tests?|results?|"
    r"levels?|numbers|scores?|readings?|reads?|stayed|stays|remains?|remained|this time|again|"
    r"nice and|and|nicely|looking)"
)
_PREDICATED = lazy(r"^(?:\s*[:=]\s*\d|(?:\s+" + _BETWEEN + r"){0,4}\s+" + _JUDGED + r")",
                   I)
_JUDGED_BEFORE = lazy(r"\b" + _JUDGED + r"\W{0,3}(?:(?:with|by|about|of|at|that|to see|"
                      r"to hear|how)\s+){0,2}$", I)
# a conditional or general clause before the value: "If your BP reads high at home, call us"
_CONDITIONAL = lazy(r"\b(?:if|unless|whether|in case|whenever|once)\b[^,;:.!?]*$", I)
_CLINICIAN = lazy(
    r"\b(?:dr|doctor|np|pa|nurse|provider|physician|clinician|our (?:[\w-]+ )?(?:team|nurses|"
    r"doctors|providers|care team))\b\.?",
    I,
)
RESULT_TERM = Term("result", "care", 8.0)
_LAB = lazy(_ANALYTE + r"$", I)


def unjudged_lab(text: str, start: int, end: int) -> bool:
    """text[start:end] names a lab test whose value the sentence does not judge: "Your A1c
    target depends on your age" teaches; "your A1c looks great" tells a result."""
    if not _LAB.match(text[start:end]):
        return False
    s, e = sentence_of(text, start)
    return bool(_CONDITIONAL.search(text, s, start)) or not (
        _PREDICATED.match(text[end:e]) or _JUDGED_BEFORE.search(text, s, start))


def addressed_results(text: str, health: list[Mention]) -> list[Mention]:
    """Mentions for each judged value addressed to the reader."""
    out = []
    for m in _ADDRESSED.finditer(text):
        start, end = m.span("m") if m.group("m") else m.span("a")
        if any(h.start < end and start < h.end for h in health):
            continue  # "your blood pressure": a health mention already
        s, e = sentence_of(text, m.start())
        sentence = text[s:e]
        if _CONDITIONAL.search(text, s, m.start()) or not (
                _PREDICATED.match(text[end:e]) or _JUDGED_BEFORE.search(text, s, m.start())):
            continue
        if m.group("m") and not (_CLINICIAN.search(sentence)
                                 or any(s <= h.start < e for h in health)):
            continue
        out.append(Mention(start, end, text[start:end], RESULT_TERM))
    return out

