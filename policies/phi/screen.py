"""PhiScreen: normalise, run the pattern recognizers and the judgement over one spaCy
pass, apply the registry's thresholds, and map every finding back onto the original text."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from .allow import PhiAllowList
from .answering import Answered, comments_found, with_answers
from .findings import BLOCK, Finding
from .hits import Hit
from .identifiers import identifier_hits
from .learned import learned_hit
from .model import load_nlp, model_name, pipe
from .normalize import Normalized, for_tokenizer, normalize
from .parsed import parse_needed, parse_sentences
from .registry import REGISTRY, apply
from .spaced import spaced_reading
from .spanish_talks import staff_talk

CONTEXTS = ("post", "reply", "comment")


class PhiScreen:
    def __init__(self, allow: PhiAllowList = PhiAllowList(), model: str | None = None,
                 *, learned: bool = True) -> None:
        self.allow = allow
        self.model = model_name(model)
        self.learned = learned  # off only to train the learned scorer on the rules alone
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        """The shared pipeline; raises ScreenUnavailable if it cannot load (fail closed)."""
        if self._nlp is None:
            self._nlp = load_nlp(self.model)
        return self._nlp

    def screen(self, text: str, *, context: str = "post",
               answering: str | Answered | None = None) -> list[Finding]:
        return self.screen_many([text], context=context,
                                answering=None if answering is None else [answering])[0]

    def screen_many(self, texts: Iterable[str], *, context: str = "post",
                    answering: Sequence[str | Answered | None] | None = None
                    ) -> list[list[Finding]]:
        """Findings per text. Raises EmptyText (a ValueError) for a text with nothing a
        reader would see once invisible characters are removed. `answering`: for replies,
        the text of the comment each one answers (None: unknown), read with it
        (answering.py)."""
        if context not in CONTEXTS:
            raise ValueError(f"context must be one of {', '.join(CONTEXTS)}, not {context!r}")
        if answering is not None and context != "reply":
            raise ValueError("only a reply answers a comment")
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        results = self._screen_many(texts, context)
        if answering is None:
            return results
        return with_answers(texts, results, answering,
                            comments_found(self._screen_many, answering))

    def _screen_many(self, texts: list[str], context: str) -> list[list[Finding]]:
        """Findings per text, each text read as written and, when it spells words letter by
        letter with spaces ("M a r i s o l"), also as a reader reads it (spaced.py): in one
        batch, what the second reading blocks added to the first's findings."""
        readings = [spaced_reading(t) for t in texts]
        joined = [i for i, r in enumerate(readings) if r is not None]
        if not joined:
            return self._screen_read(texts, context)
        results = self._screen_read(texts + [readings[i][0] for i in joined], context)
        for i, found in zip(joined, results[len(texts):], strict=True):
            results[i] = _with_spaced(results[i], found, texts[i], readings[i])
        return results[: len(texts)]

    def _screen_read(self, texts: list[str], context: str) -> list[list[Finding]]:
        from .judge import ParseLater, judge

        nlp = self.nlp
        norms = [normalize(t) for t in texts]
        results: list[list[Finding]] = []
        read = [for_tokenizer(n.text) for n in norms]
        parses = parse_needed(self.model, read)
        # texts whose judgement needs a sentence the batch lacks: judged again once those
        # sentences are parsed, together (judge.ParseLater)
        later: dict[int, tuple[Any, list[Hit], str]] = {}
        for i, (norm, doc) in enumerate(zip(norms, pipe(nlp, read), strict=True)):
            hits = identifier_hits(norm.text, self.allow)
            try:
                hits += judge(doc, norm.text, self.allow, context, hits, parses, defer=True)
            except ParseLater as need:
                later[i] = (doc, hits, need.sentence)
                results.append([])
                continue
            results.append(self._found(norm, hits, context))
        while later:
            parses = {**parses, **parse_sentences(self.model, [s for _, _, s in later.values()])}
            waiting, later = later, {}
            for i, (doc, hits, _) in waiting.items():
                try:
                    hits = hits + judge(doc, norms[i].text, self.allow, context, hits, parses,
                                        defer=True)
                except ParseLater as need:
                    later[i] = (doc, hits, need.sentence)
                    continue
                results[i] = self._found(norms[i], hits, context)
        return results

    def _found(self, norm: Normalized, hits: list[Hit], context: str) -> list[Finding]:
        """The findings of one judged text: thresholds, patient context, the learned second
        opinion, spans on the original text."""
        text = norm.text
        hits = _merge(apply(_in_patient_context(apply(hits), text)))
        if self.learned and not staff_talk(text, self.allow, hits):
            # a Spanish label read as the practice's own (numbers.py) warns for the approvers
            # only: the scorer never saw that warning in training, and fed to it, it lowered
            # "la placa de nuestro paciente ..." below the second look (outside review, s49)
            seen = [h for h in hits if not (h.rule.startswith("labelled_")
                                            and h.rule.endswith("+practice"))]
            second = learned_hit(text, seen, context, REGISTRY["learned"].block_at,
                                 look_at=REGISTRY["learned_context"].block_at,
                                 short_reply_at=REGISTRY["learned_short_reply"].block_at,
                                 reply_at=REGISTRY["learned_reply"].block_at)
            hits = _merge(apply(hits + [second])) if second else hits
        found = [_finding(h, norm) for h in hits]
        return _once(found) if norm.both_orders else found


