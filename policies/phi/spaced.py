"""Letter-spaced words read as a reader reads them (an attack review, session 54, C3).

"M a r i s o l  Q u i n t e r o", "0 7 / 2 2 / 1 9 7 9": a reader sees a name and a date;
the recognizers saw single characters and found nothing. spaced_reading() gives a second
reading of such a text: each run of three or more single characters, each after one
separator a reader skips (a space of any width but one, a full stop, a dash, an underscore,
mixed), joined into a word. A wider gap (two blanks or more) is a word break, and so is a
capital after a small letter inside one run ("M a r i s o l Q u i n t e r o"). The screen
reads that text beside the one as written and only adds what it blocks there (screen.py):
"A B C of diabetes" read as "ABC of diabetes" blocks nothing, so nothing is added.

Cheap when there is no such run: one regular-expression search."""

from __future__ import annotations

import unicodedata

from policies.rendering import blank_gap, invisible

from .lazy_pattern import lazy

# one run uses one kind of separator (mixed, "9 a.m" is a time, not a spelled word): one
# blank of any width between single characters (a letter, a digit, or a mark of a date, a
# phone or a code: "0 7 / 2 2", "6 1 7 - 5 5 5"), or the same separator between single
# letters or digits: any short string of characters that are neither letters, digits nor
# blanks, with one blank on both sides or on neither ("D.e.l.p.h", "A_r_c_e", "R|o|s|a",
# "R + o + s + a", "R\u2026o\u2026s\u2026a", an emoji with its variation selector or a
# ZWJ sequence between letters). A principle, not a list: session 54 joined only full stops,
# dashes, underscores and middle dots, and an attack review (s55, P1) got a name past the
# screen with "|", "+", ",", ";", "?", "%", "&" and "\u2026". A mark with a blank after it
# only is punctuation as it is written: a list ("a, b, c"), initials ("J. R. R.").
_BLANK = r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]"
_BLANK_UNIT = r"(?:[^\W_]|[/\-.:+#])"
_MARK = r"(?:[^\w\s]|_)"
_JOINER = rf"{_MARK}{{1,8}}|{_BLANK}{_MARK}{{1,8}}{_BLANK}"
# digits alone join only with the marks a date, a phone or a code is written with (session
# 54's): with any other mark they are a list, a countdown or a sum as written ("rooms
# 1,2,3,4,5,6,7,8,9", "9;8;7", "5|5|5"), which joined read as a nine-digit identifier and
# blocked everyday posts (lead's narrowing of s55-spacedfix, measured on own probes)
_DIGIT_JOINER = lazy(r"[._\-\u00b7\u2010-\u2015\u2022]")
# a run with one separator throughout is read first ("R + o + s + a" is "Rosa", not
# "R+o+s+a"); it starts after a blank, a bracket, a mark that is not part of a domain, a path
# or a number ("|R|o|s|a|"), or the text's start, and ends before a blank, another such mark
# or the text's end, after its own separator once more at most: "e-mail" and "a.m." hold
# fewer than three single characters and are no run, "x.a.b.c.org" and "/p/q/r/" are a
# domain and a path. A blank-spaced run starts after a blank, an opening bracket or quote, or
# the text's start, and ends before a blank, a closing punctuation mark or the text's end:
# "M a r i s o l," ends at "l"
_RUN = lazy(
    rf"(?<![\w./@:\-])[^\W_](?P<sep>{_JOINER})[^\W_](?:(?P=sep)[^\W_])+"
    rf"(?:(?P=sep)(?=\s|$))?(?=\s|$|[^\w\s./@:\-]|[.\-:/](?:\s|$))"
    rf"|(?<![^\s(\[{{\"'\u201c\u2018])"
    rf"{_BLANK_UNIT}(?:{_BLANK}{_BLANK_UNIT}){{2,}}"
    rf"(?=[\s,;:!?)\]}}\"'\u201d\u2019]|[.\-](?:\s|$)|$)"
)
# a wider gap between two runs: a word break, read as one space
_GAP = lazy(r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]{2,}")


def spaced_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the letter-spaced runs in ``text`` ("0 7 / 2 2" is one run)."""
    return [(start, end) for start, end, _ in _runs(text)]


def _runs(text: str) -> list[tuple[int, int, int]]:
    """Each run's span and the distance from one of its characters to the next (2 for one
    blank, 1 + the separator's length otherwise); a closing separator is not in the span."""
    out = []
    for m in _RUN.finditer(text):
        sep = m.group("sep")
        if sep is not None and _unseen(sep.strip()[0]):
            continue  # decoration, read by normalize.py: "J\u0336o\u0336h\u0336n", "M\u200ba"
        step = 2 if sep is None else 1 + len(sep)
        start, end = m.span()
        end = start + (end - start - 1) // step * step + 1  # "R|o|s|a|": to the "a"
        if sep is not None and not _DIGIT_JOINER.fullmatch(sep.strip()) \
                and text[start:end:step].isdigit():
            continue  # digits listed, counted down or added up: "rooms 1,2,3,4", "2+2+2"
        out.append((start, end, step))
    return out


def _unseen(ch: str) -> bool:
    """A character a reader does not see as a separator: a combining mark (it marks the
    letter before it: a strike-through or a dot on every letter), or one that renders as
    nothing or as a blank gap (a zero-width space between letters); normalize.py reads
    those."""
    return unicodedata.category(ch).startswith("M") or invisible(ch) or blank_gap(ch)


def spaced_reading(text: str) -> tuple[str, list[int], list[tuple[int, int]]] | None:
    """The text with each letter-spaced run joined into words, each character's index in
    ``text`` (increasing), and the runs' spans in ``text``; None when there is no run."""
    runs = _runs(text)
    if not runs:
        return None
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for start, end, step in runs:
        between = text[at:start]
        gap = _GAP.fullmatch(between) if out and at else None
        if gap:  # two runs with a wider gap between them: two words, one space
            out.append(" ")
            origin.append(at)
        else:
            out.append(between)
            origin.extend(range(at, start))
        previous = ""
        for i in range(start, end, step):
            ch = text[i]
            if previous.islower() and ch.isupper():  # "...s o l Q u i...": a new word,
                out.append(" ")  # the space where the separator stood
                origin.append(i - 1)
            out.append(ch)
            origin.append(i)
            previous = ch
        at = end
    out.append(text[at:])
    origin.extend(range(at, len(text)))
    return "".join(out), origin, [(start, end) for start, end, _ in runs]
