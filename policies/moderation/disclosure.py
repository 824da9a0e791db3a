"""Whose health a comment discloses: `phi` versus `self_disclosure`.

- ``phi``: health or care of an identifiable third party (a named person, an @-tagged one,
  "the new principal"), or a direct identifier (birth date, record or member number, phone,
  street address, ...) next to health or care, also the commenter's own. May be auto-hidden.
- ``self_disclosure``: the commenter's own condition, treatment or visit, or an unnamed
  household member's ("my son", "mi mamá"), with no identifier beyond the account name.
  Never auto-hidden by default; the reply must not confirm the person is a patient.
- neither: the health of someone the commenter only knows ("my coworker", "a friend's
  baby", "someone") or of nobody in particular ("a 7 year old"), unnamed: no one can be
  identified and the commenter discloses nothing of their own.

Health and care words come from the PHI screen's kept vocabularies (ICD-10-CM, the drug
list, the hand-kept lay list: policies/phi/vocabulary.py) and the classifier's own lists;
the PHI screen (policies.phi, called by the caller) is the source of identifier findings and
of names it already tied to health. Whose the health is, is read here from the words around
it: who is named, who owns it ("my", "her"), who the subject is when it is left out ("Had
surgery last spring"). Pure functions of the text and the findings.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Container, Sequence
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from policies.moderation import language, senses, tags
from policies.moderation import lexicon as lx
from policies.moderation.fastre import compile_words
from policies.moderation.phi_parts import phi_parts
from policies.moderation.selling import only_goods, only_the_readers, seller_contact

# direct identifiers that make any health or care detail next to them PHI. Dates and places
# count only with a number in them (a birth date, a street address, a ZIP code): "last
# week" or "near Folsom Lake" identifies no one. Links in comments are nearly always
# promotions, so a URL alone does not count.
IDENTIFIER_CATEGORIES = frozenset({
    "date", "phone", "fax", "email", "ssn", "mrn", "health_plan", "account", "license",
    "geographic", "age_over_89", "other_id", "ip", "vehicle", "device",
})
# a medical record or member number is itself a sign of care: no health word is needed
_CARE_IDENTIFIERS = frozenset({"mrn", "health_plan"})
_NEEDS_DIGIT = frozenset({"date", "geographic"})
# names the screen itself tied to health or care ("name+health", "handle+own_health",
# "photo+patient", ...): its judgement of the link stands, once the name looks like a person
# (or "owned_care": a care service told as theirs, "<name> was at your methadone clinic")
_SCREEN_TIED = re.compile(r"^(?:(name|handle|relative|individual|photo)\+(health|own_health|"
                          r"patient|details)|owned_care)$")
# first person and unnamed household members, English and Spanish (the two languages the
# practices' comments mostly come in); Vietnamese and Tagalog pronouns for the commonest forms
_FIRST = compile_words(
    r"\b(i|i'm|im|i've|ive|i'd|me|my|mine|myself|we|we're|our|ours|us|as someone|as a survivor|"
    r"yo|mi|mis|me|tengo|estoy|llevo|tuve|nosotros|nuestra|nuestro|"
    r"toi|minh|ako|ko|namin|ko po)\b")
# the subject left out: a sentence that opens on what happened ("Had my gallbladder out",
# "Started insulin in May", "Three years cancer-free") is the commenter's own
_OMITTED_SUBJECT = re.compile(
    r"(?:^|[.!?;\n]\s*)(?:just |finally |recently |also )?(?:had|got|started|finished|"
    r"survived|recovering|recovered|been|diagnosed|went|came|took|beat|beating|fought|"
    r"completed|scheduled|booked|living with|dealing with|struggling with|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|a few|many) "
    r"(?:years?|months?|weeks?|days?) (?:sober|clean|smoke-?free|\w+-free|post-?op|"
    r"pregnant|postpartum|out|into|after|since|of|on|without))\b")
# household members ("my son", "our baby", "mi mamá"): their health is the commenter's to tell
HOUSEHOLD = (
    "son|sons|daughter|daughters|kid|kids|kiddo|child|children|baby|babies|toddler|infant|"
    "newborn|little one|little ones|twins|boy|boys|girl|girls|teen|teenager|mom|mum|mother|"
    "dad|father|parents?|husband|wife|partner|spouse|hubby|fianc[ée]e?|boyfriend|girlfriend|"
    "brother|sister|siblings?|grandpa|grandma|grandfather|grandmother|grandparents?|grandson|"
    "granddaughter|grandkids?|grandchildren|aunt|uncle|cousin|niece|nephew|family|"
    "stepson|stepdaughter|stepmom|stepdad|in-laws?|mother-in-law|father-in-law"
)
# household members by a nickname or a chat abbreviation ("hubs", "MIL", "DS" for dear son),
# read where the commenter need not say "my" (general.py, audience.py)
KIN_NICKNAMES = (
    "nana|nan|granny|gramps|granddad|grandbaby|pops|daddy|mommy|mama|momma|mami|papi|hubs|"
    "wifey|missus|sis|bro|bestie|bf|gf|dh|dw|dd|ds|mil|fil|sil|bil|auntie|tween|preemie|twin|"
    "little man|kiddos?|stepkids?"
)
# the commenter in the first person, English and Spanish
FIRST_PERSON = (r"i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|we|we're|we've|our|ours|us|yo|mi|"
                r"mis|nuestr[oa]s?")
# people the commenter only knows: their health is neither the commenter's nor identifiable
# while unnamed
ACQUAINTANCE = (
    "friend|friends|coworker|coworkers|co-worker|colleague|colleagues|neighbou?r|neighbou?rs|"
    "roommate|roomie|boss|classmate|teammate|buddy|client|coach|teacher|student|tenant|"
    "landlord|employee|patient"
)
_HOUSEHOLD_RE = re.compile(
    rf"\b(?:my|our|mi|mis|nuestr[oa]s?)\s+(?:(?:little|older|younger|oldest|youngest|baby|"
    rf"teenage|elderly|\d+[- ]?(?:year|yr|month|mo|week)[- ]?old)\s+)?(?:{HOUSEHOLD}|"
    r"hij[oa]s?|mam[aá]|madre|pap[aá]|padre|espos[oa]|beb[eé]|niñ[oa]s?|abuel[oa]s?|"
    r"herman[oa]s?|hermanit[oa]s?|familia)\b(?!'s|\u2019s)"
    # "Baby has a rash again", "Hubby had his knee done": a household word opening a sentence
    r"|(?:^|[.!?]\s+)(?:baby|hubby|mom|dad|mama|papa|kiddo|my kids?)\b")
_ACQUAINTANCE_RE = re.compile(
    rf"\b(?:my|our|mi|mis|a|an|one of my|this)\s+(?:\w+\s+)?(?:{ACQUAINTANCE})\b"
    # someone else's household: "my boss's twins", "a friend's baby"
    rf"|\b(?:{ACQUAINTANCE})(?:'s|\u2019s)\s+(?:\w+\s+)?(?:{HOUSEHOLD})\b"
    r"|\b(?:vecin[oa]s?|amig[oa]s?|compañer[oa]s?)\b")
# a peer the commenter knows, told without "my" ("Coworker says his chest gets tight",
# "Quick q: friend is 41 weeks", "a buddy of mine"), as "my coworker" reads: a clause opens
# with the bare noun and a lower-case word follows it (not a name: "Coworker Dana has ..."
# is someone named). Peers only: a coach, a boss or a teacher without "my" is one particular
# person ("Coach has leukemia"). Read on the text as written (the capitals tell a name).
_PEER = (r"co-?workers?|colleagues?|friends?|buddy|buddies|neighbou?rs?|roommates?|roomies?|"
         r"classmates?|teammates?")
_BARE_PEER = re.compile(
    rf"(?:^|[.!?:;\n]\s*)(?i:{_PEER})\s+(?=[a-z])(?!of\s+(?:the|a|an)\b)"
    rf"|\b(?i:(?:{_PEER})\s+of\s+(?:mine|ours))\b")
# ... unless the comment places someone by a job or singles them out ("Roommate works the
# front desk at your office and ...", "the only male nurse at ..."): then the health may be
# that person's, whom readers can tell (stricter than "my roommate", which main releases)
_SINGLED_OUT = re.compile(r"\b(?:works?|worked|working)\s+(?:at|for|in|as|the|on)\b|"
                          r"\b(?:the\s+)?only\b|\b(?:owns?|runs?|drives?|teach(?:es)?|coach(?:es)?|"
                          r"manages?|operates?|pastors?)\s+(?:the|a|an|our|my|his|her|their)\b|"
                          r"\b(?:is|was)\s+(?:the|our)\s+(?!same\b)\w+|"
                          r"\bwho\s+(?!is\b|was\b|has\b|had\b|says?\b|said\b|told\b|"
                          r"thinks?\b|got\b|gets\b|just\b)\w+s\b|"
                          r"\b(?:with|on|in)\s+the\s+(?:number|jersey|night|day|third|second|first|"
                          r"\w+\s+shift)\b|\bshift\b", re.I)
# nobody in particular: a hypothetical or general question ("a 10 year old", "someone")
_INDEFINITE_RE = re.compile(
    r"(?<!as )\b(?:someone|somebody|a person|"
    r"(?:a|an)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[- ](?:year|yr|month|week)s?[- ]old|(?:give|giving|for|let) (?:a|an)\s+(?:\w+\s+)?"
    r"(?:baby|toddler|infant|newborn|kid|child|teen|teenager))\b")
# the health of someone the commenter describes: "her chemo", "his surgery"; and the
# commenter's own: "my knee surgery", "our son's asthma" is the household's (read apart)
_PERSON_WORD = rf"(?:{HOUSEHOLD}|{ACQUAINTANCE})(?:'s)?"
_THIRD_OWNER = re.compile(rf"\b(?:his|her|their)\s+(?:(?!{_PERSON_WORD}\b)[\w'-]+\s+){{0,2}}$")
_MY_OWNER = re.compile(rf"\b(?:my|our)\s+(?:(?!{_PERSON_WORD}\b)[\w'-]+\s+){{0,2}}$")
# Spanish "el", typed for "él" as often as for the article: a person unless it is the article
# of a known non-person noun (days, months, times, places, objects, services: "el sábado",
# "el inhalador"); el/la/al/del before a family or person noun is a third person ("el abuelo",
# "la vecina", "al cartero"), as "the lady" in English
_EL_THING = (
    r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|fin|día|dia|mes|"
    r"año|ano|horario|hora|próximo|proximo|mismo|primer|primero|segundo|último|ultimo|otro|"
    r"resto|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre|inhalador|jarabe|medicamento|medicina|tratamiento|examen|análisis|analisis|"
    r"chequeo|físico|fisico|refuerzo|seguro|costo|precio|pago|copago|consultorio|hospital|"
    r"centro|edificio|estacionamiento|parqueo|número|numero|teléfono|telefono|correo|mensaje|"
    r"enlace|link|sitio|portal|formulario|papeleo|turno|programa|evento|video|volante|"
    r"folleto|post|cupón|cupon|descuento|servicio|permiso|carro|coche|camión|camion|"
    r"autobús|autobus|elevador|baño|bano|lobby|piso|área|area|covid|virus|resfriado|"
    r"flu|gripe|cáncer|cancer|azúcar|azucar|agua|café|cafe|paquete|papel|registro|"
    r"resultado|plan|mundo|pueblo|barrio|país|pais|sol|calor|frío|frio|tráfico|trafico|"
    r"carnet|cartilla|expediente|historial|documento|recibo|comprobante|certificado|acta|"
    r"pasaporte|récord|record|cuestionario|mapa|letrero|anuncio|horario"
)
PERSON_ES = (
    r"director|directora|entrenador|entrenadora|pastor|maestro|maestra|señor|señora|"
    r"muchacho|muchacha|hombre|mujer|alcalde|alcaldesa|niño|niña|chico|chica|abuelo|abuela|"
    r"abuelito|abuelita|tío|tio|tía|tia|papá|papa|mamá|mama|padre|madre|esposo|esposa|"
    r"marido|hijo|hija|hermano|hermana|primo|prima|vecino|vecina|bebé|bebe|cartero|jefe|"
    r"jefa|compadre|comadre|suegro|suegra|cuñado|cuñada|sobrino|sobrina|nieto|nieta|novio|"
    r"novia|amigo|amiga|compañero|compañera|padrino|madrina|patrón|patron|viejo|vieja|"
    r"muchachito|muchachita|joven|señorita|don|doña"
)
# "el" typed for "él" where the article cannot stand: before a pause or the end ("fue el,"),
# or "el mismo/primero/otro" followed by a clitic, an adverb or a verb, not a noun ("el
# mismo me contó", "ni el mismo sabe", "el mismo admitió"; "el mismo día" stays the article)
_EL_VERB = (
    r"me|te|se|lo|la|le|les|nos|no|ya|ni|nunca|siempre|también|tambien|aún|aun|todavía|"
    r"todavia|es|era|fue|está|esta|estaba|tiene|tenía|tenia|sabe|sabía|sabia|dice|decía|"
    r"dijo|cuenta|reconoce|admite|acepta|confiesa|va|iba|anda|andaba|quiere|puede|lleva|"
    r"sigue|piensa|cree|entiende|siente|ve|vive|toma|ha|había|habia|"
    r"[a-záéíóúñ]{2,}(?:ó|aba|ía)"
)
_EL_PRONOUN = (
    r"el(?=\s*[,.;:!?)]|\s*$)|el (?:mismo|primero|otro|último|ultimo|solo|sólo)"
    rf"(?=,| (?:{_EL_VERB})\b)"
)
_THIRD_PERSON = compile_words(
    r"\b(he|she|he's|she's|his|her|him|él|ella|the (?:new |old )?(?:principal|"
    r"coach|pastor|teacher|lady|guy|man|woman|mayor|girl|boy)|mrs?\.|ms\.|principal|coach|"
    rf"{_EL_PRONOUN}|"
    rf"el (?!(?:{_EL_THING}|{PERSON_ES})\b)(?=[a-záéíóúñü])|"
    rf"(?:el|la|al|del|los|las) (?:nuev[oa] |pobre |querid[oa] )?(?:{PERSON_ES})|"
    r"sra?(?=\.))\b")
# a person named after "de" ("el abuelo de Lupe", "la hija de Andrés"): read as written
_DE_NAME = re.compile(r"\bde (?:don |doña )?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+")
# words that describe a particular third person ("the man who runs the bakery", "Mrs. Ruiz")
_DEFINITE_THIRD = re.compile(
    r"\b(?:the|that|this) (?:\w+ )?(?:lady|guy|man|woman|girl|boy|principal|coach|pastor|"
    r"teacher|mayor|owner|manager|cashier|bartender|mailman|priest|reverend)\b"
    r"|\b(?:mrs?|ms|miss|principal|coach|pastor|mayor|father|sister)\.?\s+[A-Z][a-z]+",
    re.IGNORECASE)
_CARE = compile_words(
    r"\b(appointment|appt|visit|visits|check-?ups?|physical|surgery|shots?|vaccine|"
    r"prescription|refill|meds?|medication|diagnos\w*|treat\w*|therapy|therapist|rehab|"
    r"x-?ray|mri|labs?|lab results|results|biopsy|er|urgent care|waiting room|waitlist|"
    r"been (?:a )?patient|coming here|seen (?:dr|here)|program|group|clinic|chiro\w*|"
    r"cita|consulta|receta|tratamiento|me atendieron|embarazo|prenatal)\b")
# "group", "program" and "med" where they name no care: a chat or a circle of people ("my
# mom group", "our team parents group", "the group chat", "this group" for the practice's
# staff), a school or work programme ("her MA program", "residency program"), a student
# ("pre-med", "med school"). Everyday comments were flagged self_disclosure on them (issue
# 13: "Proud to have worked alongside this group during my residency rotation"). A support,
# therapy, treatment or condition group or program ("the teen anxiety group", "your
# addiction program") is not matched here and stays care.
_NOT_CARE_WORD = re.compile(
    r"\b(?:study|mom|moms|mom's|moms'|mommy|dad|dads|dad's|parents?|parents'|walking|running|"
    r"hiking|book|church|bible|prayer|facebook|fb|whatsapp|text|team|medical|practice|"
    r"this|that|great|amazing|awesome|whole|entire|youth|scout|play|knitting|neighborhood|"
    r"community|age|focus|advocacy|4-h|farm|homeschool|garden|gardening|quilting|ladies|"
    r"women's)\s+group\b"
    r"|\bgroup\s+(?:chat|text|thread|message|photo|pic|picture|selfie|project|rate|tour|"
    r"discount|ride|run|walk|fitness|class)"
    r"|\b(?:ma|cma|rn|lpn|bsn|msn|nursing|np|pa|residency|degree|master'?s|phd|college|"
    r"training|internship|intern|volunteer|rewards?|loyalty|referral|mentorship|mentoring|"
    r"tv|radio|after-?school|summer|school nurse|nurse|fellowship|certificate|"
    r"apprenticeship|exchange)\s+program\b"
    r"|\bpre-?med\b|\bmed\s+(?:school|student|students|tech|techs|spa)\b")


def _care_words(plain: str) -> list[str]:
    """_CARE's words in the lower-cased text, but for those _NOT_CARE_WORD reads as no care."""
    skip = [m.span() for m in _NOT_CARE_WORD.finditer(plain)]
    return [m.group(0) for m in _CARE.finditer(plain)
            if not any(a <= m.start() < b for a, b in skip)]


