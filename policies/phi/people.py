"""Who is named in a text, and whether the words around a name make them staff."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import cues as cx
from . import lexicon as lx


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    source: str  # "ner" | "handle" | "patient_cue" | "greeting_cue" | "subject_cue"


def _ok_name(word: str) -> bool:
    first = word.split()[0].lower().strip("'’")
    return (
        first not in lx.NON_NAMES
        and first not in lx.STAFF_TITLES
        and len(first) > 1
        and not first.endswith("ing")
        and first not in lx.HEALTH_TERMS
        and first not in lx.CARE_TERMS
        and not _is_stop(first)
    )


_STOP: set[str] = set()


def _is_stop(word: str) -> bool:
    global _STOP
    if not _STOP:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOP = set(STOP_WORDS)
    return word in _STOP


_PERSON_BEFORE = re.compile(
    r"\b(?:to|for|with|congrats|congratulations|thanks|thank you|welcome|meet|and|hugs|love)"
    r"\s*,?\s*$",
    cx.I,
)
_PERSON_AFTER = re.compile(r"(?:['’]s\b|\s*,\s*(?:\d|who\b)|\s+(?:is|was|had|has|who)\b)")


def _reads_as_person(text: str, start: int, end: int) -> bool:
    """Another entity label on a "First Last" span is taken for a person only where a person
    would stand: "to Amber Brown", "Big Mike, who ..." (not "on Facebook Live")."""
    return bool(_PERSON_BEFORE.search(text[max(0, start - 20) : start])) or bool(
        _PERSON_AFTER.match(text, end)
    )


def people_in(doc: Any, text: str) -> list[Person]:
    found: list[Person] = []
    sentence_starts = {s.start_char for s in doc.sents}
    for ent in doc.ents:
        if re.search(r"[@/\d]|\.\w", ent.text):
            continue
        if ent.label_ == "PERSON":
            nxt = text[ent.end_char : ent.end_char + 12]
            if (
                len(ent) == 1
                and ent.start_char in sentence_starts
                and not re.match(r"(?:['’]s\b|\s*,|\s+(?:is|was|has|had|from|and)\b|\s+[A-Z])", nxt)
            ):
                continue  # "Drop off your..." : a capitalised verb the small model took for a name
            found.append(Person(ent.start_char, ent.end_char, "ner"))
        elif (
            ent.label_ in ("ORG", "GPE", "WORK_OF_ART", "NORP", "FAC", "PRODUCT")
            and re.fullmatch(r"[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){1,2}", ent.text)
            and not cx.INSTITUTION.search(ent.text)
            and not any(w.lower() in lx.HEALTH_TERMS for w in ent.text.split())
            and _reads_as_person(text, ent.start_char, ent.end_char)
        ):
            found.append(Person(ent.start_char, ent.end_char, "ner_other"))
    for m in cx.HANDLE.finditer(text):
        found.append(Person(m.start(), m.end(), "handle"))
    for source, pattern in (
        ("patient_cue", cx.PATIENT_CUE),
        ("greeting_cue", cx.GREETING_CUE),
        ("subject_cue", cx.SUBJECT_CUE),
        ("possessive_cue", cx.POSSESSIVE_CUE),
        ("from_cue", cx.FROM_CUE),
        ("patient_cue", cx.BABY_CUE),
        ("vocative_cue", cx.VOCATIVE_CUE),
    ):
        for m in pattern.finditer(text):
            group = "m" if "m" in pattern.groupindex and m.group("m") else "n"
            name = m.group(group)
            if not name or not (
                _ok_name(name)
                or (
                    source == "subject_cue"
                    and name[0].isupper()
                    and name.split()[0].lower() not in lx.NON_NAMES
                )
            ):
                continue
            start, end = m.start(group), m.end(group)
            if len(name.split()) > 1 and not _ok_name(name.split()[1]):
                end = start + len(name.split()[0])
            if (
                name[0].islower()
                and source != "subject_cue"
                and not re.match(r"\s*(?:on|for|who|[!,.])", text[end:])
            ):
                continue  # a lowercase word is a name only in "congrats to jane on/for/!"
            # keep a second word only when it is capitalised ("Mark Li", not "Mark on")
            words = name.split()
            if len(words) > 1 and not _ok_name(words[1]):
                end = start + len(words[0])
            found.append(Person(start, end, source))
    # merge overlaps: a cue-found name keeps its (stronger) source, the longer span wins
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    merged: list[Person] = []
    rank = {
        "patient_cue": 6,
        "subject_cue": 5,
        "handle": 4,
        "possessive_cue": 3,
        "from_cue": 3,
        "greeting_cue": 2,
        "vocative_cue": 2,
        "ner": 1,
        "ner_other": 0,
    }
    for p in found:
        if merged and p.start < merged[-1].end:
            last = merged[-1]
            source = max(last.source, p.source, key=rank.__getitem__)
            merged[-1] = Person(min(last.start, p.start), max(last.end, p.end), source)
        else:
            merged.append(p)
    return merged


def is_staff(text: str, p: Person) -> bool:
    if p.source in ("handle", "patient_cue"):
        return False
    name = text[p.start : p.end]
    if name.split()[0].lower().rstrip(".") in {t.rstrip(".") for t in lx.STAFF_TITLES}:
        return True
    before = re.findall(r"[\w.'’\-]+", text[max(0, p.start - 40) : p.start].lower())[-3:]
    after_text = text[p.end : p.end + 60]
    after = re.findall(r"[\w.'’\-]+", after_text.lower())[:4]
    if before and before[-1].rstrip(".") in {t.rstrip(".") for t in lx.STAFF_TITLES}:
        return True
    if len(before) >= 2 and before[-2] == "our" and before[-1] not in ("patient", "patients"):
        return True  # "our nurse Kim", "our own Kim"
    if before and before[-1] in ("meet", "welcome", "welcoming", "introducing"):
        return True
    if after and after[0].strip(",.") in lx.STAFF_SUFFIXES:
        return True
    apposition = re.match(r"\s*,\s*(?:our|the|a|one of our)\s+[^,.!?]*", after_text, cx.I)
    if apposition and not re.search(
        r"patient|friend|neighbou?r|family|member", apposition.group(0), cx.I
    ):
        return True  # "Maria, our new front desk coordinator"
    if after and after[0] in lx.STAFF_VERBS:
        return True
    return bool(
        re.match(
            r"\s+(?:to|has joined|joins|is joining) (?:our|the) (?:team|practice|staff)",
            after_text,
            cx.I,
        )
    )
