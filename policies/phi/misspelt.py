"""A health word misspelt by one letter is still the health word to a reader.

"chemotheraphy", "chemoterapy", "kemotherapy", "diabetis": one letter added, dropped,
changed or two swapped, and no reader stops at it; the vocabulary (vocabulary.py) reads only
the spellings the code lists and the lay list hold. Here a word the vocabulary does not hold
is read as a vocabulary word at edit distance 1 (optimal string alignment: an insertion, a
deletion, a substitution or a swap of two neighbours), under conditions that keep everyday
words and people out (session 55's, kept as measured there):

- it has the term's first letter (a writer who misspells keeps it: "preceptor" is no
  "receptor", "mushing" no "Cushing");
- the word is MIN_LENGTH letters or more (a short word is one letter from too many others:
  "cancr" and "kemo" are left to the learned parts, which read them);
- it is no English or Spanish word (the spaCy model's vocabulary the screen ships, the kept
  English list policies/moderation/english_words.txt, the common-word list and the Spanish
  verb and function words of data/, and since session 56 wordfreq's English words at Zipf
  2.0 or more: "grasses" is no "glasses", "nauseam" no "nausea"), nor such a word with an
  "s": "addition", "altercation", "carrer" or "mamografia" are read as written;
- it is no name of the name and place lists ("Diabate" is a surname);
- it is written in ASCII letters in a text that is not Spanish (policies/moderation's
  language test): the Spanish lists are of everyday words only, and a Spanish health word
  ("antibiótico", "varicela", "insomnio") is one letter from its English twin; the Spanish
  twins the screen reads are in data/lay_terms.tsv, and some were left out on purpose;
- a letter written as it sounds ("k" for "ch", "f" for "ph": "kemotherapy") is read with
  the usual spelling, only where that spelling is the term itself;
- the word it is near is a condition or care word of the code lists or the lay list that
  people write (its rarest word at Zipf COMMON_ZIPF or more: not "vasculare"), not a
  medicine (26,000 drug names, many short brand names, lie one letter from names and words).

What it reads is prebuilt (data/build_misspelt.py writes data/misspelt_near.txt): the 1,167
target terms, and of the ~187,000 known words and names only the ~1,400 that lie one letter
from a target, the only ones whose rejection can change an answer (a word one letter from no
target is no misspelling, whatever else it is). Session 55's first build loaded every known
word (+38 MB, ~1 s on the first long word of a process, and nearly every post has one);
this file is 26 KB, read on the first word of MIN_LENGTH letters, never at import (~10 ms
CPU, ~2 MB). A word is matched through its one-letter deletions against the targets' (a
symmetric-deletion index of the targets only), then the edit is checked: ~7 µs a word."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .vocabulary import Term

NEAR_FILE = Path(__file__).resolve().parent / "data" / "misspelt_near.txt"
MIN_LENGTH = 7
# a target people write: the code lists' Latin and rare forms ("vasculare", "externa",
# "torovirus") are one letter from everyday words ("vascular", "externs", "norovirus")
COMMON_ZIPF = 3.0
TARGET_MIN = MIN_LENGTH - 1  # a word one letter longer than its target
TARGETS, KNOWN = "[targets]", "[known]"  # the file's two sections

# a sound spelled as it is heard: "kemo" for "chemo", "fysical" for "physical"
_SOUNDS = (("k", "ch"), ("f", "ph"))
# among targets at distance 1, one of the word's length first, then one letter shorter,
# then one longer (a letter changed or swapped, added, dropped); then the file's order
_LENGTH_ORDER = {0: 0, -1: 1, 1: 2}


class Index(NamedTuple):
    targets: dict[str, int]  # target -> its place in the file (ties go to the first)
    known: frozenset[str]  # known words one letter from a target: read as written
    by_deletion: dict[str, list[str]]  # a target, and each of its one-letter deletions


def candidate(word: str) -> bool:
    """`word` (lower case) is long enough and plain enough to be read as a misspelling."""
    return len(word) >= MIN_LENGTH and word.isalpha() and word.isascii()


def index(targets: list[str], known: frozenset[str]) -> Index:
    keys: dict[str, list[str]] = {}
    for target in targets:
        for key in (target, *_deletions(target)):
            found = keys.get(key)
            if found is None:
                keys[key] = [target]
            elif found[-1] != target:  # "ll" in "gallstone": one key twice
                found.append(target)
    return Index({t: i for i, t in enumerate(targets)}, known, keys)


@lru_cache(maxsize=1)
def _index() -> Index:
    """data/misspelt_near.txt, read once, on the first word that needs it."""
    targets: list[str] = []
    known: list[str] = []
    into = None
    for line in NEAR_FILE.read_text("utf-8").splitlines():
        if line in (TARGETS, KNOWN):
            into = targets if line == TARGETS else known
        elif line and not line.startswith("#") and into is not None:
            into.append(line)
    return index(targets, frozenset(known))


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]


def _respellings(word: str) -> list[str]:
    """`word` with one of its letters respelled as the sound's usual spelling."""
    out = []
    for heard, usual in _SOUNDS:
        at = word.find(heard)
        while at >= 0:
            out.append(word[:at] + usual + word[at + len(heard):])
            at = word.find(heard, at + 1)
    return out


def one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by exactly one insertion, deletion, substitution or swap of two
    neighbouring letters (optimal string alignment distance 1)."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return long[i + 1:] == short[i:]


def closest(word: str, near: Index) -> str | None:
    """The target `word` misspells by one letter, known words aside (the build asks it of
    every known word to find the ones to keep)."""
    if word in near.targets:
        return None
    for respelt in _respellings(word):
        if respelt in near.targets:
            return respelt
    found: set[str] = set()
    for key in (word, *_deletions(word)):
        found.update(near.by_deletion.get(key, ()))
    # a misspelling keeps its first letter ("preceptor" is no "receptor", "mushing" no
    # "Cushing"); "k" for "ch" is read above
    hits = [t for t in found if t[0] == word[0] and abs(len(t) - len(word)) <= 1
            and one_edit(word, t)]
    return min(hits, key=lambda t: (_LENGTH_ORDER[len(t) - len(word)], near.targets[t]),
               default=None)


@lru_cache(maxsize=256)
def in_spanish(text: str) -> bool:
    """The text is Spanish (policies/moderation/language.spanish): its words are not read
    here, since the kept Spanish lists hold only everyday words, and a Spanish health word
    ("varicela", "insomnio", "gestacional") is one letter from its English twin."""
    from policies.moderation.language import spanish

    return spanish(text)


@lru_cache(maxsize=2048)
def near_term(word: str) -> Term | None:
    """The condition or care term `word` (lower case, accents folded) misspells by one
    letter, or None."""
    if not candidate(word):
        return None
    near = _index()
    if word in near.known:
        return None
    target = closest(word, near)
    if target is None:
        return None
    from .vocabulary import health_terms

    return health_terms()[0].get(target)
