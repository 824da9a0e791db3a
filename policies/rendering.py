"""Which characters a reader sees as nothing, and which as a blank gap: one list for the PHI
screen's normaliser (policies/phi/normalize.py) and for the check that refuses a blank text
(social_bot/inputs.py). Its own module, so the CLI's input checks do not import the screen."""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

# Code points that render as nothing though Unicode files them as letters or marks.
_NOTHING = frozenset({0x034F, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x16FE4})
# ... and those that render as a blank gap: Hangul fillers, braille blank, and the narrow
# spaces NFKC turns into a space (three-, four- and six-per-em, punctuation, thin, hair,
# narrow no-break, medium mathematical)
_GAPS = frozenset({0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x2004, 0x2005, 0x2006, 0x2008,
                   0x2009, 0x200A, 0x202F, 0x205F})


# the narrow spaces among the gaps (not the fillers): drawn so thin between two letters that a
# reader reads "M\u200aa\u200ar\u200ai\u200aa" as one letter-spaced word, as the screen does
NARROW_SPACES = frozenset(chr(c) for c in _GAPS if unicodedata.category(chr(c)) == "Zs")


def control(ch: str) -> bool:
    """A C0 control other than tab, line feed and carriage return, or DEL: nothing a person
    writes into a post. A web page draws nothing for it and a terminal acts on it (ESC starts
    a sequence), so "123-45-67\x0189" reads as an SSN (an outside review, session 43)."""
    return (ch < " " and ch not in "\t\n\r") or ch == "\x7f"


# the controls among those that Python and the recognizers' \s take for whitespace (vertical
# tab, form feed, the information separators): a reader may see a break or nothing there
CONTROL_GAPS = frozenset("\v\f\x1c\x1d\x1e\x1f")


# Which characters are format controls and default-ignorable, by the `regex` package's
# Unicode (17 here), not Python's `unicodedata` (14 on Python 3.11): `_UNDRAWN`
# (policies/hidden.py) already asks `regex` what is assigned, so the two read one Unicode.
# With two, U+13439-1343F (Egyptian hieroglyph format controls, Cf since Unicode 15) were
# assigned and drawn to the door and to the screen: "MRN 551<U+13439>7302" passed the post
# screen, and a name and an MRN in base 7 passed as a run (a second attack review, session 51).
_FORMAT = regex.compile(r"\p{Cf}")
_IGNORABLE = regex.compile(r"[\p{Cf}\p{Default_Ignorable_Code_Point}]")


def format_char(ch: str) -> bool:
    """A format control (category Cf) in the `regex` package's Unicode."""
    return _FORMAT.match(ch) is not None


def invisible(ch: str) -> bool:
    """Renders as nothing: format characters (Cf: zero-width space and joiners, soft hyphen,
    bidi controls, word joiner, BOM, tags) and every other default-ignorable code point
    (variation selectors, U+034F, U+2065, U+FFF0-FFF8, U+E0000-E0FFF, assigned or not:
    renderers draw nothing for them; DerivedCoreProperties.txt), both read from `regex`'s
    Unicode; _NOTHING; the C0 controls that are not whitespace and DEL (see control), and
    the C1 controls. The Hangul fillers are default-ignorable too, but drawn as a blank gap
    (``blank_gap``), and read as one."""
    return _invisible(ch)


# cached: asked of every character of every text screened or checked, and a `regex` match
# costs ~15 times a `unicodedata` look-up (texts reuse few distinct characters)
@functools.lru_cache(maxsize=8192)
def _invisible(ch: str) -> bool:
    point = ord(ch)
    return ((_IGNORABLE.match(ch) is not None and point not in _GAPS)
            or point in _NOTHING or 0x80 <= point <= 0x9F
            or (control(ch) and ch not in CONTROL_GAPS))


def blank_gap(ch: str) -> bool:
    """Renders as a gap narrower than or as wide as a space, but is no ASCII space."""
    return ord(ch) in _GAPS


# Controls and every kind of space or separator, beside what renders as nothing or as a
# blank gap: one list, so a text the PHI screen would refuse as empty is known blank first
# (the CLI's input checks, social_bot/inputs.py; the comment classifier's batches).
_BLANK_CATEGORIES = frozenset({"Cc", "Zs", "Zl", "Zp"})


def is_blank(text: str) -> bool:
    """True when nothing in `text` would be visible once posted."""
    return all(unicodedata.category(c) in _BLANK_CATEGORIES or invisible(c) or blank_gap(c)
               for c in text)


# Text a person wrote (a post, a comment, a name, a note) is printed with each control
# character drawn as a glyph, one for one, so spans and columns stay where they were: an
# author's "\x1bc" (terminal reset) had wiped `post show` down to the text after it, and a
# commenter's had hidden an abusive comment in `comments list` (an outside review, session 43).
# C0 controls and DEL become their Control Pictures (U+2400-U+2421: ␛ for ESC); C1 controls,
# which some terminals also obey (U+009B starts a sequence), become U+FFFD. Line feeds and
# tabs stay; a carriage return stays only before a line feed (a Windows line end).
_PICTURES = {**{chr(c): chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"},
             "\x7f": "\u2421", **{chr(c): "\ufffd" for c in range(0x80, 0xA0)}}
_CONTROLS = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible(text: str | None) -> str:
    """``text`` (a person's words) safe to write to a terminal: controls drawn as glyphs
    (the CLI prints every stored or typed text through this, social_bot/cli/common.py)."""
    return _CONTROLS.sub(lambda m: _PICTURES[m.group(0)], text or "")
