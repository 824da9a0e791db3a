"""Street addresses and PO boxes, parsed by usaddress."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

from .allow import PhiAllowList
from .findings import BLOCK, WARN
from .hits import Hit
from .lazy_pattern import lazy
from .owner import PERSONAL_CUE, I, owner, sentence_around

# --- street addresses (usaddress) ------------------------------------------------------

_STREET_PARTS = (
    "AddressNumber",
    "AddressNumberPrefix",
    "AddressNumberSuffix",
    "StreetName",
    "StreetNamePreDirectional",
    "StreetNamePreModifier",
    "StreetNamePreType",
)
_STREET_LABELS = {
    *_STREET_PARTS,
    "StreetNamePostDirectional",
    "StreetNamePostModifier",
    "StreetNamePostType",
    "OccupancyType",
    "OccupancyIdentifier",
    "SubaddressIdentifier",
    "SubaddressType",
    "PlaceName",
    "StateName",
    "ZipCode",
    "USPSBoxType",
    "USPSBoxID",
}
_STREET_WORDS = (
    r"(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr(?!\.?\s+[A-Z])|drive|ln|lane|ct|court|way|pl|place|"
    r"ter|terrace|pkwy|parkway|hwy|highway|cir|circle|trl|trail|sq|square|loop|row|run|pike|"
    r"path|crossing|xing|plaza|plz|alley|aly|ridge|rdg|view|pt|point|cove|cv|creek|"
    r"estates?|gardens?|heights|hts|hills?|manor|park|walk|pass|grove|bend|harbor|fork|"
    r"green|glen|village|vista|mews|landing|summit|crest|commons|route|rte|"
    # the rest of the USPS street suffixes (Publication 28, appendix C1)
    r"field|fields|flats?|meadows?|mills?|orchard|oval|port|prairie|ranch|shoals?|shores?|"
    r"springs?|station|stream|turnpike|valley|ways|wells?|branch|brook|burg|camp|canyon|cape|"
    r"causeway|center|cliffs?|club|common|corners?|course|courts|crescent|curve|dale|dam|divide|"
    r"expressway|extension|falls|ferry|ford|forest|forge|freeway|gateway|haven|hollow|inlet|"
    r"island|isle|junction|key|knolls?|lakes?|land|lights?|lock|lodge|mall|motorway|mount|"
    r"mountain|neck|overpass|pines|plains?|radial|ramp|rapids?|rest|skyway|spur|throughway|"
    r"trace|track|trafficway|tunnel|underpass|union|viaduct|villas?|port|ports)"
)
# a unit of a building: "apt 2", "Unit 4B", "Suite 300", "# 3"
_UNIT_WORDS = r"(?:apt|apartment|unit|suite|ste)"
_UNIT = _UNIT_WORDS + r"\.?\s*#?\s*(?:\d{1,5}[A-Za-z]?|[A-Za-z]\d{0,4})\b"
_STREET_TYPE = lazy(r"^" + _STREET_WORDS + r"\.?,?$", I)
# Where an address may start: a number, a few words, then a street suffix; a PO box; or a
# number followed within a line by a state and ZIP code.
_ADDRESS_START = lazy(
    # ("20 years with Cedar Hollow": a number counting something is no house number; nor is
    # one measuring time or a dose, "done in 10 min flat", or a range, "ages 6 to 12" ("Second
    # Street" and "ML King Jr Way" are streets: a code review's catch, session 25). "N of"
    # stays a possible start: "trailer 9 of sunny acres", written in lower case as comments
    # are, is a home (an outside review's probes, session 25))
    r"(?<![\w:/.\-])\d{1,6}[A-Za-z]?\s+(?!(?:years?|yrs?|months?|(?-i:mos?)|weeks?|wks?|days?|"
    r"hours?|hrs?|minutes?|mins?|seconds|secs?|percent|times|people|patients|families|kids|"
    r"children|babies|members|volunteers|miles|pounds|lbs|(?-i:oz|kg|mg|ml)|steps|doses|shots|"
    # a weight or a distance no street is named with, in lower case: "a 60 lb kid" ("mile",
    # "pound", "ft" name streets in lower case too: "8 mile rd", "88 pound ridge rd", "ft
    # meade rd": an outside review, session 38)
    r"(?-i:lb|km)|"
    r"vaccines|visits|to|or|and|out)\b)"
    r"(?:[A-Za-z0-9.'\u2019\-]+,?\s+){0,5}?"
    + _STREET_WORDS
    + r"\b"
    # a street with no suffix, named by its direction ("1412 N. Elm") or given with a unit
    # ("310 Pine, apt 2"); a unit before the number ("Unit 4B, 88 Bay Rd") (session 47)
    r"|(?<![\w:/.\-])\d{1,6}[A-Za-z]?\s+(?-i:[NSEW]\.?\s+(?!Carolina|Dakota)[A-Z][a-z]+)\b"
    r"|(?<![\w:/.\-])\d{1,6}[A-Za-z]?\s+(?-i:[A-Z][a-z]+),?\s+(?:[A-Z][a-z]+,?\s+)?"
    + _UNIT
    + r"|\b" + _UNIT + r",?\s+(?=\d{1,6}\s+[A-Za-z])"
    r"|\bP\.?\s?O\.?\s+Box\b"
    r"|(?<![\w:/.\-])\d{1,6}\s+[A-Za-z][^\n!?]{0,80}?\b[A-Z]{2}\s+\d{5}\b",
    I,
)


def addresses(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    """usaddress parses a window from each likely start; an address is the run of address
    labels from its first token (the house number or PO box)."""
    done = pos = 0
    while (m := _ADDRESS_START.search(text, pos)) is not None:
        pos = m.end()
        head = _NUMBER_HEAD.match(text, m.start())
        if head and _COUNTED_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            # a course's count, not a house: look again right after the number, where the
            # real house number may start ("Session 4 at 1418 Wren Ct": an outside review;
            # a PO box starts with no number and is never a count)
            pos = head.end()
            continue
        if m.start() < done:
            continue
        import usaddress

        window = _WINDOW_END.split(text[m.start() : m.start() + 140], maxsplit=1)[0]
        for hit in _chunk_addresses(text, m.start(), window, allow, usaddress.parse):
            done = max(done, hit.end)
            yield hit


# a number that counts a course along, not a house: "Day 30 of home PT", "Week 6 of chemo",
# "round 3 of 6", "Session 4 at ..."
# Nouns only: "visit", "step", "match" are verbs too ("will visit 1418 Wren Ct", an outside
# code review), and "number", "No." and "#" write house numbers ("No. 9 Larkspur Lane")
_COUNTED_BEFORE = lazy(r"\b(?:day|week|month|year|round|cycle|session|dose|chapter|stage|"
                       r"phase)\s*$", I)
_NUMBER_HEAD = lazy(r"\d+")
# (not after a direction's initial: "1412 N. Elm and ...")
_WINDOW_END = lazy(r"[\n!?]|(?<!\s[NSEW])\.\s+(?=[A-Z][a-z]+\s+[a-z])")


def _chunk_addresses(
    text: str, offset: int, chunk: str, allow: PhiAllowList, parse: Callable
) -> Iterator[Hit]:
    cursor, tokens = 0, []
    for token, tag in parse(chunk):
        start = chunk.find(token, cursor)
        if start < 0:
            continue
        cursor = start + len(token)
        tokens.append((offset + start, offset + cursor, token, tag))
    i = 0
    while i < len(tokens):
        is_box = tokens[i][3] == "USPSBoxType" and re.search(r"box|^p\.?o\.?$", tokens[i][2], I)
        unit_first = _unit_before_number(tokens, i)
        if tokens[i][3] != "AddressNumber" and not is_box and not unit_first:
            i += 1
            continue
        j = i + 2 if unit_first else i
        while (
            j + 1 < len(tokens)
            and tokens[j + 1][3] in _STREET_LABELS
            and _continues(tokens[j], tokens[j + 1])
        ):
            j += 1
        run = tokens[i : j + 1][:14]
        # a lowercase word after the comma is the sentence going on, not a city ("30 Elm St,
        # on Saturday"; "45 School Street, after her stroke")
        while len(run) > 1 and run[-1][3] in ("PlaceName", "StateName") and re.fullmatch(
                r"[a-z]+[,.]?", run[-1][2]):
            run = run[:-1]
        run = _without_trailing_words(run)
        tags = {t[3] for t in run}
        names = [t for t in run if t[3] == "StreetName"]
        has_street = "StreetName" in tags and (
            any(t[3] == "StreetNamePostType" and _STREET_TYPE.match(t[2]) for t in run)
            # the CRF sometimes tags the suffix as part of the name ("Maple Court," Name)
            or any(_STREET_TYPE.match(t[2]) for t in names[1:])
            or any(t[3] == "ZipCode" and re.fullmatch(r"\d{5}(?:-\d{4})?[,.]?", t[2]) for t in run)
            or _named_by_direction_or_unit(run)
        )
        if has_street or (is_box and "USPSBoxID" in tags):
            start, end = run[0][0], run[-1][1]
            while end > start and text[end - 1] in ",.;:!?":
                end -= 1
            yield from _address_hit(text, start, end, allow)
        i = j + 1



_UNIT_TOKEN = lazy(r"^" + _UNIT_WORDS + r"\.?,?$", I)
_UNIT_ID = lazy(r"#?(?:\d{1,5}[A-Za-z]?|[A-Za-z]\d{0,4})[,.]?")


def _unit_before_number(tokens: list[tuple], i: int) -> bool:
    """ "Unit 4B, 88 Bay Rd": the unit written first belongs to the address that follows."""
    return (
        i + 2 < len(tokens)
        and tokens[i][3] == "OccupancyType"
        and bool(_UNIT_TOKEN.match(tokens[i][2]))
        and tokens[i + 1][3] == "OccupancyIdentifier"
        and tokens[i + 2][3] == "AddressNumber"
    )


def _named_by_direction_or_unit(run: list[tuple]) -> bool:
    """A street with no suffix is still a street when the run gives its direction before a
    capitalised name ("1412 N. Elm") or a unit of it ("310 Pine, apt 2"): a house number and
    a name alone ("12 Apostles") are not (session 47)."""
    labels = [t[3] for t in run]
    if "AddressNumber" not in labels:
        return False
    at = labels.index("AddressNumber")
    rest = run[at + 1 :]
    directed = (len(rest) >= 2 and rest[0][3] == "StreetNamePreDirectional"
                and re.fullmatch(r"[NSEW]\.?", rest[0][2]) is not None
                and rest[1][3] == "StreetName" and rest[1][2][:1].isupper())
    unit = any(
        a[3] == "OccupancyType" and _UNIT_TOKEN.match(a[2])
        and b[3] == "OccupancyIdentifier" and _UNIT_ID.fullmatch(b[2])
        for a, b in itertools.pairwise(run)
    )
    return directed or unit


def _without_trailing_words(run: list[tuple]) -> list[tuple]:
    """usaddress runs a suffixless street name on into the sentence ("1412 N. Elm and his"):
    lowercase name words after a capitalised one are the sentence, not the street."""
    while (len(run) > 2 and run[-1][3] in ("StreetName", "StreetNamePostType")
           and run[-1][2][:1].islower()
           and not _STREET_TYPE.match(run[-1][2])
           and any(t[3] == "StreetName" and t[2][:1].isupper() for t in run[:-1])):
        run = run[:-1]
    return run


def _continues(this: tuple, nxt: tuple) -> bool:
    """An address goes on across a comma, within one component, or along street-line order."""
    directional = re.fullmatch(r"[NSEW]\.|[NS][EW]\.", this[2])  # "3300 N. 5th Street"
    if (this[2].endswith(".") and not directional) or this[3] == "ZipCode":
        return False
    if nxt[3] == "OccupancyIdentifier" and not re.search(r"\d|^[A-Za-z],?$", nxt[2]):
        return False  # "Suite 4 or call": "or" is no unit number
    return (
        this[2].endswith(",")
        or nxt[3] == this[3]
        or (this[3] in _STREET_PARTS and nxt[3].startswith("StreetName"))
        or (this[3] == "StateName" and nxt[3] == "ZipCode")
        or (this[3] == "PlaceName" and nxt[3] == "StateName")  # "Dayton OH 45402"
        # "77 Spruce Apt 5": a unit straight after a suffixless name
        or (this[3] == "StreetName" and nxt[3] == "OccupancyType"
            and _UNIT_TOKEN.match(nxt[2]) is not None)
        or (this[3] == "StreetNamePostType" and nxt[3] == "OccupancyType")
        or (this[3] in ("OccupancyType", "USPSBoxType"))
    )


def _address_hit(text: str, start: int, end: int, allow: PhiAllowList) -> Iterator[Hit]:
    """A street address blocks when its sentence ties it to a person ("lives at", "her");
    otherwise it is most likely the practice's or an event venue, and a person checks it."""
    if allow.allows_address(text[start:end]):
        return
    sentence = sentence_around(text, start, end)
    # a named venue, possibly with a room of it ("at Lincoln Elementary's gym, 45 School St"),
    # but not someone's home ("at Jane's house, 12 Elm St")
    venue = re.search(r"\b(?:at|of|in|inside|outside)\s+(?:the\s+)?(?:[A-Z][\w'’&.-]*[,\s]\s*)"
                      r"{1,6}(?:(?!(?:house|home|apartment|apt|place|condo|trailer|unit)\b)"
                      r"[a-z]+[,\s]\s*){0,2}$", text[max(0, start - 60) : start])
    if not venue and not re.search(r"\b(?:apt|apartment|unit|lot|trailer)\b\.?\s*#?\s*\w|#\s*\d",
                                   text[start:end + 20], re.I) and (
            named := _VENUE_BEFORE.search(text, max(0, start - 60), start)):
        # a building's name right before the address ("St. Columba's Parish Hall, 18 Vine
        # St", "Cary Library, 107 Main St"), not a person's ("Jane Hall, 12 Elm St"):
        # session 55
        from .candidates import venue_name  # candidates reads this module's neighbours

        venue = venue_name(text, named.start("v"), named.end("v"), institution=True)
    yield Hit("geographic", start, end, *_verdict(text, start, end, sentence, bool(venue)))


