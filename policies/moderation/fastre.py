r"""Long word-list patterns compiled so that ``re`` reads them fast, with the same matches.

``re`` tries the alternatives of ``\b(diabetes|diabetic|dementia|...)\b`` one after the other
at every word start: 20-100 microseconds a comment for each of the lexicon's long lists,
most of the classifier's time. Factoring the alternatives on their leading characters, as
a trie (``d(?:ia(?:bet(?:es|ic))|ementia)``), lets ``re`` reject a position on one
character instead of hundreds of alternatives.

The factoring keeps every alternative's priority where two could match at the same place:
alternatives that start with different literal characters cannot both match there, and
those that share a start keep their order inside the shared branch. An alternative that
does not start with a plain character (a class, a group, an escape) stays where it was.
tests/test_moderation_speed.py checks match-for-match equality on public tweets and the
team's comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SPECIAL = frozenset("\\.^$|?*+{}()[]")
_QUANTIFIERS = frozenset("?*+{")


def _scan(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each character outside escapes and character classes, with the group depth after it."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            yield i, ch, depth
        i += 1


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (not those inside groups or classes)."""
    parts, start = [], 0
    for i, ch, depth in _scan(pattern):
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


def _head(alt: str) -> str | None:
    """The alternative's first character when it is a plain literal (not quantified)."""
    if not alt or alt[0] in _SPECIAL or alt[1:2] in _QUANTIFIERS:
        return None
    return alt[0]


def trie(alts: list[str]) -> str:
    """One alternation, factored on shared leading literal characters (see module doc)."""
    slots: list[tuple[str | None, list[str]]] = []  # in order of first appearance
    index: dict[str, int] = {}
    for alt in alts:
        head = _head(alt)
        if head is None:
            slots.append((None, [alt]))
        elif head in index:
            slots[index[head]][1].append(alt[1:])
        else:
            index[head] = len(slots)
            slots.append((head, [alt[1:]]))
    parts = []
    for head, rests in slots:
        if head is None:
            parts.append(rests[0])
        elif len(rests) == 1:
            parts.append(head + rests[0])
        else:
            parts.append(f"{head}(?:{trie(rests)})")
    return "|".join(parts)


def compile_words(pattern: str) -> re.Pattern[str]:
    r"""Compile ``\b(a|b|...)\b``-shaped patterns (or any alternation) with the alternation
    factored; the outer group stays the first capturing group."""
    m = re.fullmatch(r"(\\b)?\((\?:)?(.*)\)(\\b)?", pattern, re.S)
    if m and len(alternatives(pattern)) == 1 and _balanced(m.group(3)):
        inner = trie(alternatives(m.group(3)))
        return re.compile(f"{m.group(1) or ''}({m.group(2) or ''}{inner}){m.group(4) or ''}")
    return re.compile(trie(alternatives(pattern)))


def _balanced(body: str) -> bool:
    """The outer parentheses enclose the whole body (not "(a)|(b)")."""
    depth = 0
    for _, _, depth in _scan(body):
        if depth < 0:
            return False
    return depth == 0
