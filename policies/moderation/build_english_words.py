"""Rebuild policies/moderation/english_words.txt, the kept word lists language.unjudged reads
beside the English parser's vocabulary (the spaCy model's strings):

- ``+word``: an English word the parser's vocabulary lacks ("telehealth", "sunscreen",
  "needling"): wordfreq's English list at zipf >= 2.0 (about one in a hundred million words),
  letters only, that wordfreq finds at least as often in English as in every other language
  it lists in the Latin alphabet (Spanish, Tagalog, Vietnamese, Portuguese, French ...), and
  English contractions written without the apostrophe ("dont", "yall") at zipf >= 3.0;
- ``-word``: a word of the parser's vocabulary or of the list above that wordfreq finds more
  often in Tagalog or Vietnamese than in English ("po", "sa", "ang", "ko"): the parser learned
  them from web text, and they are the words of the comments the note is for.

    pip install -e '.[vocab]' && python policies/moderation/build_english_words.py

wordfreq (Apache-2.0 code; its CC-BY-SA data is only consulted, as for
policies/phi/data/build_vocab.py) is needed here only; the product reads the text file.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

OUT = Path(__file__).with_name("english_words.txt")
MIN_ZIPF = 2.0
MIN_CONTRACTION_ZIPF = 3.0
# every other language wordfreq lists that is written in the Latin alphabet
OTHERS = ("ca", "cs", "da", "de", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt", "lv",
          "ms", "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi")
# the languages the note is for whose short words the parser's vocabulary holds
READ_BY_A_PERSON = ("fil", "vi")


def main() -> None:
    try:
        import wordfreq
    except ImportError:
        print("wordfreq is not installed: pip install -e '.[vocab]'", file=sys.stderr)
        sys.exit(2)
    from policies.moderation.language import _parser_vocabulary

    parser = _parser_vocabulary()
    if not parser:
        print("the English spaCy model is not installed", file=sys.stderr)
        sys.exit(2)
    freq = {lang: wordfreq.get_frequency_dict(lang) for lang in ("en", *OTHERS)}

    def zipf(word: str, lang: str) -> float:
        f = freq[lang].get(word, 0.0)
        return math.log10(f * 1e9) if f > 0 else 0.0

    added = {w for w in freq["en"] if w.isalpha() and w.isascii() and zipf(w, "en") >= MIN_ZIPF
             and all(zipf(w, "en") >= zipf(w, o) for o in OTHERS)}
    added |= {w.replace("'", "") for w in freq["en"] if "'" in w
              and w.replace("'", "").isalpha() and zipf(w, "en") >= MIN_CONTRACTION_ZIPF}
    added -= parser
    others = {w for w in parser | added
              if max(zipf(w, o) for o in READ_BY_A_PERSON) > zipf(w, "en")}
    added -= others
    from importlib.metadata import version

    lines = [f"# built by {Path(__file__).name} from wordfreq {version('wordfreq')}: "
             "+ English words the parser's vocabulary lacks, - words commoner in Tagalog or "
             "Vietnamese than in English"]
    lines += [f"+{w}" for w in sorted(added)] + [f"-{w}" for w in sorted(others)]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{OUT.name}: {len(added)} added, {len(others)} not counted as English")


if __name__ == "__main__":
    main()
