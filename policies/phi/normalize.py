"""Screen what a reader sees: NFKC, invisible format and bidi controls removed, look-alike
letters mapped to the ASCII letter they imitate (Unicode's confusables table, compiled by
data/build_vocab.py). Every character of the normalised text remembers where it came from,
so a finding's span can be put back on the text the author wrote."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


class EmptyText(ValueError):
    """Nothing a reader would see is left once invisible characters are removed."""


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: tuple[int, ...] | None  # origin[i]: index in the original of normalised char i
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised [start, end)."""
        if self.origin is None:
            return start, end
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def _invisible(ch: str) -> bool:
    # Cf: zero-width space/joiners, soft hyphen, bidi embeddings, overrides and isolates
    # (U+202A-202E, U+2066-2069), word joiner, BOM; variation selectors (Mn) are kept
    return unicodedata.category(ch) == "Cf"


def normalize(text: str) -> Normalized:
    if text.isascii():
        if not text.strip():
            raise EmptyText("the text is empty")
        return Normalized(text, None, text)
    from .vocabulary import confusables

    table = confusables()
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if _invisible(ch):
            continue
        folded = unicodedata.normalize("NFKC", ch)
        for c in folded:
            if not c.isascii():
                c = table.get(c, c)
            out.append(c)
            origin.append(i)
    normalized = "".join(out)
    if not normalized.strip():
        raise EmptyText("the text is empty once invisible characters are removed")
    return Normalized(normalized, tuple(origin), text)
