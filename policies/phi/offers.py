"""Replies that tell a reader how to get care, as opposed to replies that confirm the
reader's own care (judge._reply_hits).

"You can get the flu shot and the COVID shot at the same visit", "you don't need a referral",
"walk-in only, no appointments", "open to the whole community", "masks for anyone who wants
one": an offer, a requirement nobody has to meet, or care open to anyone says what the
practice does for every reader. It confirms nothing about the one who asked. "Glad the new
inhaler helps", "see you at your follow-up", "your stitches can come out Friday" confirm the
reader's care and are not touched here: the release covers only a care word in the offer's
own clause that nobody owns, with no receiving verb, past or named day tying it to someone.
"""

from __future__ import annotations

import re

from .lazy_pattern import lazy
from .vocabulary import health_mentions

I = re.IGNORECASE  # noqa: E741

# Who may get the care: the reader as anyone ("you can"), or a group.
_ANYONE = (r"(?:you|anyone|anybody|everyone|everybody|kids|children|adults|teens|patients|"
           r"families|parents|moms|newborns|babies|walk-?ins|both)")
OFFER = lazy(
    # an offer: "you can get ...", "anyone can book ...", "you're welcome to come in for ..."
    r"\b" + _ANYONE + r"\s+(?:can|could|may|(?:are|is|['’]re)\s+(?:always\s+)?welcome\s+to)\s+"
    r"(?:also\s+|still\s+|always\s+|easily\s+)?(?:get|book|schedule|request|sign up for|"
    r"come in for|walk in for|stop by for|drop in for|make|join|register for)\b|"
    r"\bfeel free to\s+(?:book|schedule|call|come|stop|walk|ask|join|sign up)\b|"
    # a requirement nobody has to meet: "you don't need a referral", "no appointments"
    r"\b(?:you|they|kids|patients|families|parents)\s+(?:don['’]t|do not|won['’]t|will not|"
    r"may not|might not)\s+(?:even\s+)?need\s+(?:a|an|any|to)\b|"
    # an invitation to book one, or any visit at all: "or request a visit online", "at any
    # visit"
    r"(?:^\W*|\bor\s+|\band\s+|\bplease\s+|\bjust\s+)(?:book|request|schedule|make)\s+"
    r"(?:a|an)\s+(?:[\w-]+\s+)?(?:visit|appointment|appt)\b|"
    r"\bany\s+(?:[\w-]+\s+)?(?:visit|appointment|check-?up)\b|"
    r"\bno\s+(?:\w+\s+)?(?:appointments?|appts?|referrals?|registration|sign-?ups?)\b|"
    r"\bwalk-?ins?\s+(?:only|welcome)\b|\bwalk-?in\s+only\b|\bsin\s+cita\b|"
    # care open to anyone: "open to the whole community", "for anyone who wants one"
    r"\bopen to\s+(?:anyone|everyone|all|the\s+(?:whole\s+|entire\s+)?(?:community|public))\b|"
    r"\b(?:for|to)\s+anyone\s+who\b",
    I,
)
# What ties a care word in such a clause to one person after all: a possessive right before it
# ("no appointment needed for your cast check" keeps "your cast check"), a receiving verb or a
# past visit ("you had", "came in for", "last week"), a named day or "today" (a visit planned for
# someone: "you can get the stitches out Tuesday"), a removal or change of something the reader
# has ("get the cast off", "the boot can come off").
_OWNED_BEFORE = lazy(r"(?:\b(?:your|his|her|their|tu|tus|su|sus)|['’]s)\s+"
                     r"(?:[\w'’-]+\s+){0,2}$", I)
_TIED = lazy(
    r"\b(?:had|got|received|came in|come in for (?:your|the) (?:follow|re)|went|underwent|"
    r"finished|completed|started|since|after your|still|again|anymore|yesterday|today|"
    r"tonight|tomorrow|this (?:morning|afternoon|evening|week)|last (?:week|night|time|visit)|"
    r"next|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"see you|off|out|removed|taken|changed|refilled|redone|rechecked|"
    # care already under way: "the shots you've been getting", "the second dose", "like we
    # talked about", "proud of you for coming in"
    r"been|you['’]ve|getting|coming in|second|third|remaining|series|talked|discussed|"
    r"mentioned|proud|"
    # an order, a letter or a form made for the reader: "the OB put the order in for you"
    r"orders?|for you|your history|letter|form|report|referred)\b",
    I,
)


