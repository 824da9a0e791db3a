"""A staff member's own health under their allow-listed name (session 33), or under a name
the text marks as staff (judge._official_own_health, session 35).

The allow-list says who may be named, not whose care may be told: a staff member the practice
treats is its patient (docs/phi.md). An allowed name is no candidate, so judge.py asks this
module, over the sentence's parse, whether the sentence tells that person's own health, read as
an office holder's is (subjects._own_event): their own events only, never the care they give,
their work, training or honours. Shaped by four outside reviews (bench/data/staff_review*_s33).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .lazy_pattern import lazy
from .subjects import (
    _AGENT,
    _OWN,
    _UNDERGO,
    _generic_clause,
    _mention_tokens,
    _path_ok,
)
from .vocabulary import Mention

I = re.IGNORECASE  # noqa: E741

# passives that can only be care received, and the wards one is admitted to or stays in
_ONLY_CARE = lazy(r"^(?:hospitali[sz]ed|intubated|airlifted|readmitted|ventilated)$", I)
_WARD = lazy(r"^(?:hospital|icu|er|ccu|nicu|ward|hospice|rehab|emergency)$", I)
# the last word of an allowed entry that is the practice or another body, not a person
_ORGANISATION = lazy(
    r"^(?:practice|clinic|cent(?:er|re)|health|healthcare|medical|medicine|hospital|group|"
    r"associates|pediatrics|paediatrics|dental|dentistry|care|partners|institute|foundation|"
    r"orthopa?edics|dermatology|cardiology|urology|oncology|allergy|eye|vision|physicians|"
    r"doctors|team|office|pharmacy|hospice|services|network|llc|inc|pc|pllc)$", I)
# passives of care received ("was diagnosed with", "was rushed to surgery")
_RECEIVED = lazy(r"^(?:diagnosed|admitted|readmitted|hospitali[sz]ed|treated|rushed|operated|"
                 r"discharged|intubated|induced|airlifted|transported|sedated|casted|"
                 r"stitched)$", I)
# a staff member rolling up a sleeve as an example tells no condition (a second review, session
# 33, labelled "Dr. X got her flu shot today, have you?" as the practice's own promotion)
_VACCINE = lazy(r"\b(?:vaccin|shots?\b|boosters?\b|jabs?\b|immuni[sz])", I)
_MANY = frozenset({"more", "most", "hundreds", "dozens", "thousands", "many", "countless",
                   "every", "all"})
_WORK_NOUNS = frozenset({"referrals", "patients", "program", "programs", "clinic", "clinics",
                         "class", "classes", "services", "appointments", "consults", "calls",
                         "cases", "initiative", "project", "protocol", "protocols"})
_CARE_PLACE = lazy(r"^(?:hospital|er|or|icu|clinic|office|ward|floor|surgery|rounds)$", I)
# care that comes in the plural and is one person's: "Tamika Rowe's stitches come out Friday"
_OWN_PLURALS = frozenset({"stitches", "staples", "sutures", "drains", "scans", "labs", "results",
                          "x-rays", "xrays", "tests", "bloodwork"})
# words that make a present-tense clause an event: "is back", "is in remission", "is Friday"
_OUTCOME = frozenset({"back", "over", "done", "gone", "out", "scheduled", "set", "benign",
                      "positive", "negative", "clear", "healing", "better", "worse", "in",
                      "tomorrow", "today", "tonight"})
_WHEN = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                   "sunday", "tomorrow", "today", "tonight", "next", "remission", "morning",
                   "afternoon", "week", "month"})
_STARTS = lazy(r"^(?:starts|begins|comes|goes|ends|wraps|is|are)$", I)
# verbs that report what a person learned or told of themself
_LEARNED = frozenset({"found", "find", "finds", "learned", "learnt", "learns", "discovered",
                      "heard", "told", "shared", "says", "said", "announced",
                      # ... and their present ("Dr. Patel shares that she was diagnosed ...",
                      # "announces she has breast cancer", "tells us she has ...": the
                      # session-35 code review's texts, labelled in session 36)
                      "shares", "announces", "tells"})
_EVENT_NOUNS = frozenset({"q&a", "talk", "talks", "seminar", "webinar", "session", "event",
                          "workshop", "live", "panel", "lecture", "night", "day", "fair", "walk",
                          "run", "drive", "awareness", "screening", "screenings", "month",
                          "week", "group", "team", "fundraiser", "tips", "video", "podcast"})
_PUBLIC_WORDS = frozenset({"our", "county", "community", "childhood", "epidemic", "crisis",
                           "state", "city", "town", "nation", "country", "region"})
# more verbs a staff member undergoes, in the forms staff news uses ("is having knee surgery",
# "is undergoing chemo", "developed shingles", "lives with lupus")
_STAFF_UNDERGO = lazy(r"^(?:having|undergoing|starting|fighting|battling|finishing|beating|"
                      r"developed|develops|developing|caught|catches|lives|living|lived|"
                      r"facing|faces|faced|getting|receiving|needing|scheduled|suffers|"
                      r"suffering|dealing|dealt|coping|coped|struggling|struggled|went|"
                      r"going|goes)$", I)
# the preposition that carries the event for these verbs: "suffers from", "lives with",
# "went through"
# (a verb-stem pattern each; "from" goes with any of them)
_EVENT_PREP = {"from": "", "with": "liv|deal|cop|strugg", "through": "went|go"}
# prepositions through which a clause comes back from, or is away for, someone's own care
_SINCE = frozenset({"after", "following", "from", "since", "during", "post", "with"})
_AWAY = frozenset({"out", "off", "away", "leave", "absent", "home", "back"})
# a person coming back, or away, from their own care ("returns Monday after her surgery")
_RETURN = lazy(r"^(?:return|returns|returned|returning|back|rest|rests|resting|heal|heals|"
               r"healing|recover|recovers)$", I)
# a clinician's title and a capitalised name of up to three words
_TITLED = lazy(r"\b(?:Dr|Doctor|Nurse|NP|PA|RN)\.?[\t ]+[A-Z][\w’-]*(?:[\t ]+[A-Z][\w’-]*){0,2}")
# the word after a name ("'s" and commas stay: a possessive, an apposition or a who clause)
_NEXT_WORD = lazy(r"[\t ]*([.!?]|[A-Za-z]+)")
_COPULA = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})


def subject_own_health(parsed: Any, offset: int, start: int, end: int,
                       mentions: list[Mention]) -> Mention | None:
    """The health event of the person named at text[start:end] (a staff member, listed or marked as
    staff by the text), in the parse of its sentence (starting at `offset`, with its health
    `mentions`), when the sentence tells their own health: as the subject of a clause of theirs
    (`_clause_own_health`: "Ronnie Patel started chemo", "was diagnosed with lupus", "is home
    after her knee surgery", "found out that she has ..."; also in a "who" clause, "Dr. Rowe,
    who had her own hip replaced"), or as the possessor of one event told as an event
    (`_possessed_own`: "Dr. Rowe's surgery went well"). Not the care they give ("performs hip
    replacements", "treats patients with diabetes"), not a modal or a condition ("can see you
    for your flu shot"), not what they do in their own health's shadow ("ran the marathon after
    her plantar fasciitis"): staff news told by its own agent verb is theirs to share."""
    tied = _mention_tokens(parsed, offset, mentions)
    if not tied:
        return None
    name = _whole_word_name(parsed, start - offset, end - offset)
    if name and _ORGANISATION.match(name[-1].text):
        return None  # "Mulberry Creek Family Practice completed 1,100 DOT physicals"

    inside = {t.i for t in name}
    heads = [t for t in name if t.head.i not in inside or t.head.i == t.i]
    if len(heads) != 1:
        return None
    if heads[0].dep_ == "poss":
        return _possessed_own(heads[0], tied)
    head = heads[0]
    # ... the name in apposition to the subject it names: "My colleague Dr. Ferreira is back
    # after his heart surgery", "Friend and colleague Dr. Solberg was diagnosed with ..."
    # (an outside review, session 35: both passed), "Our clinic's medical director, Dr. X,
    # ..."; not someone else's clinician, "My wife's OB, Dr. Feld, says she needs a repeat
    # c-section" (the wife's)
    while head.dep_ == "appos" and head.head.tag_ in ("NN", "NNS") and head.head.i != head.i \
            and all(c.tag_ == "PRP$" or _ORGANISATION.match(c.lower_)
                    for c in head.head.children if c.dep_ == "poss"):
        head = head.head
    # ... and its own "who" clauses, or those of a noun in apposition to it ("Tom, our
    # receptionist, who is in the hospital with pneumonia")
    clauses = [c for c in heads[0].children if c.dep_ == "relcl"] + [
        c for a in heads[0].children if a.dep_ == "appos" for c in a.children
        if c.dep_ == "relcl"]
    subjects = [(head, head.head)] if head.dep_ in ("nsubj", "nsubjpass") else []
    subjects += [(w, clause) for clause in clauses for w in clause.children
                 if w.dep_ in ("nsubj", "nsubjpass") and w.lower_ in ("who", "that")]
    for subject, verb in subjects:
        found = _clause_own_health(subject, verb, tied)
        if found is not None:
            return found
    return None


def may_tell_own_health(text: str, end: int) -> bool:
    """A cheap test, before a sentence is parsed, of whether subject_own_health may find
    anything for the name ending at text[end]: False only when the sentence ends there or the
    next word is a present-tense verb of what the person does for others ("Dr. Raman explains
    why ...", "shares 5 easy swaps", "treats kids with asthma"), which the rule reads as their
    work whatever follows. Saves a parse, and a second judgement of the text, per such name
    (session 35). Any other word may open a phrase before a clause of theirs ("Dr. X on Monday
    underwent knee surgery": an outside code review)."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return True
    word = m.group(1)
    if word in ".!?":
        return False
    low = word.lower()
    return not (low.endswith("s") and _AGENT.match(low) and low not in _LEARNED
                and low not in _COPULA)


def staff_gate(sentence: str) -> bool:
    """Cheap, for the batch parse (subjects.needs_parse): a clinician's title and a name, then
    a word after which a clause of theirs may follow (may_tell_own_health). Such a sentence
    with a health word is parsed with the rest rather than alone after a first judgement."""
    return any(may_tell_own_health(sentence, m.end()) for m in _TITLED.finditer(sentence))


def _whole_word_name(parsed: Any, start: int, end: int) -> list[Any]:
    """The tokens of the name at parsed.text[start:end], widened to the whole written word:
    the finder may hold only "Hale" of "Okonkwo-Hale", whose head is then inside the word
    (a fourth outside review). Punctuation around it is left out, the hyphen kept."""
    text = parsed.text
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return [t for t in parsed if start <= t.idx < end
            and not (t.is_punct and t.text not in ("-", "‐"))]


def _clause_own_health(subject: Any, verb: Any, tied: dict[int, Mention]) -> Mention | None:
    """The health term `subject` undergoes in the clause of `verb` (`tied`: token index ->
    the health term it is part of), or None."""
    if _generic_clause(verb):
        return None
    passive = subject.dep_ == "nsubjpass"
    if passive:  # care received ("was diagnosed with", "was admitted for"), not training or
        # honours ("was trained in laparoscopic surgery", "was recognized for her work")
        if not _RECEIVED.match(verb.lower_):
            if verb.lower_ == "scheduled":  # "is scheduled for a hysterectomy" (one event)
                return next((tied[g.i] for c in verb.children if c.dep_ == "prep"
                             and c.lower_ == "for" for g in c.children
                             if g.dep_ == "pobj" and g.i in tied and g.tag_ == "NN"
                             and not _work(g) and not _VACCINE.search(tied[g.i].text)), None)
            return None
        for t in verb.subtree:  # what it was received for ("diagnosed with lupus", "rushed
            # to surgery"), not the verb itself ("admitted to the College of Physicians")
            if t.i in tied and t.i != verb.i and t.dep_ == "pobj" and t.head.head.i == verb.i \
                    and t.head.lower_ in ("with", "for", "to", "after") \
                    and not _VACCINE.search(tied[t.i].text):
                return tied[t.i]
        # ... or the verb alone, when it can only be care received ("was hospitalized over the
        # weekend", "was intubated"), or admission to a ward ("was admitted to the ICU"):
        # staff shapes both versions missed in an outside review, session 35
        if verb.i in tied and (_ONLY_CARE.match(verb.lower_)
                               or any(_ward_preps(verb, ("to", "into")))):
            return tied[verb.i]
        return None
    if verb.lower_ in _LEARNED:  # "found out last month that she has breast cancer" (not
        # "they": "Dr. Rowe says they have strep going around the schools" is anyone's)
        for clause in verb.children:
            told = [w for w in clause.children if w.dep_ in ("nsubj", "nsubjpass")
                    and w.lower_ in ("she", "he")]
            if clause.dep_ == "ccomp" and told:
                found = _clause_own_health(told[0], clause, tied)
                if found is not None:
                    return found
    if verb.tag_.startswith("VB") and _AGENT.match(verb.lower_) and verb.tag_ != "VBN":
        return None
    undergoes = _UNDERGO.match(verb.lower_) or _STAFF_UNDERGO.match(verb.lower_)
    found_early = bool(undergoes) and _found_early(verb)
    if undergoes:
        for c in verb.children:
            if found_early and c.dep_ == "dobj":
                continue  # the illness found, not caught ("caught my tumor early")
            # ("starts chemo next week" is often parsed with "chemo" as a complement, a noun
            # or a verb; not "starts chemo rounds on the ward", where it is the rounds' word:
            # a held-out review)
            # ("chemo" tagged a present verb too: "starts chemo this Friday")
            if (c.dep_ == "dobj" or c.dep_ == "xcomp" and c.tag_ in ("NN", "NNS", "VB", "VBP")
                    and not any(g.dep_ == "dobj" for g in c.children)
                    and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].tag_ in ("NN", "NNS")
                             and c.doc[c.i + 1].lower_ not in _WHEN)) \
                    and c.i in tied and not _counted(c) and not _work(c) \
                    and not _VACCINE.search(tied[c.i].text) and not _names_an_event(c):
                return tied[c.i]  # "started chemo"; not "finished her 1,000th knee replacement"
            if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBN":
                # "had his gallbladder removed": the part is theirs and it was done to them
                owned = [g for g in c.children if g.dep_ in ("nsubj", "dobj") and g.i in tied
                         and any(h.dep_ == "poss" and h.lower_ in _OWN for h in g.children)]
                if owned:
                    return tied[owned[0].i]
            if c.dep_ == "prep" and c.lower_ in _EVENT_PREP and re.match(
                    _EVENT_PREP[c.lower_], verb.lower_):
                # the object, or a health word modifying it ("recovering from a torn rotator
                # cuff": the vocabulary holds "torn" and "rotator", the object is "cuff")
                held = [next((t for t in (g, *g.children) if t.i in tied
                              and (t is g or t.dep_ in ("amod", "compound"))), None)
                        for g in c.children if g.dep_ == "pobj"
                        and not _counted(g) and not _work(g)]
                held = [t for t in held if t is not None]
                if held:
                    return tied[held[0].i]
    if verb.lower_ in ("tested", "tests", "testing") and any(
            c.lower_ == "positive" for c in verb.children):
        for c in (g for t in verb.children for g in (t, *t.children)):  # "positive for COVID"
            if c.dep_ == "prep" and c.lower_ == "for":
                held = [g for g in c.children if g.dep_ == "pobj" and g.i in tied]
                if held:
                    return tied[held[0].i]
    if verb.lower_ in _COPULA:  # "is on chemo every other Wednesday", "is on dialysis"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "on":
                held = [g for g in c.children if g.dep_ == "pobj" and g.i in tied
                        and not _work(g) and not _names_an_event(g)
                        and not _VACCINE.search(tied[g.i].text)]
                if held:
                    return tied[held[0].i]
    # ... a health term of theirs that the clause comes back from or goes out for: "is home
    # after her surgery", "returns after his knee replacement" (not "is known for her gentle
    # colonoscopies", "will walk through ... using her own eye scans": her craft, her teaching)
    if not (verb.lower_ in _COPULA or undergoes or _RETURN.match(verb.lower_)):
        return None
    away = any(t.lower_ in _AWAY for t in verb.subtree)
    # ... a condition they are in a ward with: "is in the hospital with pneumonia" (not "for a
    # C-section", which may be one they perform, nor "with a patient")
    if verb.lower_ in _COPULA:
        for c in _ward_preps(verb, ("in", "at")):
            wards = {c.i} | {g.i for g in c.children if g.dep_ == "pobj"}
            for t in verb.subtree:  # "with" on the clause or the ward, not on someone else
                # there ("with kids sick with RSV": an outside code review)
                if t.i in tied and t.dep_ == "pobj" and t.head.lower_ == "with" \
                        and (t.head.head.i == verb.i or t.head.head.i in wards) \
                        and tied[t.i].term.kind == "condition" and not _counted(t):
                    return tied[t.i]
    for t in verb.subtree:
        if t.i in tied and any(c.dep_ == "poss" and c.lower_ in _OWN for c in t.children) \
                and t.dep_ == "pobj" and (t.head.lower_ in _SINCE or t.head.lower_ == "for"
                                          and away) and _path_ok(t, verb, tied):
            return tied[t.i]
    # ... or, back or away, the event itself without "her": "is back after a bout with COVID",
    # "returns Monday after a heart procedure", "is out for surgery Thursday"
    if away or _RETURN.match(verb.lower_):
        for t in verb.subtree:
            if t.dep_ != "pobj" or t.head.lower_ not in ("after", "following", "for", "from",
                                                          "with"):
                continue
            if _CARE_PLACE.match(t.lower_):
                continue  # "back from the hospital after rounding": where staff work
            held = [t] + [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("with", "of")
                          for g in c.children if g.dep_ == "pobj"]
            for g in held:
                if g.i in tied and not _counted(g) and not _work(g) \
                        and not _VACCINE.search(tied[g.i].text) and _path_ok(g, verb, tied):
                    return tied[g.i]
    return None


# chemotherapy is only ever received, and these nouns name its course in time (session 38: "Dr.
# Falconer's chemo schedule means she'll see patients Tuesdays only" was blocked only by a
# misread weekday). Radiation, dialysis, infusions and their "sessions" are also services a
# clinician runs ("Dr. Vale's dialysis days", "Rafael's infusion sessions for our MS
# patients": an outside review's probes), so they stay out.
_RECEIVED_CARE = lazy(r"^(?:chemo|chemotherapy)$", I)
_OWN_COURSE = frozenset({"schedule", "days", "rounds", "recovery"})


def _possessed_own(name: Any, tied: dict[int, Mention]) -> Mention | None:
    """The name's possessive on their own condition, or on one care event of theirs, as the
    subject or object of its clause: "Dr. Marchetti's cancer is back", "Dr. Rowe's surgery went
    well" (not "Dr. Rowe's cancer research", "Dr. Rowe's knee replacements", "Dr. Rowe's
    diabetes patients": her work)."""
    head = name.head
    if name.dep_ == "poss" and head.i not in tied and head.lower_ in _OWN_COURSE:
        # "Dr. Falconer's chemo schedule", "Nurse Ana's chemo days": a course of care only its
        # receiver has (a clinic's is "her chemo clinic", "her chemo patients": no course noun)
        received = [tied[c.i] for c in head.children
                    if c.dep_ == "compound" and c.i in tied and _RECEIVED_CARE.match(c.lower_)]
        # ... not given to others: "chemo sessions with patients", "schedule for new patients"
        given = any(c.dep_ == "prep" and c.lower_ in ("for", "with") for c in head.children)
        if received and not given and not _counted(head):
            return received[0]
    if name.dep_ != "poss" or head.i not in tied or head.dep_ == "compound":
        return None
    m = tied[head.i]
    if _counted(head) or _work(head) or _VACCINE.search(m.text):
        return None
    if head.tag_ not in ("NN", "NNP") and head.lower_ not in _OWN_PLURALS:
        return None  # one event or condition, not "her knee replacements" ("stitches" are)
    # ... told as an event or outcome ("went well", "is back", "starts Monday", "came back
    # benign"), not as a service described in the present ("uses a muscle-sparing approach",
    # "has a waitlist", "takes 15 minutes", "is the one athletes ask about")
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else None
    if verb is None or _generic_clause(verb):
        return None
    if verb.tag_ in ("VBD", "VBN") or any(c.lower_ in ("will", "'ll") for c in verb.children):
        return m
    if verb.lower_ in _COPULA or verb.tag_ in ("VBZ", "VBP"):
        outcome = any(t.lower_ in _OUTCOME for t in verb.children) or any(
            t.lower_ in _WHEN for c in verb.children for t in c.subtree)
        if outcome and not (verb.tag_ in ("VBZ", "VBP") and verb.lower_ not in _COPULA
                            and not _STARTS.match(verb.lower_)):
            return m
    return None


def _ward_preps(verb: Any, preps: tuple[str, ...]) -> Iterator[Any]:
    """The verb's prepositions among `preps` whose object is a ward ("admitted to the ICU",
    "is in the hospital")."""
    return (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
            and any(g.dep_ == "pobj" and _WARD.match(g.lower_) for g in c.children))


def _found_early(verb: Any) -> bool:
    """"Caught" in its finding sense: "caught my tumor early", "caught it in time" is a
    clinician finding someone else's illness (a held-out review, session 35), so the object
    is not theirs; the rest of the clause still is read ("... and is home with pneumonia").
    Only with an object owned by someone other than them, or "it"/"them", and a word of
    timing ("early", "in time", "before ..."): "caught my cold" and "caught COVID" stay
    theirs."""
    if not verb.lower_.startswith("catch") and verb.lower_ != "caught":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not any(o.lower_ in ("it", "them") or any(
            g.dep_ == "poss" and g.lower_ not in _OWN for g in o.children) for o in objects):
        return False
    return any(c.dep_ == "advmod" and c.lower_ in ("early", "quickly", "fast", "sooner")
               and not list(c.children)  # not "early in the month": when, not how soon
               or c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "time"
                                                                for g in c.children)
               or c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "before"
                                            for g in c.children)
               for c in verb.children)


