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
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import regex

from policies.emoji_forms import KEYCAP, VS15, VS16, ZWJ, emoji_form, first_difference
from policies.rendering import NARROW_SPACES, invisible

ZWNJ = "\u200c"
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
        # Python's names stop at its Unicode (14): a format control assigned since is named
        # as one, not called unassigned (the door reads `regex`'s Unicode)
        return (_CONTROL_NAMES.get(self.char) or unicodedata.name(self.char, "").lower()
                or ("a format control" if invisible(self.char)
                    else "a private-use or unassigned character"))


# the controls a stored text may name (layout_spot): unicodedata names no control
_CONTROL_NAMES = {"\r": "carriage return", "\x85": "next line", "\t": "tab",
                  "\n": "line feed"}


def _shown(ch: str) -> bool:
    """Drawn as something: neither invisible nor white space."""
    return not invisible(ch) and not ch.isspace() and ch not in FILLERS


# A private-use or unassigned code point (by the `regex` module's Unicode, newer than
# Python's: an emoji of the latest release is assigned there). The screen reads through it,
# so one inside "MRN 447<U+E000>1920" hid the number from every recognizer, and no reader is
# shown anything meaningful for it (a third outside review, session 50, A2): refused at input.
# So are the interlinear annotation marks and the object replacement character
# (U+FFF9-FFFC): U+FFFC (category So, so neither invisible nor private-use) stands for an
# embedded object no post has, is drawn as nothing or a small box, and inside "MRN
# 551<U+FFFC>7302" hid the number from the post screen and the comment classifier (an
# attack review, session 51, 6); comments are read through them like private-use ones.
# Also the characters a kept public list of invisible ones names that the door did not
# already refuse (drawn_blank.txt, derived from flopp/invisible-characters, MIT): U+1D159
# MUSICAL SYMBOL NULL NOTEHEAD (So) is drawn as nothing, and inside "MRN 551<U+1D159>7302"
# hid the number; in place of spaces it carried a name (a fourth attack review, 51, 3).
DRAWN_BLANK = frozenset(
    chr(int(line.split()[0], 16))
    for line in (Path(__file__).with_name("drawn_blank.txt").read_text("utf-8").splitlines())
    if line.strip() and not line.startswith("#"))
_UNDRAWN = regex.compile(r"[\p{Co}\p{Cn}\ufff9-\ufffc"
                         + "".join(regex.escape(c) for c in sorted(DRAWN_BLANK)) + "]")


def _hiding(ch: str) -> bool:
    """Can carry data unseen: renders as nothing, or as a blank that is no space."""
    return invisible(ch) or ch in FILLERS


def _flag_tags(text: str, i: int) -> int:
    """How many characters from ``i`` (a tag after a black flag) are a recommended flag."""
    if i == 0 or text[i - 1] != BLACK_FLAG:
        return 0
    run = text[i:i + FLAG_TAG_CHARS]
    return len(run) if run in FLAG_TAGS else 0


# Unicode properties from the `regex` package (unicodedata has neither emoji properties nor
# scripts): which characters take an emoji presentation selector, start or end an emoji
# ZWJ sequence, and which scripts join or part their letters with ZWJ / ZWNJ.
_EMOJI = regex.compile(r"\p{Emoji}")
_PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")
_MODIFIER = regex.compile(r"\p{Emoji_Modifier}")
_KEYCAP_BASES = frozenset("#*0123456789")
# a CJK unified ideograph: the only base an ideographic variation selector (U+E0100-E01EF)
# is registered for (the Ideographic Variation Database; not installed here, so which of
# the 240 selectors a given ideograph has registered is not checked: see docs/security.md)
_IDEOGRAPH = regex.compile(r"\p{Unified_Ideograph}")
# The scripts whose writing parts two letters with a zero-width non-joiner: Arabic-script
# (Persian, Urdu, Kurdish), Syriac, and the Brahmic scripts of India and Sri Lanka.
_ZWNJ_SCRIPT = regex.compile(r"[\p{scx=Arabic}\p{scx=Syriac}\p{scx=Devanagari}"
                             r"\p{scx=Bengali}\p{scx=Gurmukhi}\p{scx=Gujarati}"
                             r"\p{scx=Oriya}\p{scx=Tamil}\p{scx=Telugu}\p{scx=Kannada}"
                             r"\p{scx=Malayalam}\p{scx=Sinhala}]")