def _with_spaced(found: list[Finding], spaced: list[Finding], text: str,
                 reading: tuple[str, list[int], list[tuple[int, int]]]) -> list[Finding]:
    """``found`` (the text as written) and what the letter-spaced reading blocked, when one
    of its blocks covers a joined run: spans on ``text``; only added, a warning on the same
    span and category made that block, nothing of ``found`` lost."""
    _, origin, runs = reading
    added: dict[tuple[int, int, str], Finding] = {}
    for f in spaced:
        if f.severity != BLOCK or f.end <= f.start:
            continue
        if f.rule.startswith("learned"):
            # the learned scorers read a whole sentence: on a joined run ("chairs 123456",
            # "R.S.V.P." -> "RSVP.", the practice's own spaced phone) they blocked text no
            # reader takes for anyone's (outside review, s54); a joined reading adds only
            # what a rule finds on or beside the run
            continue
        start, end = min(origin[f.start : f.end]), max(origin[f.start : f.end]) + 1
        added.setdefault((start, end, f.category), replace(
            f, start=start, end=end, text=text[start:end], rule=f.rule + "+letter_spaced"))
    if not any(f.start < b and a < f.end for f in added.values() for a, b in runs):
        return found  # the joined runs changed nothing the screen blocks
    blocked = {(f.start, f.end, f.category) for f in found if f.severity == BLOCK}
    new = {k: f for k, f in added.items() if k not in blocked}
    kept = [f for f in found if (f.start, f.end, f.category) not in new]
    return sorted(kept + list(new.values()), key=lambda f: (f.start, f.end))


def _once(findings: list[Finding]) -> list[Finding]:
    """A text screened in both orders (normalize.py) finds most things twice: one finding
    per span and category, the more severe, in text order."""
    best: dict[tuple[int, int, str], Finding] = {}
    for f in findings:
        key = (f.start, f.end, f.category)
        if key not in best or (f.severity == BLOCK, f.score) > (best[key].severity == BLOCK,
                                                                best[key].score):
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.start, f.end))


def _finding(hit: Hit, norm: Normalized) -> Finding:
    start, end = norm.span(hit.start, hit.end)
    return replace(hit, start=start, end=end).finding(norm.original)


_UPGRADABLE = {"geographic", "phone", "fax", "email", "url", "other_id"}


def _in_patient_context(hits: list[Hit], text: str) -> list[Hit]:
    """A contact detail, address, link or ID-shaped code in a text that identifies a patient
    is theirs: "Mark Li, 12 Elm St, finished chemo" blocks the address as well as the name."""
    identifying = ("name", "photo", "biometric", "age_over_89", "other_id")
    if not any(h.severity == BLOCK and h.category in identifying for h in hits):
        return hits
    out = []
    for h in hits:
        if h.severity != BLOCK and h.category in _UPGRADABLE and "practice" not in h.rule:
            h = replace(
                h,
                score=max(h.score, 0.8),
                rule=h.rule + "+patient_context",
                # the rule's first clause (what it saw of the detail) and what raised it; the
                # rule's own next step may say "add it to the allow-list", which a detail
                # beside a patient's name must not get
                why=h.why.split(";")[0].split(". ")[0] + "; it appears in a text blocked for "
                "identifying a patient. Remove it",
            )
        out.append(h)
    return out


# The learned blocks cover a sentence or a whole text: what the rules warned about inside
# them stays in view for the approvers (a link, an address), not swallowed by the block.
_READ_WHOLE = frozenset({"learned", "learned_context", "learned_short_reply", "learned_reply"})


# a kept hit longer than this is checked against every hit; a shorter one only against those
# starting within its reach
_SHORT_HIT = 256


def _merge(hits: list[Hit]) -> list[Hit]:
    """Drop a hit inside another one that is at least as severe (a phone inside a URL, a
    long number that is also an MRN); keep the rest in text order. Each hit is compared
    with the kept hits that can hold it (the long ones, and the short ones starting no
    further before it than the longest short one is long), not with every kept hit: a
    comment of 6,000 handles gave 6,000 hits, and every-with-every took 8 s (an outside
    review, session 41)."""

    def strength(h: Hit) -> tuple[int, float, int]:
        return (h.severity == BLOCK, h.score, h.end - h.start)

    def holds(k: Hit, h: Hit) -> bool:
        return (k.start <= h.start and h.end <= k.end and strength(k) >= strength(h)
                and (k.category == h.category or h.rule.startswith("long_number")
                     or (k.severity == BLOCK and k.rule not in _READ_WHOLE)))

    ordered = sorted(hits, key=strength, reverse=True)
    kept: list[Hit] = []
    long_kept: list[Hit] = []
    short_starts: list[tuple[int, int]] = []  # (start, index in kept), in start order
    reach = 0  # the longest short hit kept so far
    for h in ordered:
        lo = bisect.bisect_left(short_starts, (h.start - reach, -1))
        hi = bisect.bisect_right(short_starts, (h.start, len(hits)))
        near = (kept[i] for _, i in short_starts[lo:hi])
        if any(holds(k, h) for k in itertools.chain(long_kept, near)):
            continue
        kept.append(h)
        if h.end - h.start > _SHORT_HIT:
            long_kept.append(h)
        else:
            bisect.insort(short_starts, (h.start, len(kept) - 1))
            reach = max(reach, h.end - h.start)
    return sorted(kept, key=lambda h: (h.start, h.end, h.category))
