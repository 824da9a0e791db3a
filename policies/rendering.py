"""Which characters a reader sees as nothing, and which as a blank gap: one list for the PHI
screen's normaliser (policies/phi/normalize.py) and for the check that refuses a blank text
(social_bot/inputs.py). Its own module, so the CLI's input checks do not import the screen."""

from __future__ import annotations

import unicodedata

# Code points that render as nothing though Unicode files them as letters or marks.
_NOTHING = frozenset({0x034F, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x16FE4})
# ... and those that render as a blank gap: Hangul fillers, braille blank, and the narrow
# spaces NFKC turns into a space (three-, four- and six-per-em, punctuation, thin, hair,
# narrow no-break, medium mathematical)
_GAPS = frozenset({0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x2004, 0x2005, 0x2006, 0x2008,
                   0x2009, 0x200A, 0x202F, 0x205F})


def invisible(ch: str) -> bool:
    """Renders as nothing: format characters (Cf: zero-width space and joiners, soft hyphen,
    bidi controls, word joiner, BOM, tags), variation selectors, _NOTHING, the C1 controls,
    and the code points
    Unicode reserves as default-ignorable (renderers draw nothing for them even unassigned:
    U+2065, U+FFF0-FFF8, U+E0000-E0FFF; DerivedCoreProperties.txt)."""
    point = ord(ch)
    return (unicodedata.category(ch) == "Cf" or point in _NOTHING or 0x80 <= point <= 0x9F
            or 0xFE00 <= point <= 0xFE0F or 0xE0000 <= point <= 0xE0FFF
            or 0x2060 <= point <= 0x206F or 0xFFF0 <= point <= 0xFFF8
            or 0x1BCA0 <= point <= 0x1BCA3 or 0x1D173 <= point <= 0x1D17A)


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
