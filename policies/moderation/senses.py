"""Health words used in another sense: said of a thing, a topic or a season, nobody's health.

Everyday comments use the health vocabularies' words for other things: a link "has been
broken for a week", a flyer "is blurry", the parking lot "is torn up"; "the immunization
schedule post", "the flu clinic times" (a topic the practice posts about); "the fall fest"
(a season). Read as health, such a word ties a tagged friend or the practice's own handle to
"health" (a `phi` flag, which hides the comment) or makes a question about parking the
commenter's own care (`self_disclosure`). ``masked`` blanks those words (with spaces, so
every offset holds) before disclosure.py reads whose health a comment tells. A word someone
owns stays ("my flu clinic visit", "her cancer walk", "Jo's allergy info"). Pure functions
of the text.
"""

from __future__ import annotations

import bisect
import re

from policies.anatomy import BODY_PART
from policies.phi.lazy_pattern import lazy

# nouns through which the words before them name a topic or an event the practice posts
# about ("immunization schedule", "flu clinic times", "asthma info", "fall fest"), not
# anyone's condition. Not care a person receives ("support group", "therapy", "program"):
# going to an anxiety group tells the commenter's own condition
# (nouns that are also verbs after a subject, "walks", "runs", "drives", are left out:
# "Grandpa with dementia walks every day" tells his health)
_TOPIC = (r"info|information|articles?|videos?|flyers?|fliers?|handouts?|fairs?|fests?|"
          r"festivals?|season|month|week|awareness|5ks?|guidelines|recommendations|events?|"
          r"campaigns?|webinars?|post|page")
# a schedule or hours are someone's own when named by treatment ("her chemo schedule",
# "dialysis hours"): only preventive care's are everyone's ("the immunization schedule")
# a clinic named by preventive care is a service offered to everyone ("the flu clinic",
# "the vaccine clinic"), and a question about it ("can we bring siblings to the flu
# clinic?") tells no care; a visit told ("the flu clinic billed me") does, and a clinic named
# by a condition ("the diabetes clinic") is not offered to everyone
_PREVENTIVE = frozenset({"flu", "vaccine", "vaccines", "vaccination", "vaccinations",
                         "immunization", "immunizations", "shot", "shots", "booster",
                         "boosters", "covid", "physical", "physicals", "sports", "back-to-school",
                         "wellness", "screening", "screenings"})
_TOPIC_RE = re.compile(rf"\b(?:{_TOPIC})\b|\b(?P<service>schedules?|calendars?|hours|"
                       r"reminders?|sign-?ups?)\b|\b(?P<clinic>clinics?)\b")
_SERVICE_NOUN = re.compile(r"schedules?|calendars?|hours|reminders?|sign-?ups?|clinics?")
_SENTENCE_END = re.compile(r"[.!?\n]")
_ASKS = re.compile(r"\s*(?:can|could|would|will|when|where|what|is|are|do|does|how|any|anyone|"
                   r"should|please)\b")
_WORD = re.compile(r"[\w'\u2019-]+")
# words that end a noun phrase walking left: the topic's modifiers stop there
_STOP = frozenset({"the", "a", "an", "this", "that", "these", "those", "to", "for", "of",
                   "at", "in", "on", "and", "or", "with", "about", "is", "are", "was", "were",
                   "be", "been", "any", "some", "your", "our", "my", "his", "her", "their",
                   "its", "mi", "su", "sus", "tu", "i", "we", "you", "he", "she", "they",
                   "it", "me", "us", "him", "them", "next", "new", "from", "by", "when",
                   "where", "what", "which", "who", "if", "so", "but", "not", "no", "get",
                   "got", "had", "has", "have", "did", "do", "does", "last", "past", "whole",
                   "entire", "every", "each", "per", "same", "following", "previous", "all",
                   "one", "two", "three", "four", "five", "six", "few", "several"})
# an owner before the modifiers: then the topic is theirs ("my flu clinic visit")
_OWNERS = frozenset({"my", "our", "his", "her", "your", "their", "mi", "su", "sus", "tu"})
_MODIFIERS = 3