VIRAMA = 9  # the canonical combining class of a virama (Indic "halant")
# The bidi marks (LRM, RLM, the Arabic letter mark): one keeps a number or a phone number in
# order inside right-to-left text. Beside a right-to-left letter or a number's characters,
# in a text that has right-to-left letters; nowhere else does writing need one.
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
BIDI_MARKS = frozenset((LRM, RLM, ALM))
_RTL = frozenset({"R", "AL"})
_NUMBERISH = frozenset({"R", "AL", "EN", "AN", "ES", "ET", "CS"})
_DIGITS, _SIGNS = frozenset({"EN", "AN"}), frozenset({"ES", "ET"})  # + - # $ %: signs
# how far a mark may be from the right-to-left word it borders, across no letter (a phone
# number in an Arabic line); a right-to-left word counts two such letters or more, none Lm
# (the NKo apostrophes and the tatweel are modifier letters; the Hebrew geresh punctuation)
RTL_REACH = 40
# Only say where a line may or may not break (soft hyphen, zero-width space, word joiner):
# removing one changes no glyph a reader sees, so a kept text loses them before it is
# screened and stored (``drop_break_hints``) instead of being refused: a soft hyphen comes
# with text pasted from Word or a web page, Thai marks its word breaks with a ZWSP.
BREAK_HINTS = frozenset("\u00ad\u200b\u2060")


def _is(pattern: regex.Pattern[str], ch: str) -> bool:
    return bool(ch) and pattern.match(ch) is not None


def _emoji_end(text: str, i: int) -> bool:
    """Does an emoji end just before ``i`` (a pictograph, a skin tone, or VS16 after one)?"""
    before = text[i - 1] if i else ""
    if before == VS16 and i >= 2:
        return _is(_PICTOGRAPHIC, text[i - 2]) or _is(_EMOJI, text[i - 2])
    return _is(_PICTOGRAPHIC, before) or _is(_MODIFIER, before)


def _virama(ch: str) -> bool:
    return bool(ch) and unicodedata.combining(ch) == VIRAMA


def _needed(text: str, i: int) -> bool:
    """Does writing need the invisible ``text[i]`` here? One emoji or text presentation
    selector after a character that takes one (ℹ️, ❤️, ☎︎; a digit, # or * only before
    the keycap, 1️⃣); one zero-width joiner inside an emoji sequence (👩‍⚕️, 🏳️‍🌈) or after a
    virama (an Indic conjunct, a Sinhala or Malayalam form); one zero-width non-joiner
    between two letters of a script that parts letters with it (Persian, Hindi); one bidi
    mark beside a right-to-left letter or a number in right-to-left text. Never two in a
    row: a run is how bits are carried. A ZWJ or ZWNJ between two Latin letters changes
    nothing a reader sees and carried a patient's name, a bit a letter boundary (an outside
    review's second round, session 50, F1)."""
    ch = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch in (VS15, VS16):
        if before in _KEYCAP_BASES:
            return after == KEYCAP
        return _is(_EMOJI, before)
    if 0xE0100 <= ord(ch) <= 0xE01EF:  # an ideographic variation sequence (葛󠄀 in a name)
        return _is(_IDEOGRAPH, before)
    if ch == ZWJ:
        return (_virama(before) or _ra_before_virama(before, after)
                or (_emoji_end(text, i) and _is(_PICTOGRAPHIC, after)))
    if ch == ZWNJ:
        return _virama(before) or all(
            bool(c) and unicodedata.category(c)[0] in "LM" and _is(_ZWNJ_SCRIPT, c)
            for c in (before, after))
    if ch in BIDI_MARKS:
        # a mark never vouches for a mark: an RLM is bidi class R and an ALM class AL, so in
        # a run each one's neighbour made it "needed", and runs of RLM/ALM near one Arabic
        # word carried a name and an MRN, a bit a mark (an attack review, session 51, 1);
        # writing needs one mark in a place, so a run of two or more is a carrier
        if before in BIDI_MARKS or after in BIDI_MARKS:
            return False
        # between two strong characters of one direction (two Arabic letters), or before a
        # combining mark (which takes the direction of what it is drawn on), a mark changes
        # nothing: kept there, an Arabic post carried ~2 bits a letter (a second attack
        # review, session 51, 1)
        if _direction(before) is not None and _direction(before) == _direction(after):
            return False
        if after and unicodedata.bidirectional(after) == "NSM":
            return False
        return ((any(unicodedata.bidirectional(c) in _NUMBERISH for c in (before, after) if c)
                 or _ltr_word_edge(before, after))
                # a mark is needed only at the boundary of a right-to-left run: beside a
                # whole right-to-left word, across spaces, punctuation or a number at most.
                # Any right-to-left word within reach let Hebrew look-alikes glued to Latin
                # words ("aוו", "schססl") keep a mark at every English word end (a fourth
                # attack review, 51, 1); before that a look-alike apostrophe (NKo U+07F4),
                # a geresh or a tatweel did (the second review, 1)
                and (_rtl_word_at(text, i, -1) or _rtl_word_at(text, i, 1)))
    return False


