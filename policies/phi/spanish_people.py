"""One person pointed at in Spanish by kin or by a one-of-a-kind role (session 56, S5).

The English readings find "Marisol Quintero's husband" (a relative) and "the kindergarten
teacher at Washington Elementary", "the only dentist in Siler City" (a role that points at one
person). The same people told in Spanish were found by nothing: the small English model does
not tag "Marisol Quintero" after "El esposo de", and the role readings take English
determiners, nouns and prepositions. Here:

- relative: "el esposo de Marisol Quintero", "la hija de don Ramón", "el nieto de la Sra.
  Ortega", "la esposa del alcalde" (kin of a named person, or of a role one town has one of);
- role: "el único dentista de Siler City", "la única maestra de kínder en Delano" (one by
  definition), "la maestra de la escuela Washington", "el cartero de la oficina de correos",
  and the mixed "the maestra de kínder at Washington Elementary" (a role noun at a named
  or kind of place).

Each is a candidate (candidates.find) judged as the English ones are: with a condition near
it or care in its sentence it blocks, alone it says nothing. A kin noun before a common noun
("la mamá de familia", "los hijos de nuestros pacientes") or a group ("los maestros de") is
nobody in particular."""

from __future__ import annotations

import re

from .lazy_pattern import lazy
from .spelled_numbers import _TEENS, _TENS, _UNITS
from .vocabulary import first_names, surnames

I = re.IGNORECASE  # noqa: E741

_KIN_ES = (r"espos[oa]|marido|hij[oa]|hijit[oa]|niet[oa]|nietecit[oa]|bisniet[oa]|yerno|nuera|"
           r"suegr[oa]|herman[oa]|hermanit[oa]|sobrin[oa]|prim[oa]|t[ií][oa]|abuel[oa]|"
           r"abuelit[oa]|mam[aá]|pap[aá]|madre|padre|novi[oa]|prometid[oa]|beb[eé]|"
           r"cu[nñ]ad[oa]|compadre|comadre|ahijad[oa]|padrino|madrina|pareja|"
           r"mamacita|papacito|viud[oa]|gemel[oa]s?|cuates")
# roles a town has one of, or a school or a shop names one person by
_ROLE_ES = (r"maestr[oa]|profesor(?:a)?|profe|director(?:a)?|subdirector(?:a)?|"
            r"entrenador(?:a)?|coach|pastor(?:a)?|sacerdote|cura|p[aá]rroco|alcalde(?:sa)?|"
            r"sheriff|jef[ea]\s+de\s+(?:polic[ií]a|bomberos)|bomber[oa]|polic[ií]a|"
            r"carter[oa]|due[nñ][oa]|cajer[oa]|panader[oa]|carnicer[oa]|meser[oa]|"
            r"barber[oa]|peluquer[oa]|estilista|chofer|conductor(?:a)?|dentista|"
            r"farmac[eé]utic[oa]|veterinari[oa]|doctor(?:a)?|m[eé]dic[oa]|enfermer[oa]|"
            r"abogad[oa]|juez(?:a)?|bibliotecari[oa]|conserje|secretari[oa]|"
            r"mec[aá]nic[oa]|costurera|cociner[oa]|granjer[oa]|rancher[oa]|"
            r"vendedor(?:a)?|taquer[oa]|paleter[oa]|locutor(?:a)?|concejal(?:a)?|"
            r"comisionad[oa]|gerente|encargad[oa]|mayordom[oa]|capit[aá]n|"
            r"mariachi|sastre|relojer[oa]|florista|fot[oó]graf[oa]|"
            # English role nouns in a Spanish frame: "la coach del equipo", "el principal"
            r"teacher|principal|pastor|mayor|owner|manager")
_NAME_WORD = r"(?-i:[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü'’\-]+)"
_TITLE = (r"(?:don|doña|do[nñ]a|(?:sr|sra|srta|dr|dra|lic|prof|profa)\.?|se[nñ]or|"
          r"se[nñ]ora|se[nñ]orita|doctor(?:a)?|la\s+maestra|el\s+maestro|el\s+profe|"
          r"la\s+profe|el\s+pastor|la\s+pastora)\s+")