# a day that names an event, not anyone's visit: "the Saturday flu clinic", "Monday hours"
_EVENT_DAY = lazy(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(?=(?:[\w-]+\s+)?"
                  r"(?:clinics?|hours|events?|class(?:es)?|drives?)\b)", I)


def offer_in(clause: str) -> re.Match[str] | None:
    """The offer, requirement or open invitation in a clause, if it has one and nothing in it
    ties the care to one person."""
    m = OFFER.search(clause)
    if m is None or _TIED.search(_EVENT_DAY.sub("", clause)):
        return None
    return m


def unowned(text: str, start: int) -> bool:
    """No possessive stands right before the care word at `start`."""
    return not _OWNED_BEFORE.search(text, max(0, start - 30), start)

# The care words an offer can release: services the practice gives anyone who asks (a shot, a
# physical, a screening, a class, an appointment), never a condition, a result, a refill or a
# device, which are someone's ("you can get the results online" tells the reader had a test).
SERVICE = lazy(
    r"(?:[\w-]+\s+){0,2}?(?:shots?|vaccines?|vaccinations?|boosters?|jabs?|immuni[sz]ations?|"
    r"physicals?|check-?ups?|screenings?|appointments?|appts?|visits?|referrals?|class(?:es)?|"
    r"consults?|consultations?|telehealth|walk-?ins?|lactation|vacunas?|citas?|exams?|"
    r"support (?:group|circle)s?|clinics?)",
    I,
)
# A condition naming a vaccine against it is nobody's condition: "the COVID shot". Any other
# service named by a condition or a care term ("the depression support group", "the prenatal
# visits", "the PrEP check-up", "the pregnancy test", "the methadone clinic") tells what the
# one who takes it has: never released.
_VACCINE = lazy(r"\s*(?:shots?|vaccines?|vaccinations?|boosters?|jabs?|"
                r"immuni[sz]ations?)\b", I)


def service_word(text: str, start: int, end: int) -> bool:
    """text[start:end] is a service named by no condition or care term, or a condition that
    names the vaccine after it."""
    if _VACCINE.match(text, end):
        return True  # "the flu shot", "the COVID booster"
    m = SERVICE.fullmatch(text, start, end)
    if m is None:
        return False
    head = re.search(r"\S+$", text[start:end])
    # the words that name the service: in the mention, and up to two right before it that are
    # no determiner or preposition ("the depression support group", not "the flu shot and
    # COVID shot at the same visit")
    modifiers = _MODIFIERS.search(text, max(0, start - 40), start)
    named_by = (modifiers.group(0) if modifiers else "") + text[start : start + (
        head.start() if head else 0)]
    return bool(_VACCINE.fullmatch(text[start:end].split()[-1])) or not health_mentions(
        named_by)


_MODIFIERS = lazy(r"(?:(?!(?:the|a|an|our|your|at|for|to|same|any|this|that|of|and|or|"
                  r"with|in|on|by|from|every|each|next)\b)[\w'’-]+\s+){0,2}$", I)


# A sentence that opens on a condition the reader may or may not meet ("If you have a dog
# allergy, let the desk know and we'll keep her out of the room during your visit") speaks of
# any visit the reader might make: "your visit" there is hypothetical. A named procedure ("if
# you bleed after your biopsy") or a dated visit stays the reader's.
_IF_YOU_OPENS = lazy(r"^\W*(?:(?:and|also|just|oh)\s+)?if\s+(?:you|your)\b", I)
_VISIT = lazy(r"(?:visits?|appointments?|appts?)", I)


def hypothetical_visit(sentence: str, mention: str) -> bool:
    """... and only when the condition is a real one the if-clause names ("if you have a dog
    allergy"), not a courtesy ("If you can, bring the baby's formula to your visit")."""
    if_clause = sentence.split(",")[0]
    return bool(_IF_YOU_OPENS.match(sentence) and _VISIT.fullmatch(mention)
                and not _TIED.search(sentence) and health_mentions(if_clause))


# A wish about care ("congrats!", "glad you did", "hope you feel better") in the sentence ties
# its care words to the reader whatever else it says: "no appointment needed for the pregnancy
# test; congrats again!". (A bare "sorry" is an apology: "sorry, walk-in only".)
# ("glad to help", "hope to see you there", "hope you can make it" wish nobody well)
CARE_WISH = lazy(r"\b(?:congrat\w*|glad(?!\s+to\s+(?:help|answer|assist|share|see|have)\b)|"
                 r"so happy|happy to hear|hope(?!\s+(?:to|you can|you['’]ll|you will|we)\b)|"
                 r"praying|get well|speedy recovery|way to go|woohoo|yay|feel better|"
                 r"proud of you)\b", I)


# A service named by a condition or a treatment ("the HIV support group", "the Suboxone
# clinic", "the diabetes class", "the oncology consult", "la cita prenatal"): offered to a reader
# the reply names or tags, it tells what that reader has. The vocabulary reads such names as
# services (vocabulary._SERVICE), so the words before the service noun are looked up alone,
# with the everyday words that name such a service and that the vocabulary leaves out.
_NAMED_SERVICE = lazy(
    r"\b(?:the|a|an|our|la|el|una|un)\s+(?P<w>(?:[\w'’-]+\s+){1,3}?)(?:support\s+group|group|"
    r"clinic|class|program|consult|consultation|check-?up|test|screening|callback|visit|"
    r"meeting|circle)s?\b|\b(?:cita|clínica|prueba|grupo|clase)\s+(?:de\s+)?(?P<es>[\w-]+)",
    I,
)
_SERVICE_CONDITIONS = lazy(
    r"\b(?:depression|anxiety|alcohol|addiction|recovery|grief|detox|sobriety|oncology|cancer|"
    r"wound|amputee|prenatal|postpartum|fertility|ivf|dialysis|transplant|psych|psychiatric|"
    r"mental health|hiv|prep|std|sti|weight loss|bariatric|diabetes|cardiac|memory|dementia|"
    r"autism|adhd|eating disorder|substance|pain|hospice|palliative|lactation|pregnancy|"
    r"embarazo|prenatal|diabetes|methadone|suboxone|iud|contraception|abortion|miscarriage|"
    r"infertility|opioid|overdose|suicide|trauma|ptsd|bipolar|schizophrenia|colonoscopy|"
    r"mammogram|biopsy|chemo|radiation|stroke|heart failure|copd|asthma)\b",
    I,
)


# ... but a clinic for a vaccine is for those who do not have the disease: "the flu clinic"
_PREVENTED = lazy(r"\b(?:flu|influenza|covid(?:-19)?|shingles|tetanus|hpv|measles|mmr|"
                  r"pneumonia|pertussis|whooping cough|polio|tdap|rsv|chickenpox|varicella|"
                  r"travel|vaccines?|shots?|immuni[sz]ations?|gripe|vacunas?)\b", I)


# ... and so is routine care everyone gets, named by nothing else: "our well-child visits",
# "the sports physical clinic" (not "the sports injury clinic")
_ROUTINE = lazy(r"(?:well-?(?:child|baby|woman)|sports|school|annual|wellness|new[- ]patient)"
                r"(?:\s+(?:physicals?|check-?ups?|exams?|visits?))?", I)


def condition_service(text: str) -> re.Match[str] | None:
    """The first service in the text named by a condition or a treatment."""
    for m in _NAMED_SERVICE.finditer(text):
        words = m.group("w") or m.group("es") or ""
        if _PREVENTED.search(words) or _ROUTINE.fullmatch(words.strip()):
            continue
        if _SERVICE_CONDITIONS.search(words) or health_mentions(words.strip()):
            return m
    return None


# The practice as the one who gives care, in the present tense, to anyone who comes: "we do
# Mohs surgery right here", "NP Tollefson does sports physicals", "our nurses carry the infant
# RSV antibody", and the relative "the vaccine schedule we follow", "the allergy testing we
# do". It says what the practice offers; the tense and the missing recipient keep it from
# telling anyone's care ("we did your biopsy", "Dr. Lee sees you Friday", "the sutures we put
# in", "our nurses treat the wound on your leg" are not read here).
_PRACTICE = (r"(?:we|our\s+(?:[\w-]+\s+){0,2}?(?:providers?|doctors?|physicians?|nurses?|"
             r"clinicians?|pediatricians?|team|staff|clinic|office|practice|nps?|pas?|"
             r"specialists?|surgeons?)|(?:dr|np|pa|nurse|doctor)\.?(?:\s+(?-i:[A-Z])[\w'’-]+)"
             r"{1,2})")
_GIVES = (r"(?:do|does|offer|offers|provide|provides|carry|carries|stock|stocks|treat|treats|"
          r"see|sees|run|runs|perform|performs|handle|handles|give|gives|order|orders|use|uses|"
          r"follow|follows|recommend|recommends)")
_NOBODY = r"(?!(?:you|your|yours|him|her|his|them|their|me|my)\b)"
_GIVES_BEFORE = lazy(
    r"\b" + _PRACTICE + r"\s+(?:(?:also|only|now|still|currently|routinely|regularly|do|does|"
    r"can|could)\s+){0,2}" + _GIVES + r"(?:\s+" + _NOBODY + r"[\w-]+(?<!['’]s)){0,5}?\s+$", I)
_GIVES_AFTER = lazy(r"(?:\s+[\w-]+){0,2}?\s+(?:that\s+)?we\s+(?:(?:also|now|currently|do)\s+)?"
                    + _GIVES + r"\b(?!\s+(?:you|your|him|her|them)\b)", I)
# ... given to someone after all: "the stitches we do for you", "treat the wound on your leg"
_TO_SOMEONE = lazy(r"(?:\s+[\w'’-]+){0,4}?\s+(?:for|to|on|in|with|of)\s+(?:you|your|him|her|"
                   r"his|their|them)\b", I)
# ... or given to one reader at one time: a past or under-way treatment, a day, a removal
# (narrower than _TIED: "fills out the school form" and "since they're read in 48 hours" say
# how the service works)
_ONES_VISIT = lazy(r"\b(?:had|got|received|came in|went|underwent|finished|completed|started|"
                   r"been|you['’]ve|again|still|anymore|yesterday|today|tonight|tomorrow|"
                   r"this (?:morning|afternoon|evening|week)|(?:last|next) (?:week|night|time|"
                   r"visit|month)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|see you|"
                   r"(?:come|comes|came|coming|get|gets|take|takes|taken|took)\s+(?:\w+\s+)?"
                   r"(?:off|out)|removed|changed|refilled|redone|rechecked|talked|discussed)\b", I)
# a schedule is no one's visit: "on Tuesday evenings", "Monday through Wednesday", "Fridays"
_SCHEDULE = lazy(r"\b(?:every\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)days?\s+(?:(?:and|"
                 r"through|thru|to|or|-|–)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                 r"(?:mornings?|afternoons?|evenings?|nights?))\b|\b(?:mon|tues|wednes|thurs|"
                 r"fri|satur|sun)days\b", I)


# ... or to a reader the reply meets anywhere in it: "Dr. Ruiz does the ultrasound at 20 weeks;
# we'll see you and the bump then!" (an outside review of this release, session 45: the
# meeting sat in the next clause, out of the clause window). An invitation to anyone ("hope
# to see you there") meets nobody.
_MEETS_READER = lazy(r"(?<!\bto )\bsee (?:you|ya|y['’]all)\b", I)


def practice_gives(text: str, start: int, end: int, clause: tuple[int, int]) -> bool:
    """text[start:end] is care the practice gives in the present tense, to nobody named, in
    the clause `clause` (start, end) of the text."""
    # (a window of the clause: a text without sentence ends is one clause)
    c_start, c_end = max(clause[0], start - 200), min(clause[1], end + 200)
    if not (_GIVES_BEFORE.search(text, max(c_start, start - 120), start)
            or _GIVES_AFTER.match(text, end, c_end)):
        return False
    return not (_TO_SOMEONE.match(text, end, c_end)
                or _ONES_VISIT.search(_SCHEDULE.sub("", text[c_start:c_end]))
                or _MEETS_READER.search(text))


# The emergency line every reply may give: "if it comes with a high fever, go to the ER or
# call 911". Paired with 911, the ER is where anyone goes, not where the reader was.
_EMERGENCY = lazy(r"(?:er|e\.r\.|emergency (?:room|department)|urgent care)", I)
_OR_911 = lazy(r"\s+or\s+(?:call\s+)?911\b", I)
_911_OR = lazy(r"\b(?:call\s+)?911\s+or\s+(?:go|head)\s+(?:straight\s+)?to\s+(?:the|an|your "
               r"nearest)\s+$", I)


_AS_BEFORE = lazy(r"\b(?:as (?:discussed|before|we (?:said|talked|discussed))|like (?:before|"
                  r"we said))\b", I)


def emergency_advice(text: str, start: int, end: int, sentence: str) -> bool:
    """text[start:end] is the ER of the "ER or 911" advice, in `sentence`, which recalls no
    visit of the reader's ("like last time, head to the ER or call 911": an outside review
    of a place release, session 34), in a text with no hashtag ("call 911 or go to the ER
    #<condition>life", the same review: the tag is what the vocabulary cannot read)."""
    return bool(_EMERGENCY.fullmatch(text, start, end) and (
        _OR_911.match(text, end) or _911_OR.search(text, max(0, start - 40), start))
        and not (_ONES_VISIT.search(sentence) or _AS_BEFORE.search(sentence)
                 or "#" in text))  # a hashtag may name the reader's condition