def _wordish(ch: str) -> bool:
    """Part of a word: a letter, a combining mark or a digit (a word glued to digits or to
    Latin letters is no right-to-left word)."""
    return unicodedata.category(ch)[0] in "LMN"


def _rtl_word_at(text: str, i: int, step: int) -> bool:
    """From the mark at ``i``, going ``step`` (-1 left, 1 right) across what is no letter
    (spaces, punctuation, a number's characters, invisible ones) for at most ``RTL_REACH``
    characters: is the first letter there part of a whole right-to-left word
    (``_whole_rtl_word``)? Or is there none before the line's edge, in a right-to-left line
    (its first strong letter is in such a word): a Latin name at the end of an Arabic line
    takes a mark before its full stop. A Latin word's edge inside a left-to-right line, or
    between two Latin words, is no boundary of a right-to-left run."""
    j, end = i + step, i + step * (RTL_REACH + 1)
    while 0 <= j < len(text) and j != end and text[j] != "\n" and not (
            unicodedata.category(text[j])[0] in "LM" and _shown(text[j])):
        j += step
    if j == end:
        return False
    if j < 0 or j >= len(text) or text[j] == "\n":
        first = text.rfind("\n", 0, i) + 1
        strong = next((k for k in range(first, len(text))
                       if text[k] == "\n" or _direction(text[k]) is not None), None)
        return (strong is not None and _direction(text[strong]) == "R"
                and _whole_rtl_word(text, strong))
    return _whole_rtl_word(text, j)


def _whole_rtl_word(text: str, j: int) -> bool:
    """Is the letter at ``j`` in a whole right-to-left word: every letter of it is
    right-to-left (bidi R or AL), two or more are no modifier letters, and no digit is
    glued to it? Invisible characters inside do not part it (a mark between "aו" and "ו"
    does not make "וו" a word of its own)."""
    start = stop = j
    while start > 0 and (_wordish(text[start - 1]) or invisible(text[start - 1])):
        start -= 1
    while stop + 1 < len(text) and (_wordish(text[stop + 1]) or invisible(text[stop + 1])):
        stop += 1
    word = [c for c in text[start:stop + 1] if not invisible(c)]
    letters = [c for c in word if unicodedata.category(c)[0] == "L"]
    return (not any(unicodedata.category(c)[0] == "N" for c in word)
            and all(unicodedata.bidirectional(c) in _RTL for c in letters)
            and sum(unicodedata.category(c) != "Lm" for c in letters) >= 2)


def _direction(ch: str) -> str | None:
    """"L" or "R" for a strong character (R and AL are one direction), else None."""
    kind = unicodedata.bidirectional(ch) if ch else ""
    return "L" if kind == "L" else "R" if kind in _RTL else None


def canonical_mark(text: str, i: int) -> str:
    """The one bidi mark a kept place holds (``bidi_marks``): which of LRM, RLM and ALM an
    author typed was itself a bit a place (the second attack review, 51, 1). An LRM beside a
    number (a digit, or before its sign: LRMs around "+1 555-0100" keep it in order in a
    right-to-left line), else an RLM (after a Latin word, so the full stop after it stays at
    the line's end in a right-to-left line; beside a right-to-left letter)."""
    before, after = text[i - 1] if i else "", text[i + 1:i + 2]
    digit = any(c and unicodedata.bidirectional(c) in _DIGITS for c in (before, after))
    return LRM if digit or (after and unicodedata.bidirectional(after) in _SIGNS) else RLM


