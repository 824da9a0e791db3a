"""Screen what a reader sees: NFKC, invisible format and bidi controls removed, look-alike
letters mapped to the ASCII letter they imitate (Unicode's confusables table, compiled by
data/build_vocab.py). Every character of the normalised text remembers where it came from,
so a finding's span can be put back on the text the author wrote.

A right-to-left override (U+202E ... U+202C) makes a reader see the characters between them
in reverse: "\u202ehtimS nhoJ\u202c" shows as "John Smith". Such a text is screened in both
orders: the stored one, then, after a paragraph break, the one a reader sees.

Digits and symbols written for letters inside a word ("chem0", "d1abetes", "c@ncer") are
read as the letters when that spells a word of the health vocabulary; one character for one,
so spans do not move."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .recase import recase


class EmptyText(ValueError):
    """Nothing a reader would see is left once invisible characters are removed."""


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: tuple[int, ...] | None  # origin[i]: index in the original of normalised char i
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised [start, end)."""
        if self.origin is None:
            return start, end
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        # min/max: inside a reversed (displayed) run the origins run backwards
        return min(self.origin[start:end]), max(self.origin[start:end]) + 1

    @property
    def both_orders(self) -> bool:
        """The text holds a right-to-left override: screened as stored and as displayed."""
        return _RLO in self.original


_RLO = "\u202e"  # right-to-left override: LTR letters after it are shown reversed
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_OVERRIDE_END = frozenset("\u202c\u2069\n\r\u2029")  # pop directional formatting, PDI, paragraph


def _displayed(text: str) -> list[int]:
    """Indices of `text` in the order a reader sees them: each RLO run reversed."""
    order: list[int] = []
    i = 0
    while i < len(text):
        if text[i] != _RLO:
            order.append(i)
            i += 1
            continue
        j = i + 1
        while j < len(text) and text[j] not in _OVERRIDE_END:
            j += 1
        order.extend(range(j - 1, i - 1, -1))  # the run, RLO included, reversed
        i = j
    return order


def _invisible(ch: str) -> bool:
    # Cf: zero-width space/joiners, soft hyphen, bidi embeddings, overrides and isolates
    # (U+202A-202E, U+2066-2069), word joiner, BOM; variation selectors (Mn) are kept
    return unicodedata.category(ch) == "Cf"


# Look-alike digits and symbols for letters; "1", "|" and "!" read as "i" or as "l".
_LEET = str.maketrans("034579@$", "oeastgas")
_LEET_I = str.maketrans("1|!", "iii")
_LEET_L = str.maketrans("1|!", "lll")
# cheap pre-check: such a character between letters, or digits ending a word of letters
_LEET_HINT = re.compile(r"[A-Za-z][0-9@$|!]+[A-Za-z]|[A-Za-z]{2}[0-9]+\b|\b[0-9|][a-z]{3}")
_LEET_WORD = re.compile(r"(?<![\w@$|!.])[A-Za-z0-9@$|!]*[A-Za-z][A-Za-z0-9@$|!]*")


def _unleet(text: str) -> str:
    """The text with each disguised health word spelled out in letters, same length. Only
    a word that then reads as a vocabulary term changes ("A1c", "B12", "2pm", "COVID19" do
    not), and it must be mostly letters already: "t3st" is "test", "r2d2" stays."""
    if not _LEET_HINT.search(text):
        return text
    from .vocabulary import health_word

    out = list(text)
    for m in _LEET_WORD.finditer(text):
        word = m.group(0).rstrip("!|")  # "c@ncer!": the "!" ends the sentence
        letters = sum(c.isalpha() for c in word)
        if letters == len(word) or len(word) < 4 or letters <= len(word) - letters:
            continue
        base = word.translate(_LEET)
        for spelled in (base.translate(_LEET_I), base.translate(_LEET_L)):
            if spelled.isalpha() and health_word(spelled.lower()):
                if word.isupper():
                    spelled = spelled.upper()  # "CH3MO" -> "CHEMO", not "CHeMO"
                out[m.start() : m.start() + len(word)] = spelled
                break
    return "".join(out)


# A run of symbols with no space in it (")))...", "#####", emoji): spaCy's tokenizer strips
# one affix at a time and rescans the rest, so its time grows with the square of the run
# (10,000 ")" took 13 s of CPU). Such a run carries no identifier, so a space every
# _RUN_STEP characters keeps the text's length and spans and the tokenizer's time linear.
_RUN_STEP = 32
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{_RUN_STEP + 1},}}")


def for_tokenizer(text: str) -> str:
    """The text spaCy reads: same length, long symbol runs broken up (the recognizers read
    the text itself, so a link or an address glued to such a run keeps its whole span)."""
    if not _SYMBOL_RUN.search(text):
        return text
    out = list(text)
    for m in _SYMBOL_RUN.finditer(text):
        for i in range(m.start() + _RUN_STEP, m.end(), _RUN_STEP):
            out[i] = " "
    return "".join(out)


def normalize(text: str) -> Normalized:
    if text.isascii():
        if not text.strip():
            raise EmptyText("the text is empty")
        return Normalized(recase(_unleet(text)), None, text)
    from .vocabulary import confusables

    table = confusables()
    out: list[str] = []
    origin: list[int] = []

    def read(i: int) -> None:  # one non-ASCII character of the text, as a reader sees it
        ch = text[i]
        if _invisible(ch):
            return
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isascii():
                c = table.get(c, c)
            out.append(c)
            origin.append(i)

    # NFKC keeps an ASCII character and none is Cf: the ASCII runs between the other
    # characters (most of a text) are copied whole, not character by character
    at = 0
    for m in _NON_ASCII.finditer(text):
        out.append(text[at : m.start()])
        origin.extend(range(at, m.start()))
        for i in range(m.start(), m.end()):
            read(i)
        at = m.end()
    out.append(text[at:])
    origin.extend(range(at, len(text)))
    if _RLO in text:  # the stored order, a paragraph break, then what a reader sees
        out.append("\n\n")
        origin += [len(text) - 1, len(text) - 1]
        for i in _displayed(text):
            if text[i].isascii():
                out.append(text[i])
                origin.append(i)
            else:
                read(i)
    normalized = recase(_unleet("".join(out)))
    if not normalized.strip():
        raise EmptyText("the text is empty once invisible characters are removed")
    return Normalized(normalized, tuple(origin), text)