# things a condition word can be said of ("the link has been broken for a week")
_THING = (r"links?|site|website|webpage|page|portal|app|apps|phones?|phone lines?|lines?|"
          r"system|systems|pictures?|pics?|photos?|images?|videos?|flyers?|posters?|lot|lots|"
          r"garage|road|roads|street|streets|sidewalks?|doors?|elevators?|printers?|"
          r"machines?|signs?|wifi|wi-fi|forms?|buttons?|heater|ac|a/c|toilets?|bathrooms?|"
          r"sinks?|fence|screens?|computers?|servers?|email|voicemail|scheduler|calendar|"
          r"chairs?|tv|fridge|carpet|windows?|lights?|roof|ceiling|floor|ramps?|playground|"
          r"parking|map|audio|sound|stream|font|printout|copy|car|truck|van|bus|swing|"
          r"slide|toys?|pen|pens|clipboard|kiosk|ipad|tablet|card reader|thermostat|"
          r"vending machine|coffee machine|water fountain|fountain|stroller|car seat")
# condition words that are also said of things
_THING_STATE = (r"broken|torn|blurry|blurred|fuzzy|cracked|burn(?:ed|t)|infected|frozen|"
                r"crashed|dead")
_THING_SAID = re.compile(
    rf"\b(?:{_THING})\s+(?:(?!(?:i|me|my|he|she|his|her|him|you|your|we|our|they|their|"
    rf"it|{BODY_PART})\b)"
    r"[\w'-]+\s+){0,4}?"
    r"(?:is|was|are|were|has been|have been|had been|been|got|gets|getting|looks|look|"
    r"seems|seem|'s|keeps getting|went|still)\s+"
    r"(?:(?:still|so|all|kinda|really|totally|completely|pretty|super|very|a bit|"
    r"a little|just|always|now|already|again|basically)\s+)*"
    rf"(?P<state>{_THING_STATE})\b")
# the same with the verb attached (session 53: "the scheduler's been broken since Monday",
# "the app's totally broken": a tagged practice beside it was hidden as someone's health)
_THING_SAID_SHORT = lazy(
    rf"\b(?:{_THING})(?:'s|\u2019s)\s+(?:been\s+|gotten\s+|got\s+)?"
    r"(?:(?:still|so|all|kinda|really|totally|completely|pretty|super|very|a bit|"
    r"a little|just|always|now|already|again|basically)\s+)*"
    rf"(?P<state>{_THING_STATE})\b")
# a phrasal verb, not an injury: "torn up", "broken down", "broken into"
_PHRASAL = re.compile(r"\b(?P<state>torn|broken)\s+(?:up|down|into)\b")
# "torn up" after a body part or an owner is an injury or a person ("Kevin's knee is torn
# up", "her shoulder's all torn up"), within the words just before it
# (body parts: the one shared list, policies/anatomy.py)
_BODY_OR_OWNER = re.compile(
    rf"(?:\b(?:{BODY_PART}|he|she|his|her|their|him)\b|'s\b|\u2019s\b)"
    r"[^.!?\n]*$")
# the season: "this fall", "in the fall"
_SEASON = re.compile(r"\b(?:this|last|next|early|late|in the|for the|by|until|through|"
                     r"every|over the) (?P<state>fall)\b")


# someone named or addressed as the one the topic is for: then the condition may be theirs
# ("the chemo info is for your dad", "dropping the handouts at Pete's house", a tag, "the info
# you asked for"); ``text`` as written (names are capitalised)
_RECIPIENT = re.compile(
    r"@\w|\b(?:for|to|at|with|about)\s+(?:you\b|your|ur|his|her|their|[A-Z][a-z]+\b)"
    r"|\b[A-Z][\w-]*(?:'s|\u2019s)\b|\b(?:[Yy]ou|[Uu])\s+(?:asked|need|wanted|requested)\b"
    r"|\b[Yy]our\s+(?:son|daughter|kids?|child|children|mom|mother|dad|father|parents?|"
    r"brother|sister|husband|wife|spouse|partner|grand\w+|aunt|uncle|cousin|friend|"
    r"baby|family|boy|girl|teacher|nephew|niece)\b"
    r"|^\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,"
    # a relative or acquaintance told of anywhere, in any case ("my coworker Dee", "uncle
    # sal", "grandpa joe"): second attack review
    r"|(?i:\b(?:uncle|aunt|aunty|auntie|grandpa|grandma|granny|grandmother|grandfather|"
    r"cousin|co-?worker|neighbou?r|roommate|boss|nephew|niece|in-law|brother|sister|"
    r"husband|wife|son|daughter|mom|mum|mother|dad|father|friend|buddy|bestie)s?\b)")