def bidi_marks(text: str) -> tuple[str, int]:
    """``text`` with each lone bidi mark that writing does not need removed and each one it
    needs made ``canonical_mark``, and how many places changed. A run of marks is left as
    it is: a carrier, refused at the door (``carrier``). Removed, not refused: a mark where
    it changes nothing reads the same either way."""
    if not any(m in text for m in BIDI_MARKS):
        return text, 0
    out, changed = [], 0
    for i, ch in enumerate(text):
        lone = (ch in BIDI_MARKS and text[i - 1:i] not in BIDI_MARKS
                and text[i + 1:i + 2] not in BIDI_MARKS)
        if not lone:
            out.append(ch)
            continue
        kept = canonical_mark(text, i) if _needed(text, i) else ""
        changed += kept != ch
        out.append(kept)
    return "".join(out), changed


def _ltr_word_edge(before: str, after: str) -> bool:
    """A left-to-right word ends or starts here: a Latin word inside an Arabic line takes an
    RLM after it so the punctuation or number after it stays in place (an outside review,
    session 50, A3: refused until session 51). Only at a word's edge: a mark between two
    letters of one word does nothing, and one a letter boundary carried a name (F1)."""
    strong = [bool(c) and unicodedata.bidirectional(c) == "L" for c in (before, after)]
    return strong[0] != strong[1]


def _ra_before_virama(before: str, after: str) -> bool:
    """A ZWJ between RA and a virama: Bengali ra-phala (র‍্য, RA ZWJ VIRAMA YA) and the
    eyelash RA of Devanagari's older encoding, which The Unicode Standard (ch. 12) spells
    so. Only after a letter named RA of the script the virama after it belongs to: between
    any letter and a virama a ZWJ changes nothing and would be a bit a conjunct."""
    if not (before and _virama(after)):
        return False
    name = unicodedata.name(before, "")
    return name.endswith(" LETTER RA") and (name.split(" ")[0]
                                            == unicodedata.name(after, "").split(" ")[0])


def drop_break_hints(text: str) -> tuple[str, int]:
    """``text`` without its soft hyphens, zero-width spaces and word joiners, and how many
    there were (``BREAK_HINTS``)."""
    kept = "".join(c for c in text if c not in BREAK_HINTS)
    return kept, len(text) - len(kept)


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
    """The first invisible character in ``text`` that writing does not need, or private-use
    or unassigned code point (``_UNDRAWN``), or None. Only the input check and the check of
    a stored revision ask about the latter: chat marks its own words with private-use
    characters (social_bot/chat/ownwords.py), so the guard's cutting (``runs``) leaves them."""
    found = next((r.start for r in runs(text) if r.kind is not Kind.WRITING), None)
    undrawn = _UNDRAWN.search(text)
    at = min((i for i in (found, undrawn.start() if undrawn else None) if i is not None),
             default=None)
    return None if at is None else Carrier(at, text[at])


def _spelled(text: str, found: list[Run], kind: Kind) -> str:
    """All the characters of ``kind``'s runs, in order, decoded as one text: whatever
    separates them (a zero-width space between each tag, visible words) is skipped, so a
    name spelled a tag at a time reads as the name (an outside review, session 50, F5)."""
    part = "".join(text[r.start:r.end] for r in found if r.kind is kind)
    if kind is Kind.TAGS:
        return "".join(chr(ord(c) - 0xE0000) for c in part if 0xE0020 <= ord(c) <= 0xE007E)
    return bytes(_selector_byte(c) or 0 for c in part).decode("utf-8", errors="replace")


@dataclass(frozen=True)
class HiddenText:
    """What a text's invisible characters spell, as far as it can be read."""

    spelled: tuple[str, ...]  # its tags, then its selectors, each decoded as one text
    unread: int  # unneeded invisible characters that may be bits (``_bits``): none decoded
    # private-use or unassigned code points (``_UNDRAWN``), and the text without them
    # (None when it has none): "MRN 447<U+E000>1920" hid the number from every recognizer
    undrawn: int = 0
    read_through: str | None = None


