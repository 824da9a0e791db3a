"""Context rules over a spaCy Doc: when a name, date, place or age is tied to a
patient's health or care, and when a reply or comment discloses a care relationship.

The pipeline gives PERSON/DATE/GPE entities and sentences; PhraseMatchers find health
and care terms; the surrounding words decide between staff (marketing) and patient."""

from __future__ import annotations

import re
from typing import Any

from . import cues as cx
from . import lexicon as lx
from .allow import PhiAllowList
from .findings import BLOCK, WARN
from .hits import Hit
from .people import is_staff, people_in


class Matchers:
    """PhraseMatchers built once per loaded pipeline."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.health = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.health.add("HEALTH", list(nlp.tokenizer.pipe(lx.HEALTH_TERMS)))
        self.care = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.care.add("CARE", list(nlp.tokenizer.pipe(lx.CARE_TERMS)))

    def spans(self, doc: Any, which: str) -> list[tuple[int, int, str]]:
        matcher = self.health if which == "health" else self.care
        out = []
        for _, s, e in matcher(doc):
            span = doc[s:e]
            out.append((span.start_char, span.end_char, span.text))
        return out


def _sentence_of(sents: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(sents):
        if s <= pos < e:
            return i
    return len(sents) - 1


def _in_sentences(
    spans: list[tuple[int, int, str]], sents: list[tuple[int, int]], idx: set[int]
) -> list[tuple[int, int, str]]:
    return [sp for sp in spans if _sentence_of(sents, sp[0]) in idx]


def _allowed_spans(text: str, allow: PhiAllowList) -> list[tuple[int, int]]:
    spans = []
    for name in allow.names:
        for word in {name, re.sub(r"^(?:dr\.?|doctor)\s+", "", name, flags=cx.I)}:
            spans += [m.span() for m in re.finditer(re.escape(word), text, cx.I)]
    return spans


# A "name" inside an address, email or link is part of it ("77 Main St, Kent, WA").
_HOSTS = {"geographic", "email", "url"}
_LINKING_IDS = {
    "mrn",
    "health_plan",
    "account",
    "ssn",
    "device",
    "other_id",
    "license",
    "vehicle",
    "ip",
    "url",
    "email",
    "phone",
    "fax",
    "geographic",
}


def context_hits(
    doc: Any,
    text: str,
    allow: PhiAllowList,
    matchers: Matchers,
    context: str,
    id_hits: list[Hit] = (),
) -> list[Hit]:
    sents = [(s.start_char, s.end_char) for s in doc.sents] or [(0, len(text))]
    health = matchers.spans(doc, "health")
    care = matchers.spans(doc, "care")
    allowed = _allowed_spans(text, allow)
    people = [
        p
        for p in people_in(doc, text)
        if not allow.allows_name(text[p.start : p.end])
        and not any(s < p.end and p.start < e for s, e in allowed)
        and not any(h.start < p.end and p.start < h.end for h in id_hits if h.category in _HOSTS)
    ]
    ages = _age_hits(text)
    id_sents = {
        _sentence_of(sents, h.start): h
        for h in list(id_hits) + ages
        if h.severity == BLOCK and h.category in _LINKING_IDS | {"age_over_89"}
    }
    for i, (s_start, s_end) in enumerate(sents):  # "born April 3rd", "DOB 7/22/1948"
        sentence = text[s_start:s_end]
        birth = cx.BIRTH_CUE.search(sentence)
        if birth and i not in id_sents and not re.search(r"happy birthday", sentence, cx.I):
            date = cx.DATE_SHAPE.search(sentence, birth.end())
            if date:
                id_sents[i] = Hit(
                    "date",
                    s_start + date.start(),
                    s_start + date.end(),
                    BLOCK,
                    0.8,
                    "birth_date",
                    "",
                )
    hits: list[Hit] = []
    patient_sents: set[int] = set()
    staff_sents: set[int] = set()

    for p in people:
        sent = _sentence_of(sents, p.start)
        if is_staff(text, p):
            staff_sents.add(sent)
            continue
        near = {sent, sent + 1}
        terms = _in_sentences(health, sents, near)
        after = text[p.end : p.end + 20]
        cared = [
            c
            for c in _in_sentences(care, sents, {sent})
            if re.search(
                r"(?:your|her|his|their|['’]s)\s+(?:\w+\s+)?$", text[max(0, c[0] - 25) : c[0]], cx.I
            )
        ]
        linked_by = None
        if terms:
            linked_by = f"health information ('{terms[0][2]}')"
        elif (
            p.source == "patient_cue"
            or re.search(r"\bpatients?\b\s*$", text[: p.start][-25:], cx.I)
            or re.match(r"\s*,\s*(?:[\w-]+\s+){0,4}patients?\b", text[p.end : p.end + 50], cx.I)
        ):
            linked_by = "the word 'patient'"
        elif p.source == "subject_cue":
            linked_by = "a description of their care"
        elif cx.AGE_APPOSITION.match(after) and (cared or p.source != "greeting_cue"):
            linked_by = "their age"
        elif cared:
            linked_by = f"their care ('{cared[0][2]}')"
        elif sent in id_sents and p.source not in ("ner_other", "vocative_cue"):
            linked_by = (
                f"an identifier of theirs ('{text[id_sents[sent].start : id_sents[sent].end]}')"
            )
        name = text[p.start : p.end]
        if linked_by:
            patient_sents.update(near if terms else {sent})
            who = "handle" if p.source == "handle" else "name"
            hits.append(
                Hit(
                    "name",
                    p.start,
                    p.end,
                    BLOCK,
                    0.9 if terms else 0.8,
                    f"name+{p.source}",
                    f"The {who} '{name}' appears with {linked_by}, which identifies a "
                    "patient; remove it or get the patient's written authorization",
                )
            )
        elif p.source in ("ner", "handle", "possessive_cue"):
            hits.append(
                Hit(
                    "name",
                    p.start,
                    p.end,
                    WARN,
                    0.3,
                    f"name+{p.source}",
                    f"'{name}' is a person's name or handle; if they are a patient, "
                    "naming them discloses that relationship",
                )
            )

    hits += _date_hits(doc, text, sents, health, care, patient_sents, staff_sents, context)
    hits += ages
    hits += _place_and_photo_hits(doc, text, sents, patient_sents)
    for h in [h for h in hits if h.category == "name" and h.severity == BLOCK]:
        place = cx.PLACE_AFTER_NAME.match(text, h.end)
        if place and not allow.allows_name(place.group("p")):
            hits.append(
                Hit(
                    "geographic",
                    place.start("p"),
                    place.end("p"),
                    BLOCK,
                    0.7,
                    "place+patient_name",
                    "A town or place named with a patient narrows down who they are",
                )
            )
    if context == "reply":
        hits += _reply_hits(text, sents, health)
    elif context == "comment":
        hits += _self_disclosure_hits(text, sents, health, care)
    return hits


def _date_hits(
    doc: Any,
    text: str,
    sents: list[tuple[int, int]],
    health: list,
    care: list,
    patient_sents: set[int],
    staff_sents: set[int],
    context: str,
) -> list[Hit]:
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    spans += [
        m.span()
        for m in cx.NUMERIC_DATE.finditer(text)
        if not any(s <= m.start() < e for s, e in spans)
    ]
    hits = []
    for start, end in spans:
        value = text[start:end]
        if not cx.DATE_SHAPE.search(value):
            continue  # years, durations, bare numbers and ages are not dates of an individual
        sent = _sentence_of(sents, start)
        s_start, s_end = sents[sent]
        sentence = text[s_start:s_end]
        has_health = bool(_in_sentences(health + care, sents, {sent}))
        birth_near = cx.BIRTH_CUE.search(text[max(s_start, start - 25) : start])
        if birth_near and (sent in patient_sents or sent not in staff_sents):
            if re.search(r"\bhappy birthday\b", sentence, cx.I) and sent not in patient_sents:
                continue  # a birthday wish alone names no date of birth
            hits.append(
                Hit(
                    "date",
                    start,
                    end,
                    BLOCK,
                    0.85,
                    "date+birth_context",
                    "A birth date tied to a person identifies them",
                )
            )
        elif sent in patient_sents:
            hits.append(
                Hit(
                    "date",
                    start,
                    end,
                    BLOCK,
                    0.85,
                    "date+patient_context",
                    "A date in a sentence about a patient (a visit, procedure, birth or "
                    "discharge) is a date related to that person",
                )
            )
        elif (
            has_health
            and sent not in staff_sents
            and (
                cx.INDIVIDUAL_PRONOUN.search(sentence)
                or (context == "reply" and cx.SECOND_PERSON.search(sentence))
                or (context == "comment" and cx.FIRST_PERSON.search(sentence))
                or cx.HANDLE.search(text)
            )
        ):
            severity = WARN if context == "reply" and not cx.HANDLE.search(text) else BLOCK
            hits.append(
                Hit(
                    "date",
                    start,
                    end,
                    severity,
                    0.7,
                    "date+care_context",
                    "A date of an individual's care can identify them",
                )
            )
    return hits


def _age_hits(text: str) -> list[Hit]:
    hits = []
    for pattern in (cx.AGE_OVER_89, cx.AGE_APPOSED):
        for m in pattern.finditer(text):
            start = m.start("n") if "n" in pattern.groupindex else m.start()
            before = text[max(0, start - 30) : start]
            if (
                pattern is cx.AGE_OVER_89
                and m.group(0).lower().startswith("turn")
                and (cx.PRACTICE_SUBJECT.search(before))
            ):
                continue  # "our practice turns 100"
            hits.append(
                Hit(
                    "age_over_89",
                    start,
                    m.end("n") if "n" in pattern.groupindex else m.end(),
                    BLOCK,
                    0.9,
                    "age_over_89",
                    "An age over 89 is rare enough to identify a person",
                )
            )
    return hits


def _place_and_photo_hits(
    doc: Any, text: str, sents: list[tuple[int, int]], patient_sents: set[int]
) -> list[Hit]:
    hits = []
    if not patient_sents:
        return hits
    for ent in doc.ents:
        if (
            ent.label_ in ("GPE", "LOC", "FAC")
            and _sentence_of(sents, ent.start_char) in patient_sents
        ):
            if ent.text.lower().strip(". ") in lx.STATES:
                continue
            hits.append(
                Hit(
                    "geographic",
                    ent.start_char,
                    ent.end_char,
                    BLOCK,
                    0.7,
                    "place+patient_context",
                    "A town, neighborhood or place named with a patient narrows down who they are",
                )
            )
    for pattern, category, why in (
        (
            cx.PHOTO,
            "photo",
            "A photo of a patient shows who they are; post it only with the "
            "patient's written authorization",
        ),
        (cx.BIOMETRIC, "biometric", "Biometric details of a patient identify them"),
    ):
        for m in pattern.finditer(text):
            if _sentence_of(sents, m.start()) in patient_sents:
                hits.append(
                    Hit(
                        category, m.start(), m.end(), BLOCK, 0.7, f"{category}+patient_context", why
                    )
                )
    for m in re.finditer(r"(?<!\d)\d{5}(?:-\d{4})?(?!\d)", text):
        if _sentence_of(sents, m.start()) in patient_sents and re.search(
            r"\b(?:zip|zipcode|zip code|postal)\b", text[max(0, m.start() - 20) : m.start()], cx.I
        ):
            hits.append(
                Hit(
                    "geographic",
                    m.start(),
                    m.end(),
                    BLOCK,
                    0.8,
                    "zip+patient_context",
                    "A ZIP code tied to a patient narrows down who they are",
                )
            )
    return hits


def _reply_hits(text: str, sents: list[tuple[int, int]], health: list) -> list[Hit]:
    hits = []
    for m in cx.REPLY_CARE.finditer(text):
        hits.append(
            Hit(
                "name",
                m.start(),
                m.end(),
                WARN,
                0.6,
                "reply_confirms_care",
                "Replying this way confirms the commenter is your patient; their name "
                "is shown with the reply, so keep replies general and take details "
                "offline",
                redaction="[general wording, e.g. 'please call our office']",
            )
        )
    for start, end, term in health:
        sent = _sentence_of(sents, start)
        s_start, s_end = sents[sent]
        if cx.SECOND_PERSON.search(text[s_start:s_end]):
            hits.append(
                Hit(
                    "name",
                    start,
                    end,
                    BLOCK,
                    0.8,
                    "reply_discloses_health",
                    f"The reply ties '{term}' to the commenter, whose name is shown with "
                    "it: that discloses their health information",
                    redaction="[health detail]",
                )
            )
    return hits


def _self_disclosure_hits(
    text: str, sents: list[tuple[int, int]], health: list, care: list
) -> list[Hit]:
    hits = []
    for start, end, term in health + care:
        sent = _sentence_of(sents, start)
        s_start, s_end = sents[sent]
        if cx.FIRST_PERSON.search(text[s_start:s_end]):
            hits.append(
                Hit(
                    "name",
                    start,
                    end,
                    BLOCK,
                    0.75,
                    "self_disclosure",
                    f"The commenter discloses their own health information ('{term}'); "
                    "their account name is shown with it, so it is identifiable",
                    redaction="[health detail]",
                )
            )
    return hits
