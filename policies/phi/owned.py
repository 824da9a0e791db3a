"""A care service told as one named person's own: "<name> ... his oxygen supplies", "<name>
... her asthma education class", "<name>'s ... their dialysis clinic".

A care word followed by a service noun names the service, not anyone's care
(vocabulary._SERVICE: "diabetes supplies", "dialysis clinic"), so the screen reads it as
nobody's. A possessive pronoun in front of it, after a named person in the same sentence, makes
the service theirs: the person uses it. This is a construction (possessive + care word +
service noun), not a word list: the care word is whatever the vocabulary reads as health.

Not read: a person who gives the service ("Ann leads her diabetes class"), a talk, study or
event (a clinician's "asthma talk"), and a service noun the possessive is too far from."""

from __future__ import annotations

import re

from .lazy_pattern import lazy
from .vocabulary import health_words

# the services a patient uses (a walk, a talk, a study or a fair is an event anyone can join)
_OWNED = lazy(
    r"\b(?:his|her|their)\s+(?P<care>(?:[\w'’-]+\s+){1,3}?)(?P<noun>supplies|class(?:es)?|"
    r"clinic|cent(?:er|re)|unit|protocol|program(?:me)?|plan|care\s+team|nurse|doctor|"
    r"specialist|navigator|counselor|educator|services)\b",
    re.IGNORECASE,
)
# someone who gives or leads the service: "Ann teaches her diabetes class"
_GIVES = lazy(
    r"\b(?:lead(?:s|ing)?|led|teach(?:es|ing)?|taught|host(?:s|ed|ing)?|run(?:s|ning)?|"
    r"ran|facilitat\w*|instruct\w*|coach(?:es|ed|ing)?|present(?:s|ed|ing)?|organi[sz]\w*|"
    r"launch\w*|open(?:s|ed|ing)?|start(?:s|ed|ing)?\s+up|built|build(?:s|ing)?|"
    r"direct\w*|staff\w*|works?|worked|working)\b",
    re.IGNORECASE,
)
GAP = 90  # characters between the name and the possessive


def owned_service(text: str, name_end: int, sentence_end: int) -> str | None:
    """The care words of a service a person named just before `name_end` is told to use, in
    the rest of their sentence; None when there is none."""
    m = _OWNED.search(text, name_end, sentence_end)
    if m is None or m.start() - name_end > GAP:
        return None
    if _GIVES.search(text, name_end, m.start()):
        return None
    care = m.group("care").strip()
    if not health_words(care):
        return None
    return f"{m.group(0)[: m.start('noun') - m.start()]}{m.group('noun')}"


# A named person told as being at a care service of a condition or a specialty: "<name> was
# at your methadone clinic", "saw <name> in the oncology waiting room", "bumped into <name>
# at your fertility clinic". The service's care word says what they are treated for, and
# being there, said of them, makes them its patient. Not one who gives or runs it (_GIVES),
# brings something to it or speaks there, and only a short step from the name: a verb of
# being or waiting after it, or a verb of meeting before it.
_AT_SERVICE = lazy(
    r"\b(?:at|in|inside|into|to)\s+(?:our|your|ur|the|this|that|y'?all'?s?)\s+"
    r"(?P<care>(?:[\w'’-]+\s+){1,3}?)(?P<noun>clinic|cent(?:er|re)|unit|ward|floor|wing|"
    r"suite|waiting\s+room|lobby|office|program(?:me)?|group)\b",
    re.IGNORECASE,
)
_STILL = (r"always|still|again|just|often|back|there|sitting|sat|waiting|waited|seen|spotted|"
          r"checking\s+in|checked\s+in|coming\s+out\s+of|leaving|walking\s+into|"
          r"going\s+into|every\s+\w+|this\s+\w+|today|yesterday")
_BEING = lazy(
    r"\s*,?\s*(?:(?:is|was|were|are|'s|’s|has\s+been|had\s+been|keeps?\s+being)\s+"
    r"(?:(?:" + _STILL + r")\s+){0,3}|(?:(?:" + _STILL + r")\s+){1,3})$",
    re.IGNORECASE,
)
# ... or coming to it, regularly: "has been coming to our wound care clinic", "comes to our
# infusion center every Tuesday" (session 56, S10); "to" is read only after these
_COMING = lazy(
    r"\s*,?\s*(?:(?:has|have|had)\s+been\s+|(?:is|was|are|'s|’s)\s+|keeps?\s+)?"
    r"(?:(?:" + _STILL + r")\s+){0,2}(?:com(?:es|ing)|came|go(?:es|ing)|went|heads?|"
    r"heading|headed)\s+(?:(?:back|in|over|down|up|right)\s+)?$",
    re.IGNORECASE,
)
_MEETS_BEFORE = lazy(
    r"\b(?:saw|seen|see|seeing|spotted|spot|bumped\s+into|ran\s+into|run\s+into|met|noticed|"
    r"recogni[sz]ed)\s+$",
    re.IGNORECASE,
)
_NOT_PATIENT_THERE = lazy(
    r"\b(?:donat\w*|deliver\w*|brought|bring\w*|volunteer\w*|speak\w*|spoke|talk\w*|"
    r"visit\w*|tour\w*|cut\s+the\s+ribbon|dropp\w*\s+off)\b",
    re.IGNORECASE,
)
AT_GAP = 40  # characters between the name and "at"/"in"


def attends_service(text: str, name_start: int, name_end: int, sentence_start: int,
                    sentence_end: int) -> str | None:
    """The care service a person named at ``name_start:name_end`` is told as being at, in
    the rest of their sentence ("was at your methadone clinic"); None when there is none."""
    m = _AT_SERVICE.search(text, name_end, sentence_end)
    if m is None or m.start() - name_end > AT_GAP:
        return None
    between = text[name_end : m.start()]
    if m.group(0).lower().startswith("to"):
        if not _COMING.fullmatch(between + " "):
            return None
    elif not (_BEING.fullmatch(between + " ") or _MEETS_BEFORE.search(
            text, max(sentence_start, name_start - 20), name_start)):
        return None
    if _GIVES.search(between) or _NOT_PATIENT_THERE.search(text, sentence_start, sentence_end):
        return None
    care = m.group("care").strip()
    if not health_words(care):
        return None
    return m.group(0)[m.start("care") - m.start() :]
