"""A reply read with the comment it answers (session 45).

"Yes, it came back fine" tells nothing alone and tells a biopsy result under "is my biopsy
back?". The reply screen (judge.py, context "reply") reads the reply's own words; this module
reads what a reply says *about the comment above it*.

The line, as a careful privacy officer draws it: under a comment in which the commenter tells
of, or asks about, their own (or their family's) health or care, a reply that would be true
said to any reader passes ("Thank you for sharing", "Please call our office so we can help",
"We never talk about a person's care here", "We're sorry to hear that", "Sending our best"); a
reply whose words only make sense as a statement about THAT care blocks, because in the
practice's voice it confirms the care and often tells its outcome:

- it answers the question: "Yes", "Not yet", "It is", "They are", "Sure can";
- it refers back to the test, treatment or visit and says how it stands or went ("it came
  back fine", "they should be in by tomorrow", "everything looked normal", "it went through");
- it says the practice handled it ("we faxed it", "Dr. Lin signed it", "we'll check on it");
- it wishes on the care itself ("hope they keep working", "good luck with it", "glad it's
  helping", "glad you're feeling better"), not on the person ("wishing you all the best");
- it gives the commenter's (or their relative's) visit a time ("Friday at 10:30 works");
- it tells the reader their part in it ("you won't even feel it", "keep applying it twice a
  day").

docs/history/phi.md, "Session 45", gives the line with its figures; the pairs it was measured on are
bench/data/replyctx_review_s45/.

A reaction to the message is not a statement about the care: "glad to hear it", "thank you
for sharing your good news". The comment is context only: a finding's span, text and reason
quote the reply, never the comment (chat shows findings; the comment's words are the
commenter's health).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .findings import BLOCK, Finding
from .hits import Hit
from .lazy_pattern import LazyPattern, lazy
from .normalize import EmptyText, Normalized, normalize
from .registry import apply
from .vocabulary import health_mentions

I = re.IGNORECASE  # noqa: E741
RULE = "reply_answers_comment"


class Telling(Enum):
    """What the comment does with the commenter's own care."""

    ASKS = "asks about"
    TELLS = "tells of"


@dataclass(frozen=True)
class OwnCare:
    """A comment that asks about or tells of its writer's (or their family's) care."""

    telling: Telling


# ---- the comment ---------------------------------------------------------------------------

_SENTENCE = lazy(r"[^.!?\n]+[.!?]*")
# the care is the commenter's: "my biopsy", "our son's ear infection", "my dad's pacemaker"
_OWNED = lazy(r"\b(?:my|our|mine|mi|mis|nuestr[oa]s?)\b(?:\s+[\w'’-]+){0,3}\s*$", I)
# ... or, in Spanish, a possessor after the item: "los análisis de mi hijo" (session 46)
_OWNED_AFTER = lazy(r"(?:\s+[\w'’-]+){0,2}?\s+de\s+(?:mi|mis|nuestr[oa]s?)\b", I)
# how far back "my" + three words can be: a search of everything before each item made a
# long comment (X lets paid accounts write 25,000 characters) cost seconds per reply screen
_OWNED_REACH = 120
# ... or they are the subject of the sentence: "I had my colonoscopy", "been on the insulin"
_FIRST = lazy(r"\b(?:i|i['’]m|im|i['’]ve|ive|i['’]d|me|my|mine|we|we['’]re|we['’]ve|us|our)\b|"
              # ... in Spanish, the pronouns and the first-person forms of the verbs a
              # comment tells its own care with ("tengo cita", "llevo dos semanas con",
              # "empecé", "me operaron"; session 46)
              r"\b(?:yo|me|mi|mis|conmigo|nosotr[oa]s|tengo|tuve|estoy|estuve|llevo|sigo|"
              r"empec[eé]|termin[eé]|acabo|fui|vine|ando|siento|tomo|uso|necesito|"
              r"tenemos|estamos|llevamos|fuimos|vinimos)\b", I)
