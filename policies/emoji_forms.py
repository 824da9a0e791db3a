"""Emoji in the one form: a selector or joiner only where Unicode's emoji data lists it.

Session 50 kept a variation selector after any character with the Emoji property and a
zero-width joiner between any two pictographs (policies/hidden._needed), since Python has
no emoji sequence data. So a VS16 after a skin tone or a flag, a VS15 after a character
with no text presentation, a ZWJ between two emoji that form no sequence, and the optional
VS16s of a sequence drawn alike with or without them (👨‍⚕ and 👨‍⚕️) were each a bit a place
that no reader sees (a third outside review, session 50, A1's rest). The `emoji` package
(BSD; ``EMOJI_DATA`` is Unicode's emoji-test.txt with emoji-variation-sequences.txt's
``variant`` flag) lists every sequence, so each emoji takes one form here:

- a sequence of two or more code points the data lists, in any qualification (fully-,
  minimally- or unqualified: 👨‍⚕, 🏳‍🌈, ☝️🏽), is written in its **fully-qualified** form
  (VS16s added or removed): Unicode recommends that form, platforms draw the others alike,
  and a choice between them is a bit;
- a single character keeps a VS16 only where the data lists it with one as fully-qualified
  (❤️, ©️: drawn as emoji instead of text, which a reader sees), a VS15 only where the data
  says it has a text presentation (``variant``: ❤︎), else loses it (😀️, 🇺🇸️, 👍🏽️);
- a ZWJ that joins no listed sequence goes: 👍‍🎉 is drawn as 👍🎉.

Only selectors and joiners that session 50 kept are touched (``keep``): any other is
still a carrier, refused at the door and named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import regex

VS15, VS16, ZWJ, KEYCAP = "\ufe0e", "\ufe0f", "\u200d", "\u20e3"
_MARKS = frozenset((VS15, VS16, ZWJ))
_CLUSTER = regex.compile(r"\X")  # an extended grapheme cluster: an emoji ZWJ sequence is one
_EMOJI_START = regex.compile(r"[\p{Emoji}\p{Extended_Pictographic}]")


@dataclass(frozen=True)
class _Data:
    # a listed sequence of two or more code points without its VS16s -> its fully-qualified
    # form (one each: checked in the tests)
    sequences: dict[str, str]
    selected: frozenset[str]  # single characters listed fully-qualified with a VS16 (❤️)
    texted: frozenset[str]  # single characters with a text presentation sequence (❤︎)


@cache
def _data() -> _Data:
    """Read once, when a text first holds a selector or a joiner (~40 ms)."""
    from emoji import EMOJI_DATA, STATUS  # STATUS: emoji-test.txt's qualifications

    fully_qualified = STATUS["fully_qualified"]

    sequences: dict[str, str] = {}
    selected, texted = set(), set()
    for seq, info in EMOJI_DATA.items():
        bare = seq.replace(VS16, "")
        if info.get("variant") and len(bare) == 1:
            texted.add(bare)
        if bare[-1:] == KEYCAP and len(bare) == 2:  # 1︎⃣: emoji-variation-sequences.txt
            texted.add(bare[0])  # lists the keycap bases, the data has no entry for them
        if info["status"] != fully_qualified:
            continue
        if len(bare) > 1:
            sequences[bare] = seq
        elif seq != bare:
            selected.add(bare)
    return _Data(sequences, frozenset(selected), frozenset(texted))


@dataclass(frozen=True)
class EmojiForm:
    text: str
    removed: int  # selectors and joiners taken out
    completed: int  # listed sequences given their fully-qualified form's selectors
    first: int | None  # where, in the text given, the first change is


def emoji_form(text: str, keep: Callable[[str, int], bool]) -> EmojiForm:
    """``text`` with each emoji in the one form (see above). ``keep(text, i)``: whether
    session 50's looser rule (hidden._needed) keeps the selector or joiner at ``i``; a
    cluster holding any other is left as it is (it is refused as a carrier, named)."""
    if not any(c in _MARKS for c in text):
        return EmojiForm(text, 0, 0, None)
    out: list[str] = []
    removed = completed = 0
    first: int | None = None
    for match in _CLUSTER.finditer(text):
        cluster, at = match.group(), match.start()
        if not _ours(text, at, cluster, keep):
            out.append(cluster)
            continue
        pieces = list(_joined(cluster.split(ZWJ)))
        new = "".join(form for _, form in pieces)
        if new != cluster:
            removed += cluster.count(ZWJ) - new.count(ZWJ) + sum(
                max(0, _selectors(was) - _selectors(form)) for was, form in pieces)
            completed += sum(form != was and _selectors(form) >= _selectors(was)
                             for was, form in pieces)
            if first is None:
                first = at + first_difference(cluster, new)
        out.append(new)
    return EmojiForm("".join(out), removed, completed, first)


def first_difference(was: str, now: str) -> int:
    """The first index at which ``was`` and ``now`` (which differ) differ, within ``was``."""
    differ = (i for i, (a, b) in enumerate(zip(was, now, strict=False)) if a != b)
    return next(differ, min(len(now), len(was) - 1))


def _selectors(s: str) -> int:
    return s.count(VS15) + s.count(VS16)


def _ours(text: str, at: int, cluster: str, keep: Callable[[str, int], bool]) -> bool:
    """An emoji cluster whose every selector and joiner session 50 kept."""
    marks = [at + i for i, c in enumerate(cluster) if c in _MARKS]
    return bool(marks) and _EMOJI_START.match(cluster) is not None and all(
        keep(text, i) for i in marks)


def _joined(pieces: list[str]) -> Iterator[tuple[str, str]]:
    """The pieces between a cluster's joiners, greedily regrouped into the longest listed
    sequences (as a renderer draws them): each group as written and in its one form; a
    joiner between two groups is dropped."""
    data, i = _data(), 0
    while i < len(pieces):
        for j in range(len(pieces), i + 1, -1):
            bare = ZWJ.join(p.replace(VS16, "") for p in pieces[i:j])
            if bare in data.sequences:
                yield ZWJ.join(pieces[i:j]), data.sequences[bare]
                i = j
                break
        else:
            yield pieces[i], _single(pieces[i], data)
            i += 1


def _single(piece: str, data: _Data) -> str:
    """One emoji (a character with its modifiers, keycap or tags) in its one form."""
    if not piece:
        return piece
    base = piece[0]
    if piece[1:2] == VS15 and base in data.texted and VS15 not in piece[2:]:
        return piece  # a text presentation sequence (❤︎, 1︎⃣): drawn as text
    bare = piece.replace(VS16, "").replace(VS15, "")
    if len(bare) > 1 and bare in data.sequences:
        return data.sequences[bare]
    keeps = piece[1:2] == VS16 and base in data.selected
    return base + (VS16 if keeps else "") + bare[1:]