# a person named as the subject of what they undergo ("Sara Lin had two seizure events",
# "Greg Hill is on radiation week 5"): the topic noun is then theirs, as a recipient's is
# (review 3); a first and last name, neither a topic nor a calendar word
_NAMED_SUBJECT = re.compile(
    r"\b(?P<first>[A-Z][a-z]+)\s+(?P<last>[A-Z][a-z'-]+)\s+(?:just\s+|still\s+|now\s+)?"
    r"(?:had|has|is|was|needs|needed|got|gets|started|starts|finished|keeps|kept|began|"
    r"begins|went|goes|lost|takes|took|missed|asked|wants|wanted|printed|'s|\u2019s)\b")
_NOT_NAME_WORDS = re.compile(rf"(?i:{_TOPIC}|schedules?|calendars?|hours|clinics?|health|"
                             r"care|center|centre|program|team|staff|office|day|night)")


def _named_subject(text: str) -> bool:
    return any(not (_NOT_NAME_WORDS.fullmatch(m.group("first"))
                    or _NOT_NAME_WORDS.fullmatch(m.group("last"))
                    or m.group("first").lower() in _NOT_NAMES
                    or m.group("last").lower() in _NOT_NAMES)
               for m in _NAMED_SUBJECT.finditer(text))


# a third person told of in the comment: a question about the clinic is then not the
# commenter's plain question ("did she go to the flu clinic? she's coughing all week")
_THIRD = re.compile(r"\b(?:he|she|him|his|her|he's|she's|they're)\b")
_NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "thanksgiving", "christmas", "easter", "halloween", "covid",
    "dr", "doctor", "clinic", "flu", "walk", "walk-ins", "i", "im", "ok", "okay"})
_NAME_IN = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\b")


def _topic_spans(plain: str, text: str | None = None) -> list[tuple[int, int]]:
    spans = []
    ends: list[int] | None = None
    recipient = text is not None and bool(_RECIPIENT.search(text) or _named_subject(text))
    for m in _TOPIC_RE.finditer(plain):
        words = [w for w in _WORD.finditer(plain, max(0, m.start() - 80), m.start())]
        taken: list[re.Match[str]] = []
        preventive_only = bool(m.group("clinic") or m.group("service"))
        for w in reversed(words):
            token = w.group(0).lower()
            if plain[w.end():taken[-1].start() if taken else m.start()].strip(" -"):
                break  # punctuation between: another phrase
            if token in _STOP or token[:1].isdigit() or token.endswith(("'s", "\u2019s")) \
                    or len(taken) == _MODIFIERS:
                break
            if preventive_only and token not in _PREVENTIVE:
                break
            taken.append(w)
            # "the chemo schedule post": the schedule's own modifiers must be preventive
            preventive_only = preventive_only or bool(_SERVICE_NOUN.fullmatch(token))
        if not taken:
            continue
        if recipient and not (m.group("clinic") or m.group("service")) \
                and not all(w.group(0).lower() in _PREVENTIVE for w in taken):
            continue  # preventive care's topics stay everyone's ("the flu shot info for Jo")
        if m.group("clinic"):
            if ends is None:
                ends = [e.start() for e in _SENTENCE_END.finditer(plain)]
            if not _asks(plain, ends, m.start()) or _someone_told(plain, text):
                continue
        before = words[len(words) - len(taken) - 1] if len(words) > len(taken) else None
        if before is not None:
            owner = before.group(0).lower()
            if owner in _OWNERS or owner.endswith(("'s", "\u2019s")):
                continue  # "my flu clinic visit", "Jo's asthma info"
        spans.append((taken[-1].start(), taken[0].end()))
    return spans


def _someone_told(plain: str, text: str | None) -> bool:
    """The comment speaks of a third person (he/she, or a name inside a sentence)."""
    if _THIRD.search(plain):
        return True
    return text is not None and any(
        m.group(0).lower() not in _NOT_NAMES
        for sentence in re.split(r"[.!?\n]+", text) for m in _NAME_IN.finditer(sentence.strip()))


def opens_as_request(plain: str) -> bool:
    """The comment opens as a question or a request ("Can you post ...", "where do I ...")."""
    return bool(_ASKS.match(plain))


def _asks(plain: str, ends: list[int], at: int) -> bool:
    """The sentence around ``at`` is a question or a request ("Can you post ...");
    ``ends``: where each sentence of ``plain`` ends."""
    i = bisect.bisect_left(ends, at)
    start = ends[i - 1] + 1 if i else 0
    return (i < len(ends) and plain[ends[i]] == "?") or bool(_ASKS.match(plain, start))