_KIN_OF = lazy(
    r"\b(?:el|la|al|del|los|las|a\s+la)\s+(?:(?:peque[nñ][oa]|chiquit[oa]|mayor|menor|nuev[oa]|"
    r"querid[oa]|primer[oa]?|segund[oa]|reci[eé]n\s+nacid[oa])\s+)?(?P<kin>" + _KIN_ES
    + r")\s+(?:(?:mayor|menor|peque[nñ][oa]|chiquit[oa]|reci[eé]n\s+nacid[oa])\s+)?"
    r"(?:de\s+(?:la\s+|el\s+)?(?P<title>" + _TITLE + r")?(?P<name>" + _NAME_WORD
    + r"(?:\s+(?:de\s+(?:la\s+)?)?" + _NAME_WORD + r"){0,2})"
    r"|(?:del|de\s+la)\s+(?P<role>" + _ROLE_ES + r")(?P<more>\s+(?:de|del|en)\s+[\w'’\-]+)?)\b",
    I,
)
# one by definition: "el único dentista de Siler City", "la única partera en el pueblo"
_ONLY = lazy(
    r"\b(?:el|la|al|del|the)\s+(?:únic[oa]|unic[oa]|only)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?P<role>" + _ROLE_ES + r")(?:\s+de\s+[\w\-]+)?\s+(?:de|del|en|at|in|of|from)\s+"
    r"(?:la\s+|el\s+|the\s+)?(?P<place>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD
    + r"){0,2}|pueblo|rancho|condado|ciudad|barrio|colonia|town|county)\b",
    I,
)
_PLACE_KIND = (r"escuela|escuelita|primaria|secundaria|preparatoria|prepa|kinder|kínder|"
               r"kindergarten|iglesia|parroquia|templo|tienda|tiendita|panader[ií]a|"
               r"carnicer[ií]a|farmacia|biblioteca|oficina\s+de\s+correos|correo|"
               r"estaci[oó]n|gasolinera|taquer[ií]a|restaurante|restaurant|mercado|"
               r"mercadito|banco|rancho|f[aá]brica|empacadora|lecher[ií]a|peluquer[ií]a|"
               r"barber[ií]a|sal[oó]n|taller|cooperativa|ayuntamiento|alcald[ií]a|"
               r"corte|cl[ií]nica\s+veterinaria|elementary|middle\s+school|high\s+school|"
               r"school|church|store|shop|bakery|library|post\s+office")
# a role at a named or kind of place: "la maestra de la escuela Washington", "el dueño de la
# panadería La Esperanza", "la maestra de kínder de la escuela Lincoln", and the mixed "the
# maestra de kínder at Washington Elementary"
_AT_PLACE = lazy(
    r"\b(?:el|la|al|del|the|our|nuestr[oa])\s+(?:nuev[oa]\s+|querid[oa]\s+|new\s+)?"
    r"(?P<role>" + _ROLE_ES + r")(?:\s+de\s+(?:kínder|kinder|primer|segundo|tercer|cuarto|"
    r"quinto|sexto|primero|m[uú]sica|arte|ingl[eé]s|español|matem[aá]ticas|ciencias|"
    r"educaci[oó]n\s+f[ií]sica|deportes|f[uú]tbol|b[eé]isbol|la\s+banda|[\w\-]+\s+grado))?"
    r"\s+(?:de|del|en|at|from|of)\s+(?:la\s+|el\s+|the\s+)?(?:(?P<kind>" + _PLACE_KIND
    + r")\b(?:\s+(?:de\s+)?" + _NAME_WORD + r")?|(?P<named>" + _NAME_WORD + r"(?:\s+"
    + _NAME_WORD + r"){0,2})\s+(?i:elementary|middle|high|school|church|store|library|"
    r"bakery|academy))",
    I,
)
# sacred kin is nobody's: "la Madre de Dios", "el Hijo de Dios"
_NOT_NAMED = frozenset({"dios", "jesús", "jesus", "cristo", "familia"})


def _named(name: str, title: str | None) -> bool:
    """A person's name: after a title, or a first name or a surname of the lists."""
    words = name.split()
    if words[0].lower() in _NOT_NAMED:
        return False
    if title:
        return True
    return words[0].lower() in first_names() or (
        len(words) > 1 and words[-1].lower() in surnames())


