"""A first person who only heard, read or learned something discloses no health of their own.

"When do bone density scans begin now? I keep hearing two ages", "Had no idea gout and
kidney stones were related", "Is the tetanus booster every ten years still? I thought it
moved": the commenter's only "I" is a listener or a reader of health news. The
self_disclosure layers (disclosure.py's rules, the writers' head, the second look) read a first
person beside a health word as the commenter's own health (session 46: 13 harmless comments
of the writers' sets up to session 40 flagged so, among 129 harmless self_disclosure flags).

``without_hearsay`` takes out each clause whose subject is the commenter hearing, seeing,
reading, learning or forgetting ("I keep hearing ...", "I've seen mixed things online", "had
no idea", "TIL"), and the classifier reads what is left again; the flag goes only where that
reading is low (as for audience.py's audience phrases). Nothing is read again (the flag stays)
where a first person or a relative is left outside those clauses ("I had no idea my thyroid
was the cause": "my thyroid" stays), or where a clause taken out itself holds a first person
beyond its subject ("I've heard both ways and it confuses me"). Pure functions of
the text."""

from __future__ import annotations

import re

from policies.moderation import audience

# the commenter as a listener or a reader: the clause opens on it (after "but", "and", "so",
# "honestly", "also"), "I" may be left out ("Had no idea ...", "Keep hearing ...")
_HEARSAY = re.compile(
    r"(?i)^\W*(?:(?:but|and|so|honestly|also|ok|lol|tbh|genuinely)\W+)*"
    r"(?:(?:i|i've|ive|i'd|i'm|im)\s+)?(?:(?:always|just|still|honestly|never|really)\s+)?"
    r"(?:keep (?:hearing|seeing|reading)|(?:'ve |have )?(?:heard|seen|read) (?:both|mixed|"
    r"conflicting|different|so many|a lot|it|that|this|people|somewhere|online)|"
    r"had no idea|didn't know|did not know|never knew|(?:just )?learned|thought it changed|"
    r"always forget|forget which|always get (?:this|it|them) (?:backwards|mixed up|confused)|"
    r"was (?:always )?told|til\b|wondering|curious)\b")
_CLAUSE = re.compile(r"[^.!?;,\n]+[.!?;,\n]*")


def without_hearsay(text: str) -> str | None:
    """The comment without its clauses in which the commenter only hears, reads or learns,
    where there is such a clause, it holds no other first person, and nothing left holds a
    first person or a relative; else None. The classifier reads what is left again, and only
    a low reading releases the flag."""
    plain = text.replace("\u2019", "'")
    kept, dropped = [], False
    for clause in _CLAUSE.findall(plain):
        m = _HEARSAY.match(clause)
        if m is None:
            kept.append(clause)
            continue
        after = clause[m.end():].lower()
        if audience.FIRST.search(after) or audience.RELATIVE.search(after):
            return None
        dropped = True
    rest = " ".join(kept)
    low = rest.lower()
    if not dropped or audience.FIRST.search(low) or audience.RELATIVE.search(low):
        return None
    return rest
