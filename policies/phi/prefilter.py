"""A cheap test before a costly pattern: the literal words some of its matches must contain.

Python's re tries every alternative of a long alternation at every word boundary of a
text, so a pattern like judge._CARE_RELATION ("our team is honoured to support ...", "see
you at your ...", "7 lb 2 oz", ...) costs about half a millisecond on a 280-character
post that holds none of it. `gated(pattern)` reads the pattern's own syntax tree and
finds, for every top-level alternative, clauses its matches satisfy: each run of literal
characters, lower-cased ("see you "), and for a group of words one of them ("team",
"clinic", "staff", ...). It runs the pattern only when, for some alternative, the
lower-cased text holds a string of each of its clauses; otherwise no match can exist and
the pattern is not run. The answer is the same in every case:

- a literal of the pattern (case-sensitive or not) that a match contains is in the text,
  so its lower-cased form is in the lower-cased text (lower() maps an ASCII letter alone,
  whatever is around it);
- only the match itself is read for those strings, never a lookaround, so a search from
  `pos` to `endpos` looks in that slice only;
- a text with non-ASCII characters (an emoji, a dash: most posts written on a phone) is
  tested with clauses of the pattern's ASCII literals and its uncased non-ASCII ones
  ('📸', '—': re matches such a character only by itself, with IGNORECASE too, and
  lower() keeps it), on the text lower-cased after the four non-ASCII characters that
  re's IGNORECASE lets match an ASCII letter are spelled as that letter ('ſ' and 's', the
  Kelvin sign and 'k', the dotted and the dotless I and 'i'; str.lower() would keep the
  long s and the dotless i, and write the dotted I as two characters);
- a pattern with an alternative that has no literal its matches must contain always runs.

tests/test_phi_prefilter.py checks the clauses found on sample patterns and, on every
gated pattern of the screen, that its answers (finditer, search, match, from a position
and to an end) equal the pattern's own on the team corpus, as written and as a phone writes
it. Which patterns are gated was measured, by replaying every call the screen made on the
devset's and the team's posts: those a gate saves time on (scanned over whole texts that
most texts skip; a pattern tried at one position, or whose clauses most texts pass, is
cheaper without a gate)."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from re import _constants as C  # noqa: N812
from re import _parser
from typing import Any

from .lazy_pattern import LazyPattern, lazy

Clause = frozenset[str]  # one of these strings is in every match (empty: no match)
Need = tuple[tuple[Clause, ...], ...]  # every match satisfies all clauses of one of these


def _impossible_on_ascii(ch: str) -> bool:
    """A non-ASCII literal no ASCII character matches, in any case ('📸', 'é', '’')."""
    return not any(c.isascii() for form in (ch, ch.lower(), ch.upper(), ch.casefold())
                   for c in form)


def _uncased(ch: str) -> bool:
    """No case: re matches it only by itself, IGNORECASE or not, and lower() keeps it."""
    return ch.lower() == ch == ch.upper() == ch.casefold()


def _rank(clause: Clause) -> tuple[int, int]:
    """Selective first: the longer its shortest string, then the fewer strings."""
    return (min((len(x) for x in clause), default=99), -len(clause))


def _order(clause: Clause) -> tuple[tuple[int, int], list[str]]:
    """_rank, ties broken by the strings: the same clauses are kept in every process (a set
    of clauses is ordered by string hashes, which Python seeds per process), so the needs
    read once for prefilter_needs.json are the ones any process would read."""
    return (_rank(clause), sorted(clause))


def _reduce(clause: Clause) -> Clause:
    """Drop a string that holds another of the clause: finding the shorter one is enough."""
    return frozenset(s for s in clause if not any(t != s and t in s for t in clause))


def _item(op: Any, av: Any, ascii_text: bool) -> Clause | None:
    """One clause every match of a parsed item satisfies, or None (unknown). `ascii_text`:
    clauses for ASCII texts only, where a non-ASCII literal cannot match; else for any
    text, where only an uncased non-ASCII literal is a known string."""
    if op is C.SUBPATTERN:
        return _one(av[3], ascii_text)
    if op is C.ATOMIC_GROUP:
        return _one(av, ascii_text)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _one(av[2], ascii_text) if av[0] >= 1 else None
    if op is C.BRANCH:
        parts = [_one(b, ascii_text) for b in av[1]]
        if any(p is None for p in parts):
            return None
        return _reduce(frozenset().union(*parts))  # type: ignore[arg-type]
    if op is C.IN and av and all(o is C.LITERAL for o, _ in av):
        chars = {chr(v) for _, v in av}
        if not all(c.isascii() or (_impossible_on_ascii(c) if ascii_text else _uncased(c))
                   for c in chars):
            return None
        lowered = {c.lower() for c in chars if c.isascii() or not ascii_text}
        return frozenset(lowered) if len(lowered) <= 1 else None
    if op is C.LITERAL and not chr(av).isascii():
        return frozenset() if ascii_text and _impossible_on_ascii(chr(av)) else None
    return None


def _clauses(items: Any, ascii_text: bool) -> list[Clause]:
    """Clauses every match of a sequence satisfies: its runs of literal characters and
    each item's own clause."""
    out: list[Clause] = []
    run = ""
    for op, av in list(items) + [(None, None)]:
        if op is C.LITERAL and (chr(av).isascii() or not ascii_text and _uncased(chr(av))):
            run += chr(av).lower()
            continue
        if run:
            out.append(frozenset([run]))
            run = ""
        if op is not None and (clause := _item(op, av, ascii_text)) is not None:
            out.append(clause)
    return out