# a capitalised run ending in a building's noun, then a comma, right before the address
_VENUE_BEFORE = lazy(r"(?P<v>(?-i:[A-Z][\w'’&.-]*)(?:\s+(?-i:[A-Z][\w'’&.-]*)){0,5})\s*,\s*$")


def _verdict(text: str, start: int, end: int, sentence: str,
             venue: bool) -> tuple[str, float, str, str]:
    """Severity, score, rule and reason of a street address that is not allow-listed."""
    if PERSONAL_CUE.search(sentence) and not venue:
        return (BLOCK, 0.85, "usaddress+personal_context",
                "A street address tied to a person can identify where a patient lives")
    # one person's health anywhere in the text, the address not a practice's, event's or
    # venue's: "She just moved into 55 Harbor St. Her dialysis ..." (issue 12, session 47)
    if not venue and tells_ones_health(text) and not _shared_place(text, start, end):
        return (BLOCK, 0.85, "usaddress+person_health",
                "A street address in a text about one person's health or care can identify "
                "the patient")
    if owner(text, start, end) == "practice":
        return (WARN, 0.5, "usaddress+practice_context",
                "This street address reads as the practice's own; add it to the policy's "
                "allow_addresses if it is, remove it if it is a person's")
    return (WARN, 0.6, "usaddress",
            "A street address that is not on the practice's allow-list; if it is a "
            "patient's, remove it")


