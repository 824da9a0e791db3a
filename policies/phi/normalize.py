"""Screen what a reader sees: NFKC, invisible format and bidi controls removed, look-alike
letters mapped to the ASCII letter they imitate (Unicode's confusables table, compiled by
data/build_vocab.py). Every character of the normalised text remembers where it came from,
so a finding's span can be put back on the text the author wrote.

Beyond NFKC, what an outside review (session 21, 370 ways through) found a reader sees
through: characters that render as nothing whatever their category (variation selectors,
the combining grapheme joiner, Mongolian and Khmer fillers) are removed; a combining mark
joins the letter before it where Unicode composes the two ("Mari\u0301a" is "María") and
is dropped where it is decoration (a strike-through or a dot on every letter); digits of
any script are the ASCII digit (before the confusables table, which reads some as letters);
Unicode dashes, slashes and full stops inside numbers are "-", "/" and "."; a letter drawn
in a box, a circle or parentheses is the letter. Characters that render as a blank gap
(Hangul and braille fillers, hair and thin spaces) are read both ways, as a space and as
nothing ("d\u200ai\u200aa\u200ab\u200ae\u200at\u200ae\u200as" letter-spaced is still the
word): the text is screened once with the gaps as spaces and, after a paragraph break, once
without them.

A right-to-left override (U+202E ... U+202C) makes a reader see the characters between them
in reverse: "\u202ehtimS nhoJ\u202c" shows as "John Smith". Such a text is screened in both
orders: the stored one, then, after a paragraph break, the one a reader sees.

Digits and symbols written for letters inside a word ("chem0", "d1abetes", "c@ncer") are
read as the letters when that spells a word of the health vocabulary; one character for one,
so spans do not move.

A text with a word spelled out letter by letter ("T.o.m.m.y", "R-O-S-A", three letters or
more, one separator) is read both ways too, as written (initials: "J.R.T.") and, after a
paragraph break, with the word as a reader reads it; so is a text with a dot-like character
that is not ASCII between two letters ("Ro·sa", "Ro•sa"), with the dot as a full stop and as
nothing (session 27, an outside review: the learned parts had caught such names by chance,
and a retrain let them go). Two letters ("J.M.", "a.m.") are never a spelled word, and an
ASCII full stop between longer parts stays (a domain)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from policies.rendering import CONTROL_GAPS, NARROW_SPACES, blank_gap, invisible

from .lazy_pattern import lazy
from .recase import recase


class EmptyText(ValueError):
    """Nothing a reader would see is left once invisible characters are removed."""


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: tuple[int, ...] | None  # origin[i]: index in the original of normalised char i
    original: str
    doubled: bool = False  # a second reading follows a paragraph break (see both_orders)

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
        """The text is screened twice over (a right-to-left override: as stored and as
        displayed; a blank-rendering gap: as a space and as nothing; a word spelled letter by
        letter or a dot drawn inside a word: as written and as read), so most findings come
        twice."""
        # each distinct character once (a post repeats few): asked of every text screened
        return self.doubled or _RLO in self.original or any(map(_gap, set(self.original)))


_RLO = "\u202e"  # right-to-left override: LTR letters after it are shown reversed
# what is not copied as written: any character but printable ASCII, tab, LF and CR (the C0
# controls and DEL are read like the invisible characters: "123-45-67\x0189" is an SSN to a
# reader; an outside review, session 43, found them copied whole and the SSN a warning)
_NOT_PLAIN = lazy(r"[^\t\n\r\x20-\x7e]+")


def _plain(ch: str) -> bool:
    return " " <= ch <= "~" or ch in "\t\n\r"


def _gap(ch: str) -> bool:
    """Read both as a space and as nothing: a blank gap, or a control that is whitespace to
    the recognizers (a vertical tab inside "123-45-67\v89", between "John" and "Smith")."""
    return ch in CONTROL_GAPS or blank_gap(ch)


_PUSH = frozenset("\u202a\u202b\u202d\u202e")  # embeddings and overrides: a PDF pops one
_ISOLATE = frozenset("\u2066\u2067\u2068")  # isolates: a PDI closes one
_PARAGRAPH_END = frozenset("\n\r\u2029\x1c\x1d\x1e\x85")


def _displayed(text: str) -> list[int]:
    """Indices of `text` in the order a reader sees them: each RLO run reversed, line by line.

    Per UAX #9 a run ends at the PDF that pops the RLO itself (a nested LRO ... PDF inside it
    does not end it), at a PDI only if an isolate was open around the RLO (an unmatched PDI
    closes nothing), and at the paragraph's end; a line separator inside it keeps the
    override but each line is reordered on its own (found by review: a stray PDI or an empty
    LRO ... PDF had ended the reversal early)."""
    order: list[int] = []
    isolates = 0  # isolates open before the text position, outside any run
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != _RLO:
            if ch in _ISOLATE:
                isolates += 1
            elif ch == "\u2069" and isolates:
                isolates -= 1
            elif ch in _PARAGRAPH_END:
                isolates = 0
            order.append(i)
            i += 1
            continue
        j, depth, inner = i + 1, 0, 0
        while j < len(text) and text[j] not in _PARAGRAPH_END:
            c = text[j]
            if c in _PUSH:
                depth += 1
            elif c == "\u202c":
                if not depth:
                    break
                depth -= 1
            elif c in _ISOLATE:
                inner += 1
            elif c == "\u2069":
                if inner:
                    inner -= 1
                elif isolates:  # closes the isolate the RLO sits in, and the RLO with it
                    break
            j += 1
        line = i
        for k in [*(k for k in range(i, j) if text[k] == "\u2028"), j]:
            order.extend(range(k - 1, line - 1, -1))  # this line of the run, reversed
            if k < j:
                order.append(k)
            line = k + 1
        i = j
    return order


# separators a reader takes for "-", "/" and "." inside a number or an address (looked up
# before and after NFKC: "\u207b" and "\u0387" become characters listed here)
_SEPARATORS = {**dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\u02d7\u058a"
                               "\u2500\u2501\u2796\ufe58\u30fc\u3161\u4e00\u23af\u2e3a\u2e3b"
                               "\u05be\u2e17\u1806\u2e40\uff70\u1173\u1400\u2053\u2574\u301c"
                               "\u30a0\uff5e\uffda\u2cba", "-"),
               **dict.fromkeys("\u2215\u2044\u29f8\u2571\u27cb\u30ce\uff89\u4e3f\u2f03\u31d3"
                               "\u2afd\u1735", "/"),
               **dict.fromkeys("\u3002\u0589\uff61\u00b7\u2027\u30fb\uff65\u2219\u22c5\u2022"
                               "\ua4f8\u0387\u2e31\u16eb\u0702\u0701\u06d4\u1362\u2e33\ua78f",
                               ".")}
# what may stand on either side of such a separator: a letter, a digit, a bracket ("(555)-")
_SEPARATED = lazy(r"[^\W_]|[()\[\]]")
# "NEGATIVE SQUARED LATIN CAPITAL LETTER A", "PARENTHESIZED LATIN SMALL LETTER A", ...
_LETTER_NAME = lazy(r"\bLATIN (CAPITAL|SMALL) LETTER ([A-Z])$")
# look-alikes of I and l the confusables table leaves out (it maps to no "I" or "l")
_I_LIKE = {"\u0406": "I", "\u0456": "i", "\u04c0": "I", "\u04cf": "l", "\u01c0": "l",
           "\ua4f2": "I", "\u2223": "l", "\u05c0": "l", "\u07ca": "l", "\u2d4f": "I",
           "\u2502": "l", "\u2758": "l", "\uffe8": "l", "\u16c1": "I", "\u0196": "l"}
# read as the bare letter where accents are (normalize, not revealed: Vietnamese spells with "đ")
_STROKED = {"\u00f8": "o", "\u00d8": "O", "\u0111": "d", "\u0110": "D", "\u0142": "l",
           "\u0141": "L", "\u0127": "h", "\u0126": "H", "\u0167": "t", "\u0166": "T",
           "\u0180": "b", "\u0268": "i", "\u0289": "u", "\u01b6": "z", "\u01e5": "g",
           "\u20b5": "C", "\u2c67": "H", "\u0246": "E", "\u20a5": "m", "\u0247": "e"}


# Accented letters the rules spell out (Spanish: "nació", "cumpleaños"); any other accent on a
# Latin letter is read as the bare letter ("J\u0307o\u0307h\u0307n", a dot on every letter,
# is John; so is "Jöhn"): the names, vocabularies and recognizers are ASCII.
_KEPT_ACCENTS = frozenset("áéíóúñüÁÉÍÓÚÑÜ")


def _bare(ch: str) -> str:
    """A Latin letter with diacritics as its ASCII letter, unless the rules spell it."""
    if ch in _KEPT_ACCENTS or ch.isascii():
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isascii() and base.isalpha() else ch


# by the `regex` package's Unicode, as `invisible` is (policies/rendering.py): Python's
# `unicodedata` (Unicode 14) calls a mark added since unassigned, so "MRN 551<U+0897>7302"
# (a Unicode 15 mark drawn on the 1) hid the number from the screen (a second attack review,
# session 51, 2)
_MARKS = regex.compile(r"[\p{Mn}\p{Me}]")


def _mark(ch: str) -> bool:
    """A combining mark: it draws on the character before it."""
    return bool(unicodedata.combining(ch)) or _MARKS.match(ch) is not None


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The visible characters before and after text[i], invisible characters and combining
    marks aside ("" at either end)."""
    def visible(step: int) -> str:
        j = i + step
        while 0 <= j < len(text) and (invisible(text[j]) or _mark(text[j])):
            j += step
        return text[j] if 0 <= j < len(text) else ""

    return visible(-1), visible(1)


