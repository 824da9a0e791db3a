"""Invisible characters that carry data: which a kept text may hold, and what they say.

The PHI screen reads a text as a reader sees it (phi/normalize.py drops what renders as
nothing), but what is stored, hashed, approved and published is the text as typed. Tag
characters (U+E0020-E007E spell ASCII), variation selectors (U+FE00-FE0F and
U+E0100-E01EF spell one byte each), runs of zero-width characters and blanks that are no
space (the braille blank, Hangul fillers: bits) carry a text
nobody sees and any script decodes in one line: a patient's name and MRN went to chat and
were published past the screen (an outside review, session 50, finding 1). So a kept text
(a post, an alt text, a reply) may hold an invisible character only where writing needs it
(``carrier``), and a public comment, which cannot be refused, is read with what its hidden
characters spell (``hidden_text``). Its own module: the CLI's input checks import it
without the screen.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from policies.rendering import invisible

VS15, VS16, ZWJ, ZWNJ = "\ufe0e", "\ufe0f", "\u200d", "\u200c"
BLACK_FLAG, CANCEL_TAG = "\U0001f3f4", "\U000e007f"
# The subdivision flags Unicode recommends (England, Scotland, Wales): a black flag, the
# tags spelling the region, the cancel tag. Any other tag sequence spells text of its
# author's choosing, up to a whole sentence, so only these three are writing.
FLAG_TAGS = frozenset("".join(chr(0xE0000 + ord(c)) for c in region) + CANCEL_TAG
                      for region in ("gbeng", "gbsct", "gbwls"))
FLAG_TAG_CHARS = 6
# Drawn as a blank but no space: the braille blank and the Hangul fillers. A post needs none
# of them, and each, in place of a space between two words, carries a bit a reader never
# sees (the braille blank: an outside review's follow-up, session 50). The typographic
# spaces (thin, narrow no-break: rendering._GAPS) stay, for numbers and French.
FILLERS = frozenset("\u2800\u115f\u1160\u3164\uffa0")


@dataclass(frozen=True)
class Carrier:
    """The first invisible character of a text that writing does not need."""

    index: int  # 0-based, in the text as given
    char: str

    @property
    def name(self) -> str:
        return unicodedata.name(self.char, "an unassigned invisible character").lower()


def _shown(ch: str) -> bool:
    """Drawn as something: neither invisible nor white space."""
    return not invisible(ch) and not ch.isspace() and ch not in FILLERS


def _hiding(ch: str) -> bool:
    """Can carry data unseen: renders as nothing, or as a blank that is no space."""
    return invisible(ch) or ch in FILLERS


def _flag_tags(text: str, i: int) -> int:
    """How many characters from ``i`` (a tag after a black flag) are a recommended flag."""
    if i == 0 or text[i - 1] != BLACK_FLAG:
        return 0
    run = text[i:i + FLAG_TAG_CHARS]
    return len(run) if run in FLAG_TAGS else 0


def _needed(text: str, i: int) -> bool:
    """Does writing need the invisible ``text[i]`` here? One emoji presentation selector
    after a symbol, digit or punctuation (❤️, 1️⃣, ©︎); one zero-width joiner between two
    drawn characters (👩‍⚕️, an Indic conjunct); one zero-width non-joiner between two letters
    (Persian, Hindi). Never two in a row: a run is how bits are carried."""
    ch = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch in (VS15, VS16):
        return bool(before) and _shown(before) and unicodedata.category(before)[0] != "L"
    if ch == ZWJ:
        return (bool(before) and (_shown(before) or before in (VS15, VS16))
                and bool(after) and _shown(after))
    if ch == ZWNJ:
        return (bool(before) and bool(after) and unicodedata.category(before)[0] in "LM"
                and unicodedata.category(after)[0] in "LM")
    return False


class Kind(Enum):
    """What a run of invisible characters is."""

    WRITING = "writing"  # needed where it stands (_needed, FLAG_TAGS)
    TAGS = "tags"  # tag characters: ASCII
    SELECTORS = "selectors"  # variation selectors: one byte each
    UNNEEDED = "unneeded"  # any other: zero-width bits, a soft hyphen, a bidi mark


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    kind: Kind


def _tag(ch: str) -> bool:
    return 0xE0000 <= ord(ch) <= 0xE007F


def _selector_byte(ch: str) -> int | None:
    point = ord(ch)
    if 0xFE00 <= point <= 0xFE0F:
        return point - 0xFE00
    if 0xE0100 <= point <= 0xE01EF:
        return point - 0xE0100 + 16
    return None


def runs(text: str) -> list[Run]:
    """The invisible characters of ``text``, as runs of one kind each (``Kind``)."""
    out: list[Run] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if not _hiding(ch):
            i += 1
            continue
        flag = _flag_tags(text, i)
        if flag:
            out.append(Run(i, i + flag, Kind.WRITING))
            i += flag
            continue
        j = i + 1
        if _tag(ch):
            while j < n and _tag(text[j]):
                j += 1
            kind = Kind.TAGS
        elif _selector_byte(ch) is not None:
            while j < n and _selector_byte(text[j]) is not None:
                j += 1
            kind = Kind.WRITING if j - i == 1 and _needed(text, i) else Kind.SELECTORS
        elif _needed(text, i):
            kind = Kind.WRITING
        else:
            while j < n and _hiding(text[j]) and not _tag(text[j]) \
                    and _selector_byte(text[j]) is None and not _needed(text, j):
                j += 1
            kind = Kind.UNNEEDED
        out.append(Run(i, j, kind))
        i = j
    return out


def carrier(text: str) -> Carrier | None:
    """The first invisible character in ``text`` that writing does not need, or None."""
    found = next((r for r in runs(text) if r.kind is not Kind.WRITING), None)
    return None if found is None else Carrier(found.start, text[found.start])


def _spelled(text: str, run: Run) -> str:
    part = text[run.start:run.end]
    if run.kind is Kind.TAGS:
        return "".join(chr(ord(c) - 0xE0000) for c in part if 0xE0020 <= ord(c) <= 0xE007E)
    return bytes(_selector_byte(c) or 0 for c in part).decode("utf-8", errors="replace")


@dataclass(frozen=True)
class HiddenText:
    """What a text's invisible characters spell, as far as it can be read."""

    spelled: tuple[str, ...]  # each run of tags or selectors, decoded
    unread: int  # characters in runs of two or more unneeded ones, which nothing here decodes


