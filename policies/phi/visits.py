"""A reply that tells the commenter's own visit, with no health word in it.

A practice's reply that apologises for the wait the reader had on a given day, or says how
good it was to see them last week, confirms that they came in for care: the reply sits under
their name, so the care relationship is disclosed as plainly as "your results". HHS has
fined practices for exactly this (replies to reviews). What tells a visit here is the
construction, not a health word:

- an apology (sorry / lamentamos / disculpe) with a wait the reader had (the wait, waited,
  esperar, la espera) in the same sentence, tied to a day or time ("on Tuesday", "this
  morning", "el martes") or to their visit ("at your intake", "en la clínica"); a wait
  spoken of in general ("wait times have been long this month", "sorry to hear about the
  wait") names no visit;
- being glad to have seen the reader ("loved seeing you", "nos dio gusto verla"), with a
  time ("last week", "el jueves") or "too" (answering a commenter who said they loved
  seeing the staff); not when the sentence puts the meeting at an event ("at the 5K").

`care_told` reads a third construction: the reply speaks to the reader's care as under way,
with no health word, or one the vocabulary reads as a service ("tinnitus group"):

- a care visit of theirs still to come: "miss you in group", "see you at tinnitus group" (a
  group named by a health word);
- home care they are doing on a body part: "keep icing that knee";
- their recovery or the clinicians' care of them: "your journey back to health", "the nurses
  who took care of you", "Dr. Ávila, who treated you" (not a trainee's orientation or shadow
  day).

A reply answers one commenter, so any of these confirms that commenter is a patient. In a
post they are advice or an invitation to everyone and are not read.

Only for context="reply"; a clause that declines to discuss visits is left to the caller
(judge.py skips sentences it reads as general)."""

from __future__ import annotations

import re

from policies.anatomy import BODY_PART

from .lazy_pattern import lazy
from .vocabulary import health_mentions