# One person the text is about: a third-person pronoun (in any case: "She just moved into
# ...", sentence-initial, escaped PERSONAL_CUE, which reads lower case) or an unnamed person
# ("a newcomer", "the man", "our patient"); a group ("our patients", "kids") is not one
_ONE_PERSON = lazy(
    r"\b(?:she|he|her|him|his|hers|herself|himself|"
    r"(?:a|an|the|this|that|one|our|my)\s+(?:(?:new|young|elderly|older|local|little|"
    r"sweet|brave)\s+)?(?:newcomer|man|woman|gentleman|lady|boy|girl|guy|patient|resident|"
    r"neighbou?r|tenant|kid|child|baby|infant|toddler|teen|teenager|senior|veteran|client|"
    r"mom|dad|mother|father|wife|husband|son|daughter|grandma|grandpa|grandmother|"
    r"grandfather))\b",
    I,
)
# Words near an address that make it a shared place, not a home: the practice's ("new
# office at"), an event's or a venue's ("flu shots Saturday at",
# "drop off donations at", "the health fair at", "the pharmacy at", "the hospital at")
_SHARED_PLACE = lazy(
    r"\b(?:office|clinic|practice|located|location|hours|open(?:s|ing)?|closed|"
    r"rsvp|register|registration|sign\s+up|events?|fair|drive|donat\w*|drop[\s-]?off|"
    r"booth|screenings?|shots?|vaccin\w*|free|festival|fundraiser|walk|5k|class(?:es)?|"
    r"workshop|seminar|tickets|parking|entrance|pharmacy|store|shop|hospital|center|centre|"
    r"school|church|library|ymca|market|pantry|"
    # a clinician's workplace: "she sees patients at", "Dr. Reyes joins us at"
    r"patients|joins|joined|welcomes?)\b",
    I,
)


