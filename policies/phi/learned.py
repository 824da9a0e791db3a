"""A learned second opinion: "does this text read like a post about one specific patient?"

The rules (judge.py and friends) block what they can explain; on wording nobody on the team
had read they catch about three quarters of the disclosures (docs/phi.md). This scorer is a
logistic regression over the same hashed word and character n-grams the comment models use
(policies/moderation/features.py), plus what the rules saw short of blocking (warnings by
category, whether the text is a reply). It was trained on posts written by independent
writers for other practices (policies/phi/training/: since session 27, 69 sets, the read blind
sets under bench/data among them), never on the dev sets it is measured on, and it only runs
where the rules did not already block.

It blocks with its own recognizer ("learned", registry.py) so a maintainer changes how sure
it must be in one place, and the author can dismiss it like any finding (a de-identified
case, a public figure). The weights are one int8 per hashed feature, zlib-compressed
(`data/disclosure_weights.bin`), read lazily on the first text that needs them: a few
milliseconds, no numpy.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import exp
from pathlib import Path
from typing import Protocol

from policies.moderation.features import N_HASH, Features, featurize

from .categories import CATEGORIES, REDACTIONS
from .findings import BLOCK
from .hits import Hit
from .lazy_pattern import lazy
from .vocabulary import first_names, health_mentions, surnames, wordlike_first_names

DATA = Path(__file__).with_name("data")
WEIGHTS = DATA / "disclosure_weights.bin"
META = DATA / "disclosure_weights.json"

# The rules' findings the scorer reads (order matters: it is the weights' order).
WARN_CATEGORIES: tuple[str, ...] = tuple(CATEGORIES)
DENSE = ("reply", "warnings", "best_warning") + tuple(f"warn_{c}" for c in WARN_CATEGORIES)

# It learned from the practice's posts and replies; public comments are judged by the comment
# classifier (policies/moderation), whose phi flag can auto-hide, so it stays out of there.
TRAINED_ON = frozenset({"post", "reply"})

_SENTENCE_END = lazy(r"(?<=[.!?])\s+|\n+")
# The screen's own placeholders ("[patient name]", "[date]"): a text holding one is a copy the
# screen already redacted (a chat card quoting a blocked post, a suggested rewording).
# Matched also as Markdown-escaped ("\\[patient name\\]", as Mattermost cards carry it), and
# the judgement's own placeholders beside the categories' ones.
_PLACEHOLDERS = set(REDACTIONS.values()) | {"[details]", "[health detail]", "[birth details]",
                                            "[biometric detail]", "[photo reference]",
                                            "[identifier]", "[link]", "[vehicle]"}
_PLACEHOLDER = lazy("|".join(
    r"\\?\[" + re.escape(p.strip("[]")) + r"\\?\]" for p in sorted(_PLACEHOLDERS)))
_WORDS = lazy(r"[^\W_]+(?:['\u2019][^\W_]+)*")
MIN_WORDS = 12  # see may_block
# what the person reading a whole-text block does next (plain words: the scores and models
# behind it are the rule's, not the reader's; session 52)
_WHOLE_NEXT = ("Describe the case in general words, without what singles the patient out, or "
               "record their written authorization (`socialbot consent add`); if it is about no "
               "one in particular, dismiss it with reason not_a_person")
_CAPITALISED = lazy(r"\b[A-Z][a-z'\u2019]+")
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                   "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon",
                   "january", "february", "march", "april", "june", "july", "august",
                   "september", "october", "november", "december", "am", "pm"})


@dataclass(frozen=True)
class Model:
    weights: bytes  # N_HASH int8 weights, one per hashed feature
    scale: float  # int8 -> float
    dense: tuple[float, ...]
    bias: float
    classes: bool = False  # the weights were trained with class tokens (features() below)


@lru_cache(maxsize=1)
def load() -> Model:
    meta = json.loads(META.read_text("utf-8"))
    raw = zlib.decompress(WEIGHTS.read_bytes())
    if len(raw) != N_HASH or len(meta["dense"]) != len(DENSE):
        raise ValueError("disclosure weights do not match the featurizer; retrain them")
    return Model(raw, float(meta["scale"]), tuple(meta["dense"]), float(meta["bias"]),
                 bool(meta.get("classes", False)))


def _h(feature: str) -> int:  # the comment featurizer's hashing, for the class n-grams
    return zlib.crc32(feature.encode("utf-8")) & (N_HASH - 1)


def word_classes(text: str, words: Sequence[str]) -> list[str | None]:
    """Per token of ``featurize``: the class a specialty-independent n-gram sees in its place,
    or None. A word of a health or care term (vocabulary.health_mentions: chemo and cataract
    alike) is ``<health>``; a capitalised first name or surname from the name lists is
    ``<first>`` / ``<surname>`` (not first names that are everyday words: "Mark", "Will");
    a number is ``<num>``; a weekday, month, time of day or am/pm is ``<day>``."""
    health = {w for m in health_mentions(text) for w in _WORD.findall(m.text.lower())}
    capitalised = {m.group(0).lower() for m in _CAPITALISED.finditer(text)}
    firsts, lasts, wordlike = first_names(), surnames(), wordlike_first_names()
    out: list[str | None] = []
    for w in words:
        if w in health:
            out.append("<health>")
        elif "0" in w:  # featurize wrote every digit as 0
            out.append("<num>")
        elif w in _DAYS:
            out.append("<day>")
        elif w in capitalised and w in firsts and w not in wordlike:
            out.append("<first>")
        elif w in capitalised and w in lasts:
            out.append("<surname>")
        else:
            out.append(None)
    return out


_WORD = lazy(r"[a-z0-9]+")


def features(text: str, classes: bool) -> Features:
    """The comment models' n-grams (policies/moderation/features.py, unchanged for them),
    plus, with ``classes``, the n-grams over the text with its words replaced by their class
    (word_classes): "<first> finished <health>" carries from one specialty to another. Only
    n-grams that hold a class are added (the rest are the plain ones again)."""
    f = featurize(text)
    if not classes:
        return f
    words = f.words
    tags = word_classes(text, words)
    seq = [t or w for t, w in zip(tags, words, strict=True)]
    index, owner = list(f.index), list(f.owner)
    for i, tag in enumerate(tags):
        if tag:
            index.append(_h("k " + tag))
            owner.append(i)
    padded = ["<s>", *seq, "</s>"]
    classed = [False, *(t is not None for t in tags), False]
    for n in (2, 3):
        for i in range(len(padded) - n + 1):
            if any(classed[i:i + n]):
                index.append(_h(f"k{n} " + " ".join(padded[i:i + n])))
                owner.append(-1)
    return Features(words, index, owner, 1.0 / (len(index) ** 0.5), f.dense)


def may_block(text: str, hits: Sequence[Seen]) -> bool:
    """The scorer may block a short text only when it holds something to disclose: a health
    or care term (vocabulary.health_mentions), or a rule's warning (a person, a date, a
    place... short of blocking). On a bland short text ("See you there!") it has almost no
    features and its bias and function words would decide; nothing it trained on was that
    short (its writers' shortest disclosure has 8 words). From MIN_WORDS words on it reads
    the text alone: there, disclosures without a vocabulary term or a warning are common
    (docs/phi.md: the gate's LOWO table). Never on a copy the screen already redacted (it
    holds the screen's placeholders): the rules found its identifiers, and the wording they
    left would block the copy of a blocked post (a chat card) for what was made safe."""
    if "[" in text and _PLACEHOLDER.search(text):  # every placeholder holds a "["
        return False
    return (bool(hits) or len(_WORDS.findall(text)) >= MIN_WORDS
            or bool(health_mentions(text)))


class Seen(Protocol):  # a Hit, or a Finding when training from the screen's output
    category: str
    severity: str
    score: float


def dense_features(hits: Sequence[Seen], context: str) -> list[float]:
    """What the rules saw short of blocking (their non-blocking hits)."""
    warn = [h for h in hits if h.severity != BLOCK]
    cats = {h.category for h in warn}
    return ([1.0 if context == "reply" else 0.0, min(len(warn), 3) / 3,
             max((h.score for h in warn), default=0.0)]
            + [1.0 if c in cats else 0.0 for c in WARN_CATEGORIES])


@dataclass(frozen=True)
class Scored:
    probability: float
    drivers: tuple[int, ...]  # indexes of the words that pushed it up most
    words: tuple[str, ...]


@lru_cache(maxsize=4)
def _dequantised(scale: float) -> tuple[float, ...]:
    """Each stored int8 byte (two's complement) times the model's scale: the same float as
    computing it per feature, looked up instead."""
    return tuple((raw - 256 if raw > 127 else raw) * scale for raw in range(256))


def score(text: str, dense: list[float], model: Model | None = None) -> Scored:
    m = model or load()
    feats = features(text, m.classes)
    w = m.weights
    weight = _dequantised(m.scale)
    per_word: dict[int, float] = {}
    total = 0.0
    for index, owner in zip(feats.index, feats.owner, strict=True):
        raw = w[index]
        if raw:
            value = weight[raw] * feats.scale
            total += value
            if owner >= 0:
                per_word[owner] = per_word.get(owner, 0.0) + value
    total += sum(d * x for d, x in zip(m.dense, dense, strict=True)) + m.bias
    top = sorted((i for i, v in per_word.items() if v > 0), key=lambda i: -per_word[i])[:3]
    # clamped: a text of thousands of one token ("…" * 5000) summed past exp's range and raised
    # OverflowError, which failed the whole screening (session 40's code review)
    total = min(max(total, -700.0), 700.0)
    return Scored(1.0 / (1.0 + exp(-total)), tuple(top), tuple(feats.words))


# The fine-tuned second look (contextual.py) reads only texts the scorer is at least this sure
# of and not sure enough to block: in four writer-grouped folds that band held 35 of the 40
# disclosures the second look adds and 4 of its 9 new false blocks, on 8% of the posts
# (bench/phi_finetune_experiment.py; docs/history/phi.md "Session 11: MiniLM fine-tuned").
LOOK_FROM = 0.3

# Tests replace it; None is the shipped model (contextual.probability).
SecondLook = Callable[[str], float]


# A group the post thanks by count ("500 of you got your flu shot", "all of you who got your
# shingles shot", "los 300 de ustedes que se vacunaron"): the care told of it is many people's,
# not one patient's (session 56 attack review, F7). Counted only: "everyone who sent cards to
# her mom", "you all know him" speak to an audience about one person, and a singular third
# person anywhere in the text ("he", "her") keeps the learned reading.
_GROUP = lazy(
    r"\b(?:\d[\d,]*|hundreds|thousands|dozens|so\s+many|all|each|those)\s+of\s+you\b"
    r"|\b(?:los|las)\s+\d[\d,]*\s+de\s+ustedes\b|\b(?:cientos|miles)\s+de\s+ustedes\b",
    re.IGNORECASE)
_ONE_PERSON = lazy(r"\b(?:he|she|him|her|his|hers|he['’]s|she['’]s|himself|herself|él|ella|"
                   r"tagged|etiquetad[oa]s?)\b", re.IGNORECASE)
# warnings that say nothing of who: a place (the town thanked), a season or a date
_NOT_WHO = frozenset({"geographic", "date"})


def _to_a_group(text: str, start: int, end: int, hits: Sequence[Seen]) -> bool:
    """The sentence a learned hit points at thanks a counted group, no one person is told of
    (no singular third person), and the rules saw no person anywhere in the text (only a
    place or a date, if anything)."""
    return (all(h.category in _NOT_WHO for h in hits) and bool(_GROUP.search(text, start, end))
            and not _ONE_PERSON.search(text))


def learned_hit(text: str, hits: list[Hit], context: str, block_at: float,
                model: Model | None = None, look_at: float | None = None,
                second_look: SecondLook | None = None,
                short_reply_at: float | None = None,
                reply_at: float | None = None) -> Hit | None:
    """A hit on the sentence that drove the score, or None when the rules already block or
    neither the scorer nor, where the scorer is uneasy, the fine-tuned model (at `look_at`,
    its registry row's block_at) is sure enough to say anything. A short reply (under
    MIN_WORDS words) that the scorer may not read, or reads as calm, goes to the fine-tuned
    model alone, at `short_reply_at`; a longer reply the scorer reads as calm, at `reply_at`
    (reply_hit)."""
    if context not in TRAINED_ON or any(h.severity == BLOCK for h in hits):
        return None
    short_reply = context == "reply" and len(_WORDS.findall(text)) < MIN_WORDS
    if not may_block(text, hits):
        if short_reply and short_reply_at is not None:
            return short_reply_hit(text, short_reply_at, second_look)
        return None
    scored = score(text, dense_features(hits, context), model)
    if scored.probability >= block_at:
        start, end, shown = _driven(text, scored)
        if context == "post" and _to_a_group(text, start, end, hits):
            return None
        return Hit("other_id", start, end, BLOCK, scored.probability, "learned",
                   f"This reads like a post about one specific patient's care (the words that "
                   f"weigh most: {shown}). {_WHOLE_NEXT}",
                   "[details]")
    if look_at is None:
        return None
    if scored.probability < LOOK_FROM:
        if short_reply:
            return (short_reply_hit(text, short_reply_at, second_look)
                    if short_reply_at is not None else None)
        if context == "reply" and reply_at is not None:
            return reply_hit(text, reply_at, second_look)
        return None
    if second_look is None:
        from .contextual import probability as second_look
    sure = second_look(text)
    if sure < look_at:
        return None
    # The scorer's strongest words point at the sentence, as for the scorer's own block: a
    # narrow span keeps the post's other warnings in view, lets an authorization cover a
    # story sentence, and keeps a dismissal through edits elsewhere in the post.
    start, end, shown = _driven(text, scored)
    if context == "post" and _to_a_group(text, start, end, hits):
        return None
    return Hit("other_id", start, end, BLOCK, sure, "learned_context",
               f"Read as a whole, this reads like a post about one specific patient's care "
               f"(the words that weigh most: {shown}). {_WHOLE_NEXT}", "[details]")


def short_reply_hit(text: str, block_at: float,
                    second_look: SecondLook | None = None) -> Hit | None:
    """A short reply ("Glad the new plan is helping!", "@ranch_hand 5.4! Told you the
    cherries would help"), read by the fine-tuned model as a whole. The word scorer does not
    decide it: on so few words its bias and function words do (see may_block), while the
    contextual model reads the sentence. The reply answers one commenter, so care it confirms
    is theirs."""
    return _whole_reply_hit(text, block_at, second_look, "learned_short_reply", "short reply")


def reply_hit(text: str, block_at: float, second_look: SecondLook | None = None) -> Hit | None:
    """A longer reply the word scorer reads as calm, read by the fine-tuned model as a whole:
    the scorer learned mostly from posts, and a reply confirms the commenter's care in
    everyday words ("So glad the new schedule is working and you're sleeping through the
    night again"). The reply answers one commenter, so care it confirms is theirs."""
    return _whole_reply_hit(text, block_at, second_look, "learned_reply", "reply")


def _whole_reply_hit(text: str, block_at: float, second_look: SecondLook | None, rule: str,
                     what: str) -> Hit | None:
    if _PLACEHOLDER.search(text) or not _WORDS.search(text):
        return None
    if second_look is None:
        from .contextual import probability as second_look
    sure = second_look(text)
    if sure < block_at:
        return None
    end = len(text.rstrip()) or len(text)
    return Hit("other_id", 0, end, BLOCK, sure, rule,
               f"Read as a whole, this {what} reads like it confirms the commenter's own "
               f"care. Answer in general words, without their health or visit; if it confirms "
               f"nothing, dismiss it with a reason",
               "[general wording, e.g. 'thank you for your kind words']")


def _driven(text: str, scored: Scored) -> tuple[int, int, str]:
    """The sentence the scorer's strongest words point at, and how the explanation shows
    those words (computed only for a text that blocks: most texts never need them)."""
    words = [scored.words[i] for i in scored.drivers]
    start, end = _sentence_of(text, words)
    return start, end, ", ".join(f"'{w}'" for w in words) or "its wording"


def _sentence_of(text: str, words: list[str]) -> tuple[int, int]:
    """The sentence holding the strongest driver word (the whole text when none is found)."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    bounds = [(s, e) for s, e in zip(starts, starts[1:] + [len(text)], strict=True)]
    lowered = text.lower()
    for word in words:
        if len(word) < 2 or word.startswith("<"):
            continue
        at = lowered.find(word)
        if at >= 0:
            for s, e in bounds:
                if s <= at < e:
                    return s, len(text[:e].rstrip()) or e
    return 0, len(text.rstrip()) or len(text)