# care words alone ("do we need an appointment?") disclose nothing unless the commenter
# says it happened to them
_EXPERIENCE = compile_words(
    r"\b(had|went|got|get|been|came|finished|started|since|years?|months?|weeks?|last|"
    r"first|after|during|was|were|fui|tuve|llevo|desde)\b")
# health words in Spanish (and a few in Vietnamese and Tagalog, unaccented): conditions,
# symptoms, treatments and care that the English vocabularies do not hold
_HEALTH_ES = compile_words(
    r"\b(diabetes|fiebre|tos|dolor|dolores|embarazo|embarazada|infecci[oó]n|asma|presi[oó]n|"
    r"insulina|demencia|autismo|c[aá]ncer|depresi[oó]n|ansiedad|gripe|alergias?|"
    r"antibi[oó]tic[oa]s?|ibuprofeno|acetaminof[eé]n|paracetamol|metformina|vacunas?|"
    r"cirug[ií]a|operaci[oó]n|operaron|parto|ces[aá]rea|d(?:ar|io|i[oó]) a luz|"
    r"tuv(?:o|e|imos|ieron) (?:a )?(?:su|mi|el|un|una) beb[eé]|puntos|yeso|fractura|quebr[oó]|"
    r"esguince|quemadura|herida|sangrado|sangre|v[oó]mitos?|vomit\w+|diarrea|mareos?|"
    r"n[aá]useas?|ronchas?|sarpullido|comez[oó]n|pica|manchas?|lunar|lunares|verrugas?|"
    r"granos?|acn[eé]|hinch\w+|inflamad[oa]|infectad[oa]|resfriado|catarro|gripa|"
    r"migra[ñn]a|convulsi\w+|colesterol|tiroides|diu|anticonceptiv\w+|terapia|"
    r"fisioterapia|rehabilitaci[oó]n|quimio\w*|radiaci[oó]n|biopsia|an[aá]lisis|"
    r"ultrasonido|radiograf[ií]a|receta|medicamentos?|medicina|pastillas?|jarabe|crema|"
    r"pomada|inhalador|neumon[ií]a|infarto|derrame|embolia|leucemia|alzh?[eé]imer|"
    r"p[aá]rkinson|epilepsia|artritis|preeclampsia|hospitalizad[oa]|internad[oa]|di[aá]lisis|"
    r"sot|ho|dot quy|hen suyen|ubo|sipon|lagnat|pulmonya)\b")
