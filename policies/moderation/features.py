"""Text -> hashed sparse features for the trained comment models.

One featurizer for training (policies/moderation/training/train.py) and for scoring, so the
two can never drift apart. Pure Python + zlib (no scikit-learn at run time):

- word unigrams and bigrams (lower-cased, accents folded, links -> ``<url>``, @handles ->
  ``<user>``, digits -> ``0``, starred-out words kept: ``f***``);
- character 3- to 5-grams inside each word (padded with spaces), which carry misspellings,
  disguises and other languages (Spanish shares many with English);
- a few dense cues (VADER scores, link, shouting, question).

Every feature keeps the index of the word it came from, so a score can be explained as
"the words that drove it".
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

N_HASH = 1 << 18  # hashed feature space; weights are stored sparse, so this costs little
DENSE = ("vader_compound", "vader_neg", "vader_pos", "has_url", "shouting", "question",
         "exclaim", "emoji")
N_FEATURES = N_HASH + len(DENSE)

# A link never starts inside a run of words joined by dots or hyphens (the run's first word
# starts it): not after "a." or "a-" (without that, "a.a.a..." was tried from every word, each
# try scanning to the run's end: 10,000 of them took 17 s), nor after ".-" (an outside review,
# session 41: "1.-1.-1.-..." of 20,000 characters took 20 s here), and its first character is
# a letter or a digit (a start at each "-" of "a-.a-.a-." did the same). After ".." it may
# start: "Sign up now...bit.ly/x".
NOT_INSIDE_A_RUN = r"(?<![\w-][.-])(?<!\.-)"
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b" + NOT_INSIDE_A_RUN
                     + r"\w[\w-]*(?:\.[\w-]+)*\.(?:com|net|org|ly|io|co|"
                     r"example|info|biz|xyz|me|shop|us)(?:/\S*)?\b", re.I)
_USER_RE = re.compile(r"@[\w.]+")
_TOKEN_RE = re.compile(r"<url>|<user>|[\w'*]+|[^\w\s]")
_DIGIT_RE = re.compile(r"\d")
EMOJI_CLASS = "[\U0001F300-\U0001FAFF\u2600-\u27BF]"  # also bounds VADER (classifier.py)
_EMOJI_RE = re.compile(EMOJI_CLASS)


def fold(text: str) -> str:
    """Lower-case, curly quotes straightened, accents removed (mamá -> mama)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    plain = fold(text)
    if "." in plain or "://" in plain:  # every link _URL_RE knows has one (a quick skip)
        plain = _URL_RE.sub(" <url> ", plain)
    if "@" in plain:
        plain = _USER_RE.sub(" <user> ", plain)
    return _TOKEN_RE.findall(_DIGIT_RE.sub("0", plain))


def _h(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (N_HASH - 1)


@lru_cache(maxsize=200_000)
def word_ids(word: str) -> tuple[int, ...]:
    """The word itself and its character 3-5-grams, hashed (cached: comments reuse words)."""
    if len(word) < 2 or word[0] == "<":
        return (_h("w " + word),)
    padded = f" {word} "
    return (_h("w " + word),) + tuple(
        _h("c " + padded[start:start + n]) for n in (3, 4, 5)
        for start in range(0, len(padded) - n + 1))


@lru_cache(maxsize=200_000)
def bigram_id(prev: str, word: str) -> int:
    return _h("b " + prev + " " + word)


@dataclass(frozen=True)
class Features:
    words: list[str]  # the tokens, for explanations
    index: list[int]  # hashed feature ids, one per occurrence
    owner: list[int]  # the token each feature came from (-1: none)
    scale: float  # 1/sqrt(occurrences): each occurrence's value
    dense: list[float]  # values for DENSE, in order


def featurize(text: str, vader: object | None = None) -> Features:
    words = tokens(text)
    index: list[int] = []
    owner: list[int] = []
    prev = "<s>"
    for i, w in enumerate(words):
        index.append(bigram_id(prev, w))
        grams = word_ids(w)
        index.extend(grams)
        owner.extend([i] * (len(grams) + 1))
        prev = w
    index.append(_h("b " + prev + " </s>"))
    owner.append(len(words) - 1 if words else -1)
    scale = 1.0 / (len(index) ** 0.5)
    return Features(words, index, owner, scale, dense_cues(text, words, vader))


def dense_cues(text: str, words: list[str], vader: object | None) -> list[float]:
    if vader is not None:
        s = vader.polarity_scores(text)  # type: ignore[attr-defined]
        compound, neg, pos = s["compound"], s["neg"], s["pos"]
    else:
        compound = neg = pos = 0.0
    letters = sum(map(str.isalpha, text))
    shouting = sum(map(str.isupper, text)) / letters if letters >= 8 else 0.0
    return [
        compound, neg, pos,
        1.0 if "<url>" in words else 0.0,
        1.0 if shouting > 0.7 else 0.0,
        1.0 if "?" in text else 0.0,
        min(text.count("!"), 3) / 3.0,
        min(len(_EMOJI_RE.findall(text)), 3) / 3.0,
    ]