# ... unless the sentence only asks what anyone may do: "Can I get a TB test without an
# appointment?", "Do I need a referral for physical therapy?" (no "my": no care of theirs)
_HYPOTHETICAL = lazy(
    r"^\W*(?:(?:can|could|may|should|do|does|would|will|is it ok(?:ay)? if)\s+(?:i|we|you|"
    r"u|anyone|someone|one)\b|(?:how|where|what|who|when|why)\s+(?:do|does|can|should|would)"
    r"\s+(?:i|we|you|one)\b)|\bif\s+(?:i|we)\b|"
    # ... in Spanish: "¿Puedo ponerme la vacuna sin cita?", "¿Necesito una referencia para
    # ...?", "¿Aceptan Medicaid?", "si tengo fiebre, ¿puedo ir?"
    r"^\W*(?:puedo|podemos|se\s+puede|necesito|necesitamos|hay\s+que|debo|debemos|aceptan|"
    r"tienen|hacen|atienden|ofrecen|ponen|dan|(?:c[oó]mo|d[oó]nde|cu[aá]ndo|qu[eé])\s+"
    r"(?:puedo|debo|necesito|se\s+puede|hago))\b|\bsi\s+(?:yo\s+)?(?:tengo|necesito|"
    r"me|estoy)\b", I)
# the words for a patient's paperwork and tests that the health vocabulary leaves out (they
# are care only when someone's: "my lab work", "our referral")
_CARE_ITEM = lazy(r"\b(?:lab\s*work|blood\s*work|labs?|referrals?|refills?|records|chart|"
                  r"paperwork|intake\s+forms?|prior\s+auth\w*|pre-?auth\w*|scans?|x-?rays?|"
                  r"appts?|check-?ups?|follow-?ups?|rx|meds|pills|doses?|scopes?|crowns?|"
                  r"samples?|specimens?|swabs?|results?|"
                  # ... in Spanish (session 46)
                  r"estudios|papeles|expediente|referencias?|muestras?|pastillas|dosis|"
                  r"placas|laboratorios?|recetas?|resultados?|citas?)\b", I)
# a subject left out, as comments do: "Been on the new insulin two weeks", "Finally got my cast
# off", "Waiting on my results"
_ELIDED_I = lazy(r"^\W*(?:been|started|starting|finished|finishing|got|had|having|just|"
                 r"finally|waiting|hoping|feeling|still)\b", I)
_QUESTION = lazy(r"[?¿]|^\W*(?:is|are|was|were|did|does|do|has|have|when|any\s+(?:news|update))\b",
                 I)


def _owned(words: str, start: int, end: int) -> bool:
    """Is the item at start..end the writer's: "my" before it or, in Spanish, "de mi" after
    it (within two words)?"""
    return _owned_before(words, start) or _OWNED_AFTER.match(words, end, end + 60) is not None


def _owned_before(words: str, start: int) -> bool:
    """Does "my"/"our" and at most three words come just before `start`? Read in a window
    that begins at a word's start, so a cut word is never read as "my"."""
    cut = max(0, start - _OWNED_REACH)
    while 0 < cut < start and (words[cut - 1].isalnum() or words[cut - 1] == "_"):
        cut += 1
    return _OWNED.search(words[cut:start]) is not None


def _body_care() -> Any:
    """The judgement's care of one body part ("se operó de la rodilla", "broke my wrist"),
    imported on first use (judge imports this module)."""
    from .judge import _INJURY

    return _INJURY


def own_care(comment: str) -> OwnCare | None:
    """Does the comment ask about or tell of its writer's own (or family's) health or care?"""
    try:
        text = normalize(comment).text if comment.strip() else ""
    except EmptyText:  # nothing a reader sees (a zero-width space alone): no care told
        return None
    found: Telling | None = None
    for sentence in _SENTENCE.finditer(text):
        words = sentence.group(0)
        first = (_FIRST.search(words) or _ELIDED_I.search(words)) and not _HYPOTHETICAL.search(
            words)
        items = [(m.start, m.end) for m in health_mentions(words)]
        items += [m.span() for m in _body_care().finditer(words)]  # "se operó de la rodilla"
        items += [m.span() for m in _CARE_ITEM.finditer(words)
                  if _owned(words, m.start(), m.end())]
        if not any(first or _owned(words, start, end) for start, end in items):
            continue
        if _QUESTION.search(words):  # once a sentence: once an item was quadratic
            return OwnCare(Telling.ASKS)
        found = Telling.TELLS
    return OwnCare(found) if found else None


# ---- the reply -----------------------------------------------------------------------------

