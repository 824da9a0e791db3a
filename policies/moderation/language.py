"""Can the classifier read this comment? Its models and cues know English and some Spanish
(about 10% of a US practice's comments); anything else goes to a person, saying so, rather
than getting a confident-looking guess.

A known-word check, not a language identifier: a comment of three or more words none of
which is a common English or Spanish function word or a word in VADER's English lexicon
(7,500 words, already loaded for sentiment) is "not judged". Measured on the dev set
(bench/moderation_eval.py): it catches the Vietnamese and Tagalog comments and no English or
Spanish one. A library identifier (langid, lingua) would name the language but costs
0.2-1 s of model load per process for a yes/no question.
"""

from __future__ import annotations

import re
from collections.abc import Container

_WORD = re.compile(r"[^\W\d_]+")
_LINK = re.compile(r"https?://|www\.|\.(?:com|net|org|example|ly|io)\b|@\w", re.I)
# the commonest function words; English first, then Spanish
_WORDS = """
a an the and or but if so of to in on at for with from by about as is are was were be been
am do does did have has had i me my mine you your yours we our us they them their he him his
she her it its this that these those there here what when where who why how not no yes can
could will would should just all any some very too also thanks thank please u ur r every
one last get got buy now new free good best out up more than then
el la los las un una unos unas y o pero si de del al a en con por para sin sobre es son era
fue ser estar esta este esto estos estas eso mi mis tu tus su sus yo me te se lo le les nos
que qué como cómo cuando cuándo donde dónde quien quién porque muy mas más ya no sí gracias
"""
_KNOWN = frozenset(_WORDS.split())
MIN_WORDS = 3


def unjudged(text: str, lexicon: Container[str] = frozenset()) -> bool:
    """True when the comment is long enough to judge but in a language we cannot read;
    ``lexicon``: more known English words (the classifier passes VADER's)."""
    if _LINK.search(text):  # links and handles are judged whatever the language (spam cues)
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return False
    # VADER's one- and two-letter entries are slang and emoticons ("po" = pissed off), which
    # are everyday words in other languages (Tagalog "po", Vietnamese "co")
    return not any(w in _KNOWN or (len(w) > 2 and w in lexicon) for w in words)


REASON = ("Written in a language the classifier cannot read (not English or Spanish): it "
          "was not judged, a person needs to read it.")