def _between(text: str, i: int) -> bool:
    """text[i] stands between two letters, digits or brackets, invisible characters and
    combining marks aside ("123\u200b\u2013\u200b45", "(555)\u2011867")."""
    before, after = _neighbours(text, i)
    return bool(before and after and _SEPARATED.match(before) and _SEPARATED.match(after))


def _inner_dot(text: str, i: int) -> bool:
    """text[i] is a dot-like character that is not ASCII (by itself or by NFKC: "\u2024",
    "\uff0e") with a letter on either side, invisible characters and marks aside."""
    ch = text[i]
    if ch.isascii() or not (ch in _DOTS or unicodedata.normalize("NFKC", ch) in _DOTS_OR_STOP):
        return False
    before, after = _neighbours(text, i)
    return before.isalpha() and after.isalpha()


def _dotted(text: str) -> bool:
    """A dot-like character that is not ASCII stands between two letters (inside a name, for
    a space, or in a domain): the text is also read with such dots as nothing."""
    return any(_inner_dot(text, i) for i in range(len(text)) if not text[i].isascii())


def _as_seen(ch: str, table: dict[str, str], inside: bool = False, fold: bool = True) -> str:
    """What one visible, non-combining, non-ASCII character reads as; ``inside``: it stands
    between two letters or digits, where a dash, slash or dot separates the parts of one
    number or address ("123\u201345\u20136789"); elsewhere an en or em dash is punctuation
    ("before the holidays \u2014 Dec 23rd") and stays as written."""
    digit = unicodedata.decimal(ch, None)
    if digit is None and unicodedata.category(ch) == "No":  # dingbat circled digits
        value = unicodedata.numeric(ch, None)
        digit = int(value) if value is not None and value in range(10) else None
    if digit is not None:
        return str(digit)
    if inside:
        for form in (ch, unicodedata.normalize("NFKC", ch)):
            if form in _SEPARATORS:
                return _SEPARATORS[form]
    if ch in _I_LIKE:
        return _I_LIKE[ch]
    if fold and ch in _STROKED:  # a letter with a stroke or a hook has no decomposition
        return _STROKED[ch]
    if unicodedata.category(ch) == "Sk" and not 0x1F3FB <= ord(ch) <= 0x1F3FF:
        return ""  # a spacing accent ("d\u02d9i\u02d9a"): decoration; skin tones stay
    if unicodedata.category(ch) == "So":  # a letter in a box, a circle, parentheses
        named = _LETTER_NAME.search(unicodedata.name(ch, ""))
        if named:
            letter = named.group(2)
            return letter if named.group(1) == "CAPITAL" else letter.lower()
    return "".join(c if c.isascii() else (_bare if fold else str)(table.get(c, c))
                   for c in unicodedata.normalize("NFKC", ch))


