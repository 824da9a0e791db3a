"""The screen's vocabularies, read lazily from the files data/build_vocab.py compiled from
kept packages (ICD-10-CM, drug-named-entity-recognition, Faker's census names, Unicode's
confusables) plus the small hand-kept lay list data/lay_terms.tsv. Nothing here loads at
import time; each table loads once per process on first use."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .euphemisms import euphemisms, treatment_ends
from .euphemisms import span as euphemism_span
from .lazy_pattern import lazy
from .milestones import milestones
from .misspelt import MIN_LENGTH, near_term
from .misspelt import in_spanish as misspelt_in_spanish
from .prefilter import gated

DATA = Path(__file__).resolve().parent / "data"
RARE_ZIPF = 2.3  # a condition whose rarest word is this rare in English is a rare disease
# A care or health word used as the name of a service or event ("vaccine clinic", "diabetes
# support group", "anxiety group") speaks of the service, not of someone's care.
_SERVICE = lazy(  # also after a possessive: "Alzheimer's research", "Crohn's walk"
    r"(?:['’]s)?\s+(?:(?:support|prevention|awareness|education|response|screening|care)\s+)?(?:clinic|"
    r"class|"
    r"classes|program|programme|day|drive|event|night|team|fair|workshop|group|line|portal|"
    r"hours|month|week|season|protocol|policy|supplies|research|wing|suite|services?|panel|"
    r"talk|camp|center|centre|unit|department|specialist|program|health team|"
    r"care team|medicine team|health clinic|health wing|educator|education|certification|"
    r"certificate|nurse|doctor|expert|navigator|consultant|counselor|research|researchers|study|trial|walk|run|5k|"
    # a job named by the care it gives: "cardiovascular sonographer", "respiratory therapist"
    r"[a-z]{2,}(?:grapher|ologist|ician|therapist|technician|technologist|assistant|"
    r"coordinator|aide)s?)\b",
    re.IGNORECASE,
)
# Procedures are coded in ICD-10-PCS by body part and approach, not by the names people
# write ("appendectomy", "tonsillectomy", "rhinoplasty"); those are built from a closed set of
# Greek and Latin combining forms, so the forms themselves are the vocabulary.
_PROCEDURE_FORM = lazy(
    r"[a-z]{3,}(?:ectomy|ectomies|otomy|otomies|ostomy|ostomies|plasty|plasties|oscopy|"
    r"oscopies|itis|opathy|algia)$"
)
_CARE_ABBREVIATIONS = frozenset({"PT", "OT", "ER", "ED", "ICU", "OR"})
# "her concussion protocol", "his physical therapy program": the person's own, not a service
_POSSESSIVE = lazy(r"\b(?:his|her|their|your|my)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_OWN_PLAN = frozenset({"protocol", "program", "programme", "plan", "team", "care team"})
_EPONYM_POSSESSIVE = lazy(r"['’]s?(?![\w'’])")
# ... after the words a disease's name follows ("her Parkinson's", "living with Addison's",
# "diagnosed with Huntington's"), not after a first name or a title ("Sam Wilson's", "Dr.
# Graves' office")
_EPONYM_BEFORE = lazy(r"\b(?:his|her|their|my|your|our|with|has|had|have|having|of|from|"
                      r"for|about|diagnosed|early|late|stage|onset|advanced|new|like)\s+"
                      r"(?:[\w-]+[- ]onset\s+)?$", re.IGNORECASE)
_NOT_EPONYM_AFTER = lazy(r"['’]s?\s+(?:office|team|clinic|practice|patients?|staff|desk|"
                         r"family|wife|husband|son|daughter|house|store|shop|class|help|"
                         r"support|guidance|advice|words|book|blessing)\b",
                         re.IGNORECASE)
_TOKEN = lazy(r"[A-Za-z][A-Za-z\-]*[A-Za-z]|[A-Za-z]|\d+")


@dataclass(frozen=True)
class Term:
    source: str  # "icd10cm" | "drug" | "lay" | "abbreviation" | "morphology" | "relation"
    kind: str  # "condition" | "care"
    zipf: float  # English frequency of its rarest word (wordfreq): low = rare

    @property
    def rare(self) -> bool:
        return self.source == "icd10cm" and self.zipf < RARE_ZIPF


_PROCEDURE_TERM = Term("morphology", "condition", 8.0)
# a specialist by the same morphology ("cardiologist", "oncologist"): someone's care
_SPECIALIST_FORM = lazy(r"[a-z]{3,}olog(?:ist|ists)$")
_SPECIALIST_TERM = Term("morphology", "care", 8.0)


_CARE_ABBREVIATION_TERM = Term("lay", "care", 8.0)
_ABBREVIATION_TERM = Term("abbreviation", "condition", 8.0)
_LAY_CONDITION = Term("lay", "condition", 8.0)
# an abbreviation as a field of skill ("CKD experience a plus", "COPD-certified educator")
_SKILL_AFTER = lazy(r"[\s-]+(?:experience|expertise|certified|certification|training|"
                    r"background|skills?|knowledge)\b", re.IGNORECASE)
# "MS" is multiple sclerosis only where it is somebody's ("her MS", "living with MS", "MS
# flare"): elsewhere a degree ("Ana Ruiz, MS, RD"), a state ("Tupelo, MS"), a title or
# Microsoft ("MS Teams"), so it is no vocabulary entry
_MS_OWNED_BEFORE = lazy(r"\b(?:his|her|their|my|your|has|have|had|having|with|from|"
                        r"of)\s+$", re.IGNORECASE)
_MS_AFTER = lazy(r"\s+(?:(?P<own>flares?|diagnosis|relapses?|symptoms|attacks?|"
                 r"fatigue|lesions?|meds|medication|infusions?)\b|[A-Z]|(?:in|from|degree|"
                 r"program|student)\b)")
# hurt or burned with no object, by a verb that gives it to its subject: "Coach Lee got hurt
# at practice", "was badly burned"; not "got burned by the parking rates", "burned out"
_INJURED = gated(
    r"\b(?:got|get|gets|getting|was|were|been|is|are|being)\s+(?:(?:badly|"
    r"seriously|severely|really|pretty|so|very|quite|a\s+(?:bit|little))\s+)?"
    r"(hurt|burned|burnt|scalded)\b(?!\s+(?:by|out|up|feelings|"
    r"financially)\b|-out)",
    re.IGNORECASE,
)
# an everyday noun that is one reader's appliance or visit by what is said of it: "your crown
# is ready", "your new contacts are in", "your consult is confirmed for the 12th"
_BOOKED = gated(
    r"\byour\s+(?:[\w-]+\s+)?(crown|bridge|contacts|frames|lenses|fitting|"
    r"consult|consultation|mouth ?guard|night ?guard|partial|appliance|implant)"
    r"s?\s+(?:[\w.'’-]+\s+){0,4}?(?:(?:is|are|was|were|has been|have been|['’]s)"
    r"\s+(?:(?:all|now|finally|officially|being)\s+)?(?:ready|in|here|back|"
    r"booked|scheduled|confirmed|set|fitted|placed|seated|cemented|adjusted|"
    r"on the (?:books|calendar))\b|arrived|came in|(?:comes?|coming) (?:off|out)|"
    r"(?:goes|go|going) (?:on|in)|(?:gets?|getting|will be|to be) (?:fitted|"
    r"placed|seated|cemented|adjusted)|(?:got|has been|was) (?:moved|"
    r"rescheduled))"
    # a visit named by the time since the last: "your 6-week check"
    r"|\b((?:\d{1,2}|one|two|three|four|six|eight|twelve)[- ](?:day|week|month|"
    r"year)[- ]check)\b",
    re.IGNORECASE,
)
_LAY_CARE = Term("lay", "care", 8.0)
# Words that are care only as someone's own: "his bypass" (a road has one too), "your echo",
# "your beta" (a pregnancy test's hCG), "your potassium", "your last cycle", "her counts",
# "your sugar(s)", "your walking boot" (session 9: each measured on every set's pass items)
_OWNED_BYPASS = lazy(
    r"\b(?:his|her|their|your|my)\s+(?:recent\s+|new\s+|last\s+|next\s+|latest\s+|first\s+)?"
    r"(bypass|echo|beta|potassium|sodium|iron|(?:blood\s+)?counts|sugars?|(?:chemo\s+)?cycle|"
    r"(?:walking\s+)?boot|levels|(?:blood\s+)?pressure)\b"
    r"(?!\s+(?:supplies|products|skillet|pan|camp|size|hike|hiking|points?|cleaning))",
    re.IGNORECASE)
_NOBODY_BEFORE = lazy(r"\b(?:nobody|no\s+one|no-one|none|never|not|n['’]t)\s+"
                      r"(?:\w+\s+)?$", re.IGNORECASE)
# every word _PROCEDURE_FORM or _SPECIALIST_FORM matches ends with one of these
_FORM_ENDINGS = ("ectomy", "ectomies", "otomy", "otomies", "ostomy", "ostomies", "plasty",
                 "plasties", "oscopy", "oscopies", "itis", "opathy", "algia", "ologist",
                 "ologists")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    term: Term


@lru_cache(maxsize=1)
def health_terms() -> tuple[dict[str, Term], dict[str, int]]:
    """phrase -> Term, and for each first word the longest phrase starting with it."""
    terms: dict[str, Term] = {}
    shared: dict[tuple[str, str], Term] = {}  # a few hundred distinct values: share them
    with open(DATA / "health_terms.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            phrase, source, zipf = line.rstrip("\n").split("\t")
            term = shared.get((source, zipf))
            if term is None:
                term = shared[(source, zipf)] = Term(source, "condition", float(zipf))
            terms[phrase] = term
    for phrase, kind in _lay_terms():
        if phrase == phrase.lower():  # capitals-only abbreviations: exact_terms()
            terms[phrase] = Term("lay", kind, 8.0)
    starts: dict[str, int] = {}
    for phrase in terms:
        words = phrase.split(" ")
        if starts.get(words[0], 0) < len(words):
            starts[words[0]] = len(words)
    return terms, starts


@lru_cache(maxsize=1)
def exact_terms() -> dict[str, Term]:
    """One-word lay terms written with capitals in lay_terms.tsv, and the condition
    abbreviations of abbreviations.txt (ICD-10-CM), matched only as written: "AIDS" is the
    disease, "hearing aids" are not; "PrEP" is HIV care, "meal prep" is not."""
    out = {phrase: _ABBREVIATION_TERM for phrase in
           (DATA / "abbreviations.txt").read_text(encoding="utf-8").split()
           if not phrase.startswith("#") and phrase.isupper()}
    out.update({phrase: Term("lay", kind, 8.0) for phrase, kind in _lay_terms()
                if phrase != phrase.lower()})
    return out


@lru_cache(maxsize=1)
def _lay_terms() -> tuple[tuple[str, str], ...]:
    """lay_terms.tsv read once for both lookups: (phrase, kind) rows."""
    rows = []
    with open(DATA / "lay_terms.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            phrase, kind = line.rstrip("\n").split("\t")
            rows.append((phrase, kind))
    return tuple(rows)


def health_word(word: str) -> bool:
    """A lowercase word is a vocabulary term, its plural, or the first word of a term."""
    terms, starts = health_terms()
    return word in terms or word in starts or (word.endswith("s") and word[:-1] in terms)


_NON_ASCII = lazy(r"[^\x00-\x7f]")


# letters with no Unicode decomposition that a reader still sees as a Latin letter with a mark
# (Vietnamese "đ" in "tiểu đường", "Đặng")
_NO_DECOMPOSITION = {"đ": "d", "Đ": "D"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _NO_DECOMPOSITION:
        return _NO_DECOMPOSITION[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


def _fold(text: str) -> str:
    """Accents off, one character for one ("cirugía" -> "cirugia"), so spans stay put. Only
    the non-ASCII characters are visited (a post from a phone is mostly ASCII, with a dash
    or an emoji), each folded once per process."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda m: _fold_char(m.group()), text)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    folded = _fold(text)
    lowered = folded.isascii()  # then lower-cased once: same positions, same tokens
    if lowered:
        folded = folded.lower()
    cased = _fold(text) if lowered and "#" in text else folded  # a hashtag's capitals
    for m in _TOKEN.finditer(folded):
        word = m.group(0) if lowered else m.group(0).lower()
        if word == "s" and m.start() > 0 and text[m.start() - 1] in "'\u2019":
            continue  # "Parkinson's" matches "parkinson" (the build strips "'s" too)
        if m.start() > 0 and text[m.start() - 1] == "#":
            parts = _hashtag_words(cased[m.start() : m.end()], m.start(),
                                   _RACE_AFTER.match(text, m.end()) is not None)
            if parts:
                out += parts
                continue
        out.append((m.start(), m.end(), word))
    return out