_OPENER = r"^\W*(?:(?:hi|hey|hello)\s+[\w'’-]+\W+)?"  # a clause's first words
# an answer to the question: the first words of a sentence
_ANSWER = lazy(
    _OPENER + r"(?P<x>(?:yes|yess+|yeah|yep|yup|no(?=\s*(?:[,.!;:—–-]|$))|nope|nah|not yet|"
    r"sure(?:\s+(?:can|is|did|"
    r"does|do|thing|are))?|absolutely|definitely|of course|correct|indeed|affirmative|s[ií]|"
    r"(?:i['’]m\s+)?afraid\s+not|unfortunately\s+not|sadly\s+(?:no|not)|"
    # a state word standing for "it is ...": "Approved yesterday!", "Benign!", "All clear"
    r"(?:approved|denied|sent|ready|received|confirmed|scheduled|booked|negative|positive|"
    r"normal|benign|clear|back|done)(?=\s*(?:[,.!;:—–-]|$|\s+(?:yesterday|today|this|last|"
    r"on|at|and|as|already|just|for)\b))|"
    # "It is, you're all set"; not "It is our pleasure", "It was great to hear from you"
    r"(?:it|they|yours|he|she)\s+(?:sure\s+|certainly\s+|definitely\s+|surely\s+)?(?:is|are|"
    r"did|does|do|has|have|was|were|will|can|should)"
    r"(?:n['’]?t)?(?=\s*(?:[,.!;:—–-]|$))|(?:still|all)\s+(?:on|set|good|pending|waiting|"
    r"clear))\b)(?!\s+(?:problem|worries|worry|one|matter|need to (?:thank|apologi[sz]e))\b)",
    I)
_BACK = r"(?:it|they|that|those|these|everything|all|yours|he|she|you)"
# the words between: never a need or a may ("you don't need to come through us first")
_BETWEEN = (r"(?:(?!(?:to|need|needs|can|could|may|might|don['’]t|doesn['’]t|and|but|or|so|"
            r"when|if)\b)[\w'’]+\s+){0,3}?")
# a subject, not a condition ("if you feel fine", "before you come in") nor an object ("get
# you scheduled")
_NOT_SUBJECT = "".join(f"(?<!{w} )" for w in (
    "if", "when", "whether", "before", "after", "until", "once", "unless", "get", "got", "help",
    "let", "have", "make", "keep"))
# how the referred-back care stands or went (never "great to hear", "fine to call")
_STATE = (
    r"(?:came|come|comes|coming)\s+back|came\s+(?:in|through)|(?:is|are|was|were|be|['’]s|"
    r"['’]re)\s+"
    r"(?:back|in(?=\s*(?:yet|now|already|by|today|[.!,;]|$)))|(?:went|go|goes|gone|going)\s+"
    r"(?:well|fine|great|smoothly|through|away)|look(?:s|ed)?\s+(?:good|great|fine|normal|"
    r"clear|healthy|perfect)|normal|negative|benign|(?:all\s+)?clear(?:ed)?(?:\s+up)?|"
    r"ready|pending|better|worse|heal(?:s|ed|ing)?|settles?|settled|eases?|ease\s+up|"
    r"improv(?:e|es|ed|ing)|working|helping|helped|worked|signed|sent|faxed|approved|"
    r"processed|received|called\s+in|on\s+file|scheduled|booked|covered|showed\s+up|due|fine|"
    r"(?:all\s+)?set(?!\s+(?:up|for|aside)\b)|good\s+to\s+go|arrived|got\s+here|made\s+it|"
    r"being\s+processed|on\s+(?:its|their|the)\s+way|(?:right\s+)?on\s+(?:track|schedule)|arriv(?:e|es|ing)|posted|uploaded|available|"
    r"in\s+(?:the|your|his|her)\s+(?:portal|chart|system|file)|"
    # how the person will come through it: "she'll do great", "you're in good hands"
    r"(?:do|be|come\s+through)\s+(?:great|fine|ok|okay|well|just\s+fine)|"
    r"in\s+(?:good|great|excellent|safe|the\s+best|caring)\s+hands|"
    # what a treatment does: "they usually kick in after a few weeks"
    r"kicks?\s+in|takes?\s+effect|starts?\s+working|wears?\s+off"
)
# "it's better to call", "it's fine if you", "that's clear that": a verdict on an idea
_NOT_CARE = r"(?!\s+(?:to|than|if|that)\b)"
_SAYS_HOW = lazy(r"\b" + _NOT_SUBJECT + _BACK + r"(?:['’](?:s|re|ll|ve|d))?\s+" + _BETWEEN
                 + r"(?P<x>" + _STATE + r")\b" + _NOT_CARE, I)
