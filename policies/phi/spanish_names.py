"""A Spanish nickname no name list holds, read from where it stands (session 48; docs/phi.md
"Session 48: Spanish names the lists do not hold"). Block-only: it adds a hit, never removes
one.

Spanish posts name people by nicknames ("Pancho de la carnicería", "Güera") and by
lower-case honorific names ("don chuy", "doña chofi") that no census list spells, so the name
readings pass them. Two positions make a word a person whatever it spells:

- the subject opening a sentence: a capitalised word, a "de la <place>" tag after it or
  none, adverbs, then a state or event of one person ("sigue en diálisis", "salió del
  hospital", "empezó quimio", "está internada", "la operaron"), or "en"/"con"/"sin" and a
  health word ("Güera en el hospital");
- after an honorific in any case: don, doña, tío, tía, compadre, comadre, señor, señora.

The word is a candidate only when it is no common word: wordfreq's Spanish and English
frequencies (a kept vocabulary, not a hand list of names) say "Feria", "Gracias", "Info",
"Septiembre" are words; Spanish function words, US towns, organisation words and the
policy's allow-listed staff are not read either. The sentence must be Spanish and tell one
person's health event: a health word the vocabulary knows (a condition, or a care word other
than a service anyone books: "vacunas", "citas"), or one of the closed events below
("la operaron", "dio a luz", "se fracturó")."""

from __future__ import annotations

import re
from functools import lru_cache

from .lazy_pattern import lazy
from .vocabulary import (
    first_names,
    name_key,
    spanish_function_words,
    spanish_verb_forms,
    spanish_verb_forms_all,
)

I = re.IGNORECASE  # noqa: E741

# a word this common in Spanish (Zipf scale) is a word, not a nickname; a first name of the
# lists is read up to the higher mark ("Lupe" 3.1, "Pancho" 3.7; "Rosa" 4.7 and "Lucha" 5.1
# are words first)
COMMON_ES = 3.6
COMMON_NAME_ES = 4.0
COMMON_EN = 4.5

_HONORIFIC = lazy(
    r"(?<![\w'’])(?P<t>don|doña|doñita|tío|tio|tía|tia|compadre|comadre|señor|señora|"
    r"sr\.|sra\.)\s+(?P<n>[^\W\d_]{3,})(?![\w'’\-])", I)
_OPENING = lazy(r"(?<![\w'’@#.\-])(?P<n>[A-ZÁÉÍÓÚÑ][a-záéíóúñü]{2,})(?![\w'’\-@])")
# what may stand before an opening word inside its sentence: marks; a label ("Foto:")
_OPENS = lazy(r"[\s\"“«¿¡(]*|.*[:;\n][\s\"“«¿¡(]*", re.S)
# "<word> de la tienda", "del rancho de arriba", "de enfrente": a tag of where they are from
_TAG = r"(?:\s+(?:del|de(?:\s+al)?)(?:\s+[^\W_]+){1,6}?)?"
_ADVERBS = (r"(?:\s+(?:ya|todavía|todavia|aún|aun|por\s+fin|otra\s+vez|no|ahora|hoy|apenas|"
            r"también|tambien|muy|sí|si\b(?=\s+(?:es|está|esta))))*")
# a state or an event of one person (third person singular), or a pronoun and a verb
_STATE = (r"sigue|continúa|continua|salió|salio|está|esta|estuvo|empezó|empezo|comenzó|"
          r"comenzo|inició|inicio|terminó|termino|acabó|acabo|tiene|tuvo|anda|andaba|viene|"
          r"vino|llegó|llego|cumple|cumplió|cumplio|lleva|fue|sufrió|sufrio|perdió|perdio|"
          r"murió|murio|falleció|fallecio|dio\s+a\s+luz|regresa|regresó|regreso|camina|"
          r"necesita|recibió|recibio|padece|amaneció|amanecio|va|quedó|quedo|"
          r"se\s+(?:fracturó|fracturo|cortó|corto|cayó|cayo|operó|opero|recupera|accidentó|"
          r"accidento|enfermó|enfermo|desmayó|desmayo|puso|rompió|rompio|quemó|quemo)")
_CLITIC_VERB = (r"(?:lo|la|le)\s+(?P<v>[a-záéíóúñü]{1,}(?:aron|ieron|eron|an|en|ó|o))")
_PREDICATE = lazy(_TAG + _ADVERBS + r"\s*,?\s+(?:(?P<s>" + _STATE + r")|" + _CLITIC_VERB
                  + r"|(?P<p>en|con|sin))\b", I)
# events of one person the health vocabulary does not list: "la operaron", "dio a luz"
_EVENT = lazy(
    r"\b(?:oper(?:aron|an|ó|o|ada|ado)|intub(?:aron|ado|ada)|intern(?:aron|ado|ada)|"
    r"amput(?:aron|ado|ada)|hospitalizad[oa]|radiaci(?:ón|on|ones)|quimio\w*|"
    r"dio\s+a\s+luz|tuvo\s+(?:a\s+)?su\s+beb[ée]|se\s+(?:fractur|cort|desmay|accident|"
    r"quem|enferm)\w*|fractur\w*|ces[áa]rea|cirug[íi]a|embarazad[ao]|parto|"
    r"desintoxicaci[óo]n|rehabilitaci[óo]n|di[áa]lisis|terapia\s+intensiva|uci\b|"
    r"urgencias|en\s+el\s+hospital|del\s+hospital|muletas|yeso|silla\s+de\s+ruedas)", I)