# A hashtag's words: its CamelCase parts ("#ChemoDone", "#DíaDeQuimio", folded first), or a
# lower-case tag that is a vocabulary term written without its spaces, alone or before one
# of a few kept words ("#kidneytransplant", "#chemodone"). Only the care reading splits a
# tag: names are found in the tag as written ("#MarkYourCalendar" names no Mark).
_CAMEL_PART = lazy(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|\d+")
_TAG_TAILS = ("", "free", "done", "day", "days", "warrior", "warriors", "survivor",
              "survivors", "strong", "journey", "life", "recovery", "fighter", "over",
              "complete", "finished", "graduate", "sucks", "club", "gang", "squad", "crew",
              "update", "diaries", "mom", "mama", "dad", "kid", "baby", "patient")


# A campaign's tag names an event or a collection, not anyone's care ("#ChemoDrive",
# "#ChemoCareKits", "#KidneyWalk", "#BeatCancer5K", "#CaminataContraElCancer"): its last
# word (in Spanish its first) is one of these, or "awareness" + "day"/"week"/"month".
_TAG_EVENT_LAST = frozenset({
    "drive", "drives", "kit", "kits", "walk", "walks", "walkathon", "run", "runs", "ride",
    "race", "relay", "marathon", "5k", "10k", "month", "awareness", "fundraiser",
    "fundraising", "gala", "donation", "donations", "donate", "raffle", "auction", "bingo",
    "telethon", "tournament", "golf", "collection", "campaign", "colecta", "caminata",
    "carrera", "rifa", "donaciones"})
_TAG_EVENT_FIRST = frozenset({"colecta", "caminata", "carrera", "maraton", "rifa", "campana",
                              "donacion", "donaciones", "feria", "subasta"})


_RACE_AFTER = lazy(r"\d{1,3}k\b", re.I)


def _campaign_tag(words: list[str]) -> bool:
    last = words[-1]
    return (last in _TAG_EVENT_LAST or words[0] in _TAG_EVENT_FIRST or len(words) > 1
            and words[-2] == "awareness" and last in ("day", "week", "month"))


def _hashtag_words(tag: str, at: int, race: bool = False) -> list[tuple[int, int, str]] | None:
    """The words of a hashtag's tag (without its "#") starting at ``at``, or None to read
    the tag as one word (``race``: the tag goes on with a race's "5K")."""
    if race:
        return None  # "#BeatCancer5K"
    if tag.islower():
        words = _run_together(tag, at)
    elif tag.isupper() or not any(a.islower() and b.isupper() for a, b in zip(tag, tag[1:],
                                                                                strict=False)):
        return None  # "#ICU", "#Chemo": one word
    else:
        words = [(at + p.start(), at + p.end(), p.group(0).lower())
                 for p in _CAMEL_PART.finditer(tag)]
    if words and _campaign_tag([w for _, _, w in words]):
        return None  # "#ChemoDrive": a drive, whoever organises it
    return words


def _run_together(tag: str, at: int) -> list[tuple[int, int, str]] | None:
    """A lower-case tag as [a word that opens a term] + a term + [a kept word]
    ("kidney"+"transplant", "chemo"+"done"), or None."""
    if len(tag) < 7 or "-" in tag:
        return None
    words = _term_then_tail(tag)
    if words is None:
        _, starts = health_terms()
        for cut in range(4, len(tag) - 4):
            if tag[:cut] in starts and (rest := _term_then_tail(tag[cut:])) is not None:
                words = (tag[:cut], *rest)
                break
    if words is None:
        return None
    out, pos = [], at
    for word in words:
        out.append((pos, pos + len(word), word))
        pos += len(word)
    return out


def _term_then_tail(run: str) -> tuple[str, ...] | None:
    joined = _joined_terms()
    for cut in range(len(run), 4, -1):
        words = joined.get(run[:cut])
        if words is not None and run[cut:] in _TAG_TAILS:
            return (*words, *((run[cut:],) if cut < len(run) else ()))
    return None


@lru_cache(maxsize=1)
def _joined_terms() -> dict[str, tuple[str, ...]]:
    """Vocabulary terms (no drug names) as one run of letters -> their words: a term of
    two words or more of 7 letters or more, a one-word term of 5 or more."""
    terms, _ = health_terms()
    out: dict[str, tuple[str, ...]] = {}
    for phrase, term in terms.items():
        if term.source == "drug" or not phrase.replace(" ", "").isalpha():
            continue
        words = tuple(phrase.split(" "))
        joined = "".join(words)
        if len(joined) >= (7 if len(words) > 1 else 5):
            out.setdefault(joined, words)
    return out


def health_mentions(text: str) -> list[Mention]:
    """Longest vocabulary matches, left to right, case-insensitive."""
    return list(_health_mentions(text))


def health_words(text: str) -> list[Mention]:
    """As health_mentions, with a term that names a service kept too ("the dialysis team",
    "our infusion suite"): health anywhere in a text, whoever it belongs to."""
    return list(_health_mentions(text, True))


@lru_cache(maxsize=512)
def _health_mentions(text: str, services: bool = False) -> tuple[Mention, ...]:
    """Cached: a text's sentences and spans are looked up again by the parse's gate
    (subjects.needs_parse), the judgement and the name tests (candidates.py)."""
    terms, starts = health_terms()
    exact = exact_terms()
    toks = _tokens(text)
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        found = None
        first = toks[i][2]
        longest = starts.get(first)
        if longest is None:  # the fallback tested only for a word that starts no term
            longest = 1 if first.endswith(("s", "-free")) or first.startswith(
                ("post-", "pre-")) or "-" in first else 0
        for n in range(min(longest, len(toks) - i), 0, -1):
            phrase = first if n == 1 else " ".join(t[2] for t in toks[i : i + n])
            term = terms.get(phrase)
            if term is None and n == 1 and phrase.endswith("s") and len(phrase) > 4:
                term = terms.get(phrase[:-1])  # plurals: "fractures", "seizures"
                if term is not None and term.source == "drug":
                    term = None
            if term is None and n > 1 and phrase.endswith("s") and len(toks[i + n - 1][2]) > 3:
                # ... and of a phrase's last word: "panic attacks", "kidney stones", "ear
                # infections" (the code lists spell conditions in the singular)
                term = terms.get(phrase[:-1])
                if term is not None and term.source == "drug":
                    term = None
            if term is None and n == 1 and phrase.startswith(("post-", "pre-")):
                # "post-transplant", "pre-surgery", "post-chemo": the time around one's care
                term = terms.get(phrase.split("-", 1)[1])
                if term is not None and term.source == "drug":
                    term = None
            if term is None and n == 1 and phrase.endswith("-free"):
                term = terms.get(phrase[:-5])  # "seizure-free", "cancer-free", "smoke-free"
                if term is not None and term.kind != "condition":
                    term = None
            if term is None and n == 1 and "-" in phrase:
                term = _hyphenated(phrase, terms)
            if term is not None and term.source == "drug" and n == 1 and not_a_medicine(
                    text, toks[i][0], toks[i][1]):
                term = None  # "Doña" folds to "dona", "thăm" to "tham": both drugs
            if term is not None and n > 1 and term.source == "lay" and _not_one_phrase(
                    text, toks[i : i + n]):
                term = None  # "Mo, Tim and Ana", "Hoa Tri": names, not "mổ tim", "hóa trị"
            if term is not None and phrase in _SIGNED_UP and _SIGNED_UP_AFTER.match(
                    text, toks[i + n - 1][1]):
                term = None  # "dado de alta en nuestro portal": signed up, not discharged
            if term is not None and phrase in _WHERE_ONE_WORKS and (_AT_WORK_AFTER.match(
                    text, toks[i + n - 1][1]) or _AT_WORK_BEFORE.search(
                    text, max(0, toks[i][0] - 40), toks[i][0])):
                term = None  # "Nurse Ada is in the hospital all week covering the ward"
            if term is not None:
                found = (n, term)
                break
        written = text[toks[i][0] : toks[i][1]] if found is None else ""
        if found is None and written in exact:
            found = (1, exact[written])
            if found[1] is _ABBREVIATION_TERM and _SKILL_AFTER.match(text, toks[i][1]):
                found = None  # "CKD experience a plus": a skill a job asks for
        if found is None and text[toks[i][0]].isupper() and _EPONYM_POSSESSIVE.match(
                text, toks[i][1]) and _EPONYM_BEFORE.search(
                text, max(0, toks[i][0] - 30), toks[i][0]) and not _NOT_EPONYM_AFTER.match(
                text, toks[i][1]):
            # "his Parkinson's", "Graves'", "Addison's": a disease the code list names after
            # a person ("parkinson disease"), written with only the possessive (not "Dr.
            # Graves' office")
            term = terms.get(first + " disease") or terms.get(first + " syndrome")
            if term is not None and term.kind == "condition":
                found = (1, term)
        if found is None and written == "MS" and _ms_owned(text, toks[i][0], toks[i][1]):
            found = (1, _LAY_CONDITION)
        if found is None and written in _CARE_ABBREVIATIONS:
            found = (1, _CARE_ABBREVIATION_TERM)  # "PT", "OT": capitals only ("pt" is a point)
        if found is None and first.endswith(_FORM_ENDINGS):  # cheap test before the patterns
            if _PROCEDURE_FORM.fullmatch(first):
                found = (1, _PROCEDURE_TERM)
            elif _SPECIALIST_FORM.fullmatch(first):
                found = (1, _SPECIALIST_TERM)
        if found is None and len(first) >= MIN_LENGTH and text[
                toks[i][0] : toks[i][1]].isascii():  # "chemoterapy", "diabetis" (misspelt.py)
            near = near_term(first)
            if near is not None and not misspelt_in_spanish(text):
                found = (1, near)
        if found:
            n, term = found
            start, end = toks[i][0], toks[i + n - 1][1]
            service = _SERVICE.match(text, end)
            if services or not service or (_POSSESSIVE.search(text, 0, start)
                               and service.group(0).strip().lower() in _OWN_PLAN):
                out.append(Mention(start, end, text[start:end], term))
            i += n
        else:
            i += 1
    return _with_phrases(text, out)


# A hospital as a place: being in, leaving or going to one tells a stay, unless the words
# around it tell work there: a shift or rounds ("in the hospital all week covering the ward",
# "on call in the hospital", "works in the hospital"), the practice's own outreach ("in the
# hospital with our flu vaccine cart"), a job left ("leaving the hospital to join our team").
# A care team does not ("in the hospital with the NICU team", "con el equipo de cardiología"):
# a patient is there with one too.
_WHERE_ONE_WORKS = frozenset({"in the hospital", "en el hospital", "left the hospital",
                              "leaving the hospital", "leaves the hospital", "nasa ospital",
                              "a l hopital"})
_AT_WORK_AFTER = lazy(
    r"[ \t,]+(?:(?:all|this|each|every|today|tonight)\s+(?:\w+\s+)?)?(?:"
    r"(?:covering|rounding|on\s+call|doing\s+rounds|cubriendo|de\s+guardia)"
    r"\b|for\s+(?:rounds|a\s+shift|(?:her|his|their|a)\s+(?:shift|rotation)|training|work|"
    r"orientation)\b|(?:with|con)\s+(?:our|the|nuestro|nuestra|el)\s+(?:[\w-]+\s+){0,2}?(?:outreach|"
    r"flu|vaccine|screening|volunteer|education|health\s+fair|community|vacunas?|voluntarios)"
    r"\s+(?:[\w-]+\s+)?(?:team|cart|crew|booth|table|equipo|carrito|mesa)\b|"
    r"(?:to|para)\s+(?:join|work|start|open|lead|head|practice|unirse|trabajar)\b|"
    r"after\s+(?:\w+\s+){0,2}(?:years|decades)\b|"
    # a timetable: "in the hospital Mondays and Wednesdays", "on weekends", "tuwing Sabado",
    # "à l'hôpital mardi" (a stay is told by "this week", "since Monday", not by a weekday)
    r"(?:on\s+)?(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends|"
    r"weeknights|los\s+(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bados|domingos)|"
    r"tuwing|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b)", re.I)
_AT_WORK_BEFORE = lazy(
    r"\b(?:works?|worked|working|work\s+shifts|rounds|shifts?|volunteers?|volunteering|on\s+call|"
    r"trabaja|trabajan|trabajó|voluntari[oa]s?|de\s+guardia)\s+(?:\w+\s+){0,2}$", re.I)


# Letters no medicine's name is written with, in any language the practice writes in: the
# Spanish "ñ" ("Doña", "años" fold to the drugs "dona", "anos") and the Vietnamese letters and
# tone marks ("thăm" folds to the drug "tham"). Spanish and French write medicines with their
# accents ("losartán", "buprénorphine"), so an accent alone says nothing.
_NOT_IN_MEDICINES = frozenset("ñÑăĂơƠưƯđĐ")
_VIETNAMESE_MARKS = frozenset("\u0323\u0309\u031b")  # dot below, hook above, horn

# Frequent Vietnamese syllables, as the screen reads them (marks off: "trước" -> truoc). A few
# are English words too ("rat", "den"), so they are counted two at a time or as a share of
# the text. Many are also given names or surnames, or short medicines ("Tuần trước" = last
# week; "tiểu đường bằng tiếng Việt" = diabetes in Vietnamese; "hỏi thăm" = ask after).
VIETNAMESE = frozenset((
    "toi", "cua", "khong", "duoc", "nhung", "voi", "rat", "nhieu", "chung", "trong", "nguoi",
    "mot", "dang", "vua", "cac", "benh", "vien", "truoc", "nhe", "oi", "cung", "thi", "den",
    "cam", "nay", "hoc", "tieng", "lop", "tieu", "duong", "kham", "giai", "thich", "nha", "roi",
    "chua", "gio", "khoe", "ngay", "tuan", "thang", "sinh", "xuat", "nhap", "vay", "nhu", "bac",
    "chay", "ung", "thu", "phoi", "viem", "thuoc", "cho", "lanh", "tri", "qua", "moi",
    "biet", "nhin", "uong", "ngu", "phong", "hon", "sang", "chieu", "toi", "mien", "phi", "tai",
    "nguoi", "hoi", "tham", "gioi", "tren", "nen", "tam", "soat", "huyet", "kiem", "ngua",
    "quy", "huong", "cach", "nhan", "giup", "tinh", "luon", "thuong", "xuyen", "sot", "cum",
    "khi", "sau", "nhat", "viec", "duoi", "tuoi", "cuoc", "goi", "lien", "he", "nhu", "ngoai",
))
_WORD = lazy(r"[A-Za-z]+")


def _not_one_phrase(text: str, toks: list[tuple[int, int, str]]) -> bool:
    """A lay phrase's words split by punctuation ("Mo, Tim"), or every word capitalised and
    one a given name or surname ("Mo Tim and Ana", "Hoa Tri"): names, not the phrase."""
    gaps = [text[a[1] : b[0]] for a, b in zip(toks, toks[1:], strict=False)]
    if any(re.search(r"[;:.!?()/]", g) or len(toks) == 2 and "," in g for g in gaps):
        return True  # ("hand, foot and mouth disease" is one, commas and all)
    words = [text[a:b] for a, b, _ in toks]
    # short syllables only: "Lou Gehrig's" is the disease's eponym, capitals and all
    return all(w[:1].isupper() and not w.isupper() and len(w) <= 4 for w in words) and any(
        name_key(w) in first_names() or name_key(w) in surnames() for w in words)


# "dado de alta" is also being signed up ("dado de alta en nuestro portal")
_SIGNED_UP = frozenset({"dado de alta", "dada de alta", "dieron de alta"})
_SIGNED_UP_AFTER = lazy(
    r"\s+(?:en|como)\s+(?:el|la|los|las|nuestro|nuestra|su|sus|un|una)?\s*(?:portal|sistema|"
    r"programa|registro|plan|app|aplicaci[óo]n|lista|seguro|medicaid|medicare|cl[íi]nica|"
    r"servicio|paciente)", re.I)


def among_vietnamese(text: str, start: int, end: int) -> bool:
    """Two or more of the three words on each side of text[start:end] are Vietnamese
    syllables (in the text as the screen reads it, marks off), or the text is Vietnamese."""
    before = _WORD.findall(_fold(text[max(0, start - 30) : start]))[-3:]
    after = _WORD.findall(_fold(text[end : end + 30]))[:3]
    return sum(w.lower() in VIETNAMESE for w in before + after) >= 2 or _vietnamese_text(text)


@lru_cache(maxsize=256)
def _vietnamese_text(text: str) -> bool:
    """A fifth or more of the text's words, and four at least, are Vietnamese syllables."""
    words = [w.lower() for w in _WORD.findall(_fold(text))]
    hits = sum(w in VIETNAMESE for w in words)
    return hits >= 4 and hits * 5 >= len(words)


def not_a_medicine(text: str, start: int, end: int) -> bool:
    """The word at text[start:end] is written in a way no medicine's name is: a letter of
    _NOT_IN_MEDICINES or a Vietnamese tone mark, or (marks already off) a short word among
    Vietnamese syllables."""
    word = text[start:end]
    if not word.isascii() and (any(ch in _NOT_IN_MEDICINES for ch in word) or any(
            m in _VIETNAMESE_MARKS for m in unicodedata.normalize("NFD", word))):
        return True
    return end - start <= 4 and among_vietnamese(text, start, end)


def _hyphenated(word: str, terms: dict[str, Term]) -> Term | None:
    """A compound made with a condition: "eating-disorder stay", "seizure-med restriction",
    "dialysis-prep visits", "jaw-surgery bill". Its words as a phrase, else its first or
    last part when that is a condition of the code lists or the lay list (not a medicine:
    "iron-rich"; not a short word: "flu-like" is a symptom anyone has)."""
    term = terms.get(word.replace("-", " "))
    if term is not None:
        return term
    parts = word.split("-")
    for part in (parts[0], parts[-1]):
        term = terms.get(part)
        if term is not None and term.kind == "condition" and term.source != "drug" and len(
                part) > 4:
            return term
    return None


def _with_phrases(text: str, found: list[Mention]) -> tuple[Mention, ...]:
    """The word matches plus health a phrase makes of everyday words: "got hurt", "your crown
    is ready" (see _INJURED, _BOOKED); a phrase replaces a word match inside it, and is left
    out where it overlaps one otherwise."""
    more = [Mention(m.start(1), m.end(1), m.group(1), _LAY_CONDITION)
            for m in _INJURED.finditer(text)
            if not _NOBODY_BEFORE.search(text, max(0, m.start() - 24), m.start())]
    for m in _BOOKED.finditer(text):
        g = 1 if m.group(1) else 2
        more.append(Mention(m.start(g), m.end(g), m.group(g), _LAY_CARE))
    # "home after his bypass": a bypass someone has is the operation, a road has none
    more += [Mention(m.start(1), m.end(1), m.group(1), _LAY_CONDITION)
             for m in _OWNED_BYPASS.finditer(text)]
    # "18 months off heroin", "90 days sober": a disorder in remission (milestones.py)
    more += [Mention(m.start(1), m.end(1), m.group(1), _LAY_CONDITION) for m in milestones(text)]
    # "Ana is expecting!", "beat the big C": a pregnancy or a cancer told without its word
    more += [Mention(s, e, text[s:e], _LAY_CONDITION)
             for s, e in map(euphemism_span, euphemisms(text))]
    # "rang the bell 🔔 after her last round of chemo": a cancer treatment's end
    more += [Mention(s, e, text[s:e], _LAY_CONDITION) for s, e in treatment_ends(text)]
    # a phrase takes the place of a shorter word inside it ("6-week check", not "check")
    found = [o for o in found if not any(m.start <= o.start and o.end <= m.end
                                         and m.end - m.start > o.end - o.start for m in more)]
    more = [m for m in more if not any(o.start < m.end and m.start < o.end for o in found)]
    return tuple(sorted(found + more, key=lambda m: m.start)) if more else tuple(found)


def _ms_owned(text: str, start: int, end: int) -> bool:
    """ "MS" that is someone's multiple sclerosis (see _MS_OWNED_BEFORE)."""
    after = _MS_AFTER.match(text, end)
    if after:
        return after.group("own") is not None
    return bool(_MS_OWNED_BEFORE.search(text, max(0, start - 12), start))


# letters NFKD leaves whole, as the name lists spell them ("Søren", "Łukasz", "Weiß")
_NAME_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ß": "ss",
                               "æ": "ae", "œ": "oe", "þ": "th"})


