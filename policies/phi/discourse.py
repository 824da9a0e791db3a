"""A person carried over sentences by a pronoun (session 56: findings S1, S2 and S10 of the
outside attack review on branch s56-attack-screen).

judge.py ties a condition to a name one sentence either side of it and a care word only in
the name's own sentence. A post that names a person and tells their care two or more
sentences on, by "he"/"she" ("Tobias Wendt loves fishing. He loves his grandkids. Last spring
he finished chemotherapy with us."), or their care or a care service they attend in the next
sentence ("... He has been in our infusion center every Tuesday"), was only warned.

`pronoun_sentences` finds, for one named person, the later sentences of the same paragraph
whose subject pronoun can only point back at them:

- "he"/"she", Spanish "él"/"ella", or a Spanish sentence with no subject that opens with a
  third-person verb of the past or of a state ("Terminó su quimioterapia", "Ya tiene su cita");
- at most MAX_AFTER sentences after the name's own, never past a blank line;
- no other person between the name and the pronoun: another candidate or allow-listed person
  (passed in as `others`), or a definite staff or person noun ("our nurse", "the doctor",
  "her neighbor"). A relative of theirs does not stop it ("his wife ... She ..."): who is then
  meant is still known through the name;
- a pronoun of the other gender seen on the way ends it, unless a relative came between.

judge reads each sentence found as the name's own (its conditions and care, a care service
attended, a program joined), with the pronoun standing for the name. Bounded and cheap:
regexes over at most MAX_AFTER sentences per name, no parse. Singular "they" is not read: in
posts it mostly stands for a group or a thing ("Thanks to Ana for the flyers. They are at the
front desk.")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .candidates import KIN, sentences
from .lazy_pattern import lazy
from .vocabulary import name_key, spanish_verb_forms_all

I = re.IGNORECASE  # noqa: E741

MAX_AFTER = 4  # sentences after the name's own that a pronoun may still point back over
_PRONOUN = lazy(r"\b(?:(?P<m>he|él)|(?P<f>she|ella))\b", I)
# a Spanish sentence without a subject: a third-person verb of the past, a perfect or a state
# opens it, after a time word or an object pronoun ("Ya terminó su quimioterapia", "La semana
# pasada empezó diálisis", "Le operaron la rodilla"); a present verb would also be an
# instruction to the reader ("Llame hoy", "Recuerde su cita") and is not read
_ES_LEAD = (r"(?:(?:ya|también|tambien|hoy|ayer|anoche|recién|recien|apenas|finalmente|"
            r"por\s+fin|(?:este|esta|el|la)\s+(?:\w+\s+)?(?:pasad[oa]|mes|semana|año|lunes|"
            r"martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)|hace\s+\w+\s+"
            r"\w+)\s*,?\s+)*")
_ES_DROPPED = lazy(r"^[\s¡¿\"“'‘(-]*" + _ES_LEAD + r"(?P<cl>(?:se|le|lo|la|les)\s+)?"
                   r"(?P<v>[a-záéíóúñü]+)\b", I)
_ES_STATE = frozenset({"tuvo", "estuvo", "está", "estaba", "tiene", "tenía", "tenia", "sigue",
                       "siguió", "pudo"})
_ES_PERFECT = lazy(r"\s+(?:\w+\s+)?\w+(?:ado|ido)\b", I)  # "ha terminado", "ha estado"
# a third party the pronoun may point at instead: a staff or person noun with a definite word
# before it (not "a nurse": a description, "She is a retired nurse"); after "is"/"was" it is
# the person's own description ("He is the owner of ..."), and relatives are left out (above)
_OTHER_PERSON = lazy(
    r"\b(?:our|the|this|that|my|his|her|their|nuestr[oa]|el|la|su)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:nurse|doctor|physician|hygienist|assistant|receptionist|manager|technician|"
    r"coordinator|therapist|counselor|pharmacist|dentist|intern|practitioner|specialist|"
    r"educator|dietitian|nutritionist|provider|clinician|midwife|instructor|volunteer|"
    r"colleague|aide|secretary|director|chiropractor|optometrist|podiatrist|pediatrician|"
    r"surgeon|cardiologist|oncologist|man|woman|lady|gentleman|guy|friend|neighbou?r|owner|"
    r"driver|student|teacher|coach|pastor|officer|mayor|principal|boss|enfermer[oa]|"
    r"m[ée]dic[oa]|doctora|vecin[oa]|amig[oa]|maestr[oa]|señora|señor)(?![\w-])|"
    r"\b(?:dr|dra|nurse|coach|pastor|mr|mrs|ms|sr|sra)\.?\s+[A-Z]", I)
_DESCRIBED = lazy(r"(?:\b(?:is|was|are|as|became|es|era|fue)|['’]s|,)\s+$", I)
_KIN = lazy(r"\b(?:" + KIN + r"|esposo|esposa|hij[oa]|niet[oa]|mamá|papá|herman[oa])\b", I)
_PARAGRAPH = lazy(r"\n[ \t]*\n")


def _spanish_dropped(sentence: str) -> bool:
    m = _ES_DROPPED.match(sentence)
    if m is None:
        return False
    verb = m.group("v").lower()
    if m.group("cl") and m.group("cl").strip().lower() in ("le", "les") and re.search(
            r"(?:aron|ieron)$", verb):
        return True  # "Le operaron la rodilla": done to them
    if verb in _ES_STATE:
        return True
    if verb in ("ha", "había", "habia"):
        return bool(_ES_PERFECT.match(sentence, m.end()))
    return verb.endswith("ó") and name_key(verb) in spanish_verb_forms_all()


def _other_person(text: str, start: int, end: int) -> bool:
    for m in _OTHER_PERSON.finditer(text, start, end):
        if _KIN.search(m.group(0)):
            continue
        if not _DESCRIBED.search(text, max(start, m.start() - 12), m.start()):
            return True
    return False


def pronoun_sentences(text: str, start: int, end: int,
                      others: Sequence[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """For the person named at text[start:end]: (pronoun start, pronoun end, sentence start,
    sentence end) of each later sentence of its paragraph told of them by a pronoun (for a
    dropped Spanish subject the "pronoun" is the sentence's first word). `others`: the spans of
    the other people the text names (candidates and allow-listed people), whose pronouns these
    may be."""
    spans = sentences(text)
    here = next((i for i, (s, e) in enumerate(spans) if s <= start < e), None)
    if here is None:
        return []
    found: list[tuple[int, int, int, int]] = []
    gender = ""
    kin = False
    seen = end  # read up to here for other people
    for s, e in spans[here + 1 : here + 1 + MAX_AFTER]:
        if _PARAGRAPH.search(text, seen, s + len(text[s:e]) - len(text[s:e].lstrip())):
            break  # a new paragraph
        pronoun = _PRONOUN.search(text, s, e)
        if pronoun:
            p_start, p_end = pronoun.span()
            this = "m" if pronoun.group("m") else "f"
        elif _spanish_dropped(text[s:e]):
            word = re.search(r"[^\W\d_]+", text[s:e])
            p_start, p_end = (s + word.start(), s + word.end()) if word else (s, s)
            this = gender
        else:
            p_start = p_end = e
            this = ""
        if any(seen <= o_start < p_start for o_start, _ in others) or _other_person(
                text, seen, p_start):
            break
        kin = kin or bool(_KIN.search(text, seen, p_start))
        if p_start < e:
            if gender and this and this != gender and not kin:
                break  # "he" was the name; a "she" now is someone else
            gender = gender or this
            found.append((p_start, p_end, s, e))
        seen = max(seen, p_end if p_start < e else e)
    return found


# what a person does for others, between the pronoun and a health word: their work, a talk, a
# gift ("She runs our diabetes class", "He will talk about heart health", "She treats kids
# with asthma", "He donated to our cancer fund"): the health word is not their own care
_WORK = lazy(
    r"\b(?:lead(?:s|ing)?|led|teach(?:es|ing)?|taught|host(?:s|ed|ing)?|run(?:s|ning)?|"
    r"facilitat\w*|instruct\w*|coach(?:es|ed|ing)?|volunteer\w*|sponsor\w*|donat\w*|"
    r"present(?:s|ed|ing)?|organi[sz]\w*|treat(?:s|ed|ing)?|sees|perform\w*|gives?|gave|"
    r"giving|specializ\w*|speciali[sz]\w*|works?|worked|working|train(?:s|ed|ing)|studied|"
    r"talk(?:s|ed|ing)?|speak(?:s|ing)?|spoke|answer\w*|shar(?:e|es|ed|ing)|explain\w*|"
    r"write|writes|wrote|written|rais(?:e|es|ed|ing)|fundrais\w*|research\w*|advocat\w*|"
    r"help(?:s|ed|ing)?\s+(?:us|our\s+\w+|other\s+\w+|patients|people|families|others|"
    r"kids)|design\w*|creat(?:e|es|ed|ing)|buil[dt]s?|building|paint(?:s|ed|ing)?|"
    r"knit(?:s|ted|ting)?|sew(?:s|ed|ing)?|"
    r"ayud(?:a|an|ó|o|aba)\s+(?:a|con|les|le|nos)|les\s+ayud\w*|"
    r"workshops?|seminars?|webinars?|lectures?|pl[áa]ticas?|charlas?|talleres|taller|"
    r"conferencias?|dirig\w*|ense[ñn]\w*|trabaj\w*|habl\w*|don[óo]|organiz\w*|atiende|"
    r"atendi[óo])\b", I)


def does_work(text: str, start: int, end: int) -> bool:
    """The words between a pronoun and a health word tell of work or a gift for others."""
    return bool(_WORK.search(text, start, end))
