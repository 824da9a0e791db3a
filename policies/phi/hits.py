"""A recognizer's raw result before it becomes a Finding."""

from __future__ import annotations

from dataclasses import dataclass

from .categories import REDACTIONS, label
from .findings import Finding


@dataclass(frozen=True)
class Hit:
    category: str
    start: int
    end: int
    severity: str
    score: float
    rule: str
    why: str  # first half of the reason: what it is and why it matters here
    redaction: str | None = None  # instead of the category's placeholder

    def finding(self, text: str) -> Finding:
        return Finding(
            category=self.category,
            start=self.start,
            end=self.end,
            text=text[self.start : self.end],
            severity=self.severity,
            score=round(self.score, 2),
            rule=self.rule,
            reason=f"{self.why} ({label(self.category)}).",
            redaction=self.redaction or REDACTIONS[self.category],
        )