def hidden_text(text: str) -> HiddenText:
    """The texts spelled by ``text``'s tag runs and variation-selector runs (tags as ASCII,
    selectors as the bytes of UTF-8), and how many characters its runs of two or more
    unneeded invisible ones hold (zero-width bits, which any scheme may read: nothing here
    can tell which; one alone, a stray soft hyphen, carries a bit at most)."""
    found = runs(text)
    spelled = (_spelled(text, r) for r in found if r.kind in (Kind.TAGS, Kind.SELECTORS))
    return HiddenText(tuple(s for s in spelled if s.strip()),
                      sum(r.end - r.start for r in found if _bits(r)))


def _bits(run: Run) -> bool:
    return run.kind is Kind.UNNEEDED and run.end - run.start > 1


def without_hidden(text: str) -> str:
    """``text`` without its data carriers: every run of tags or selectors, and every run of
    two or more unneeded invisible characters. One unneeded character stays (chat's own
    escaping puts a zero-width space after "://"; a soft hyphen carries a bit at most)."""
    cut = [r for r in runs(text) if r.kind in (Kind.TAGS, Kind.SELECTORS) or _bits(r)]
    if not cut:
        return text
    kept, at = [], 0
    for r in cut:
        kept.append(text[at:r.start])
        at = r.end
    kept.append(text[at:])
    return "".join(kept)