def _one(items: Any, ascii_text: bool) -> Clause | None:
    """The most selective single clause of a sequence."""
    clauses = _clauses(items, ascii_text)
    if any(not c for c in clauses):
        return frozenset()
    return max(clauses, key=_rank) if clauses else None


def _alternatives(items: Any) -> list[Any] | None:
    """The alternatives of a sequence that is one alternation (inside groups), else None."""
    items = list(items)
    if len(items) == 1 and items[0][0] is C.SUBPATTERN:
        return _alternatives(items[0][1][3])
    if len(items) == 1 and items[0][0] is C.BRANCH:
        return list(items[0][1][1])
    return None


def _need(items: Any, ascii_text: bool) -> Need | None:
    """For each alternative of the pattern (the parser may have moved a shared head such
    as \\b out of them: that is kept with each), the clauses its matches satisfy."""
    items = list(items)
    for i, (op, av) in enumerate(items):
        alts = _alternatives([(op, av)])
        if alts is None:
            continue
        # the items before and after the alternation are read apart: read as one sequence,
        # "see (?:you|ya) soon" would need "see y soon", which no match holds
        rest = _clauses(items[:i], ascii_text) + _clauses(items[i + 1:], ascii_text)
        if any(not c for c in rest):
            return ()
        out = []
        for alt in alts:
            clauses = _clauses(alt, ascii_text)
            if any(not c for c in clauses):
                continue  # this alternative matches no ASCII text
            clauses = sorted({_reduce(c) for c in clauses + rest}, key=_order, reverse=True)
            if not clauses:
                return None
            out.append(tuple(clauses[:4]))
        return tuple(out)
    clauses = _clauses(items, ascii_text)
    if any(not c for c in clauses):
        return ()
    clauses = sorted({_reduce(c) for c in clauses}, key=_order, reverse=True)
    return (tuple(clauses[:4]),) if clauses else None


def needs(pattern: re.Pattern[str], ascii_text: bool = True) -> Need | None:
    """For each alternative of `pattern`, clauses (sets of lower-cased strings, one of each
    in every match of it on ASCII text, or with `ascii_text` False on any text once
    spelled as _shadow does); None when some alternative has none."""
    return _need(_parser.parse(pattern.pattern, pattern.flags), ascii_text)


def _needs_of(pattern: str, flags: int, ascii_text: bool) -> Need | None:
    """needs() of the pattern re.compile(pattern, flags), read without compiling it: from
    NEEDS_CACHE when it holds the pattern, else from the pattern's syntax."""
    cached = _needs_cache().get(_cache_key(pattern, flags, ascii_text), _UNCACHED)
    if cached is not _UNCACHED:
        return _decoded(cached)
    return _need(_parser.parse(pattern, flags), ascii_text)