_HANDLE = re.compile(r"@\w+")
# medicines every household keeps: a question about their dose discloses no condition
_OTC = re.compile(r"(?:children's |infant |kids' )?(?:ibuprofen|tylenol|acetaminophen|"
                  r"acetaminof[eé]n|ibuprofeno|paracetamol|motrin|advil|benadryl|aspirin|"
                  r"naproxen|aleve|zyrtec|claritin|melatonin)")
# people a named person can be introduced by, besides household members and acquaintances
# ("Jolene, our babysitter, ..."): read only beside a name
_OTHER_RELATION = ("babysitter|nanny|caregiver|mail carrier|mailman|barber|hairdresser|stylist|"
                   "pastor|mentor|supervisor|manager|trainer|tutor|ex")
# relatives by marriage, step and god relations, English and Spanish, accented or not
# (2026-12-02 attack review: "mi tío Beto" read as an unnamed household member)
RELATION_ES = (r"hij[oa]|hijastr[oa]|espos[oa]|marido|mam[aá]|mami|madre|madrastra|pap[aá]|papi|"
                r"padre|padrastro|vecin[oa]|amig[oa]|compañer[oa]|t[ií][oa]|prim[oa]|sobrin[oa]|"
                r"herman[oa]|hermanit[oa]|hermanastr[oa]|medi[oa] herman[oa]|suegr[oa]|"
                r"cuñad[oa]|abuel[oa]|abuelit[oa]|bisabuel[oa]|niet[oa]|novi[oa]|nuera|yerno|padrino|madrina|"
                r"ahijad[oa]|compadre|comadre|beb[eé]|niñ[oa]|chamac[oa]|muchach[oa]|"
                r"concuñ[oa]|consuegr[oa]|jef[ea]|patr[oó]n|maestr[oa]")
_RELATION_EN = (r"step-?(?:son|daughter|mom|mother|dad|father|brother|sister|kid|child)|"
                r"half-?(?:brother|sister)|god(?:mother|father|son|daughter|parent|child)|"
                r"(?:brother|sister|mother|father|son|daughter)-in-law|great-?grand\w+|"
                r"grand(?:kid|child|son|daughter|niece|nephew)|bestie|bff|best friend|"
                r"ex-?(?:wife|husband|boyfriend|girlfriend)")
_RELATION_WORD = (rf"(?:{_RELATION_EN}|{lx.RELATIVE}|{ACQUAINTANCE}|{_OTHER_RELATION}|"
                  rf"{RELATION_ES})")
# a capitalised name: one or two words, not "I", a weekday or a month ("my son Monday")
_NAME_WORDS = (r"(?!I\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|"
               r"March|April|May|June|July|August|September|October|November|December)\b)"
               r"[A-Z\u00c0-\u00de][a-z\u00e0-\u00ff]+(?:\s+[A-Z\u00c0-\u00de][a-z\u00e0-\u00ff]+)?")
# "my daughter Lily", "my husband, Tom Reyes", "my next door neighbor Bea", "mi compañero de
# trabajo Esteban", and the relation after the name: "Lucinda, my roommate, ...". A named
# relative or acquaintance is identifiable (dev set README convention); works without the PHI
# screen's name recogniser
_NAMED_RELATIVE = re.compile(
    rf"(?i:\b(?:my|our|mi|nuestr[oa])\s+(?:[\w-]+\s+){{0,2}}?{_RELATION_WORD}"
    r"(?:\s+de\s+\w+)?)"
    rf",?\s+(?P<name>{_NAME_WORDS})"
    rf"|(?<![\w'])(?P<before>(?![A-Z][a-z]+ly\b){_NAME_WORDS}),\s+(?i:(?:my|our|mi|nuestr[oa])\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_RELATION_WORD})\s*,")
# a condition word describing a place or an idiom, not a person's health ("wheelchair
# ramp", "sick of the ads")
_NOT_CONDITION_AFTER = re.compile(r"[- ](?:accessible|access|friendly|ramps?|parking|vans?|"
                                  r"spots?|seating|of\b|and tired)", re.IGNORECASE)
# the commenter as the object of a contact request ("DM me", "text me") is no disclosure
_CONTACT_ME = re.compile(r"\b(?:dm|pm|message|text|call|contact|email|inbox|follow|"
                         r"whatsapp|add) me\b")
# the commenter only as someone who read, heard or wonders about a topic ("What are the
# symptoms of a heart attack in women? I read they're different", "I heard the guidelines
# changed", "I was wondering"): that "I" owns no health. Everyday general health questions
# were flagged self_disclosure on it (issue 13). Any other first person left in the comment
# ("I read that my biopsy...", "I heard I might have ...") still makes it the commenter's, and
# news received is no reading ("I heard back from the lab", "I just heard from the doctor").
# Not "noticed", "saw", "found", "felt": those perceive one's own body ("I noticed a lump")
_KNOWING_ME = re.compile(
    r"\b(?:i|i've|ive|i have|i'd|we've)\s+(?:just\s+|always\s+|also\s+|recently\s+|once\s+)?"
    r"(?:read|heard|wondered|learned|seen (?:a|an|the|this|that) (?:post|article|video|ad|"
    r"story|news))\b(?!\s+(?:back|from|my|about my|that i|i)\b)"
    r"|\bi\s+(?:always\s+|just\s+)?wonder\b"
    r"|\b(?:i|i'm|im)\s+(?:was\s+|am\s+|just\s+|always\s+)*(?:wondering|curious)\b"
    r"|\bi\s+(?:never|don't|dont|do not)\s+know\s+(?=if|whether|what|when|how|which)")
# more Spanish function words than English ones: the kept vocabularies are English, and
# their drug names are everyday Spanish words
_ES_WORDS = frozenset((
    "el", "la", "los", "las", "un", "una", "y", "de", "del", "en", "con", "por", "para",
    "que", "se", "su", "sus", "es", "muy", "pero", "desde", "sin", "mi", "mis", "me", "le",
    "lo", "al", "como"
))
_EN_WORDS = frozenset((
    "the", "a", "an", "and", "of", "in", "on", "with", "for", "that", "is", "are", "was",
    "my", "i", "you", "it", "to", "this", "be", "have", "has", "at"
))
# a care word that names where someone goes, not care ("a visit to the fair")
_NOT_CARE_AFTER = re.compile(r"\s+to (?:the|a|an|our|your|my) (?!doctor|dentist|er\b|clinic|"
                             r"hospital|office|practice|pediatrician|specialist)")
_NAME_RULES = ("ner", "possessive", "handle", "name")
# a named clinician, or a name in the commenter's own story the text does not tie the health
# to, is not a third party whose health is told (see _gives_or_shares_care); False: the
# screen's tie stands. Off since the session-5 review: with it on, 25 of 32 comments a
# reviewer wrote about a named third party's health stayed visible (10 with it off): any
# "I" or "my" made the comment the commenter's own story. It took the writers' sets' false
# hides from 16 to 3 of 832 (fit) but a blind writer's only from 9 to 8. With it off, the
# narrower rule of score() applies: a titled clinician (_provider) is dropped only when every
# health word in the comment is the commenter's own (_provider_is_patient, _whose).
PROVIDERS_ARE_NOT_PATIENTS = False
# clinician and staff titles before a name ("Dr. Ortiz", "Nurse Practitioner Bea", "la
# enfermera Sol"): the person so named gives the care, they are not the patient
_PROVIDER_TITLE = re.compile(
    r"(?i:\b(?:dr|dra|doc|doctor|doctora|nurse|midwife|practitioner|np|pa|rn|lpn|cnm|aprn|"
    r"dds|dmd|hygienist|therapist|enfermer[oa]|partera|matrona)\.?)\s+(?:[A-Z][\w.]*\s+)?$")
# a household word written like a name at a sentence start ("Kiddo had ...", "Hubby got ...")
_HOUSEHOLD_WORD = re.compile(rf"(?i:(?:{HOUSEHOLD}|mama|papa|mami|papi))")
# a name right after a relation ("my aunt Rosa", "Tamika's daughter Kiara", "mi sobrino
# Mateo"): the person whose health is told, whoever else the comment names
_AFTER_RELATION = re.compile(
    rf"(?i:\b(?:{HOUSEHOLD}|{_RELATION_WORD}|ex))"
    r",?\s+$")
# the health of someone the commenter speaks about or to: "she's got ...", "he's on the
# transplant list", "your shin splints"
_OTHER_OWNER = re.compile(r"\b(?:he|she|he's|she's|his|her|him|your|you're|you've)\s+"
                          r"(?:[\w'-]+\s+){0,3}$")
_SECOND_OWNER = re.compile(r"\b(?:your|you're|you've)\s+(?:[\w'-]+\s+){0,3}$")
# a date the commenter calls a birth date ("DOB 7/22/1990", "nacida el 2-9-84"): a direct
# identifier in a comment, also when the screen did not report it
# "birthday"/"bday"/"b-day" with a full date is one too, unless the year is this year or
# later (a party's date); a few words may stand between ("birthdate on file should be ...")
_BIRTH_DATE = re.compile(
    r"(?i:\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|born on|fecha de nacimiento|"
    r"nacid[oa] el|sinh ng[aà]y|(?P<day>birthday|b-?day|cumpleaños|cumple)))"
    r"(?:'s)?[^.!?\d\n]{0,24}?\d{1,2}[/.-]\d{1,2}[/.-](?P<year>\d{4}|\d{2})\b")


