"""One person named by a role at a place in a Spanish sentence, told with their own care
(session 56; docs/history/phi.md). Block-only: it adds a hit, never removes one.

English reads "The mayor of Combes came in for his sugar check" and "the new county judge has
her thyroid under control" through the English parse (subjects.py, `role+subject_health`):
people who know the town know who the mayor is. Spanish had no such reading. Here the
construction itself is read, in one Spanish sentence:

- a definite article and a singular role there is one of at a place (a closed list: alcalde,
  jueza, jefe, capitán, director, pastor, capellán, capataz, gerente, dueño ...), then the
  place or body it is of ("de Combes", "del condado", "de la Secundaria Lomas");
- right after it (an apposition's comma and "que" may stand between), the role's own care:
  a visit for their care ("vino a su primera sesión de terapia", "pasó hoy por su chequeo
  de azúcar", "estuvo con nosotros por su presión alta"), or a condition they have or had
  ("ya tiene la tiroides bajo control", "se recupera de la neumonía"; a condition word right
  after the verb, not a thing held: "tiene el medicamento que busca"); or the practice's
  care done to them ("atendimos al capataz del rancho ... por la mordida");
- and a health word of one person in that clause (spanish_names.one_persons_event's test:
  a condition no bookable service is for, or care other than such a service unless it is
  theirs).

Not a question or a condition ("si el director de la escuela tiene fiebre ..."), not a
plural ("los directores de las escuelas"), not a role doing its work ("el alcalde de Combes
inauguró la feria de salud", "la directora de la escuela dio una plática sobre el asma"): no
verb of the role's own care follows it. Earlier Spanish role readings (sessions 48 and 49)
were broken by outside reviews because "su" was read as the role's own anywhere and any care
word near the role counted; here "su" counts only right after the role's own verb of coming
in for care, and the care word must follow it in the same clause."""

from __future__ import annotations

import re

from .lazy_pattern import lazy
from .spanish_names import one_persons_event

I = re.IGNORECASE  # noqa: E741

# a role one person holds at a place or in a body (singular only)
_ROLES = (r"alcalde|alcaldesa|juez|jueza|sheriff|alguacil|jef[ea]|capit[aá]n|capitana|"
          r"comandante|director|directora|subdirector|subdirectora|pastor|pastora|"
          r"p[aá]rroco|capell[aá]n|rabino|gerente|due[ñn][oa]|capataz|mayordomo|"
          r"entrenador|entrenadora|presidente|presidenta|comisionad[oa]|concejal|concejala|"
          r"regidor|regidora|bibliotecari[oa]|carter[oa]")
# cheap: a role word anywhere (the judge reads no sentence without one)
ROLE_HINT = lazy(r"(?<![\w'’])(?:" + _ROLES + r")(?![\w'’])", I)
# the article and role, then what it is of: "el nuevo jefe de bomberos voluntarios de Rio
# Rico", "la jueza del condado" (the place ends at punctuation or at the role's verb)
_ROLE_AT = lazy(
    r"(?<![\w'’])(?P<art>el|la|al|del|a\s+la)\s+(?:nuev[oa]\s+|actual\s+|quer[ií]d[oa]\s+)?"
    r"(?P<role>" + _ROLES + r")\s+(?:de|del)\s+", I)
# the role's own coming in for care, or its own condition, right after the place
_VISIT = (r"(?:vino|viene|pas[oó]|pasa|lleg[oó]|regres[oó]|volvi[oó]|acudi[oó]|"
          r"estuvo(?:\s+con\s+nosotros)?)")
_OWN_CARE = lazy(
    r"(?:\s*,)?\s+(?:que\s+)?(?:(?:ya|hoy|ayer|tambi[eé]n|recientemente)\s+)*(?:"
    + _VISIT + r"\s+(?:[\w]+\s+){0,4}?(?:a|por|para)\s+(?:su|sus)\s+|"
    r"(?P<has>tiene|tuvo|padece|sufre|sufri[oó]|sigue\s+con|se\s+recupera\s+de|"
    r"fue\s+diagnosticad[oa]\s+con|(?:le|lo|la)\s+(?:diagnosticaron|operaron))\s+"
    r"(?:(?:la|el|los|las|una?|su|sus)\s+)?)", I)
# a thing one holds, not a condition one has: "tiene el medicamento / la insulina que busca"
_GOODS = lazy(r"(?:medic|insulin|inhalador|nebulizador|pastilla|receta|vacuna|andadera|"
              r"muleta|silla|tanque|ox[ií]geno|pr[oó]tesis|f[eé]rula|aparato|lentes|frenos)", I)
# between "su" and the health word, only the name of a visit for care and its ordinal: "su
# primera sesión de terapia", "su chequeo de azúcar" (not "su reunión sobre la campaña de
# cáncer": an event, and anyone's topic)
_VISIT_NOUNS = lazy(
    r"^(?:(?:primer[oa]?|segund[oa]|[uú]ltim[oa]|nuev[oa]|control|chequeo|revisi[oó]n|"
    r"seguimiento|cita|consulta|visita|sesi[oó]n|tratamiento|terapia|prueba|examen|an[aá]lisis|"
    r"vacuna|cirug[ií]a|operaci[oó]n|de|del|la|el|para)\s+)*$", I)
