"""A text written all in capitals or all in lower case, recased for the screen.

The NER model and the name rules read capital letters: "CONGRATS TO COACH DEAN'S TWINS" and
"so proud of maria lopez" name nobody to them. Such a text is screened as if written in
ordinary case, a small truecaser over the kept name lists: each sentence opens with a
capital, "i" is "I", a census first name with a census surname after it is capitalised (not
before a place word: "rose hill senior center"), and so is a listed name after a title or a
name ("coach dean", "pastor medina"); a credential after a name and a comma is in capitals
("priya desai, np,"); a run of words ending in a place noun after "at/of/in/from" is a named
place ("at oakwood community center"). In a text in capitals the care abbreviations ("PT", "ICU")
and words beside a digit ("A1C", "27TH") keep their capitals. One character for one, so spans
do not move; a text in mixed case is left as written."""

from __future__ import annotations

import re

from .lazy_pattern import lazy

_WORD = lazy(r"[A-Za-z][A-Za-z'’]*")
_SENTENCE_START = lazy(r"(?:^|[.!?:\n]\s*|^\W*)([a-z])")
_KEEP_CAPS = frozenset({"PT", "OT", "ER", "ICU", "MRI", "CT", "IV", "ACL", "ADHD", "COVID", "RSV",
                        "UTI", "IUD", "DOB", "MRN", "SSN"})
_PLACE_WORDS = (r"center|centre|clinic|hospital|school|high|middle|elementary|university|"
                r"college|church|park|library|street|st|ave|avenue|road|drive|county|city")


_NAMED_PLACE = lazy(
    r"\b(?:at|of|in|from|to|near)\s+((?!(?:the|our|a|an|your|my|his|her|their|this|that|every|"
    r"each|any|some|no)\b)[a-z][\w'’]*(?:\s+[a-z][\w'’]*){0,2}\s+(?:" + _PLACE_WORDS + r"))\b",
    re.I)


def one_case(text: str) -> str | None:
    """"upper" or "lower" when every letter of a text of three words or more is in that case."""
    if text == text.lower():
        case = "lower"
    elif text == text.upper():
        case = "upper"
    else:
        return None
    return case if len(_WORD.findall(text, 0, 200)) >= 3 else None


def recase(text: str) -> str:
    """The text in ordinary case if it is written in one case; else the text itself."""
    case = one_case(text)
    if case is None:
        return text
    from .vocabulary import credentials, first_names, surnames, titles

    out = [c.lower() if len(c.lower()) == 1 else c for c in text]
    firsts, lasts, heads, letters = first_names(), surnames(), titles(), credentials()
    words = list(_WORD.finditer(text))
    bare = [re.sub(r"['’]s?$", "", m.group(0).lower()) for m in words]  # "dean's" -> "dean"
    previous_named = False
    for k, m in enumerate(words):
        word, (s, e) = bare[k], m.span()
        if case == "upper" and (m.group(0) in _KEEP_CAPS or text[s - 1 : s].isdigit()
                                or text[e : e + 1].isdigit()):  # "A1C", "COVID-19"
            out[s:e] = m.group(0)
            previous_named = False
            continue
        adjacent = k + 1 < len(words) and text[e : words[k + 1].start()].strip() == ""
        # a first name with a surname after it, or any listed name after a title or a name
        named = word in firsts and adjacent and bare[k + 1] in lasts and not re.match(
            r"\s+\S+\s+(?:" + _PLACE_WORDS + r")\b", text[e : e + 40], re.I)
        named = named or previous_named and (word in lasts or word in firsts)
        if named or word == "i":
            out[s] = out[s].upper()
        # (a window before the word: searching all of text[:s] made recase quadratic)
        elif word in letters and len(word) > 1 and re.search(
                r"\w,\s*$", text[max(0, s - 40) : s]) and (
                re.match(r"\s*[,.;)]", text[e : e + 2]) or e == len(text)):
            out[s:e] = m.group(0).upper()  # "priya desai, np, our ...": a credential
        previous_named = (named or word in heads) and adjacent
    recased = "".join(out)
    # a named place: "at oakwood community center", "from lincoln elementary" (not "at the clinic")
    for m in _NAMED_PLACE.finditer(recased):
        for w in re.finditer(r"\b[a-z]", m.group(1)):
            recased = recased[: m.start(1) + w.start()] + w.group(0).upper() + recased[
                m.start(1) + w.end() :]
    # a sentence opens with a capital
    return _SENTENCE_START.sub(lambda m: m.group(0)[:-1] + m.group(1).upper(), recased)