def _birth_date(text: str) -> re.Match[str] | None:
    """The first date the text calls a birth date (a birthday's date only with a past year)."""
    for m in _BIRTH_DATE.finditer(text):
        this_year, year = datetime.date.today().year, int(m.group("year"))
        if len(m.group("year")) == 2:
            year += 1900 if year > this_year % 100 else 2000
        if not m.group("day") or year < this_year:
            return m
    return None


# how far after a name a health word is read as that person's ("Ana has diabetes")
_SUBJECT_WINDOW = 3
# a clinician or staff member named with a title ("Dr. Ortiz", "Nurse Practitioner Bea", "la
# Dra. Soto", "el enfermero Julio"): read from the text as well as from the screen's names;
# a second title is no name ("our family doctor Dr. Webb": Webb)
_TITLED_NAME = re.compile(
    r"\b(?i:dr|dra|doctor|doctora|nurse|enfermer[oa]|midwife|partera)\.?\s+"
    r"(?:(?i:practitioner)\s+)?(?!(?i:dr|dra|doctor|doctora|nurse)\b)"
    r"(?P<name>[A-Z][a-z\u00e0-\u00ff-]+(?:\s+[A-Z][a-z\u00e0-\u00ff-]+)?)")
_TITLE_IN_SPAN = re.compile(r"\b(?i:dr|dra|doctor|doctora|nurse|enfermer[oa]|midwife)\b\.?\s+\w")
# whose a health word is, is read inside its clause
# (the period of a title is no end: "Dr. Lee", "Mrs. Ruiz")
_NOT_TITLE = r"(?<!\bdr)(?<!\bdra)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bst)(?<!\bsr)(?<!\bsra)"
_CLAUSE_END = re.compile(rf"{_NOT_TITLE}\.|[,;:!?\n()]|\s(?:but|pero|now|y ahora)\s")
_SENTENCE_END = re.compile(rf"{_NOT_TITLE}\.|[!?;\n]")
_FIRST_REF = re.compile(rf"\b(?:{FIRST_PERSON})\b")
_HOUSEHOLD_REF = re.compile(rf"\b(?:{HOUSEHOLD}|hij[oa]s?|mam[aá]|pap[aá]|espos[oa]|beb[eé]|"
                            r"niñ[oa]s?|abuel[oa]s?)\b")
# the commenter's household member, possessive or not ("my wife's OB"; not "Dr. Lee's wife")
_MY_HOUSEHOLD = re.compile(rf"\b(?:my|our|mi|mis|nuestr[oa]s?)\s+(?:[\w-]+\s+)?(?:{HOUSEHOLD}|"
                           r"hij[oa]s?|mam[aá]|pap[aá]|espos[oa]|beb[eé]|niñ[oa]s?|abuel[oa]s?)\b")
_THIRD_REF = re.compile(r"\b(?:he|she|he's|she's|his|her|him|who|who's|él|ella)\b")
# a health phrase the commenter owns in its own words ("my hip fracture", "had my gallbladder
# out": the screen reports such phrases whole)
_FIRST_OWNS = re.compile(r"(?:(?:had|got|have|did)\s+)?(?:my|our|mi|mis)\b")
# "the cyst on my back", "a tear in my shoulder": a health word the commenter's body owns
_MINE_AFTER = re.compile(r"\s+(?:[\w'-]+\s+){0,2}?(?:on|in|from|of|off|to)\s+(?:my|our|mi)\b")
# what a named person undergoes, right after the name ("Dr. Lee had ...", "Nurse Bo is
# doing chemo", "who is recovering", "la Dra. Soto está ..."): the name is the patient's. Not
# what they give or do ("Dr. Lee diagnosed ...", "Dr. Ruiz recommends ...")
_UNDERGOES = re.compile(
    r"(?:'s|\u2019s)?\s+(?:who\s+|that\s+)?(?:just\s+|recently\s+|finally\s+|also\s+|still\s+|"
    r"has\s+been\s+|had\s+been\s+|is\s+|was\s+)?(?:has|had|have|is|was|got|gets|getting|been|"
    r"battling|fighting|recovering|diagnosed|passed|died|went|came|started|finished|underwent|"
    r"doing|having|out|off|on|in|undergoing|dealing|living|struggling|survived|beat|lost|"
    r"suffered|broke|tore|needed|needs|miscarried|relapsed|overdosed|collapsed|developed|"
    r"contracted|tested|tiene|tuvo|est[aá]|estuvo|"
    r"fue|sigue|anda|padece|sufre|muri[oó]|falleci[oó])\b"
    r"|(?:'s|\u2019s)\s+(?:been|got|had)\b"
    # set off by a comma: "Dr. Webb, now on dialysis, ...", "Nurse Gail, fresh out of rehab"
    r"|,\s+(?:(?:now|currently|still|recently|just|fresh|newly)\s+(?:on|in|off|out\s+of|"
    r"back\s+from|home\s+from|with)|(?:now\s+|still\s+|recently\s+)?(?:battling|fighting|"
    r"recovering|undergoing|diagnosed|living\s+with|dealing\s+with|struggling\s+with|"
    r"suffering|in\s+hospice|on\s+dialysis|in\s+rehab|in\s+remission))\b")
# "... cancer herself": the health of the person spoken about
_SELF_AFTER = re.compile(r"\s+(?:[\w'-]+\s+)?(?:himself|herself|[eé]l mismo|ella misma)\b")
_POSSESSIVES = frozenset({"my", "our", "mi", "mis", "nuestro", "nuestra", "nuestros", "nuestras"})
# "Dr. Lee and I both ...": the name shares the health
_AND_ME = re.compile(r"\s+(?:and|y)\s+(?:i|we|yo|nosotros)\b")
# "... and is now battling ...": a verb after "and" with the sentence's subject
_AND_VERB = re.compile(r"\band\s+(?:now\s+|also\s+|just\s+|then\s+|still\s+)?(?:is|was|has|had|"
                       r"got|gets|been|battling|fighting|recovering|diagnosed|passed|died)\b")
# "Dr. Lee's stroke", "Nurse Bo's knee surgery": a health word the name owns
_POSSESSED = re.compile(r"(?:'s|\u2019s)\s+(?:[\w-]+\s+){0,2}")
# care verbs, not conditions: "Dr. Lee diagnosed my ..." says who gave the care
_CARE_VERBS = frozenset({"diagnosed", "treated", "treating", "prescribed", "operated",
                         "referred"})


def _whose(plain: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str | None:
    """Whose the health word at plain[start:end] is, read from the nearest person before it
    in its clause (else earlier in its sentence): "own" (I, my, we, a household member, the
    commenter's body after it: "the cyst on my back", or a sentence with its subject left
    out), "name" (one of the ``spans`` undergoing it: "Dr. Lee had a stroke", "Dr. Lee and
    I both ..."), "third" (he, she, who), else None. A verb after "and" ("... and is now
    battling ...") and "herself" after the word take the sentence's subject."""
    if _MINE_AFTER.match(plain, end) or _FIRST_OWNS.match(plain, start, end):
        return "own"  # "the cyst on my back"; the screen's "my hip fracture"
    sentence = max((m.start() for m in _SENTENCE_END.finditer(plain, 0, start)), default=0)
    clause = max((m.end() for m in _CLAUSE_END.finditer(plain, 0, start)), default=0)
    best, who = _nearest(plain, clause, start, spans)
    if best < 0 and sentence < clause:
        best, who = _nearest(plain, sentence, clause, spans)  # an earlier clause
    if _SELF_AFTER.match(plain, end) or best >= 0 and _AND_VERB.search(plain, best, start):
        first, kind = _nearest(plain, sentence, start, spans, subject=True)
        if first >= 0:
            return kind
        return "third" if _SELF_AFTER.match(plain, end) else who
    if who is None and _OMITTED_SUBJECT.match(plain, sentence):
        # nobody (or a name that undergoes nothing) before it, in a sentence whose subject is
        # left out: "Had my gallbladder out with Dr. Lee, recovery ...", "Finished chemo ..."
        return "own"
    return who


def _nearest(plain: str, lo: int, hi: int, spans: Sequence[tuple[int, int]],
             subject: bool = False) -> tuple[int, str | None]:
    """The last person in plain[lo:hi] (or the first: the ``subject``) and whose that makes
    a health word after it: (position, kind), or (-1, None) when nobody is referred to."""
    found: list[tuple[int, str | None]] = []
    for pattern, kind in ((_FIRST_REF, "own"), (_HOUSEHOLD_REF, "own"), (_THIRD_REF, "third")):
        for m in pattern.finditer(plain, lo, hi):
            if subject and m.group(0) in _POSSESSIVES:
                continue  # "Our therapist Dr. Blum ... herself": the subject is the therapist
            k: str | None = kind
            if kind == "own" and plain[max(0, m.start() - 3):m.start()] in ("'s ", "\u2019s "):
                k = "third"  # "Dr. Lee's wife": someone else's household
            elif kind == "third" and _HOUSEHOLD_REF.search(plain, max(lo, m.start() - 25),
                                                          m.start()):
                k = "own"  # "my daughter ... her shots": the household member's
            found.append((m.start(), k))
    for s, e in spans:
        if lo <= s and e <= hi:
            both = _AND_ME.match(plain, e)
            if both:  # "Dr. Lee and I both ...": the name shares it
                found = [(p, k) for p, k in found if not e <= p < both.end()]
            undergoes = subject or both or _UNDERGOES.match(plain, e) \
                or _POSSESSED.fullmatch(plain, e, hi)
            found.append((s, "name" if undergoes else None))
    if not found:
        return -1, None
    return min(found, key=lambda f: f[0]) if subject else max(found, key=lambda f: f[0])


def _provider(span: str, text: str) -> bool:
    """A name with a clinician's or staff title before it or in it ("Dr. Ortiz")."""
    at = text.find(span)
    return at >= 0 and bool(_PROVIDER_TITLE.search(text[max(0, at - 40):at])
                            or _TITLE_IN_SPAN.search(span))


def _provider_is_patient(span: str, text: str, plain: str, terms: Sequence[str],
                         tied: bool) -> bool:
    """A titled clinician or staff member named beside health: the patient unless every
    health word in the comment is the commenter's own ("Dr. Smith fixed my knee" is not
    about Dr. Smith; "Dr. Smith had knee surgery" is). ``tied``: the screen tied the name to
    the health; else the text must tie it (a health word right after the name, or in a
    clause whose nearest person is the name or he/she)."""
    name = span.strip(" .,!?@").lower()
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(name), plain)] if name else []
    whose = []
    for term in set(terms):
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", plain):
            if not any(s <= m.start() < e for s, e in spans):
                whose.append(_whose(plain, m.start(), m.end(), spans))
    if all(w == "own" for w in whose):
        return False
    if tied:
        return True
    if None in whose and _sympathy_after_name(plain, spans, terms):
        return True
    # he or she: the named one, unless someone else is spoken of ("my wife's OB, Dr. Feld,
    # says she ...")
    return "name" in whose or (
        "third" in whose and not _ACQUAINTANCE_RE.search(plain)
        and not _MY_HOUSEHOLD.search(plain))