# the practice did something with it: "we faxed it", "Dr. Lin signed it", "we'll check on it"
_HANDLED = lazy(
    r"\b(?P<x>(?:faxed|sent|signed|approved|ordered|reviewed|checked|called\s+in|received|"
    r"refilled|rechecked|resent|forwarded|pulled\s+up|mailed|e-?mailed|released|uploaded|(?:(?:we|i|dr\.?\s+\w+|she|he)\s*"
    r"(?:['’]ll|will|are\s+going\s+to|['’]re\s+going\s+to)\s+(?:\w+\s+)?)(?:sign|send|"
    r"fax|approve|order|review|check\s+on|call\s+in|refill|recheck|resend|forward|pull\s+up))"
    r"\s+(?:it|them|those|that|yours)|"
    r"(?:we\s+have|we['’]ve\s+got)\s+(?:you|him|her|them)\s+(?:down|booked|scheduled|on\s+"
    r"(?:the|our))|"
    r"(?:we|our\s+team|dr\.?\s+\w+|the\s+(?:doctor|nurse))\s+(?:(?:could|were\s+able\s+to|"
    r"was\s+able\s+to)\s+(?:\w+\s+)?get|(?:\w+\s+)?(?:got|found|saw|treated|caught|"
    r"diagnosed|figured\s+out|took\s+care\s+of|fixed))\s+(?:you|him|her|them)|"
    # ... or will: "Dr. Pruitt will take good care of you", "we'll see her"
    r"(?:will|['’]ll)\s+(?:take\s+(?:good|great|excellent)\s+care\s+of|see|treat|look\s+"
    r"after)\s+(?:you|him|her|them)(?!\s+(?:at|on)\s+(?:the|our|instagram)\b)|"
    # ... and will be in touch about it: "we'll double-check and call you"
    r"(?:we|dr\.?\s+\w+|she|he)\s*(?:will|['’]ll)\s+(?:[\w-]+\s+){0,5}?(?:call|phone|text)\s+"
    r"(?:you|him|her|them)(?!\s+back\b))\b", I)
# what the reader will feel, or is to do, in the care: "you won't even feel it", "keep
# applying it twice a day"
_IN_THE_CARE = lazy(
    r"\b(?P<x>(?:you|he|she|they)\s+(?:won['’]t|will\s+not|will|['’]ll|shouldn['’]t|should)\s+"
    r"(?:even\s+|barely\s+|hardly\s+)?(?:feel|notice)\s+(?:it|them|a\s+thing)|(?:keep\s+)?"
    r"(?:using|applying|taking|use|apply|take)\s+(?:it|them)\s+(?:\w+\s+){0,2}?(?:daily|twice|"
    r"once|every|until|as\s+(?:directed|prescribed)|a\s+day|at\s+night|with\s+food))\b", I)
# a wish on the care, not on the person
_WISH = lazy(
    r"\b(?P<x>(?:hope|hoping|glad|happy|wishing|good\s+luck|fingers\s+crossed|congrat\w*|"
    r"yay)\b[^.!?;]{0,40}?(?:\b(?:with|on)\s+(?:it|them|that|those)\b|\b(?:it|they|that|"
    r"the\s+[\w-]+|your\s+[\w-]+|you|you['’]re|he|she|he['’]s|she['’]s)\s+(?:[\w'’]+\s+){0,2}?"
    r"(?:" + _STATE + r"|broke|keeps?\s+\w+ing|feel(?:ing)?\s+better|doing\s+(?:better|well|"
    r"great|fine)|recover\w*|an?\s+answer)\b))", I)
_TIME = (r"(?:today|tonight|tomorrow|tmrw|this\s+(?:morning|afternoon|evening|week)|next\s+"
         r"(?:week|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:mon|tues|wednes|thurs|"
         r"fri|satur|sun)day(?!s)|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d\d|"
         r"noon)")  # not "at 45": an age
# a time for this reader's visit or care: "Friday at 10:30 works", "bring her in tomorrow",
# "they should be in by Thursday" (the clause says whose; opening hours say nobody's)
_TIMED = lazy(r"\b(?P<x>" + _TIME + r")\b", I)
_WHOSE = lazy(r"\b(?:you|your|yours|he|she|him|her|his|they|them)\b", I)
# ... tied to their care: a slot that works, is booked or fits them, or a result by then
_CARE_TIE = lazy(r"\b(?:works|booked|scheduled|set|on\s+for|fit\s+\w+\s+in|(?:bring|moved|"
                 r"get)\s+\w+\s+in|in\s+by|back\s+by|ready|call\s+(?:you|him|her|them)|see\s+"
                 r"(?:you|him|her|them)(?!\s+at\s+the)|results?|slot|opening|visit|appointment|"
                 r"appt|dr|doctor|nurse|provider|surgeon|therapist)\b", I)