# The needs of the screen's gated patterns, read from their syntax once by
# data/build_needs.py: reading them here cost the first post of every `socialbot screen` and
# `post create` about 55 ms of CPU (docs/history/phi.md, "Session 24"). The file is used only when
# its
# fingerprint is that of this very prefilter.py as loaded, on the Python version that wrote
# it, and of the table it holds (a hand edit or a line merge of two branches' files turns it
# off); any other pattern, or any change to this file, reads the syntax as before.
# tests/test_phi_prefilter_cache.py checks that the file is current and equals what the
# syntax gives for every gated pattern.
NEEDS_CACHE = Path(__file__).with_name("data") / "prefilter_needs.json"
_UNCACHED = object()


def _code_fingerprint() -> str:
    """This file's text as loaded, and the Python version whose re parser reads patterns."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}".encode()
    try:
        return hashlib.sha256(Path(__file__).read_bytes() + b"\0" + version).hexdigest()
    except OSError:  # no source beside the bytecode: no cache
        return ""


_CODE = _code_fingerprint()  # at import: a file swapped later is not this code


def fingerprint(table: dict[str, Any]) -> str:
    """What NEEDS_CACHE must carry to be used with this code: the code's fingerprint and the
    table's own hash."""
    body = json.dumps(table, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256((_CODE + "\0" + body).encode()).hexdigest() if _CODE else ""


def _cache_key(pattern: str, flags: int, ascii_text: bool) -> str:
    return hashlib.sha256(f"{int(ascii_text)}:{int(flags)}:{pattern}".encode()).hexdigest()[:32]


@lru_cache(maxsize=1)
def _needs_cache() -> dict[str, Any]:
    try:
        stored = json.loads(NEEDS_CACHE.read_text("utf-8"))
        table = stored["needs"]
        return table if _CODE and stored.get("fingerprint") == fingerprint(table) else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _encoded(need: Need | None) -> Any:
    return None if need is None else [[sorted(clause) for clause in alt] for alt in need]


def _decoded(stored: Any) -> Need | None:
    return None if stored is None else tuple(tuple(frozenset(c) for c in alt)
                                             for alt in stored)


def needs_table(patterns: list[tuple[str, int]]) -> dict[str, Any]:
    """NEEDS_CACHE's content for these (pattern, flags), read from their syntax."""
    table = {_cache_key(p, f, a): _encoded(_need(_parser.parse(p, f), a))
             for p, f in patterns for a in (True, False)}
    table = dict(sorted(table.items()))
    return {"fingerprint": fingerprint(table),
            "python": f"{sys.version_info[0]}.{sys.version_info[1]}", "needs": table}


def _test(need: Need | None) -> Callable[[str], bool]:
    """The need as one Python expression ("honou" in low or "glad" in low ...) and ...)."""
    if need is None:
        return _always
    return eval("lambda low: " + " or ".join(  # noqa: S307 - each string by repr()
        "(" + " and ".join("(" + " or ".join(f"{s!r} in low" for s in sorted(clause)) + ")"
                           for clause in alt) + ")"
        for alt in need) if need else "lambda low: False")


# The non-ASCII characters that re's IGNORECASE matches to an ASCII letter (every other
# one matches none: tests/test_phi_prefilter.py checks all code points), by that letter.
_ASCII_FOLDS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))
_last_shadow: tuple[str, str] = ("", "")
_last_lower: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    """text.lower(), the last answer kept as _shadow keeps its own: one text is tested by
    many patterns in a row (about fifty a devset post), each lower-casing it again."""
    global _last_lower
    last = _last_lower  # one read: another thread may replace it meanwhile
    if last[0] is text or last[0] == text:
        return last[1]
    lowered = text.lower()
    _last_lower = (text, lowered)  # returned from the local: another thread may replace it
    return lowered


def _shadow(text: str) -> str:
    """A non-ASCII text as the tests read it: the folds above spelled as their letter, then
    lower-cased. Its ASCII runs are the text's, lower-cased; lower() turns no other
    non-ASCII character into an ASCII one. The last answer is kept: one text is tested by
    many patterns in a row."""
    global _last_shadow
    last = _last_shadow  # one read: another thread may replace it meanwhile
    if last[0] == text:
        return last[1]
    shadow = text
    for odd, letter in _ASCII_FOLDS:
        if odd in shadow:
            shadow = shadow.replace(odd, letter)
    shadow = shadow.lower()
    _last_shadow = (text, shadow)
    return shadow


