"""Care told without its word: a pregnancy and a cancer in the words people use for them,
and the end of a cancer treatment told by its custom (treatment_ends).

A reader hears a pregnancy in "Ana is expecting!", "they're expecting a baby boy in
August", "she's due in May" ("due date" is in data/lay_terms.tsv already), "a baby on
the way", "a bun in the oven", "mom-to-be", "está esperando un bebé", "en la dulce
espera", "va a ser mamá", and a cancer in "beat
the big C", "the C word", as plainly as in "pregnant" and "cancer", but no code list spells
them so. The constructions, not a list of sentences, are read here, in English and Spanish;
vocabulary.py reads each match as a lay condition, so it ties to a person like any other care
word (a name, "our patient", a reply) and with nobody in the text it is no finding.

"Expecting" is a pregnancy only where what is expected is a child ("a baby", "twins",
"their first child", "baby #2", "un bebé") or nothing at all: said of a person and ending
its clause ("Ana is expecting!", "Ana is expecting, thanks to ..."). "We're expecting a busy
flu season", "expecting you at 9", "more than we were expecting" and "what to expect" are
not read. "The big C" and "the C word" are read with the capital as written (a "big c" in
lower case is a size)."""

from __future__ import annotations

import re

from .lazy_pattern import lazy
from .prefilter import gated

_CHILD = (r"(?:(?:a|another|their|her|his|our|my|the)\s+)?(?:(?:first|second|third|fourth|"
          r"1st|2nd|3rd|4th|new|little|baby|rainbow|sweet)\s+)*(?:baby|babies|child|kid|"
          r"son|daughter|boy|girl|bundle\s+of\s+joy|little\s+one|addition|sibling|"
          r"brother|sister|grandbaby|grandchild)\b|(?:twins|triplets)\b|(?:baby\s+)?"
          r"(?:#|no\.?\s*|number\s+)(?:\d|two|three|four)\b")
# "expecting" said of someone ("Ana is expecting", "they're expecting"), not after "than",
# "what", "as" ("bigger than we were expecting", "what we're expecting")
_BE = r"(?:is|are|was|were|['’]s|['’]re|now|also|both|happily|officially|finally)"
_EXPECTING = (r"\b" + _BE + r"\s+(?:\w+\s+)?(expecting(?:\s+(?:" + _CHILD + r")|(?=\s*(?:"
              r"[!.,;:)\n]|$|[\U0001F300-\U0001FAFF\u2600-\u27BF])|\s+(?:and|again)\b|"
              r"\s+[—–-]\s)))")
# ... said of what someone awaits, not of a person: "bigger than we were expecting", "what
# we're expecting", "just as we were expecting"
_AWAITED = gated(r"\b(?:than|what|as|whatever|anything|nothing|like|exactly)\s+(?:\w+\s+){0,2}$",
                 re.IGNORECASE)

PREGNANCY = gated(
    _EXPECTING
    + r"|\b((?:\b(?:she|they|we)|(?!(?-i:The|This|That|It|Rent|Payment|Everything|"
    r"Tuition|Registration)\b)(?-i:\b[A-Z][a-z]+))(?:\s+is|\s+are|['’]s|['’]re)\s+due\s+(?:any\s+day|in\s+(?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december|the\s+spring|"
    r"the\s+summer|the\s+fall|the\s+winter)\b)|(?:a\s+)?baby\s+on\s+the\s+way|bun\s+in\s+the\s+"
    r"oven|eating\s+for\s+two|(?:mom|mum|mama|mother)[- ]to[- ]be|expectant\s+"
    r"(?:mother|mom|mum|mama)|baby\s+bump)\b"
    # Spanish: "está esperando un bebé", "en la dulce espera", "va a ser mamá"
    r"|\b((?:est[aá]n?|estamos)\s+esperando(?:\s+(?:a\s+)?(?:su|un|una|el|la|sus)\s+"
    r"(?:primer\s+|segundo\s+|tercer\s+)?(?:beb[eé]s?|hij[oa]s?|nin[oa]|niñ[oa]|"
    r"gemel[oa]s|bebito|bebita|angelito))|(?:la\s+)?dulce\s+espera|en\s+estado\s+de\s+buena\s+"
    r"esperanza|en\s+estado\s+interesante|encinta|(?:un\s+)?beb[eé]\s+en\s+camino|fecha\s+"
    r"(?:probable\s+)?de\s+parto|va\s+a\s+ser\s+(?:mam[aá]|madre)(?:\s+por\s+\w+\s+vez)?|"
    r"futura\s+mam[aá])\b",
    re.IGNORECASE,
)
# "beat the big C", "la gran C": the capital as written
CANCER = gated(r"\b((?:the|la|el)\s+(?:big|gran)\s+(?-i:C)|(?:the\s+)?(?-i:C)[- ]word)\b",
               re.IGNORECASE)


