"""Harmless comments that only look like threats, and abuse aimed at someone else beside a
crisis line (session 48).

The threat rules of lexicon.py hid a patient's comment on a few words: "watch your back"
(lifting advice), "bringing my rifle" (to the range), "llevo mi machete" (to the field), "I
know where he sleeps" (on my chest). Each release below reads the rest of the sentence and
lets the rule stand wherever a person at the practice, the practice as a destination or a
menace is there too.

The second half tells, for classifier.score_abuse's words, whether the abuse of a comment
that also speaks of suicide is aimed at someone else (a name called at the staff, the
practice or another commenter) rather than at the commenter's own life ("I'm so f***ing
done"): policy.should_auto_hide keeps the second visible beside `crisis` (session 46) and
hides the first."""

from __future__ import annotations

import re

from policies.moderation import lexicon as lx

# --- harmless look-alikes of a threat -----------------------------------------------------

# what ends a sentence ("Dr." does not)
_SENTENCE_END = re.compile(r"(?<!\bdr)(?<!\bdra)(?<!\bmr)(?<!\bmrs)(?<!\bms)[.!?\n]")

# lifting and posture: "watch your back" is advice there ("on deadlifts", "when you shovel")
_BODY_MECHANICS = re.compile(
    r"\b(?:lift\w*|deadlifts?|squats?|bench press\w*|shovel\w*|garden\w*|bend\w*|knees?|core|"
    r"posture|rowing|boxes|car seats?|ergonomic\w*|form|gym|workouts?|exercis\w*|yoga|"
    r"carry\w*|reps?|weights?|planks?|stretch\w*|spine|lumbar|furniture|heavy|snow|"
    r"physical therap\w*|chiropract\w*|sciatica|moving day)\b")
# a menace beside it keeps it a threat ("you'd better watch your back", "... I'm not done")
_MENACE = re.compile(
    r"\b(?:better|or else|if i were you|coming for|regret|warned|warning|know where|"
    r"see what happens|payback|pay for|ya veran|van a ver)\b")
# ... and beside "watch your back", what the commenter will do ("I'm not done with you")
_INTENT = re.compile(r"\b(?:not done|i'll|i will|gonna|going to|you'll|last time|next time)\b")

# a firearm taken to shoot at targets or game, not to a person
_VENUE_EN = re.compile(
    r"^\s+(?:[\w'-]+\s+){0,3}?(?:to|for|at)\s+(?:the\s+|my\s+|our\s+|a\s+|his\s+|her\s+)?"
    r"(?:(?:shooting|gun|firing|rifle|pistol|skeet|trap|indoor|outdoor)\s+)?(?:range|"
    r"gun (?:show|shop|store|club)|gunsmith|hunt\w*|deer|duck|turkey|elk|pheasant|dove|goose|"
    r"hog|quail|hunter'?s? (?:safety|education|ed)|(?:safety|hunter) (?:course|class)|cabin|"
    r"ranch|farm|woods|lease|blind|deer stand|(?:\w+ )?season|(?:deer |hunting )?camp|"
    r"competition|match)\b")
_VENUE_ES = re.compile(
    r"^\s+(?:[\w'-]+\s+){0,2}?(?:a|al|para|en)\s+(?:el\s+|la\s+|mi\s+|los\s+|las\s+)?"
    r"(?:campo de tiro|campo|rancho|finca|milpa|monte|parcela|cacer\w*|caza|cerro|sierra|"
    r"trabajo|huerta|terreno|potrero|cana|cañ\w*|cosecha|chaponeo|desmonte|limpi\w*)\b")
# the practice as where it goes, or a person there: the rule stands
_PRACTICE_EN = re.compile(
    r"\b(?:to|into|at|in|inside)\s+(?:the\s+|your\s+|ur\s+|this\s+|that\s+|my\s+|our\s+)?"
    r"(?:[\w'-]+\s+)?(?:clinic|office|practice|hospital|appointment|visit|waiting room|lobby|"
    r"front desk|er|parking lot)\b|"
    rf"\b(?:you|your|u|ur|y'all|yall|them|him|{lx.STAFF_NOUNS})(?!\w)")