# Look-alike digits and symbols for letters; "1", "|" and "!" read as "i" or as "l".
_LEET = str.maketrans("034579@$", "oeastgas")
_LEET_I = str.maketrans("1|!", "iii")
_LEET_L = str.maketrans("1|!", "lll")
# cheap pre-check: such a character between letters, or digits ending a word of letters
_LEET_HINT = lazy(r"[A-Za-z][0-9@$|!]+[A-Za-z]|[A-Za-z]{2}[0-9]+\b|\b[0-9|][a-z]{3}")
_LEET_WORD = lazy(r"(?<![\w@$|!.])[A-Za-z0-9@$|!]*[A-Za-z][A-Za-z0-9@$|!]*")


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
_SYMBOL_RUN = lazy(rf"[^\w\s]{{{_RUN_STEP + 1},}}")


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


# three or more single letters, each after the same separator ("T.o.m", "R-O-S-A."), not
# inside a word, a number or a domain
_SPELLED = lazy(r"(?<![\w.@/-])[^\W\d_]([.-])[^\W\d_](?:\1[^\W\d_])+(?:\1(?=\s|$))?"
                r"(?![\w@/-])")
_DOTS = frozenset(c for c, sep in _SEPARATORS.items() if sep == ".")
_DOTS_OR_STOP = _DOTS | {"."}


