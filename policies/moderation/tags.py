"""A tagged person is the comment's reader, not a patient, unless the comment tells their health.

On a practice's page people tag friends to pass a post on: "@Marcy they do sports physicals
on Saturdays now", "tagging @Greg since you asked about flu shots", "@Tyler here's where I
got my booster". The PHI screen, written for the practice's own posts, ties an @-tag to any
health or care word in the text, and the tie makes the comment `phi`, which hides it. In a
comment, the tag (with the surname a platform writes after it: "@Greg Oyelaran") is the
person addressed; the comment discloses their health only when it says something of it:
a condition, a symptom, a procedure or a medicine that is not the commenter's own ("did
you get that rash looked at?", "@Jo's asthma", "how did your colonoscopy go?"), or a service
the reader is said to have ("your physical is at 9"). ``tag_released`` answers whether a
tag's tie can be let go: every health or care word is a service offered to everyone (a
physical, a flu shot, the pediatrician) not said to be the reader's, or the commenter's
own ("I got my booster"). Pure functions of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# a tag as platforms write it: "@handle", or "@First Last" (Facebook writes the full name)
_TAG = re.compile(r"@\w[\w.]*(?:\s+[A-Z][\w'\u2019-]+)?")
# care offered to everyone: asking about it or passing it on tells nobody's health
SERVICES = frozenset({
    "physical", "physicals", "sports physical", "sports physicals", "shot", "shots",
    "flu shot", "flu shots", "vaccine", "vaccines", "vaccination", "vaccinations",
    "immunization", "immunizations", "booster", "boosters", "appointment", "appointments",
    "appt", "check-up", "checkup", "check-ups", "checkups", "check up",
    "well-child", "clinic", "walk-in", "pediatrician",
    "pediatricians", "doctor", "doctors", "dentist",
})
# (not the ER, urgent care, a visit or a screening: events that happen to someone, "@Jo was
# in the ER", "@Jo's screening came back")
# the tags open the comment as its address ("@Marcy Lee they do ...", "hi @Greg, ..."); a tag
# later in the comment is someone talked about ("we were at urgent care with @Jen")
_OPENING = re.compile(r"\s*(?:(?:hey|hi|hello|tagging|cc)\s+)?(?:@\w[\w.]*(?:\s+[A-Z][\w-]+)?"
                      r"(?:\s*(?:,|:|and|&)\s*|\s+))+")
# the tag as the subject of a verb or an owner: "@Raj Patel was rushed", "@Lisa Tran's"
_TAG_SUBJECT = re.compile(
    r"(?:'s|\u2019s)\b|\s*(?:is|was|were|are|has|had|have|got|gets|went|goes|ended|ends|saw|"
    r"sees|missed|misses|needs|needed|did|does|didn't|doesn't|can't|couldn't|won't|will|"
    r"would|should|just|still|finally|also|never|came|comes|left|fell|broke|started|"
    r"stayed|spent|[a-z]+ed)\b", re.IGNORECASE)
# a third person anywhere: the comment tells someone's story
_THIRD = re.compile(r"\b(?:he|she|her|his|him|he's|she's|hers|himself|herself)\b")
# a condition word naming the service it prevents ("flu shot", "covid booster", "hpv vaccine";
# Spanish puts it after: "la vacuna de la gripe", "vacunas contra el sarampión")
_PREVENTS = re.compile(r"\s+(?:shots?|vaccines?|vaccinations?|boosters?|jabs?|clinics?)\b")
_PREVENTS_ES = re.compile(r"\bvacunas?\s+(?:de|del|contra|para)\s+(?:la\s+|el\s+|los\s+|las\s+)?$")
_SERVICES_ES = frozenset({"vacuna", "vacunas", "cita", "citas", "consulta", "chequeo",
                          "examen físico"})
# the reader: anywhere in the sentence ("heard you had to go to urgent care", "we were both
# at the ER, yours ok?"), except where the reader only asked or was told about something
# ("since you were asking about flu shots", "the post I told you about")
_YOU = re.compile(r"\b(?:you|your|ur|u|you're|you've|youre|yours|both|together|"
                  r"tu|tus|te|ti|usted|ustedes|contigo|vos|tienes|estás|estas|fuiste)\b")
_ASKING = re.compile(
    r"\b(?:you|u)\s+(?:were\s+|are\s+|was\s+|had\s+|have\s+)?(?:ask\w*|wonder\w*|"
    r"look\w* for|want\w*|mention\w*|curious)\b"
    r"|\b(?:told|tell|telling|showed|show|showing|ask|asking|remind\w*|send|sending|sent)"
    r"\s+(?:you|u)\b")
# the commenter's own: "my covid booster", "I got my", "we had our"
# only "my"/"I": "our ..." and "we had ..." can include the tagged reader ("@X we have
# dialysis together", "@X our chemo group"), second attack review
# (not through a verb of being or saying: "my guess is HIV", "my mom says bipolar" tell the
# reader's condition, not the commenter's: review 3)
_MINE = re.compile(r"\b(?:my|mine)\s+(?:(?!(?:is|was|are|were|be|says|said|say|thinks|think|"
                   r"thought|bets|reckons|feels|told|tells)\b)[\w'-]+\s+){0,2}$"
                   r"|\b(?:i\s+(?:just\s+|finally\s+|also\s+)?(?:got|get|had|have|did|"
                   r"took|take|was|am)|i'm|i've)\s+(?:[\w'-]+\s+){0,2}$")
_SENTENCE_END = re.compile(r"[.!?\n]")


def tag_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TAG.finditer(text)]


def in_tag(name: str, text: str, spans: Iterable[tuple[int, int]]) -> bool:
    """``name`` (a finding's text) lies inside an @-tag of ``text``."""
    at = text.find(name)
    return at >= 0 and any(s <= at and at + len(name) <= e for s, e in spans)


def addressed(text: str, spans: list[tuple[int, int]]) -> bool:
    """Every tag opens ``text`` as its address, none is the subject of a verb or an owner,
    and no he/she/her/his/him is in it."""
    opening = _OPENING.match(text)
    if not spans or opening is None or any(e > opening.end() for _, e in spans):
        return False
    if any(_TAG_SUBJECT.match(text, e) for _, e in spans):
        return False
    return not _THIRD.search(text.lower())


def _sentence(plain: str, start: int, end: int) -> tuple[str, str]:
    """The sentence around plain[start:end]: (its text, its text before the word)."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(plain, 0, start)), default=0)
    stop = _SENTENCE_END.search(plain, end)
    return plain[begin:stop.start() if stop else len(plain)], plain[begin:start]


def _reader_in(sentence: str) -> bool:
    return bool(_YOU.search(_ASKING.sub(" ", sentence)))


def tag_released(plain: str, terms: Iterable[str]) -> bool:
    """Every occurrence of the health and care ``terms`` (lower-cased, as found in
    ``plain``) is a service or the commenter's own, in a sentence that says nothing of the
    reader."""
    found = False
    for term in set(terms):
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", plain):
            found = True
            sentence, before = _sentence(plain, m.start(), m.end())
            if _reader_in(sentence):
                return False
            if term in SERVICES or _PREVENTS.match(plain, m.end()) or _MINE.search(before):
                continue
            return False
    return found


# diseases a routine vaccine prevents: "the flu shot" is a vaccine, "allergy shots" or "a
# rabies shot" after a bite are treatment
_PREVENTABLE = re.compile(
    r"(?:flu|influenza|covid|covid-19|coronavirus|tetanus|tdap|dtap|hpv|measles|mmr|mumps|"
    r"rubella|shingles|zoster|pneumonia|pneumococcal|rsv|hepatitis(?: a| b)?|hep(?: a| b)|"
    r"polio|whooping cough|pertussis|chickenpox|chicken pox|varicella|meningitis|"
    r"meningococcal|rotavirus|diphtheria|gripe|influenza|sarampi[oó]n|t[eé]tanos|varicela|"
    r"neumon[ií]a|hepatitis|paperas|tosferina|tos ferina|rubeola|rub[eé]ola)")
_VACCINE_TERM = re.compile(rf"{_PREVENTABLE.pattern}\s+(?:vaccines?|shots?|boosters?|jabs?)")


def is_service(plain: str, term: str) -> bool:
    """Every use of ``term`` in ``plain`` names a service offered to everyone: a vaccine,
    a physical, an appointment, or the disease a routine vaccine prevents ("the flu shot",
    "la vacuna de la gripe")."""
    if term in SERVICES or term in _SERVICES_ES or _VACCINE_TERM.fullmatch(term):
        return True
    if not _PREVENTABLE.fullmatch(term):
        return False
    uses = list(re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", plain))
    return bool(uses) and all(
        _PREVENTS.match(plain, m.end()) or _PREVENTS_ES.search(plain, max(0, m.start() - 30),
                                                                m.start())
        for m in uses)


# how to get a service, not what to do about health: an appointment, walking in, bringing
# someone, hours, cost, coverage (English and Spanish)
ACCESS = re.compile(
    r"\b(?:appointments?|appt|walk[- ]?ins?|walk in|bring|open|hours|cost|costs|price|how much|"
    r"insurance|covered|cover|free|sign up|signup|book|parking|park|new patients|accepting|"
    r"same[- ]day|cita|citas|llegar|directo|horario|abren|cuesta|precio|seguro|gratis|traer|"
    r"llevar|estacionamiento)\b")