# a visit noun alone tells no care (outside review of session 56): "vino a su cita con la
# prensa", "su consulta de negocios", "su visita oficial", "su revisión anual de extintores"
# are a role's meetings. Such a noun counts only with the care it is for right after it:
_VISIT_ONLY = lazy(r"^(?:citas?|consultas?|visitas?|revisi[oó]n|revisiones|chequeos?|"
                   r"control(?:es)?|seguimientos?|ex[aá]men(?:es)?|an[aá]lisis|sesi[oó]n|"
                   r"sesiones|pruebas?)$", I)
# ... a medical visit, a part or organ's check or a specialty ("su cita médica", "su consulta
# de seguimiento del azúcar", "su chequeo de la vista", "su cita de cardiología"), a place of
# care ("su cita en la clínica", "su consulta en el consultorio") or a clinician ("su cita con
# la doctora"); a health word of the vocabulary after it is read as before
_VISIT_FOR_CARE = lazy(
    r"(?:\s+(?:de|del|para)\s+(?:control|chequeo|seguimiento|revisi[oó]n|rutina))*\s+(?:"
    r"m[eé]dic[oa]s?\b|(?:de|del|para)\s+(?:(?:la|el|los|las|su|sus)\s+)?(?:az[uú]car|glucosa|"
    r"presi[oó]n|coraz[oó]n|vista|ojos|o[ií]dos|dientes|pulmones|ri[ñn]ones|pr[oó]stata|"
    r"tiroides|rodilla|tobillo|espalda|hombro|cadera|\w+olog[ií]a|\w+iatr[ií]a)\b|"
    r"en\s+(?:la|el|nuestr[oa])\s+(?:cl[ií]nica|consultorio|hospital|centro\s+de\s+salud)\b|"
    r"con\s+(?:el|la|nuestr[oa])\s+(?:doctor|doctora|dr|dra|m[eé]dic[oa]|enfermer[oa]|"
    r"nutri[oó]log[oa]|terapeuta|dentista|pediatra)\b)", I)
# "tiene fiebre de campeonato / de compras" is an idiom; a fever's degrees or a fever's name
# ("fiebre de 39 grados", "fiebre del valle", "fiebre del heno") are a fever
_FEVER_IDIOM = lazy(r"\s+(?:de|del)\s+(?!\d)(?!(?:heno|valle|dengue|malta|conejo|zika|"
                    r"chikungunya|lassa|las\s+monta)\b)", I)
# the practice's care done to the role: "atendimos al capataz del rancho ..."
_CARE_DONE_TO = lazy(
    r"\b(?:atendimos|operamos|suturamos|internamos|estabilizamos|trasladamos|"
    r"enyesamos|vacunamos)\s+(?:(?:hoy|ayer|anoche)\s+)?$", I)
# the place: words up to the role's verb (a capitalised name, "de bomberos", "del condado")
_PLACE_WORDS = 8
_WORD_STEP = lazy(r"\s*[^\s,.;:!?¿¡]+")
_CLAUSE_END = lazy(r"[.;:!?¿¡]|\s(?:pero|aunque|mientras|porque)\s", I)
# anyone, not one person: a condition, a habit, a question, advice
_GENERIC = lazy(
    r"\b(?:si|cuando|cada|cualquier|cualquiera|siempre|suele|suelen|imagine|imagina|"
    r"supongamos|digamos|ejemplo|debe|deben|deber[ií]a|puede|pueden)\b|[¿?]", I)


def role_own_care(text: str, start: int, end: int, mentions: list) -> tuple[int, int] | None:
    """The span of the role and its place in the sentence text[start:end] when the sentence
    tells that role's own care (module docstring); `mentions`: the text's health words."""
    if _GENERIC.search(text, start, end):
        return None
    for m in _ROLE_AT.finditer(text, start, end):
        if m.group("art").lower() in ("al", "a la") and _CARE_DONE_TO.search(
                text, max(start, m.start() - 30), m.start()):
            if one_persons_event(text, m.end(), _clause_end(text, m.end(), end), mentions):
                return m.start(), m.end()
            continue
        pos, words = m.end(), 0
        # walk the place word by word until the role's own care opens
        while words <= _PLACE_WORDS and pos < end:
            own = _OWN_CARE.match(text, pos)
            if own and words > 0:
                clause = _clause_end(text, own.end(), end)
                close = [x for x in mentions if own.end() <= x.start < clause and (
                    x.start == own.end() and x.term.kind == "condition"
                    and not _GOODS.match(x.text) and not _fever_idiom(text, x)
                    if own.group("has") else _visit_for_care(text, own.end(), x))]
                # a visit is theirs ("su" right after the role's own verb), and so is the
                # care it is for ("su chequeo de diabetes": not a service's topic here)
                if close and (not own.group("has")
                              or one_persons_event(text, m.start(), clause, close)):
                    return m.start(), pos
                break
            step = _WORD_STEP.match(text, pos)
            if step is None:
                break
            pos, words = step.end(), words + 1
    return None


def _visit_for_care(text: str, after_su: int, x) -> bool:
    """Only a visit's own words between "su" and the health word x, and x is not a visit
    noun alone unless the care it is for follows it (_VISIT_FOR_CARE)."""
    if not _VISIT_NOUNS.match(text[after_su : x.start]):
        return False
    return not _VISIT_ONLY.match(x.text) or bool(_VISIT_FOR_CARE.match(text, x.end))


def _fever_idiom(text: str, x) -> bool:
    return x.text.lower() == "fiebre" and bool(_FEVER_IDIOM.match(text, x.end))


def _clause_end(text: str, pos: int, end: int) -> int:
    stop = _CLAUSE_END.search(text, pos, end)
    return stop.start() if stop else end
