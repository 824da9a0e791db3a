"""Whose health a comment discloses: `phi` versus `self_disclosure`.

- ``phi``: health or care of an identifiable third party (a named person, an @-tagged one,
  "the new principal"), or a direct identifier (birth date, record or member number, phone,
  street address, ...) next to health or care, also the commenter's own. May be auto-hidden.
- ``self_disclosure``: the commenter's own condition, treatment or visit, or an unnamed
  household member's ("my son", "mi mamá"), with no identifier beyond the account name.
  Never auto-hidden by default; the reply must not confirm the person is a patient.

The PHI screen (policies.phi, called by the caller) is the source of identifier findings;
the first-/third-person reading is here. Pure functions of the text and the findings.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import Any

from policies.moderation import lexicon as lx
from policies.moderation.fastre import compile_words

# direct identifiers that make any health or care detail next to them PHI. Dates and places
# count only with a number in them (a birth date, a street address, a ZIP code): "last
# week" or "near Folsom Lake" identifies no one. Links in comments are nearly always
# promotions, so a URL alone does not count.
IDENTIFIER_CATEGORIES = frozenset({
    "date", "phone", "fax", "email", "ssn", "mrn", "health_plan", "account", "license",
    "geographic", "age_over_89", "other_id", "ip", "vehicle", "device",
})
_NEEDS_DIGIT = frozenset({"date", "geographic"})
# first person and unnamed household members, English and Spanish (the two languages the
# practices' comments mostly come in); Vietnamese and Tagalog pronouns for the commonest forms
_FIRST = compile_words(
    r"\b(i|i'm|im|i've|ive|i'd|me|my|mine|myself|we|we're|our|ours|us|"
    r"yo|mi|mis|me|tengo|estoy|llevo|nosotros|nuestra|nuestro|"
    r"toi|minh|ako|ko|namin|ko po)\b")
_RELATIVE_ES = re.compile(
    r"\b(mi|mis|nuestr[oa]s?)\s+(hij[oa]s?|mam[aá]|madre|pap[aá]|padre|espos[oa]|bebe|"
    r"beb[eé]|niñ[oa]s?|abuel[oa]|herman[oa]|hermanit[oa])\b")
_THIRD_PERSON = compile_words(
    r"\b(he|she|he's|she's|his|her|him|el|ella|the (?:new |old )?(?:principal|"
    r"coach|pastor|teacher|lady|guy|man|woman|mayor)|mrs?\.|ms\.|principal|coach)\b")
_CARE = compile_words(
    r"\b(appointment|appt|visit|visits|check-?ups?|physical|surgery|shots?|vaccine|"
    r"prescription|refill|meds?|medication|diagnos\w*|treat\w*|therapy|therapist|rehab|"
    r"x-?ray|mri|labs?|lab results|results|biopsy|er|urgent care|waiting room|waitlist|"
    r"been (?:a )?patient|coming here|seen (?:dr|here)|program|group|clinic|"
    r"cita|consulta|receta|tratamiento|me atendieron|embarazo|prenatal)\b")
# care words alone ("do we need an appointment?") disclose nothing unless the commenter
# says it happened to them
_EXPERIENCE = compile_words(
    r"\b(had|went|got|get|been|came|finished|started|since|years?|months?|weeks?|last|"
    r"first|after|during|was|were|fui|tuve|llevo|desde)\b")
_HEALTH_ES = compile_words(
    r"\b(diabetes|fiebre|tos|dolor|embarazo|embarazada|infecci[oó]n|asma|presi[oó]n|"
    r"insulina|demencia|autismo|c[aá]ncer|depresi[oó]n|ansiedad|gripe|alergia|"
    r"antibi[oó]tic[oa]s?|ibuprofeno|acetaminof[eé]n|metformina|sot|ho|dot quy|"
    r"hen suyen|ubo|sipon|lagnat|pulmonya)\b")
_HANDLE = re.compile(r"@\w+")
# "my daughter Lily", "my husband, Tom Reyes": a named relative is identifiable (dev set
# README convention); works without the PHI screen's name recogniser
_NAMED_RELATIVE = re.compile(
    rf"(?i:\b(?:my|our|mi)\s+(?:{lx.RELATIVE}|hij[oa]|espos[oa]|mam[aá]|pap[aá]|vecin[oa]))"
    r",?\s+(?P<name>(?!I\b)[A-Z][a-z\u00e0-\u00ff]+(?:\s+[A-Z][a-z\u00e0-\u00ff]+)?)")
_NAME_RULES = ("ner", "possessive", "handle", "name")


def mentions_health_or_care(plain: str) -> bool:
    """A health term (English or Spanish) or a care word anywhere in the lower-cased text."""
    return bool(lx.health_terms(plain) or _HEALTH_ES.search(plain) or _CARE.search(plain))


def _is_health(term: str) -> bool:
    return bool(lx.HEALTH_RE.search(term) or lx.STRONG_HEALTH_RE.search(term)
                or _HEALTH_ES.search(term) or _CARE.fullmatch(term) and term not in _WEAK_CARE)


_WEAK_CARE = frozenset({"shot", "shots", "group", "program", "clinic", "results", "er"})


def _has(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)]


def _person_names(findings: Sequence[Any], text: str, known: Container[str]) -> list[str]:
    """Names the screen found that look like people: capitalised words that are not the
    commenter's own care words (reported as self-disclosure), not ordinary words capitalised
    at a sentence start ("My", "Typical"), and not a medicine or condition ("Tylenol")."""
    names = []
    for f in findings:
        rule = getattr(f, "rule", "")
        if getattr(f, "category", "") != "name" or rule == "self_disclosure" \
                or "no_health" in rule:  # the screen itself saw no health tie to this name
            continue
        span = getattr(f, "text", "")
        words = [w.strip(".,!?'\"") for w in re.split(r"\s+", span.strip()) if w]
        if not words or not all(w[:1].isupper() or w[:1] == "@" for w in words):
            continue
        if all(w.lower() in known or lx.INSULT_NOUN_RE.fullmatch(w.lower()) for w in words):
            continue
        if lx.HEALTH_RE.fullmatch(span.lower()) or lx.STRONG_HEALTH_RE.search(span.lower()):
            continue
        names.append(span)
    return names


def score(plain: str, text: str, findings: Sequence[Any],
          known: Container[str] = frozenset()) -> dict[str, tuple[float, str]]:
    """``{"phi": (score, reason), "self_disclosure": (score, reason)}``; at most one non-zero."""
    # the screen's self-disclosure findings, kept when they name a health or care term (it
    # also reports everyday words a patient might use: "check", "shot")
    screen_health = [t for t in (getattr(f, "text", "") for f in findings
                                 if getattr(f, "rule", "") == "self_disclosure")
                     if _is_health(t.lower())]
    strong = _has(lx.STRONG_HEALTH_RE, plain) + _has(_HEALTH_ES, plain)
    health = strong + list(lx.health_terms(plain)) + [t.lower() for t in screen_health]
    care = _has(_CARE, plain)
    if not health and not care:
        return {"phi": (0.0, ""), "self_disclosure": (0.0, "")}
    about = _quote(health or care)
    identifiers = [f for f in findings if getattr(f, "category", "") in IDENTIFIER_CATEGORIES
                   and getattr(f, "severity", "") == "block"
                   and (getattr(f, "category", "") not in _NEEDS_DIGIT
                        or any(c.isdigit() for c in getattr(f, "text", "")))]
    if identifiers:
        kinds = sorted({getattr(f, "category", "") for f in identifiers})
        return {"phi": (0.9, f"Pairs an identifier ({', '.join(kinds)}) with health or care "
                             f"details ({about})."),
                "self_disclosure": (0.0, "")}
    names = (_person_names(findings, text, known) + _has(_HANDLE, text)
             + [m.group("name") for m in _NAMED_RELATIVE.finditer(text)])
    first = bool(_FIRST.search(plain))
    relative = bool(lx.RELATIVE_RE.search(plain) or _RELATIVE_ES.search(plain))
    if names and (strong or screen_health):  # "@eatclean.daily ... healthy" is not PHI
        return {"phi": (0.8, f"Names or tags someone ({_quote(names)}) next to health "
                             f"details ({about})."),
                "self_disclosure": (0.0, "")}
    if strong and not first and _THIRD_PERSON.search(plain):
        return {"phi": (0.7, f"Describes someone else's health ({about}); people around "
                             f"them can tell who it is."),
                "self_disclosure": (0.0, "")}
    if not first and not relative and strong and lx.DISCLOSURE_VERB_RE.search(plain):
        first = True  # "Been on sertraline for two years": the subject is left out
    if first or relative or screen_health:  # the screen reads these as the commenter's own
        if strong or (health and relative):
            s = 0.75
        elif health:
            s = 0.6
        else:  # care words only: a visit the commenter says they had, or just a question
            s = 0.55 if _EXPERIENCE.search(plain) and "?" not in plain else 0.35
        who = "someone in their family" if relative else "themself"
        return {"phi": (0.0, ""),
                "self_disclosure": (s, f"The commenter shares health or care details about "
                                       f"{who} ({about}). A reply must not confirm they are "
                                       f"a patient.")}
    return {"phi": (0.0, ""), "self_disclosure": (0.0, "")}


def _quote(words: Sequence[str], limit: int = 3) -> str:
    uniq = list(dict.fromkeys(w.strip() for w in words if w.strip()))[:limit]
    return ", ".join(f'"{w}"' for w in uniq)