def hidden_text(text: str) -> HiddenText:
    """The texts spelled by ``text``'s tag characters and by its variation selectors that
    writing does not need (tags as ASCII, selectors as the bytes of UTF-8; each kind read
    in order across the whole text), and how many unneeded invisible characters it holds
    that may be bits (``_bits``: zero-width bits, which any scheme may read: nothing here
    can tell which); and the text without its private-use and unassigned code points when
    it has any (a third outside review, session 50, A2, left comments unread through them).
    Chat's own private-use marks (chat/ownwords.py) are never in a platform's comment."""
    found = runs(text)
    spelled = (_spelled(text, found, kind) for kind in (Kind.TAGS, Kind.SELECTORS))
    read_through, undrawn = _UNDRAWN.subn("", text)
    return HiddenText(tuple(s for s in spelled if s.strip()),
                      sum(r.end - r.start for r in found if _bits(text, r)),
                      undrawn, read_through if undrawn else None)


def _bits(text: str, run: Run) -> bool:
    """Unneeded invisible characters that may be bits: a run of two or more, or one that
    is no line-break hint (a joiner between two Latin letters, a bidi mark in a Latin
    line: one a boundary spelled a name, F1). A lone soft hyphen or zero-width space is
    common in pasted text, and a comment is not refused for it; so is a lone one at either
    end (a byte-order mark some clients put first, a joiner left last), which bounds no two
    letters: session 41 reads such comments as if it were not there."""
    if run.kind is not Kind.UNNEEDED:
        return False
    if run.end - run.start > 1:
        return True
    return text[run.start] not in BREAK_HINTS and run.start > 0 and run.end < len(text)


def without_hidden(text: str, keep: Callable[[str, int], bool] = lambda text, i: False) -> str:
    """``text`` without any invisible character writing does not need (``runs``), single
    ones too: one between each pair of letters carried a name (an outside review's second
    round, session 50, F1). ``keep(text, i)`` spares a lone one the caller put there itself
    (chat's escaping: a zero-width space after "://")."""
    cut = [r for r in runs(text) if r.kind is not Kind.WRITING
           and not (r.end - r.start == 1 and keep(text, r.start))]
    if not cut:
        return text
    kept, at = [], 0
    for r in cut:
        kept.append(text[at:r.start])
        at = r.end
    kept.append(text[at:])
    return "".join(kept)


# --- what the screen reads alike: one form stored ---------------------------------------
#
# A no-break or typographic space instead of a space, a CR, CRLF, U+2028/U+2029 or NEL
# instead of a line feed, blanks at a line's end, an accent typed as a combining mark
# instead of composed (NFD against NFC), an emoji presentation selector after a character
# drawn as an emoji anyway: each reads, and is screened, the same either way, so each such
# place carried a bit nobody sees (a name and an MRN in a 162-word post: an outside review,
# session 50, A1). Nothing is refused for them: a kept text is stored in the one form
# (``plain_layout``), so what approvers see, what is screened, hashed and published is the
# same text with nothing left to choose.

# Every line break a renderer draws but "\n": CRLF first, so it becomes one break.
_LINE_BREAKS = regex.compile(r"\r\n|[\r\u0085\u2028\u2029]")
# Unicode's space separators other than the space: NBSP, the ogham space mark, U+2000-200A,
# narrow NBSP, medium mathematical space, the ideographic space.
_SPACES = regex.compile(r"[^\P{Zs} ]")
# Narrow spaces (hair, thin, narrow no-break...) that letter-space a word are read as
# nothing: "M<hair>a<hair>r<hair>i<hair>a" is "Maria" to a reader and to the screen, which
# blocked it so; made full spaces it read "M a r i a", "c h e m o!" and "1 2 3 - 4 5", which
# it passes (an outside review's look-alike set, session 51), so those go: in a stretch of
# characters that narrow spaces alone part, three pieces or more and most of them one
# character each. Any other narrow space is a space ("Dr<thin>Okafor", "10<thin>000").
_NARROW = "[" + "".join(sorted(NARROW_SPACES)) + "]"
_NARROW_PARTED = regex.compile(rf"\S+(?:{_NARROW}+\S+)+")
_NARROW_RUN = regex.compile(_NARROW + "+")
LETTER_SPACED_PIECES = 3


