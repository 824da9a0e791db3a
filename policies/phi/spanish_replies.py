"""Care a Spanish reply tells of its reader in everyday words (session 56, attack review S6).

A practice's reply that says "¡Qué bueno que las pastillas nuevas le están ayudando!", "Nos
alegra que ya no te duela la rodilla" or "Qué bueno que ya le bajó la presión" confirms in
public that the commenter (or the family member "le" stands for) is in the practice's care, as
"Glad your pressure is down" does in English. The English reply reading ties a care word of
the vocabulary to the reader (judge._reply_hits: "your", a wish opening the sentence); these
Spanish forms carry no vocabulary word ("pastillas", "la presión", "la rodilla" are everyday
words), and the reader is in the clitic ("le", "te") or the possessive ("su", "tu"):

- pain of one body part, in any tense or mood: "(ya no) le/te duele/duela/dolía la rodilla";
- a measure going up or down: "le/te bajó la presión", "ya le subió el azúcar", "su presión
  ya bajó", "tu azúcar está mejor";
- a medicine working for the reader: "las pastillas (nuevas) le/te están ayudando",
  "le/te funcionaron las gotas", "su medicina le está sirviendo".

Each is a mention of its own kind (READER_CARE_ES) that judge._reply_hits reads like any care
word and ties to the reader by its own clitic or possessive. Advice to anyone is not one: a
condition or a time before it in its clause ("si le duele la rodilla", "cuando le baje la
presión", "para que no le duela"), a question ("¿Le duele la rodilla?"), a plural "les"
("a muchos les duele la espalda"). Replies only: a post speaks to everyone."""

from __future__ import annotations

import re

from policies.anatomy import BODY_PART_ES

from .lazy_pattern import lazy
from .vocabulary import Mention, Term

I = re.IGNORECASE  # noqa: E741
READER_CARE_ES = Term("relation", "care", 8.0)

_DET = r"(?:el|la|los|las|su|sus|tu|tus|esa|esas|ese|esos)\s+"
_READER = r"(?:le|te)"  # "les" is a crowd: "a muchos les duele la espalda"
_ADV = r"(?:(?:ya|todav[ií]a|a[uú]n|casi|tambi[eé]n|por\s+fin|no|nada|tanto|m[aá]s)\s+){0,3}"
_PAIN = (r"\b" + _READER + r"\s+" + _ADV + r"(?:duele|duelen|duela|duelan|dol[ií]a|dol[ií]an|"
         r"doli[oó]|dolieron|doliera|dolieran|ha\s+dolido|haya\s+dolido|est[aá]\s+doliendo|"
         r"molesta|molestan|moleste|molesten|molestaba|molestaban)\s+" + _ADV + _DET
         + r"(?:" + BODY_PART_ES + r")\b")
_MEASURE = (r"(?:presi[oó]n(?:\s+arterial)?|az[uú]car|glucosa|colesterol|fiebre|hinchaz[oó]n|"
            r"inflamaci[oó]n|temperatura|triglic[eé]ridos|a1c|hemoglobina|ox[ií]geno|"
            r"saturaci[oó]n|niveles?)")
_MOVED = (r"(?:baj[oó]|subi[oó]|baja|sube|bajara|subiera|baje|suba|bajaron|subieron|"
          r"ha\s+bajado|ha\s+subido|haya\s+bajado|haya\s+subido|est[aá]\s+bajando|"
          r"est[aá]\s+subiendo|(?:se\s+)?(?:normaliz|control|estabiliz|regul)(?:[oó]|a|e|"
          r"ara|aron|ado)|qued[oó]|sali[oó]|sigue)")