def tells_ones_health(text: str) -> bool:
    """The text tells one person's health or care: one person in it and a health term."""
    from .vocabulary import health_mentions

    return _ONE_PERSON.search(text) is not None and bool(health_mentions(text))


def _shared_place(text: str, start: int, end: int) -> bool:
    """The words just around the address name it a practice, event or venue address."""
    before = text[max(0, start - 60) : start]
    before = before[before.find(" ") + 1 :] if start > 60 else before  # a cut word dropped
    after = text[end : end + 30]
    after = after[: after.rfind(" ")] if len(after) == 30 else after
    # within the address's own sentence: "... home from the hospital. She lives at ..."
    before = _SENTENCE_END.split(before)[-1]
    after = _SENTENCE_END.split(after, maxsplit=1)[0]
    return _SHARED_PLACE.search(before + " " + after) is not None or _WE.search(before) is not None


# the practice speaking before the address ("find us at", "our new office at"); after it, "us"
# is the care the person gets ("started methadone with us")
_WE = lazy(r"\b(?:us|our|we)\b", I)
_SENTENCE_END = lazy(r"[.!?\n](?:\s|$)")


# --- street addresses written the Spanish way (session 54) ---------------------------------
# usaddress reads the English order only ("1520 Elm St"); Spanish posts put the number first
# with "de" ("el 1520 de la Calle Olmo", "al 418 de County Road 391") or after the street's
# name ("Calle Roble 318", "Avenida Juárez núm. 77"). Such an address blocks, as the English
# one does (usaddress+person_health), where the text tells one person's health or care (a
# health word, or the practice's care told in the past: "atendimos a un niño") and the words
# around the address do not make it a shared place (the clinic, an event, a venue).
# Block-only: a Spanish line that does not block gives no finding at all, so the names, care
# words and learned scorer read the text exactly as before (session 52's street lines warned,
# and a warned line changed the scorer's input and lost a must-block: docs/history/phi.md).
_ES_STREET_TYPE = (r"(?:calle|avenida|av\.|avda\.|carretera|calzada|camino|callej[oó]n|"
                   r"privada|cerrada|bulevar|boulevard|blvd\.?|paseo|andador|"
                   r"(?:county|farm|ranch)\s+road|road|street)")
