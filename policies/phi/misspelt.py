"""A health word misspelt by one letter is still the health word to a reader.

"chemotheraphy", "chemoterapy", "kemotherapy", "diabetis": one letter added, dropped,
changed or two swapped, and no reader stops at it; the vocabulary (vocabulary.py) reads only
the spellings the code lists and the lay list hold. Here a word the vocabulary does not hold
is read as a vocabulary word at edit distance 1 (RapidFuzz's optimal string alignment: an
insertion, a deletion, a substitution or a swap of two neighbours), under four conditions
that keep everyday words and people out:

- it has the term's first letter (a writer who misspells keeps it: "preceptor" is no
  "receptor", "mushing" no "Cushing");
- the word is MIN_LENGTH letters or more (a short word is one letter from too many others:
  "cancr" and "kemo" are left to the learned parts, which read them);
- it is no English or Spanish word (the spaCy model's vocabulary the screen ships, the kept
  English list policies/moderation/english_words.txt, the common-word list and the Spanish
  verb and function words of data/): "expecting", "carrer" or "mamografia" are read as
  written;
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

The lists and RapidFuzz load on the first word that needs them, never at import."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .vocabulary import Term

MIN_LENGTH = 7
# a target people write: the code lists' Latin and rare forms ("vasculare", "externa",
# "torovirus") are one letter from everyday words ("vascular", "externs", "norovirus")
COMMON_ZIPF = 3.0
_TARGET_MIN = MIN_LENGTH - 1  # a word one letter longer than its target


@lru_cache(maxsize=1)
def _targets() -> dict[int, dict[str, Term]]:
    """The one-word condition and care terms (no medicine), by length."""
    from .vocabulary import health_terms

    terms, _ = health_terms()
    out: dict[int, dict[str, Term]] = {}
    for phrase, term in terms.items():
        if (len(phrase) >= _TARGET_MIN and phrase.isalpha() and term.source != "drug"
                and term.zipf >= COMMON_ZIPF):
            out.setdefault(len(phrase), {})[phrase] = term
    return out


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    """Every word read as itself: English and Spanish words, names, places."""
    from policies.moderation.language import _english_words, _parser_vocabulary

    from .spanish_names import _everyday
    from .vocabulary import (
        first_names,
        name_key,
        spanish_function_words,
        spanish_verb_forms_all,
        surnames,
        us_places,
    )

    spanish, english = _everyday()
    added, _ = _english_words()
    words = (_parser_vocabulary() | added | english | frozenset(spanish)
             | spanish_verb_forms_all() | spanish_function_words() | first_names()
             | surnames() | us_places())
    return frozenset(name_key(w) for w in words)  # accents off, as the word is looked up


@lru_cache(maxsize=256)
def in_spanish(text: str) -> bool:
    """The text is Spanish (policies/moderation/language.spanish): its words are not read
    here, since the kept Spanish lists hold only everyday words, and a Spanish health word
    ("varicela", "insomnio", "gestacional") is one letter from its English twin."""
    from policies.moderation.language import spanish

    return spanish(text)


# a sound spelled as it is heard: "kemo" for "chemo", "fysical" for "physical"
_SOUNDS = (("k", "ch"), ("f", "ph"))


def _respellings(word: str) -> list[str]:
    """`word` with one of its letters respelled as the sound's usual spelling."""
    out = []
    for heard, usual in _SOUNDS:
        at = word.find(heard)
        while at >= 0:
            out.append(word[:at] + usual + word[at + len(heard):])
            at = word.find(heard, at + 1)
    return out


@lru_cache(maxsize=2048)
def near_term(word: str) -> Term | None:
    """The condition or care term `word` (lower case, accents folded) misspells by one
    letter, or None."""
    if len(word) < MIN_LENGTH or not word.isalpha() or not word.isascii():
        return None
    targets = _targets()
    known = _known()
    if word in targets.get(len(word), ()) or word in known or (
            word.endswith("s") and word[:-1] in known):
        return None
    for respelt in _respellings(word):
        if respelt in targets.get(len(respelt), ()):
            return targets[len(respelt)][respelt]
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extractOne

    best: tuple[int, str] | None = None
    for length in (len(word), len(word) - 1, len(word) + 1):
        choices = targets.get(length)
        if not choices:
            continue
        # a misspelling keeps its first letter ("preceptor" is no "receptor", "mushing" no
        # "Cushing"); "k" for "ch" is read above
        found = extractOne(word, [t for t in choices if t[0] == word[0]], scorer=OSA.distance,
                           score_cutoff=1)
        if found is not None and (best is None or found[1] < best[0]):
            best = (found[1], found[0])
    return targets[len(best[1])][best[1]] if best else None
