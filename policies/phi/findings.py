"""The Finding value returned by the screen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

BLOCK = "block"
WARN = "warn"


@dataclass(frozen=True)
class Finding:
    category: str
    start: int
    end: int
    text: str
    severity: str  # "block" | "warn"
    score: float
    rule: str  # which recognizer / model / context rule found it
    reason: str  # one sentence for a practice manager, naming the HIPAA category
    redaction: str  # suggested replacement text

    def to_dict(self) -> dict:
        return asdict(self)


def is_blocking(findings: Iterable[Finding]) -> bool:
    return any(f.severity == BLOCK for f in findings)
