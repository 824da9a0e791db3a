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
    r"it|arm|leg|hand|foot|wrist|ankle|knee|back|neck|finger|toe|nose|head|bone|rib)\b)"
    r"[\w'-]+\s+){0,4}?"
    r"(?:is|was|are|were|has been|have been|had been|been|got|gets|getting|looks|look|"
    r"seems|seem|'s|keeps getting|went|still)\s+"
    r"(?:(?:still|so|all|kinda|really|totally|completely|pretty|super|very|a bit|"
    r"a little|just|always|now|already|again|basically)\s+)*"
    rf"(?P<state>{_THING_STATE})\b")
# a phrasal verb, not an injury: "torn up", "broken down", "broken into"
_PHRASAL = re.compile(r"\b(?P<state>torn|broken)\s+(?:up|down|into)\b")
# the season: "this fall", "in the fall"
_SEASON = re.compile(r"\b(?:this|last|next|early|late|in the|for the|by|until|through|"
                     r"every|over the) (?P<state>fall)\b")


def _topic_spans(plain: str) -> list[tuple[int, int]]:
    spans = []
    ends: list[int] | None = None
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
        if m.group("clinic"):
            if ends is None:
                ends = [e.start() for e in _SENTENCE_END.finditer(plain)]
            if not _asks(plain, ends, m.start()):
                continue
        before = words[len(words) - len(taken) - 1] if len(words) > len(taken) else None
        if before is not None:
            owner = before.group(0).lower()
            if owner in _OWNERS or owner.endswith(("'s", "\u2019s")):
                continue  # "my flu clinic visit", "Jo's asthma info"
        spans.append((taken[-1].start(), taken[0].end()))
    return spans


def _asks(plain: str, ends: list[int], at: int) -> bool:
    """The sentence around ``at`` is a question or a request ("Can you post ...");
    ``ends``: where each sentence of ``plain`` ends."""
    i = bisect.bisect_left(ends, at)
    start = ends[i - 1] + 1 if i else 0
    return (i < len(ends) and plain[ends[i]] == "?") or bool(_ASKS.match(plain, start))


def spans(plain: str) -> list[tuple[int, int]]:
    """Where the lower-cased comment uses a health word of a thing, a topic or a season."""
    out = _topic_spans(plain)
    for pattern in (_THING_SAID, _PHRASAL, _SEASON):
        out += [m.span("state") for m in pattern.finditer(plain)]
    return out


def masked(plain: str, text: str) -> tuple[str, str]:
    """``plain`` (lower-cased) and ``text`` with those words blanked; ``text`` is kept as it
    is when lower-casing changed its length (offsets would not match)."""
    found = spans(plain)
    if not found:
        return plain, text

    def blank(s: str) -> str:
        chars = list(s)
        for a, b in found:
            chars[a:b] = " " * (b - a)
        return "".join(chars)

    return blank(plain), (blank(text) if len(text) == len(plain) else text)
