"""A Spanish name no name list holds, read after an honorific (session 48; docs/history/phi.md
"Session 48: Spanish names the lists do not hold"). Block-only: it adds a hit, never removes
one.

Spanish posts name people by lower-case honorific names ("don chuy", "doña chofi") that no
census list spells, so the name readings pass them. The word after an honorific in any case
(don, doña, tío, tía, compadre, comadre, señor, señora) is a person whatever it spells.

After don/doña any word but a function word is read; after the others the word must be no
common word: wordfreq's Spanish and English frequencies (a kept vocabulary, not a hand list
of names) say "embarazada", "presidente" are words. The sentence must be Spanish and tell one
person's health event: a health word the vocabulary knows (a condition, or a care word other
than a service anyone books: "vacunas", "citas"), or one of the closed events below ("la
operaron", "dio a luz", "se fracturó").

(The session also read a capitalised subject opening a sentence, "Güera sigue en quimio";
an outside review found it blocked towns, stores, programs, public figures, pets and story
characters, and it was withdrawn: docs/phi.md.)"""

from __future__ import annotations

import re
from functools import lru_cache

from .lazy_pattern import lazy
from .vocabulary import (
    DATA,
    first_names,
    name_key,
    spanish_function_words,
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
_MONTHS_DAYS = frozenset({
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miercoles", "jueves",
    "viernes", "sabado", "domingo"})


@lru_cache(maxsize=1)
def _everyday() -> tuple[dict[str, float], frozenset[str]]:
    """data/common_words.tsv (build_vocab.common_words): Spanish words at Zipf >= COMMON_ES
    with their Zipf, English words at Zipf >= COMMON_EN; read once, when an honorific is
    first seen."""
    spanish: dict[str, float] = {}
    english = set()
    for line in (DATA / "common_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, lang, *zipf = line.split("\t")
            if lang == "es":
                spanish[word] = float(zipf[0])
            else:
                english.add(word)
    return spanish, frozenset(english)


@lru_cache(maxsize=4096)
def common_word(word: str) -> bool:
    """`word` is an everyday Spanish or English word (wordfreq's frequencies, compiled), a
    Spanish function word, a month or a weekday: no nickname where it stands."""
    low = word.lower()
    key = name_key(word)
    if key in spanish_function_words() or key in _MONTHS_DAYS:
        return True
    spanish, english = _everyday()
    mark = COMMON_NAME_ES if key in first_names() else COMMON_ES
    return spanish.get(low, 0.0) >= mark or low in english


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


def nickname_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, "honorific") of each name candidate of the sentence text[start:end]: the
    word after an honorific."""
    out = []
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
