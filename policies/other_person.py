"""Whose care a post tells: a relative of the person an authorization names.

A patient's written authorization names one person. A post that names her and then tells
her husband's care ("Ingrid ... finished chemo with us. Her husband starts dialysis with
us next week.") discloses a second person's health, whom everyone who knows her can name;
her authorization covers none of it (session 56's screen attack review, S4: her
authorization cleared her name and the post went to approval with his dialysis in it).

The screen finds a relative as a person only as "<Name>'s husband"; a relative told by a
possessive pronoun ("her husband", "his mother", "su esposo", "el esposo de ...") is no
finding, so the consent rules (policies/review.coverage_problem) ask this module instead:
``relative_care(text)`` is the first sentence that tells the care of someone named by a kin
word, or None.

A sentence counts when it holds a kin phrase and a care word (policies/phi/judge.tells_care,
the vocabulary `needed_scopes` reads), unless the care is told back to the patient by a
pronoun that cannot be the relative's ("Her husband drove her to every chemo session",
"His daughter sat with him through dialysis"). The sentences after a kin phrase whose
subject pronoun is the relative's and not the patient's ("Her husband retired in May. He
starts dialysis next week.") are the relative's too. Everything else fails closed: a
sentence with a kin phrase and care where the pronouns cannot tell the two apart ("Her
daughter had her tonsils out") is a relative's care, which costs the author an edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from policies.review import sentences

# Kin nouns with the relative's gender (he/she), None where English leaves it open.
_MALE = ("husband|boyfriend|fianc[eé]|son|stepson|dad|daddy|father|stepdad|stepfather|"
         "brother|grandson|grandpa|grandfather|granddad|uncle|nephew|"
         "(?:father|brother|son)-in-law")
_FEMALE = ("wife|girlfriend|fianc[eé]e|daughter|stepdaughter|mom|mommy|mum|mother|"
           "stepmom|stepmother|sister|granddaughter|grandma|grandmother|granny|aunt|niece|"
           "(?:mother|sister|daughter)-in-law")
_OPEN = ("spouse|partner|child|children|kids?|twins|parents?|siblings?|grandchild|"
         "grandchildren|grandkids?|grandparents?|cousin|in-laws|"
         # "newborn visits", "baby shower": a kind of visit, not a person
         r"(?:baby|newborn)(?!\s+(?:visits?|checks?|checkups?|class(?:es)?|care|clinic|"
         r"showers?|unit|photos?|appointments?|days?|program)\b)")
_ES = ("esposos?|esposas?|marido|mujer|pareja|novi[oa]s?|prometid[oa]|hij[oa]s?|niñ[oa]s?|"
       "beb[eé]s?|mam[áa]|madre|pap[áa]|padres?|herman[oa]s?|abuel[oa]s?|niet[oa]s?|"
       "t[íi][oa]s?|sobrin[oa]s?|prim[oa]s?|suegr[oa]s?|yerno|nuera|cuñad[oa]s?|gemel[oa]s?")

# a day's, a place's or the practice's "newborn" or "twins" are its patients, not a
# relative; "it's twins" is no owner
_NOT_OWNERS = ("it|that|there|here|what|who|he|she|let|monday|tuesday|wednesday|thursday|"
               "friday|saturday|sunday|today|tonight|yesterday|tomorrow|week|weekend|month|year|clinic|hospital|practice|team|"
               "office|unit|town|city|county|school|world|nation|country|state")
# words that end a kin phrase before its noun: "meet her at the newborn visit"
_FUNCTION = "at|the|a|an|to|for|with|in|on|of|and|or|from|by|as|is|was|are|were|has|had"
# "her husband", "his late wife", "her 8-year-old son", "their twins", "my mom", and a
# named person's or a patient's relative ("Ingrid's husband", "the patient's mother")
_KIN_EN = re.compile(
    r"\b(?P<owner>her|his|their|whose|my|(?!(?:" + _NOT_OWNERS + r")\b)"
    r"(?:[^\W\d_][\w.-]*)['\u2019]s?)\s+"
    r"(?:(?!(?:" + _FUNCTION + r")\b)(?:[a-z][\w-]*|\d[\w-]*)\s+){0,2}?"
    rf"(?:(?P<male>{_MALE})|(?P<female>{_FEMALE})|(?P<open>{_OPEN}))\b",
    re.IGNORECASE)
# "su esposo", "sus hijos", "el esposo de ...", "la mamá de ..."
_KIN_ES = re.compile(
    rf"\b(?:(?:su|sus|mi|mis|tu|tus)\s+(?:{_ES})|(?:el|la|los|las|al|del)\s+(?:{_ES})\s+de)\b",
    re.IGNORECASE)

_IF = re.compile(r"\W*si\b", re.IGNORECASE)
# a name right after the kin word: "her daughter Marta", "my grandmother Edith Cole"
_NAMED = re.compile(r",?\s+([^\W\d_][\w-]*)")
# the patient named back by an object pronoun, which a relative's own care does not take
# ("drove her to", "sat with him through"); "her" only where no noun follows it ("her hip"
# is a possessive and may be the relative's), "him" anywhere
_OBJECT_HER = re.compile(
    r"\bher\b(?=\s*(?:[,.;:!?)]|$|\s(?:to|at|on|off|through|for|with|in|into|from|back|home|"
    r"up|out|over|around|along|every|each|and|as|when|while|after|before|during|there|here)\b))",
    re.IGNORECASE)
_OBJECT_HIM = re.compile(r"\b(?:him|himself)\b", re.IGNORECASE)
_SUBJECT = {"he": re.compile(r"^\W*(?:and\s+|but\s+|now\s+|today\s+|also\s+)?(?:he|his)\b",
                             re.IGNORECASE),
            "she": re.compile(r"^\W*(?:and\s+|but\s+|now\s+|today\s+|also\s+)?(?:she|her)\b",
                              re.IGNORECASE)}
# words that tell the patient's own birth ("delivered her baby boy"), not the baby's care
_BIRTH_ONLY = re.compile(r"\b(?:had\s+(?:her|their)\s+(?=baby)|deliver(?:ed|y|ies)?|birth|"
                         r"born|labou?r|welcomed?|arrived|c-section|parto|dio a luz|"
                         r"naci[óo]|tuvo|ces[áa]rea)\b",
                         re.IGNORECASE)


def _tells_care(text: str) -> bool:
    from policies.phi.judge import tells_care  # the screen's vocabulary, loaded on use

    return tells_care(text)


def relative_care(text: str, named: Iterable[str] = (),
                  care: Callable[[str], bool] = _tells_care) -> int | None:
    """The number (1 on) of the first sentence of ``text`` that tells the health or care of
    a relative named by a kin word (module docstring), or None. ``named``: the names the
    screen found in the text (and the patient's), so a relative named after the kin word
    is left to their own finding; ``care`` tells whether a sentence tells care (the
    screen's vocabulary)."""
    firsts = {n.split()[0] for n in named if n.split()}  # as written: "Will", not "will"
    if not (_KIN_EN.search(text) or _KIN_ES.search(text)):
        return None  # most posts: no kin word, no vocabulary read
    following: str | None = None  # the relative's subject pronoun, carried to next sentences
    for number, (a, b) in enumerate(sentences(text), start=1):
        sentence = text[a:b]
        kin = list(_KIN_EN.finditer(sentence))
        # "Si a su hijo le acaban de diagnosticar ...": anyone's, a class's advice
        spanish = None if _IF.match(sentence) else _KIN_ES.search(sentence)
        if not kin and not spanish:
            # "Her husband retired in May. He starts dialysis next week."
            if following and _SUBJECT[following].search(sentence):
                if care(sentence):
                    return number
            else:
                following = None
            continue
        # the care told after the kin word ("Ingrid finished chemo, and her son made the
        # sign" tells hers); a relative named after the kin word ("her daughter Marta") is
        # the screen's own finding, which no authorization of the patient covers, or the
        # patient ("My grandmother Edith Cole ... her dementia")
        if (spanish and care(sentence[spanish.start():]) and not _birth_only(
                sentence[spanish.start():], spanish.group(), care)) or any(
                care(sentence[m.start():]) and not _named_after(sentence, m.end(), firsts)
                and not _told_back(sentence, m, care) for m in kin):
            return number
        following = _pronoun_after(kin)
    return None


def _named_after(sentence: str, at: int, firsts: set[str]) -> bool:
    """A name the screen found (or the patient's) right after the kin word."""
    m = _NAMED.match(sentence, at)
    return m is not None and m.group(1) in firsts


def _birth_only(told: str, kin: str, care: Callable[[str], bool]) -> bool:
    """A baby's birth told with its mother ("delivered her baby boy", "tuvo su bebé por
    cesárea"): the patient's own care, no other care after the kin word."""
    return bool(re.search(r"\b(?:baby|newborn|twins|beb[eé]s?)\b", kin, re.IGNORECASE)
                and _BIRTH_ONLY.search(told) and not care(_BIRTH_ONLY.sub(" ", told)))


def _gender(m: re.Match[str]) -> str | None:
    return "he" if m.group("male") else "she" if m.group("female") else None


def _pronoun_after(kin: list[re.Match[str]]) -> str | None:
    """The subject pronoun that names the relative, not the patient, in the next sentences:
    "Her husband ... He ..." (a he after her), "His wife ... She ..."; None when they share
    one or it is not known."""
    for m in kin:
        owner, relative = m.group("owner").lower(), _gender(m)
        if (owner, relative) in (("her", "he"), ("his", "she")):
            return relative
    return None


def _told_back(sentence: str, m: re.Match[str], care: Callable[[str], bool]) -> bool:
    """Is the care in this kin phrase's sentence told back to the patient, not the relative?
    The patient (a "her" or "his" before the kin word) named again after it by a pronoun
    only the patient can be, and no possessive only the relative can be ("Her husband drove
    her to his dialysis"); or the birth of the patient's baby."""
    after = sentence[m.end():]
    told = sentence[m.start():]
    if _birth_only(told, m.group("open") or "", care):
        return True
    owner, relative = m.group("owner").lower(), _gender(m)
    if owner == "her":
        # after "her brother", any "her" or "she" is hers ("her big brother, after her
        # weight check")
        return bool(_OBJECT_HER.search(after) or (relative == "he" and re.search(
            r"\b(?:she|her|herself)\b", after, re.IGNORECASE))) and not (
            relative == "he" and re.search(r"\b(?:his|he|him)\b", after, re.IGNORECASE))
    if owner == "his":
        return bool(_OBJECT_HIM.search(after) or (relative == "she" and re.search(
            r"\b(?:he|his)\b", after, re.IGNORECASE))) and not (
            relative == "she" and re.search(r"\b(?:her|she)\b", after, re.IGNORECASE))
    if owner == "my":  # a quote: "My husband drove me to every infusion"
        return bool(re.search(r"\b(?:me|myself)\b", after, re.IGNORECASE))
    # "<Name>'s husband ... her": a pronoun of the other gender is the named person; after
    # "their", "whose" or a kin word of either gender nothing tells the two apart
    other = {"he": r"\b(?:she|her|herself)\b", "she": r"\b(?:he|him|himself|his)\b"}
    return relative is not None and bool(re.search(other[relative], after, re.IGNORECASE))