# a service anyone books is no event of one person ("Walmart tiene vacunas") unless it is
# theirs ("su vacuna")
_SERVICE = frozenset({"vacuna", "vacunas", "cita", "citas", "consulta", "consultas",
                      "examen", "exámenes", "examenes", "prueba", "pruebas", "chequeo",
                      "chequeos", "receta", "recetas", "laboratorio"})
_THEIRS = lazy(r"\b(?:su|sus)\s+(?:\w+\s+)?$", I)
# ... and a condition a service is for is its topic: "vacunas contra la gripe", "pruebas de vih"
_SERVICE_FOR = lazy(r"\b(?:" + "|".join(sorted(_SERVICE)) + r")\s+(?:\w+\s+)?(?:contra|de|del|para)"
                    r"\s+(?:(?:la|el|los|las)\s+)?$", I)
# an imperative or a gerund with its pronoun: "Pregúntenos", "Llámele", "Visítanos"
_ENCLITIC = lazy(r"[áéíóú][a-zñ]*(?:nos|les?|los?|las?|se|me|te)$")
_ARTICLE = lazy(r"^(?:el|la|los|las|su|sus|un|una)\s+", I)
_NEAR = 25  # characters: how far "en"/"con"/"sin" may stand from the health word
_MONTHS_DAYS = frozenset({
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miercoles", "jueves",
    "viernes", "sabado", "domingo"})


@lru_cache(maxsize=4096)
def common_word(word: str, name_listed: bool = False) -> bool:
    """`word` is an everyday Spanish or English word (wordfreq), a Spanish function word,
    a month or a weekday: no nickname where it stands."""
    from wordfreq import zipf_frequency

    low = word.lower()
    key = name_key(word)
    if key in spanish_function_words() or key in _MONTHS_DAYS:
        return True
    mark = COMMON_NAME_ES if name_listed or key in first_names() else COMMON_ES
    return zipf_frequency(low, "es") >= mark or zipf_frequency(low, "en") >= COMMON_EN


def one_persons_event(text: str, start: int, end: int, mentions: list) -> bool:
    """The sentence text[start:end] tells a health event of one person: a health word of
    `mentions` in it (a condition no bookable service is for, or care other than such a
    service unless it is theirs), or one of the events above."""
    for m in mentions:
        if not start <= m.start < end:
            continue
        before = max(start, m.start - 40)
        if m.term.kind == "condition" and not _SERVICE_FOR.search(text, before, m.start) or (
                m.term.kind != "condition" and (m.text.lower() not in _SERVICE
                                                or _THEIRS.search(text, before, m.start))):
            return True
    return bool(_EVENT.search(text, start, end))


def _subject(text: str, m: re.Match[str], end: int) -> tuple[int, int] | None:
    word = m.group("n")
    if common_word(word) or _ENCLITIC.search(word) or _EVENT.match(word) or (
            word.endswith(("n", "s")) and name_key(word) in spanish_verb_forms()):
        return None  # "Laven con agua ...", "Pregúntenos en su cita", "Quimio con ...": a
        # plural or a second person; "Tacho", "Beba" may be verbs and nicknames alike
    p = _PREDICATE.match(text, m.end(), end)
    if p is None:
        return None
    if p.group("p") and not _health_next(text, p.start("p"), end):
        return None  # "en"/"con"/"sin" must bring the health: "Güera en el hospital"
    if p.group("v") and name_key(p.group("v")) not in spanish_verb_forms_all() and not (
            _EVENT.match(p.group("v"))):
        return None  # "la tienda": an article and a noun, not "la operaron"
    return m.span("n")


def _health_next(text: str, pos: int, end: int) -> bool:
    """A health word or an event of one person within a few words of the "en"/"con"/"sin"
    at `pos` ("en el hospital", "con quimio", "sin su insulina"), not a bookable service
    ("en su cita")."""
    window = text[pos:min(end, pos + 40)]
    if _EVENT.match(window) or _EVENT.match(_ARTICLE.sub("", window[3:].lstrip(), 1)):
        return True
    from .vocabulary import health_mentions

    return any(h.start <= _NEAR and h.text.lower() not in _SERVICE
               for h in health_mentions(window))


def openings(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Capitalised words opening the sentence or a labelled part of it ("Foto: Memo ...")."""
    return [m for m in _OPENING.finditer(text, start, end)
            if _OPENS.fullmatch(text, start, m.start())]


def nickname_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, how) of each nickname candidate of the sentence text[start:end]: "subject"
    (an opening word before a state or event of one person) or "honorific"."""
    out = []
    for m in openings(text, start, end):
        span = _subject(text, m, end)
        if span:
            out.append((*span, "subject"))
    for m in _HONORIFIC.finditer(text, start, end):
        word = m.group("n")
        if name_key(word) in spanish_function_words():
            continue  # "la señora de la limpieza", "don de gentes"
        if m.group("t").lower() not in ("don", "doña", "doñita") and (
                common_word(word) or name_key(word) in spanish_verb_forms_all()):
            continue  # "la señora embarazada", "el señor presidente", "el Señor sane ..."
        if word[0].isupper() and word.lower() in first_names():
            continue  # "Doña Rosa": the name readings hold it already
        out.append((m.start("n"), m.end("n"), "honorific"))
    return out
