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