_DAY = (r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight|this\s+(?:morning|"
        r"afternoon|evening|week)|last\s+(?:night|week|month|visit|time)|the\s+other\s+day|"
        r"(?:el|este|ayer|hoy)\s*(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)|"
        r"\b(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)|ayer|hoy|esta\s+"
        r"(?:mañana|tarde|semana)|la\s+semana\s+pasada")
# the reader's own visit as the place of the wait: "at your intake", "en la clínica móvil"
_THEIR_VISIT = (r"(?:at|for|during|before)\s+(?:your|the)\s+(?:[\w-]+\s+){0,2}?(?:intake|visit|"
                r"appointment|appt|check-?up|exam|session|consult|scan|x-?ray|ultrasound|"
                r"cleaning|infusion|chair\s+time|clinic|office)|en\s+(?:la|el|su)\s+(?:[\w-]+\s+)?"
                r"(?:cl[ií]nica|consultorio|cita|consulta|oficina)(?:\s+m[oó]vil)?")
_APOLOGY = lazy(r"\b(?:sorry|apologi[sz]e|apologies|lamentamos|lamento|disculpe|"
                r"perd[oó]n|sentimos)\b", re.I)
_WAIT = lazy(r"\b(?:the\s+(?:long\s+)?wait|you\s+(?:had\s+to\s+)?wait(?:ed)?|long\s+wait|"
             r"waited|waiting\s+so\s+long|esperar|la\s+espera|esper[oó])\b", re.I)
# the wait as a topic, not a visit: "wait times", "sorry to hear about the wait"; and a
# wait that is no visit: on the phone, for a reply, for an order
_WAIT_IN_GENERAL = lazy(r"\bwait\s+times?\b|\bto\s+hear\s+(?:about|of)\s+the\s+wait\b|"
                        r"\b(?:on\s+hold|phones?|lines?|call(?:back)?s?|voicemail|repl(?:y|ies)|"
                        r"emails?|messages?|response|answer|order|shipping|delivery|portal|"
                        r"website|tel[eé]fono|llamada|mensaje)\b", re.I)
_TIED = lazy(r"\b(?:" + _DAY + r")\b|\b" + _THEIR_VISIT + r"\b", re.I)
_SEEN = lazy(r"\b(?:(?:lov(?:ed|e)|enjoyed|(?:such\s+)?a\s+(?:joy|pleasure|treat)|(?:so\s+)?"
             r"(?:good|great|nice|wonderful))\s+(?:seeing|to\s+see)\s+you|"
             r"(?:nos\s+)?(?:dio|da)\s+(?:mucho\s+)?gusto\s+ver(?:la|lo|los|las|te|les)|"
             r"qu[eé]\s+gusto\s+ver(?:la|lo|los|las|te|les))\b", re.I)
_SEEN_WHEN = lazy(r"\b(?:" + _DAY + r"|too|también)\b", re.I)
_EVENT = lazy(r"\b(?:at|en)\s+(?:the|our|la|el)\s+(?:[\w'’-]+\s+){0,3}?(?:5k|run|walk|"
              r"race|fair|festival|parade|event|game|booth|party|picnic|market|drive|"
              r"open\s+house|carrera|feria|evento|fiesta)\b", re.I)
# the practice saw the reader or their family on a given day: "we saw your grandson this
# morning", "Dr. Marsh saw you on Tuesday" (not "we saw your post", "saw you at the 5K")
_KIN = (r"son|daughter|kids?|children|child|baby|boy|girl|grandson|granddaughter|grandkids?|"
        r"mom|mother|dad|father|husband|wife|partner|little one|twins|grandma|grandpa|"
        r"grandmother|grandfather|nephew|niece|brother|sister")
_SAW = lazy(r"\b(?:we|i|(?:dr|nurse|np|pa)\.?\s+[A-Z]\w+)\s+(?:(?:just|also)\s+)?"
            r"(?:saw|examined|checked\s+on|treated)\s+(?:you|your\s+(?:[\w-]+\s+)?(?:"
            + _KIN + r"))\b", re.I)
_SENTENCE = lazy(r"[^.!?¡¿]+[.!?]*")


def visit_told(text: str) -> re.Match[str] | None:
    """The words that tell the reader's own visit, or None."""
    for s in _SENTENCE.finditer(text):
        sentence = s.group(0)
        apology, wait = _APOLOGY.search(sentence), _WAIT.search(sentence)
        if apology and wait and not _WAIT_IN_GENERAL.search(sentence) and _TIED.search(
                sentence):
            return _WAIT.search(text, s.start(), s.end())
        seen = _SEEN.search(sentence)
        if seen and _SEEN_WHEN.search(sentence, seen.end()) and not _EVENT.search(sentence):
            return _SEEN.search(text, s.start(), s.end())
        saw = _SAW.search(sentence)
        if saw and _TIED.search(sentence) and not _EVENT.search(sentence):
            return _SAW.search(text, s.start(), s.end())
    return None


# --- the reader's care as under way (care_told) ---
# Each shape names the care itself. Two outside reviews (session 23) wrote everyday replies
# that looser shapes blocked: "next time you're in the neighborhood", "same time next week?"
# to a kickball team, "glad the new parking signs are helping", "so glad you're back to
# blogging", "rest up, players"; then "keep icing that cake", "keep elevating your voice", "no
# heavy lifting for a few more days" while the weight room is resurfaced, "feeling more like
# yourself again" after a vacation, "the nurses who looked after you on your shadow day", "see
# you at group practice", "your journey back to strength" for a team, "stroke class" at the
# pool. Those shapes are not here.
# a standing group of theirs, bare and ending its sentence: "miss you in group", "see you at
# group too!" (not "group practice", not "at group, choir!"; a named group is read apart:
# "tinnitus group" needs its health word). ("See you at your next infusion" needs no shape
# here: reply_confirms_care ties the care word to "your" first.)
_GROUP = (r"\b(?:see|miss(?:ed)?)\s+you\s+(?:at|in)\s+group(?=\s*(?:[.!?]|$|too\b|again\b))")
_NAMED_GROUP = lazy(r"\b(?:see|miss(?:ed)?)\s+you\s+(?:at|in)\s+(?P<what>[a-z][\w-]+)\s+"
                    r"(?:group|class)\b", re.I)
_HOME_CARE_NOW = (r"\b(?:keep|continue|remember\s+to|don['’]t\s+forget\s+to)\s+(?:on\s+)?"
                  r"(?:icing|elevating)\s+(?:that|your|the|those)\s+(?:sore\s+|new\s+)?"
                  r"(?:" + BODY_PART + r")\b")
_RECOVERING = r"\byour\s+journey\s+back\s+to\s+health\b(?!\s+inspections?\b)"
_UNDER_CARE = lazy("|".join((_GROUP, _HOME_CARE_NOW, _RECOVERING)), re.I)
# the clinicians who cared for the reader ("the nurses who took care of you", "Dr. Ávila, who
# treated you"), searched on the whole reply: a sentence split would cut "Dr." from its name
_CARED_BY = lazy(r"\b(?:nurses?|doctors?|care\s+team|(?:dr|nurse)\.?\s+"
                 # (a comma or spaces, matched in linear time on a long run of spaces)
                 r"(?-i:[A-ZÁÉÍÓÚÑÜ])[\w'’-]+)(?:\s*,\s*|\s+)(?:who\s+)?(?:took\s+care\s+of|"
                 r"cared\s+for|treated)\s+you\b|"
                 # ... and in Spanish: "las enfermeras que la atendieron", "el Dr. Ruiz, que lo
                 # operó" (not "el equipo que la cuidó": the garden, the float, the mural)
                 r"\b(?:(?:enfermer[ao]s?|doctor(?:a|es|as)?)(?:\s+(?-i:[A-ZÁÉÍÓÚÑÜ])[\w'’-]+)?|"
                 r"dra?\.?\s+(?-i:[A-ZÁÉÍÓÚÑÜ])[\w'’-]+)"
                 r"(?:\s*,\s*|\s+)(?:que|quienes?)\s+(?:la|lo|le|te|los|las)\s+(?:atendi[óo]|"
                 r"atendieron|cuid[óo]|cuidaron|oper[óo]|operaron|trat[óo]|trataron)\b", re.I)
# ... unless the reader is a newcomer the clinicians looked after: "the nurses who took care
# of you during orientation", "on your shadow day", "welcome back, interns!"
_TRAINEE = lazy(r"\b(?:orientation|onboarding|intern(?:s|ship)?|shadow(?:ing)?|clinicals|"
                r"rotation|externship|training|first\s+day|new\s+hire|welcome\s+to\s+the\s+"
                r"team|volunteer(?:s|ing)?|students?|entrenamiento|capacitaci[óo]n|"
                r"orientaci[óo]n|voluntari[oa]s?)\b", re.I)
# a class a health word names that is also a sport's word: "stroke class" at the pool
_SPORT_WORD = frozenset({"stroke"})
# not the reader's: "anyone", "most people", "if you ..." before it in its sentence
_ANYONE = lazy(r"\b(?:anyone|most\s+(?:people|folks|patients)|many\s+people|if\s+you|"
               r"whether\s+you|in\s+general)\b", re.I)


def care_told(text: str) -> re.Match[str] | None:
    """The words that speak to the reader's care as under way, or None."""
    for s in _SENTENCE.finditer(text):
        if _EVENT.search(s.group(0)):
            continue  # "see you at the 5K", "at the booth"
        m = _UNDER_CARE.search(text, s.start(), s.end())
        if m is None:
            group = _NAMED_GROUP.search(text, s.start(), s.end())
            what = group.group("what") if group else ""
            m = group if what.lower() not in _SPORT_WORD and health_mentions(what) else None
        if m and not _ANYONE.search(text, s.start(), m.start()):
            return m
    cared = _CARED_BY.search(text)
    if cared and not _TRAINEE.search(text):  # the trainee anywhere in the reply
        return cared
    return None