def _letter_spaced(stretch: str) -> bool:
    pieces = _NARROW_RUN.split(stretch)
    single = sum(len(p) == 1 for p in pieces)
    return single >= LETTER_SPACED_PIECES and 2 * single > len(pieces)


def _one_letter(piece: str) -> bool:
    """One letter or digit, with any punctuation at it ("z," ending "L o p e z,")."""
    return sum(c.isalnum() for c in piece) <= 1


def _unspaced(stretch: str) -> tuple[str, int]:
    """A letter-spaced stretch as read: no narrow space between two single characters
    ("S<hair>m<hair>i<hair>t<hair>h" is "Smith") or two digits (a number letter-spaced in part
    is one number), one plain space where a whole word meets the spaced run: "John<hair>S
    <hair>m..." was stored "JohnSmith", which no reader sees and the screen passed (a
    second attack review, session 51, 4). Returns the text and how many runs it changed."""
    pieces = _NARROW_RUN.split(stretch)
    out = [pieces[0]]
    for before, after in zip(pieces, pieces[1:], strict=False):
        joined = (_one_letter(before) and _one_letter(after)) or (before[-1].isdigit()
                                                                  and after[0].isdigit())
        out += ["" if joined else " ", after]
    return "".join(out), len(pieces) - 1


_TRAILING = regex.compile(r"[ \t]+(?=\n|\Z)")
# What a reader cannot count (session 51, second part): one space or two, a tab or a space,
# an indented line or not, one blank line or two. Each choice was a bit a place (a name and
# an MRN in 1-vs-2 spaces); the screen reads them alike. So a tab is a space, a run of
# spaces inside a line one space, a line starts with no blank, the text starts and ends
# with no blank line, and paragraphs are parted by one blank line at most. Indentation
# goes too, though a terminal and the card show it: 0 to n blanks at each line's start
# would be log2(n) bits a line, and LinkedIn's and Facebook's feeds do not document
# keeping it (docs/history/security.md, "Session 51: carriers, second part").
_TAB = regex.compile(r"\t")
_INDENT = regex.compile(r"(?m)^ +")
_GAP = regex.compile(r" {2,}")
_EDGE_LINES = regex.compile(r"\A\n+|\n+\Z")
_BLANK_LINES = regex.compile(r"\n{3,}")


class Change(Enum):
    """What ``plain_layout`` changed, in the words of the user's note."""

    SPACING = ("narrow space(s) letter-spacing a word removed (one space kept where a whole "
               "word meets it)")
    SPACES = "no-break or typographic space(s) made plain spaces"
    BREAKS = "line end(s) (CR, CRLF, U+2028, U+2029, NEL) made line feeds"
    TRAILING = "blank(s) at line ends removed"
    TABS = "tab(s) made spaces"
    INDENT = "blank(s) at line starts removed"
    GAPS = "run(s) of spaces made one space"
    EDGE_LINES = "blank line(s) at the start or end removed"
    BLANK_LINES = "run(s) of blank lines made one blank line"
    BIDI = ("bidi mark(s) that change nothing removed, or written as the one mark that "
            "place takes")
    COMPOSED = "accent(s) typed as combining marks composed (NFC)"
    SELECTORS = "emoji selector(s) or joiner(s) outside Unicode's emoji sequences removed"
    QUALIFIED = "emoji sequence(s) written in their fully-qualified form"


@dataclass(frozen=True)
class Layout:
    text: str
    changes: tuple[tuple[Change, int], ...]  # what changed and how many places

    def note(self, what: str) -> str | None:
        """One line for the user when the text changed, else None."""
        if not self.changes:
            return None
        done = "; ".join(f"{n} {change.value}" for change, n in self.changes)
        return (f"note: {what} was normalised ({done}); it is stored, screened and published "
                "so, since each such place reads the same either way and could carry a "
                "hidden bit")