_PRACTICE_ES = re.compile(
    r"\b(?:a|al|para|contra|con|en)\s+(?:la|el|los|las|esa|ese|esos|esas|su|sus|tu|tus|mi)?\s*"
    r"(?:clinica|consultorio|oficina|hospital|cita|doctor\w*|dra?|enfermer\w*|recepcion\w*|"
    r"personal|secretari\w*|medic[oa]s?|farmacia|laboratorio|gerente)\b|"
    r"\b(?:ya veran|van a ver|ya vas a ver|se van a arrepentir|me las|por si|para que aprendan|"
    r"cuidense|ustedes|les|te)\b")
# a complaint or an insult anywhere in the comment: a weapon in it is read as the rule reads it
_HOSTILE = re.compile(
    r"\b(?:useless|incompetent|idiots?|morons?|worst|terrible|pathetic|hate|angry|furious|"
    r"pissed|rude|unacceptable|ridiculous|sick of|fed up|last straw|pesim\w*|mal servicio|"
    r"groser\w*|odio|hart[oa]s?|enojad\w*|coraje|me colg\w*|inutil\w*|pinche\w*|idiota\w*|"
    r"pendej\w*|rat[ae]s|ratero\w*|ladron\w*|verguenza|ya veran|van a ver)\b")
_FIREARM = re.compile(r"\b(?:rifle|shotgun|gun|escopeta)\b")
_MACHETE = re.compile(r"\bmachete\b")

# "I know where he sleeps: on my chest": the commenter answers at once, and the place is
# their own or a spot at home, with no number or street (an address stays exposure)
_SLEEPS_ANSWERED = re.compile(
    r"\bwhere (?:he|she|they|it|the (?:baby|dog|cat|kids?|puppy|kitten|boys|girls))\s+"
    r"(?:sleeps?|naps?)(?:\s+(?:at night|every night|these days|now|most nights))?\s*"
    r"[:\u2013\u2014-]\s*(?P<answer>[^.!?\n]{1,80})")
_OWN_SPOT = re.compile(
    r"\b(?:my|our|me|us|mine)\b|\b(?:couch|bed|crib|lap|sofa|pillow|blanket|kennel|"
    r"dog bed|laundry basket)\b")
_ADDRESS = re.compile(
    r"\d|#|\b(?:street|st|ave|avenue|road|rd|drive|lane|ln|blvd|boulevard|court|ct|apt|"
    r"apartment|building|hotel|motel|address)\b")


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence around ``text[start:end]``: (what comes before it, what comes after)."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    return text[begin:start], text[end:stop.start() if stop else len(text)]


def harmless_threat(text: str, match: re.Match[str]) -> bool:
    """Whether a threat rule's ``match`` in the lower-cased ``text`` (lexicon.THREAT_RE,
    WEAPON_RE, SPANISH_THREAT_RE on the folded text) is a harmless look-alike: lifting advice,
    a firearm taken to the range or a hunt, a machete with no person or practice destination."""
    said = match.group(0)
    before, after = _sentence(text, match.start(), match.end())
    sentence = before + said + after
    if re.fullmatch(r"watch (?:your|ur) back", said):
        return bool(_BODY_MECHANICS.search(sentence)) \
            and not _MENACE.search(sentence) and not _INTENT.search(sentence)
    if _HOSTILE.search(text) or _MENACE.search(text):
        return False
    spanish = bool(re.search(r"\b(?:llev|traig|traer|sacar)", said))
    if spanish and _PRACTICE_ES.search(text):
        return False
    if _MACHETE.search(said) and spanish:  # a farm tool: no person, no practice destination
        return True
    if _FIREARM.search(said):  # a gun: only where it is going says it is harmless
        if spanish:
            return bool(_VENUE_ES.search(after))
        return bool(_VENUE_EN.search(after)) and not _PRACTICE_EN.search(sentence)
    return False


def answered_whereabouts(clause: str) -> bool:
    """"I know where he sleeps: on my chest": where a loved one sleeps, answered at once with
    the commenter's own place or a spot at home (classifier._whereabouts lets it pass)."""
    answered = _SLEEPS_ANSWERED.search(clause)
    if answered is None:
        return False
    answer = answered.group("answer")
    return bool(_OWN_SPOT.search(answer)) and not _ADDRESS.search(answer)


# --- abuse aimed at someone else, beside a crisis line ------------------------------------

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