_HOURS = lazy(r"\b(?:open|hours|closed|reopen\w*|through|weekdays|every|each|until|"
              r"get\s+back\s+to|(?:call|reach|message|contact|text)\s+(?:us|our))\b|^\W*call\b",
              I)
# not "hope to see you soon" (a sign-off), nor "see you at the trunk-or-treat" (an event)
_SEE_YOU = lazy(r"\b(?P<x>see\s+(?:you|him|her|them)(?:\s+(?:both|all))?\s+(?:then|there|"
                r"tomorrow|today|next\s+\w+|(?:at|on)\s+(?:\d|(?:mon|tues|wednes|thurs|fri|satur|"
                r"sun)day|(?:your|the|his|her)\s+(?:[\w-]+\s+){0,2}?(?:visit|appointment|"
                r"check|checkup|check-up|follow-up|recheck))))\b", I)
_ANY_VISIT = lazy(r"\b(?P<x>(?:every|each|last|that|his|her)\s+(?:visit|"
                  r"appointment|checkup|check-up))\b", I)
_PERSON = lazy(r"\b(?:you|he|she|him|her|they|them)\b", I)
# a clause ends at a stop, not at the dot of "Dr." or "a.m."
_CLAUSE = lazy(r"(?:[^.!?;]|(?<=\bdr)\.|(?<=\bdra)\.|(?<=\bsr)\.|(?<=\bsra)\.|(?<=\bmr)\.|"
               r"(?<=\bms)\.|(?<=\bmrs)\.|(?<=\ba)\.(?=m)|"
               r"(?<=\bp)\.(?=m)|(?<=\ba\.m)\.|(?<=\bp\.m)\.|(?<=\d)\.(?=\d))+[.!?;]*", I)


@dataclass(frozen=True)
class _Says:
    pattern: LazyPattern
    what: str  # finishes "The reply ... "
    unless: LazyPattern | None = None  # a clause this matches is not read so


# ---- the reply, in Spanish (session 46) ----------------------------------------------------
# an answer: "Sí", "Todavía no", "Claro que sí", "Por supuesto", or a state word standing for
# "it is ...": "Aprobada ayer", "Listos", "Negativo"
_ANSWER_ES = lazy(
    _OPENER + r"(?P<x>(?:todav[ií]a|a[uú]n)\s+no|claro(?:\s+que\s+s[ií])?|por\s+supuesto|"
    r"as[ií]\s+es|efectivamente|"
    r"(?:aprobad|enviad|mandad|recibid|confirmad|programad|negativ|positiv|benign|list)[oa]s?"
    r"(?=\s*(?:[,.!;:—–-]|$|\s+(?:ayer|hoy|esta|desde|y|ya|para)\b))|"
    r"normal(?:es)?(?=\s*(?:[,.!;:—–-]|$)))\b", I)
# how the care stands or went, said with the pronoun left out as Spanish does: "Salieron
# bien", "Todo salió normal", "Ya llegaron", "Ya está lista", "Se ve bien", "Va muy bien",
# "Le está ayudando", "Eso es normal", "Ya se le pasará"
_SAYS_HOW_ES = lazy(
    r"\b(?P<x>(?:sali[oó]|salieron|result[oó]|resultaron)\s+(?:todo\s+|tod[oa]s\s+)?"
    r"(?:muy\s+)?(?:bien|normal(?:es)?|negativ[oa]s?|perfect[oa]s?|limpi[oa]s?)|"
    r"ya\s+(?:lleg[oó]|llegaron|est[aá]n?\s+(?:list[oa]s?|aprobad[oa]s?|en\s+(?:el\s+)?"
    r"portal|en\s+su\s+expediente))|"
    r"se\s+(?:ve|ven|ve[ií]a|ve[ií]an)\s+(?:muy\s+)?(?:bien|normal\w*|perfect\w*)|"
    r"(?:va|van)\s+(?:muy\s+)?(?:bien|por\s+buen\s+camino)|"
    r"(?:le|les|te)\s+(?:est[aá]n?|est[eé]n?)\s+(?:ayudando|funcionando|sirviendo)|"
    r"(?:le|les|te)\s+(?:ha|han)\s+(?:ayudado|funcionado|servido)|"
    r"(?:le|les|te)\s+(?:funciona|funcionan|funcion[oó]|funcionaron|sirve|sirven|sirvi[oó])|"
    r"(?:eso|esto)\s+es\s+(?:muy\s+)?(?:normal|com[uú]n)|se\s+le\s+(?:pasar[aá]|quitar[aá])|"
    r"(?:ya\s+)?(?:est[aá]|est[eé])\s+(?:sanando|mejorando|caminando|mucho\s+mejor))\b", I)
