"""A comment too long to classify whole, read as a person reads it (the attack review of
session 54, C1).

The daemon classifies at most ``size`` characters of a comment (monitor.ANALYSED_CHARS).
Before, a longer comment was only flagged ``too_long`` and never hidden, and the length was
counted on the raw text: a third party's name, birth date and diagnosis followed by 20,001
spaces (or zero-width spaces) renders as one line on the platform, yet stayed visible until a
person read it. Now:

- the length is counted on the text as a reader sees it: every run of one character that
  renders as blank or as nothing (spaces, line breaks, tabs, no-break and narrow spaces,
  zero-width characters, other format controls) is read as one such character
  (``as_read``). Only runs of one repeated character are shortened: a run of different
  invisible characters may spell hidden text (policies/hidden.py), which the classifier
  decodes, so it is kept as it is;
- a comment still too long after that is judged on its first and last ``size`` characters
  (``windows``), so words at either end are hidden as they would be alone; the middle of a
  long comment is left to the person the ``too_long`` flag calls;
- and, beside those, on its visible words alone (``visible_only``: every run of two or more
  blank or invisible characters, of any mix, read as one space). Outside review D of session
  54: two pads of alternating blanks (" \t" or " \u200b" repeated) around a line are not
  one repeated character, so ``as_read`` kept them, both windows held only padding, and a
  third party's PHI that renders as one short line was never classified.
"""

from __future__ import annotations

import functools

import regex

from policies.phi.lazy_pattern import lazy
from policies.rendering import blank_gap, invisible

# a run of one character repeated, where the character is no visible ASCII: candidates only
# (a doubled accented letter matches too and is left alone by _shorten)
_REPEATED = lazy(r"([^!-~])\1+")


def _shorten(match: object) -> str:
    run: str = match.group(0)  # type: ignore[attr-defined]
    ch = run[0]
    return ch if (ch.isspace() or invisible(ch) or blank_gap(ch)) else run


def as_read(text: str) -> str:
    """``text`` with each run of one repeated blank or invisible character read as one.
    Linear in the text's length (one regular-expression pass, one call per run)."""
    return _REPEATED.sub(_shorten, text)


@functools.cache
def _blank_run() -> regex.Pattern[str]:
    """Two or more characters that render blank or as nothing, of any mix (compiled on first
    use): whitespace, controls, format and default-ignorable characters, spaces and the blank
    gaps policies.rendering names (Hangul fillers, braille blank)."""
    return regex.compile(r"[\s\p{Cc}\p{Cf}\p{Zs}\p{Default_Ignorable_Code_Point}"
                         r"\u115f\u1160\u3164\uffa0\u2800]{2,}")


def visible_only(text: str) -> str:
    """``text`` with every run of two or more blank or invisible characters, whatever their
    mix, read as one space: the words a reader sees, for a comment ``as_read`` leaves too
    long (a run of different invisible characters is kept there for policies/hidden.py)."""
    return _blank_run().sub(" ", text)


def windows(text: str, size: int) -> list[str]:
    """The parts of ``text`` to classify: the whole when it fits ``size``, else its first and
    last ``size`` characters."""
    if len(text) <= size:
        return [text]
    return [text[:size], text[-size:]]