def find(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every Spanish relative or one-person role in the text."""
    low = text.lower()
    found: list[tuple[int, int, str]] = []
    if " de" in low or " del" in low:
        for m in _KIN_OF.finditer(text):
            if m.group("name") and not _named(m.group("name"), m.group("title")):
                continue  # "la mamá de Delano", "el hijo de Dios"
            if re.match(r"(?:los|las)\s", m.group(0), I) and not re.search(
                    r"gemel|cuates", m.group("kin"), I):
                continue  # "los hijos de Marisol": her children, read below as a group
            found.append((m.start(), m.end(), "relative"))
    if "nic" in low or "only" in low:
        found += [(m.start(), m.end(), "role") for m in _ONLY.finditer(text)]
    for m in _AT_PLACE.finditer(text):
        if m.group("named") and m.group("named").split()[0].lower() in ("la", "el"):
            continue
        found.append((m.start(), m.end(), "role"))
    return found


_PLATFORMS = frozenset({"facebook", "instagram", "youtube", "tiktok", "zoom", "whatsapp",
                        "twitter", "linkedin", "snapchat", "nextdoor", "twitch", "teams"})


def platform_event(span: str) -> bool:
    """A span the small model takes for a person that opens with a platform's name: "Facebook
    Live de hoy", "Instagram Live del martes" (F4: an event of the practice, in Spanish the
    model runs the name into "de hoy")."""
    words = span.split()
    return len(words) > 1 and words[0].lower().strip("¡¿") in _PLATFORMS


def spelled_number(span: str) -> bool:
    """A span the small model takes for a person that holds two number words or more: "Llame
    al cinco cinco cinco" (F5: a phone number read out in Spanish words, as English readers
    of "five five five" never took it for a name). "Ana dos Santos" holds one."""
    words = [w.strip(",.;:").lower() for w in span.split()]
    return sum(w in _UNITS or w in _TEENS or w in _TENS for w in words if w.islower()) >= 2


# the role is the one the health event happened to: a verb of undergoing, having, finishing
# between them ("la maestra de la escuela Washington ya terminó su quimioterapia", "el único
# dentista de Siler City tuvo un infarto", "..., que está en diálisis")
_UNDERGOES = lazy(
    r"\b(?:termin[oó]|termina|terminar[aá]|empez[oó]|empieza|empezar[aá]|comenz[oó]|comienza|"
    r"inici[oó]|inicia|tuvo|tiene|ten[ií]a|est[aá]|estuvo|sigue|sali[oó]|recibi[oó]|recibe|"
    r"necesita|necesit[oó]|lleva|llev[oó]|venci[oó]|vence|super[oó]|lucha|luch[oó]|"
    r"perdi[oó]|padece|sufre|sufri[oó]|fue|ha\s+sido|acaba\s+de|ya\s+no|regres[oó]|volvi[oó]|"
    r"se\s+(?:recupera|est[aá]\s+recuperando|oper[oó]|fractur[oó]|rompi[oó]|cay[oó]|"
    r"enferm[oó]|muri[oó])|muri[oó]|falleci[oó]|dio\s+a\s+luz|naci[oó]|"
    r"just|finished|started|had|has|is|was|beat|got)\b", I)
# ... not one who acts for others: "el director invita a la feria de vacunas", "la directora
# recuerda a las familias que su vacuna ...", "le explicará su tratamiento"
_ACTS_FOR = lazy(
    r"\b(?:invit\w*|recuerd\w*|record\w*|explic\w*|ofrec\w*|anunci\w*|organiz\w*|habl\w*|"
    r"platic\w*|comparte|comparti[oó]|inform\w*|recomiend\w*|recomend\w*|pide|pidi[oó]|"
    r"agradec\w*|ayud\w*|apoy\w*|don[oó]|dona|regal\w*|trajo|trae|repart\w*|le|les|"
    r"nos|sus\s+alumnos|a\s+(?:las|los)\s+(?:familias|padres|ni[nñ]os|alumnos|estudiantes))\b",
    I)


# ... nor what a role holds for others: "el gerente de la tienda tiene las vacunas contra la
# gripe en oferta", "el dueño de la farmacia tiene el medicamento para la diabetes": the health
# word names what the thing is for, not the holder's own care (the lead's narrowing on the
# merge: s56-esrecall's look-alikes)
_HOLDS_FOR_OTHERS = lazy(
    r"\b(?:tiene|tienen|ten[ií]a|ten[ií]an)\s+(?:(?:el|la|los|las|un|una|unos|unas|nuevas?|"
    r"nuevos?)\s+)+(?:vacunas?|medicamentos?|medicinas?|pastillas|productos?|folletos?|"
    r"informaci[oó]n|kits?|libros?|suplementos?|vitaminas)\b"
    # ... for sale or for the reader ("el alcalde tiene un medicamento nuevo para la presión"
    # is his own: no sale, no reader)
    r"[^.!?;\n]*\b(?:en\s+oferta|a\s+la\s+venta|en\s+venta|de\s+venta|vende\w*|descuento|"
    r"disponibles?|gratis|que\s+(?:busca\w*|necesita\w*|ped[ií]a\w*)|para\s+(?:usted|ustedes|"
    r"ti|todos|sus\s+clientes))\b", I)


def role_told(text: str, start: int, end: int, at: int) -> bool:
    """For a Spanish role (this module's), whether the health word at ``at`` is told of that
    person: right after it in its sentence by a verb of undergoing, with nobody else acted
    for in between. Any other role: True (judged as before)."""
    if not (_ONLY.fullmatch(text, start, end) or _AT_PLACE.fullmatch(text, start, end)):
        return True
    if at < end:
        return bool(re.search(r"\b(?:su|sus)\s+(?:[\w-]+\s+)?$", text[max(0, at - 30) : at], I)
                    and not re.search(r"[.!?\n]", text[at:start]))  # "tras su cirugía, la ..."
    between = text[end:at]
    stop = re.search(r"[.!?;\n]", text[at:])
    if _HOLDS_FOR_OTHERS.search(text, end, at + stop.start() if stop else len(text)):
        return False  # the thing held, or what it is for, is the health word
    return (not re.search(r"[.!?;\n]", between) and len(between.split()) <= 10
            and bool(_UNDERGOES.search(between)) and not _ACTS_FOR.search(between))