def _spelled(text: str) -> list[tuple[int, int]]:
    """The spans of the words spelled letter by letter, with a lower-case letter among them:
    in capitals they are acronyms ("C.O.P.D.", "B.R.C.A.") or initials, as written."""
    return [m.span() for m in _SPELLED.finditer(text) if any(c.islower() for c in m.group(0))]


def _unspelled(text: str, origin: list[int], runs: list[tuple[int, int]],
               ) -> tuple[str, list[int]]:
    """Each word spelled letter by letter (``runs``) read as the word, a closing full stop
    kept; origin follows."""
    out: list[str] = []
    kept: list[int] = []
    at = 0
    for start, end in runs:
        out.append(text[at:start])
        kept.extend(origin[at:start])
        for i in range(start, end):
            if text[i].isalpha() or (i == end - 1 and text[i] == "."):
                out.append(text[i])
                kept.append(origin[i])
        at = end
    out.append(text[at:])
    kept.extend(origin[at:])
    return "".join(out), kept


def _and_spelled(text: str, origin: list[int], last: int) -> tuple[str, list[int]] | None:
    """``text`` and, after a paragraph break, its spelled words as read (origin follows; the
    break stands on ``last``, the original's last index), or None when it spells none."""
    runs = _spelled(text)
    if not runs:
        return None
    spelled, also = _unspelled(text, origin, runs)
    return f"{text}\n\n{spelled}", [*origin, last, last, *also]