# The end of a cancer treatment told by its custom (session 56): ringing the bell at the last
# round ("rang the bell today 🔔", "tocó la campana") and the last round itself ("her last
# round is done!", "su última sesión"). Neither is read alone: the bell with a last round or
# a ribbon 🎗 in the post, or a health word in its own sentence ("rang the chemo bell", "rang
# the bell at our infusion center"); the last round with the bell or the ribbon.
# "Rang the bell for the Salvation Army kettle" and "the last round is on us" stay unread.
# ... a bell that starts something ("rang the bell to start the final round") and a contest's
# round ("the final round of our trivia night") are no treatment's
_BELL = lazy(r"\b(?:rang|rung|rings?|ringing)\s+(?:the|that|her|his|their|our)\s+"
             r"(?:[\w-]+\s+)?bell\b(?!\s+(?:to\s+(?:start|open|begin|signal|announce|kick\s+off)|"
             r"for\s+(?:the\s+)?(?:start|opening|next|first|round)|at\s+the\s+(?:start|stock|"
             r"opening)))|\b(?:toc[oó]|tocan?|tocando|tocar)\s+la\s+campana\b",
             re.IGNORECASE)
_LAST_ROUND = lazy(r"\b(?:last|final)\s+(?:round|cycle|session|infusion|treatment)s?\b"
                   r"(?!\s+of\s+(?:the|our|this|a)\s+(?:[\w-]+\s+){0,2}?(?:tournament|trivia|"
                   r"golf|game|games|bingo|contest|competition|match|bout|boxing|draft|voting|"
                   r"interviews|applications|hiring|playoffs?|raffle|auction|drinks)\b)|"
                   r"\b[uú]ltim[ao]\s+(?:sesi[oó]n|ronda|ciclo|infusi[oó]n|tratamiento)\b",
                   re.IGNORECASE)
_RIBBON = "\U0001F397"


def treatment_ends(text: str, health: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of a bell rung and of a last round, where the post holds another sign
    of a treatment's end (see _BELL); `health`: the spans of the text's health words."""
    low = text.lower()
    if "bell" not in low and "campana" not in low and _RIBBON not in text:
        return []
    bells = [m.span() for m in _BELL.finditer(text)]
    rounds = [m.span() for m in _LAST_ROUND.finditer(text)]
    ribbon = _RIBBON in text
    out = []
    if bells and (rounds or ribbon):
        out += bells
    else:  # "Ana rang the bell for the food drive. Flu shots inside!": not her care
        out += [b for b in bells if any(_one_sentence(text, b, h) for h in health)]
    if rounds and (bells or ribbon):
        out += rounds
    return sorted(out)


def _one_sentence(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """No sentence ends between the two spans."""
    start, end = min(a[0], b[0]), max(a[1], b[1])
    return _SENTENCE_END.search(text, start, end) is None


_SENTENCE_END = lazy(r"[.!?\n]\s")


def euphemisms(text: str) -> list[re.Match[str]]:
    """Pregnancies and cancers told in everyday words (the matched group is the span)."""
    out = []
    for m in PREGNANCY.finditer(text):
        if m.group(1) and _AWAITED.search(text, max(0, m.start() - 40), m.start()):
            continue
        if not _due_of_a_person(text, m):
            continue
        out.append(m)
    return out + list(CANCER.finditer(text))


# "X is due in May": X names a person, not a project, a bill or a form ("Construction is due
# in June", "Renewal is due in March"): a given name, or the second word of a name written
# whole ("Jessica Tran is due in May") (lead's narrowing after an outside review of s55)
_DUE_SUBJECT = lazy(r"([A-Z][a-z]+)(?:\s+is|\s+are|['’]s|['’]re)\s+due\b")
_NAME_BEFORE = lazy(r"\b[A-Z][a-z]+[ \t]+$")


def _due_of_a_person(text: str, m: re.Match[str]) -> bool:
    """False where a "due" reading's subject is a capitalised word that is no given name and
    follows no other capitalised word on its line: a thing that is due, not a person."""
    due = _DUE_SUBJECT.match(text, m.start())
    if due is None:
        return True
    from .vocabulary import first_names

    return (due.group(1).lower() in first_names()
            or _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None)


def span(m: re.Match[str]) -> tuple[int, int]:
    """The span of the match's group that matched."""
    group = next(g for g in range(1, (m.re.groups or 0) + 1) if m.group(g) is not None)
    return m.start(group), m.end(group)