# words said of someone else's illness: sympathy, prayers, wishes ("so sorry about the
# stroke", "praying for Dr. Nolan, the chemo ...", "wishing a quick recovery")
_SYMPATHY = re.compile(r"\b(?:sorry|sad|saddened|praying|prayers?|pray|hope|hoping|wishing|"
                       r"wishes|get well|heartbroken|heartbreaking|heart breaks|devastat\w*|"
                       r"thinking of|sending love|rooting|heard|learned|brutal|terrifying|"
                       r"poor thing)\b")


def _sympathy_after_name(plain: str, spans: Sequence[tuple[int, int]],
                         terms: Sequence[str]) -> bool:
    """A health word later in the sentence of a titled name, with nobody (I, my, he, she, a
    household member) referred to between them, in a sentence of sympathy ("We love Dr.
    Farris, so sad to hear about the stroke"): the name's health, not a testimonial ("Thanks
    to Dr. Lee, the surgery went well" has no sympathy)."""
    for term in set(terms):
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", plain):
            if _MINE_AFTER.match(plain, m.end()) or _FIRST_OWNS.match(plain, m.start()):
                continue
            lo = max((x.end() for x in _SENTENCE_END.finditer(plain, 0, m.start())), default=0)
            nxt = _SENTENCE_END.search(plain, m.end())
            hi = nxt.start() if nxt else len(plain)
            for s, e in spans:
                if not lo <= s < e <= m.start():
                    continue
                between = plain[e:m.start()]
                if any(p.search(between) for p in (_FIRST_REF, _HOUSEHOLD_REF, _THIRD_REF)):
                    continue
                if _SYMPATHY.search(plain, lo, hi) and not _FIRST_REF.search(plain, m.end(), hi):
                    return True
    return False