# a run of four blank characters or more (after normalising: a no-break space, U+3000 or a
# hair space is a space by then, a zero-width space between blanks is gone) is read as one
# break: no identifier or word is written in it, and several recognizers' gaps ("\s+" between
# a name and a role, then "\s*") took time growing with the square of such a run (20,000
# spaces: 24 s a post)
_BLANK_RUN = lazy(r"\s{4,}")
_LINE_BREAK = lazy(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def without_blank_runs(text: str) -> tuple[str, list[int]] | None:
    """The text with each long blank run read as a paragraph break (two or more line breaks
    in it), a line break (one) or a space, and each character's index in the text; None when
    there is no such run."""
    if not _BLANK_RUN.search(text):
        return None
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for m in _BLANK_RUN.finditer(text):
        out.append(text[at : m.start()])
        origin.extend(range(at, m.start()))
        breaks = len(_LINE_BREAK.findall(m.group(0)))
        kept = "\n\n" if breaks >= 2 else "\n" if breaks else " "
        out.append(kept)
        origin.extend([m.start()] * len(kept))
        at = m.end()
    out.append(text[at:])
    origin.extend(range(at, len(text)))
    return "".join(out), origin


def normalize(text: str) -> Normalized:
    """What a reader sees of ``text`` (the module's docstring), spans kept on ``text``."""
    read = _normalize(text)
    shortened = without_blank_runs(read.text)
    if shortened is None:
        return read
    short, kept = shortened
    origin = [read.origin[i] for i in kept] if read.origin is not None else kept
    return Normalized(short, tuple(origin), text, read.doubled)


def _normalize(text: str) -> Normalized:
    if text.isascii() and not _NOT_PLAIN.search(text):
        if not text.strip():
            raise EmptyText("the text is empty")
        both = _and_spelled(text, list(range(len(text))), len(text) - 1)
        if both:  # as written, then, after a paragraph break, as read
            return Normalized(recase(_unleet(both[0])), tuple(both[1]), text, doubled=True)
        return Normalized(recase(_unleet(text)), None, text)
    from .vocabulary import confusables

    table = confusables()
    out: list[str] = []
    origin: list[int] = []

    def read(i: int, gap: str, join: bool = False) -> None:  # one non-ASCII character, as
        # a reader sees it; ``join``: a dot-like character between two letters as nothing
        ch = text[i]
        if invisible(ch):
            return
        if _gap(ch):
            out.append(gap)
            origin.extend([i] * len(gap))
            return
        if _mark(ch):  # joined to the letter before it where Unicode composes them, else
            # decoration
            if out and out[-1]:
                composed = unicodedata.normalize("NFC", out[-1][-1] + ch)
                if len(composed) == 1:
                    out[-1] = out[-1][:-1] + _bare(table.get(composed, composed))
            return
        inside = _between(text, i)
        if join and _inner_dot(text, i):
            return  # "Ro\u00b7sa": a dot drawn inside a name
        for c in _as_seen(ch, table, inside):
            out.append(c)
            origin.append(i)

    def copy(order: list[int] | None, gap: str, join: bool = False) -> None:
        if order is None:
            # the ASCII runs between the other characters (most of a text) are copied whole
            at = 0
            for m in _NOT_PLAIN.finditer(text):
                out.append(text[at : m.start()])
                origin.extend(range(at, m.start()))
                for i in range(m.start(), m.end()):
                    read(i, gap, join)
                at = m.end()
            out.append(text[at:])
            origin.extend(range(at, len(text)))
            return
        for i in order:
            if _plain(text[i]):
                out.append(text[i])
                origin.append(i)
            else:
                read(i, gap, join)

    def paragraph_break() -> None:
        out.append("\n\n")
        origin.extend([len(text) - 1, len(text) - 1])

    copy(None, " ")
    if _RLO in text:  # the stored order, a paragraph break, then what a reader sees
        paragraph_break()
        copy(_displayed(text), " ")
    if any(map(_gap, set(text))):  # ... and the gaps read as nothing
        paragraph_break()
        copy(None, "")
        if _RLO in text:
            paragraph_break()
            copy(_displayed(text), "")
    doubled = _dotted(text)
    if doubled:  # ... and dots inside words as nothing (read as full stops above)
        paragraph_break()
        copy(None, " ", join=True)
    joined = "".join(out)
    both = _and_spelled(joined, origin, len(text) - 1)
    if both:  # ... and, after a paragraph break, spelled words as read
        joined, origin = both
        doubled = True
    normalized = recase(_unleet(joined))
    if not normalized.strip():
        raise EmptyText("the text is empty once invisible characters are removed")
    return Normalized(normalized, tuple(origin), text, doubled)


def revealed(text: str) -> str:
    """The text with what hides a word from a reader's eye taken out, for readers of whole
    texts that need no spans (the comment classifier): invisible characters, decorative marks
    on ASCII letters, look-alike letters and digits, letter-spacing with narrow spaces. Left
    as written: an emoji's presentation (the variation selector after it, the joiner inside a
    ZWJ sequence), wide gaps (read as spaces), accents on precomposed letters (the classifier
    reads Spanish and knows Vietnamese by them), and any ASCII character."""
    if text.isascii() and not _NOT_PLAIN.search(text):
        return text
    from .vocabulary import confusables

    table = confusables()
    out: list[str] = []
    for i, ch in enumerate(text):
        if _plain(ch) or ch in CONTROL_GAPS:
            out.append(ch)
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if invisible(ch):
            # (before or after is "" at the text's edges: an invisible first or last
            # character, a byte-order mark pasted in front, failed the whole reading)
            emoji = bool(before) and unicodedata.category(before) == "So" or (
                ch == "\u200d" and bool(after) and unicodedata.category(after) == "So")
            if emoji and (ch == "\u200d" or 0xFE00 <= ord(ch) <= 0xFE0F):
                out.append(ch)
            continue
        if blank_gap(ch):
            out.append("" if ch in NARROW_SPACES and before.isalnum() and after.isalnum()
                       else " ")
            continue
        if _mark(ch):
            if not (before.isascii() and before.isalnum()):
                out.append(ch)  # a mark of a script that needs it
            continue
        if _ALPHABET.match(unicodedata.name(ch, "")) and not _latin_word(text, i):
            out.append(ch)  # a word of Cyrillic, Greek...: that language, not a disguise
            continue
        out.append(_as_seen(ch, table, _between(text, i), fold=False))
    return "".join(out)


_ALPHABET = lazy(r"(?:CYRILLIC|GREEK|ARMENIAN|CHEROKEE|LISU|COPTIC|GEORGIAN|HEBREW|ARABIC|"
                 r"DESERET|OSAGE|VAI|TIFINAGH|CANADIAN) ")


def _latin_word(text: str, i: int) -> bool:
    """The word around text[i] holds an ASCII letter: a look-alike inside a Latin word."""
    start, end = i, i + 1
    while start and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return any(c.isascii() and c.isalpha() for c in text[start:end])
