"""PhiScreen: the spaCy pipeline plus the identifier recognizers and context rules."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .allow import PhiAllowList
from .findings import BLOCK, Finding
from .hits import Hit
from .identifiers import identifier_hits
from .model import load_nlp, model_name

CONTEXTS = ("post", "reply", "comment")
_matchers: dict[int, Any] = {}
_lock = threading.Lock()


def _matchers_for(nlp: Any) -> Any:
    from .context import Matchers

    with _lock:
        if id(nlp) not in _matchers:
            _matchers[id(nlp)] = Matchers(nlp)
        return _matchers[id(nlp)]


class PhiScreen:
    def __init__(self, allow: PhiAllowList = PhiAllowList(), model: str | None = None) -> None:
        self.allow = allow
        self.model = model_name(model)
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        """The shared pipeline; raises ScreenUnavailable if it cannot load (fail closed)."""
        if self._nlp is None:
            self._nlp = load_nlp(self.model)
        return self._nlp

    def screen(self, text: str, *, context: str = "post") -> list[Finding]:
        return self.screen_many([text], context=context)[0]

    def screen_many(self, texts: Iterable[str], *, context: str = "post") -> list[list[Finding]]:
        if context not in CONTEXTS:
            raise ValueError(f"context must be one of {', '.join(CONTEXTS)}, not {context!r}")
        from .context import context_hits

        nlp = self.nlp
        matchers = _matchers_for(nlp)
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        results = []
        for text, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True):
            hits = identifier_hits(text, self.allow)
            hits += context_hits(doc, text, self.allow, matchers, context, hits)
            hits = _with_patient_context(hits, [(s.start_char, s.end_char) for s in doc.sents])
            results.append([h.finding(text) for h in _merge(hits)])
        return results


_UPGRADABLE = {"geographic", "phone", "fax", "email", "url"}


def _with_patient_context(hits: list[Hit], sents: list[tuple[int, int]]) -> list[Hit]:
    """A contact detail or address in the same sentence as a patient's name is theirs:
    "Mark Li, 12 Elm St, finished chemo" blocks the address as well as the name."""
    patient_sents = [
        (s, e)
        for s, e in sents
        if any(h.category == "name" and h.severity == BLOCK and s <= h.start < e for h in hits)
    ]
    out = []
    for h in hits:
        if (
            h.severity != BLOCK
            and h.category in _UPGRADABLE
            and any(s <= h.start < e for s, e in patient_sents)
        ):
            h = replace(
                h,
                severity=BLOCK,
                rule=h.rule + "+patient_context",
                why=h.why.split(";")[0] + "; it appears with a patient's name",
            )
        out.append(h)
    return out


def _merge(hits: list[Hit]) -> list[Hit]:
    """Drop a hit inside another one that is at least as severe (a phone inside a URL, a
    long number that is also an MRN); keep the rest in text order."""

    def strength(h: Hit) -> tuple[int, float, int]:
        return (h.severity == BLOCK, h.score, h.end - h.start)

    ordered = sorted(hits, key=strength, reverse=True)
    kept: list[Hit] = []
    for h in ordered:
        if any(
            k.start <= h.start
            and h.end <= k.end
            and strength(k) >= strength(h)
            and (k.category == h.category or h.rule == "long_number" or k.severity == BLOCK)
            for k in kept
        ):
            continue
        kept.append(h)
    return sorted(kept, key=lambda h: (h.start, h.end, h.category))