@lru_cache(maxsize=4096)
def kept_health(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(conditions, care) named in the text by the kept vocabularies, lower-cased. A care
    word that says where someone goes ("a visit to the fair") is left out."""
    parts = phi_parts()  # without the PHI package the hand lists stand alone
    if parts is None:
        return (), ()
    mentions = parts.health_mentions
    conditions, care = [], []
    spanish = None
    for m in mentions(text):
        word = m.text.lower()
        if m.term.kind == "care":
            if not _NOT_CARE_AFTER.match(text, m.end):
                care.append(word)
        elif _NOT_CONDITION_AFTER.match(text, m.end):
            continue
        elif m.term.source not in ("lay", "abbreviation") and (
                spanish if spanish is not None else (spanish := _mostly_spanish(text))):
            # the English vocabularies' drug names are everyday Spanish words (a capitalised
            # abbreviation, "COPD", is none)
            continue
        elif len(word) > 2 or m.text.isupper():  # "ms", "ra": abbreviations only in capitals
            conditions.append(word)
    return tuple(conditions), tuple(care)


def _mostly_spanish(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return sum(w in _ES_WORDS for w in words) > sum(w in _EN_WORDS for w in words)


# Spanish health words that only queue a Spanish comment for a person (the low-confidence
# note), never phi: found unread by an outside review of session 29 ("¿Atienden niños con
# calentura de 40?", "arde al orinar"). As phi terms they hid harmless comments wherever
# "el" stood before a noun ("¿Cobran la prueba de tuberculosis para el trabajo?", an outside
# review of session 30), and "quemado", "ardor", "llaga", "mordida" are everyday words
# (burned food, burnout, zeal, a bribe); "temperatura de 105" is as often the weather.
_NOTE_HEALTH_ES = re.compile(
    r"\b(?:calentura de \d+|con calentura|arde al orinar|ardor al orinar|"
    r"flujo vaginal|hemofilia|tuberculosis)\b")


def mentions_health_or_care(plain: str, text: str = "", *, everyday_groups: bool = False) -> bool:
    """A health term (English or Spanish) or a care word anywhere in the text. With
    ``everyday_groups``, a care word _NOT_CARE_WORD reads as none ("my moms group", "the
    church group") does not count (audience.py: a group the post is passed to)."""
    care = _care_words(plain) if everyday_groups else _CARE.search(plain)
    if lx.health_terms(plain) or _HEALTH_ES.search(plain) or care \
            or _NOTE_HEALTH_ES.search(plain):
        return True
    conditions, care = kept_health(text or plain)
    return bool(conditions or care)


def health_and_care_terms(plain: str, text: str = "") -> list[str]:
    """Every health term and care word mentions_health_or_care reads, lower-cased, each once
    (for a caller that asks what they name, not only whether there is one)."""
    conditions, care = kept_health(text or plain)
    found = [*lx.health_terms(plain), *_has(_HEALTH_ES, plain), *_has(_CARE, plain),
             *_has(_NOTE_HEALTH_ES, plain), *conditions, *care]
    return list(dict.fromkeys(found))


def spanish_health(plain: str) -> list[str]:
    """Spanish (and a few Vietnamese and Tagalog) health words in the lower-cased text."""
    return _has(_HEALTH_ES, plain)


def _is_health(term: str) -> bool:
    return bool(lx.HEALTH_RE.search(term) or lx.STRONG_HEALTH_RE.search(term)
                or _HEALTH_ES.search(term) or _CARE.fullmatch(term) and term not in _WEAK_CARE
                or kept_health(term)[0])


_WEAK_CARE = frozenset({"shot", "shots", "group", "program", "clinic", "results", "er",
                        "check", "seen", "records", "test", "tests", "visit"})
# care words that are everyday verbs too ("check this out", "I've seen"): never enough to
# tie an identifier or a name to care
_VERB_CARE = frozenset({"check", "seen", "test", "tests"})
# a street address the screen only warned about ("52 Elm Ave"): a number, a name and a
# street type, next to health or care, is an identifier in a comment
_STREET = re.compile(r"\b\d{1,6}\s+(?:[A-Za-z0-9.]+\s+){1,3}(?:st|street|ave|avenue|rd|road|"
                     r"blvd|boulevard|dr|drive|ln|lane|ct|court|way|pl|place|hwy|highway|"
                     r"pkwy|parkway|cir|circle|ter|terrace|trl|trail)\b\.?", re.IGNORECASE)


# where care is given, not care anyone received (a care-only question about one tells no
# care: score() below)
_PLACE_OF_CARE = re.compile(r"(?:the )?(?:clinics?|pharmac(?:y|ies)|urgent care|er|hospitals?|"
                            r"labs?|offices?|waiting room|dental office|walk-in clinic)")


def _has(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)]


_SPAN_EDGE = re.compile(r"^[^\w@]+|[^\w\s.'’@-].*$", re.S)


def _looks_like_person(span: str, known: Container[str]) -> bool:
    """Capitalised words that are not ordinary words capitalised at a sentence start
    ("My", "Typical") and not a medicine or condition ("Tylenol")."""
    words = [w.strip(".,!?'\"") for w in re.split(r"\s+", span.strip()) if w]
    if not words or not all(w[:1].isupper() or w[:1] == "@" for w in words):
        return False
    if all(w.lower() in known or lx.INSULT_NOUN_RE.fullmatch(w.lower()) for w in words):
        return False
    low = span.lower()
    return not (lx.HEALTH_RE.fullmatch(low) or lx.STRONG_HEALTH_RE.search(low)
                or kept_health(span)[0])


# whose relative: a name or a role that says who ("Karen's", "the deacon's", "the Hendersons'"),
# not an acquaintance of the commenter's ("my neighbor's", "a friend's", "Coworker's"), the
# commenter's own family ("Dad's brother": the household's, self_disclosure), nobody ("someone's
# toddler", "a man's wife") or no person at all ("Today's kids", "St. Jude's kids")
_NOT_WHO = re.compile(
    rf"(?:{ACQUAINTANCE}|{HOUSEHOLD}|{KIN_NICKNAMES}|some(?:one|body)|any(?:one|body)|"
    r"every(?:one|body)|no(?:one|body)|whoever|others?|people|folks|y'?all|m[ae]n|wom[ae]n|"
    r"lad(?:y|ies)|guys?|gals?|persons?|humans?|adults?|individual|stranger|customer|member|"
    r"citizen|resident|parent|kiddo|kid|god|lord|jesus|christ|today|tonight|tomorrow|"
    r"yesterday|world|nation|america|queen|king|prince|princess)", re.I)
_POSSESSOR = re.compile(r"(?<![\w'\u2019])([A-Za-z][\w-]*?)(s?)(?:'s|\u2019s|'|\u2019)(?!\w)")
_SAINT = r"\b(?:st|saint)\.?"  # "St. Jude's kids": a saint's, before or inside the span
_SAINT_BEFORE = re.compile(_SAINT + r"\s+$", re.I)


def _says_who(span: str) -> bool:
    """The relative's possessor names someone readers can tell: a first name or a surname
    from the screen's name lists (census data, vocabulary.first_names/surnames) or a person's
    role from WordNet (vocabulary role nouns: "deacon", "sheriff"), not a word in _NOT_WHO."""
    from policies.phi.subjects import role_nouns
    from policies.phi.vocabulary import first_names, surnames

    for m in _POSSESSOR.finditer(span):
        if _SAINT_BEFORE.search(span, 0, m.start()):
            continue
        for word in {m.group(1) + m.group(2), m.group(1)}:  # "Hendersons'": Henderson
            low = word.lower()
            if _NOT_WHO.fullmatch(low):
                continue
            if low in first_names() or word[:1].isupper() and low in surnames() \
                    or low in role_nouns():
                return True
    return False


_CARER = (r"nurse|doctor|therapist|pharmacist|dentist|hygienist|surgeon|physician|pa|np|"
          r"paramedic|emt|midwife|aide|tech|technician|receptionist|counselor|trainer")
# the relative gives the care or passes word of it, not gets it: "Karen's husband is the new
# physical therapist here", "the deacon's son works at the pharmacy", "the pastor's wife visits
# her", "Karen's husband said the screenings are free", "Karen's husband here, I had my knee
# done" (a place only after "works" or "runs": "is in the hospital" is the patient)
_CARE_GIVER_AFTER = re.compile(
    r"\s*,?\s*(?:(?:is|was|has\s+been|became)\s+(?:as\s+)?(?:(?:a|an|the|our|your|their)\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_CARER})s?\b|"
    r"(?:works|worked|runs|ran)\s+(?:(?:as|at|in)\s+)?(?:(?:a|an|the|our|your|their)\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_CARER}|pharmacy|clinic|office|hospital|practice)s?\b|"
    r"(?:recommended|recommends|suggested|prescribed|gave|gives|helped|helps|treated|treats|"
    r"drives\s+me|drove\s+me|brought|brings|sat\s+with|cared\s+for|cares\s+for|"
    r"looks\s+after|checked\s+on|checks\s+on|visit(?:s|ed)\s+(?:me|her|him|them|us|my)|"
    r"said|says|told|tells|mentioned|asked|posted|shared|heard|wrote|announced|sells|sold|"
    r"selling|here)\b)", re.I)
# not a real person's health: one before the relative ("St. Jude's kids", "If the mayor's
# wife had cancer"), and health words said of someone else or in a saying ("makes me sick",
# "a pain in the neck", "baby fever")
_NOT_REAL_BEFORE = re.compile(rf"(?:{_SAINT}|\bif(?:\s+\w+)?|\bwhat\s+if(?:\s+\w+)?)\s*$", re.I)
_SAYING_AFTER = re.compile(r"[^.!?]{0,40}?\b(?:(?:me|us|you|everyone|everybody)\s+sick|"
                           r"pain\s+in\s+the\s+\w+|(?:baby|cabin|spring|playoff|football|"
                           r"bieber)\s+fever|fever\s+for)\b", re.I)


def _person_names(findings: Sequence[Any], known: Container[str]
                  ) -> tuple[list[str], list[str], list[str]]:
    """Names the screen found that look like people: (tied by the screen to health or
    care, the rest). The commenter's own care words (reported as self-disclosure) and
    names the screen saw no health tie to are left out of the second list; and the relatives
    of someone the text names, tied by the screen to health."""
    tied, other, relatives = [], [], []
    for f in findings:
        rule = getattr(f, "rule", "")
        raw = getattr(f, "text", "")
        # an emoji or symbol the screen's span took in beside the name ("Ben Carter 💔") is
        # no part of it, nor what follows it; when the span took in the health word too
        # ("Tia Brooks 🎗️ leukemia"), the screen's "no health" read that word as the name,
        # so the name is left to the text's own tie (an "other" name)
        span = _SPAN_EDGE.sub("", raw).strip()
        cut_health = span != raw.strip() and bool(kept_health(raw[len(span):])[0]
                                                   or lx.STRONG_HEALTH_RE.search(raw.lower()))
        if getattr(f, "category", "") not in ("name", "photo") or rule == "self_disclosure" \
                or "no_health" in rule and not cut_health or "public" in rule:
            continue
        if getattr(f, "category", "") == "photo":
            tied.append(raw)
            continue
        if _looks_like_person(span, known):
            (tied if _SCREEN_TIED.match(rule) and getattr(f, "severity", "") == "block"
             else other).append(span)
        elif rule.startswith("relative+") and _SCREEN_TIED.match(rule) \
                and getattr(f, "severity", "") == "block" and _says_who(span):
            # someone else's relative the screen tied to health, whose relative says who they
            # are ("Karen's husband", "the deacon's son", "the Hendersons' boy"; the
            # commenter's own household is the screen's self_disclosure, and a neighbour's or
            # a friend's child is nobody a reader can tell): a person, though the span is not
            # a name. Whether the health is theirs is read by the caller (_relatives_health).
            relatives.append(span)
    return tied, other, relatives


def _health_is_theirs(span: str, text: str, health: Sequence[str]) -> bool:
    """The text ties a health word to the named person itself: their possessive ("Ana's
    chemo", "Dr. Lee's stroke") or a health word within a few words after the name ("Ana has
    diabetes") that the commenter does not claim ("... walked me through my crown")."""
    at = text.find(span)
    if at < 0 or not health:
        return at < 0 and bool(health)
    after = text[at + len(span):]
    if re.match(r"\s*(?:'s|\u2019s|')", after) or span.endswith(("'s", "\u2019s")):
        return True  # "Ana's chemo", "Dr. Lee's wife said ...": about them
    words = re.findall(r"[\w'-]+", after.lower())[:_SUBJECT_WINDOW + 2]
    for i, w in enumerate(words[:_SUBJECT_WINDOW]):
        if any(t == w or t.startswith(w + " ") or w.startswith(t) and len(t) > 3
               for t in health) and not (i and words[i - 1] in ("my", "our", "mi", "mis")):
            return True
    return False


def _relatives_health(span: str, text: str, health: Sequence[str]) -> bool:
    """The health told is the relative's own: a health word right after the relative ("Karen's
    husband has cancer") or right after their possessive ("Nick's wife's cancer", not
    "Karen's husband's jokes got me through my chemo"), and the relative is not who gives the
    care or passes word of it (_CARE_GIVER_AFTER)."""
    at = text.find(span)
    if at < 0:  # the span is the screen's, on the comment as written; this reading differs
        return False
    end = at + len(span)
    if _CARE_GIVER_AFTER.match(text, end) or _SAYING_AFTER.match(text, end) \
            or _NOT_REAL_BEFORE.search(text, max(0, at - 12), at):
        return False
    owned = re.match(r"(?:'s|\u2019s|'|\u2019)\s+((?:[\w-]+\s+)?[\w-]+)", text[end:])
    if owned:
        said = owned.group(1).lower()
        return any(re.search(rf"(?<!\w){re.escape(t.lower())}(?!\w)", said) for t in health)
    return _health_is_theirs(span, text, health)


def _gives_or_shares_care(span: str, text: str, health: Sequence[str], own_story: bool) -> bool:
    """A name that is not the patient: a titled clinician ("Dr. Ortiz") or, in a comment
    telling the commenter's own or household's health, anyone the text does not tie that
    health to (the nurse, the receptionist, a race, an advertiser's handle). The patient is
    the commenter; naming who cared for them reveals nobody else's health."""
    at = text.find(span)
    if at < 0:
        return False
    if _HOUSEHOLD_WORD.fullmatch(span.strip(" .,!?@")):
        return True  # "Kiddo", "Hubby": the commenter's household, not a name
    if _AFTER_RELATION.search(text[max(0, at - 30):at]) or _health_is_theirs(span, text, health):
        return False
    if own_story:
        return True
    # a titled clinician is the provider, unless the comment tells someone's health in the
    # third person ("Dr. Lee is out, she had a stroke"): then the clinician may be the patient
    plain = text.lower()
    return bool(_PROVIDER_TITLE.search(text[max(0, at - 40):at])) and not _owned(
        plain, [t for t in health if plain.find(t) > 0], _OTHER_OWNER)


def _owned(plain: str, terms: Sequence[str], owner: re.Pattern[str]) -> bool:
    """A health term right after an owner ("my knee surgery", "her chemo"), with at most
    two words between that are not a person ("my roommate has migraines" is not mine)."""
    for term in set(terms):
        at = plain.find(term)
        while at > 0:
            if owner.search(plain[max(0, at - 40):at]):
                return True
            at = plain.find(term, at + 1)
    return False


def _third_owned(plain: str, terms: Sequence[str]) -> bool:
    """A condition said to be someone else's: "her chemo", "his surgery"."""
    return _owned(plain, terms, _THIRD_OWNER)


# Spanish ties a health word to a third person without "his"/"her": the possessive "su/sus"
# ("el resultado de su biopsia", "su mamá tiene demencia") and an object pronoun before a
# verb of what happened to them ("le encontraron cáncer", "la operaron", "le dio un
# infarto"). "su" is also the formal "your" and "el"/"la" are articles ("el resultado"), so
# this counts only beside a named person (2026-12-02 attack review: a named friend's positive
# biopsy stayed visible). Read inside the health word's clause, nearest owner wins.
_ES_VERB_AFTER_CLITIC = (
    r"dio|dieron|da|dan|dijeron|dijo|detectaron|encontraron|diagnosticaron|operaron|operan|"
    r"internaron|hospitalizaron|intubaron|amputaron|quitaron|sacaron|pusieron|puso|ponen|"
    r"hicieron|hizo|hacen|mandaron|recetaron|trasplantaron|descubrieron|confirmaron|"
    r"sali[oó]|salieron|vino|peg[oó]|est[aá]|est[aá]n|sigue|siguen|duele|duelen|dol[ií]a|"
    r"regres[oó]|volvi[oó]|atac[oó]|afect[oó]|empez[oó]|empezaron|toc[oó]|tocaron|cay[oó]|"
    r"lleg[oó]|qued[oó]|fue|fueron|van a|iban a|tienen que|tuvieron que|acaban de")
_ES_THIRD_OWNER = re.compile(
    rf"\b(?:su|sus)\s+(?:[\w-]+\s+)?$|\b(?:su|sus)\s+(?:{PERSON_ES})\b"
    rf"|\b(?:le|les|lo|la|los|las)\s+(?:{_ES_VERB_AFTER_CLITIC})\b")
_ES_CLITIC_AFTER = re.compile(
    r"\s+(?:ya\s+|no\s+|tambi[eé]n\s+|otra vez\s+)?(?:le|les|lo|la)\s+"
    rf"(?:{_ES_VERB_AFTER_CLITIC})\b")
_ES_OWNER_WORD = re.compile(r"\b(?:su|sus|le|les|lo|la)\s")  # the cheap gate before any
_ES_FIRST_OWNER = re.compile(r"\b(?:mi|mis|me|nos|nuestr[oa]s?|yo|tengo|estoy)\b")
# the care verbs that are the health word themselves after a pronoun: "la internaron"
_ES_CLITIC_CARE = re.compile(r"\b(?:le|les|lo|la|los|las)\s+(?P<care>operaron|internaron|"
                            r"hospitalizaron|intubaron|amputaron|diagnosticaron|trasplantaron)\b")
_ES_CLAUSE_END = re.compile(r"[.!?;,\n]|\s(?:pero|aunque|porque)\s")
# a capitalised word inside a sentence: a name when it is no ordinary word
_MID_CAPITAL = re.compile(r"(?<![.!?¡¿]\s)(?<![.!?¡¿])(?<=[\s(\"'])(?:don |doña )?"
                          r"(?P<name>[A-Z\u00c0-\u00de][a-z\u00e0-\u00ff]+)")
# ... or opening a sentence with what happens to them after it ("Efigenio anda muy mal",
# "José tiene ..."; not "Platiqué con ...": the commenter's own verb)
_OPENING_NAME = re.compile(
    r"(?:^|[.!?¡¿]\s*)(?P<name>[A-Z\u00c0-\u00de][a-z\u00e0-\u00ff]+)\s+(?:ya\s+|no\s+)?"
    r"(?:anda|est[aá]|tiene|sigue|sali[oó]|le|lo|la|fue|se|tuvo|estuvo|acaba)\b")
# what a named person undergoes, right after the name: "José tiene ...", "Rosa salió ..."
_ES_NAME_UNDERGOES = re.compile(
    r"\s+(?:ya\s+|no\s+|tambi[eé]n\s+|todav[ií]a\s+)?(?:tiene|tuvo|padece|sufre|est[aá]|"
    r"estuvo|anda|sali[oó]|sigue|acaba de|le|lo|la|fue)\b")
_ES_NOT_NAMES = frozenset({
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
    "domingo", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre", "dios", "diosito", "señor", "virgen",
    "navidad", "covid", "facebook", "instagram", "whatsapp", "medicaid", "medicare"})


def _es_third_owned(plain: str, terms: Sequence[str]) -> list[str]:
    """The Spanish health words (of ``terms``) whose nearest owner in their clause is a third
    person ("su", "le/la" + a verb of what happened), not the commenter."""
    out = [m.group("care") for m in _ES_CLITIC_CARE.finditer(plain)]
    for term in set(terms):
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", plain):
            lo = max(0, m.start() - 80)
            cut = [e.end() for e in _ES_CLAUSE_END.finditer(plain, lo, m.start())]
            before = plain[cut[-1] if cut else lo:m.start()]
            third = [t.end() for t in _ES_THIRD_OWNER.finditer(before)]
            first = [f.end() for f in _ES_FIRST_OWNER.finditer(before)]
            if third and (not first or third[-1] > first[-1]):
                out.append(term)
            elif _ES_CLITIC_AFTER.match(plain, m.end()):
                out.append(term)  # "el cáncer ya le llegó a los huesos"
    return out


def _fold_accents(word: str) -> str:
    from policies.moderation.features import fold

    return fold(word)


def _verb_opens(text: str, start: int, word: str) -> bool:
    """The PHI screen's test: a Spanish verb form opening a "¿"/"¡" sentence, no verb after
    it ("¡Aprovechen la vacuna ...!" is nobody named Aprovechen); False without the screen."""
    parts = phi_parts()
    return parts is not None and parts.spanish_verb_opens(text, start, word)


def _es_named(text: str, findings: Sequence[Any], known: Container[str]) -> list[str]:
    """People named in a Spanish comment: the screen's names (whatever tie it saw) and
    capitalised words inside a sentence that are no ordinary word, or opening one with
    what happens to them after ("¡Aprovechen la vacuna ...!" is a verb: _verb_opens),
    without a clinician's title before them (the provider gives the care)."""
    spans = [getattr(f, "text", "") for f in findings if getattr(f, "category", "") == "name"
             and "public" not in getattr(f, "rule", "")]
    spans = [w for s in spans for w in s.split() if w[:1].isupper()]
    spans += [m.group("name") for m in _MID_CAPITAL.finditer(text)]
    spans += [m.group("name") for m in _OPENING_NAME.finditer(text)
              if not _verb_opens(text, m.start("name"), m.group("name"))]
    out = []
    for name in dict.fromkeys(spans):
        word = name.strip(" .,!?¡¿'\"")
        low = word.lower()
        if len(word) < 3 or low in known or _fold_accents(low) in known \
                or low in _ES_NOT_NAMES or _provider(word, text) \
                or kept_health(word)[0] or _HEALTH_ES.fullmatch(low) or lx.HEALTH_RE.fullmatch(low):
            continue
        out.append(word)
    return out


def _zero() -> dict[str, tuple[float, str]]:
    return {"phi": (0.0, ""), "self_disclosure": (0.0, "")}


def score(plain: str, text: str, findings: Sequence[Any],
          known: Container[str] = frozenset(), selling: bool = False
          ) -> dict[str, tuple[float, str]]:
    """``{"phi": (score, reason), "self_disclosure": (score, reason)}``; at most one non-zero.
    ``selling``: the classifier reads the comment as spam beyond doubt, so a way to reach the
    seller is no identifier of anyone whose health it tells, when nobody's health is told,
    every health word is a device on sale and every care word the reader's ("your clinic"): a
    condition or a medicine is someone's more often than it is sold ("Type 1 diabetic here,
    extra sensors cheap", "Unused Truvada, filled twice"; selling.py)."""
    # the screen's self-disclosure findings, kept when they name a health or care term (it
    # also reports everyday words a patient might use: "check", "shot")
    screen_health = [t for t in (getattr(f, "text", "") for f in findings
                                 if getattr(f, "rule", "") == "self_disclosure")
                     if _is_health(t.lower())]
    if not findings and not (_FIRST.search(plain) or _OMITTED_SUBJECT.search(plain)
                             or _HOUSEHOLD_RE.search(plain) or _THIRD_PERSON.search(plain)
                             or _DEFINITE_THIRD.search(text) or "@" in text
                             or _TITLED_NAME.search(text) or _NAMED_RELATIVE.search(text)
                             or _ES_OWNER_WORD.search(plain)):
        return _zero()  # nobody whose health it could be: skip the vocabulary look-up
    # a health word said of a thing, a topic or a season is nobody's health (senses.py)
    plain, text = senses.masked(plain, text)
    # the screen's own self-disclosure words go where senses.py blanked them too ("where do I
    # find the sports physical form?": a topic, nobody's care)
    screen_health = [t for t in screen_health
                     if re.search(rf"(?<!\w){re.escape(t.lower())}(?!\w)", plain)]
    kept_conditions, kept_care = kept_health(text)
    strong = (_has(lx.STRONG_HEALTH_RE, plain) + _has(_HEALTH_ES, plain)
              + list(kept_conditions))
    # a two-letter condition ("MS", "RA") only in capitals, as kept_health reads it: "Ms.
    # Tonya" is a title
    strong = [t for t in strong if len(t) > 2 or t.upper() in text]
    health = strong + [t for t in lx.health_terms(plain) if len(t) > 2 or t.upper() in text] \
        + [t.lower() for t in screen_health]
    care = _care_words(plain) + list(kept_care)
    record_ids = [f for f in findings if getattr(f, "category", "") in _CARE_IDENTIFIERS
                  and getattr(f, "severity", "") == "block"]
    if not health and not care and not record_ids:
        return _zero()
    about = _quote(health or care or ["a record number"])
    # "check", "seen", "results" alone are too common to tie an identifier to care
    firm_care = [c for c in care if c not in _VERB_CARE]
    identifiers = [f for f in findings if getattr(f, "category", "") in IDENTIFIER_CATEGORIES
                   and (getattr(f, "severity", "") == "block"
                        or getattr(f, "category", "") == "geographic"
                        and _STREET.search(getattr(f, "text", "")))
                   and (getattr(f, "category", "") not in _NEEDS_DIGIT
                        or any(c.isdigit() for c in getattr(f, "text", "")))]
    contacts: set[str] = set()
    if selling and only_goods(plain, strong) and only_the_readers(plain, care) and \
            _nobodys_health(plain, text, findings, [*strong, *health, *care], screen_health):
        identifiers = [f for f in identifiers if not seller_contact(text, f)]
        # a handle is the seller's only where every mention of it is a contact ("@jo is on
        # Truvada ... DM @jo" is not)
        mentions: dict[str, list[bool]] = {}
        for m in _HANDLE.finditer(text):
            mentions.setdefault(m.group(0), []).append(
                seller_contact(text, (m.start(), m.end())))
        contacts = {handle for handle, calls in mentions.items() if all(calls)}
    birth = _birth_date(text)
    if birth and not identifiers:  # a date the text calls a birth date, whatever the screen saw
        identifiers = [SimpleNamespace(category="date", text=birth.group(0))]
    if identifiers and (health or firm_care or record_ids):
        kinds = sorted({getattr(f, "category", "") for f in identifiers})
        return {"phi": (0.9, f"Pairs an identifier ({', '.join(kinds)}) with health or care "
                             f"details ({about})."),
                "self_disclosure": (0.0, "")}
    household = bool(_HOUSEHOLD_RE.search(plain))
    first = bool(_FIRST.search(_KNOWING_ME.sub(" ", _CONTACT_ME.sub(" ", plain)))) or bool(
        _OMITTED_SUBJECT.search(plain))
    mine = _owned(plain, [*strong, *health], _MY_OWNER)
    # the commenter's own or household's story, with nobody else said to own the health
    # (his or her health in a household story is the household member's: "my son broke his
    # wrist"; your health is never the commenter's)
    own_story = (first or household or mine) and not _owned(plain, strong, _SECOND_OWNER) \
        and (household or not _owned(plain, strong, _OTHER_OWNER))
    tied, others, relatives = _person_names(findings, known)
    # a relative counts where the health told is theirs ("Karen's husband has cancer"), not
    # a care word nearby ("Karen's husband drives me to chemo", "runs the pharmacy")
    tied += [r for r in relatives if _relatives_health(r, text, health)]
    # an @-tagged reader beside services or the commenter's own health is not a patient
    tagged = tags.tag_spans(text)
    release_tags = tags.addressed(text, tagged) and tags.tag_released(plain, [*health, *care])
    if release_tags:
        tied = [n for n in tied if not tags.in_tag(n, text, tagged)]
        others = [n for n in others if not tags.in_tag(n, text, tagged)]
    if PROVIDERS_ARE_NOT_PATIENTS:
        tied = [n for n in tied if not _gives_or_shares_care(n, text, health, own_story)]
        others = [n for n in others if not _gives_or_shares_care(n, text, health, own_story)]
    else:
        # a titled clinician is the patient unless every health word is the commenter's own
        terms = [t for t in health if t not in _CARE_VERBS]
        # names the screen read already, or judged public figures ("Dr. Fauci")
        seen = tied + others + [getattr(f, "text", "") for f in findings
                                if "public" in getattr(f, "rule", "")]
        tied = [n for n in tied if not _provider(n, text)
                or _provider_is_patient(n, text, plain, terms, tied=True)]
        others = [n for n in others if not _provider(n, text)
                  or _provider_is_patient(n, text, plain, terms, tied=False)]
        for m in _TITLED_NAME.finditer(text):  # titled names the screen did not report
            n = m.group("name")
            if not any(n in s or s in n for s in seen if s) \
                    and _provider_is_patient(n, text, plain, terms, tied=False):
                others.append(n)
    if contacts:  # the seller's own handle: "DM @slimfast_rx", "contact her on telegram @x"
        tied = [n for n in tied if n.split()[0] not in contacts]
        others = [n for n in others if n.split()[0] not in contacts]
    if tied and (health or firm_care):
        return {"phi": (0.85, f"Names or shows someone ({_quote(tied)}) next to their health "
                              f"or care ({about})."),
                "self_disclosure": (0.0, "")}
    handles = [] if release_tags else _has(_HANDLE, text)
    if PROVIDERS_ARE_NOT_PATIENTS:
        handles = [h for h in handles if not _gives_or_shares_care(h, text, health, own_story)]
    handles = [h for h in handles if h not in contacts]
    names = others + handles + [m.group("name") or m.group("before")
                                for m in _NAMED_RELATIVE.finditer(text)]
    if names and (strong or screen_health):  # "@eatclean.daily ... healthy" is not PHI
        return {"phi": (0.8, f"Names or tags someone ({_quote(names)}) next to health "
                             f"details ({about})."),
                "self_disclosure": (0.0, "")}
    if strong and (_mostly_spanish(text) or language.spanish(text)):
        theirs = _es_third_owned(plain, strong)
        named = _es_named(text, findings, known) if strong else []
        # ... or right after the name: "José tiene cáncer", "Rosa salió positiva de VIH"
        subjects = [n for n in named if _ES_NAME_UNDERGOES.match(text, text.find(n) + len(n))
                    and _health_is_theirs(n, text, [t for t in strong if len(t) > 3])]
        theirs += [t for t in strong if subjects]
        named = subjects or (named if theirs else [])
        if named and theirs:
            return {"phi": (0.75, f"Tells the health of someone named ({_quote(named)}): "
                                  f"\"su\"/\"le\" ties {_quote(theirs)} to them."),
                    "self_disclosure": (0.0, "")}
    someone_else = bool(_ACQUAINTANCE_RE.search(plain) or _INDEFINITE_RE.search(plain)
                        or bool(_BARE_PEER.search(text)) and not _SINGLED_OUT.search(text))
    definite_third = bool(_DEFINITE_THIRD.search(text))
    if strong and not household and not mine and (
            definite_third and (not first or _third_owned(plain, strong))
            or not first and not someone_else and _third_person(
                plain, lambda: not (_DE_NAME.search(text) or _es_named(text, findings, known)))):
        return {"phi": (0.7, f"Describes someone else's health ({about}); people around "
                             f"them can tell who it is."),
                "self_disclosure": (0.0, "")}
    if someone_else and not household and not mine:
        return _zero()  # an acquaintance or nobody in particular, unnamed: no one identified
    if first or household or screen_health or mine:
        if "?" in plain and health and all(_OTC.fullmatch(t) for t in health):
            # "how much ibuprofen can I give her?": asking about a common medicine's dose
            # tells no condition (a fever or a rash named beside it would)
            s = 0.35
        elif strong or (health and household):
            s = 0.75
        elif health and (mine or household or _EXPERIENCE.search(plain)):
            s = 0.6  # a symptom word ("dizzy", "stomach") the commenter says is theirs
        elif health:
            s = 0.35
        elif care and all(_PLACE_OF_CARE.fullmatch(c) for c in care) \
                and ("?" in plain or senses.opens_as_request(plain)) \
                and not _EXPERIENCE.search(plain):
            # only where care is given, asked about ("Can we bring siblings to the flu
            # clinic?"), nothing the commenter had ("was", "went", "got"): no care is told.
            # Scored 0.35 (under the threshold) before, a score the writers' heads trained
            # on eight writers read up to 0.5-0.7 (issue 13)
            return _zero()
        else:  # care words only: a visit the commenter says they had, or just a question
            s = 0.55 if _EXPERIENCE.search(plain) and "?" not in plain else 0.35
        who = "someone in their family" if household and not mine else "themself"
        return {"phi": (0.0, ""),
                "self_disclosure": (s, f"The commenter shares health or care details about "
                                       f"{who} ({about}). A reply must not confirm they are "
                                       f"a patient.")}
    return _zero()


def _nobodys_health(plain: str, text: str, findings: Sequence[Any], terms: Sequence[str],
                    screen_health: Sequence[str]) -> bool:
    """No health or care word in the comment is anyone's: none owned by the commenter, a
    household member or someone spoken of ("my", "his", "my son"; an advertisement's "your"
    is its reader's, whoever reads it: "your clinic", "your joints"), no relative
    named, no first-person health the screen read ("I was pregnant"), and no person the
    screen named with a block (a seller's handle aside): what is sold, not whose it is."""
    if screen_health or _HOUSEHOLD_RE.search(plain) or _NAMED_RELATIVE.search(text):
        return False
    if _owned(plain, terms, _MY_OWNER) or _owned(plain, terms, _THIRD_OWNER):
        return False
    return not any(getattr(f, "category", "") == "name" and getattr(f, "severity", "") == "block"
                   and not getattr(f, "rule", "").startswith("handle")
                   and getattr(f, "rule", "") != "self_disclosure" for f in findings)


# "el" after "sobre" or "contra" heads a topic ("la charla sobre el asma", "la vacuna contra
# el VPH"), not the person a story is about
_TOPIC_BEFORE = re.compile(r"\b(?:sobre|contra|acerca de)\s+$")


def _third_person(plain: str, nobody_named: Callable[[], bool]) -> bool:
    """Someone else is spoken of: "he", "ella", "el señor", or "el" before a word the lists
    do not know as a thing; where ``nobody_named()`` (asked only then: the Spanish name
    finder's cost), not an "el" after "sobre" or "contra" (a topic). Where someone is named,
    that "el" still counts: an outside review of session 30 found "Don <name> sigue en la
    lucha contra el Parkinson" and "saben sobre el VIH de <name>" released by a first version
    that skipped it always. Any preposition was measured and withdrawn: "por el infarto",
    "tras el trasplante" follow a named person's story (22 labelled hides lost, 22 false ones
    fixed)."""
    for m in _THIRD_PERSON.finditer(plain):
        if m.group(0).strip() != "el" or not _TOPIC_BEFORE.search(
                plain, max(0, m.start() - 10), m.start()) or not nobody_named():
            return True
    return False


def _quote(words: Sequence[str], limit: int = 3) -> str:
    uniq = list(dict.fromkeys(w.strip() for w in words if w.strip()))[:limit]
    return ", ".join(f'"{w}"' for w in uniq)
