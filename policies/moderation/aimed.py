"""Abuse aimed at someone else beside a crisis line (session 48).

A comment that speaks of suicide and also calls names: policy.should_auto_hide keeps swearing
at the commenter's own life visible beside `crisis` ("I'm so f***ing done", session 46), and
hides a name called at the staff, the practice or another commenter. aimed_clauses gives,
once the crisis constructions are cut out, the clauses whose words name someone other than
the commenter as their target; classifier._aimed_beside_crisis reads each with
classifier.score_abuse and, on abuse, opens the reason with AIMED (one of
policy.HARM_TO_OTHERS).

(Session 48 also released harmless look-alikes of threats here: lifting advice, a rifle to the
range, a machete to the field, "I know where he sleeps: on my chest". An outside attack review
found those releases un-hid real threats in the same shapes; they were withdrawn before merge,
see docs/moderation.md.)"""

from __future__ import annotations

import re

from policies.moderation import lexicon as lx

# the reason's opening when it is (policy.HARM_TO_OTHERS)
AIMED = "Aimed at someone else"

# clauses: a sentence end, a comma, a semicolon ("Dr." does not end one)
_CLAUSE = re.compile(r"(?<!\bdr)(?<!\bdra)(?<!\bmr)(?<!\bmrs)(?<!\bms)[.!?;,:\n]+")
# swearing that only intensifies ("so f***ing done", "my f*cking life"): read without it
_INTENSIFIER = re.compile(
    r"\b(?:f[uck*]{1,4}(?:ing|in'?|kn)|fkn|fking|fuckin'?|freakin'?g?|frickin'?g?|effin'?g?|"
    r"friggin'?g?|goddamn|damn|bloody)(?=\W|$)")
# someone other than the commenter, in the clause: the reader, a person at the practice, the
# practice, another commenter (folded text: "clinica", "recepcion"); not "he", "she", "they":
# a person in crisis may be speaking of who hurt them ("he's a monster, I want to die")
_OTHER = re.compile(
    r"@\w+|"
    r"\b(?:you|you're|youre|ur|u|your|yours|y'all|yall|you all|"
    r"everyone|everybody|people|this (?:clinic|practice|office|place|hospital|page)|"
    r"clinic|practice|office|hospital|management|"
    r"ustedes|usted|eres|sos|tu|vete|doctor(?:a|es|as)?|dra?|"
    r"enfermer[oa]s?|recepcion\w*|secretari[oa]s?|medic[oa]s?|clinica|consultorio|pagina|"
    r"son (?:unos|unas|un|una|puros|puras|bien|muy|todos|todas|de lo)|"
    rf"{lx.STAFF_NOUNS})(?!\w)")
# spoken to directly: the insult is the commenter's own, whatever else the clause says
_DIRECT = re.compile(r"@\w+|\b(?:you|you're|youre|u|ur|your|y'all|yall|ustedes|eres|sos|tu|"
                     r"vete)(?!\w)")
# the commenter as the insult's subject ("I'm an idiot", "soy una pendeja"), or someone's
# insult of the commenter reported ("he called me a loser", "me dijo inutil")
_SELF = re.compile(
    r"\b(?:i'm|im|i am|i was|i feel like|i've been|soy|estoy|me siento|me senti)\b|"
    r"\b(?:like me|como yo)\b|"
    r"\b(?:call(?:s|ed|ing)?|told|tells|treat(?:s|ed)?) me\b|\b(?:said|says|think|thinks|"
    r"thought) (?:that )?i(?:'m| am| was)?\b|\bme (?:dijo|dice|dicen|dijeron|llamo|llaman|"
    r"trata|tratan)\b")


def aimed_clauses(folded: str, crisis_spans: list[tuple[int, int]]) -> list[str]:
    """The clauses of ``folded`` (the comment lower-cased, accents removed) left once its
    crisis constructions (``crisis_spans``) are cut out, each read without intensifiers, whose
    words name someone other than the commenter as their target: the candidates
    classifier.score_abuse reads for abuse aimed elsewhere."""
    rest = folded
    for start, end in sorted(crisis_spans, reverse=True):
        rest = rest[:start] + " . " + rest[end:]
    out = []
    for clause in _CLAUSE.split(rest):
        if not _OTHER.search(clause):
            continue
        if _SELF.search(clause) and not _DIRECT.search(clause):
            continue
        plain = " ".join(_INTENSIFIER.sub(" ", clause).split())
        if plain:
            out.append(plain)
    return out
