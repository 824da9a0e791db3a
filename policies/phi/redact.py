"""Redaction: a text with its screen findings replaced by category placeholders.

Used wherever text must leave the practice but a person may only learn *what kind* of
identifier was there (chat: Slack and Mattermost are third parties). Reads only the
findings' ``category``, ``start`` and ``end``, so any finding-like value works.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .categories import REDACTIONS

FALLBACK = "[identifier]"


@dataclass(frozen=True)
class Redacted:
    text: str
    counts: dict[str, int] = field(default_factory=dict)  # category -> spans replaced

    @property
    def changed(self) -> bool:
        return bool(self.counts)

    def summary(self) -> str:
        """'2 patient name, 1 date' (placeholders without brackets), or ''."""
        return ", ".join(f"{n} {placeholder(c).strip('[]')}"
                         for c, n in sorted(self.counts.items()))


# A commenter's own health ("got my shot", "after my visit") is flagged with the name
# category, since it tells that the commenter is a patient; the words themselves are care,
# and "[patient name]" in their place would mislead the person reading the chat card.
OWN_HEALTH = "own_health"
_PLACEHOLDERS = {**REDACTIONS, OWN_HEALTH: "[health detail]"}


def placeholder(category: str) -> str:
    return _PLACEHOLDERS.get(category, FALLBACK)


def _category(finding: Any) -> str:
    if getattr(finding, "rule", None) == "self_disclosure":
        return OWN_HEALTH
    return str(finding.category)


def _spans(text: str, findings: Iterable[Any]) -> list[tuple[int, int, str]]:
    """Valid spans, sorted; overlapping ones merged (the merged span keeps the category of
    the one that starts first, so no identifier survives between two placeholders)."""
    spans = sorted((max(0, int(f.start)), min(len(text), int(f.end)), _category(f))
                   for f in findings if int(f.end) > int(f.start))
    merged: list[tuple[int, int, str]] = []
    for start, end, category in spans:
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            first_start, first_end, first_category = merged[-1]
            merged[-1] = (first_start, max(first_end, end), first_category)
            continue
        merged.append((start, end, category))
    return merged


def redact(text: str, findings: Iterable[Any],
           dress: Callable[[str], str] | None = None) -> Redacted:
    """``text`` with each finding's span replaced by its category's placeholder (passed
    through ``dress`` when given: a text already escaped for a chat door gets the
    placeholder escaped the same way)."""
    out: list[str] = []
    counts: Counter[str] = Counter()
    cursor = 0
    for start, end, category in _spans(text, findings):
        out.append(text[cursor:start])
        out.append(dress(placeholder(category)) if dress else placeholder(category))
        counts[category] += 1
        cursor = end
    out.append(text[cursor:])
    return Redacted("".join(out), dict(counts))
