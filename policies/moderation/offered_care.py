"""A Spanish comment whose health and care words only name care offered to everyone.

The Spanish low-confidence note (language.spanish_note) goes on a Spanish comment with a
health or care word, because the flags that read whose health a comment tells (phi,
self_disclosure) and whether it asks for advice learned little Spanish: a missing flag there
could be a miss. But most Spanish comments with such a word ask how to get a service ("¿cuánto
cuesta la consulta sin seguro?", "¿tienen citas los sábados?"), or thank the practice for its
information or its new clinic ("gracias por la información sobre las vacunas"). No one's
health is in them, so no weak flag can be missing, and the note was a false flag: on the
writers' sets it was the largest class of harmless comments flagged that a rule can read
(session 45; the not-judged note on Vietnamese and Tagalog is the other, by design).

``offered_only`` is true where every health or care word is a service offered to everyone
(an appointment, a consultation, an exam, a vaccine, physical therapy) or the topic of one
("la clase de parto", "la charla sobre la presión arterial", "pruebas de embarazo"), every
sentence holding one asks a question or thanks, praises or passes the post on, and the
comment speaks of no one: no first or third person, no relative or role, no name after a
preposition, no number (an age, a date, a dose), and no clause that could tell a case (a
reason, a condition, a contrast, a negation). Anything else keeps the note. Pure
functions of the lower-cased text.
"""

from __future__ import annotations

import re

from policies.moderation import disclosure, language, tags
from policies.moderation.features import fold
from policies.moderation.phi_parts import phi_parts

# care offered to everyone, as the kept vocabularies and the hand lists find it (Spanish and
# the English words a Spanish comment borrows); tags.is_service adds vaccines by disease
_SERVICES = frozenset({
    "cita", "citas", "consulta", "consultas", "examen", "exámenes", "examenes", "revisión",
    "revisiones", "revision", "chequeo", "chequeos", "visita", "visitas", "laboratorio",
    "análisis", "analisis", "vacuna", "vacunas", "terapia física", "fisioterapia",
    "mamografía", "mamografia", "screening", "physical", "physicals", "pt", "clinic",
    "clínica", "clinica", "prenatal", "prenatales",
})
# a service or an occasion whose topic the next words name: the condition named there is the
# subject of a class, a talk, a test offered, not anyone's
_TOPIC_BEFORE = re.compile(
    r"\b(?:información|informacion|info|charlas?|pláticas?|platicas?|clases?|talleres?|"
    r"folletos?|volantes?|centro|clínicas?|clinicas?|sala|evento|feria|pruebas?|exámenes|"
    r"examenes|examen|revisi[oó]n(?:es)?|vacunas?|consultas?|citas?|post|publicaci[oó]n)"
    r"\s+(?:de|del|sobre|contra|para)\s+(?:(?:la|el|los|las)\s+)?$")
# a thanks, a congratulation or a post passed on (not a bare "bonito": "puro anuncio bonito"
# is sarcasm), read with accents folded
_THANKS = re.compile(
    r"\b(?:gracias|felicidades|felicitaciones|felicito|felicitamos|bravo|excelente|"
    r"(?:muy|que) buen[oa]|buenisim[oa]|compartiendo|compartido|comparto)\b")
# what a unit may say with no care word at all: a greeting, or that the question is general
_GREETING = re.compile(r"(?:\W*\b(?:hola|buenas|buenos|noches|tardes|dias|hi|hello|quick|"
                       r"question|es|una|pregunta|general|por|curiosidad)\b)+\W*")
# someone the comment speaks of: the commenter, a third person, a relative or a role
# (Spanish drops the pronoun: a first-person verb of being, having or going through is the
# commenter telling their own case, "la acabo de necesitar", "estoy pasando por eso")
_PERSON = re.compile(
    r"\b(?:yo|mi|mis|me|mío|mía|conmigo|él|ella|ellos|ellas|su|sus|le|les|nuestr[oa]s?|"
    r"i|my|mine|he|she|his|her|him|we|our|us|tengo|tuve|tenía|estoy|estuve|estaba|soy|fui|"
    r"ando|llevo|sufro|padezco|tomo|acabo|empiezo|empecé|siento|necesitaba|pasé|paso)\b")
