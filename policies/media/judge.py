"""Judging what an image shows: text read from it (screened like a caption, with the
region it came from) and faces.

Text in a picture has no caption around it to say whose it is. A wristband, a whiteboard,
a chart on a screen or a name tag names people, so in image text a name, a date or an
age is a patient's until the author dismisses it (a staff name tag: reason "staff").
Names are found by the PHI screen and, because OCR lines are short and spaCy judges
fragments poorly, also by the written forms clinical labels use: "J. Ramirez",
"RAMIREZ, JUAN", "Name: Juan Ramirez"; and a full date from a past year is a birth,
admission or visit date (a sign announces future dates).

A QR code or barcode in a picture is text too, for anyone with a phone: what it decodes to is
judged the same way (source "code:N"), and a code that is found but cannot be decoded blocks,
since nobody can say what it carries (session 50).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .engines import Box, Code, TextLine

_WORD = r"[A-Z][a-zA-Z'\u2019-]+"
NAME_FORMS = (
    ("initial_surname", re.compile(rf"\b[A-Z]\.\s?{_WORD}")),                 # J. Ramirez
    ("surname_comma_given", re.compile(r"\b[A-Z][A-Z'\u2019-]+,\s*[A-Z][A-Za-z'\u2019-]+")),
    ("labelled_name", re.compile(rf"(?i:\b(?:patient|pt|name|resident)\s*[:#-]\s*)"
                                 rf"({_WORD}(?:\s+{_WORD})?)")),
)


@dataclass(frozen=True)
class ImageFinding:
    """A Finding (same fields) plus where it was found: "image:N" or "faces:N"."""

    category: str
    start: int
    end: int
    text: str
    severity: str
    score: float
    rule: str
    reason: str
    redaction: str
    source: str


_GLUED = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


_ZERO_IN_WORD = re.compile(r"(?<=[A-Za-z])0(?![0-9])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_AFTER_COLON = re.compile(r"(?<=[A-Za-z]):(?=\S)")


def tidy(line: str) -> str:
    """OCR output as a reader would type it: full-width forms folded ("（253)"), a zero
    after a letter read as the letter O ("D0B", "Okonkw0"), and the spaces OCR drops put
    back between letters and digits ("DOB08/10/1993"), between words ("From:JorgeOduya")."""
    text = unicodedata.normalize("NFKC", line)
    text = _ZERO_IN_WORD.sub(lambda m: "O" if text[m.start() - 1].isupper() else "o", text)
    text = _AFTER_COLON.sub(": ", _CAMEL.sub(" ", text))
    return " ".join(_GLUED.sub(" ", text).split())


def ocr_text(lines: Sequence[TextLine]) -> tuple[str, list[tuple[int, int, Box]]]:
    """The lines as one text (one line each, tidied) and where each line sits in it."""
    parts, spans, at = [], [], 0
    for line in lines:
        text = tidy(line.text)
        parts.append(text)
        spans.append((at, at + len(text), line.box))
        at += len(text) + 1
    return "\n".join(parts), spans


def code_text(codes: Sequence[Code]) -> tuple[str, list[tuple[int, int, Box]]]:
    """What the decoded codes say, one line each (their own line breaks kept), and where
    each sits in the text, as ``ocr_text`` gives it for OCR lines."""
    parts, spans, at = [], [], 0
    for code in codes:
        if not code.text.strip():
            continue
        text = unicodedata.normalize("NFKC", code.text)
        parts.append(text)
        spans.append((at, at + len(text), code.box))
        at += len(text) + 1
    return "\n".join(parts), spans


def undecoded_findings(index: int, codes: Sequence[Code]) -> list[ImageFinding]:
    """One blocking finding per code in image ``index`` found but not decoded: a phone
    may read what OpenCV could not (a Code 128 wristband, a damaged or tilted QR code)."""
    return [ImageFinding(
        "other_id", 0, 0, code.kind.value, "block", 0.8, "image_code.undecoded",
        f"A {code.kind.value} in image {index} (region {code.box.label()}) could not be "
        "decoded, so nobody can say what a phone would read from it: wristbands, labels and "
        "charts carry a patient's record number or name in one (HIPAA Safe Harbor "
        "identifier: any other unique identifying code). Crop or cover it, or, once you have "
        "scanned it yourself and it names nobody, dismiss it as not a person.",
        "[crop or cover the code]", f"code:{index}") for code in codes if not code.text.strip()]


def _region(spans: Sequence[tuple[int, int, Box]], start: int, end: int) -> Box | None:
    boxes = [box for s, e, box in spans if s < end and start < e]
    if not boxes:
        return None
    return Box(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes),
               max(b.y1 for b in boxes))


def _name_forms(text: str, allows_name: Any) -> list[tuple[int, int, str]]:
    found = []
    for rule, pattern in NAME_FORMS:
        for match in pattern.finditer(text):
            group = 1 if pattern.groups else 0
            start, end = match.span(group)
            if not allows_name(text[start:end]):
                found.append((start, end, rule))
    return found


def image_text_findings(index: int, text: str, spans: Sequence[tuple[int, int, Box]],
                        screened: Sequence[Any], allows_name: Any, this_year: int = 0,
                        decoded: bool = False) -> list[ImageFinding]:
    """Findings for the text read in image ``index`` (1-based): the PHI screen's findings
    on it (all blocking, cut at line breaks), the name forms above, and full dates from
    past years. ``decoded``: the text is what the image's codes decode to (``code_text``),
    not what OCR read."""
    source = f"{'code' if decoded else 'image'}:{index}"
    this_year = this_year or date.today().year
    out: list[ImageFinding] = []

    def where(start: int, end: int) -> str:
        box = _region(spans, start, end)
        how = "decoded from a code in image" if decoded else "read in image"
        return f"{how} {index}" + (f", region {box.label()}" if box else "")

    for f in screened:
        # Whatever the screen finds in a picture blocks (its own allow-lists already let
        # the practice's names, phones and addresses through). OCR lines are separate
        # labels, so a span the screen ran across a line break is cut at the break.
        start, end, severity = f.start, f.end, "block"
        if "\n" in text[start:end]:
            end = start + text[start:end].index("\n")
            if not text[start:end].strip():
                continue
            # A mere warning that ran across labels ("Healthy Heart Month / Free") stays a
            # warning; the name forms below still catch "Name: Jorge Ramirez / DOB".
            severity = f.severity
        out.append(ImageFinding(f.category, start, end, text[start:end], severity,
                                float(f.score), f"{f.rule}+image",
                                f"{f.reason} ({where(start, end)}; text in a picture names "
                                "whoever it is about)", f.redaction, source))
    covered = [(f.start, f.end) for f in out if f.category == "name" and f.severity == "block"]
    for start, end, rule in _name_forms(text, allows_name):
        if any(s < end and start < e for s, e in covered):
            continue
        covered.append((start, end))
        out.append(ImageFinding(
            "name", start, end, text[start:end], "block", 0.8, f"image_name.{rule}",
            f"A name written the way wristbands, whiteboards and charts write patients' "
            f"names ({where(start, end)}; HIPAA Safe Harbor identifier: names). If it is a "
            "staff name tag, dismiss it as staff.", "[name removed from image]", source))
    dates = [(f.start, f.end) for f in out if f.category == "date"]
    for start, end in _past_dates(text, this_year):
        if any(s < end and start < e for s, e in dates):
            continue
        out.append(ImageFinding(
            "date", start, end, text[start:end], "block", 0.7, "image_date.full_date",
            f"A full date in a picture ({where(start, end)}; HIPAA Safe Harbor identifier: "
            "dates): wristbands, labels and charts print birth, admission and visit dates.",
            "[date removed from image]", source))
    return sorted(out, key=lambda f: (f.start, f.end))


_FULL_DATE = re.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](\d{4})|(\d{4})-\d{2}-\d{2})\b")


def _past_dates(text: str, this_year: int) -> list[tuple[int, int]]:
    """Full dates with a year before this one: a birth, admission or visit, not an event
    a sign announces."""
    found = []
    for match in _FULL_DATE.finditer(text):
        year = int(match.group(1) or match.group(2))
        if 1900 <= year < this_year:
            found.append(match.span())
    return found


def face_finding(index: int, boxes: Sequence[Box]) -> ImageFinding | None:
    """One blocking finding for all faces in image ``index``; None without faces."""
    if not boxes:
        return None
    n = len(boxes)
    regions = "; ".join(b.label() for b in boxes[:6]) + ("; ..." if n > 6 else "")
    return ImageFinding(
        "photo", 0, 0, f"{n} face{'s' if n != 1 else ''}", "block", 0.9, "faces.haar",
        f"{n} face{'s' if n != 1 else ''} found in image {index} ({regions}): a full-face "
        "photograph identifies its subject (HIPAA Safe Harbor identifier: full-face "
        "photographs). Dismiss as staff (name them), with a patient's photo authorization, "
        "or as not identifiable.", "[crop or blur the faces]", f"faces:{index}")