_ES_STREET_NAME = (r"(?-i:[A-ZÁÉÍÓÚÑ0-9][\w'’.-]*)"
                   r"(?:\s+(?:del?\s+(?:la\s+|los\s+|las\s+)?)?(?-i:[A-ZÁÉÍÓÚÑ0-9][\w'’.-]*)){0,3}")
_ES_ADDRESS = lazy(
    # the number first: "el 2210 de la Calle Olmo", "al 418 de County Road 391"
    r"(?<![\w])(?:el|al|del)\s+(?P<n1>\d{1,5}[A-Za-z]?)\s+de\s+(?:la\s+|el\s+)?"
    r"(?P<s1>" + _ES_STREET_TYPE + r"\s+" + _ES_STREET_NAME + ")"
    # the street first: "Calle Roble 318", "Avenida Juárez núm. 77" (a name, not a number,
    # after the street word: "Calle 5 de Mayo" is a name; not a time, "Calle Hidalgo 10 am")
    r"|(?<![\w])(?P<s2>" + _ES_STREET_TYPE + r"\s+(?-i:[A-ZÁÉÍÓÚÑ][\w'’.-]*)"
    r"(?:\s+(?-i:[A-ZÁÉÍÓÚÑ][\w'’.-]*)){0,2}),?\s+(?:#\s*|n[uú]m(?:ero|\.)?\s*|no\.\s*)?"
    r"(?P<n2>\d{1,5}[A-Za-z]?)\b(?!\s*(?::\d|[ap]\.?\s?m\b|hrs?\b|horas\b|de\s+la\s+(?:ma[nñ]ana|"
    r"tarde|noche)|a[nñ]os\b|%|personas\b|pacientes\b))",
    I,
)
# one person the text is about (Spanish): "un señor de 80 años", "a la niña", "don Chuy",
# "su casa"; a group ("las familias", "los pacientes") is not one
_ONE_PERSON_ES = lazy(
    r"\b(?:un|una|el|la|al|este|esta|ese|esa|nuestr[oa])\s+(?:(?:joven|pequeñ[oa]|viejit[oa]|"
    r"nuev[oa])\s+)?(?:señor|señora|señorita|hombre|mujer|muchach[oa]|muchachit[oa]|niñ[oa]|"
    r"nene|nena|beb[eé]|paciente|vecin[oa]|abuel[oa]|abuelit[oa]|ancian[oa]|viejit[oa]|joven|"
    r"adolescente|chic[oa]|mam[aá]|pap[aá]|madre|padre|hij[oa]|espos[oa]|jornalero|"
    r"trabajador(?:a)?|veteran[oa]|residente|reci[eé]n\s+nacid[oa]|embarazada|viud[oa])\b|\buna\s+familia\b|"
    r"\b(?:don|doña)\s+(?-i:[A-ZÁÉÍÓÚÑ])|\bsu\s+casa\b|\bviven?\b",
    I,
)
# A shared place only where the place is the address's own (session 54, after review: "...
# en el 77 de la Calle Sauce; el equipo de la clínica lo atendió" is a patient's home, the
# clinic being named nearby). Place nouns count written onto the address: before it ("la
# clínica de la Calle X", "en el salón comunitario, Calle Y", "Clínica San José, Calle Y",
# "la escuela está en ...") or in apposition right after it ("..., en el estacionamiento de
# la iglesia", "..., frente al parque").
_PLACE_ES = (r"(?:cl[ií]nicas?|consultorios?|oficinas?|sucursal|sede|estacionamiento|entrada|"
             r"farmacias?|tiendas?|hospital|centro|escuela|iglesia|parroquia|biblioteca|mercado|"
             r"despensa|parque|sal[oó]n|local)")
