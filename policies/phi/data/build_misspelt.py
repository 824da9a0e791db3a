"""Write misspelt_near.txt, what policies/phi/misspelt.py reads to take a word one letter
from a health term for that term: the targets (one-word condition and care terms of
health_terms.tsv and lay_terms.tsv, no medicine, Zipf >= misspelt.COMMON_ZIPF, in the
vocabulary's order) and, of every word read as itself (the spaCy model's vocabulary strings,
policies/moderation/english_words.txt, common_words.tsv, the Spanish verb and function
words, the first-name, surname and place lists, and wordfreq's English words at Zipf >=
ENGLISH_ZIPF; accents folded, each also with an "s"), only those one letter from a target:
the rest can never be taken for one, so the screen need not hold them (and a bigger list
here costs the screen nothing). Run after changing any of those lists, misspelt.py, the
spaCy model or wordfreq:

    python policies/phi/data/build_misspelt.py

tests/test_s56_p2_misspelt.py fails while the file is stale."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

# wordfreq's English words this common are words, not misspellings (session 56: the lists
# above lack "grasses", "fillets", "tranche", "nauseam", "heeling", 27 words at >= 2.0 one
# letter from a target; below it, misspellings people write appear: "perscription",
# "vomitting", "delerium" at 1.5-2.0, and every probe misspelling is at 0)
ENGLISH_ZIPF = 2.0


def targets() -> list[str]:
    from policies.phi.misspelt import COMMON_ZIPF, TARGET_MIN
    from policies.phi.vocabulary import health_terms

    terms, _ = health_terms()
    return [phrase for phrase, term in terms.items()
            if len(phrase) >= TARGET_MIN and phrase.isalpha() and phrase.isascii()
            and term.source != "drug" and term.zipf >= COMMON_ZIPF]


def known_words() -> frozenset[str]:
    """Every word read as itself: English and Spanish words, names, places (folded, as a
    word is looked up)."""
    from policies.moderation.language import _english_words, _parser_vocabulary
    from policies.phi.spanish_names import _everyday
    from policies.phi.vocabulary import (
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
             | surnames() | us_places() | common_english())
    return frozenset(name_key(w) for w in words)


def common_english() -> frozenset[str]:
    """wordfreq's English words at Zipf >= ENGLISH_ZIPF (its list is in frequency order)."""
    from wordfreq import iter_wordlist, zipf_frequency

    out = set()
    for word in iter_wordlist("en"):
        if zipf_frequency(word, "en") < ENGLISH_ZIPF:
            break
        out.add(word)
    return frozenset(out)


def contents() -> str:
    from policies.phi.misspelt import KNOWN, TARGETS, candidate, closest, index

    wanted = targets()
    near = index(wanted, frozenset())
    forms = {f for w in known_words() for f in (w, w + "s") if candidate(f)}
    kept = sorted(f for f in forms if closest(f, near) is not None)
    return "\n".join([
        "# written by policies/phi/data/build_misspelt.py (do not edit): the health terms a",
        "# misspelling is read as, then the known words one letter from one (read as written)",
        TARGETS, *wanted, KNOWN, *kept]) + "\n"


def main() -> int:
    from policies.phi.misspelt import NEAR_FILE

    text = contents()
    NEAR_FILE.write_text(text, "utf-8")
    print(f"{NEAR_FILE}: {len(text.encode())} bytes, {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