def name_key(word: str) -> str:
    """A lowercase name spelled as the name lists spell it, without accents or special
    letters ("maría" -> "maria", "søren" -> "soren", "côté" -> "cote")."""
    if word.isascii():
        return word.lower()
    return _fold(word.lower()).translate(_NAME_LETTERS)


def accented_name(word: str, names: frozenset[str]) -> bool:
    """An accented word whose spelling without accents is one of ``names`` ("Inés" -> ines,
    "Peña" -> pena), unless it is a common Spanish word that folds to a name ("está",
    "niña": accented_not_names). The lists hold ASCII spellings; the normaliser keeps Spanish
    accents. The candidates ask it of a word beside another name, or alone in the middle of a
    sentence: opening one, an accented capitalised word is more often a Spanish or French
    word ("León", "Niño", "Santé") than a name (an outside review, session 28)."""
    return not word.isascii() and name_key(word) in names and (
        word.lower() not in accented_not_names())


@lru_cache(maxsize=1)
def accented_not_names() -> frozenset[str]:
    return frozenset(line for line in (DATA / "accented_not_names.txt").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset((DATA / "first_names.txt").read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def wordlike_first_names() -> frozenset[str]:
    """First names that are also everyday English words ("mark", "will", "grace")."""
    return frozenset((DATA / "first_names_wordlike.txt").read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def _spanish_verbs() -> dict[str, str]:
    rows = (line.split("\t") for line in (DATA / "spanish_verbs.txt").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] if len(row) > 1 else "" for row in rows}


@lru_cache(maxsize=1)
def spanish_verb_forms() -> frozenset[str]:
    """Spanish verb forms that are no name and no commoner English or Filipino word
    ("ponen", "atienden"), spelled as the name lists spell (name_key), from
    data/spanish_verbs.txt (wordfreq and simplemma)."""
    return frozenset(w for w, mark in _spanish_verbs().items() if not mark)


@lru_cache(maxsize=1)
def spanish_verb_forms_all() -> frozenset[str]:
    """Every Spanish verb form of data/spanish_verbs.txt, names and shared words too
    ("está" folds to the name Esta, "anda"): what may follow a subject."""
    return frozenset(_spanish_verbs())


@lru_cache(maxsize=1)
def spanish_function_words() -> frozenset[str]:
    """Spanish function words no name list spells ("ya", "muy", "cada", "este"), accents
    folded (name_key), from data/spanish_function_words.txt (spaCy's Spanish stop words less
    Faker's Spanish given names), less every word first_names() or surnames() holds, of any
    locale: "Nada", "Tal", "Una", "Ella" are given names too, and a sentence they open may
    name a patient with no other capitalised word to tell it (session 47's review)."""
    words = (DATA / "spanish_function_words.txt").read_text(encoding="utf-8").split("\n")
    return frozenset(w for w in words if w and not w.startswith("#")) - first_names() - (
        surnames())


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset((DATA / "surnames.txt").read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def us_places() -> frozenset[str]:
    """US town names, lower-cased, less one-word towns that are census names
    (data/us_places.txt, from the ZIP code list; build_vocab.py)."""
    return frozenset(line for line in (DATA / "us_places.txt").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def vehicle_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Vehicle makes, models, and models that are everyday words ("Focus", "Escape": a car
    only when capitalised), lowercase, from data/vehicles.tsv (faker-vehicle)."""
    tables: dict[str, set[str]] = {"make": set(), "model": set(), "model_cap": set()}
    for line in (DATA / "vehicles.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, word = line.split("\t")
            tables[kind].add(word)
    tables["make"] |= {"mercedes", "benz", "chevy", "vw"}  # how people write three of them
    return frozenset(tables["make"]), frozenset(tables["model"]), frozenset(tables["model_cap"])


@lru_cache(maxsize=1)
def confusables() -> dict[str, str]:
    return json.loads((DATA / "confusables.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Titles and roles before a name ("Coach", "Mayor", "Principal", "Dr"), from nameparser."""
    from nameparser.config import CONSTANTS

    # "St." before a name is a street far more often than a saint in a practice's posts
    return (frozenset(CONSTANTS.titles) | frozenset(CONSTANTS.first_name_titles)) - {"st", "ste"}


@lru_cache(maxsize=1)
def credentials() -> frozenset[str]:
    """Credentials after a name (", RN", ", DPT"), from nameparser's suffix acronyms."""
    from nameparser.config import CONSTANTS

    return frozenset(CONSTANTS.suffix_acronyms) | frozenset(CONSTANTS.suffix_not_acronyms)


@lru_cache(maxsize=1)
def condition_terms() -> frozenset[str]:
    """Every condition, procedure and medicine phrase (lowercase)."""
    terms, _ = health_terms()
    return frozenset(p for p, t in terms.items() if t.kind == "condition")