_LINK_ES = (r"(?:\s*,\s*|\s+(?:-?(?-i:[A-ZÁÉÍÓÚÑ][\w'’.-]*)|de|del|la|el|los|las|en|ubicad[oa]s?|"
            r"est[aá]n?|queda|quedan|ahora|ya|nuev[oa]|comunitari[oa]|municipal|"
            r"p[uú]blic[oa]|parroquial|escolar|(?:que|\w+)\s+est[aá])(?=[\s,]))*\s*")
_PLACE_BEFORE_ES = lazy(r"\b" + _PLACE_ES + r"\b" + _LINK_ES + r"$", I)
_PLACE_AFTER_ES = lazy(r"^\s*,?\s*(?:(?:en|frente\s+a|junto\s+a|a\s+un\s+lado\s+de|al\s+lado\s+de|"
                       r"dentro\s+de|atr[aá]s\s+de|enfrente\s+de|cerca\s+de)\s+)?"
                       r"(?:(?:el|la|los|las|al|del|nuestr[oa]s?)\s+)?" + _PLACE_ES + r"\b", I)
# a venue the list does not name, introduced as the place where something is: "en la
# lavandería de la Calle X", "en el gimnasio, Calle Y" (a home is not a venue: "en la casa de
# la Calle X", "en el tráiler de ...")
_VENUE_BEFORE_ES = lazy(
    r"\ben\s+(?:el|la|los|las)\s+(?!(?:casa|casita|domicilio|hogar|departamento|apartamento|"
    r"depa|tr[aá]iler|traila|cuarto|rec[aá]mara|esquina|cuadra|colonia|barrio|parte|calle|"
    r"n[uú]mero|terreno|patio|ranchito|rancho|vivienda|residencia|familia|mam[aá]|"
    r"abuel[oa])\b)(?-i:[a-záéíóúñü]+)(?:\s+(?-i:[a-záéíóúñü]+))?"
    r"(?:\s*,\s*|\s+(?:de|del|en)\s+(?:la\s+|el\s+)?)$", I)