def _counted(noun: Any) -> bool:
    """A count or an ordinal on the noun: a clinician's tally ("her 1,000th knee replacement",
    "60 flu shots", "more vasectomies than anyone"), not one person's own event."""
    return any((c.dep_ == "nummod" or c.tag_ == "CD") and not _KIND_NUMBER.match(
                   c.doc[c.i - 1].lower_ if c.i > 0 else "")
               or c.lower_ in _MANY or re.fullmatch(r"[\d,]+(?:st|nd|rd|th)", c.lower_)
               for c in noun.subtree if c.i != noun.i)


# a number that names a kind, not a count: "type 1 diabetes", "stage 3 breast cancer"
_KIND_NUMBER = lazy(r"^(?:type|stage|grade|phase|class|level|tier)$", I)


def _names_an_event(noun: Any) -> bool:
    """The health term only names the event that follows it, which the parser left apart:
    "is having a sports injury Q&A on Instagram Live"."""
    doc = noun.doc
    return noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in _WORK_NOUNS | _EVENT_NOUNS


def _work(noun: Any) -> bool:
    """The object is the practice's work or a public cause, not one person's care: "new
    referrals", "our prediabetes program", "childhood obesity in our county"."""
    words = {t.lower_ for t in noun.subtree}
    return noun.lower_ in _WORK_NOUNS or bool(words & _PUBLIC_WORDS)