# the practice handled it: "Ya se la enviamos", "La Dra. Soto ya la firmó", "le avisamos"
_HANDLED_ES = lazy(
    r"\b(?P<x>(?:se\s+)?(?:la|lo|las|los)\s+(?:enviamos|mandamos|firmamos|aprobamos|"
    r"revisamos|pedimos|ordenamos|recibimos|subimos|renovamos|surtimos|firm[oó]|envi[oó]|"
    r"mand[oó]|aprob[oó]|revis[oó]|pidi[oó]|orden[oó]|vamos\s+a\s+(?:enviar|mandar|revisar|"
    r"firmar|renovar))|(?:le|te)\s+(?:avisamos|avisaremos|llamamos|llamaremos|vamos\s+a\s+"
    r"(?:llamar|avisar)))\b", I)
# ... not a callback the reader asks for: "déjenos su número y le llamamos"
_CALLBACK_ASKED = lazy(r"\b(?:n[uú]mero|tel[eé]fono|mensaje|d[eé]jenos|env[ií]enos)\b", I)
# a wish on the care: "¡Qué gusto que le estén ayudando!", "Esperamos que se sienta mejor"
_WISH_ES = lazy(
    r"\b(?P<x>(?:(?:nos|me)\s+alegra|qu[eé]\s+(?:gusto|bueno|alegr[ií]a)|ojal[aá]|"
    r"esperamos\s+que|felicidades)\b[^.!?;]{0,40}?\b(?:(?:est[eé]n?|est[aá]n?)\s+)?"
    r"(?:ayudando|funcionando|sirviendo|sanando|mejorando|caminando|ayude|ayuden|funcione|"
    r"funcionen|sirva|sirvan|recuper\w+|(?:salga|salgan|sali[oó]|salieron)\s+(?:todo\s+)?bien|"
    r"(?:se\s+)?(?:sienta|siente|sientan|sienten)\s+mejor|se\s+mejore))\b", I)
# the reader's part in the care: "no va a sentir nada", "siga aplicándola dos veces al día"
_IN_THE_CARE_ES = lazy(
    r"\b(?P<x>no\s+(?:le\s+)?(?:va\s+a|vas\s+a)\s+(?:sentir|doler)|no\s+(?:le\s+)?"
    r"(?:sentir[aá]|doler[aá])|(?:siga|contin[uú]e|sigue)\s+(?:us[aá]ndol|aplic[aá]ndol|"
    r"tom[aá]ndol)\w*)\b", I)
# a visit for the care: "la esperamos el martes", "nos vemos mañana a las 9"
_SEE_YOU_ES = lazy(
    r"\b(?P<x>(?:(?:la|lo|los|las|le|les)\s+(?:esperamos|vemos)|nos\s+vemos)\s+(?:el\s+"
    r"(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)|ma[nñ]ana|hoy|a\s+las|"
    r"en\s+su\s+(?:cita|consulta|pr[oó]xima)))", I)


_READINGS = (
    _Says(_ANSWER, "answers the comment's question"),
    _Says(_SAYS_HOW, "says how the care the comment speaks of stands or went"),
    _Says(_HANDLED, "says the practice handled the care the comment speaks of"),
    _Says(_WISH, "wishes on the care the comment speaks of"),
    _Says(_SEE_YOU, "confirms a visit for the care the comment speaks of"),
    _Says(_IN_THE_CARE, "speaks of the commenter's own part in the care the comment speaks of"),
    _Says(_ANSWER_ES, "answers the comment's question"),
    _Says(_SAYS_HOW_ES, "says how the care the comment speaks of stands or went"),
    _Says(_HANDLED_ES, "says the practice handled the care the comment speaks of",
          unless=_CALLBACK_ASKED),
    _Says(_WISH_ES, "wishes on the care the comment speaks of"),
    _Says(_SEE_YOU_ES, "confirms a visit for the care the comment speaks of"),
    _Says(_IN_THE_CARE_ES,
          "speaks of the commenter's own part in the care the comment speaks of"),
)


