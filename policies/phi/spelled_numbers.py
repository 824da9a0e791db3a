"""A labelled number read however its digits are written.

"His SSN: nine one two, three four, five six seven eight", "su número de seguro social:
nueve uno dos ...", "912-34-56O8" (a capital O for the zero), "912" / "34" / "5678" over
three lines, "912-thirty four-5678", "member number four four seven one two nine": a reader
reads the number, and the recognizers of numbers.py read only digits on one line. Here each
run of number words (English and Spanish, units, teens, tens, "thirty four", "treinta y
cuatro", "nine hundred twelve"), digit groups, digits with a letter O or l drawn for 0 or 1,
and the separators between them (spaces, line breaks, dashes, commas, dots) is written as
its digits, one string, and the text so rewritten is read by the same recognizers: ssns for
a number the text calls a Social Security number (its cue within 30 characters before),
labelled_ids for one a label calls a record, member, plan or other identifier. Only a hit
on a rewritten run is kept (the plain digits were read already), and a label's number needs
MIN_DIGITS digits ("member number one fan", "group of twenty five" are no identifiers).

Nothing runs unless the text holds a cue and a number word, a letter among digits or a line
break between digit groups."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .allow import PhiAllowList
from .hits import Hit
from .lazy_pattern import lazy
from .numbers import _ANY_CUE, _ANY_CUE_ES, _SSN_CUE, labelled_ids, ssns

MIN_DIGITS = 6

_UNITS = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2,
          "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "diez": 10,
          "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
          "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
          "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
          "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
          "veintinueve": 29}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
         "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90}
_HUNDREDS = {"cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300,
             "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700,
             "ochocientos": 800, "novecientos": 900}
_REPEAT = {"double": 2, "triple": 3}
_JOINERS = frozenset({"and", "y"})
_FOLD = str.maketrans("áéíóúü", "aeiouu")

_WORDS = "|".join(sorted({*_UNITS, *_TEENS, *_TENS, *_HUNDREDS} - {"oh", "un", "una", "once"},
                         key=len, reverse=True))
# a number word, a letter among digits, a line break between digit groups
_SPELLED = lazy(r"\b(?:" + _WORDS + r")\b|\d[Ool]|[Ool]\d|\d[ \t.,:/–—-]*\n[\s.,:/–—-]*\d",
                re.IGNORECASE)
_TOKEN = lazy(r"[0-9Ool]*\d[0-9Ool]*|[^\W\d_]+|[-,.\n/–—:]|[ \t]+")
_SEPARATOR = lazy(r"[-,.\n/–—:]|[ \t]+")


def _read(words: list[str]) -> str | None:
    """The digits a run of number tokens (digit groups and lower-case, accent-folded words)
    spells, or None when a word is out of place ("and" first, "hundred" after nothing)."""
    out: list[str] = []
    tens: int | None = None  # "thirty" waiting for a unit ("thirty four")
    hundreds: int | None = None  # "nine hundred" waiting for the rest
    repeat = 1

    def flush() -> None:
        nonlocal tens, hundreds
        if hundreds is not None:
            out.append(f"{hundreds + (tens or 0)}")
        elif tens is not None:
            out.append(f"{tens}")
        tens = hundreds = None

    for i, w in enumerate(words):
        if w[0].isdigit():
            flush()
            out.append(w.translate(str.maketrans("Ool", "001")))
        elif w in _JOINERS:
            if tens is None and hundreds is None:
                return None
        elif w in _REPEAT:
            flush()
            repeat = _REPEAT[w]
        elif w == "hundred":
            if not out or len(out[-1]) != 1:
                return None
            hundreds = int(out.pop()) * 100
        elif w in _HUNDREDS:
            flush()
            hundreds = _HUNDREDS[w]
        elif w in _TENS:
            if hundreds is not None and tens is None:
                tens = _TENS[w]
            else:
                flush()
                tens = _TENS[w]
        elif w in _TEENS:
            if hundreds is not None and tens is None:
                hundreds += _TEENS[w]
                flush()
            else:
                flush()
                out.append(str(_TEENS[w]))
        elif w in _UNITS:
            if w == "oh" and i == 0:
                return None
            unit = _UNITS[w]
            if tens is not None and unit:
                tens += unit
                flush()
            elif hundreds is not None and unit:
                hundreds += unit
                flush()
            else:
                flush()
                out.append(str(unit) * repeat)
            repeat = 1
        else:
            return None
    flush()
    return "".join(out)


def _number(word: str) -> bool:
    w = word.lower().translate(_FOLD)
    return (w[0].isdigit() or w in _UNITS or w in _TEENS or w in _TENS or w in _HUNDREDS
            or w in _REPEAT or w in _JOINERS or w == "hundred")


def _runs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of each run a reader reads as one number that is not plain
    digits: it holds a number word, a letter drawn for a digit, or a line break."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        if _SEPARATOR.fullmatch(tokens[i][2]) or not _number(tokens[i][2]):
            i += 1
            continue
        j, last, parts = i, i, []
        while j < len(tokens) and (_SEPARATOR.fullmatch(tokens[j][2])
                                   or _number(tokens[j][2])):
            if not _SEPARATOR.fullmatch(tokens[j][2]):
                last = j
                parts.append(tokens[j][2].lower().translate(_FOLD) if not tokens[j][2][
                    0].isdigit() else tokens[j][2])
            j += 1
        while parts and parts[-1] in _JOINERS:  # "... eight and" ends before the "and"
            parts.pop()
            last -= 1
            while last > i and _SEPARATOR.fullmatch(tokens[last][2]):
                last -= 1
        start, end = tokens[i][0], tokens[last][1]
        written = text[start:end]
        spelled = (any(not p[0].isdigit() for p in parts) or "\n" in written
                   or any(not p.isdigit() for p in parts))
        digits = _read(parts) if spelled and len(parts) >= 2 else None
        if digits:
            yield start, end, digits
        i = max(j, i + 1)


def spelled_ids(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    """SSNs and labelled identifiers written in words, with letters for digits or over
    lines (see the module's note)."""
    if not _SPELLED.search(text):
        return
    ssn_cue = _SSN_CUE.search(text)
    if not ssn_cue and not _ANY_CUE.search(text) and not _ANY_CUE_ES.search(text):
        return
    runs = list(_runs(text))
    if not runs:
        return
    pieces: list[str] = []
    origin: list[int] = []  # origin[k]: index in `text` of rewritten character k
    new_spans: list[tuple[int, int]] = []  # each run's digits in the rewritten text
    at = 0
    for start, end, digits in runs:
        pieces.append(text[at:start])
        origin.extend(range(at, start))
        new_spans.append((len(origin), len(origin) + len(digits)))
        pieces.append(digits)
        origin.extend([start] * (len(digits) - 1) + [end - 1])
        at = end
    pieces.append(text[at:])
    origin.extend(range(at, len(text)))
    rewritten = "".join(pieces)
    seen: set[tuple[int, int]] = set()
    for hit in [*ssns(rewritten, allow), *labelled_ids(rewritten, allow)]:
        if not any(hit.start < e and s < hit.end for s, e in new_spans):
            continue  # plain digits: read as written already
        digit_count = sum(c.isdigit() for c in rewritten[hit.start:hit.end])
        if hit.category != "ssn" and digit_count < MIN_DIGITS:
            continue
        span = (origin[hit.start], origin[hit.end - 1] + 1)
        if span in seen:
            continue
        seen.add(span)
        yield Hit(hit.category, span[0], span[1], hit.severity, hit.score, hit.rule, hit.why,
                  hit.redaction)