class Gated:
    """`pattern` with its methods run only when a text can hold a match (see above). The
    pattern's syntax is read on first use (about 1 ms a pattern), not at import, and its
    tests (_test) written for ASCII texts and for any text. Given as a string, the pattern
    is compiled only the first time a text passes its test: compiling the screen's gated
    patterns at import cost post create ~80 ms, and one post passes few of the gates."""

    __slots__ = ("_compiled", "_flags", "_need", "_test", "_test_any", "pattern")

    def __init__(self, pattern: re.Pattern[str] | LazyPattern | str, flags: int = 0) -> None:
        self._compiled: re.Pattern[str] | None = None
        if isinstance(pattern, re.Pattern):
            self._compiled, pattern, flags = pattern, pattern.pattern, pattern.flags
        elif isinstance(pattern, LazyPattern):  # its text and flags, still not compiled
            pattern, flags = pattern.pattern, pattern.given_flags
        self.pattern, self._flags = pattern, flags
        self._need: Need | None = None
        self._test: Callable[[str], bool] | None = None
        self._test_any: Callable[[str], bool] | None = None

    def _compile(self) -> re.Pattern[str]:
        self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    @property
    def pattern_object(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if not yet)."""
        return self._compiled or self._compile()

    @property
    def flags(self) -> int:
        return self.pattern_object.flags

    @property
    def groups(self) -> int:
        return self.pattern_object.groups

    @property
    def groupindex(self) -> Any:
        return self.pattern_object.groupindex

    @property
    def need(self) -> Need | None:
        """For each alternative, its clauses; None: no test, the pattern always runs."""
        if self._test is None:
            self._read()
        return self._need

    def _read(self) -> Callable[[str], bool]:
        self._need = _needs_of(self.pattern, self._flags, ascii_text=True)
        self._test = _test(self._need)
        return self._test

    def _read_any(self) -> Callable[[str], bool]:
        self._test_any = _test(_needs_of(self.pattern, self._flags, ascii_text=False))
        return self._test_any

    def _may(self, text: str, pos: int, endpos: int | None) -> bool:
        if pos or endpos is not None:
            # re clamps positions to the text (a negative pos is 0); a slice would count a
            # negative one from the end and test the wrong part
            size = len(text)
            start = min(max(pos, 0), size)
            end = size if endpos is None else min(max(endpos, 0), size)
            if text.isascii():  # lower() maps each ASCII character alone: slice the whole
                return (self._test or self._read())(_lowered(text)[start:end])
            text = text[start:end]
        if text.isascii():
            return (self._test or self._read())(_lowered(text))
        return (self._test_any or self._read_any())(_shadow(text))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self._may(text, pos, endpos):
            return None
        p = self._compiled or self._compile()
        return p.search(text, pos) if endpos is None else p.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self._may(text, pos, endpos):
            return None
        p = self._compiled or self._compile()
        return p.match(text, pos) if endpos is None else p.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        if not self._may(text, pos, endpos):
            return iter(())
        p = self._compiled or self._compile()
        return p.finditer(text, pos) if endpos is None else p.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        if not self._may(text, pos, endpos):
            return []
        p = self._compiled or self._compile()
        return p.findall(text, pos) if endpos is None else p.findall(text, pos, endpos)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        if not self._may(text, 0, None):
            return text
        return (self._compiled or self._compile()).sub(repl, text, count)

    def __repr__(self) -> str:
        return f"gated({self.pattern_object!r}, need={self.need!r})"


# The cheapest test of all: a text without a decimal digit (what \d matches, in any script)
# holds no match of a pattern whose every match has one (an SSN, a card or a plate number, a
# numeric date). re finds a lone character class with its fast scan, where such a pattern,
# opening with a lookbehind, is tried at every character (about 30 us a post each).
DIGIT = lazy(r"\d")


def _always(low: str) -> bool:
    return True


def gated(pattern: re.Pattern[str] | LazyPattern | str, flags: int = 0) -> Gated:
    """`pattern` behind its literal test (a pattern with an alternative that has no literal
    its matches must contain is always run). A string (with `flags`) is compiled on the
    first text that passes the test."""
    return Gated(pattern, flags)