def answer_hits(reply: str, comment: str) -> list[Hit]:
    """Hits on `reply` (already normalised) for what it says about the comment's own care:
    the first reading that applies, one hit (the rest would say the same thing)."""
    care = own_care(comment)
    if care is None:
        return []
    from .judge import _DECLINE  # one refusal wording for the whole reply screen

    for clause in _CLAUSE.finditer(reply):
        words = clause.group(0)
        if _DECLINE.search(words):
            continue
        for reading in _READINGS:
            m = reading.pattern.search(words)
            if m and not (reading.unless and reading.unless.search(words)):
                return [_answer_hit(clause.start() + m.start("x"), clause.start() + m.end("x"),
                                    care, reading.what)]
        timed = _TIMED.search(words)
        if timed and _WHOSE.search(words) and _CARE_TIE.search(words) and not _HOURS.search(
                words):
            return [_answer_hit(clause.start() + timed.start(), clause.start() + timed.end(),
                                care, "gives a time for the care the comment speaks of")]
        visit = _ANY_VISIT.search(words)
        if visit and _PERSON.search(words):
            return [_answer_hit(clause.start() + visit.start("x"),
                                clause.start() + visit.end("x"), care,
                                "speaks of the visits of the person the comment speaks of")]
    return []


def _answer_hit(start: int, end: int, care: OwnCare, what: str) -> Hit:
    return Hit("name", start, end, "", 0.8, RULE,
               f"The reply {what}: under a comment that {care.telling.value} the commenter's "
               "own (or their family's) health or care, that confirms the care in the "
               "practice's voice. Keep replies general ('thank you for sharing', 'please call "
               "our office') and take details offline",
               redaction="[general wording, e.g. 'please call our office']")


def answer_findings(reply: str, comment: str | None,
                    found: Sequence[Any] = ()) -> list[Finding]:
    """The findings `answer_hits` adds to the reply screen's `found`: spans on the reply as
    written, none inside a block already found."""
    if not comment or not comment.strip():
        return []
    norm: Normalized = normalize(reply)
    out = []
    for hit in apply(answer_hits(norm.text, comment)):
        start, end = norm.span(hit.start, hit.end)
        if any(getattr(f, "severity", None) == BLOCK and f.start <= start and end <= f.end
               for f in found):
            continue
        out.append(Hit(hit.category, start, end, hit.severity, hit.score, hit.rule, hit.why,
                       hit.redaction).finding(norm.original))
    return out


# ---- names the comment ties to health (session 52) --------------------------------------
# The card of a reply shows its comment redacted; a reply naming the person the comment's
# redaction hid ("We are so sorry about what happened to <Name>", "Mr. <Surname>, ... about
# <First>") put the name back beside the redacted story, and only warned: alone, a name has
# no health context (an outside attack review, session 52, B1). So a reply is read with the
# comment's own findings: a name the comment's screen blocks (tied to health or an
# identifier) blocks in the reply, whole or any word of it; and under a comment about its
# writer's own health (flagged phi, self_disclosure or crisis), the writer's name blocks: in
# the practice's voice it confirms that person is a patient ("Thank you, <Name>!").

NAMES_RULE = "reply_names_answered"


@dataclass(frozen=True)
class Answered:
    """The comment a reply answers: its words, and its writer's name when the comment is
    about the writer's own health (None otherwise: a name alone confirms nothing)."""

    text: str | None
    author: str | None = None


def answered_words(answering: str | Answered | None) -> str | None:
    return answering.text if isinstance(answering, Answered) else answering


# A comment longer than this is not screened with its reply: the daemon does not judge one
# (monitor.ANALYSED_CHARS) and chat does not show one (guard.CHAT_COMMENT_CHARS).
ANSWERED_CHARS = 20_000


def _screenable(comment: str | None) -> str:
    """The comment's words if the screen can read them ("" if not: none, too long, or
    nothing a reader sees)."""
    if not comment or not comment.strip() or len(comment) > ANSWERED_CHARS:
        return ""
    try:
        normalize(comment)
    except EmptyText:
        return ""
    return comment


def comments_found(screen: Callable[[list[str], str], list[list[Any]]],
                   answering: Sequence[str | Answered | None]) -> list[list[Any]]:
    """The answered comments' own findings (`screen` in context "comment"), one list per
    reply, for ``with_answers``: empty for a comment the screen cannot read."""
    comments = [_screenable(answered_words(a)) for a in answering]
    read = [c for c in comments if c]
    found = iter(screen(read, "comment") if read else [])
    return [list(next(found)) if c else [] for c in comments]


# titles, not names: "Mrs. <Name>" hides the name, not every "Mrs" of the reply
_TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "dr", "dra", "sr", "sra", "srta",
                     "don", "doña", "dona", "the", "and", "nurse", "doctor"})
