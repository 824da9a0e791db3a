"""Identifiers that are numbers: checked by their check digit (SSN validity, Luhn, VIN,
GS1, IBAN) or recognised by the label before them ("MRN 00-4471", "member ID: XJ55512")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .allow import PhiAllowList
from .checksums import gs1_ok, iban_ok, luhn_ok, ssn_ok, vin_ok
from .contacts import NANP
from .dates import FOREIGN_MONTH
from .findings import BLOCK, WARN
from .hits import Hit
from .lazy_pattern import lazy
from .owner import I
from .prefilter import gated

# --- numbers with a check digit or a fixed shape ---------------------------------------

_SSN = lazy(r"(?<![\d.-])(\d{3})([- .]?)(\d{2})\2(\d{4})(?![\d-]|\.\d)")
_SSN_CUE = lazy(r"\b(?:ssn|ss#|s\.s\.n\.?|nss|n\.s\.s\.?|social security|social)\b", I)


# An SSN's shape with dashes, 3-2-4, is no phone (3-3-4), date or count: in a text about a
# person's identity or a patient it reads as an SSN (or an ITIN, 9xx) to anyone, valid or not
# ("943-07-5512 was being used by two different patients": a blind set, session 38)
_SSN_SHAPE_CONTEXT = lazy(r"\b(?:identity|identities|identidad|itin|taxpayer|tax id|stolen|"
                          r"theft|fraud|patients?|pacientes?|his|her|hers|su|sus)\b", I)


def ssns(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    for m in _SSN.finditer(text):
        area, sep, group, serial = m.groups()
        cued = bool(_SSN_CUE.search(text[max(0, m.start() - 30) : m.start()]))
        if not ssn_ok(area, group, serial) and not cued:
            if sep == "-" and _SSN_SHAPE_CONTEXT.search(text):
                yield Hit("ssn", m.start(), m.end(), BLOCK, 0.8, "ssn_shape",
                          "A number in a Social Security number's shape, in a text about a "
                          "person, reads as one to anyone")
            continue
        if sep in ("", ".") and not cued:
            continue  # a bare 9-digit run or a dotted one is an SSN only when labelled as one
        yield Hit(
            "ssn",
            m.start(),
            m.end(),
            BLOCK,
            0.95 if cued or sep == "-" else 0.7,
            "ssn",
            "A Social Security number identifies exactly one person",
        )


_DIGIT_RUN = lazy(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
_VIN = lazy(r"\b[A-HJ-NPR-Z0-9]{17}\b", I)
_UDI = lazy(r"\(01\)\s?(\d{14})")
_IBAN = lazy(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_MBI = lazy(
    r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?"
    r"[AC-HJKMNP-RT-Y]{2}\d{2}\b"
)


# Identifiers with a check digit or a fixed shape: (pattern, is this match one?, HIPAA
# category, score, rule, reason).
_CHECKED: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], object], str, float, str,
                      str], ...] = (
    (_VIN, lambda m: re.search(r"\d", m.group(0)) and vin_ok(m.group(0)), "vehicle", 0.95,
     "vin+check_digit", "A vehicle identification number is tied to its owner"),
    (_UDI, lambda m: gs1_ok(m.group(1)), "device", 0.9, "udi+gs1_check_digit",
     "A medical device's unique identifier is tied to the patient who has it"),
    (_IBAN, lambda m: iban_ok(m.group(0)), "account", 0.9, "iban+mod97",
     "A bank account number is tied to one person"),
    (_MBI, lambda m: True, "health_plan", 0.85, "medicare_mbi_format",
     "A Medicare beneficiary identifier identifies one insured person"),
)


def checked_numbers(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    for m in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            imei = len(digits) == 15 and re.search(
                r"imei", text[max(0, m.start() - 20) : m.start()], I
            )
            if imei:
                yield Hit(
                    "device",
                    m.start(),
                    m.end(),
                    BLOCK,
                    0.9,
                    "imei+luhn",
                    "A device's IMEI number is tied to the person who carries it",
                )
            else:
                yield Hit(
                    "account",
                    m.start(),
                    m.end(),
                    BLOCK,
                    0.9,
                    "card_number+luhn",
                    "A payment card number is an account number tied to one person",
                )
    for pattern, valid, category, score, rule, reason in _CHECKED:
        for m in pattern.finditer(text):
            if valid(m):
                yield Hit(category, m.start(), m.end(), BLOCK, score, rule, reason)


# --- labelled identifiers: "MRN 00-4471", "member ID: XJ55512", "expediente #22-0417" ------

_SUFFIX = r"(?:\s*(?:id|no\.?|nbr|num(?:ber)?|#|code)\b\.?)"
_JOIN = r"(?:\s*(?:[:#=,]|is|was|of|number|no\.?|ending(?: in| with)?|\(|-(?=\s)))*\s*-?"
# a letter prefix is part of the ID ("XJ 55512"), but not a lowercase preposition or
# conjunction: "the support group in 2019" gives the year, not a group number "in 2019"
_NOT_PREFIX = r"(?!(?-i:in|on|at|by|to|for|from|since|until|til|and|or|of)\s)"
_ID = (r"(?P<id>(?:" + _NOT_PREFIX + r"[A-Za-z]{1,4}[-\s]?)?#?\d[\dA-Za-z]*"
       r"(?:[-./ ]?[\dA-Za-z]*\d[\dA-Za-z]*){0,4})")


def _es(*phrases: str) -> str:
    """Spanish label words as a pattern: each vowel with or without its accent, ñ or n, any
    run of spaces, so the table below is written in plain words ("número de serie")."""
    accents = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}

    def one(phrase: str) -> str:
        plain = phrase.translate(str.maketrans("áéíóúüñ", "aeiouun"))
        return r"\s+".join("".join(accents.get(c, re.escape(c)) for c in word)
                           for word in plain.split())
    return "|".join(one(p) for p in sorted(phrases, key=len, reverse=True))


# The label words, English and Spanish side by side (the one place to change them). English:
# a pattern as before. Spanish, in plain words (_es), only labels that name a person's health
# or identity record: `es_bare` are labels a number follows by itself ("expediente 220174",
# "póliza AX-4471"); `es_named` ones are a number only when the text says so ("número de
# paciente 4471", "paciente #4471"): "el paciente 1000" is a milestone. `owned` labels (a
# plate, a VIN, a device serial, an account) read a number only with a person as its owner
# in the same words (_owned): "su placa", "la cuenta de la señora", "serie ... del paciente";
# an ambulance's plate, a scanner's serial and a supplier's account are no one's. Generic
# document labels (recibo, factura, solicitud, boleto, orden, receta, certificado, permiso,
# miembro, matrícula, folio) are not read in Spanish: they number raffles, grants, recipes
# and invoices far more often than a patient (second outside review, s49).
@dataclass(frozen=True)
class _Label:
    category: str
    english: str
    es_bare: tuple[str, ...]
    es_named: tuple[str, ...]
    why: str
    owned: bool = False


_LABELS: tuple[_Label, ...] = (
    _Label(
        "mrn",
        r"mrn|m\.r\.n\.?|mr\s?#|med(?:ical)?\.?\s*rec(?:ord)?s?\.?" + _SUFFIX + "?"
        r"|chart"
        + _SUFFIX
        + r"|(?:patient|pt)\.?"
        + _SUFFIX
        + r"|(?:hospital|record|emr|ehr)"
        + _SUFFIX,
        ("expediente", "expediente clínico", "expediente médico", "historia clínica",
         "historial clínico", "historial médico", "registro médico", "mrn"),
        ("paciente", "historia", "historial", "ficha", "chart"),
        "A medical record number points straight at a patient's chart",
    ),
    _Label(
        "health_plan",
        r"(?:member|subscriber|beneficiary|policy|insurance|medicare|medicaid|medi-cal|mbi|"
        r"plan|group|grp|coverage|bcbs|aetna|cigna|humana|kaiser|uhc|tricare)"
        + _SUFFIX
        + r"|(?:medicare|medicaid|medi-cal)(?=\s*(?:is|:|#))|\bcin|member|group|grp",
        ("afiliado", "afiliada", "afiliación", "póliza", "asegurado", "asegurada",
         "beneficiario", "beneficiaria", "derechohabiente", "grupo",
         "número de seguro médico", "credencial del seguro", "tarjeta del seguro",
         # an insurance card's own label, as English "member ID" (session 54; "miembro"
         # alone numbers clubs and raffles and stays unread)
         "id de miembro", "id del miembro", "identificación de miembro"),
        ("seguro", "seguro médico", "plan", "medicaid", "medicare", "medi-cal", "ahcccs",
         "chip", "tricare", "cobertura"),
        "A health plan member or policy number identifies the insured person",
    ),
    _Label(
        "account",
        r"(?:bank\s*|billing\s*|checking\s*|savings\s*)?(?:account|acct|a/c)"
        + _SUFFIX
        + r"?|(?:invoice|statement|routing|card)"
        + _SUFFIX,
        ("cuenta", "cuenta de paciente", "cuenta de facturación", "estado de cuenta",
         "cuenta bancaria"),
        ("tarjeta", "tarjeta de crédito", "tarjeta de débito"),
        "An account number is tied to the person who holds it",
        owned=True,
    ),
    _Label(
        "license",
        r"(?:driver'?s?\s*|drivers\s*|nursing\s*|state\s*)?licen[cs]e(?!\s*plate)"
        + _SUFFIX
        + r"?|\bc?dl"
        + _SUFFIX
        + r"?|(?:passport|certificate|cert|permit|state\s*id)"
        + _SUFFIX
        + "?",
        ("licencia de manejo", "licencia de conducir", "licencia comercial",
         "cdl", "pasaporte", "matrícula consular", "credencial de elector"),
        (),
        "A licence or certificate number identifies its holder",
    ),
    _Label(
        "vehicle",
        r"(?:licen[cs]e\s*plate|plate|tag)" + _SUFFIX + r"?|vin" + _SUFFIX + "?",
        ("placa", "placas", "vin", "número de identificación vehicular"),
        (),
        "A licence plate or vehicle number identifies the vehicle's owner",
        owned=True,
    ),
    _Label(
        "device",
        r"(?:serial|s/n|sn|udi|imei|device|implant|pacemaker|defibrillator|icd|"
        r"insulin\s*pump|pump|cgm|hearing\s*aid|monitor)" + _SUFFIX + r"?",
        ("imei", "serie", "número de serie"),
        ("dispositivo", "aparato", "equipo", "implante", "marcapasos", "desfibrilador",
         "bomba", "bomba de insulina", "monitor", "sensor", "glucómetro", "audífono"),
        "A device serial number is tied to the patient who uses the device",
        owned=True,
    ),
    _Label(
        "other_id",
        r"(?:case|claim|encounter|accession|specimen|sample|lab|rx|prescription|visit|tube|"
        r"confirmation|conf|reference|ref|ticket|requisition|order|referral|auth(?:orization)?)"
        + _SUFFIX,
        (),
        (),
        "A case, claim or reference number can be traced back to one patient",
    ),
)
_LABELLED: tuple[tuple[str, str, str], ...] = tuple(
    (lab.category, lab.english, lab.why) for lab in _LABELS)
_LABELLED_RE = [
    (cat, lazy(r"(?<![\w])(?:" + cue + r")" + _JOIN + _ID, I), why)
    for cat, cue, why in _LABELLED
]

# Spanish: the words número de, or "núm.", "No.", "nro.", "n°", "#", before a label
# ("No. de expediente", "# de póliza") or after it ("paciente No. 4471"); what joins a
# label to its number ("es", ":", "terminado en", "con terminación"); and a label owned by
# a thing named between it and a colon or "es" ("Placa de su camioneta: 7KXR-221",
# "licencia de manejo de Texas número ...")
_NUM_ES = r"(?:n[uú]mero|n[uú]m\.?|nro\.?|no\.|n[°º]\.?|#)"
_PRE_ES = _NUM_ES + r"\s*(?:del?\s+)?(?:(?:su|sus|la|el|tu|mi)\s+)?"
# (owned by someone, "de su", or by a named place, "de Texas"; not "Folio de la convocatoria de
# empleo: ENF-2025-07", a job posting's)
_OF_ES = (r"(?P<of>(?:\s+(?:de\s+(?:su|sus|tu|mi|nuestr[oa]s?)\s+[\w-]+|del?\s+(?-i:[A-ZÁÉÍÓÚÑ])"
          r"[\w-]+|(?:del|de\s+(?:la|el|los|las))\s+[\w-]+)){1,2}"
          r"(?=\s*,?\s*(?::|es\b|n[uú]m|no\.|n[°º]|#|(?:que\s+)?termin)"
          # or straight before a number only an ID is written as: letters and digits mixed,
          # or seven digits ("licencia de manejo de Washington WDL9K2M4X771"; session 54)
          r"|\s+(?-i:(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{6,}|\d{7,})(?![\w-])))?")
_JOIN_ES = (r"(?:\s*(?:[:#=,]|es|era|fue|n[uú]mero|n[uú]m\.|nro\.|no\.|n[°º]\.?|"
            r"terminad[oa]\s+en|(?:que\s+)?termina\s+en|(?:con\s+)?terminaci[oó]n(?:\s+en)?|\(|"
            r"-(?=\s)))*\s*-?")
# not a preposition, article or conjunction taken for a letter prefix ("grupo en 2019"),
# and not an amount or a count ("a cuenta 1500 pesos", "grupo 1200 personas")
_NOT_PREFIX_ES = (r"(?!(?-i:en|de|del|el|la|los|las|y|o|a|al|con|por|para|desde|hasta|su|sus|"
                  r"es|un|una|que|in|on|at|by|to|for|from|and|or|of)\s)")
_ID_ES = (r"(?P<id>(?:" + _NOT_PREFIX_ES + r"[A-Za-z]{1,4}[-\s]?){0,2}#?\d[\dA-Za-z]*"
          r"(?:[-./ ]?[\dA-Za-z]*\d[\dA-Za-z]*){0,4})(?![\w,.]*\s*(?:pesos|d[oó]lares|dlls|"
          r"usd|mxn|%|a[nñ]os|meses|semanas|d[ií]as|horas|minutos|personas|pacientes|"
          r"familias|ni[nñ]os|alumnos|participantes|visitas|consultas)\b)")


def _es_cue(lab: _Label) -> str:
    bare = lab.es_bare
    named = (r"|(?:" + _es(*lab.es_named) + r")(?=\s*(?:" + _NUM_ES + r"))") if lab.es_named else ""
    return (r"(?:" + _PRE_ES + r"(?:" + _es(*bare, *lab.es_named) + r")|(?:"
            + _es(*bare) + r")" + named + r")")


_LABELS_ES = tuple(lab for lab in _LABELS if lab.es_bare or lab.es_named)
_LABELLED_ES_RE = [
    (lab.category, lazy(r"(?<![\w#])(?P<label>" + _es_cue(lab) + r")\b" + _OF_ES + _JOIN_ES
                        + _ID_ES, I), lab.why)
    for lab in _LABELS_ES
]
_YEAR = lazy(r"#?(?:19|20)\d\d")  # "el grupo 2024", "la serie 2025": a year, no number


# the first of a range is a batch, not one person's: "serie SO-1100 a SO-1899" in a recall
_RANGE_AFTER = lazy(r"\s*(?:a|al|hasta|[-–—])\s*(?:[A-Za-z]{1,4}-?)?\d", I)


def _placeholder(ident: str) -> bool:
    """A form's blank or example, not anyone's number: one digit repeated ("000000", "1111")
    or counting up ("123456")."""
    digits = "".join(c for c in ident if c.isdigit())
    return len(set(digits)) == 1 or digits in "1234567890"

# Anyone the practice serves: "nuestro paciente", "nuestra clienta" are theirs, not ours
_SERVED = (r"pacientes?|client[ea]s?|usuari[oa]s?|derechohabientes?|residentes?|afiliad[oa]s?|"
           r"beneficiari[oa]s?|asegurad[oa]s?|miembros?|soci[oa]s?|ni[nñ][oa]s?|beb[eé]s?|"
           r"alumn[oa]s?|familias?|personas?|inscrit[oa]s?|se[nñ]or(?:a|es|as)?|vecin[oa]s?|"
           r"hu[eé]sped(?:es)?")
# the practice's own: "nuestra licencia sanitaria No. ...", "la cuenta de la clínica ...", or
# any of its things in the same clause ("nuestra ambulancia con placas ...", "serie ... de
# nuestro nuevo equipo"), unless that clause names a person the practice serves
_OURS_BEFORE_ES = lazy(r"\bnuestr[oa]s?\s+(?:(?:n[uú]mero|n[uú]m\.|no\.)\s+de\s+)?$", I)
_OURS_IN_CLAUSE = lazy(r"\bnuestr[oa]s?\s+(?!(?:\w+\s+)?(?:" + _SERVED + r")\b)\w", I)
# a clause ends at ; ! ? a line break or a full stop before a capital that no "No.", "Sra."
# or "Dr." abbreviates
_CLAUSE_END = lazy(r"[;!?\n]|(?<!\bno)(?<!\bnúm)(?<!\bnum)(?<!\bsr)(?<!\bsra)(?<!\bdr)"
                   r"(?<!\bdra)(?<!\blic)\.(?=\s+[A-ZÁÉÍÓÚÑ¿¡])", I)
_OURS_OF_ES = lazy(r"\b(?:nuestr[oa]s?(?!\s+(?:" + _SERVED + r")\b)|cl[ií]nicas?|consultorios?|"
                   r"farmacias?|programas?|centros?|hospital(?:es)?|laboratorios?|"
                   r"establecimientos?)\b", I)
_SERVED_LABEL = lazy(r"\b(?:" + _SERVED + r")\b", I)

# An owned label's someone (_owned), the label's own: "su" right before it or in it ("su
# placa", "No. de su cuenta"), an owner it names before a colon ("de su bomba", "del
# paciente", "de don Chuy"), or after the number ("de la señora", "de doña Licha"). "Su"
# elsewhere ("su próxima tomografía ... equipo serie ...") owns nothing.
_SU_BEFORE = lazy(r"\b(?:su|sus|tu)\s+$", I)
# "al dueño de la camioneta con VIN ...": the thing's owner named before its label
_OWNER_BEFORE = lazy(r"\b(?:due[nñ][oa]s?|propietari[oa]s?)\s+del?\s+[^.;:!?]{0,40}$", I)
_PERSON_ES = (r"(?:(?:la|el|los|las|nuestr[oa]s?)\s+)?(?:" + _SERVED + r")\b|don\b|do[nñ]a\b|"
              r"sr(?:a|ta)?\.|(?-i:[A-ZÁÉÍÓÚÑ]\w*\s+[A-ZÁÉÍÓÚÑ])")
_OWNER_OF = lazy(r"\b(?:su|sus|tu|mi)\b|\b(?:de|del)\s+(?:" + _PERSON_ES + r")|"
                 r"\sdel?\s+(?-i:[A-ZÁÉÍÓÚÑ])", I)
_OWNER_AFTER = lazy(r"\s*,?\s*(?:(?:de|del)\s+(?:(?:la|el)\s+)?[\w-]+\s+)?(?:de|del|para)\s+"
                    r"(?:su\b|sus\b|" + _PERSON_ES + r")", I)  # "del carro de su esposo"
_SU_ES = lazy(r"\b(?:su|sus)\b", I)
# what is no identifier after a label: a date ("afiliación: 15/01/2026"), a norm or standard
# ("NOM-004-SSA3-2012", "ISO 9001", "45 CFR 164"), a group plan's number ("grupo 4471 de la
# escuela"), a plate with no letters ("120 segundos"), dental plaque
_DATE_ID = lazy(r"\d{1,2}[-/.]\d{1,2}[-/.](?:\d{2}|\d{4})|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_NORM_ID = lazy(r"(?:nom|nmx|iso|iec|une|ansi|astm|nfpa|ieee|hipaa|cfr)\b", I)
_NORM_AFTER = lazy(r"\s*(?:cfr|u\.s\.c)\b", I)
_GROUP_PLAN_AFTER = lazy(r"\s*,?\s*(?:de|del)\s+(?:(?:la|el|los|las|nuestr[oa]s?|su)\s+)?"
                         r"(?:escuela|empresa|compa[nñ][ií]a|colegio|universidad|distrito|"
                         r"sindicato|patr[oó]n|trabajo|empleador|cooperativa|organizaci[oó]n|"
                         r"iglesia|ciudad|condado|municipio)\b", I)
_PLAQUE = lazy(r"placas?\s+(?:dental|dentales|bacteriana|bacterianas|dentobacteriana)|"
               r"(?:quit|remov|elimin|retir|limpi|combat)\w*\s+(?:la\s+|las\s+)?placa|cepill", I)


# Cheap tests first: a labelled ID holds two digits or more (see the count below) and
# starts with one of the cues (their alternation matches wherever any one of them does).
_TWO_DIGITS = lazy(r"\d\D*\d")
_ANY_CUE = gated(
    r"(?<![\w])(?:" + "|".join(cue for _, cue, _ in _LABELLED) + r")",
    I,
)
_ANY_CUE_ES = gated(
    r"(?<![\w#])(?:" + "|".join(_es_cue(lab) for lab in _LABELS_ES) + r")",
    I,
)


def _min_digits(category: str, ident: str = "") -> int:
    """Digits a labelled number needs: a plate 2; a licence written mostly in letters
    (Washington's older "GARCIMR482PD" shape: name letters, three digits) 3 when eight
    characters or more; any other 4."""
    if category == "vehicle":
        return 2
    if category == "license" and sum(c.isalnum() for c in ident) >= 8:
        return 3
    return 4


def labelled_ids(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    if not _TWO_DIGITS.search(text):
        return
    spans: list[tuple[int, int]] = []
    if _ANY_CUE.search(text):
        for category, pattern, why in _LABELLED_RE:
            for m in pattern.finditer(text):
                ident = m.group("id").rstrip(".-/ ")
                if sum(c.isdigit() for c in ident) < _min_digits(category, ident):
                    continue
                start = m.start("id")
                if category == "device" and series_end(text, start, start + len(ident)):
                    continue  # "lot numbers SN-4410 through SN-4432": a batch, no one's
                spans.append((start, start + len(ident)))
                yield Hit(category, start, start + len(ident), BLOCK, 0.85,
                          f"labelled_{category}", why)
    yield from _labelled_ids_es(text, spans)


def _es_matches(text: str) -> Iterator[tuple[str, re.Match[str], int, int, str]]:
    """(category, match, id start, id end, why) of each number a Spanish label reads."""
    if not _TWO_DIGITS.search(text) or not _ANY_CUE_ES.search(text):
        return
    for (category, pattern, why), lab in zip(_LABELLED_ES_RE, _LABELS_ES, strict=True):
        for m in pattern.finditer(text):
            ident = m.group("id").rstrip(".-/ ")
            end = m.start("id") + len(ident)
            if (sum(c.isdigit() for c in ident) >= _min_digits(category, ident)
                    and not _YEAR.fullmatch(ident) and not _placeholder(ident)
                    and not _RANGE_AFTER.match(text, end)
                    and not _no_identifier(text, m, ident, end, category)
                    and _owned(text, m, ident, end, lab)):
                yield category, m, m.start("id"), end, why


def _no_identifier(text: str, m: re.Match[str], ident: str, end: int, category: str) -> bool:
    """A number after a label that is no one's identifier: a date, a norm, a group plan's
    number, a "plate" with no letters or one a toothbrush removes."""
    if _DATE_ID.fullmatch(ident) or _NORM_ID.match(ident) or _NORM_AFTER.match(text, end):
        return True
    if category == "health_plan" and "grup" in m.group("label").lower():
        return bool(_GROUP_PLAN_AFTER.match(text, end))
    if category == "vehicle" and not _plain(m.group("label")).startswith(("vin", "numero de id")):
        return (not (any(c.isalpha() for c in ident) and any(c.isdigit() for c in ident))
                or bool(_PLAQUE.search(text)))
    return False


def _plain(label: str) -> str:
    return " ".join(label.lower().translate(str.maketrans("áéíóúüñ", "aeiouun")).split())


def _owned(text: str, m: re.Match[str], ident: str, end: int, lab: _Label) -> bool:
    """An owned label (a plate, a VIN, a serial, an account) reads a number only with its
    own owner: "su" before it or in it, a person it names before its colon ("del paciente",
    "de su camioneta") or after the number ("de doña Licha"), or, for a serial, a device
    only a patient wears (worn_device). Other labels: always."""
    return (not lab.owned or _has_owner(text, m, end)
            or (lab.category == "device" and worn_device(text, m.start())))


# A device one patient wears or carries home, named (one of it: "un", "la") just before its
# serial's label: "un audífono Oticon, número de serie ...", "la bomba de insulina con serie
# ...". Its serial is that patient's whoever found it (as English "hearing aid serial ..."
# always reads). A practice's equipment ("nuestro ultrasonido", "el desfibrilador del
# pasillo") is not in the list, nor are many units ("las bombas de insulina con número de
# serie ..."), nor a maker's model or lot in a recall (session 54).
_WORN_DEVICE = (r"aud[ií]fono|aparato\s+auditivo|auxiliar\s+auditivo|bomba\s+de\s+insulina|"
                r"sensor\s+(?:de\s+glucosa|continuo|dexcom|libre|freestyle|guardian)|"
                r"monitor\s+continuo|marcapasos|implante\s+coclear|"
                r"procesador\s+(?:coclear|de\s+sonido)|desfibrilador\s+implantable|"
                r"pr[oó]tesis|cpap|concentrador\s+de\s+ox[ií]geno")
# one of it, perhaps with one word between ("un nuevo marcapasos", "el pequeño audífono"),
# up to 60 characters before the label; a semicolon may fall between when the label opens
# the next clause ("el concentrador de oxígeno de la abuelita ...; número de serie ...")
_WORN_DEVICE_BEFORE = lazy(r"\b(?:un|una|el|la|este|esta|ese|esa)\s+(?:[\w-]+\s+)?(?:"
                           + _WORN_DEVICE + r")\b(?P<gap>[^.;:!?\n]{0,60}?"
                           r"(?:;\s*(?:(?:con|y|el|la|su|tiene)\s+)*)?)$", I)
_RECALL_ES = lazy(r"\b(?:modelos?|lotes?|recall|del\s+mercado|alerta\s+sanitaria|"
                  r"aviso\s+de\s+seguridad)\b", I)
# nobody wears it yet: a new unit, one given away, bought, lent or kept in stock ("Donamos
# una bomba de insulina nueva, serie ...": session 52's outside review; "nos regaló un
# audífono sin usar ..., para el banco de préstamos": session 54's). Read in the serial's
# whole clause, before and after the label.
_UNWORN_ES = lazy(r"\b(?:nuev[oa]s?|sin\s+(?:usar|estrenar|abrir)|en\s+su\s+caja|"
                  r"don(?:amos|aron|ad[oa]s?|aci[oó]n(?:es)?|ativos?|[oó]|an?)|"
                  r"regal(?:amos|aron|ad[oa]s?|[oó]|an?)|compramos|adquirimos|venta|vendemos|"
                  r"inventario|almac[eé]n|banco\s+de\s+(?:equipos?|pr[eé]stamos?)|"
                  r"pr[eé]stamos?|prestad[oa]s?|prestamos|demostraci[oó]n)\b", I)
# "nuevo" is a new unit unless it was just put in a person ("se le colocó un nuevo
# marcapasos a un señor"): fitted, implanted, worn for the first time
_FITTED_ES = lazy(r"\b(?:coloc|implant|estren|adapt|pus(?:o|imos|ieron)\b|"
                  r"recibi[oó]\b|le\s+(?:pusieron|cambiaron|pusimos))", I)
_NEW_ES = lazy(r"\bnuev[oa]s?\b", I)


def worn_device(text: str, start: int) -> bool:
    """A worn device is named just before the serial label at `start`, outside a recall,
    and nothing in its clause says nobody wears it yet."""
    named = _WORN_DEVICE_BEFORE.search(text, max(0, start - 100), start)
    if not named:
        return False
    clause = _clause(text, named.start(), start)
    if _RECALL_ES.search(clause):
        return False
    unworn = [u.group(0) for u in _UNWORN_ES.finditer(clause)]
    if unworn and all(_NEW_ES.fullmatch(u) for u in unworn) and _FITTED_ES.search(clause):
        return True  # a new unit put in a person: the person's
    return not unworn


def _has_owner(text: str, m: re.Match[str], end: int) -> bool:
    label = _plain(m.group("label"))
    return bool(_SU_BEFORE.search(text, max(0, m.start() - 8), m.start())
                or _OWNER_BEFORE.search(text, max(0, m.start() - 60), m.start())
                or (m.group("of") and _OWNER_OF.search(m.group("of")))
                or _SU_ES.search(label) or "paciente" in label or _OWNER_AFTER.match(text, end))


def _labelled_ids_es(text: str, taken: list[tuple[int, int]]) -> Iterator[Hit]:
    """The same labels written in Spanish; a number an English label has read is not read
    twice. A label the practice owns ("nuestra licencia No. ...") warns, for a person to
    check, and does not block."""
    for category, m, start, end, why in _es_matches(text):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        if _practice_own(text, m) and not (category == "device"
                                           and worn_device(text, m.start())):
            yield Hit(category, start, end, WARN, 0.4, f"labelled_{category}+practice",
                      "This number reads as the practice's own; check it is not a patient's")
        else:
            yield Hit(category, start, end, BLOCK, 0.85, f"labelled_{category}", why)


def _practice_own(text: str, m: re.Match[str]) -> bool:
    """The label is the practice's ("nuestra licencia No.", "la cuenta de la clínica"), not
    a person's it serves ("nuestro paciente No.", "la placa de nuestra paciente")."""
    label = _plain(m.group("label"))
    if ((_OURS_BEFORE_ES.search(text, max(0, m.start() - 30), m.start())
         and not _SERVED_LABEL.search(label))
            or (m.group("of") and _OURS_OF_ES.search(m.group("of")))):
        return True
    clause = _clause(text, m.start(), m.end())
    return bool(_OURS_IN_CLAUSE.search(clause) and not _SERVED_LABEL.search(clause)
                and not _has_owner(text, m, m.end()))


def _clause(text: str, start: int, end: int) -> str:
    """The clause around text[start:end]: from the last clause end before it to the next."""
    begin = max((c.end() for c in _CLAUSE_END.finditer(text, 0, start)), default=0)
    after = _CLAUSE_END.search(text, end)
    return text[begin : after.start() if after else len(text)]


def spanish_label_spans(text: str) -> list[tuple[int, int]]:
    """Where a Spanish label that reads a number is written, with what it owns ("Número de
    expediente", "Placa de su camioneta"): words the name finder must not take for a name.
    Only labels that block: where the label reads as the practice's own (a warning), the
    name finder keeps what it read, as before, so no block it gave is lost."""
    return [(m.start("label"), m.end("of") if m.group("of") else m.end("label"))
            for _, m, _, _, _ in _es_matches(text) if not _practice_own(text, m)]


# A date the text labels a date of birth, in any common written form, is a birth date
# whoever it belongs to (HIPAA's date elements): "DOB: 9 Aug 1950", "d.o.b. 08-09-50", "DOB
# 1950-08-09", "fecha de nacimiento 3 de mayo de 1948", "ngày sinh 09/08/1950". The judgement
# (judge.py) reads a labelled date inside a sentence, which a dotted label ends early ("Jim,
# d.o.b. 08-09-50, had ...") and which misses a date the model does not tag ("9 Aug 1950");
# the label itself is enough. A bare "born" is not a label here: it also announces therapy
# dogs' and staff birthdays, which the judgement weighs.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|" + FOREIGN_MONTH
_BIRTH_LABEL = lazy(
    r"(?<![\w.])(?:dob|d\.\s?o\.\s?b\.?|date\s+of\s+birth|birth\s?date|fecha\s+de\s+nacimiento|"
    r"fecha\s+de\s+nac\.?|"
    r"f\.?\s?de\s+nac\.?|fec\.?\s+nac\.?|ng[aà]y\s+th[aá]ng\s+n[aă]m\s+sinh|"
    r"ng[aà]y\s+sinh|sinh\s+ng[aà]y|(?:petsa\s+ng\s+)?kapanganakan|date\s+de\s+naissance)"
    r"\s*[:#=\-–—]?\s*(?:is\s+|was\s+|as\s+|es\s+|:\s*)?"
    r"(?P<d>\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}(?!\d)|"
    # "9-Aug-1950", "ngày 9 tháng 8 năm 1950"
    r"\d{1,2}-(?:" + _MONTH + r")-(?:\d{4}|\d{2})\b|"
    r"(?:ng[aà]y\s+)?\d{1,2}\s+th[aá]ng\s+\d{1,2},?\s+n[aă]m\s+\d{4}\b|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?(?:" + _MONTH + r"),?\s+(?:de\s+|del\s+)?"
    r"(?:\d{4}|'?\d{2})\b|(?:" + _MONTH + r")\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:\d{4}|'\d{2})\b)",
    I)


# ... but not a date nobody was born on: a cut-off for a rule ("if your date of birth is
# 1/1/1960 or later", "fecha de nacimiento 01/01/1960 o antes", "ngày sinh 1/1/1960 trở về
# trước") or a form's example ("Ejemplo: fecha de nacimiento 05/20/1985", "e.g. DOB 01/15/1980"):
# an outside review's probes, session 38
_CUT_OFF_AFTER = lazy(
    # a cut-off word that ends its clause or leads to who qualifies ("1/1/1960 or later,",
    # "o antes pueden entrar"), not "and later moved to Erie" (an outside code review)
    r"[ \t,]{0,3}(?:or|and|o|y|hoặc|hoac|at)\s+(?:on\s+or\s+)?(?:later|earlier|before|after|"
    r"older|younger|antes|despu[eé]s|m[aá]s\s+tarde|posterior(?:es)?|anterior(?:es)?|pataas|"
    r"pababa|bago|pagkatapos|sớm\s+hơn|muộn\s+hơn|som\s+hon|muon\s+hon)"
    r"(?=[ \t]{0,3}(?:[,.;:!?)]|$)|\s+(?:qualif\w*|are|is|can|may|get|gets|receive|need|needs|"
    r"should|start|starts|enter|eligible|pued\w+|califica\w*|tienen|deben|ya|được|duoc|ay|"
    r"puwede|pwede|maaari)\b)|"
    r"[ \t]{0,3}(?:trở\s+về\s+(?:trước|sau)|trở\s+(?:lên|xuống)|tro\s+ve\s+(?:truoc|sau))|"
    r"[ \t]{1,3}(?:onward|onwards|en\s+adelante|pataas|pababa)\b|"
    # a range of dates: "01/01/2020 – 31/12/2022", "1/1/2012 to 12/31/2013", not "- 74 y/o"
    r"[ \t]{0,3}(?:[-–—]|to|through|thru|hasta(?:\s+el)?|al|đến|den|hanggang)[ \t]{0,3}"
    r"\d{1,4}[/.\-]\d{1,2}", I)
# the words a form's example goes by, before the label or set off right after the date
_EXAMPLE_WORDS = r"e\.g|example|sample|ejemplo|modelo|halimbawa|ví\s+dụ|vi\s+du|vd|mẫu"
_GENERIC_BEFORE = lazy(
    # a condition put to the reader ("if your date of birth is ...", "si su fecha de ...")
    r"\b(?:if|whether|si|kung|nếu|neu)\s+(?:\w+\s+){0,2}?(?:your|su|tu|iyong|của\s+bạn|quý\s+vị)\b|"
    r"\b(?:" + _EXAMPLE_WORDS + r"|i\.e|for\s+instance|format|style|mau|mm/dd|dd/mm|mes/d[ií]a|"
    r"born\s+(?:on\s+or\s+)?(?:before|after))\b", I)
# ... or a form's example set off right after the date ("01/01/2000 — halimbawa lang", "(solo
# es un modelo)", "[sample]"); after a comma it is the sentence going on ("..., su modelo de
# silla de ruedas llegó", "..., vd chưa cập nhật": an outside code review)
# ("format" is not one: "d.o.b. 9 Aug 1950 - wrong format in the portal" is a patient's)
_EXAMPLE_AFTER = lazy(r"^[ \t]*[(\[—–:-][ \t]*(?:[\w.]+[ \t]+){0,3}?(?:" + _EXAMPLE_WORDS
                      + r")\b", I)
_HISTORICAL = lazy(r"(?:1[0-8]\d\d)\b")  # a year before 1900: no living patient's birth


def labelled_birth_dates(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    from .candidates import sentence_of  # candidates.py imports this module's neighbours

    for m in _BIRTH_LABEL.finditer(text):
        s, e = sentence_of(text, m.start())
        nobodys = (_HISTORICAL.search(m.group("d")) or _CUT_OFF_AFTER.match(text, m.end("d"))
                   or _GENERIC_BEFORE.search(text, max(s, m.start() - 60), m.start("d"))
                   or _EXAMPLE_AFTER.match(text[m.end("d") : m.end("d") + 30]))
        if nobodys:
            continue
        yield Hit("date", m.start("d"), m.end("d"), BLOCK, 0.85, "labelled_birth_date",
                  "A date the text labels a date of birth is a direct identifier")


_PLATE = lazy(r"(?<![\w-])\d[A-Z]{3}\d{3}(?![\w-])")  # the common US 1ABC234 format


def plates(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    for m in _PLATE.finditer(text):
        yield Hit("vehicle", m.start(), m.end(), BLOCK, 0.75, "plate",
                  "A licence plate identifies the vehicle's owner")


# A product's series, not one person's number (session 53): "serial numbers TR300-5100
# through TR300-5899", "lots SN-4410 to SN-4432", "serials 02110001 through 02113500" in a
# recall. A range names a batch of units; no reader can tie it to one patient, while a
# single serial (one person's pump or implant) still reads as before. Both ends have the
# same shape (the same letters, the same number of digits), the second is the larger, and a
# product's batch word (serial, lot, batch, model, series, range) comes before the first in
# the same sentence. The Spanish labels read "serie SO-1100 a SO-1899" so since session 49
# (`_RANGE_AFTER`); a case, claim or specimen range is not released (each may be a patient's).
_SERIES_ITEM = r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
_SERIES_JOIN = r"[ \t]*(?:through|thru|to|[–—-])[ \t]*"
_SERIES_AFTER = lazy(_SERIES_JOIN + r"(?P<b>" + _SERIES_ITEM + r")(?![\w-])", I)
_SERIES_BEFORE = lazy(r"(?<![\w-])(?P<a>" + _SERIES_ITEM + r")" + _SERIES_JOIN + r"$", I)
_OWNER_BEFORE_SERIES = lazy(r"\b(?:his|her|hers|their|patient'?s|patients'|client'?s|"
                            r"resident'?s|[A-Z][a-z]+'s)\b", I)
# "lot(s) of" is a quantity, never a batch ("a lot of you asked: account 88120045 to ...")
_BATCH_WORD = lazy(r"\b(?:serials?|s/n|sns?|lots?(?!\s+of\b)|batch(?:es)?|models?|series|"
                   r"range)\b[^.;!?\n]{0,60}$", I)


def _token_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "-")


def _shape(token: str) -> str:
    return re.sub(r"\d", "9", token.upper())


def _ascending(a: str, b: str) -> bool:
    """b continues a's series: the same letters and digit count, and a larger number."""
    if _shape(a) != _shape(b) or re.sub(r"\d", "", a.upper()) != re.sub(r"\d", "", b.upper()):
        return False
    da, db = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    return len(da) >= 3 and int(db) > int(da)


def series_end(text: str, start: int, end: int) -> bool:
    """The number at [start, end) is one end of a product's series (see above)."""
    # the whole token the number stands in: a label's letters ("SN-2241") are part of it
    s = end
    while s > 0 and _token_char(text[s - 1]):
        s -= 1
    e = end
    while e < len(text) and _token_char(text[e]):
        e += 1
    token = text[s:e].strip("-")
    if not token or s < start - 8:
        return False
    if series_range(text, s, e):
        return True  # one token, "70000-70999"
    if _OWNER_BEFORE_SERIES.search(text[max(0, s - 80) : s].rsplit(".", 1)[-1]):
        return False  # "our patient's pump, serials ...", "her monitor's lot ...": someone's
    after = _SERIES_AFTER.match(text, e)
    if after and _ascending(token, after.group("b")):
        first = s
    else:
        before = _SERIES_BEFORE.search(text, max(0, s - 40), s)
        if not (before and _ascending(before.group("a"), token)):
            return False
        first = before.start("a")
    return bool(_BATCH_WORD.search(text, max(0, first - 80), first))


def series_range(text: str, start: int, end: int) -> bool:
    """One match that is a whole series ("serial range 40000–40999"), which a phone parser
    can read as ten digits."""
    m = re.fullmatch(r"(\d{4,6})[ \t]*[–—-][ \t]*(\d{4,6})", text[start:end])
    return bool(m and _ascending(m.group(1), m.group(2))
                and _BATCH_WORD.search(text, max(0, start - 80), start))


_LONG_NUMBER = lazy(r"(?<![\w/.:-])#?[A-Za-z]{0,3}\d(?:[- ]?\d){6,}[A-Za-z]?(?![\w/.:-])")


def long_numbers(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    """Unlabelled long numbers: reported for a person to check, never blocking on their own."""
    phone_spans = [m.span() for m in NANP.finditer(text)]
    for m in _LONG_NUMBER.finditer(text):
        if any(s <= m.start() and m.end() <= e for s, e in phone_spans):
            continue  # phone-shaped: the phone recognizers (and allow_phones) decide
        if series_end(text, m.start(), m.end()):
            continue  # a recall's series, "serials TR300-5100 through TR300-5899": no one's
        yield Hit(
            "other_id",
            m.start(),
            m.end(),
            WARN,
            0.3,
            "long_number",
            "A long number with no label may be a patient's identifier; check what it is",
        )