# Passes of ``_layout_pass`` until the text no longer changes: one removal can make another
# place plain (letter-spacing removed between "a" and a combining accent leaves text NFC
# composes), so the one form is a fixed point, not one pass (an attack review, session 51,
# 5: the door screened one form and stored another). Two or three suffice; the bound only
# keeps an unforeseen cycle from looping.
MAX_LAYOUT_PASSES = 8


def plain_layout(text: str) -> Layout:
    """``text`` in the one form the screen reads it as (see above): NFC; every space
    separator a space; every line break "\\n"; no blank at a line's start or end; tabs
    and runs of spaces one space; no blank line first or last, one at most in a row; each
    emoji in its one form (policies/emoji_forms.py). Idempotent: ``_layout_pass`` to a
    fixed point, which is NFC since a pass starts with NFC."""
    counts: dict[Change, int] = {}
    for _ in range(MAX_LAYOUT_PASSES):
        layout = _layout_pass(text)
        if layout.text == text:
            break
        text = layout.text
        for change, n in layout.changes:
            counts[change] = counts.get(change, 0) + n
    return Layout(text, tuple(counts.items()))


def _layout_pass(text: str) -> Layout:
    """One pass of ``plain_layout``'s steps, in order (NFC first: the letter-spacing test
    counts composed characters)."""
    changes: list[tuple[Change, int]] = []

    def step(change: Change, new: str, count: int) -> str:
        if count:
            changes.append((change, count))
        return new

    composed = unicodedata.normalize("NFC", text)
    text = step(Change.COMPOSED, composed, len(text) - len(composed)
                or int(composed != text))
    spaced = [m.span() for m in _NARROW_PARTED.finditer(text) if _letter_spaced(m.group())]
    if spaced:
        parts, at, gone = [], 0, 0
        for start, end in spaced:
            word, n = _unspaced(text[start:end])
            parts += [text[at:start], word]
            at, gone = end, gone + n
        text = step(Change.SPACING, "".join([*parts, text[at:]]), gone)
        # a narrow space before a combining mark kept it from composing: compose now, or
        # the stored text would not be in its one form and be refused at approval
        text = unicodedata.normalize("NFC", text)
    text = step(Change.SPACES, *_SPACES.subn(" ", text))
    text = step(Change.BREAKS, *_LINE_BREAKS.subn("\n", text))
    text = step(Change.TRAILING, *_TRAILING.subn("", text))
    text = step(Change.TABS, *_TAB.subn(" ", text))
    text = step(Change.INDENT, *_INDENT.subn("", text))
    text = step(Change.GAPS, *_GAP.subn(" ", text))
    text = step(Change.EDGE_LINES, *_EDGE_LINES.subn("", text))
    text = step(Change.BLANK_LINES, *_BLANK_LINES.subn("\n\n", text))
    text = step(Change.BIDI, *bidi_marks(text))
    form = emoji_form(text, _needed)
    step(Change.SELECTORS, text, form.removed)
    text = step(Change.QUALIFIED, form.text, form.completed)
    return Layout(text, tuple(changes))


def layout_spot(text: str) -> Carrier | None:
    """The first character of a stored ``text`` that ``plain_layout`` would change (a text
    stored before socialbot normalised them), or None: the approval and the publisher refuse
    such a revision like one holding a carrier, since its hash covers the text as stored."""
    kept = plain_layout(text).text
    if kept == text:
        return None
    spots = [m.start() for m in (_SPACES.search(text), _LINE_BREAKS.search(text),
                                 _TRAILING.search(text), _TAB.search(text),
                                 _INDENT.search(text), _EDGE_LINES.search(text)) if m]
    # the second space of a run, the third line feed of a run: the first is writing
    spots += [m.start() + n for m, n in ((_GAP.search(text), 1), (_BLANK_LINES.search(text), 2))
              if m]
    emoji_at = emoji_form(text, _needed).first
    spots += [] if emoji_at is None else [emoji_at]
    if not unicodedata.is_normalized("NFC", text):
        spots += [next((i for i in range(len(text)) if not unicodedata.is_normalized(
            "NFC", text[max(0, i - 4):i + 1])), 0)]
    # anything else (letter-spacing): where the stored and the kept text first differ
    at = min(spots, default=first_difference(text, kept))
    return Carrier(at, text[at])
