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

from .lazy_pattern import lazy

# one run uses one kind of separator (mixed, "9 a.m" is a time, not a spelled word): one
# blank of any width between single characters (a letter, a digit, or a mark of a date, a
# phone or a code: "0 7 / 2 2", "6 1 7 - 5 5 5"), or the same full stop, dash or underscore
# between single letters or digits ("D.e.l.p.h", "A_r_c_e")
_BLANK = r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]"
_BLANK_UNIT = r"(?:[^\W_]|[/\-.:+#])"
_JOINER = r"[._\-\u00b7\u2010-\u2015\u2022]"
# the run starts after a blank, an opening bracket or quote, or the text's start, and ends
# before a blank, a closing punctuation mark or the text's end: "M a r i s o l," ends at
# "l"; "e-mail" and "a.m." hold fewer than three single characters and are no run
_RUN = lazy(
    rf"(?<![^\s(\[{{\"'\u201c\u2018])"
    rf"(?:{_BLANK_UNIT}(?:{_BLANK}{_BLANK_UNIT}){{2,}}|[^\W_]({_JOINER})[^\W_](?:\1[^\W_])+)"
    rf"(?=[\s,;:!?)\]}}\"'\u201d\u2019]|[.\-](?:\s|$)|$)"
)
# a wider gap between two runs: a word break, read as one space
_GAP = lazy(r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]{2,}")


def spaced_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the letter-spaced runs in ``text`` ("0 7 / 2 2" is one run)."""
    return [m.span() for m in _RUN.finditer(text)]


def spaced_reading(text: str) -> tuple[str, list[int], list[tuple[int, int]]] | None:
    """The text with each letter-spaced run joined into words, each character's index in
    ``text`` (increasing), and the runs' spans in ``text``; None when there is no run."""
    runs = spaced_runs(text)
    if not runs:
        return None
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for start, end in runs:
        between = text[at:start]
        gap = _GAP.fullmatch(between) if out and at else None
        if gap:  # two runs with a wider gap between them: two words, one space
            out.append(" ")
            origin.append(at)
        else:
            out.append(between)
            origin.extend(range(at, start))
        previous = ""
        for i in range(start, end):
            ch = text[i]
            if i > start and (i - start) % 2 == 1:
                continue  # a separator
            if previous.islower() and ch.isupper():  # "...s o l Q u i...": a new word,
                out.append(" ")  # the space where the separator stood
                origin.append(i - 1)
            out.append(ch)
            origin.append(i)
            previous = ch
        at = end
    out.append(text[at:])
    origin.extend(range(at, len(text)))
    return "".join(out), origin, runs