# a car seat check is a safety service for a car seat, nobody's care
_CAR_SEAT = re.compile(r"\bcar[- ]seat (?:safety )?(?:checks?|inspections?|fittings?|"
                       r"installs?|clinics?)\b")
# a question about how to get a routine service ("Do you have Saturday hours for labs?",
# "Are sports physicals walk-in?", "How much is a flu shot without insurance?"): the
# service is asked about, not had. Everyday questions about hours were flagged
# self_disclosure when the asker said anything of themself ("I work M-F 8-5"), issue 13.
# Only routine services, only with an access word in the same question, only with no owner
# right before the service ("my labs", "her physical"), no "my"/"our"/"mine" anywhere and
# nobody else told of in the comment (_someone_told): "Is the lab open Saturday? I was told
# my potassium is high" keeps "lab", which is read as before.
_ACCESS_WORD = re.compile(
    r"\b(?:hours|open|opens|closed|close|walk-?ins?|walk in|appointments? needed|need an "
    r"appointment|cost|costs|price|how much|insurance|insured|covered|cover|free|sign up|"
    r"signup|register|book|schedule|available|offer|offered|accepting|same[- ]day|saturdays?|"
    r"sundays?|weekends?|evenings?|mornings?|where|when|what time|how long is the wait)\b")
_ROUTINE_SERVICE = re.compile(
    r"\b(?:labs?|lab work|blood ?work|blood draws?|flu shots?|flu vaccines?|covid (?:shots?|"
    r"vaccines?|boosters?)|vaccines?|vaccinations?|immunizations?|boosters?|shots?|"
    r"(?:sports |school |annual |well-child |camp )?physicals?|x-?rays?|mammograms?|"
    r"screenings?|check-?ups?|well visits?|tb tests?)\b")
_SERVICE_OWNER = re.compile(r"(?:\b(?:my|our|his|her|your|their|mine)|'s|\u2019s)\s+"
                            r"(?:[\w-]+\s+){0,2}$")


# something of the commenter's own anywhere ("I was told my potassium is high", "I'm
# overdue", "I need"): the service may be for it, and a condition the vocabularies miss
# would go unread
_OWNED_ANYWHERE = re.compile(r"\b(?:my|mine|our|ours|me|i'm|im|i am|i've|ive|i was|i need|"
                             r"i had|i got|i have|we're|we need|we have)\b")


def _access_services(plain: str, text: str | None) -> list[tuple[int, int]]:
    if "?" not in plain or _someone_told(plain, text) or _OWNED_ANYWHERE.search(plain):
        return []
    out = []
    begin = 0
    for end in [m.start() for m in _SENTENCE_END.finditer(plain)] + [len(plain)]:
        sentence = plain[begin:end]
        if end < len(plain) and plain[end] == "?" and _ACCESS_WORD.search(sentence):
            for m in _ROUTINE_SERVICE.finditer(sentence):
                if not _SERVICE_OWNER.search(sentence, 0, m.start()):
                    out.append((begin + m.start(), begin + m.end()))
        begin = end + 1
    return out


def spans(plain: str, text: str | None = None) -> list[tuple[int, int]]:
    """Where the lower-cased comment uses a health word of a thing, a topic or a season
    (``text``, the comment as written, tells who is named)."""
    out = _topic_spans(plain, text) + _access_services(plain, text)
    out += [m.span() for m in _CAR_SEAT.finditer(plain)]
    for pattern in (_THING_SAID, _THING_SAID_SHORT, _SEASON):
        out += [m.span("state") for m in pattern.finditer(plain)]
    out += [m.span("state") for m in _PHRASAL.finditer(plain)
            if not _BODY_OR_OWNER.search(plain, max(0, m.start() - 40), m.start())]
    return out


def masked(plain: str, text: str) -> tuple[str, str]:
    """``plain`` (lower-cased) and ``text`` with those words blanked; ``text`` is kept as it
    is when lower-casing changed its length (offsets would not match)."""
    found = spans(plain, text)
    if not found:
        return plain, text

    def blank(s: str) -> str:
        chars = list(s)
        for a, b in found:
            chars[a:b] = " " * (b - a)
        return "".join(chars)

    return blank(plain), (blank(text) if len(text) == len(plain) else text)