# an event or activity held there, or the practice's own news (anywhere in the window)
_EVENT_ES = lazy(
    r"\b(?:ubicad[oa]s?|ubicaci[oó]n|horarios?|abiert[oa]s?|abrimos|cerrad[oa]s?|eventos?|"
    r"feria|jornada|campa[nñ]a|inscripci[oó]n|inscr[ií]banse|reg[ií]strese|registro|gratis|"
    r"gratuit[oa]s?|clases?|taller(?:es)?|pl[aá]ticas?|charlas?|colecta|donaci[oó]n(?:es)?|"
    r"folletos?|repart(?:ir|ir[aá]n?|iremos|imos|iendo|en?)|habr[aá]|se\s+realizar[aá]|"
    r"nos\s+mudamos|nuevo\s+local|vis[ií]tenos|encu[eé]ntr(?:anos|enos)|estamos\s+en|"
    r"los\s+esperamos|vengan?)\b",
    I,
)
_CLAUSE_END_ES = lazy(r"[.!?;\n](?:\s|$)")


def spanish_addresses(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    """Street addresses in the Spanish orders usaddress does not read, where they block."""
    for m in _ES_ADDRESS.finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in ",.;:!?'’":
            end -= 1
        number, street = m.group("n1") or m.group("n2"), (m.group("s1") or m.group("s2"))
        street = street.rstrip(",.;:!?'’")
        # the allow-list may write it in either order ("1520 Calle Olmo", "Calle Olmo 1520")
        if any(allow.allows_address(form) for form in (
                text[start:end], f"{number} {street}", f"{street} {number}")):
            continue
        if _tells_ones_care_es(text) and not _shared_place_es(text, start, end):
            yield Hit("geographic", start, end, BLOCK, 0.85, "spanish_address+person_health",
                      "A street address in a text about one person's health or care can "
                      "identify the patient")


def _tells_ones_care_es(text: str) -> bool:
    """One person in the text, and a health word or the practice's care told in the past."""
    from .spanish_cases import CARE_DONE
    from .vocabulary import health_mentions

    return _ONE_PERSON_ES.search(text) is not None and (
        bool(health_mentions(text)) or CARE_DONE.search(text) is not None)


def _shared_place_es(text: str, start: int, end: int) -> bool:
    """The address is a shared place: its own place is named onto it, a venue introduces it,
    or its clause (60 characters before, 40 after) tells an event or the practice's news."""
    before = _CLAUSE_END_ES.split(text[max(0, start - 60) : start])[-1]
    after = _CLAUSE_END_ES.split(text[end : end + 40], maxsplit=1)[0]
    return (_PLACE_BEFORE_ES.search(before) is not None
            or _PLACE_AFTER_ES.search(after) is not None
            or _VENUE_BEFORE_ES.search(before) is not None
            or _EVENT_ES.search(before + " " + after) is not None)
