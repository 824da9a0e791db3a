"""An unnamed, singled-out person in a Spanish sentence tied to a date and a care event
(session 47, round 2; docs/history/phi.md "Session 47: Spanish sentence openings", round 2).

English reads "On August 17 a man walked in with chest pain; we transferred him" as one
patient (an `individual` candidate whose details add up, then `date+patient`). Spanish had no
such reading: "El 17 de agosto un señor llegó con dolor de pecho" was blocked only when the
sentence's opening "El" passed for a name. Here the construction itself blocks, in one
sentence: an indefinite person ("un señor", "una paciente", "un niño de 8 años"), a date
element (a day and month, a weekday with "el"/"este"/"pasado", "ayer", "anoche", a holiday)
and a care event told in the past (a care verb of the practice's, "atendimos", "lo
trasladamos"; or the person's arrival or mishap with a health word, "llegó con fiebre").

Not general advice ("los pacientes que llegan con dolor de pecho ..."), not a schedule ("el
17 de agosto tendremos vacunas"): no past tense, no one person. Not a conditional or a
question ("si un niño llega el lunes con fiebre ...")."""

from __future__ import annotations

import re

from .lazy_pattern import lazy
from .prefilter import gated

I = re.IGNORECASE  # noqa: E741

# one person, unnamed and singled out: "un señor", "una abuelita", "un niño de 8 años",
# "una de nuestras pacientes" (not a clinician: "una enfermera" is staff)
ONE = gated(
    r"\b(?:un|una)\s+(?:(?:joven|pobre|querid[oa]|buen|buena|señora|señor)\s+)?"
    r"(?:señor|señora|señorita|caballero|paciente|pacienta|niño|niña|niñit[oa]|bebé|bebe|"
    r"bebit[oa]|hombre|mujer|muchach[oa]|chav[oa]|chamac[oa]|joven|jovencit[oa]|adolescente|"
    r"abuel[oa]|abuelit[oa]|viejit[oa]|anciana?o?|vecin[oa]|mamá|papá|madre|padre|"
    r"trabajador[a]?|migrante|vaquer[oa]|ranchero|estudiante|atleta|jugador[a]?|"
    r"embarazada|mamita)\b|"
    r"\b(?:un|una)o?\s+de\s+(?:nuestr[oa]s|las|los)\s+(?:\w+\s+)?(?:pacientes|mamás|papás|"
    r"abuel[oa]s|abuelit[oa]s|niñ[oa]s|familias)\b",
    I,
)
_MONTH = (r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|"
          r"octubre|noviembre|diciembre)")
_WEEKDAY = r"(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)"
# a date element: the shapes English reads as a date (dates.DATE_SHAPE, EXACT_DATE) in Spanish
_WHEN = gated(
    r"\b(?:\d{1,2}|primero|1[oº°])\s+de\s+" + _MONTH + r"\b|"
    r"\b(?:el|este|ese|aquel)\s+(?:pasado\s+)?" + _WEEKDAY + r"\b|"
    r"\b" + _WEEKDAY + r"\s+pasado\b|"
    r"\b(?:ayer|anoche|antier|anteayer|antenoche)\b|"
    r"\best[ae]\s+(?:mañana|madrugada|tarde)\b|"
    r"\b(?:la|el)\s+(?:semana|fin\s+de\s+semana)\s+pasad[oa]\b|"
    r"\b(?:navidad|nochebuena|nochevieja|año\s+nuevo|halloween|viernes\s+santo|"
    r"jueves\s+santo|domingo\s+de\s+pascua|d[íi]a\s+de\s+(?:acci[óo]n\s+de\s+gracias|"
    r"las\s+madres|los\s+padres|san\s+valent[íi]n|(?:los\s+)?muertos|(?:los\s+)?reyes|"
    r"la\s+independencia))\b|"
    r"(?<![\d/])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])",
    I,
)
# the practice's own care, told in the past (first person plural, a pronoun before or after):
# "lo estabilizamos", "atendimos a", "le pusimos puntos", "dimos de alta"
CARE_DONE = gated(
    r"\b(?:(?:lo|la|le|los|las|les)\s+)?(?:atendimos|atendí|estabilizamos|trasladamos|"
    r"operamos|internamos|hospitalizamos|suturamos|cosimos|enyesamos|vacunamos|"
    r"diagnosticamos|intubamos|reanimamos|resucitamos|canalizamos|inyectamos|curamos|"
    r"referimos|refirimos|transferimos|ingresamos|salvamos|"
    r"dimos\s+de\s+alta|pusimos\s+(?:(?:\w+\s+){0,2})?(?:puntos|yeso|vacuna|suero|oxígeno|"
    r"oxigeno|inyección|inyeccion|férula|ferula|vendaje)|"
    r"mandamos\s+(?:al|a\s+la)\s+(?:hospital|urgencias|sala\s+de\s+emergencias))\b|"
    r"\b(?:atend|estabiliz|traslad|oper|intern|hospitaliz|sutur|enyes|vacun|diagnostic|"
    r"intub|reanim|canaliz|cur|transfer)(?:amos|imos)(?:lo|la|le)s?\b",
    I,
)
# the person's own arrival or mishap told in the past: care only with a health word
_EVENT = gated(
    r"\b(?:lleg[óo]|vino|entr[óo]|ingres[óo]|acudi[óo]|se\s+present[óo]|regres[óo]|"
    r"se\s+(?:cay[óo]|desmay[óo]|cort[óo]|quem[óo]|fractur[óo]|rompi[óo]|desvaneci[óo]|"
    r"accident[óo]|intoxic[óo])|cay[óo]|convulsion[óo]|sufri[óo]|dio\s+a\s+luz|"
    r"naci[óo]|falleci[óo]|muri[óo])\b",
    I,
)
# a mishap or a birth is care on its own
_EVENT_ITSELF = lazy(
    r"\bse\s+(?:desmay|fractur|intoxic)|\bconvulsion|\bdio\s+a\s+luz|\bfalleci|\bmuri", I)
# anyone, not one person: a condition, a habit, a question
_GENERIC = lazy(
    r"\b(?:si|cuando|cada|cualquier|cualquiera|siempre|suele|suelen|imagine|imagina|"
    r"supongamos|digamos|ejemplo)\b|[¿?]", I)


def dated_individual(text: str, start: int, end: int,
                     health: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the date element of the sentence text[start:end] when it tells of one
    unnamed person with a date and a care event (module docstring); `health`: the spans of
    the text's health words."""
    one = ONE.search(text, start, end)
    if one is None:
        return None
    when = _WHEN.search(text, start, end)
    if when is None or _GENERIC.search(text, start, one.start()):
        return None
    if CARE_DONE.search(text, start, end):
        return when.span()
    event = _EVENT.search(text, start, end)
    if event is None:
        return None
    if _EVENT_ITSELF.search(event.group(0)) or any(start <= s < end for s, _ in health):
        return when.span()
    return None