_ROLE = re.compile(rf"\b(?:{disclosure.PERSON_ES})\b")
_NAMED = re.compile(r"\b(?:de|del|para|a|al|con|que|por|si)\s+(?:don |doña )?"
                    r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+")
# a clause that could tell a case beside the service asked about ("¿tienen citas hoy porque no
# puede respirar?", "¿ponen la vacuna, es que se cortó?", "gracias ..., ojalá hubiera sabido"):
# a reason, a condition, a contrast, a wish, a time since, a negation; a particular case ("para
# una cortada que sangra", "para alguien que se quiere morir", "con una tos"): an indefinite
# after a preposition, "alguien", an event told with "que se"
_SITUATION = re.compile(r"\b(?:porque|por que|ya que|pues|es que|aunque|pero|ojalá|ojala|si|"
                        r"desde|no|nunca|alguien|que se)\b|,\s*que\b"
                        r"|\b(?:para|con|a|de)\s+(?:un|una)\b")
# what an outside review (session 45, bench/data/esrev_review_s45) found beside a service
# word inside one question, each a class of wording that tells a case: someone described
# rather than named ("a quien pisó un clavo", "a los que fueron violados"); an urgency ("hoy
# mismo, urgente", "es para ya"); a secret ("a escondidas de los papás"); an age, a count or
# a time spelled out ("de trece años", "dos veces"); a prescription asked for ("para que
# receten oxicodona"); violence against the practice ("ir a quemar la clínica"); the English a
# Spanish comment borrows for a reason, a negation or a third person ("cuz they can't
# breathe"); and a first person plural or a verb of going or needing ("nos mordió", "voy a
# ir", "lo necesitamos")
_CASE = re.compile(
    r"\b(?:quien|quienes|(?:el|la|los|las) que|urgente|urge|urgencias?|emergencias?|para ya|"
    r"ya mismo|cuanto antes|lo m[aá]s pronto|ahorita|asap|escondidas|sin permiso|sin avisar|"
    r"nadie|secreto|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|"
    r"catorce|quince|veinte|años|meses|semanas|horas|veces|recet\w*|quemar|matar|"
    r"balacear|golpear|madrear|romper|nos|nosotr[oa]s|estamos|estemos|tenemos|"
    r"necesitamos|voy|vamos|quiero|queremos|they|them|their|cuz|cause|because|bc|"
    r"not|cannot|can't|cant|won't|don't|isn't|padrastro|madrastra|nene|nena|chamac[oa]s?|"
    r"chiquit[oa]s?|mij[oa]|morr[oa]s?|papás|papas|mamás|mamas|padres)\b")
# a test or an exam whose topic is an assault exists only after one: a case, not a service
_ASSAULT = re.compile(r"\b(?:violaci[oó]n|violad[oa]s?|abuso|agresi[oó]n|maltrato|golpes)\b")
# a clause after a comma that holds no service word could tell a case in words no list holds
# ("¿hay citas hoy, se cayó de la escalera?"), as a second question could (session 29); only
# a thanks, a greeting or a please may stand beside the service
_PLEASE = re.compile(r"\W*(?:por favor|porfa|porfavor|please|pls)\W*")
# ... or praise of what was offered ("gracias por la plática, muy útil", "muy bien
# organizado"), read with accents folded
_PRAISE = re.compile(r"\W*(?:(?:muy|bien|super|tan|que)\s+)*(?:util|organizad[oa]|clar[oa]|"
                     r"interesante|importante|informativ[oa]|buen[oa]|completa|completo)\W*")
# a unit: a sentence or a question; Spanish opens a question with "¿", so "Tengo calentura
# desde el lunes, ¿puedo ir sin cita?" is a statement and a question
_UNIT = re.compile(r"¿?[^.!?¿¡\n]+[.!?]*")


def offered_only(plain: str, text: str) -> bool:
    """Every health or care word of the Spanish comment names care offered to everyone, each
    sentence or question holds one (or only greets), each is a question or a thanks, and
    the comment speaks of no one (``plain``: the lower-cased ``text``)."""
    terms = disclosure.health_and_care_terms(plain, text)
    if not terms or re.search(r"\d", plain) or _PERSON.search(plain) or _ROLE.search(plain) \
            or _NAMED.search(text) or language.speaks_of_someone(text) or _first_name(plain):
        return False
    uses: list[re.Match[str]] = []
    for term in set(terms):
        found = list(re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", plain))
        if not found:
            return False  # found in a form the text does not show as is: not read, kept
        uses += found
    if not all(m.group(0) in _SERVICES or m.group(0) in tags.SERVICES
               or tags.is_service(plain, m.group(0))
               or _TOPIC_BEFORE.search(plain, max(0, m.start() - 60), m.start())
               for m in uses):
        return False
    for unit in _UNIT.finditer(plain):
        words = unit.group(0)
        if not re.search(r"[^\W\d_]", words) or _GREETING.fullmatch(words):
            continue  # an emoji, or "Hola,"
        asks = words.startswith("¿") or words.rstrip().endswith("?")
        holds = any(unit.start() <= m.start() < unit.end() for m in uses)
        # a sentence without a care word could tell a case in words no list holds ("¿es
        # urgente, no puede respirar bien?"), and so could a clause beside one
        if not holds or _SITUATION.search(words) or _CASE.search(words) \
                or _ASSAULT.search(words) or not (asks or _THANKS.search(fold(words))) \
                or not all(_clause_allowed(unit.start() + c.start(), c.group(0), uses)
                           for c in re.finditer(r"[^,;]+", words)):
            return False
    return True


def _clause_allowed(start: int, clause: str, uses: list[re.Match[str]]) -> bool:
    """A comma-separated clause of a question or a thanks holds a service word, or only
    thanks, greets or says please (``start``: its offset in the comment)."""
    if any(start <= m.start() < start + len(clause) for m in uses):
        return True
    return not re.search(r"[^\W\d_]", clause) or bool(
        _GREETING.fullmatch(fold(clause)) or _PLEASE.fullmatch(clause)
        or _PRAISE.fullmatch(fold(clause)) or _THANKS.search(fold(clause)))


def _first_name(plain: str) -> bool:
    """A first name the PHI screen knows, typed in any case ("la prueba de vih de kevin"),
    that is not a Spanish verb form ("dan") or a common Spanish or English word of the
    language check's lists. The name list holds Spanish nouns too ("charla", "salud"): a
    question about them keeps the note, the cautious side. Without the PHI package any word
    could be a name: True."""
    parts = phi_parts()
    if parts is None:
        return True
    names, verbs = parts.first_names(), parts.spanish_verb_forms_all()
    return any(w in names and w not in verbs and not language.common_word(w)
               for w in re.findall(r"[a-z]+", fold(plain)))