_NAME_WORD = lazy(r"[^\W\d_][\w'’-]*")
# shorter words are not hunted on their own: "Al" or "Jo" are in too many words
NAME_WORD_CHARS = 3


def name_words(name: str, capitalised: bool = False) -> set[str]:
    """The words of a name worth hunting for: each of at least three letters, no title
    (and, read from a comment's finding, only capitalised ones: a self-disclosure finding
    is a health word, "shingles", not a name)."""
    return {w for w in _NAME_WORD.findall(name)
            if len(w) >= NAME_WORD_CHARS and w.casefold() not in _TITLES
            and (w[0].isupper() or not capitalised)}


NAME_END = r"(?=['’]s\b|(?![\w'’-]))"  # whole word, or the name before its "'s"


def words_pattern(words: set[str]) -> re.Pattern[str]:
    """Any of `words` as whole words (any case), a run of them as one match ("Delia Marsh")."""
    one = "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"
    # A possessive ("Delia's news") is the name too: the re-read of session 52 found it passed.
    return re.compile(r"(?<![\w'’-])" + one + r"(?:\s+" + one + r")*" + NAME_END, I)


def named_here(found: str) -> bool:
    """Does `found` (a run of a name's words, as the reply has it) name someone? Not "hope"
    or "will" in lower case: a name that is also an everyday word ("Hope", "Will", "Grace")
    names only capitalised."""
    from .spanish_names import _everyday
    from .vocabulary import wordlike_first_names

    everyday = _everyday()[1] | wordlike_first_names()
    return any(not w.islower() or w not in everyday for w in _NAME_WORD.findall(found))


def _named(comment_found: Sequence[Any]) -> set[str]:
    """The words of the names the comment's screen blocks."""
    return {w for f in comment_found
            if getattr(f, "severity", None) == BLOCK and getattr(f, "category", None) == "name"
            for w in name_words(str(getattr(f, "text", "") or ""), capitalised=True)}


def name_findings(reply: str, answering: str | Answered | None,
                  comment_found: Sequence[Any]) -> list[Finding]:
    """Blocks on the reply's words that name the person the answered comment ties to health
    or an identifier, or the health comment's own writer."""
    patient = _named(comment_found)
    author = answering.author if isinstance(answering, Answered) else None
    writer = name_words(author) if author else set()
    if not patient and not writer:
        return []
    try:
        norm: Normalized = normalize(reply)
    except EmptyText:
        return []
    ours = {w.casefold() for w in patient}
    out = []
    for m in words_pattern(patient | writer).finditer(norm.text):
        if not named_here(m.group(0)):
            continue
        whose = {w.casefold() for w in _NAME_WORD.findall(m.group(0))}
        hit = (Hit("name", m.start(), m.end(), "", 0.9, f"{NAMES_RULE}+patient",
                   "The reply names a person its comment ties to health or an identifier: the "
                   "card and the platform show the comment redacted or hidden, and this name "
                   "beside it tells whose story it is. Reply without the name ('we are so "
                   "sorry to hear this') and take details offline",
                   redaction="[patient name]")
               if whose & ours else
               Hit("name", m.start(), m.end(), "", 0.9, f"{NAMES_RULE}+commenter",
                   "The reply names the writer of a comment about their own health or care: "
                   "in the practice's voice that confirms they are a patient. Reply without "
                   "their name ('thank you for sharing')",
                   redaction="[commenter name]"))
        for h in apply([hit]):
            start, end = norm.span(h.start, h.end)
            out.append(Hit(h.category, start, end, h.severity, h.score, h.rule, h.why,
                           h.redaction).finding(norm.original))
    return out


def with_answers(texts: Sequence[str], found: Sequence[list[Any]],
                 answering: Sequence[str | Answered | None],
                 comment_found: Sequence[Sequence[Any]] | None = None) -> list[list[Any]]:
    """Each reply's findings with those of reading it under the comment it answers
    (`comment_found`: the comment's own screen findings, one list per reply)."""
    if len(answering) != len(texts):
        raise ValueError("answering: one comment (or None) per reply")
    named = comment_found if comment_found is not None else [()] * len(texts)
    out = []
    for t, f, c, n in zip(texts, found, answering, named, strict=True):
        names = name_findings(t, c, n)
        # the name's own warning ("if they are a patient ...") says less than the block
        kept = [x for x in f if not (getattr(x, "severity", None) != BLOCK and any(
            b.start <= x.start and x.end <= b.end for b in names))]
        out.append([*kept, *answer_findings(t, answered_words(c), kept), *names])
    return out
