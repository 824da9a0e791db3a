"""Initials standing for a person: "R.T. wrapped up radiation", "shout-out to M.B. for ...".

Dotted capitals are also places ("U.S.", "D.C."), times ("6 P.M."), credentials after a name
("Dana Ruiz, M.D."), titles before one, postscripts ("P.S.") and care words ("I.V.", "E.R.").
So initials count as a person only in a person's slot, read from the sentence's shape rather
than from a list of abbreviations: after a greeting ("congrats to", "proud of"), or, unless
they are a place's postal or country code ("U.S. is seeing ..."), before a finite verb or an
agreeing pronoun ("R.T. wrapped up ...", "D.K. and her mom")."""

from __future__ import annotations

import re
from typing import Any

from .lazy_pattern import lazy

I = re.IGNORECASE  # noqa: E741

# two or three dotted capitals, nothing dotted or lettered on either side ("R.S.V.P." is four)
_DOTTED = lazy(r"(?<![\w.])(?:[A-Z]\.\s?){1,2}[A-Z]\.(?![\w.]|\s?[A-Z]\.)")
# a greeting before: "congrats to A.P.", "so proud of D.K.", "shout-out to K.M."
_CUE_BEFORE = lazy(r"\b(?:(?:congrats|congratulations|thanks|thank you|kudos|props|cheers|"
                   r"shout[- ]?outs?|hats off|welcome back|love|hugs?|high fives?)\s*,?\s*"
                   r"(?:to\s+)?|proud of\s+|go\s+|hi\s+|hey\s+)$", I)
# a determiner or a place preposition before ("the U.S.", "in D.C.", "our E.R."), a word and a
# comma (a credential after a name: "Dana Ruiz, M.D."), a number (a time: "6 P.M.")
_NOT_PERSON_BEFORE = lazy(r"\b(?:the|a|an|our|your|this|that|in|at|from|across|per|"
                          r"via)\s+$|[A-Za-z.]\s*,\s*$|\d\s*$", I)
# a finite verb (after at most one adverb) or an agreeing pronoun within a few words
_VERB_AFTER = lazy(
    r",?\s+(?:(?:just|finally|officially|now|already|also|still|recently|proudly)\s+)?"
    r"(?:is|was|has|had|got|gets|will|did|does|can|[a-z]{2,}ed)\b|"
    r"\s+(?:[a-z]+\s+){1,3}?(?:his|her|their|him|he|she)\b")
# After a greeting the initials are the greeted person only as the head of their phrase: a
# lower-case word after them that is no preposition or conjunction makes them a modifier
# ("proud of U.S. veterans", "hats off to A.A. members").
_HEAD_NEXT = lazy(r"\s+(?!(?:on|for|and|or|who|whose|with|in|at|from|to|today|tonight|"
                  r"this|last|yesterday|again|too|as|after|before|&)\b)[a-z]")
# Three dotted letters with only a verb after them are an agency or a document more often than
# a person ("F.D.A. approved ...", "F.A.Q. has been updated"): a person's takes a pronoun or a
# verb of receiving care ("J.K.L. finished chemo", "J.K.L. rang the bell after her ...").
_RECEIVED_AFTER = lazy(r",?\s+(?:(?:just|finally|officially|now|already|also|still|"
                       r"recently|proudly)\s+)?(?:had|got|finished|started|completed|beat|"
                       r"underwent|wrapped|rang|was (?:diagnosed|admitted|discharged)|"
                       r"is (?:recovering|home|back))\b|\s+(?:[a-z]+\s+){1,3}?(?:his|her|"
                       r"their|him|he|she)\b")
_POSTSCRIPT = frozenset({"ps", "pps", "nb"})  # note markers: "P.S.", "N.B."
_CARE_LETTERS = frozenset({"er", "or", "icu", "ed", "pt", "ot"})
# Places written with dots: the USPS state and territory codes (a closed standard list) and the
# country and city abbreviations written that way. The small model labels many people's
# initials GPE too ("D.K."), so its label cannot tell them apart.
_PLACES = frozenset({
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in",
    "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh",
    "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut",
    "vt", "va", "wa", "wv", "wi", "wy", "as", "gu", "mp", "pr", "vi",
    "us", "usa", "uk", "eu", "uae", "nyc", "sf"})


def person_initials(doc: Any, text: str) -> list[tuple[int, int]]:
    """Spans of dotted initials that stand in a person's slot."""
    if "." not in text:
        return []
    from .vocabulary import health_word

    times = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("TIME", "DATE")]
    out = []
    for m in _DOTTED.finditer(text):
        s, e = m.span()
        letters = re.sub(r"[.\s]", "", m.group(0)).lower()
        before = text[max(0, s - 30) : s]
        if letters in _POSTSCRIPT or letters in _CARE_LETTERS or health_word(letters):
            continue  # "P.S. ...", "E.R. wait times", "the I.V. pole"
        if _NOT_PERSON_BEFORE.search(before) or re.match(r"\s+[A-Z]", text[e:]):
            continue  # a place, a credential after a name, a time, a title before a name
        if any(a < e and s < b for a, b in times):
            continue  # "6 P.M."
        if _CUE_BEFORE.search(before):
            if not _HEAD_NEXT.match(text, e):
                out.append((s, e))
        elif len(letters) == 3 and not _RECEIVED_AFTER.match(text, e):
            continue
        elif _VERB_AFTER.match(text, e) and letters not in _PLACES:
            out.append((s, e))  # "D.C. has ...": a place needs the greeting
    return out