_MEASURE_MOVED = (
    r"\b" + _READER + r"\s+" + _ADV + _MOVED + r"\s+(?:(?:un\s+poco|bastante|mucho)\s+)?"
    + r"(?:el|la|los|las|su|sus|tu|tus)\s+" + _MEASURE + r"\b|"
    # "su presión ya bajó", "tu azúcar está mejor", "sus niveles salieron bien"
    r"\b(?:su|sus|tu|tus)\s+" + _MEASURE + r"\s+" + _ADV + r"(?:" + _MOVED
    + r"|est[aá]n?\s+(?:mejor|bien|m[aá]s\s+baj[oa]s?|controlad[oa]s?|normal(?:es)?)|"
    r"anda(?:n)?\s+(?:mejor|bien))\b"
)
_MEDICINE = (r"(?:pastillas?|medicinas?|medicamentos?|gotas|inyecciones|inyecci[oó]n|pomada|"
             r"crema|jarabe|parches?|pastillitas|tabletas?|c[aá]psulas|tratamiento|terapia|"
             r"ejercicios|inhalador|insulina|vitaminas)")
_WORKS = (r"(?:est[aá]n?\s+(?:funcionando|ayudando|sirviendo|haciendo\s+efecto)|"
          r"est[eé]n?\s+(?:funcionando|ayudando|sirviendo|haciendo\s+efecto)|"
          r"(?:funciona|funcionan|funcione|funcionen|funcion[oó]|funcionaron|ayuda|ayudan|"
          r"ayude|ayuden|ayud[oó]|ayudaron|sirve|sirven|sirva|sirvan|sirvi[oó]|sirvieron|"
          r"cay[oó]|cayeron|caen|hace|hacen|hizo|hicieron)(?:\s+(?:bien|efecto))?|"
          r"(?:han|hayan)\s+(?:funcionado|ayudado|servido|hecho\s+efecto))")
_MEDICINE_WORKS = (
    # "las pastillas nuevas le están ayudando", "su medicina te está sirviendo"
    r"\b(?:las|los|la|el|sus|su|tus|tu|esas|esos|estas|estos)\s+(?:nuev[oa]s\s+)?" + _MEDICINE
    + r"(?:\s+(?:nuev[oa]s?|de\s+(?:la|el)\s+[\w-]+))?\s+(?:que\s+(?:le|te)\s+\w+\s+)?"
    + _READER + r"\s+" + _ADV + _WORKS + r"|"
    # "le/te están funcionando las pastillas (nuevas)"
    r"\b" + _READER + r"\s+" + _ADV + _WORKS + r"\s+(?:las|los|la|el|sus|su|tus|tu|esas|esos)"
    r"\s+(?:nuev[oa]s\s+)?" + _MEDICINE + r"\b"
)
_CARE = lazy(r"(?:" + _PAIN + r"|" + _MEASURE_MOVED + r"|" + _MEDICINE_WORKS + r")", I)
# advice for anyone: a condition, a purpose or a time opens the clause before it
_ANYONE_BEFORE = lazy(r"\b(?:si|cuando|cuándo|mientras|en\s+caso\s+de\s+que|para\s+que|"
                      r"hasta\s+que|antes\s+de\s+que|siempre\s+que|cada\s+vez\s+que|"
                      r"a\s+veces|a\s+muchos|a\s+muchas|a\s+algunos|a\s+algunas|"
                      r"a\s+cualquier[ao]?|es\s+normal\s+que|es\s+com[uú]n\s+que|suele)\b"
                      r"[^.!?;,]*$", I)


def reader_care(text: str) -> list[Mention]:
    """Every everyday Spanish care phrase of the reader's own in a reply."""
    if not re.search(r"\b(?:le|te|su|sus|tu|tus)\b", text, I):
        return []  # one cheap test first: no reader, nothing to read
    found = []
    for m in _CARE.finditer(text):
        start = max(text.rfind(mark, 0, m.start()) for mark in ".!?\n¿¡")
        clause = text[start + 1 : m.start()]
        opened = start >= 0 and text[start] == "¿"
        closed = text.find("?", m.end()) != -1 and (text.find("?", m.end()) < min(
            (i for i in (text.find(p, m.end()) for p in ".!\n") if i != -1), default=len(text)))
        if opened or closed or _ANYONE_BEFORE.search(clause):
            continue  # "¿Le duele la rodilla?", "Si le duele la rodilla, llámenos"
        found.append(Mention(m.start(), m.end(), m.group(0), READER_CARE_ES))
    return found
