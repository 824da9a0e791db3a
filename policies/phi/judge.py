"""The judgement: is a specific person's health or care being disclosed here?

An identifiable individual (candidates.py) x a health or care event (vocabulary.py) x the
practice's relation to them decides. Every rule here is one of these mechanisms:

- a named person, handle, tag or relative with a condition or care event near them blocks;
  a title ("Coach", "Mayor") or staff role is an official capacity, so for them only their
  OWN health ("his knee surgery", "her rehab") blocks; a public figure whose health the
  sentence calls publicly disclosed only warns (the author can dismiss it as such);
- a specific unnamed patient ("our 11am patient", "one of our patients", "the couple in room
  4") with any care, health or identifying detail blocks: it confirms someone is a patient;
- an unnamed individual ("a 2-year-old") with a condition blocks only when the text adds
  identifying details (town, school, exact date, rare condition, photo...) that together
  narrow them down: what a de-identified teaching case leaves out;
- a photo or biometric described with a patient, without a written authorization, blocks;
- a reply that ties care or health to the commenter confirms they are a patient, and blocks;
- a comment in which the commenter discloses their own health is reported (self_disclosure).
A candidate without any of this warns: a person checks it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from policies.anatomy import BODY_PART, BODY_PART_ES

from . import dates as dt
from . import media, places
from .allow import POSSESSIVE, PhiAllowList
from .candidates import (
    AGE_AND_SEX,
    ANIMALS,
    KIN,
    NOT_NAME,
    PERSON_NOUN,
    PUBLIC_TELLING,
    STAFF_WORDS,
    STATE_OR_COUNTRY,
    US_STATES,
    VISIT_SLOT,
    Candidate,
    addressee,
    capitalised_before_comma,
    find,
    practice_town,
    sentence_of,
    sentences,
)
from .crisis_reply import crisis_reply_hits
from .discourse import does_work, pronoun_sentences
from .hits import Hit
from .lazy_pattern import lazy
from .life_events import clinicians_relative, life_event_hits
from .offers import (
    CARE_WISH,
    condition_service,
    emergency_advice,
    hypothetical_visit,
    offer_in,
    practice_gives,
    service_word,
    unowned,
)
from .owned import attends_service, owned_service
from .parsed import parse
from .prefilter import DIGIT, gated
from .reader_ties import reader_tie
from .results import addressed_results, unjudged_lab
from .spanish_cases import ONE as _ES_ONE
from .spanish_cases import dated_individual
from .spanish_names import nickname_spans, one_persons_event
from .spanish_people import role_told
from .spanish_replies import READER_CARE_ES, reader_care
from .spanish_roles import ROLE_HINT as _ES_ROLE_HINT
from .spanish_roles import role_own_care
from .spanish_talks import talk_topic
from .staff_health import may_tell_own_health, subject_own_health
from .subjects import all_topical, name_gate, opening_word_has_event, role_gate, role_nouns
from .subjects import find as subject_constructions
from .visits import booking_told, care_told, visit_told
from .vocabulary import (
    Mention,
    Term,
    credentials,
    first_names,
    health_mentions,
    health_words,
    name_key,
    surnames,
    titles,
    us_places,
    wordlike_first_names,
)

I = re.IGNORECASE  # noqa: E741
# an honorific an ASCII text can spell (spanish_names._HONORIFIC): worth reading for names
_HONORIFIC_HINT = lazy(r"\b(?:don|tio|tia|compadre|comadre)\b|\bsra?\.", re.IGNORECASE)
_INSTITUTION_WORD = lazy(r"^(?:cl[íi]nica|hospital|farmacia|centro|escuela|colegio|iglesia|"
                         r"parroquia|asilo|cruz|instituto|universidad|club|banco)$",
                         re.IGNORECASE)
_HOSTS = {"geographic", "email", "url"}
_LINKING = {"mrn", "health_plan", "account", "ssn", "license", "device", "other_id", "vehicle",
            "ip", "url", "email", "phone", "fax", "geographic"}
_UNFINISHED_LINE = lazy(r"[^.!?\s\n][ \t]*\n$")
_PATIENT_AFTER = lazy(r"\s+(?:[\w:.-]+\s+){0,2}?(?:patients?|pts?|clients?|residents?)\b", I)
_WORD_BEFORE = lazy(r"([^\W\d_]+)\.?\s+$")
_POSSESSIVE_ENDING = lazy(r"['’]s?(?![\w'’])")


def _possessive_ending_length(text: str, start: int, end: int) -> int:
    """How long the "'s" right after a candidate found without it is (0: none, or the
    candidate already holds it)."""
    ending = _POSSESSIVE_ENDING.match(text, end)
    return len(ending.group(0)) if ending and not POSSESSIVE.search(text[start:end]) else 0


def _as_allow_list_reads(text: str, start: int, end: int) -> str:
    """The candidate as the allow-list is asked about it: a possessive with the title before
    it ("Mr. Rowe's", "Señora Rowe's", "Ms. Van Dyke's" are not the allowed "Dr. Rowe"; "Dr.
    Rowe's" is), else as found; a one-word possessive without a title ("Rowe's", "toddler
    Rowe's") is never allowed (outside reviews, session 32)."""
    # a name found without its possessive ending ("Patel" in "Patel's MRI") is read with it
    shown = text[start : end + _possessive_ending_length(text, start, end)]
    if POSSESSIVE.search(shown):
        before = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if before and before.group(1).lower() in titles():
            return text[before.start() : start + len(shown)]  # with the ending read above
    return shown


_POSSESSED = lazy(r"\b(?:his|her|their|su|sus)\s+(?:[\w'’-]+\s+){0,3}$", I)
_POSSESSED_CLOSE = lazy(r"\b(?:his|her|their)\s+(?:own\s+)?(?:[\w'’-]+\s+)?$", I)
# (and Spanish, nearer: "su historia de parto" is the reader's; "proteger su privacidad no
# hablamos de citas" is not)
_YOUR = lazy(r"\b(?:your|you're|you've|you)\s+(?:[\w'’-]+\s+){0,4}$|"
             r"\b(?:su|sus|tu|tus)\s+(?:[\w'’-]+\s+){0,2}$", I)
_PREDICATED = lazy(
    r"^\s*,?\s*(?:who\s+)?(?:(?:just|now|finally|recently|was|is|has|had|been)\s+){0,2}(?:is|was|"
    r"has|had|got|went|came|finished|completed|underwent|beat|rang|started|needed|needs|broke|"
    r"tore|admitted|discharged|diagnosed|recovering|fought|lost|passed|walked)\b"
    r"(?:\s+[\w'’-]+){0,6}\s+$",
    I,
)
# ... or a colon or a dash that opens what is told of a person ("Meet Rosa Diaz: diagnosed
# with lupus in 2021", "Patient spotlight - Hal Brody: underwent ..."), with a verb that tells
# health only: a staff bio or a speaker lineup opens the same way with everyday verbs ("Dr.
# X: has treated asthma since 1998", "Speaker: Y - started the insulin clinic"; an outside
# review, session 29), and a titled name after a colon is not read this way at all
_TOLD_AFTER_COLON = lazy(
    r"^\s*[:\u2013\u2014-]\s*(?:(?:just|now|finally|recently|newly|was|is|has|had|been)\s+){0,2}"
    r"(?:underwent|beat|rang|broke|tore|admitted|discharged|diagnosed|recovering|recovered|"
    r"fought|survived|battling)\b(?:\s+[\w'’-]+){0,6}\s+$", I)
_PREDICATE_NEXT = lazy(  # "Coach Dmitri, admitted ...", "Ines, newly diagnosed with ..."
    r"^\s*,?\s*(?:who\s+)?(?:(?:is|was|has|had|been|just|now|recently|finally)\s+){0,3}$", I)
_ADDRESSED = lazy(  # spoken to, not credited ("thanks to Dr. X" is a credit)
    r"(?:thank you|thanks|congrats|congratulations|dear|hi|hey|hello|welcome back|get well soon)"
    r"\s*,?\s*(?:[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]*\.?\s+)?$",
    I,
)
# a wish or congratulation about a health event, in a reply, is about the commenter's
_WISH = lazy(r"^\W*(?:congrat\w*|so glad|glad|so happy|happy to hear|so sorry|sorry|hope|"
             r"praying|get well|speedy recovery|way to go|woohoo|yay|"
             # ... in Spanish (session 46): "¡Qué gusto que ...", "Nos alegra que ..."
             r"(?:qu[eé]\s+)?(?:gusto|bueno|alegr[ií]a)\s+(?:que|saber)|(?:nos|me)\s+"
             r"(?:alegra|da\s+gusto)|felicidades|felicitaciones|ojal[aá]|esperamos\s+que|"
             r"lo\s+sentimos|lamentamos|que\s+se\s+mejore|pronta\s+recuperaci[oó]n)\b", I)
_YOUR_CLOSE = lazy(r"\b(?:your|tu|tus|su|sus)\s+(?:[\w'’-]+\s+)?$", I)  # and Spanish
_WELL_WISHING = lazy(r"\b(?:sorry|glad|good luck|hang in there|praying|prayers|get well|"
                     r"feel better|proud of|thinking of|heal(?:ing)? (?:fast|soon|well))\b",
                     I)
_SECOND = lazy(r"(?<!thank )\b(?:you|your|you're|you've|yours)\b", I)
_THIRD = lazy(r"\b(?:she|he|they|she's|he's|they're|him|his|them)\b", I)
_FIRST = lazy(r"\b(?:i|i'm|i’m|im|i've|i’ve|i'd|my|me|mine|myself)\b", I)
# A Spanish refusal covers its whole sentence only while no "pero" follows (Spanish clauses
# are not split there: "no podemos dar detalles, pero su biopsia salió bien" tells the biopsy)
# and no "su"/"tu" ("no hablamos de la cirugía de su mamá" says whose care it is), nor a colon
# or semicolon that opens what is told
_ES_WHOLE = r"(?![^.!?]*(?:[:;]|\b(?:pero|sino|aunque|sin embargo|su|sus|tu|tus)\b))"
# the practice declines to talk about anyone's care: a negated verb of telling
_DECLINE = lazy(
    r"\b(?:can['’]?t|cannot|can not|won['’]?t|will not|don['’]?t|do not|never|not able to|"
    r"unable to|aren['’]t able to|not allowed to|not permitted to)\s+(?:\w+\s+){0,2}?(?:discuss|"
    r"confirm|give|share|look into|comment|talk|go into|get into|disclose|post|answer|address|"
    r"speak|release|reveal|respond|tell|say|diagnose|advise|assess|evaluate|look up)", I)
# A reply's refusal in Spanish (session 56), read only for the reply's care words
# (_reply_hits), never for a name ("No podemos compartir más detalles: Rosa Díaz sigue en
# terapia intensiva" tells Rosa's care): "por privacidad no podemos hablar de citas", "aquí no
# podemos comentar sobre pacientes", "no tratamos citas en los comentarios" (_ES_WHOLE)
_DECLINE_ES = lazy(
    r"\bno\s+" + _ES_WHOLE + r"(?:le\s+|les\s+)?(?:podemos|puedo|es posible|nos es posible|"
    r"se puede)\s+(?:\w+\s+){0,2}?(?:hablar|comentar|confirmar|compartir|tratar|discutir|"
    r"revelar|responder|contestar|platicar|dar\s+(?:detalles|informaci[oó]n))\b|"
    r"\bno\s+" + _ES_WHOLE + r"(?:tratamos|hablamos|comentamos|compartimos|confirmamos|"
    r"discutimos)\b|\bpor\s+(?:razones\s+de\s+)?privacidad\b" + _ES_WHOLE, I)
# The people thanked, told, greeted or fed in a post (lookbehinds, one fixed width each)
_EVERYONE_AS_AUDIENCE_NOT = "".join(
    f"(?<!{w} )" for w in ("thank", "thanks", "thank you to", "thanks to", "tell", "told",
                           "let", "brought", "bring", "want", "wants", "wanted", "hi to",
                           "love to", "reminding", "show", "showed", "invite", "invites"))
_EVERYONE_AS_AUDIENCE_AFTER = (r"(?!\s+(?:knows|knew|at\b|in\s+(?:the|our)\b|here\b|who\s+"
                               r"(?:prayed|sent|came|helped|cheered|knows|(?:has\s+|have\s+)?(?:been\s+)?ask(?:ed|ing)|"
                               r"wondered|wondering)|praying|asking|wondering|for\s+"
                               r"(?:the|your|all)\s+(?:cards?|prayers|love|support|kind)))")
_GENERIC = gated(
    _DECLINE.pattern + r"|\bfor privacy reasons\b|\bto protect (?:your|patient|"
    r"everyone['’]s) privacy\b|"
    # care nobody in particular has: "anyone's care", "individual health questions"
    r"\b(?:general rule|in general|anyone['’]s|anybody['’]s|individual (?:health|"
    r"medical|patient)|personal (?:health|medical) (?:information|details|questions)|"
    r"any (?:fever|child|kid|baby|patient|clinic|pharmacy|pharmacist|urgent care)|"
    r"are available|is available|"
    r"first come|most plans|we offer|we accept)\b|"
    # "everyone" as who the care is for ("flu shots for everyone"), but not as the people
    # thanked, told or greeted beside one person's news ("his mom wants to thank everyone
    # for the cards", "everyone at the rink knows who we mean"): that is an audience
    + _EVERYONE_AS_AUDIENCE_NOT + r"\beveryone\b" + _EVERYONE_AS_AUDIENCE_AFTER + "|"
    # a rule of thumb: "the best time for a flu shot is ...", "the right age to start ..."
    # ... only while it names nobody ("The best way to support Tom Baker through his chemo")
    r"\bthe (?:best|right|ideal|usual|recommended) (?:time|age|way|day|season)s? (?:for|to)\b"
    r"(?![^.!?;]*(?:\b(?:his|her|their)\b|(?-i:\b[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+['’]s\b|\b[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+\s+"
    r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+)|@\w))|"
    # what the practice does for everyone: "we see kids for sports physicals year-round"
    r"\bwe (?:see|treat|offer|accept|provide|do|take|welcome|care for|vaccinate)\s+(?:kids|"
    r"children|patients|adults|teens|families|everyone|all ages|walk-?ins|most|many|new "
    r"patients|babies|infants|newborns|toddlers|people|seniors|athletes)\b|"
    # a statement about a kind of person: "babies can get their first flu shot at 6 months"
    r"\b(?:babies|infants|kids|children|toddlers|teens|teenagers|adults|seniors|people|"
    r"patients|women|men|everyone|anyone|most \w+)\s+(?:(?:\d+|six|two|over|under|age)\s+"
    r"(?:\w+\s+){0,2})?(?:can|should|may|must|need|usually|often|typically|generally)\b|"
    # a requirement nobody has to meet: "no appointment is needed", "no referral required"
    r"\bno\s+(?:\w+\s+){0,2}?(?:is\s+|are\s+)?(?:needed|necessary|required)\b",
    I,
)
# Cues that a sentence is about a kind of case or an imagined one. They do not clear a
# sentence that names a person: "Most days Maria Lopez comes in for dialysis" and "Imagine
# being Maria Lopez: diagnosed with leukemia ..." are about Maria Lopez.
_KIND_OF_CASE = gated(
    r"\bsee (?:a|your) (?:doctor|provider|clinician)\b|"
    # a hypothetical person: "Picture a runner who ...", "Imagine your toddler ...", "what if"
    r"^\W*(?:picture|imagine|suppose|say)\b|\blet['’]s say\b|\bwhat if\b|\bhypothetical|"
    # care the practice does not give: "isn't something we treat", "we don't handle ..."
    # a call to every reader: "Schedule your mammogram today", "if they're right for you"
    r"\b(?:schedule|book|get|make|call|bring|ask about|remember)\s+(?:\w+\s+)?your\b|"
    # advice to every reader: "ask your provider which ...", "don't skip your physical"
    r"\b(?:ask|talk (?:to|with)|check with|speak (?:to|with)|consult)\s+your\s+(?:\w+\s+)?"
    r"(?:doctor|provider|clinician|pharmacist|pharmacy|pediatrician|dentist|nurse|care team|"
    r"physician)\b|"
    r"\b(?:is|are|be) right for (?:you|your (?:situation|family|child|kids?|needs))\b|"
    r"^\W*(?:don['’]t|do not|never)\s+(?:\w+\s+)?(?:skip|miss|"
    r"forget|put off|delay|ignore|wait|let)\b|"
    # how a process works for anyone: "your doctor can fax the referral to us"
    r"\byour\s+(?:doctor|provider|pharmacist|insurer|"
    r"insurance|employer|school|clinician|specialist|dentist|pediatrician)\s+(?:can|may|could|"
    r"will need to|needs to|should)\b|"
    r"\bare offered\b|\bif (?:they['’]re|it['’]s|this is) right for you\b|\bcall to ask\b|"
    r"\bisn['’]t something (?:we|our)\b|\b(?:we|our \w+) (?:don['’]t|do not) (?:treat|handle|"
    r"offer|do|see)\b|"
    # a statement about a kind of case, not this one: "most sprains heal in ...", "many kids"
    r"\b(?:most|many)\s+(?:[\w-]+\s+)?[a-z]+s\b(?!\s+of\b)",
    I,
)
_NAMED = ("name", "handle", "tagged")  # candidates that name one person
_POSSESSED_CLOSE_BEFORE = lazy(r"\b(?:his|her|their|your)\s+(?:[\w'’-]+\s+)?$", I)
# what makes one patient of "a patient": where and when they were seen
_PATIENT_DETAIL = lazy(r"\b(?:room|bed|bay|chair|suite)\s*#?\s*\d+|\b\d{1,2}(?::\d\d)?\s*"
                       r"(?:am|pm|a\.m\.|p\.m\.)|\b(?:mon|tues|wednes|thurs|fri|satur|"
                       r"sun)day\b|\b(?:yesterday|today|tonight|last night)\b", I)
_COUNTED = lazy(r"\bof\s+(?:our|my)\b", I)
_INDEFINITE_PATIENT = lazy(r"^(?:a|an|any)\s|\b(?:someone|anyone|somebody|anybody|"
                           r"whoever|a person|a family)\b", I)
# a role the practice calls its own is staff: "our beloved clinic founder"
_OUR_STAFF = lazy(r"our\s+(?:[\w-]+\s+){0,3}?(?:" + STAFF_WORDS + r")\b", I)
_VISIT_VERB = lazy(r"visit(?:s|ed|ing)?$", I)
_PLACE_OBJECT = lazy(r"\s+(?:our|the|a|an|every|each|local|area|schools?|classrooms?|"
                     r"[A-Z]\w+)\b")
_SYMPATHY = lazy(r"\b(?:sorry|condolences|sympathy|sympathies|thoughts)\s+(?:\w+\s+)?"
                 r"(?:for|on|about)\s+(?:your|the|their)\s+$", I)
_SUPPLY_AFTER = lazy(r"\s+(?:shortages?|supply|supplies|stockpiles?|backorders?|"
                     r"back-orders?)\b", I)
_CHECK_VERB = lazy(r"\s+(?:on|in on|up on|in with|with|if|whether)\b", I)
# "check" whose object is cover, not care, offered as what the office can do for anyone:
# "the front desk can check your specific plan", "our team can check yours at <phone>". A
# promise to act on this reader's account ("we'll check your coverage and call you", "can
# check your plan for the pods") stays care: outside reviews (relax_review_s22,
# reply_review3_s34) hid the reader's drug or device behind it, which the vocabulary does not
# know, so only the bare offer is read, and never beside a wish
_CAN = lazy(r"\b(?:can|could)\s+(?:also\s+|easily\s+|always\s+)?$", I)
_COVER = r"(?:insurance\s+)?(?:plans?|insurance|coverage|benefits|eligibility)"
_CHECK_COVER = lazy(r"\s+(?:(?:your|any|the)\s+(?:specific\s+|current\s+|own\s+)?"
                    + _COVER + r"|yours)"
                    # ... and nothing after it but how or when to ask
                    r"(?:\s+(?:by|over)\s+(?:the\s+)?phone|\s+before\s+you\s+(?:book|come\s+in|"
                    r"schedule)|\s+at\s+\(?\d|\s+in\s+a\s+few\s+minutes)?\s*(?:[.!?]|$)", I)


def _cover_checked(text: str, start: int, end: int) -> bool:
    """The "check" at text[start:end] offers to check anyone's cover."""
    return bool(_CAN.search(text, max(0, start - 20), start)
                and _CHECK_COVER.match(text, end) and not CARE_WISH.search(text))
# an exam someone sits for a qualification, not a medical one
_DOG_BEFORE = lazy(r"\b(?:black|yellow|chocolate|golden|fox red|"
                   r"silver|rescue|senior|old|sweet|goofy)\s+$", I)
# a counted lab is a dog only when someone owns it and it is not what they came in for:
# "hiking with her two labs", not "in at 7am for two labs" nor "came in for her 3 labs"
_DOG_COUNTED = lazy(r"(?<!\bfor )\b(?:his|her|their|my|our|your)\s+(?:two|three|four|"
                    r"five|\d)\s+$", I)
_RESULT_AFTER = lazy(r"\s+(?:came|come|results?|were|are|look|looked|show|showed|"
                     r"returned|from)\b", I)
_DOG_AFTER = lazy(r"\s+(?:mix|puppy|puppies|pup|pups|retriever|named)\b", I)
_SCHOOL_EXAM = lazy(r"\b(?:board|boards|certification|certified|certifying|licensing|"
                    r"licensure|license|bar|credentialing|final|finals|entrance|written|"
                    r"qualifying|specialty|educator|driving|driver['’]s)\s+(?:[\w-]+\s+)?$",
                    I)
_DETERMINED = lazy(r"\b(?:his|her|their|your|my|a|an|the|this|that|next|last|first|"
                   r"follow-up|weekly|monthly|daily|home|office|clinic)\s+$", I)
# Who is the subject of a care event? Someone who hosts, sponsors, teaches or hands out care is
# its provider, not its recipient: "Coach Ruiz is hosting free sports physicals", "sponsored
# by the Lions Club", "free flu shots at the market". The care word then names a service
# offered to the public, and is nobody's own health. Receiving verbs ("got", "had", "came in
# for") and a possessive ("his physical") between them make it someone's again.
_PROVIDE = (
    # "presented a talk on asthma", not "presented at 2am with chest pain" nor "presenting
    # symptoms of a stroke" (the clinical sense): an event object must follow
    r"present(?:s|ed|ing)?(?=\s+(?:on|about|(?:(?:a|an|the|our|his|her|their|new|latest)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:talks?|posters?|lectures?|papers?|study|studies|webinars?|"
    r"workshops?|sessions?|awards?|checks?|cheques?|findings|research|grand rounds|seminars?|"
    r"keynote|results of)\b))|research(?:es|ed|ing)?|"
    r"(?:(?:co-?)?host|sponsor|offer|fund|collect|talk|cover|answer|explain|cook|partner|"
    r"volunteer|chair|launch|paint|install|design|renovat|decorat)(?:s|es|ed|ing|e|ed)?|"
    r"buil[dt](?:s|ing)?|organi[sz](?:e|es|ed|ing)|teach(?:es|ing)?|"
    # "lead" right before the word is the metal: "lead poisoning"
    r"taught|lead(?:s|ing)?(?!\s+$)|led|provid(?:e|es|ed|ing)|give[sn]?|giving|gave|"
    r"donat(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|speak(?:s|ing)?|spoke|bring(?:s|ing)?|brought|"
    r"hand(?:s|ed|ing)?\s+out|coordinat(?:e|es|ed|ing)|emcee(?:s|d|ing)?|"
    r"demonstrat(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)|"
    r"promot(?:e|es|ed|ing)|put(?:s|ting)?\s+on|set(?:s|ting)?\s+up")
_PROVIDER_BEFORE = gated(
    r"\b(?:" + _PROVIDE + r")\b(?!\s+birth)(?:\s+[\w'’-]+){0,6}\s+$",
    I,
)
_FREE_BEFORE = gated(
    r"\b(?:free|no-cost|low-cost|discounted|walk-in|drive-thru|"
    r"drive-through|on-site|onsite)\s+(?:[\w'’-]+\s+){0,3}$",
    I,
)
_OURS_BEFORE = lazy(r"\bour\s+(?:[a-z-]+\s+)?$", I)  # no possessive between
_RECEIVING = lazy(r"\b(?:got|gets|getting|received|receives|receiving|had|has had|"
                  r"graduated from|graduates from|completed|"
                  r"came in|comes in|coming in|underwent|undergoing|recovering|"
                  r"recovered|diagnosed|treated|admitted|finished|needed|needs)\b", I)
_PROVIDER_AFTER = lazy(r"^[\w\s'’-]{0,30}?\b(?:hosted|sponsored|organi[sz]ed|offered|"
                       r"provided|led|run|taught|given|donated|funded|presented|"
                       r"put on|paid for)\s+by\b", I)
_RECEIVE = lazy(r"\b(?:his|her|their|your|my|its|got|gets|getting|get|received|receives|"
                r"receiving|had|has|having|needs|needed|came in|comes in|coming in|went|"
                r"underwent|undergoing|recovering|recovered|diagnosed|treated|"
                r"admitted|finished|started|after|since|own|surviv(?:e|es|ed|ing|or))\b|"
                r"['’]s\b", I)
# A care word is a service only while nobody in particular receives it. One person between the
# provision verb and the care word is its recipient ("gave Joe Smith a shot", "provided Maria
# with hospice care", "invited her back for a mammogram"); so is one after it behind 'for' or
# 'to' ("a transplant for Joe Smith", "explained the results to him"). Plural person nouns
# ("free checks to 200 people", "shots for kids") are the public and leave it a service.
_ONE_PERSON = lazy(r"(?<![\w-])(?:him|her|them|me|" + KIN + "|" + PERSON_NOUN
                   + r")(?![\w-])(?<!s)", I)  # "well-child checkups" names no child
_DEFINITE_CARE = lazy(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}$", I)
_PLURAL_NEXT = lazy(r"\s+(?!results\b)[a-z]+s\b")  # "the flu shot guidelines"
_GIVER_GAP = lazy(r"[\s,]*(?:(?:who|has|had|just|also|then|will|is|was)\s+)*")
_TO_PERSON = lazy(r"^[\w\s'’-]{0,40}?\b(?:for|to)\s+(?:our\s+|the\s+|this\s+|that\s+)?$",
                  I)
_TO_PRONOUN = lazy(r"^[\w\s'’-]{0,40}?\b(?:for|to)\s+(?:him|her|them|me)\b", I)


_TOLD_AFTER = lazy(r":(?!\d)|\s-\s")
_CLAUSE_BREAK = gated(r"\b(?:but|however|although|though|except|yet)\b|;|\s[—–]\s", I)


def _general(sentence: str) -> bool:
    """Either kind of general wording (the screen's own checks, not about a named person)."""
    return bool(_GENERIC.search(sentence) or _KIND_OF_CASE.search(sentence)
                or _bare_noun_statement(sentence))


# a greeting before the statement: "Hi Jo, teething can be tough!"
_GREETING = lazy(r"^\W*(?:hi|hey|hello|thanks|thank you|good morning|great question|"
                 r"good question)\b[^,!.:—–-]{0,25}[,!.:—–-]+\s*", I)


# the lower-case words inside an organisation's or a person's name
_NAME_JOINERS = frozenset({"for", "of", "and", "the", "&", "de", "del", "la", "los", "van",
                           "von", "da", "di", "du", "le", "y"})


def _part_of_name(before: str) -> bool:
    """A health word after ``before`` in a name's span is part of the name while the span is
    written as a name up to it, capitalised but for the small words of a name ("Paws for
    Healing"; "John Smith has diabetes", one PERSON span from the small model, tells a
    diabetes)."""
    return all(w[:1].isupper() or w in _NAME_JOINERS for w in before.split())


def _bare_noun_statement(sentence: str) -> bool:
    """A bare noun opening a statement with a modal, after any greeting: "Sunscreen should be
    SPF 30", "Hi Jo, teething can be tough" (not a first name: "Ines should be back Monday")."""
    rest = _GREETING.sub("", sentence, count=1)
    bare = _BARE_NOUN_MODAL.match(rest)
    if bare and rest is sentence and not bare.group(1)[0].isupper():
        return False  # lowercase and ungreeted: the middle of a sentence, not its subject
    return bool(bare) and bare.group(1).lower() not in first_names()
# a bare noun opening a statement with a modal: "Sunscreen should be SPF 30 or higher" (not a
# first name: "Ines should be back at school Monday")
_BARE_NOUN_MODAL = lazy(
    r"^\W*(?!(?i:he|she|they|it|you|we|i|your|his|her|their|this|that|my|our)\b)"
    r"([A-Za-z][a-z]+)(?:\s+[a-z]+)?\s+(?:should|can|may|must|works best|is best)\b")
_STATES = lazy(
    r"^(?:" + "|".join(state.lower() for state in US_STATES) + r"|u\.?s\.?a?\.?|america|"
    r"united states|the united states|canada|mexico)$",
    I,
)


# How far a window reaches from the word it is about (see Context.window); real posts'
# sentences are far shorter.
WINDOW_REACH = 600

# A product recall ("lot 2B117", "was recalled", "the recall list"): the health words of its
# sentence describe the product ("that infant formula", "the cough syrup"), nobody's care,
# unless a possessive gives it to someone ("your daughter's nebulizer").
# "recall" as remembering ("as you may recall") and "Lot 12" (a plot, a parking lot) are no
# product recall: the verb must be passive or the noun a notice, and a lot number counts only
# next to such a recall word.
_RECALL_WORD = (r"\b(?:recalled|recalling|(?:a|the|this|voluntary|product|safety|fda|"
                r"nationwide|manufacturer|drug|device)\s+recalls?|recalls?\s+(?:notice|list|"
                r"alert|affects|includes|covers|of|on|for))\b")
_RECALL = gated(_RECALL_WORD, I)
_LOT = lazy(r"\blot\s*(?:#|no\.?|number)?\s*[A-Z0-9-]*\d", I)
_OWNED = lazy(r"\b(?:his|her|their|your|my|[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+['’]s)\s+"
              r"(?:[\w'’-]+\s+){0,2}$")


# ... and so does what to do with it: "Return it to the pharmacy", "Toss them"
_PRODUCT_STEP = lazy(r"\W*(?:please\s+)?(?:return|toss|throw|discard|bring|take|stop "
                     r"using|check|keep)\s+(?:it|them|the (?:bottle|box|package|product))\b",
                     I)


def _product_word(text: str, m: Mention) -> bool:
    s, e = sentence_of(text, m.start)
    recall = _RECALL.search(text, s, e) or (_LOT.search(text, s, e) and _RECALL.search(text))
    return bool(recall or _PRODUCT_STEP.match(text, s)) and not _OWNED.search(
        text, max(s, m.start - 40), m.start)


_OWN_TAIL = lazy(r"['’]s?\s+(?:[\w-]+\s+){0,2}")
_OWN_TAIL_CLOSE = lazy(r"['’]s?\s+")
_POSSESSIVE_END = lazy(r"['’]s?$")


def _owns_next(before: str, name: str, right_after: bool = False) -> bool:
    r"""`before` ends in "<name>'s" and up to two words ("Reilly's new "), as the pattern
    name + r"['’]s?\s+(?:[\w-]+\s+){0,2}$" would find. Read with two fixed patterns and the
    name as a plain string: a pattern built from each name went through re's own cache (512
    patterns, shared by every re.search(...) in the screen), and a new name in each text
    evicted the screen's other patterns, which then compiled again (600 new posts after the
    dev set: 382 compiles before, 33 now; the time saved is within the benchmark's noise,
    docs/history/phi.md "Session 34"). `right_after`: the name without its own trailing possessive,
    and no word between."""
    if right_after:
        name = _POSSESSIVE_END.sub("", name)
    tail = _OWN_TAIL_CLOSE if right_after else _OWN_TAIL
    end = len(before)
    while True:
        end = max(before.rfind("'", 0, end), before.rfind("’", 0, end))
        if end < 0:
            return False
        if before.endswith(name, 0, end) and tail.fullmatch(before, end):
            return True


class ParseLater(Exception):  # noqa: N818 - a request, not an error
    """judge(defer=True) needs the parse of a sentence the batch does not hold (one the cheap
    gates of subjects.needs_parse did not foresee). The caller parses it with the other
    texts' such sentences in one batch and judges the text again: one call to the parser
    per sentence costs about three times its share of a batch."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


class Context:
    """What the judgement knows about one text."""

    def __init__(self, doc: Any, text: str, allow: PhiAllowList, id_hits: list[Hit],
                 parses: dict[str, Any] | None = None, defer: bool = False) -> None:
        self.text = text
        self.allow = allow
        self._defer = defer
        self.doc = doc
        hosts = [(h.start, h.end) for h in id_hits if h.category in _HOSTS]
        health = health_mentions(text)
        self.mentions = sorted(
            (m for m in health + _care_relations(text) + addressed_results(text, health)
             if not any(s <= m.start < e for s, e in hosts)),  # "400 Alder St" is no allergen
            key=lambda m: m.start,
        )
        # "visits" the verb goes somewhere ("the dog who visits our pediatric floor"); "visits"
        # the noun is someone's care ("her weekly visits")
        self.mentions = [m for m in self.mentions if not (
            _VISIT_VERB.match(m.text) and _PLACE_OBJECT.match(text, m.end)
            and not _DETERMINED.search(text, max(0, m.start - 20), m.start))
            # "check on your neighbours" (the verb); "passed his board certification exam".
            # Not after a modal: "we can check the dosage of your <drug>, <name>" is the
            # reader's care whatever is checked (an outside review released such replies when
            # a modal made "check" a verb; the vocabulary does not know every drug or device)
            and not (m.text.lower() == "check" and (_CHECK_VERB.match(text, m.end) or re.search(
                r"\b(?:to|and|or|please)\s+$", text[max(0, m.start - 8) : m.start], I)
                or _cover_checked(text, m.start, m.end)))
            and not (m.text.lower() in ("exam", "exams")
                     and _SCHOOL_EXAM.search(text, max(0, m.start - 50), m.start))
            # "so sorry for your loss": sympathy for a death the reader told of, which says
            # nothing of anyone's care ("the loss of a beloved patient" still counts)
            and not (m.text.lower() == "loss"
                     and _SYMPATHY.search(text, max(0, m.start - 40), m.start))
            # "our black lab", "a lab mix": the dog, not a lab test (tests are not coloured;
            # they are counted, though: "came in for two labs")
            and not (m.text.lower() in ("lab", "labs") and (
                (_DOG_BEFORE.search(text, max(0, m.start - 30), m.start)
                 or _DOG_COUNTED.search(text, max(0, m.start - 30), m.start))
                and not _RESULT_AFTER.match(text, m.end) or _DOG_AFTER.match(text, m.end)))]
        self.conditions = [m for m in self.mentions if m.term.kind == "condition"]
        self.cares = [m for m in self.mentions if m.term.kind == "care"]
        hosts = [(h.start, h.end) for h in id_hits if h.category in _HOSTS]
        self.photo = dt.PHOTO.search(text)
        self.biometric = media.biometric(text)
        self.candidates = []
        # allow-listed names: no candidates, but read for their own health (_allowed_own_health)
        self.allowed_people: list[Candidate] = []
        allowed: list[tuple[int, int]] | None = None  # found only when a name needs them
        for c in find(doc, text):
            if c.kind in ("name", "handle"):
                shown = _as_allow_list_reads(text, c.start, c.end)
                reach = c.end + _possessive_ending_length(text, c.start, c.end)
                # an entry the policy lists as one word ("Leah"; "Nurse Leah"'s "Leah" is not
                # one), found without its "'s", is that entry, as before ("Leah's
                # adjustments"); the other one-word possessives are not (allow.py)
                exact = reach > c.end and allow.lists_exactly(text[c.start : c.end])
                listed = exact or allow.allows_name(shown)
                if listed and c.kind == "name":
                    self.allowed_people.append(c)  # judged for their own health alone
                if exact or listed and not (POSSESSIVE.search(shown) and self._told_after(reach)):
                    continue
                if c.vocative and _town_addressed(text, c, allow):
                    continue
                if c.kind == "name" and practice_town(text, c, allow.towns()):
                    continue  # "Athletes in Hannibal: ...": the practice's own town
                if allowed is None:
                    allowed = _allowed_spans(text, allow)
                if any(s <= c.start and c.end <= e for s, e in allowed):
                    continue
            # inside an address or link it is part of it, but "bed 2 of the infusion suite"
            # read as an address is still a bed
            if c.kind == "patient" or not any(s < c.end and c.start < e for s, e in hosts):
                self.candidates.append(c)
        # "Tore my ACL at soccer, do I need surgery?": a sentence's first word that opens the
        # writer's own injury is their verb, not a name (census lists hold "Tore"), while
        # nothing in the text speaks to or wishes anyone well ("Tore my heart, so sorry your
        # leukemia is back" may be spoken to a Tore: an outside review's probes, session 10)
        if not (_SECOND.search(text) or _WELL_WISHING.search(text)):
            injuries = {m.start for m in self.mentions if m.term is _INJURY_TERM
                        and re.match(r"\w+\s+my\b", m.text, I)}
            self.candidates = [c for c in self.candidates if not (
                c.kind == "name" and c.start in injuries and " " not in text[c.start : c.end])]
        # A product recall or a what-to-bring checklist releases the health words of its
        # sentence, but only while the sentence names nobody: "Bring on the cake: Tom Baker
        # finished chemo" and "Tom Baker from Lot 12 began dialysis" are about Tom Baker.
        if _RECALL.search(text):  # one regex decides for most texts
            self.mentions = [m for m in self.mentions if not (
                _product_word(text, m) and not self._someone_in_sentence(m.start))]
        if _BRING.search(text):  # "Bring your glasses and a list of your medications"
            self.mentions = [m for m in self.mentions if not (
                _checklist(self.sentence_text(m.start))
                and not self._someone_in_sentence(m.start))]
        self.conditions = [m for m in self.mentions if m.term.kind == "condition"]
        self.cares = [m for m in self.mentions if m.term.kind == "care"]
        # a health word inside a person's name is part of the name ("Tomas Reyes", "Ed Gout"):
        # a first name from the lists, then the word ("C-section" read as a name stays care)
        names = [(c.start, c.end) for c in self.candidates if c.kind == "name"
                 and len(text[c.start : c.end].split()) > 1
                 and text[c.start : c.end].split()[0].lower() in first_names()]
        # ... and so is a census surname closing a name, or after a title ("Councilmember
        # Reyes", "Alderman Reyes" is no Reye's syndrome; a titled surname alone is taken
        # from just before it, so that it is inside)
        names += [(c.start - (len(text[c.start : c.end].split()) == 1), c.end)
                  for c in self.candidates if c.kind == "name"
                  and (len(text[c.start : c.end].split()) > 1 or c.titled)
                  and text[c.start : c.end].split()[-1].lower() in surnames()]
        if names:
            self.mentions = [m for m in self.mentions if not any(
                s < m.start and m.end <= e and _part_of_name(text[s : m.start])
                for s, e in names)]
            self.conditions = [m for m in self.mentions if m.term.kind == "condition"]
            self.cares = [m for m in self.mentions if m.term.kind == "care"]
        self.linking_ids = [h for h in id_hits if h.category in _LINKING and h.score >= 0.75]
        self.authorized = bool(dt.AUTHORIZATION.search(text))
        self._details: list[tuple[str, int, int, int]] | None = None
        self._parses: dict[int, tuple[Any, int]] = {}
        self._breaks: dict[int, list[tuple[int, int]]] = {}
        self._generic: dict[tuple[int, int, int, int, bool], bool] = {}
        self._batch = parses or {}
        self.services = {(m.start, m.end) for m in self.mentions if self._offered(m)}

    def _told_after(self, end: int) -> bool:
        """Their patient right after a possessive ("Dr. Rowe's patient in room 4") or a
        condition anywhere later in its sentence, past commas, colons, dashes and brackets
        ("Omar Bellweather's news, for those asking: the MRI found a small tumor"): an allowed
        name's possessive stays a candidate there, as it always was; a patient may share a
        staff member's name (outside reviews, session 32). Care right after it is read by the
        parse instead (staff_health._possessed_own, session 33): "Dr. Rowe's surgery went well" is
        theirs, "Rosalind Achterberg's hygiene appointments book up fast" is the care she gives
        (before, any care word within 30 characters kept the candidate)."""
        if _PATIENT_AFTER.match(self.text, end):
            return True
        sentence_end = self.sentence(end)[1]
        # a single line break with no . ! ? before it goes on with the same sentence
        # ("Omar Bellweather's update:\nthe MRI found ...")
        while (sentence_end < len(self.text) and self.text[sentence_end - 1] == "\n"
               and _UNFINISHED_LINE.search(self.text, 0, sentence_end)):
            sentence_end = self.sentence(sentence_end)[1]
        return any(m.term.kind == "condition" and end <= m.start < sentence_end
                   for m in self.mentions)

    def _someone_in_sentence(self, pos: int) -> bool:
        """A person other than the reader or the practice's staff is named in the sentence
        (a name, handle, initials, 'our patient', a relative): a release cue there does not
        speak for them. The reader addressed by name ("Hi Sam, bring ...") is not counted."""
        s, e = self.sentence(pos)
        return any(s <= c.start < e and c.kind in ("name", "handle", "tagged", "patient",
                                                   "relative", "individual")
                   and not (c.staff or c.vocative) for c in self.candidates)

    def _offered(self, m: Mention) -> bool:
        """The mention names a service someone offers the public, not anyone's own care."""
        s, e = self.sentence(m.start)
        lo = max(s, m.start - 80)
        before = self.text[lo : m.start]
        if self._recipient_after(m, e):
            return False
        ours = _OURS_BEFORE.search(before)
        if m.term.kind == "care" and ours and not self._received_by(s, lo + ours.start()):
            return True  # "our pharmacy closes at 6", "our walk-in lab": the practice's own
            # ("Sam finished our physical therapy": his)
        verb = _PROVIDER_BEFORE.search(before)
        for cue in (_FREE_BEFORE, _PROVIDER_BEFORE):
            found = cue.search(before)
            # the person may stand before "free" too: "offered Dana a free cleaning"
            first = min(found.start(), verb.start() if verb else found.start()) if found else 0
            if found and not _RECEIVE.search(before[found.start() :]) and not (
                    self._person_in(lo + first, m.start)
                    # "Joe Smith got free chemo": the receiving verb may precede the cue
                    or self._received_by(s, lo + found.start())
                    or cue is _PROVIDER_BEFORE and self._one_event(m, before, lo + found.start())):
                return True
        return bool(_PROVIDER_AFTER.match(self.text[m.end : m.end + 60]))

    def _one_event(self, m: Mention, before: str, verb: int) -> bool:
        """'gave THE cortisone shot' with a private person in the sentence or the next is one
        person's care ("Dr. Raman gave the flu shot, and Joe Smith was brave"), not a service
        offered to the public ("giving flu shots", "the flu shot guidelines")."""
        if not _DEFINITE_CARE.search(before) or m.text.lower().endswith("s") or (
                _PLURAL_NEXT.match(self.text, m.end)):
            return False
        ws, we = self.window(m.start, before=1, after=1)
        return any(
            ws <= c.start < we and c.kind in ("name", "handle", "relative", "patient")
            and not (c.staff or c.titled or c.public)
            # the giver: "Ana gave the flu shot"
            and not _GIVER_GAP.fullmatch(self.text, c.end, verb)
            for c in self.candidates)

    def _person_in(self, start: int, end: int) -> bool:
        """One person (a candidate, an object pronoun, a singular person noun) in the span."""
        if any(start <= c.start < end for c in self.candidates):
            return True
        return bool(_ONE_PERSON.search(self.text, start, end))

    def _received_by(self, s: int, cue: int) -> bool:
        """A person in the sentence before `cue` is the subject of a receiving verb there."""
        firsts = [c.start for c in self.candidates if s <= c.start < cue]
        return bool(firsts) and bool(_RECEIVING.search(self.text, min(firsts), cue))

    def _recipient_after(self, m: Mention, e: int) -> bool:
        """'a transplant for Joe Smith', 'the results to Maria', 'chemo for him'."""
        after = self.text[m.end : min(e, m.end + 60)]
        if _TO_PRONOUN.match(after):
            return True
        for c in self.candidates:
            if m.end <= c.start < m.end + 60 and c.start < e and _TO_PERSON.match(
                    self.text[m.end : c.start]):
                return True
        return False

    def service(self, m: Mention, c: Candidate | None = None) -> bool:
        """m is a service offered to the public; for a candidate `c`, only while c's own
        clause says nothing of receiving anything ("congrats to Jake, who got his first one")."""
        if (m.start, m.end) not in self.services:
            return False
        if c is None:
            return True
        after = self.text[c.end : self.sentence(c.start)[1]]
        return not _RECEIVING.search(re.split(r"[,;:]\s+(?:and|but)\b", after)[0])

    def sentence(self, pos: int) -> tuple[int, int]:
        return sentence_of(self.text, pos)

    def parsed(self, pos: int) -> tuple[Any, int]:
        """The parse of the sentence at pos (parsed.py) and where it starts in the text;
        each sentence is parsed at most once per text."""
        s, e = self.sentence(pos)
        if s not in self._parses:
            sentence = self.text[s:e]
            lead = len(sentence) - len(sentence.lstrip())
            stripped = sentence.strip()
            parsed = self._batch.get(stripped)
            if parsed is None and self._defer:
                raise ParseLater(stripped)
            self._parses[s] = (parsed if parsed is not None else parse(self.doc, stripped),
                               s + lead)
        return self._parses[s]

    def sentence_text(self, pos: int) -> str:
        s, e = self.sentence(pos)
        return self.text[s:e]

    def clause_text(self, pos: int) -> str:
        """The clause of the sentence at pos: a decline or a general statement covers its own
        clause, not what follows "but" ("we can't discuss details, but glad your surgery went
        well" still speaks of the reader's surgery), as NegEx's termination terms end a scope."""
        start, end = self.clause_bounds(pos)
        return self.text[start:end]

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        s, e = self.sentence(pos)
        if s not in self._breaks:  # once per sentence: long texts call this per mention
            self._breaks[s] = sorted([m.span() for m in _CLAUSE_BREAK.finditer(self.text, s, e)]
                                     + self._told_after_decline(s, e))
        start, end = s, e
        for b_start, b_end in self._breaks[s]:
            if b_end <= pos:
                start = b_end
            elif b_start >= pos:
                end = b_start
                break
        return start, end

    def _told_after_decline(self, s: int, e: int) -> list[tuple[int, int]]:
        """A colon or a spaced hyphen after a decline opens what is told ("We can't share
        more details: <name> is still in intensive care"): a clause break there, so the
        decline stays general and what follows it is read (session 56, L1)."""
        decline = _DECLINE.search(self.text, s, e)
        if decline is None:
            return []
        return [m.span() for m in _TOLD_AFTER.finditer(self.text, decline.end(), e)]

    def generic(self, pos: int, about: Candidate | None = None) -> bool:
        """The clause at pos speaks in general terms or declines to discuss anyone's care.
        A kind-of-case cue does not count when the sentence names `about` (a named person)."""
        s, e = self.sentence(pos)
        named = about is not None and about.kind in _NAMED and s <= about.start < e
        # the answer depends only on the clause, the sentence and `named`: memoised, since the
        # life-event passes ask it per event x person x mention (a long text took minutes)
        key = (*self.clause_bounds(pos), s, e, named)
        if key not in self._generic:
            self._generic[key] = self._generic_uncached(pos, s, e, named)
        return self._generic[key]

    def _generic_uncached(self, pos: int, s: int, e: int, named: bool) -> bool:
        sentence = self.text[s:e]
        if _GENERIC.search(self.clause_text(pos)):
            return True
        if _bare_noun_statement(sentence):
            return True  # the statement's subject is the noun, even after "Hi Jo,"
        if named:
            return False
        return bool(_KIND_OF_CASE.search(sentence))

    def window(self, pos: int, before: int = 1, after: int = 1) -> tuple[int, int]:
        """The sentence at pos with the `before` sentences before it and `after` after it,
        at most WINDOW_REACH characters either side of pos: a text without sentence ends
        (a pasted list, a spam comment) would otherwise make every window the whole text
        and the rules that search a window per match quadratic or worse."""
        s, e = self.sentence(pos)
        for _ in range(before):
            if s > 0:
                s = self.sentence(max(0, s - 2))[0]
        for _ in range(after):
            if e < len(self.text):
                e = self.sentence(min(len(self.text) - 1, e + 1))[1]
        return max(s, pos - WINDOW_REACH), min(e, pos + WINDOW_REACH)

    def mentions_near(self, c: Candidate, kinds: tuple[str, ...], before: int = 1,
                      after: int = 1) -> list[Mention]:
        """Mentions in the candidate's sentence, the `before` ones and the `after` ones."""
        s, e = self.window(c.start, before, after)
        return [m for m in self.mentions if m.term.kind in kinds and s <= m.start < e]

    def possessed(self, c: Candidate, close: bool = False) -> Mention | None:
        """A condition or care event that is the person's own: "his endoscopy", "Tamsin's
        chart". `close`: only right after the possessive, for people named in an official
        capacity ("his mumps response protocol" is not his mumps)."""
        shown = self.text[c.start : c.end]
        possessive = re.search(r"['’]s?$", shown)
        caregiver = c.staff or _CLINICIAN_BEFORE.search(self.text[max(0, c.start - 8) : c.start])
        # a candidate may end in its own possessive ("Reilly's" in "Coach Reilly's vasectomy"):
        # the name is what comes before it, the health word right after it (an outside review's
        # probe, session 22; not "Coach Bryant's team physicals", and not a clinician's work,
        # "Dr. Haddad's vascular surgery office")
        right_after = bool(possessive and not caregiver)
        pattern = _POSSESSED_CLOSE if close else _POSSESSED
        sentence = self.sentence(c.start)
        addressed = c.vocative or _ADDRESSED.search(self.text[max(0, c.start - 30) : c.start])
        # the person care is given to: "did a vasectomy for Coach Reilly", "started Principal
        # Okafor on chemo" (an outside review, session 22: these read as the clinician's work)
        receives = not caregiver and _RECEIVES_BEFORE.search(
            self.text, max(0, c.start - 40), c.start)
        for m in self.mentions_near(c, ("condition", "care"), before=0):
            if talk_topic(self.text, m.start):
                continue  # "da pláticas sobre la diabetes": what she teaches (session 56)
            before = self.text[max(0, m.start - 40) : m.start]
            if _owns_next(before, shown, right_after):
                return m
            if not c.staff and sentence[0] <= m.start < sentence[1] and (
                    m.end <= c.start and _CARE_FOR.fullmatch(self.text, m.end, c.start)
                    and not possessive and self.text[c.end : c.end + 1]
                    not in ("'", "’")  # "for Principal Okafor's team": the team's
                    # "free flu shots for Principal Okafor and the Eastview staff": an event
                    # for a group (the third outside review, session 22)
                    and not _WITH_GROUP.match(self.text, c.end)
                    and not re.search(r"\bfree\b", self.text[max(sentence[0], m.start - 25)
                                                             : m.start], I)
                    # "gave Coach Reilly a vasectomy", not "gave Coach Reilly a thank-you
                    # plaque for 20 years of hosting our concussion clinic"
                    or receives and m.start >= c.end
                    and len(self.text[c.end : m.start].split()) <= 4
                    and not re.search(r"[.;:!?]", self.text[c.end : m.start])):
                return m
            if _GENERIC.search(self.clause_text(m.start)) or _bare_noun_statement(
                    self.sentence_text(m.start)):
                continue  # "babies can get their first flu shot at 6 months": anyone's
            if pattern.search(before) and not _group_owns(self.text, c.end, m.start):
                return m
            if self.service(m, c):
                continue  # "Coach Ruiz is hosting free sports physicals": he gives them
            if addressed and m.term.source == "relation":
                return m  # "Fair winds, Captain Pruitt. Thank you for letting us look after you"
            # the name is the subject of the health event: "Coach Dmitri, admitted this
            # morning after a stroke", "Willa is recovering after ..."
            # ... but a name right before a health noun modifies it ("Tumble Tots teething
            # rings" is a brand): the predicate needs a comma or a verb; and "your" before the
            # health word gives it to the reader ("Dr. Ruiz was thrilled with your A1c")
            between = _skip_credentials(self.text[c.end : m.start])
            if c.end <= m.start and not _YOUR_CLOSE.search(before) and (
                    _PREDICATED.match(between) or (
                        between.strip() and _PREDICATE_NEXT.match(between))
                    or not c.titled and _TOLD_AFTER_COLON.match(between)):
                return m
            # an injury or a condition as a verb right after the name: "Coach Lee burned his
            # hand", "our volunteer Hal relapsed" are theirs
            if c.end <= m.start and not between.strip() and (m.term is _INJURY_TERM or (
                    m.term.kind == "condition" and m.text.lower().endswith("ed"))
                    # "<name> began treatment with our team" (not "Nurse Kim started care at
                    # our clinic": a clinician gives it)
                    or (m.term is _RELATION_TERM and _TREATED_BY_US.match(m.text)
                        and not (c.staff or _CLINICIAN_BEFORE.search(
                            self.text[max(0, c.start - 8) : c.start])))):
                return m
            # "thank you Pastor Thornbury for trusting us with your asthma care", "thanks Coach
            # Ibarra, hope the wrist heals quickly": a condition in a sentence spoken to them
            clinician = c.staff or (c.titled and _CLINICIAN_BEFORE.search(
                self.text[max(0, c.start - 8) : c.start]))
            if addressed and sentence[0] <= m.start < sentence[1] and (
                    _YOUR_CLOSE.search(before) or m.term.kind == "condition" and not clinician):
                return m
            # spoken to by name, then "your biopsy results" in the next sentence: theirs
            if c.vocative and not clinician and m.start >= c.end and _YOUR_CLOSE.search(before):
                return m
        return None

    def identifying_details(self) -> list[tuple[str, int]]:
        """(what, weight) for each detail that narrows down an unnamed person."""
        return [(what, weight) for what, weight, _, _ in self._spanned_details()]

    def details_outside(self, c: Candidate) -> list[tuple[str, int]]:
        """The details that are not the candidate's own words: "the only X in town" is a
        candidate, and it does not confirm itself."""
        return [(what, weight) for what, weight, s, e in self._spanned_details()
                if not c.start <= s < c.end]

    def _spanned_details(self) -> list[tuple[str, int, int, int]]:
        if self._details is None:
            self._details = self._identifying_details()
        return self._details

    def _identifying_details(self) -> list[tuple[str, int, int, int]]:
        text, out = self.text, []
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and not _STATES.match(ent.text.strip(". ")) \
                    and not _health_words(ent.text):  # "the ER" is no place anyone lives
                out.append((f"the place '{ent.text}'", 2, ent.start_char, ent.end_char))
        for pattern, what, weight in (
            (dt.SCHOOL, "a school or team", 2),
            (dt.STREET_LEVEL, "a street or building", 3),  # a Safe Harbor identifier itself
            (dt.EXACT_DATE, "a date", 3),  # likewise: a date related to an individual
            (dt.ROLE_ADJ, "a public role", 2),
            (dt.PLACE_MODIFIER, "a place or group", 2),
            # a place whose size the text gives: what Safe Harbor's 20,000-people rule for ZIP
            # codes protects against, so as narrowing as a street
            (dt.SMALL_PLACE, "a small place", 3),
            (dt.UNIQUE, "a unique detail", 2),
            (dt.AGE, "an age", 1),
            (dt.RECENT, "when it happened", 1),
        ):
            m = pattern.search(text)
            if m:
                out.append((f"{what} ('{m.group(0)}')", weight, *m.span()))
        # a place sized small, one person singled out in a place (places.py): like a street
        small = places.small_place(text) or places.SINGLED_IN_PLACE.search(text)
        if small and not dt.SMALL_PLACE.search(text):  # counted once
            out.append((f"a small place ('{small.group(0)}')", 3, *small.span()))
        rare = [m for m in self.conditions if m.term.rare]
        if rare:
            out.append((f"a rare condition ('{rare[0].text}')", 2, rare[0].start, rare[0].end))
        elif (odds := dt.RARE_ODDS.search(text)) and int(
                re.sub(r"\D", "", odds.group("n"))) >= dt.RARE_ODDS_FROM:
            # a rarity the text gives as a number, whatever the condition's name (or with
            # none: "something seen in about 1 in 200,000 births")
            out.append((f"a rare condition ('{odds.group(0)}')", 2, *odds.span()))
        shot = self.photo or self.biometric
        if shot:
            out.append(("a photo or recording", 2, *shot.span()))
        return out


# a plural group that "their" may belong to: "pharmacist Joe Kaplan kept the doors open so
# families could pick up their prescriptions" (the families'); "his kids ... their" stays his
_GROUP = lazy(r"(?<!his )(?<!her )(?<!their )\b(?:families|parents|patients|kids|"
              r"children|people|folks|customers|neighbou?rs|residents|members|players|"
              r"students|athletes|moms|dads|teens|seniors|adults|everyone|volunteers)\b",
              I)
_THEIR = lazy(r"\b(?:his|her|their|su|sus)\b", I)


def _group_owns(text: str, end: int, start: int) -> bool:
    """The possessive closest before `start` is "their" with a plural group between the
    person (ending at `end`) and it: the group's care, not the person's."""
    owners = list(_THEIR.finditer(text, end, start))
    if not owners or owners[-1].group(0).lower() != "their":
        return False
    if re.match(r"\s*,?\s*(?:and|&|with|plus|along with)\b", text[end : end + 16], I):
        return False  # "Coach Ruiz and the players ... their concussion checks": his too
    return bool(_GROUP.search(text, end, owners[-1].start()))


_CREDENTIALS_AFTER = lazy(r"^(?:\s*,\s*[A-Z][A-Za-z.]{1,6}(?:-[A-Z]{1,2})?)+(?=\s*,)")


def _skip_credentials(between: str) -> str:
    """The words between a name and its predicate without the credentials after the name:
    "Marta Lindgren, PT, DPT, had knee surgery" predicates the surgery of her."""
    m = _CREDENTIALS_AFTER.match(between)
    if m and all(w.strip(" ,").lower().replace(".", "") in credentials()
                 for w in m.group(0).split(",") if w.strip()):
        return between[m.end() :]
    return between


def _health_words(span: str) -> bool:
    """Every word of the span is a health term ("ER", "ICU", "Urgent Care")."""
    covered = sum(len(m.text.split()) for m in health_mentions(span))
    return bool(covered) and covered >= len(span.split())


# Body parts people name when they speak of a procedure or an injury: the one shared list
# (policies/anatomy.py), also read by comment moderation.
_BODY_PART = BODY_PART
# Spanish care of one body part (session 46): a new part ("su nueva cadera", "sus nuevos
# dientes"), an injury the person did themselves ("se fracturó la muñeca", "se lastimó el
# hombro"), a procedure done to them ("le operaron la rodilla", "le quitaron las amígdalas",
# "operada de la cadera"), the procedure or injury named with its part ("reemplazo de
# cadera", "esguince de tobillo"), a possessed part's state ("su rodilla operada", "su
# rodilla está sanando") or its pain ("le duele la espalda").
_BODY_PART_ES = BODY_PART_ES
_DET_ES = r"(?:el|la|los|las|su|sus|un|una)\s+"
_OF_ES = r"(?:del\s+|de\s+(?:" + _DET_ES + r")?)"  # "de la cadera", "del corazón"
_SPANISH_BODY_CARE = (
    r"\bsus?\s+nuev[oa]s?\s+(?:" + _BODY_PART_ES + r")\b|"
    r"\bse\s+(?:fractur|romp|rompi|quebr|lastim|torc|torci|lesion|disloc|luxo|luxó|dobl|"
    r"zaf|desgarr)\w*\s+" + _DET_ES + r"(?:" + _BODY_PART_ES + r")\b|"
    r"\b(?:le|les)\s+(?:operaron|reemplazaron|cambiaron|enyesaron|quitaron|sacaron|"
    r"extirparon|extrajeron|fracturaron|amputaron|vendaron|suturaron|cosieron|inyectaron|"
    r"operamos|reemplazamos|enyesamos|quitamos|sacamos|extrajimos|suturamos|vendamos|"
    # the practice's hands in everyday verbs: "le reconstruimos la cadera", "le acomodamos
    # el hombro", "le arreglaron la rodilla" (session 56)
    r"reconstruimos|reconstruyeron|arreglamos|arreglaron|acomodamos|acomodaron|reparamos|"
    r"repararon|enderezamos|enderezaron|inmovilizamos|inmovilizaron|cosimos|reimplantamos|"
    r"reimplantaron|salvamos|salvaron|"
    r"van\s+a\s+operar|van\s+a\s+reemplazar|vamos\s+a\s+operar)\s+" + _DET_ES
    + r"(?:" + _BODY_PART_ES + r")\b|"
    r"\bse\s+(?:oper[oó]|operaron|va\s+a\s+operar|van\s+a\s+operar)\s+" + _OF_ES
    + r"(?:" + _BODY_PART_ES + r")\b|"
    # "la operaron ayer de la vesícula", "le pusieron un stent en el corazón"
    r"\b(?:la|lo|le)\s+operaron\s+(?:\w+\s+)?" + _OF_ES + r"(?:" + _BODY_PART_ES + r")\b|"
    r"\b(?:le|les)\s+(?:pusieron|colocaron|implantaron|pusimos|colocamos)\s+(?:un|una|unos|"
    r"unas)\s+[\w-]+\s+(?:en|de)\s+" + _DET_ES + r"(?:" + _BODY_PART_ES + r")\b|"
    r"\b(?:operad[oa]s?|intervenid[oa]s?)\s+" + _OF_ES + r"(?:" + _BODY_PART_ES + r")\b|"
    r"\b(?:reemplazo|esguince|torcedura|desgarro|luxaci[oó]n|resonancia|tomograf[ií]a|"
    r"artroscop[ií]a)\s+" + _OF_ES + r"(?:" + _BODY_PART_ES + r")\b|"
    r"\bsus?\s+(?:" + _BODY_PART_ES + r")\s+(?:\w+\s+)?(?:operad|reemplazad|fracturad|"
    r"rot[oa]s?\b|lastimad|enyesad|vendad|sanando|mejorando|se\s+recupera|sigue\s+sanando|"
    r"(?:est[aá]n?|est[eé]n?|va|van)\s+(?:sanando|mejorando|mucho\s+mejor|mejor|sanad))|"
    r"\b(?:le|les)\s+(?:duele|duelen|dol[ií]a|dol[ií]an)\s+" + _DET_ES + r"(?:"
    + _BODY_PART_ES + r")\b|"
    # the English twins of session 56: a part the reader knows of, pointed at and healing
    # or cared for ("esa rodilla va a sanar", "ese tobillo ya sanó" as "that knee will
    # heal"; "revisar esa rodilla", "cuida ese tobillo" as "ice that knee"), and what is
    # taken out of or put on one part ("le quitamos los puntos de la rodilla", "le pusieron
    # el yeso en el brazo" as "had the stitches in his knee taken out")
    r"\b(?:es[ae]|est[ae])\s+(?:" + _BODY_PART_ES + r")\s+(?:ya\s+)?(?:va\s+a\s+sanar|"
    r"va\s+sanando|sigue\s+sanando|est[aá]\s+sanando|san[oó]|sanar[aá]|va\s+a\s+quedar)\b|"
    r"\b(?:(?:revis|chec)(?:ar|amos|aremos|emos|arte|arle|arlo|arla)|cuid(?:a|e|ar|amos|"
    r"arte|arle)|cu[ií]d(?:ate|ese|ala|alo))\s+(?:a\s+)?(?:es[ae]|est[ae])\s+(?:"
    + _BODY_PART_ES + r")\b|"
    r"\b(?:le|les|te)\s+(?:quit|retir|sac|pus|coloc|cambi)\w*\s+(?:(?:hoy|ayer|ya)\s+)?"
    r"(?:los|las|el|la|sus?|unos|unas)\s+(?:puntos|grapas|suturas|yeso|vendajes?|f[eé]rula|"
    r"clavos|tornillos|placa)\s+" + _OF_ES + r"(?:" + _BODY_PART_ES + r")\b"
)
# The practice's own hands on one person's body part, in everyday verbs (session 56, R2 of
# the consent re-read): "we rebuilt her hip", "Dr. Patel set Jonah Lowe's wrist", "our
# surgeons replaced his knee", "we stitched him up", "we popped her shoulder back in", "our
# team got her back on her feet". The practice acts (we, our team or surgeons, a doctor by
# name) on a person's part (his, her, their, your, a name's): that is one person's care.
# "Dr. Lee rebuilt the front desk" and "our team repaired the X-ray machine" have no
# person's part, and a part that opens a compound ("her back porch") is a thing.
_BY_THE_PRACTICE = (
    r"\b(?:we(?:['’]ve|\s+have|\s+had)?|our\s+(?:[\w-]+\s+){0,2}?(?:team|surgeons?|"
    r"doctors?|docs|staff|nurses?|providers?|crew|physicians?|specialists?|therapists?)|"
    r"(?:dr|doctor)\.?\s+(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)\s+"
    r"(?:(?:just|finally|successfully|already|carefully|quickly|also|then|once|were\s+able\s+to|"
    r"was\s+able\s+to|could|got\s+to|had\s+to|helped(?:\s+to)?)\s+){0,2}")
_PRACTICE_HANDS = (
    r"(?:set|reset|rebuilt|reconstructed|repaired|replaced|fixed|stitched(?:\s+up)?|"
    r"sewed(?:\s+up)?|sewn\s+up|casted|splinted|reattached|re-attached|realigned|straightened|"
    r"pinned|plated|fused|scoped|drained|numbed|x-rayed|operated\s+on|mended|"
    r"patched(?:\s+up)?|saved|removed|took\s+out|bandaged|glued|braced|lanced|cleaned\s+out)")
_WHOSE = r"(?:his|her|their|your|(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?['’]s)\s+"
_PART_STATE = (r"(?:(?:left|right|broken|busted|torn|injured|shattered|dislocated|bad|poor|"
               r"damaged|fractured|sprained|arthritic|worn|worn-out|other|achy|aching|cut|"
               r"split|crooked|little)\s+){0,2}")
# "her back porch", "his hand-me-down", "her face mask": the part names a thing there
_A_THING_AFTER = (r"(?![\w-])(?!\s+(?:porch|door|doors|deck|yard|steps|stairs|gate|fence|"
                  r"seat|seats|wall|room|window|windows|garden|lawn|patio|shed|roof|bumper|"
                  r"rest|board|lamp|light|lights|rail|railing|mask|shield|cream|wash|print|"
                  r"prints|chair|office|line|road|tire|tires|end|pack|piece|phone|phones|"
                  r"band|strap|bag|book|computer|truck|car|bike|brake|brakes|massager)\b)")
# ... a home or a livelihood, not a body, is what was got back on its feet "after the fire",
# "following the layoff", said after the phrase or before it in its sentence (_NOT_A_BODY)
_A_HARDSHIP = (r"(?:after|following|since)\s+(?:the|a|an|her|his|their|this|that|last)\s+"
               r"(?:[\w-]+\s+)?(?:layoff|fire|flood|floods|flooding|storm|hailstorm|hurricane|"
               r"tornado|wildfire|blizzard|earthquake|divorce|job|eviction|move|breakup|loss|"
               r"foreclosure|bankruptcy)\b")
_PRACTICE_CARE = (
    _BY_THE_PRACTICE + r"(?:" + _PRACTICE_HANDS + r"\s+" + _WHOSE + _PART_STATE + r"(?:"
    + _BODY_PART + r")" + _A_THING_AFTER + r"|"
    r"(?:stitched|sewed|patched)\s+(?:him|her|them)\s+(?:right\s+|back\s+)?up\b|"
    r"(?:popped|put|got|eased|slipped)\s+" + _WHOSE + _PART_STATE + r"(?:" + _BODY_PART
    + r")\s+back\s+(?:in\b|into\s+place\b|in\s+place\b)|"
    # ... not a home or a livelihood: "after the fire", "after the layoff"
    r"(?:got|get|getting|had)\s+(?:him|her|(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)"
    r"\s+(?:up\s+and\s+)?(?:get\s+)?back\s+(?:up\s+)?on\s+(?:his|her|their)\s+feet\b"
    r"(?!\s+" + _A_HARDSHIP + r"))")
# An injury told of one body part: the injury verb in any form, then that part with its
# determiner ("rolled that same ankle", "spraining her wrist", "broke his collarbone",
# "tore his ACL"), or the part healing ("that wrist will heal"). An injury is a condition
# of the person who has it; the determiner keeps "how to wrap a sprained ankle" general.
_INJURY = gated(
    r"\b(?:roll|sprain|break|broke|broken|tear|tore|torn|twist|jam|dislocat|fractur|bruis|"
    r"injur|hurt|burnt|burn|strain|bust|crack|hyperextend|blow out|blew out|pull|pop)"
    r"(?:s|e|es|ed|d|ing|med|ming|ped|ping)?\s+"
    r"(?:(?:his|her|their|my|your|that|this|the|same|other|left|right|good|bad|poor|"
    r"throwing|pitching|kicking)\s+){1,3}(?:" + _BODY_PART + r")\b|"
    r"\b(?:that|this|the|your|his|her|their)\s+(?:[\w-]+\s+)?(?:" + _BODY_PART
    + r")\s+(?:will|would|should|is going to|is gonna|is|has|'s|’s)?\s*(?:heal|mend|hold up|"
    r"held up)(?:s|ed|ing)?\b|"
    # a possessed part's trouble: "her knee scare", "his shoulder problems"
    r"\b(?:his|her|their|my|your)\s+(?:[\w-]+\s+)?(?:" + _BODY_PART
    + r")\s+(?:scare|troubles?|issues?|problems?)\b|"
    # the injury as a noun after one part: "another ankle sprain", "a rib fracture"
    r"\b(?:an?|another|his|her|their|my|your|that|this|the)\s+(?:[\w-]+\s+)?(?:"
    + _BODY_PART + r")\s+(?:sprain|fracture|break|tear|injury|strain|dislocation|bruise)\b|"
    # the same in Spanish (session 46), each a construction around one part of
    # anatomy.BODY_PARTS_ES: ...
    + _SPANISH_BODY_CARE,
    I,
)
# ... and the practice's hands on one person's part (above), read as such an injury; gated
# on its own, since "we" and "our" open most posts
_BY_OUR_HANDS = gated(_PRACTICE_CARE, I)
_HARDSHIP_BEFORE = lazy(r"\b" + _A_HARDSHIP, I)


def _by_our_hands(text: str) -> list[re.Match[str]]:
    """The practice's hands on one person's part (_PRACTICE_CARE), without a home or a
    livelihood got back on its feet after a hardship told before it in its sentence
    ("After the flood, our team got Rosa back on her feet")."""
    return [m for m in _BY_OUR_HANDS.finditer(text)
            if not (m.group(0).lower().endswith("feet") and _HARDSHIP_BEFORE.search(
                text, sentence_of(text, m.start())[0], m.start()))]
# a field of care named by its group: "men's health", "women's health", "children's health"
_FIELD = (r"(?:(?:wo)?men['’]s|children['’]s|kids['’]|people['’]s|families['’]|community['’]s)"
          r"\s+health\b")
# The practice's care acting on someone: "our cardiology team has been glad to
# support ...", "trusting us with your uncle's care", "part of her rehab".
# the verbs of "<name> began treatment with our team" (_CARE_RELATION, _TREATED_BY_US)
_TREATED_VERB = (r"(?:began|begun|begins|started|starts|starting|continues|continued|completed|"
                 r"finished|receives|received|receiving|is in|was in)")
_CARE_RELATION = gated(
    r"\b(?:our|the)\s+(?:[\w-]+\s+){0,3}?(?:team|clinic|staff|doctors|nurses|providers)\s+"
    r"(?:has|have|was|were)?\s*(?:been\s+)?(?:honou?red|proud|privileged|glad|grateful)\s+to\s+"
    r"(?:support|treat|care for|help|walk alongside|work with|see)\b|"
    r"\b(?!(?:any|every|some|no)(?:one|body)['’]s)"
    # ... a group's health is a field of care, nobody's own: "women's health", "men's health"
    r"(?!(?:(?:wo)?men['’]s|children['’]s|kids['’]|people['’]s|families['’]|community['’]s)"
    r"\s+health\b)"
    r"(?:your|his|her|their|[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+['’]s)\s+(?:(?:mom|dad|mother|father|son|daughter|"
    r"child|kid|baby|wife|husband|grandma|grandpa|children|kids|parents)(?:['’]s|(?<=s)['’])\s+)?"
    r"(?:care|treatment|recovery|health)\b"
    r"(?!\s+(?:partners?|team|givers?|providers?|plans?|homes?|center|insurance|questions))|"
    # ... but the field's care is someone's when it is theirs or they took part in it: "your
    # men's health screening", "her women's health series", "completed the men's health
    # program", "the women's health visit you had"
    r"\b(?:your|his|her|their|[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+['’]s)\s+" + _FIELD + r"|"
    r"\b(?:complet(?:ed|es|ing)|finish(?:ed|es|ing)|graduat(?:ed|es|ing)|attend(?:ed|s|ing)|"
    r"enrolled|signed up|came in|comes in|had|did|got|passed|began|missed|made it|showed up)"
    r"\s+(?:(?:for|to|in|into|through|with|from)\s+)?(?:the|our|a|an|this|that)\s+"
    r"(?:[\w-]+\s+)?" + _FIELD + r"|"
    r"\b" + _FIELD + r"\s+(?:[\w-]+\s+){0,2}?(?:you|he|she|they|we)\s+(?:just\s+)?(?:had|did|got|"
    r"took|finished|completed|attended|started|booked|scheduled|passed)\b|"
    r"\btrusting us with\b|\b(?:letting|let|allowing|allowed)\s+us\s+(?:to\s+)?(?:care for|"
    r"treat|look after|be part of|walk with)\b|"
    # the practice's care of one person told as such: "began treatment with our team", "whom
    # we treat for the same", "we've been treating her", "proud to be his care team" (not "she
    # credits her care team": anyone's)
    r"\b" + _TREATED_VERB + r"\s+(?:(?:his|her|their)\s+)?(?:treatment|therapy|"
    r"care)\s+(?:with|at|from)\s+(?:us\b|our\s+(?:[\w-]+\s+){0,2}?(?:team|clinic|office|"
    r"practice|center|doctors?|providers?|nurses?|therapists?|counselors?|specialists?)\b)|"
    r"\b(?:whom|who)\s+we(?:['’]ve| have)?\s+(?:(?:been|are)\s+)?(?:treat|treated|treating|"
    r"care for|cared for|caring for)\b(?!\s+(?:like|as)\b)|"
    r"\bwe(?:['’]re| are|['’]ve been| have been)?\s+(?:treat|treated|treating)\s+"
    r"(?:him|her|them)\b(?!\s+(?:like|as|to|with respect)\b)|"
    r"\b(?:we(?:['’]re| are)|(?:proud|honou?red|privileged|glad|grateful)\s+to\s+be)\s+"
    r"(?:his|her|their)\s+care\s+team\b|"
    # caring for one person: "caring for you these last months", "we cared for him"
    r"\b(?:caring|cared|to care)\s+for\s+(?:you|him|her|them)\b|"
    # a procedure named by its body part: "had his knee done", "getting her tonsils out"
    r"\b(?:had|has|having|getting|got|get|gets)\s+(?:his|her|their|my|your)\s+(?:[\w-]+\s+)?"
    r"(?:" + _BODY_PART + r")\s+(?:done|fixed|replaced|removed|scoped|out|operated on|drained|"
    r"repaired|set|checked|looked at|x-rayed|examined|scanned|stitched|wrapped|casted|splinted|"
    r"injected|lanced|treated)\b|"
    # a body part's procedure in lay words: "the knee scope", "her shoulder scan"
    r"\b(?:" + _BODY_PART + r")\s+(?:scope|scoped)\b|"
    # a clinician's advice to one person, a next visit: "the stretches Dr. Amsel suggested",
    # "see you at your follow-up", "see you next month"
    r"\b(?:dr\.?|doctor|nurse|np|pa)\s+[A-Z][\w'’-]+\s+(?:suggested|recommended|prescribed|"
    r"ordered)\b|"
    # a visit planned for one person: "see you Thursday to swap the dressing"
    r"\bsee you (?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow)\s+"
    r"(?:to\s+(?:swap|change|check|remove|take out|recheck|redo|look at)|"
    r"for\s+(?:your|that|the)\s+(?:follow-?up|recheck|dressing|stitches|cast|shot|x-ray|results))\b|"
    # care of one body part the reader knows of: "keep that foot up", "ice that knee"
    r"\b(?:keep|ice|icing|rest|elevate|wrap|prop)\s+(?:that|this)\s+(?:" + _BODY_PART + r")\b|"
    # the practice's care for one person: "a joy to care for", "a privilege to treat"
    r"\b(?:joy|privilege|honou?r|pleasure|blessing)\s+to\s+(?:care for|treat|look after)\b|"
    # (not a job applicant's or a new hire's: "see you at your interview Thursday"; session 44)
    r"\bsee you (?:(?:at|for) your(?!\s+(?:job\s+|first\s+|working\s+)?(?:interview|"
    r"orientation|shift|tour|training|onboarding|shadow(?:ing)?\s+day|first\s+day)\b)|"
    r"next (?:week|month|time)|in (?:a|two|three|four|six|\d+) (?:weeks?|months?))\b|"
    # a birth weight is a newborn's health detail: "7 lb 2 oz", "8 pounds, 3 ounces"
    r"\b\d{1,2}\s*(?:lbs?|pounds?)\.?,?\s*(?:and\s+)?\d{1,2}\s*(?:oz|ounces?)\b",
    I,
)
_RELATION_TERM = Term("relation", "care", 8.0)
# a care relation whose subject is the one treated: "<name> began treatment with our team"
_TREATED_BY_US = lazy(_TREATED_VERB + r"\s", I)
# a clinician's title right before a name ("Dr. ", "Nurse ", "NP ")
_CLINICIAN_BEFORE = lazy(r"\b(?:dr|doctor|nurse|np|pa)\.?\s+$", I)
_HONORIFIC = (r"(?:(?:coach|principal|pastor|mayor|officer|chief|captain|judge|sheriff|"
              r"rev|reverend|mr|mrs|ms|miss|mx|sr|sra|señor|señora|don|doña)\.?\s+)?")
_RECEIVES_BEFORE = lazy(
    r"\b(?:started|gave|treated|put|saw|welcomed|admitted|discharged|referred|diagnosed|"
    r"vaccinated|examined|operated\s+on|scoped|caring\s+for|cared\s+for)\s+" + _HONORIFIC
    + r"$", I)
_CARE_FOR = lazy(r"\s+(?:for|on)\s+" + _HONORIFIC, I)
_WITH_GROUP = lazy(r"\s*(?:,\s*)?(?:and|&|plus)\s+(?:the|his|her|their|all|other|city|"
                   r"school|county|(?-i:[A-Z]))", I)
_THIRD_PERSON = lazy(r"\b(?:his|her|their|him|them|whom|who)\b", I)
# the practice's care ("with our team", "proud to be his care team"), not his own ("his
# treatment") nor someone else's ("Serena Williams credits her care team")
_BY_US = lazy(r"\b(?:us|our|we)\b|\bto be (?:his|her|their) care team\b", I)
_INJURY_TERM = Term("relation", "condition", 8.0)


def _care_relations(text: str) -> list[Mention]:
    found = [Mention(m.start(), m.end(), m.group(0), _RELATION_TERM)
             for m in _CARE_RELATION.finditer(text)]
    return found + [Mention(m.start(), m.end(), m.group(0), _INJURY_TERM)
                    for m in (*_INJURY.finditer(text), *_by_our_hands(text))
                    if not _HYPOTHETICAL_BEFORE.search(
                        text, sentence_of(text, m.start())[0], m.start())]


# "if you roll your ankle, ice it": an injury anyone might have, what to do then
_HYPOTHETICAL_BEFORE = lazy(r"\b(?:if|when|whenever|in case)\s+(?:you|your|someone|"
                            r"anyone|somebody|anybody|a\s+\w+)\b[^,;.!?]*$|"
                            # ... in Spanish: "si se fractura el tobillo", "cuando le duele"
                            # (the injury may open with "se": "si se fractura ...")
                            r"\b(?:si|cuando|en\s+caso\s+de\s+que)\s+(?:(?:usted|ud|su|sus|se|"
                            r"le|les|alguien|tu|te|un|una)\b[^,;.!?¿¡]*)?$", I)


# a branch of medicine by its form: "the oncology crew", "our cardiology nurses"
_SPECIALTY = lazy(r"\b(?!(?:techn|bi|the|ide|meth|anth|ge|chron|termin|myth|ec|zo|"
                  r"phil|ast|met)olog)[a-z]{2,}(?:olog(?:y|ical)|iatr(?:y|ics?))\b", I)
_GENDERED = lazy(r"\b(?:he|she|him|his|her|hers|himself|herself)\b", I)
_YOUR_WORD = lazy(r"\s+your\b", I)
# ... a plural one reader cannot have: "your families", not "your kids" (a parent's)
_TOWNS_PEOPLE = lazy(r"\s+(?:all\s+)?(?:of\s+)?your\s+(?:[\w-]+\s+)?families\b", I)


def tells_care(text: str) -> bool:
    """A health or care term anywhere in the text, whoever it belongs to, a service's name
    ("the dialysis team", "our oncology nurses") and an injury included: what a reader of
    the whole text may take as a named person's care."""
    return bool(health_words(text) or _INJURY.search(text) or _by_our_hands(text)
                or _SPECIALTY.search(text))


def _town_addressed(text: str, c: Candidate, allow: PhiAllowList) -> bool:
    """The practice's own town spoken to ("Thank you Erie for trusting us with your
    families", "Good morning, Duluth!") is its people at large, not a person, unless a
    gendered pronoun in the sentence or the next makes it one ("Congrats Savannah! Her
    knee ..."). Only the practice's care relation may be near ("trusting us with")."""
    shown = text[c.start : c.end].lower()
    if c.titled or not any(shown == t.lower() for t in allow.towns()):
        return False
    s, e = sentence_of(text, c.start)
    if e < len(text):
        e = sentence_of(text, min(len(text) - 1, e + 1))[1]
    # ... or a condition or a treatment of theirs there: "Thank you Erie for trusting us
    # with your knee surgery" speaks to a patient; and the practice's care may reach only a
    # town's many ("your families"), not one reader ("letting us look after you", "your kids")
    if _GENDERED.search(text, s, e):
        return False
    # ... and a health term anywhere in the post may be the person's ("Welcome back <town>!
    # ... The dialysis team missed you."): a name then, warned or blocked as any other
    if tells_care(text):
        return False
    if any(not _TOWNS_PEOPLE.match(text, y.start()) for y in _YOUR_WORD.finditer(text, s, e)):
        return False  # "after your stay": one reader's
    return all(_TOWNS_PEOPLE.match(text, s + m.end) for m in _care_relations(text[s:e]))


def _allowed_spans(text: str, allow: PhiAllowList) -> list[tuple[int, int]]:
    """Where the allowed names (with and without "Dr") stand in the text."""
    anyone, words = _allowed_words(allow.names)
    if anyone is None or not anyone.search(text):  # one scan instead of one per name
        return []
    return [m.span() for w in words for m in re.finditer(r"\b" + re.escape(w) + r"\b", text, I)]


@lru_cache(maxsize=64)
def _allowed_words(names: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """Once per allow-list: the allowed words and their alternation (which matches wherever
    any of them does; each word's own pattern is compiled only once that matches)."""
    words = tuple(dict.fromkeys(
        word for name in names
        for word in (name, re.sub(r"^(?:dr\.?|doctor)\s+", "", name, flags=I)) if len(word) >= 3))
    if not words:
        return None, ()
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", I), words


# The next step for a staff member's own health: whether the practice treats them, the text
# does not say, so the words do not claim it (session 52: "a staff member the practice treats"
# was said of "Dr. Lee is recovering from knee surgery")
_STAFF_HEALTH_NEXT = ("Health news about a person stays private even when they work here: if "
                      "they agreed to share it, dismiss it with reason staff; if not, remove it")
_AGE_WHY = "An age over 89 is rare enough to identify a person; write '90 or older' instead"
_PUBLIC_NEXT = ("If they are a public figure speaking of their own health, dismiss it with "
                "reason public_figure; if not, remove it")
_ROLE_NEXT = ("Describe them in general words (not a role only they hold), or record their "
              "written authorization (`socialbot consent add`) and dismiss it with reason "
              "authorization")
_AUTHORIZED_NEXT = ("Remove the name or the health words, or record the person's written "
                    "authorization (`socialbot consent add`) and dismiss it with reason "
                    "authorization")


def _hit(c: Candidate, text: str, score: float, rule: str, why: str, category: str = "name",
         redaction: str | None = None) -> Hit:
    return Hit(category, c.start, c.end, "", score, rule, why, redaction)


def judge(doc: Any, text: str, allow: PhiAllowList, context: str, id_hits: list[Hit],
          parses: dict[str, Any] | None = None, *, defer: bool = False) -> list[Hit]:
    """`parses`: sentences already parsed in a batch (parsed.parse_needed). With `defer`, a
    sentence it needs that `parses` lacks raises ParseLater instead of being parsed alone
    (judge has no other effect, so the caller can judge the text again once it is parsed)."""
    cx = Context(doc, text, allow, id_hits, parses, defer)
    hits: list[Hit] = []
    if context == "comment":  # "I have been a patient here": the commenter, not a third party
        cx.candidates = [c for c in cx.candidates if not (
            c.kind in ("patient", "individual") and _FIRST.search(cx.sentence_text(c.start)))]
    role_hits = _parsed_subjects(cx)
    # "we never confirm whether someone is a patient here": an indefinite patient in a clause
    # that declines or speaks in general is nobody ("our patient" in one still is someone)
    # ... unless it carries details of its own: "a patient in exam room 3 at 9am Tuesday"
    # ... and so is the patient one need not be: "you don't need to be a patient here to join"
    cx.candidates = [c for c in cx.candidates if not (
        c.kind == "patient" and _NOT_REQUIRED.search(text, max(0, c.start - 30), c.start))]
    cx.candidates = [c for c in cx.candidates if not (
        c.kind == "patient" and _INDEFINITE_PATIENT.search(text[c.start : c.end])
        and cx.generic(c.start)
        and not _PATIENT_DETAIL.search(text, c.start, min(cx.sentence(c.start)[1], c.end + 60)))]
    cx.candidates = [c for c in cx.candidates if not (_group_only(cx, c)
                                                      or _staff_is_the_one(cx, c))]
    patient_refs = [c for c in cx.candidates if c.kind == "patient" and (
        cx.mentions or not _described(text[c.start : c.end]))]
    any_health = bool(cx.mentions)
    hits += role_hits
    for c in cx.candidates:
        hits += _candidate_hits(cx, c, patient_refs, context)
    hits += _allowed_own_health(cx)
    hits += _attributed_quote_hits(cx)
    if context == "post" and addressee(text):
        hits += _addressee_hits(cx)
    events = life_event_hits(cx)
    if context == "comment":  # "our son was born here Friday": the commenter's own news
        events = [h for h in events if not _FIRST.search(cx.sentence_text(h.start))
                  and not re.search(r"\bour\b", cx.sentence_text(h.start), I)]
    hits += events
    blocked_people = [h for h in hits if h.score >= 0.6]
    identified = bool(blocked_people) or (bool(patient_refs) and any_health)
    hits += _photo_hits(cx, identified)
    if cx.mentions:  # an ID-shaped code in a text about care ("specimen RB2290431")
        hits += [Hit("other_id", h.start, h.end, "", 0.8, "long_number+care_context",
                     "An ID-shaped code in a text about someone's care can be traced to them")
                 for h in id_hits if h.rule == "long_number"]
    hits += _lost_item_hits(cx, id_hits)
    hits += _also_has_hits(cx)
    birthdays = list(_birthday_days(cx))  # read once for both uses below
    hits = _birth_dates_named(birthdays, hits + _date_and_age_hits(cx, blocked_people,
                                                                  identified, context))
    hits += _birthday_person_hits(cx, birthdays, blocked_people, hits)
    if context != "comment":  # a commenter's "ayer un señor ..." is no record of ours
        hits += _spanish_dated_individual_hits(cx)
        hits += _spanish_role_hits(cx)
        hits += _spanish_nickname_hits(cx, hits)
    hits += _zip_hits(cx)
    hits += _dwelling_hits(cx)
    hits += _place_hits(cx, blocked_people)
    if context == "reply":
        hits += _reply_hits(cx) + crisis_reply_hits(text)
    elif context == "comment":
        hits += _self_disclosure_hits(cx)
    return hits


# A lost or found item: its owner is whoever answers the number on it, and a medicine or
# a device among its words tells that owner's health ("an inhaler case tagged 'call ...'").
_LOST_ITEM = gated(
    r"\blost\s*(?:&|and|n)\s*found\b|\bif found\b|\b(?:was|were|got|been)\s+"
    r"(?:left|found|turned in|dropped)\b|\bleft (?:behind|(?:an?|this|these|"
    r"their|his|her)\s)|\bturned in\b|\bbelongs to\b|\bto claim\b|"
    r"^\W*(?:found|lost|left)\b",
    I | re.M,
)


# One person said to have the condition the text has just named: "<a singer> talks openly
# about her lupus. Our deacon has it too" (a public telling covers only its teller; an outside
# review, session 18). Singular verbs only: "many kids have it too" is nobody. The pronoun must
# point at the condition: the last health word before the subject is a condition, in its
# sentence or the one before ("The school nurse has them too" after EpiPens is a thing).
_ALSO_HAS = gated(
    r"(?P<who>(?:[\w'’@-]+\s+){1,5}?)(?:has|is fighting|is battling|battles|deals with|"
    r"is dealing with|lives with|is living with|suffers from|was diagnosed with|got diagnosed "
    r"with)\s+(?:it|them)(?:\s+(?:\w+\s+){0,2}?(?:too|also|as well)|\s*,?\s*"
    r"(?:too|also|as well))\b",
    I,
)
_NOT_ONE = lazy(r"\b(?:i|we|you|if|when|whether|unless|whoever|everyone|everybody|"
                # made-up people: a textbook's, a show's, a mascot
                r"proband|character|mascot|sidekick|hypothetical|fictional|cartoon|"
                r"anyone|anybody|someone|somebody|nobody|many|most|millions|thousands|"
                r"lots|plenty|people|folks|one in|"
                r"1 in|who|which|that|it|this|" + ANIMALS + r")\b", I)


_PERSON_WORD = lazy(r"\b(?:he|she|him|her|" + KIN + r"|" + PERSON_NOUN + r"|"
                    + STAFF_WORDS + r")\b", I)


def _a_person(cx: Context, start: int, end: int) -> bool:
    """The subject names one person: a candidate, a personal pronoun, a kin or person noun, or
    a noun for a person's role as its head ("our deacon", "the cashier on Elm", "our mail
    carrier"); not a disease, a place or a product ("Bronchitis has them too", "the library
    has it too")."""
    who = re.split(r"\s+(?:on|at|from|in|of|with|near|down)\s+", cx.text[start:end],
                   maxsplit=1)[0]
    words = re.findall(r"[a-z][a-z'’-]*", who.lower())
    nouns = role_nouns()
    if words and (words[-1] in nouns or " ".join(words[-2:]) in nouns):
        return True
    end = start + len(who)
    if any(start <= m.start and m.end >= end - 1 and m.term.kind == "condition"
           for m in cx.mentions):
        return False  # the subject's head is a disease: "Ovarian cancer has the same problem"
    if STATE_OR_COUNTRY.fullmatch(who.strip()):
        return False  # "Canada has the same problem"
    return bool(_PERSON_WORD.fullmatch(words[-1] if words else "")) or any(
        c.start < end and start < c.end and c.kind != "self" for c in cx.candidates)


# a thing the pronoun could point at between the condition and the subject ("... allergies?
# Pack two EpiPens. The school nurse has them too")
_A_THING_BETWEEN = lazy(r"\b(?:pack|bring|carry|keep|buy|get|grab|use|try|download|"
                        r"order|pick up|stocks?|sell|sells|offers?|recipe|app|kit|guide|"
                        r"sheet|list|book|snacks?|glasses|pills|spray|cards?|samples?|"
                        r"website|forecast|online|page|video|handout)\b", I)


# the condition is the noun itself, not a modifier of a thing ("asthma spacer kits", "migraine
# glasses", "allergy emergencies"): punctuation or a function word follows it
_HEAD_NOUN_END = lazy(r"['’]?s?\s*(?:[.,;:!?)—–]|$)|\s+(?:and|or|but|since|for|in|at|as|"
                      r"with|is|was|has|had|too|after|before|from|last|this|that|when|"
                      r"because|so)\b", I)


def _also_has_hits(cx: Context) -> list[Hit]:
    text, hits = cx.text, []
    for m in _ALSO_HAS.finditer(text):
        lo, hi = max(cx.sentence(m.start())[0], m.start("who")), m.end("who")
        hi -= len(text[lo:hi]) - len(text[lo:hi].rstrip())
        # the subject: from the clause's start (a comma, "and", "but") to the verb
        who = re.split(r"[,;:—–…]\s*|(?:^|\s+)(?:and|but|while|though)\s+",
                       text[lo:hi])[-1].lstrip()
        start = hi - len(who)
        before = [x for x in cx.mentions if x.end <= start]
        opens = cx.sentence(start)[0]
        previous = cx.sentence(opens - 1)[0] if opens else 0  # the sentence before this one
        named = before[-1:] if before and before[-1].term.kind == "condition" and (
            # "cabin fever", "baby fever", "playoff fever": a mood, and nobody's illness
            not re.fullmatch(r"fevers?", before[-1].text, I)) and (
            before[-1].start >= previous) and not _A_THING_BETWEEN.search(
            text, before[-1].end, start) and _HEAD_NOUN_END.match(text, before[-1].end) else []
        if not who.strip() or _NOT_ONE.search(who) or not named or any(
                c.start < hi and start < c.end and (c.staff or c.public)
                for c in cx.candidates) or not _a_person(cx, start, hi) or PUBLIC_TELLING.search(
                text, m.end(), cx.sentence(m.end() - 1)[1]):
            continue  # "Halle Berry has it too and speaks about it openly": her own telling
        c = Candidate(start, hi, "individual")
        hits.append(_hit(c, text, 0.85, "anaphora+health",
                         f"'{who}' is said to have the same condition the text names "
                         f"('{named[-1].text}'): that is their health, and people who know "
                         "them will recognise them"))
    return hits


def _lost_item_hits(cx: Context, id_hits: list[Hit]) -> list[Hit]:
    phones = [h for h in id_hits if h.category == "phone"]
    if not phones or not _LOST_ITEM.search(cx.text):
        return []
    owned = [m for m in cx.conditions if not cx.service(m)]
    if not owned:
        return []
    return [Hit("phone", h.start, h.end, "", 0.8, "phonenumbers+lost_item",
                f"A phone number on a lost item in a post that names a medicine or device "
                f"('{owned[0].text}') tells its owner's health to anyone who calls")
            for h in phones if not (
                _CALL_US_BEFORE.search(cx.text, max(0, h.start - 40), h.start)
                and not _ON_THE_ITEM.search(cx.text))]


# "... left in the waiting room. Call 555-201-3344 to claim": the notice's own number (the
# practice's desk), unless the text says the number came with the item ("the tag says call")
_CALL_US_BEFORE = lazy(r"(?:^|[.!?:]\s+|\bplease\s+)(?:call|text|contact|ring)(?:\s+(?:us|"
                       r"our (?:office|front desk|desk)|the (?:front )?desk|the office))?"
                       r"(?:\s+at)?\s*$", I)
_ON_THE_ITEM = lazy(r"\b(?:tag|tagged|label|labeled|labelled|name on it|written on|"
                    r"(?:card|note|sticker|paper) (?:that|which) (?:says|reads)|says|"
                    r"engraved|belongs to|owner['’]s)\b", I)


def _word_names_need_an_event(cx: Context) -> None:
    """A first name that is also a word ("Joy", "Summer", "Grace"), opening a sentence that
    holds a health term, is that person's only when the parse ties the term to it as
    subject: "Joy is contagious - so is the flu" names nobody."""
    text = cx.text
    keep = []
    for c in cx.candidates:
        word = text[c.start : c.end]
        s, e = cx.sentence(c.start)
        if (c.kind == "name" and not c.vocative and word.lower() in wordlike_first_names()
                and not text[s : c.start].strip(" \"'“‘") and not re.match(
                    r"\s*(?:,|['’]s\b|[A-Z])", text[c.end : c.end + 3])
                and any(s <= m.start < e for m in cx.mentions)):
            mentions = [m for m in cx.mentions if s <= m.start < e]
            if not opening_word_has_event(*cx.parsed(s), mentions):
                continue
        keep.append(c)
    cx.candidates = keep


def _described(shown: str) -> bool:
    """A patient candidate that only describes a person ("the owner of the hardware store",
    "the barber who"), not one that says patient, visit, slot, room or "one of our"."""
    return not re.search(r"patient|paciente|appointment|appt|visit|\d|room|bed|bay|chair|"
                         r"guess who|you know who|certain|^(?:\w+ of )?our\b", shown, I)


def _plural_role(shown: str) -> bool:
    """A description whose person noun is plural: "the barbers on Main Street who"."""
    m = re.match(r"(?:the|this|that|these|those|our)\s+(?:[\w-]+\s+){0,3}?([a-z]+s)\s+(?:on|at|in|"
                 r"from|of|who|with)\b", shown, I)
    if not m:
        return False
    word = m.group(1).lower()
    return word not in role_nouns() and (word[:-1] in role_nouns() or word.endswith("es")
                                         and word[:-2] in role_nouns())


def _group_only(cx: Context, c: Candidate) -> bool:
    """A plural group whose only care word is the practice's care of the group itself ("the
    Bay Ridge families who trust us with their care", "has welcomed our families in three
    languages") is all of them, nobody in particular, unless a room, bed or number follows it
    ("our kids in room 4"); a condition or one person's care near it keeps it a candidate
    ("the parents who brought in their feverish newborn")."""
    if c.kind != "patient" or not _plural_group(cx.text[c.start : c.end]) or _PLACED.match(
            cx.text, c.end):
        return False
    near = [m for m in cx.mentions_near(c, ("condition", "care"), before=1, after=2)
            if not c.start <= m.start < c.end]
    # ... and nothing in its sentence narrows the group down: a street or a date ("from the
    # Elm St apartments", "on Saturday"), a condition anywhere in it
    s, e = cx.sentence(c.start)
    if any(w >= 3 and s <= a < e for _, w, a, _ in cx._spanned_details()) or any(
            s <= m.start < e and m.term.kind == "condition" for m in cx.mentions):
        return False
    return all(m.term.source == "relation" and _GROUP_CARE.fullmatch(m.text) for m in near)


_GROUP_CARE = lazy(r"their\s+(?:care|health|treatment)", I)
_PRONOUN_IS = lazy(r"\b(?:she|he)(?:['’]s|\s+is|\s+was|\s+will be)\s+$", I)


def _staff_is_the_one(cx: Context, c: Candidate) -> bool:
    """'she's the one who'll sort out your vaccine plan' after a staff member is introduced:
    the pronoun's person, who is staff, doing their job; no new person. Only while the
    sentence tells of no condition and no care received ("she's the one who had the stroke"
    stays a candidate)."""
    shown = cx.text[c.start : c.end]
    if c.kind != "patient" or not re.fullmatch(r"the one who", shown, I) or not (
            _PRONOUN_IS.search(cx.text, max(0, c.start - 16), c.start)):
        return False
    if not any(o.staff for o in cx.candidates if o.kind == "name" and o.start < c.start):
        return False
    s, e = cx.sentence(c.start)
    return not _RECEIVING.search(cx.text, c.end, e) and not any(
        s <= m.start < e and m.term.kind == "condition" for m in cx.mentions)
_PLACED = lazy(r"\s*(?:exam\s+)?(?:room|bed|bay|chair|suite|#?\d)", I)


def _plural_group(shown: str) -> bool:
    """A plural person noun described: "the families who ...", "the parents at ..."."""
    m = re.match(r"(?:the|this|that|these|those|our)\s+(?:[\w-]+\s+){0,3}?([a-z]+s)\s+(?:on|at|"
                 r"in|from|of|who|with)\b", shown, I)
    return bool(m) and m.group(1).lower() in (
        "families", "parents", "moms", "dads", "mothers", "fathers", "kids", "friends",
        "neighbors", "neighbours", "grandparents", "folks", "adults", "teens", "seniors")


# an institution before "who" is no person: "the Peach Street pharmacy who stayed open late"
_INSTITUTION_WHO = lazy(r"(?:the|this|that|our)\s+(?:[\w'’-]+\s+){0,3}?(?:pharmacy|clinic|"
                        r"hospital|school|library|church|bakery|store|shop|diner|cafe|"
                        r"restaurant|bank|company|firm|station|department|office|practice|"
                        r"center|centre|club|league|foundation|association)\s+who\b", I)


def _only_topics(cx: Context, c: Candidate, health: list[Mention]) -> bool:
    """The health terms near a described person are all in their sentence, and all topics
    of a handout, an event or someone's teaching (subjects.all_topical)."""
    s, e = cx.sentence(c.start)
    if any(not s <= m.start < e for m in health):
        return False
    return all_topical(*cx.parsed(s), health)


def _parsed_subjects(cx: Context) -> list[Hit]:
    """subjects.py's two constructions, on the sentences that hold a health term and pass its
    cheap word tests: a name found this way joins the candidates (and is judged like any
    name); a role that is the subject of a health event blocks here."""
    text, hits = cx.text, []
    if not cx.mentions:
        return hits
    _word_names_need_an_event(cx)
    names = {c.start for c in cx.candidates if c.kind == "name"}
    taken = [(c.start, c.end) for c in cx.candidates if c.kind in _NAMED + ("relative",)]
    others = [(e.start_char, e.end_char) for e in cx.doc.ents if e.label_ != "PERSON"]
    for s, e in sentences(text):
        mentions = [m for m in cx.mentions if s <= m.start < e]
        sentence = text[s:e]
        if not mentions or not (role_gate(sentence) or name_gate(sentence, NOT_NAME)):
            continue
        if cx.generic(s) or sentence.rstrip().endswith("?"):
            continue  # "Most mail carriers ...", "Will your child need ...?"
        for sub in subject_constructions(*cx.parsed(s), mentions, names, NOT_NAME):
            if any(a < sub.end and sub.start < b for a, b in taken):
                continue  # a titled name or a relative: their own rules judge them
            if sub.kind == "name":
                if not any(a <= sub.start < b for a, b in others):  # "Duluth is ..."
                    cx.candidates.append(Candidate(sub.start, sub.end, "name"))
                continue
            if capitalised_before_comma(text, sub.start) or re.match(
                    r",\s*(?:(?:Dr|Mr|Mrs|Ms)\.?\s+)?[A-Z]", text[sub.end :]):
                continue  # "Rosalind, our receptionist (born ...)": the name's rules judge
            if re.search(r"\b(?:a|an|one)\s+(?:[\w'’-]+\s+){0,4}?" + re.escape(sub.noun) + r"\b",
                         text[: sub.start], I):
                continue  # "A 40-year-old teacher came in ... The teacher ...": the case's
            c = Candidate(sub.start, sub.end, "role")
            hits.append(_hit(c, text, 0.85, "role+subject_health",
                             f"'{text[sub.start : sub.end]}' is one person known by their role, "
                             f"and the sentence tells of their health or care "
                             f"('{sub.mention.text}'): people who know them will recognise "
                             "them"))
    cx.candidates.sort(key=lambda c: c.start)
    return hits


# A quotation signed with a name: "'Three months ago Dr. X told me my A1c was 11. Today it's
# 6.8!' — Leticia Mora" (a blind set, session 38). The quote's "I" is the person who signs it,
# so a health word the quote tells in the first person is theirs, named.
_SIGNED_QUOTE = gated(
    r"(?:[\"“](?P<q1>[^\"”]{8,600})[\"”]|['‘](?P<q2>(?:[^'’\n]|['’](?=\w)){8,600})['’])"
    r"[ \t]*(?:(?:[—–~]|--?)|\n[ \t]*(?:[—–~]|--?)?)[ \t]*"
    # a courtesy title before the signer's name ("— Mrs. Leticia Mora")
    r"(?:(?:Mrs|Mr|Ms|Miss|Mx|Sra|Sr|Srta)\.?[ \t]+)?(?=[A-ZÁÉÍÓÚÑÜ])")


def _title_is_clinicians(text: str, start: int) -> bool:
    return bool(re.search(r"\b(?:dr|doctor|nurse|np|pa|rn|coach|pastor)\.?\s+$",
                          text[max(0, start - 12) : start], I))


def _attributed_quote_hits(cx: Context) -> list[Hit]:
    text, hits = cx.text, []
    for m in _SIGNED_QUOTE.finditer(text):
        q = "q1" if m.group("q1") is not None else "q2"
        quote_start, quote_end = m.span(q)
        if not _FIRST.search(text, quote_start, quote_end):
            continue
        told = [x for x in cx.mentions if quote_start <= x.start < quote_end]
        if not told:
            continue
        for c in cx.candidates:
            if c.kind == "name" and c.start == m.end() and not (c.staff or c.public or (
                    c.titled and _title_is_clinicians(text, c.start))):
                hits.append(_hit(c, text, 0.9, "name+own_health",
                                 f"'{text[c.start:c.end]}' signs a quotation that tells their "
                                 f"own health or care in the first person ('{told[0].text}'); "
                                 "remove the name or get the patient's written authorization"))
    return hits


def _allowed_own_health(cx: Context) -> list[Hit]:
    """An allow-listed staff member told with their own health or care ("Ronnie Patel was
    diagnosed with ...", "Dr. Rowe is recovering from knee surgery", "Dr. Marchetti's cancer is
    back"), judged by the sentence's parse (staff_health.subject_own_health) as a person named in
    an official capacity is: only their own health, not the care they give. The allow-list
    says who may be named, not whose care may be told: a staff member treated by the practice
    is its patient (docs/phi.md). Staff news shared at their request is what the dismissal
    reason "staff member" is for."""
    hits = []
    told: set[int] = set()  # one finding per event: "Okonkwo-" and "Hale" are one person
    for c in cx.allowed_people:
        own = _own_health_told(cx, c)
        if own and own.start not in told:
            told.add(own.start)
            shown = cx.text[c.start : c.end]
            hits.append(_hit(c, cx.text, 0.9, "staff+own_health",
                             f"'{shown}' is on the practice's allow-list, and the text tells of "
                             f"their own health or care ('{own.text}'). {_STAFF_HEALTH_NEXT}"))
    return hits


def _official_own_health(cx: Context, c: Candidate) -> Mention | None:
    """A staff member the allow-list does not name ("our MA Paula", "Dr. Ruiz"), told with
    their own health in the sentence's parse, as an allow-listed one is
    (staff_health.subject_own_health): "Our MA Paula, born 3/9/1975, starts chemo on Monday"
    passed (session 35), because a staff word kept every health word near her for the care she
    gives, and only a possessive ("Paula's chemo") counted. Staff only: a public title
    ("Actress", "President", "Officer") tells a public figure's own story or their work."""
    if any(a.start == c.start for a in cx.allowed_people) \
            or not may_tell_own_health(cx.text, c.end):
        return None  # listed (read by _allowed_own_health), or no clause of theirs follows
    return _own_health_told(cx, c)


def _own_health_told(cx: Context, c: Candidate) -> Mention | None:
    """The staff member at c's own health event in its sentence's parse
    (staff_health.subject_own_health), or None; no parse when the sentence has no health
    term."""
    s, e = cx.sentence(c.start)
    mentions = [m for m in cx.mentions if s <= m.start < e]
    if not mentions:
        return None
    return subject_own_health(*cx.parsed(c.start), c.start, c.end, mentions) or (
        _spanish_own_health(cx.text, c, mentions))


# A staff member's own health told in Spanish, which the English parse cannot read (session
# 46): the name, then a verb of undergoing or having, then the health word: "La Dra. Rowe fue
# diagnosticada con cáncer", "La enfermera Dottie tuvo un derrame cerebral", "El Dr. Ruiz se
# recupera de su operación". Not a verb of doing ("terminó la cirugía" may be one she did),
# and "tiene"/"está" only right before the word ("tiene experiencia con el cáncer" is work; a
# stay word, "está en el hospital", may be a shift: conditions only).
# ... or their coming in for the check of a condition (session 56, the twin of "Pastor Ruiz
# came in for his diabetes check"), after the place they are of: "El pastor Ruelas de la
# Iglesia Betania vino por su control de diabetes"
_ES_UNDERGOES = lazy(
    r"^\s*(?:,\s*)?(?:ya\s+|tambi[eé]n\s+|recientemente\s+)?(?:fue|estuvo|sigue|"
    r"(?:tuvo|sufri[oó])(?:\s+una?)?|padece(?:\s+de)?|(?:est[aá]|tiene)(?:\s+una?)?|"
    r"se\s+recupera\s+de(?:\s+(?:su|la|el|una?))?|le\s+(?:diagnosticaron|detectaron|"
    r"operaron)(?:\s+(?:la|el|una?))?)\s*$|"
    r"^(?:\s+de(?:l|\s+la|\s+los|\s+las)?(?:\s+(?-i:[A-ZÁÉÍÓÚÑ])[\w'’-]*){1,4})?\s*(?:,\s*)?"
    r"(?:(?:ya|hoy|ayer|tambi[eé]n)\s+)?(?:vino|pas[oó]|lleg[oó]|regres[oó]|volvi[oó]|"
    r"acudi[oó])\s+(?:(?:hoy|ayer)\s+)?(?:a|por|para)\s+sus?\s+(?:(?:primer[oa]?|"
    r"segund[oa]|[uú]ltim[oa]|nuev[oa])\s+)?(?:control|chequeo|revisi[oó]n|seguimiento|"
    r"tratamiento)\s+(?:de|del|para)(?:\s+(?:la|el|su|sus))?\s*$", I)


def _spanish_own_health(text: str, c: Candidate, mentions: list[Mention]) -> Mention | None:
    after = [m for m in mentions if m.start >= c.end and m.term.kind == "condition"]
    if after and _ES_UNDERGOES.match(text[c.end : after[0].start]):
        return after[0]
    return None


def _candidate_hits(cx: Context, c: Candidate, patient_refs: list[Candidate],
                    context: str = "post") -> list[Hit]:
    text = cx.text
    shown = text[c.start : c.end]
    if c.kind in ("name", "handle", "tagged", "relative"):
        who = {"handle": "handle", "tagged": "tag", "relative": "relative"}.get(c.kind, "name")
        official = c.staff or c.titled
        if c.public and any(m.term is _RELATION_TERM and _THIRD_PERSON.search(m.text)
                            and _BY_US.search(m.text)
                            for m in cx.mentions_near(c, ("care",), before=0)):
            # what a person told the public is theirs to tell; that the practice treats them
            # is not ("It's public now that Coach R. has colon cancer ... proud to be his care
            # team"; an outside review in session 17)
            c = replace(c, public=False)
        own = cx.possessed(c, close=official or c.public)
        if own and c.public:
            return [_hit(c, text, 0.45, "name+public_disclosure",
                         f"'{shown}' is named with health information ('{own.text}') the text "
                         f"says was disclosed publicly. {_PUBLIC_NEXT}")]
        # ... not in a comment: there a clinician named beside health is mostly a patient's
        # testimonial ("Dr. Beck dealt with the gout flare so quickly"), which the comment
        # classifier's provider filter reads (an outside code review, session 35)
        if not own and c.staff and c.kind == "name" and not c.public and context != "comment":
            own = _official_own_health(cx, c)
        # a titled person's own health told in Spanish ("La Dra. Rowe fue diagnosticada con
        # ...", "Don Ramón tuvo un infarto"): the parse reads English only (session 46)
        if not own and c.titled and c.kind == "name" and not c.public and context != "comment":
            s, e = cx.sentence(c.start)
            own = _spanish_own_health(text, c, [m for m in cx.mentions if s <= m.start < e])
        if own and c.staff and c.kind == "name":  # with the way through staff news has
            return [_hit(c, text, 0.9, f"{c.kind}+own_health",
                         f"'{shown}' is named as staff, and the text tells of their own health "
                         f"or care ('{own.text}'). {_STAFF_HEALTH_NEXT}")]
        if own:
            return [_hit(c, text, 0.9, f"{c.kind}+own_health",
                         f"The {who} '{shown}' appears with their own health or care "
                         f"('{own.text}'): readers learn it of that person. {_AUTHORIZED_NEXT}")]
        if c.kind in ("name", "relative") and c.public and not official:
            near = cx.mentions_near(c, ("condition",), before=0)
            if near:
                return [_hit(c, text, 0.45, "name+public_disclosure",
                             f"'{shown}' is named with health information ('{near[0].text}') the "
                             f"text says they disclosed publicly. {_PUBLIC_NEXT}")]
        if not official:
            near = cx.mentions_near(c, ("condition",)) or cx.mentions_near(
                c, ("care",), before=0, after=0
            )
            near = [m for m in near  # "no appointment needed", "hosting free flu shots"
                    if not cx.generic(m.start, c) and not cx.service(m, c)
                    and not talk_topic(text, m.start)]  # "a hablar de la presión alta"
            if not near and c.kind == "name" and (card := _card_fields(text, c)):
                # a name card, one field a line ("Tobias Wendt\nStorm Lake\nKidney
                # transplant"): its lines are one statement about the name (session 56, S9)
                near = [m for m in cx.mentions if card[0] <= m.start < card[1]
                        and not cx.generic(m.start, c) and not cx.service(m, c)]
            if c.kind in ("handle", "tagged") and not near:  # "free COVID tests" is no one's
                # ... but a general clause elsewhere does not clear a possessed word: "@x we
                # offer free flu shots, and we hope your pneumonia clears up"
                near = [m for m in cx.mentions if not cx.service(m, c) and (
                    not cx.generic(m.start, c) or _POSSESSED_CLOSE_BEFORE.search(
                        text, max(0, m.start - 25), m.start))]
            if near:
                return [_hit(c, text, 0.85, f"{c.kind}+health",
                             f"The {who} '{shown}' appears beside health or care words "
                             f"('{near[0].text}'): readers may take it as that person's. "
                             f"{_AUTHORIZED_NEXT}")]
            chained = _pronoun_hit(cx, c, who)
            if chained is not None:
                return [chained]
            s, e = cx.sentence(c.start)
            linked = [h for h in cx.linking_ids if s <= h.start < e]
            if linked:
                return [_hit(c, text, 0.8, f"{c.kind}+identifier",
                             f"The {who} '{shown}' appears in the same sentence as an identifier "
                             f"('{text[linked[0].start : linked[0].end]}'), which can lead to "
                             "that person's record. Remove the identifier")]
            joined = _joined_program(cx, c)
            if joined:
                return [_hit(c, text, 0.85, f"{c.kind}+program",
                             f"The {who} '{shown}' is told as taking part in a care program "
                             f"('{joined}'), which tells readers they are a patient. "
                             f"{_AUTHORIZED_NEXT}")]
            if patient_refs or (c.kind == "tagged" and cx.photo and not c.soft):
                return [_hit(c, text, 0.8, f"{c.kind}+patient",
                             f"The {who} '{shown}' appears in a text that speaks of a patient, "
                             f"so readers may take them for that patient. {_AUTHORIZED_NEXT}")]
        service = _owned_service_hit(cx, c)
        if service:
            return [service]
        return [_hit(c, text, 0.3, f"{c.kind}+no_health",
                     f"'{shown}' is a person's name. Nothing here says they are a patient, "
                     "and this does not block the post; if they are one, naming them tells "
                     "readers so: keep the name only with their written authorization")]
    if c.kind in ("patient", "role"):
        if any(o.kind == "name" and 0 <= o.start - c.end <= 2 for o in cx.candidates):
            return []  # "our patient Mark": the name's own finding says it
        # a specific patient is not confirmed by its own words; a role's own words ("the
        # retired postmaster") are the details that describe it
        # ... except a visitor named by the day of the visit: that day is a date of service
        details = (cx.details_outside(c) if c.kind == "patient" and not VISIT_SLOT.match(
            text, c.start) else cx.identifying_details())
        health = cx.mentions_near(c, ("condition", "care"), before=1, after=2)
        if c.kind == "role":  # "la directora nos invitó a hablar de las vacunas": a topic;
            # "el director invita a la feria de vacunas": not his (spanish_people.role_told)
            health = [m for m in health if not talk_topic(text, m.start)
                      and role_told(text, c.start, c.end, m.start)]
        bed = re.match(r"(?:the\s+)?(?:bed|bay)\b", shown, I)  # occupied by a patient
        # a person only described ("the owner of the hardware store", "the barber who ...")
        # without health or care needs details that add up, like an unnamed individual
        described = _described(shown)
        enough = sum(w for _, w in details) >= 3 if described else bool(details)
        if described and _plural_role(shown):
            return []  # "the barbers on Main Street who ...": not one person
        if health and described and not enough and _only_topics(cx, c, health):
            health = []  # "the barber who lets us leave flyers about skin checks"
        # its own words ("pharmacy") and a product on the market ("the amoxicillin shortage")
        # are nobody's care
        outside = [m for m in health if not c.start <= m.start < c.end and not (
            _SUPPLY_AFTER.match(text, m.end) and not _OWNED.search(text, max(0, m.start - 40),
                                                                     m.start))]
        if described and not outside and (_plural_group(shown) or _INSTITUTION_WHO.fullmatch(
                shown)):
            # "the families who remember them", "the Main St pharmacy who stayed open late":
            # a group or a business; with care near it, "the parents who brought in their
            # feverish newborn" tells of one child, and still blocks
            return []
        if c.kind == "patient" and (health or enough or bed):
            because = (f"'{health[0].text}'" if health else details[0][0] if details
                       else "a bed number")
            return [_hit(c, text, 0.85, "patient+detail",
                         f"'{shown}' reads as one particular patient, with {because}: people "
                         "who know them could tell who it is. Describe the case without the "
                         "details that single them out, or record their written authorization "
                         "(`socialbot consent add`) and dismiss it with reason authorization")]
        if c.kind == "role" and health and not _OUR_STAFF.match(shown):
            return [_hit(c, text, 0.8, "role+health",
                         f"'{shown}' is a role that points at one person, here with health or "
                         f"care ('{health[0].text}'): people who know them will recognise them. "
                         f"{_ROLE_NEXT}")]
        joined = not _OUR_STAFF.match(shown) and _joined_program(cx, c)
        if joined:
            return [_hit(c, text, 0.8, "role+program",
                         f"'{shown}' is a role that points at one person, told as taking part "
                         f"in a care program ('{joined}'): people who know them will recognise "
                         f"them. {_ROLE_NEXT}")]
        return []
    if c.kind == "individual":
        s, e = cx.sentence(c.start)
        if _general(text[s:e]):
            return []  # "as a general rule any fever in a baby under 3 months ..."
        health = [m for m in cx.mentions_near(c, ("condition", "care"), before=1, after=2)
                  if not cx.service(m, c)]
        details = cx.identifying_details()
        if _COUNTED.search(shown):  # "3 of our asthma referrals": the details of their sentence
            details = [(w, n) for w, n, a, _ in cx._spanned_details() if s <= a < e]
        weight = sum(w for _, w in details)
        if AGE_AND_SEX.fullmatch(shown):  # only a case lead-in makes one (candidates.find)
            # a case report's "28F": an age and a sex (the age once, if read already: "7yo F")
            aged = any(d.startswith("an age") for d, _ in details)
            extra = ("a sex", 1) if aged else (f"an age and sex ('{shown.split()[-1]}')", 2)
            details, weight = [extra, *details], weight + extra[1]
        if health and weight >= 3 or (health and weight >= 2 and any(
                m.term.rare for m in health)):
            listed = ", ".join(d for d, _ in details[:3])
            return [_hit(c, text, 0.75, "individual+details",
                         f"'{shown}' with '{health[0].text}' and {listed}: together these "
                         "single out one patient (a de-identified case leaves them out)")]
    return []


def _pronoun_hit(cx: Context, c: Candidate, who: str) -> Hit | None:
    """A later sentence told of the person by a pronoun (discourse.pronoun_sentences), read as
    their own: a condition or care word there that is not their work, a talk or a service
    offered to all, a care service they attend or use, a care program they join (session 56,
    S1/S2/S10: "Meet Ingrid Solberg. She just finished chemotherapy with us.", care two
    sentences after the name, "He has been in our infusion center every Tuesday")."""
    if c.public or c.vocative or c.kind not in ("name", "handle", "relative"):
        return None
    text = cx.text
    words = {w.lower() for w in re.findall(r"[^\W\d_]{2,}", _POSSESSIVE_ENDING.sub(
        "", text[c.start : c.end]))}
    others = [(o.start, o.end) for o in cx.candidates if o is not c and not (
        o.kind == "name" and words & {w.lower() for w in re.findall(
            r"[^\W\d_]{2,}", _POSSESSIVE_ENDING.sub("", text[o.start : o.end]))})]
    others += [(a.start, a.end) for a in cx.allowed_people]
    shown = text[c.start : c.end]
    for p_start, p_end, s, e in pronoun_sentences(text, c.start, c.end, others):
        pronoun = text[p_start:p_end]
        stand_in = Candidate(p_start, p_end, "name")
        near = [m for m in cx.mentions if s <= m.start < e and m.term.kind in (
            "condition", "care") and not cx.generic(m.start, stand_in)
            and not cx.service(m, stand_in)
            and not does_work(text, min(p_end, m.start), m.start)]
        if near:
            return _hit(c, text, 0.85, f"{c.kind}+health",
                        f"The {who} '{shown}' is told of again as '{pronoun}' beside health or "
                        f"care words ('{near[0].text}'): readers take them as that person's. "
                        f"{_AUTHORIZED_NEXT}")
        told = owned_service(text, p_end, e) or attends_service(text, p_start, p_end, s, e)
        if told is not None:
            return _hit(c, text, 0.8, "owned_care",
                        f"The {who} '{shown}' is told of again as '{pronoun}', using a care "
                        f"service ('{told}'): readers learn they are a patient. "
                        f"{_AUTHORIZED_NEXT}")
        joined = "" if does_work(text, s, e) else _joined_program(cx, stand_in)
        if joined:
            return _hit(c, text, 0.85, f"{c.kind}+program",
                        f"The {who} '{shown}' is told of again as '{pronoun}', taking part in a "
                        f"care program ('{joined}'), which tells readers they are a patient. "
                        f"{_AUTHORIZED_NEXT}")
    return None


# A person who joins, attends or finishes one of the practice's care programs is its patient:
# "Felipe Arroyo, who has lost 40 lbs since starting our diabetes prevention program",
# "welcome Joe to our weight-loss group", "graduation day for our rehab class — with Irma Soto".
# The care word names the service (vocabulary._SERVICE), so it is nobody's care on its own;
# the verb between the name and it makes it theirs. Who leads, teaches or hosts it is staff.
_JOINS = lazy(
    r"\b(?:start(?:ed|ing|s)?|join(?:ed|ing|s)?|complet(?:ed|ing|es?)|finish(?:ed|ing|es)?|"
    r"graduat(?:ed|ing|es?|ion)|enroll?(?:ed|ing|s)?|signed up for|member of|members of|"
    r"back (?:at|in)|attend(?:ed|ing|s)?|welcome\b(?:[^.!?]{0,40}?)\bto)\b", I)
_LEADS = lazy(
    r"\b(?:lead(?:s|ing)?|led|teach(?:es|ing)?|taught|host(?:s|ed|ing)?|speaker|speak(?:s|ing)?|"
    r"run(?:s|ning)?|facilitat\w*|instructor|coach(?:es|ing)?|volunteer\w*|sponsor\w*|"
    r"donat\w*|staff|educator|nurse|dietitian|counselor|therapist|manager|director|"
    r"present(?:s|ed|ing|er|ers)?|organi[sz](?:e|es|ed|ing|er|ers)|partner\w*)\b", I)


# a name alone on its line (after a label such as "Patient of the month:"), and a field line
# under it: short, no sentence inside it, no staff word (a staff card is no patient's)
_CARD_NAME_LINE_BEFORE = lazy(r"(?:^|\n)(?P<label>[^\n:.!?]{0,40}:)?[ \t]*$")
# ... but a speaker's, a host's or a photographer's card, and an event's lines, are no
# patient's: "Guest speaker:\nGideon Marsh\nLiving well with arthritis"
_CARD_NOT_PATIENT = lazy(r"\b(?:speakers?|host(?:ed)?|presenters?|presented|instructors?|led|"
                         r"photos?|photographer|credits?|contact|coach|organi[sz]ers?|"
                         r"volunteers?|sponsors?|author|by|with|ponente|presentador[a]?|"
                         r"contacto|foto)\b", I)
_CARD_EVENT = lazy(r"\b(?:talk|class(?:es)?|workshop|seminar|webinar|support group|fair|walk|"
                   r"run|5k|awareness|month|week|event|topic|lecture|q&a|presents|"
                   r"screenings?|drive|plática|charla|taller|clase|feria|grupo de apoyo)\b", I)
_CARD_NAME_LINE_AFTER = lazy(r"[ \t,.!]*\n")
_CARD_FIELD = lazy(r"[^\n]{1,80}(?=\n|$)")
_CARD_STAFF = lazy(r"\b(?:" + STAFF_WORDS + r")\b|\b(?:MD|DO|RN|NP|PA-C|DDS|FNP)\b|"
                   r"\b(?:Dr|Dra)\.", I)


def _card_fields(text: str, c: Candidate) -> tuple[int, int] | None:
    """The span of the (at most two) field lines under a name that stands alone on its line,
    or None when the name is not on a card (or the card is a staff member's)."""
    line = _CARD_NAME_LINE_BEFORE.search(text, max(0, c.start - 60), c.start)
    if not line or line.group("label") and _CARD_NOT_PATIENT.search(line.group("label")) or not (
            after := _CARD_NAME_LINE_AFTER.match(text, c.end)):
        return None
    start = end = after.end()
    for _ in range(2):
        field = _CARD_FIELD.match(text, end)
        if field is None or re.search(r"[.!?]\s", field.group(0)):
            break
        if _CARD_STAFF.search(field.group(0)) or _CARD_EVENT.search(field.group(0)):
            return None  # a staff member's card, an event's flyer
        end = field.end() + 1
    return (start, end) if end > start else None


def _owned_service_hit(cx: Context, c: Candidate) -> Hit | None:
    """owned.py: "<name> ... her oxygen supplies", the service the named person uses. Not for
    a staff member (their service is one they give) or a public telling; the possessive must
    be the name's: no other person between them."""
    if c.staff or c.public or c.kind not in ("name", "handle", "tagged"):
        return None
    start, end = cx.sentence(c.start)
    told = owned_service(cx.text, c.end, end) or attends_service(cx.text, c.start, c.end,
                                                                 start, end)
    if told is None:
        return None
    at = cx.text.find(told, c.end)
    if any(c.end <= o.start < at for o in cx.candidates if o is not c):
        return None
    shown = cx.text[c.start : c.end]
    return _hit(c, cx.text, 0.8, "owned_care",
                f"'{shown}' is told as using a care service ('{told}'), which tells readers "
                f"they are a patient. {_AUTHORIZED_NEXT}")


def _joined_program(cx: Context, c: Candidate) -> str:
    """The care program of the practice the person is told as joining or finishing."""
    from .vocabulary import health_words

    text = cx.text
    s, e = cx.sentence(c.start)
    if c.kind == "tagged":
        s = 0  # a tag line names the people of the post above it
    # the person's own words ("the manager of the Safeway") are who they are, not their part
    sentence = text[s : c.start] + " " * (c.end - c.start) + text[c.end : e] if (
        s <= c.start) else text[s:e]
    if not _JOINS.search(sentence) or _LEADS.search(sentence):
        return ""
    own = {(m.start, m.end) for m in cx.mentions}
    for m in health_words(text):
        if not s <= m.start < e or (m.start, m.end) in own:
            continue
        before = text[max(s, m.start - 40) : m.start]
        if not re.search(r"\b(?:our|the)\s+(?:[\w'’-]+\s+){0,3}$", before, I):
            continue  # "our diabetes prevention program": the practice's own
        if _JOINS.search(text, s, max(c.start, m.start)):
            return text[m.start : m.end]
    return ""


_QA = lazy(r"\b(?:answer|answering|answers|take|taking|field|fielding)\s+(?:all\s+)?"
           r"(?:your|viewer|audience|reader|listener)s?['’]?\s+questions\b", I)


# "Check your smoke alarms tonight", "Test your well water this week": a care word that is
# the verb of an instruction to every reader, opening its clause, with a thing of the
# reader's as its object (session 53). The object ends at the clause's end or a preposition;
# a health word or a body part in it keeps the reading ("Check your blood sugar tonight",
# "check your skin today" stay the reader's care), and so does anything that is no "your ..."
_CLAUSE_OPENS = lazy(r"(?:^\s*|[.!?;:—–]\s*|\b(?:then|and|so|please)\s+)$", I)
_THING_OBJECT = lazy(r"\s+(?:all\s+|both\s+)?your\s+(?P<o>[a-z][a-z' -]{1,40}?)"
                     r"(?=\s*(?:[.!?,;:—–]|$|\b(?:tonight|today|this|before|after|when|while|"
                     r"for|with|in|on|at|and|or|once|every)\b))", I)

# what a patient checks of their own care: "check your dressing tonight", "test your sugars"
_OWN_CARE_THING = lazy(
    r"\b(?:dressings?|bandages?|stitch\w*|sutures?|staples|casts?|splints?|braces?|drains?|"
    r"catheters?|incisions?|wounds?|scars?|sites?|meters?|monitors?|pumps?|sensors?|"
    r"inhalers?|pills?|meds|medicines?|medications?|doses?|prescriptions?|refills?|sugars?|"
    r"glucose|pulse|temperature|temp|fever|weight|pressure|numbers|readings?|results?|labs?|"
    r"levels?|oxygen|breathing|stools?|urine|swelling|rash|moles?|spots?|symptoms?)\b", I)


def _household_check(cx: Context, m: Mention) -> bool:
    if m.text.lower() not in ("check", "test", "inspect"):
        return False
    s, _ = cx.sentence(m.start)
    if not _CLAUSE_OPENS.search(cx.text[s : m.start]):
        return False
    obj = _THING_OBJECT.match(cx.text, m.end)
    if not obj:
        return False
    o_start, o_end = obj.span("o")
    return not (any(o_start < x.end and x.start < o_end for x in cx.mentions)
                or re.search(r"\b(?:" + _BODY_PART + r")\b", obj.group("o"), I)
                or _OWN_CARE_THING.search(obj.group("o")))


def _addressee_hits(cx: Context) -> list[Hit]:
    text = cx.text
    for m in cx.mentions:
        s, e = cx.sentence(m.start)
        sentence = text[s:e]
        if cx.service(m) or _QA.search(sentence):
            continue  # "goes live to answer your questions about eczema": every reader's
        if _household_check(cx, m):
            continue  # "Check your smoke alarms tonight": an errand, not the reader's care
        if (_SECOND.search(sentence) and not _general(sentence)
                and not re.search(r"\bif (?:you|your)\b", sentence, I)):
            c = Candidate(m.start, m.end, "addressee")
            return [_hit(c, text, 0.8, "addressee+care",
                         f"The post speaks to one reader about their own care ('{m.text}') "
                         "on a specific day: it confirms that person is a patient",
                         redaction="[health detail]")]
    return []


def _photo_hits(cx: Context, identified: bool) -> list[Hit]:
    text, hits = cx.text, []
    people = [c for c in cx.candidates if c.kind in (
        "patient", "tagged", "individual", "addressee") or (c.kind == "name" and not c.staff)]
    if cx.authorized:
        return hits
    # a described picture of a person who is not staff, tied to care (media.py)
    health = [(m.start, m.end) for m in cx.mentions if not cx.generic(m.start)]
    patient_word = bool(re.search(r"\bpatients?\b", text, I))
    shown = media.shown_person(text, health, patient_word)
    if shown:
        c = Candidate(shown.start, shown.end, "photo")
        hits.append(_hit(c, text, 0.8, "photo+shown",
                         f"The text describes a picture of a patient ({shown.because}); a "
                         "photo shows who they are: post it only with a written authorization "
                         "on file (a verbal OK is not one)", category="photo"))
    for pattern, category, why in (
        (dt.PHOTO, "photo", "A photo or video of a patient shows who they are; post it only "
         "with a written authorization on file (a verbal OK is not one)"),
        (media.BIOMETRIC, "biometric", "A biometric (fingerprint, palm vein, retina, voice, "
         "gait) of a patient identifies them"),
    ):
        # "Picture a runner who ...", "Imagine ...": an imperative, not a photo
        if category == "photo" and shown or category == "biometric" and not cx.biometric:
            continue  # found above, with its description; a scanner announced, none shown
        if category == "photo" and not patient_word and any(
                media.DEMO.search(cx.sentence_text(x.start())) for x in pattern.finditer(text)):
            continue  # "our video shows how to use an EpiPen on a child": nobody in particular
        m = next((x for x in pattern.finditer(text) if not re.match(
            r"(?:picture|imagine)\s+(?:a|an|this|that|your|yourself|it|how)\b", x.group(0) +
            text[x.end() : x.end() + 10], I) or not re.search(r"(?:^|[.!?:]\s*)$",
                                                               text[: x.start()])), None)
        if m and _DECLINE.search(cx.clause_text(m.start())):
            continue  # "we can't tell what a rash is from a photo": no photo of anyone
        # a presented biometric needs only a patient to belong to ("one of our patients")
        if m and (identified or (people and cx.mentions) or category == "biometric"
                  and (patient_word or media.patients_capture(text, m))):
            c = Candidate(m.start(), m.end(), category)
            hits.append(_hit(c, text, 0.8, f"{category}+patient", why, category=category))
    return hits


# the text says the person comes to the practice: a regular, someone who comes in or has been
# "with us since", their visits and appointments, a day of the week they never miss
_REGULAR = gated(
    r"\bregulars?\b|\b(?:come|comes|coming|came|stop|stops|stopping|stopped|drop|"
    r"drops|dropping|dropped|pop|pops|popping|popped)\s+(?:in|by)\b|"
    r"\b(?:come|comes|coming|came)\s+(?:to\s+see|to\s+us|here)\b|"
    r"\bwith us (?:since|for)\b|\bbeen with us\b|\bnever miss(?:es|ed)?\b|"
    r"\b(?:visits?|appointments?|appts?|check-?ups?|waiting room|patients?)\b|"
    r"\b(?:every|each)\s+(?:single\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"week|month)\b",
    I,
)
_YEAR = lazy(r"\b(?:1[89]|20)\d{2}\b|\d[/-]\d{1,2}[/-]\d{2}\b")


# a kinship word in a staff member's birth-date sentence makes the date a relative's
_KINSHIP = lazy(r"\b(?:" + KIN + r")\b", I)


# A full birth date is the practice's animal's only where the text says so, in one shape:
# "<Name>, our therapy corgi, born <date>" or "<Name> the therapy corgi, born <date>", with
# only the words a practice's animal goes by between "our" and the animal (not "the dialysis
# center dog", not "our therapy dog reader of the year"). Three outside reviews in session 18
# broke every wider form: an animal or a clinician anywhere in the sentence, a clinician's
# title attached to the date (a clinician can be the patient, and "Pa Smith" is a grandpa),
# the date after the animal ("born ..., our office pup (the two-legged kind)").
_ANIMAL = (r"(?:dog|puppy|pup|cat|kitten|retriever|labrador|poodle|doodle|terrier|spaniel|"
           r"beagle|bulldog|corgi|therapy\s+lab|therapy\s+golden)")
_ANIMAL_WAY = r"(?:(?:favorite|therapy|office|clinic|practice|resident|certified|lobby)\s+){0,3}"
_ANIMAL_BORN = lazy(r"(?-i:\b[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü'’-]+)(?:,\s+our|\s+the)\s+"
                    + _ANIMAL_WAY + _ANIMAL
                    + r"\s*,\s*$", I)
_PATIENT_WORD = lazy(r"\b(?:patients?|pts?|clients?|residents?|charts?|members?)\b", I)


def _therapy_animal_born(cx: Context, born: int, context: str) -> bool:
    """The full birth date whose "born" is at `born` is the practice's animal's: a post says
    "<Name>, our therapy corgi, born <date>", it is the text's only dated year, and nothing in
    the text speaks of a patient, a regular, a birth or anyone's health or care (but the
    "therapy" of "our therapy dog")."""
    text = cx.text
    if context != "post" or _PATIENT_WORD.search(text) or _REGULAR.search(text) or (
            _ARRIVAL_WORDS.search(text)) or len(re.findall(r"\b(?:1[89]|20)\d{2}\b|"
                                                          r"\d[/.-]\d{1,2}[/.-]\d{2}", text)) > 1:
        return False
    s = cx.sentence(born)[0]
    animal = _ANIMAL_BORN.search(text, s, born)
    return animal is not None and not any(not cx.service(m) and not (
        m.text.lower() == "therapy" and animal.start() <= m.start < animal.end())
        for m in cx.mentions)


def _only_staff_in(cx: Context, sentence: tuple[int, int]) -> bool:
    """The sentence names someone, and everyone it names is staff ("Dr. Lee wishes our star
    flosser, born ..." is the flosser's birth date: an outside review's probe, session 18)."""
    people = [c for c in cx.candidates
              if sentence[0] <= c.start < sentence[1] and c.kind != "date"]
    return bool(people) and all(c.staff for c in people)


_DELIVERED = lazy(r"\b(?:delivered|delivery|newborn|baby|came into the world|"
                  r"welcome to the world)\b|\d\s*(?:lb|lbs|pounds|oz|ounces)\b", I)
_ARRIVAL_WORDS = lazy(r"\b(?:came into the world|arrived|arrival|weigh\w*|newborn|baby|"
                      r"babies|delivered|delivery|welcom\w*|little|kiddo|jr)\b|"
                      r"\d\s*(?:lb|lbs|pounds|oz|ounces)\b", I)


# a practice, a program or a place "born" on a date: its founding (the place word is the
# verb's subject: "our office pup was born 3/3/2019" is somebody's birth)
_FOUNDED = lazy(r"\b(?:cl[íi]nica|consultorio|pr[áa]ctica|programa|centro|hospital|oficina|"
                r"fundaci[óo]n|clinique|cabinet|practice|clinic|program|office|center|centre|"
                r"foundation|organization)\b(?:\s+(?:was|is|est|fue|se|a|ha))?\s*$", I)


# dates.FOREIGN_DATE behind its literal test for the whole-text scan (prefilter.py): a month's
# name in another language and a year; most posts hold neither, and the pattern (tried at
# every word boundary) cost about 20 us a post. fullmatch on a span stays the pattern's own.
_FOREIGN_DATE_SCAN = gated(dt.FOREIGN_DATE)


def _date_and_age_hits(cx: Context, blocked: list[Hit], identified: bool,
                       context: str = "post") -> list[Hit]:
    text, hits = cx.text, []
    sents = {cx.sentence(h.start) for h in blocked}
    people = any(c.kind in ("name", "patient", "handle", "tagged", "relative") and not c.staff
                 and not clinicians_relative(text, c) for c in cx.candidates)
    patient_refs = any(c.kind == "patient" for c in cx.candidates) or bool(
        re.search(r"\bpatients?\b", text, I))
    # ... and "Mr. Haines's 80th birthday" is someone the practice serves (colleagues go by
    # first names)
    courtesy = bool(re.search(r"\b(?:mr|mrs|ms|miss|mx)\.?\s+[A-Z]", text, I))
    # ... and the person must be tied to staff by a staff word attached to their name ("our
    # receptionist Carla", "Carla, our MA": a staff candidate), not by a staff word anywhere
    # ("Staff surprised <patient> ..."); a post that says the person comes in, is a regular or
    # has been "with us since" tells of someone the practice serves
    colleagues = any(c.staff for c in cx.candidates) and not _REGULAR.search(text)
    spans = [(e.start_char, e.end_char) for e in cx.doc.ents if e.label_ in ("DATE", "TIME")]
    if DIGIT.search(text):  # every numeric date holds one (prefilter.DIGIT)
        spans += [m.span() for m in dt.NUMERIC_DATE.finditer(text)
                  if not any(s <= m.start() < e for s, e in spans)]
        spans += [m.span() for m in _FOREIGN_DATE_SCAN.finditer(text)
                  if not any(s <= m.start() < e for s, e in spans)]
    for start, end in spans:
        foreign = dt.FOREIGN_DATE.fullmatch(text, start, end)
        if not foreign and not dt.DATE_SHAPE.search(text[start:end]):
            continue
        s = cx.sentence(start)
        birth = dt.BIRTH_CUE.search(text[max(s[0], start - 25) : start]) or (
            _YEAR.search(text, start, end) and dt.BIRTH_CUE.search(text[s[0] : start]))
        # a date the text labels a date of birth is one, whoever it belongs to
        labelled = re.search(r"\b(?:dob|d\.o\.b\.?|date of birth|birth ?date)\W{0,3}$",
                             text[max(s[0], start - 20) : start], I)
        # "born 3/14/1962", "born on March 14, 1962": a full birth date is a date of birth
        # like a labelled one, unless the sentence is about a staff member ("Ana, our MA,
        # turns 40: born ..."); a year alone ("born in 1962") is not
        born_at = dt.BORN_BEFORE.search(text[max(s[0], start - 20) : start])
        if born_at and _FOUNDED.search(text, max(s[0], start - 70),
                                       max(s[0], start - 20) + born_at.start()):
            # "Nuestra clínica nació el 4 de mayo de 1998": a founding, nobody's birth
            born_at = birth = None
        born_full = (born_at
                     and (foreign or dt.EXACT_DATE.search(text[start:end]))
                     and re.search(r"\b(?:1[89]|20)\d{2}\b|\d[/-]\d{2}$", text[start:end])
                     and not ((_only_staff_in(cx, s)
                               # "born June 6, delivered by Dr. Ruiz": the baby's (an outside
                               # review's probe, session 18)
                               and not _DELIVERED.search(text)
                               # "Nurse Ellen Hill, born 10/2/1958, is five years in
                               # remission": a staff member's own health is told beside it
                               # (session 55: "Nurse Ellen Park" became a name and lost the
                               # block the date alone gave)
                               and not any(s[0] <= m.start < s[1] for m in cx.mentions)
                               or _therapy_animal_born(
                                   cx, max(s[0], start - 20) + born_at.start(), context))
                              # "our MA Paula's mother, born 3/9/1947": the mother's
                              and not _KINSHIP.search(text, s[0], s[1])))
        # a birthday is a date of birth of a patient: a named person's birthday in a text with
        # no care, health or patient in it ("the front desk surprised Marisol for her 30th
        # birthday this morning") is a colleague's or a friend's; the name still warns
        # ... and a birthday date with a year is a full date of birth: released only when the
        # person is staff by an attached staff word
        if s in sents or labelled or born_full or (birth and (identified or people and (
                cx.mentions or patient_refs or courtesy or not colleagues
                or _YEAR.search(text, start, end) or any(
                    c.kind in ("name", "patient", "handle", "tagged", "relative")
                    and not c.staff and s[0] <= c.start < s[1] for c in cx.candidates)))):
            c = Candidate(start, end, "date")
            hits.append(_hit(c, text, 0.8, "date+patient",
                             "This date is in a sentence with a person's care, health, birth or "
                             "another detail blocked here: it can tell when they were seen, "
                             "treated, born or discharged. Leave the date out (a year alone may "
                             "stay)",
                             category="date"))
    if not re.search(r"9\d|1[01]\d|hundred|ninety|centenarian", text, I):
        return hits
    for pattern in (dt.AGE_OVER_89, dt.AGE_APPOSED):
        for m in pattern.finditer(text):
            start = m.start("n") if "n" in pattern.groupindex else m.start()
            end = m.end("n") if "n" in pattern.groupindex else m.end()
            before = text[max(0, start - 30) : start]
            if m.group(0).lower().startswith("turn") and (
                    dt.PRACTICE_SUBJECT.search(before) or any(
                    0 <= start - e <= 2 for _, e in _allowed_spans(text, cx.allow))):
                continue  # "our practice turns 100", "Maplecrest turns ninety"
            s = cx.sentence(start)
            official = any(c.kind == "name" and (c.staff or c.titled) and s[0] <= c.start < s[1]
                           for c in cx.candidates)
            health = [x for x in cx.conditions if s[0] <= x.start < s[1]]
            score = 0.45 if official and not health and not identified else 0.9
            c = Candidate(start, end, "age")
            hits.append(_hit(c, text, score, "age_over_89",
                             _AGE_WHY, category="age_over_89"))
    for m in dt.FOREIGN_AGE.finditer(text):
        s = cx.sentence(m.start())
        sentence = text[s[0] : s[1]]
        one_person = dt.FOREIGN_PERSON.search(sentence) or (
            dt.FOREIGN_PERSON_ES.search(sentence)
            and not dt.FOREIGN_ANYONE_ES.search(sentence)) or any(
            c.kind in ("name", "relative", "patient", "individual") and not c.staff
            and s[0] <= c.start < s[1] for c in cx.candidates)
        group = dt.FOREIGN_AGE_GROUP_BEFORE.search(text, max(s[0], m.start() - 30),
                                                    m.start()) or dt.FOREIGN_AGE_GROUP_AFTER.match(
            text[m.end() : m.end() + 20])
        places = [p for p in dt.FOREIGN_AGE_PLACE_BEFORE.finditer(
            text, max(s[0], m.start() - 40), m.start())
            # "salió del hospital a sus 94 años": where the person went, not whose years
            if not dt.PLACE_PREPOSITION.search(text, max(0, p.start() - 8), p.start())]
        if one_person and not group and not places:
            c = Candidate(m.start(), m.end(), "age")
            hits.append(_hit(c, text, 0.9, "age_over_89",
                             _AGE_WHY, category="age_over_89"))
    return hits


_PEOPLE_KINDS = ("name", "patient", "handle", "tagged", "relative", "individual")
# a colleague in a birthday's sentence: "our receptionist", "nuestra enfermera", "Dr. Lopez"
# ("resident" left out: a care home's resident is someone it serves)
_STAFF_IN = lazy(r"\b(?:our|nuestr[oa]s?|la|el|su)\s+(?:[\w-]+\s+)?(?:"
                 + STAFF_WORDS.replace("resident|", "") + r")\b|"
                 r"(?-i:\b(?:Dr|Dra|Doctor|Doctora)\b\.?\s+[A-ZÁÉÍÓÚÑ])", I)
# a clause between the birthday's words and a day: the day is another event's ("turned 60 and
# finished chemo on March 3", "cumplió 60 años y terminó la quimio el 3 de marzo")
_ANOTHER_CLAUSE = lazy(r"\b(?:and|but|then|after|before|when|while|who|which|y|pero|luego|"
                       r"despu[ée]s|antes|cuando|que)\b", I)
_BIRTH_DATE_WHY = ("A birthday's day and month told of a person here is a date of birth, which "
                   "identifies them, and no written authorization covers it. Leave the day and "
                   "month out (a year alone may stay)")


def _birthday_days(cx: Context) -> Iterator[tuple[int, int, int, int]]:
    """The day of each birthday told of one person (start, end, and its sentence's span): not
    the practice's or a program's ("our clinic turns 5 on May 1"), not a cut-off for a rule
    ("born on or after Jan 1", "si su hijo cumple ... o antes"), and not a day another clause
    between holds ("turned 60 and finished chemo on March 3")."""
    text = cx.text
    for m in dt.BIRTHDAY_DATE.finditer(text):
        group = "d" if m.group("d") else "e"
        start, end = m.span(group)
        between = text[m.start() : start] if group == "d" else text[end : m.end()]
        if _ANOTHER_CLAUSE.search(between):
            continue
        s0, s1 = cx.sentence(start)
        if dt.BIRTHDAY_OF_THING.search(text, s0, start if group == "d" else s1) or (
                dt.BIRTHDAY_CUTOFF_OPEN.search(text[s0:s1])
                or dt.BIRTHDAY_CUTOFF_BEFORE.search(text, max(s0, start - 20), start)
                or dt.BIRTHDAY_CUTOFF_AFTER.match(text[end : end + 20])):
            continue
        yield start, end, s0, s1


def _birth_dates_named(birthdays: list[tuple[int, int, int, int]],
                       hits: list[Hit]) -> list[Hit]:
    """Session 51 review: a birthday's day in a sentence that names the patient is found
    first by `date+patient`, a rule an authorization's "story" scope covers, so a name+story
    authorization published it. The same finding, when its day is a birthday's, carries the
    rule `birth_date+patient` instead, which no authorization covers (policies/review.py).
    Only the rule changes, on a finding that already blocks: no post's decision moves."""
    days = [(s, e) for s, e, _, _ in birthdays]
    if not days:
        return hits
    return [replace(h, rule="birth_date+patient", why=_BIRTH_DATE_WHY)
            if h.rule == "date+patient" and any(s < h.end and h.start < e for s, e in days)
            else h for h in hits]


def _birthday_person_hits(cx: Context, birthdays: list[tuple[int, int, int, int]],
                          blocked: list[Hit], done: list[Hit]) -> list[Hit]:
    """Session 51: a birthday with its day ("She turns 60 on March 3!") of a person a blocked
    finding is about is a date of birth, with a finding of its own (rule `birth_date`):
    dismissing the name's finding, or an authorization for the name and story, does not clear
    it (policies/review.py). The person is a name or a patient in the birthday's sentence that
    a blocked finding is about (or in a sentence a blocked finding is in), or, when the
    sentence names nobody new (a pronoun, a Spanish verb with no subject), the last person
    told of before it, when a blocked finding is about them. Staff (allow-listed, or a staff
    word attached to the name) are left to the rules before. Every reading needs a blocked
    finding already there, so this path never blocks a post that passed: the outside review
    of session 51 found the one reading without one ("our patient" anywhere in the sentence)
    blocking colleagues' birthdays ("Our Patient Advocate, Linda, turns 40 on June 3"), and it
    was removed. The session-50 release was withdrawn for releasing patients: this path only
    adds a finding."""
    text, hits = cx.text, []
    if not blocked:
        return hits
    taken = [(h.start, h.end) for h in done if h.category == "date"]
    blocked_sents = {cx.sentence(h.start) for h in blocked}
    blocked_spans = [(h.start, h.end) for h in blocked]
    people = sorted((c for c in cx.candidates if c.kind in _PEOPLE_KINDS),
                    key=lambda c: c.start)

    def tied(c: Candidate) -> bool:
        # a blocked finding is about this person: on their span, or a name the blocked one
        # holds ("Maria" after "Maria Gonzalez ... chemo")
        if any(s <= c.start < e or c.start <= s < c.end for s, e in blocked_spans):
            return True
        words = set(text[c.start:c.end].lower().split())
        return c.kind == "name" and any(words & set(text[s:e].lower().split())
                                        for s, e in blocked_spans if e - s > 2)

    allowed_all = _allowed_spans(text, cx.allow) if birthdays else []
    for start, end, s0, s1 in birthdays:
        if any(s < end and start < e for s, e in taken):
            continue
        sentence = text[s0:s1]
        allowed = [(a, b) for a, b in allowed_all if s0 <= a < s1]
        here = [c for c in people if s0 <= c.start < s1
                and not any(a <= c.start < b for a, b in allowed)]
        colleague = bool(allowed) or _STAFF_IN.search(sentence) or any(c.staff for c in here)
        if colleague and not any(not c.staff for c in here):
            continue  # "our receptionist Pat turns 40 on March 3": a colleague's, as before
        if here:
            person = any(not c.staff and ((s0, s1) in blocked_sents or tied(c)) for c in here)
        elif before := [c for c in people if c.start < s0]:
            # "She turns 60 ...", "El 20 de octubre cumple 66 años", "Happy birthday, born on
            # Feb 11!": nobody new in the sentence, so the last person told of, when a blocked
            # finding is about them
            person = not before[-1].staff and tied(before[-1])
        else:
            person = False
        if person:
            taken.append((start, end))
            hits.append(_hit(Candidate(start, end, "date"), text, 0.85, "birth_date+person",
                             _BIRTH_DATE_WHY, category="date"))
    return hits


# Where one household lives, told with the care it gets: a unit or lot number at a named
# complex ("Casa Bonita Apartments, Unit 14", "the Pine Hollow trailer park, lot 22"). (A
# street address the parser only warned about was tried too: 2 event venues falsely blocked,
# nothing gained.)
_UNIT_NUMBER = gated(r"\b(?:unit|apt\.?|apartment|lot|space|trailer)\s*#?\s*\d{1,4}"
                                r"[A-Z]?\b", I)
_COMPLEX = lazy(r"(?:(?-i:[A-Z][\w'’-]+)\s+){1,3}(?:apartments|apts|manor|villas|"
                r"townhomes|townhouses|senior living|estates|courts?|towers|village|"
                r"condos|lofts)\b|\b(?:trailer|mobile[- ]home|rv)\s+(?:park|court)\b", I)


def _spanish_dated_individual_hits(cx: Context) -> list[Hit]:
    """spanish_cases.py: "El 17 de agosto un señor llegó con dolor de pecho": one unnamed
    person, a date and a care event in a Spanish sentence (English reads it through an
    `individual` candidate and `date+patient`)."""
    text, hits = cx.text, []
    health = [(m.start, m.end) for m in cx.mentions if m.term.kind == "condition"]
    seen: set[tuple[int, int]] = set()
    for m in _ES_ONE.finditer(text):
        s = cx.sentence(m.start())
        if s in seen:
            continue
        seen.add(s)
        when = dated_individual(text, s[0], s[1], health)
        if when is not None:
            hits.append(_hit(Candidate(*when, "date"), text, 0.8, "date+individual_es",
                             "A date in a Spanish sentence about one unnamed person's care "
                             "(an arrival, a treatment, a transfer) is a date related to that "
                             "patient: people who were there will recognise them",
                             category="date"))
    return hits


def _spanish_role_hits(cx: Context) -> list[Hit]:
    """spanish_roles.py: "El alcalde de Combes pasó hoy por su chequeo de azúcar": a role
    there is one of at a place, told with its own care in a Spanish sentence (English reads
    it through the parse, `role+subject_health`)."""
    text, hits = cx.text, []
    if not cx.mentions or not _ES_ROLE_HINT.search(text):
        return hits
    from policies.moderation.language import spanish

    for s, e in sentences(text):
        span = role_own_care(text, s, e, cx.mentions)
        if span is not None and spanish(text[s:e]):
            hits.append(_hit(Candidate(*span, "role"), text, 0.8, "role+own_care_es",
                             f"'{text[span[0]:span[1]]}' names one person by a role at a "
                             "place, and the sentence tells their own care: people who know "
                             f"the place know who it is. {_ROLE_NEXT}"))
    return hits


def _spanish_nickname_hits(cx: Context, hits: list[Hit]) -> list[Hit]:
    """spanish_names.py: "don chuy ya está en diálisis", "la comadre chonita, la operaron": a
    word no name list holds, read as a person after an honorific in a Spanish sentence that
    tells one person's health event. Block-only: nothing another rule found is dropped; a word
    a blocking hit already covers is not reported twice."""
    text, out = cx.text, []
    if text.isascii() and not _HONORIFIC_HINT.search(text):
        return out  # (no honorific a name could stand after: no sentence read)
    taken = [(h.start, h.end) for h in hits if h.score >= 0.6]
    for s, e in sentences(text):
        spans = nickname_spans(text, s, e)
        if not spans or not one_persons_event(text, s, e, cx.mentions):
            continue
        from policies.moderation.language import spanish

        if not spanish(text[s:e]):
            continue
        for start, end, how in spans:
            word = text[start:end]
            if any(a <= start < b for a, b in taken) or cx.allow.allows_name(word) or (
                    name_key(word) in us_places() or _INSTITUTION_WORD.search(word)) or any(
                    m.start < end and start < m.end for m in cx.mentions):
                continue  # (a town, an institution, a health word itself)
            taken.append((start, end))
            out.append(_hit(Candidate(start, end, "name"), text, 0.8, "name_es+" + how,
                            "A word after don, doña or another honorific in a Spanish "
                            "sentence is a name no list holds, told with that person's "
                            "health"))
    return out


def _dwelling_hits(cx: Context) -> list[Hit]:
    text, hits = cx.text, []
    if not _UNIT_NUMBER.search(text) or not (cx.mentions or health_words(text)):
        return hits  # (a care word naming a service counts: "our wound-care nurse ... lot 22")
    for m in _UNIT_NUMBER.finditer(text):
        s, e = cx.sentence(m.start())
        if not _COMPLEX.search(text, max(s, m.start() - 60), min(e, m.end() + 60)):
            continue
        if re.search(r"\bparking\b", text[s:e], I):
            continue  # "parking is in lot 3 behind the Willow Springs Apartments"
        c = Candidate(m.start(), m.end(), "dwelling")
        hits.append(_hit(c, text, 0.8, "dwelling",
                         f"'{m.group(0)}' at a named residential complex, in a text about "
                         "care, points at one household", category="geographic"))
    return hits


def _zip_hits(cx: Context) -> list[Hit]:
    """A ZIP code the text calls one, in a text about one person's care ("the patient in suite
    4, zip 60614"): a geographic subdivision smaller than a state, tied to that person."""
    people = [c for c in cx.candidates if not c.staff and c.kind in (
        "name", "patient", "individual", "handle", "relative", "role", "tagged")]
    if not (people and (cx.mentions or re.search(r"\bpatients?\b", cx.text, I))):
        return []
    return [_hit(Candidate(*m.span("zip"), "zip"), cx.text, 0.8, "zip",
                 "A ZIP code in a text that names a person and health or care narrows down "
                 "where they live. Leave it out",
                 category="geographic") for m in dt.ZIP_CUED.finditer(cx.text)]


_PLACE_AFTER = lazy(r"\s*,?\s*(?:from|of|in)\s+(?P<p>[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+"
                    r"(?:\s+[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+){0,2})")


def _place_hits(cx: Context, blocked: list[Hit]) -> list[Hit]:
    """A town or place named in a sentence about a patient narrows down who they are."""
    text, hits = cx.text, []
    sents = {cx.sentence(h.start) for h in blocked
             if h.category in ("name", "age_over_89", "other_id", "photo")}
    if not sents:
        return hits
    spans = [(e.start_char, e.end_char) for e in cx.doc.ents
             if e.label_ in ("GPE", "LOC", "FAC") and not _STATES.match(e.text.strip(". "))
             and not _health_words(e.text)]  # "our ER" is no place
    for h in blocked:
        m = _PLACE_AFTER.match(text, h.end)
        if m and h.category == "name":
            spans.append(m.span("p"))
    spans += [m.span() for m in dt.STREET_LEVEL.finditer(text) if re.search(r"[A-Z\d]", m.group(0))]
    spans += [m.span("zip") for m in dt.ZIP_CUED.finditer(text)]
    for start, end in sorted(set(spans)):
        if cx.sentence(start) in sents:
            c = Candidate(start, end, "place")
            hits.append(_hit(c, text, 0.75, "place+patient",
                             "A town or place named in a sentence about a person this post is "
                             "blocked for narrows down who they are. Leave the place out",
                             category="geographic"))
    return hits


def _if_you_before(cx: Context, m: Mention) -> bool:
    """A condition the reader may or may not meet, before the care word in its clause: "call
    us if your baby has a fever over 100.4" (what to do, not what happened)."""
    s, _ = cx.sentence(m.start)
    return bool(re.search(r"\bif (?:you|your)\b(?![^,;]*[,;])", cx.text[s : m.start], I))


# What to bring to a visit, told to anyone who comes: an imperative of bringing or having
# ready opens the sentence. It is the reader's own care when it names their next visit
# ("bring your inhaler to your follow-up on Tuesday").
_CHECKLIST = lazy(r"\W*(?:(?:for|before|at|to)\s+your\s+(?:first\s+)?(?:visit|appointment|"
                  r"physical|exam)\s*,?\s*)?"
                  r"(?:(?:please|just|and|also|remember to|be sure to|don['’]t forget "
                  r"to)\s+)*(?:bring|have|pack|carry|don['’]t forget)\b"
                  # "Have to brag", "Have you heard", "Bring on the cake", "Carry on":
                  # not an imperative with a thing to bring as its object
                  r"(?!\s+(?:to|on|you|your\s+say|up|out|over|off|fun|a\s+(?:look|great|"
                  r"blast|heart))\b)", I)
_THEIR_VISIT = lazy(r"\byour\s+(?:next\s+|upcoming\s+)?(?:follow-?up|appointment|appt|"
                    r"surgery|procedure|recheck|post-?op|visit on|visit next)\b|"
                    r"\b(?:tomorrow|next (?:week|time)|on (?:mon|tues|wednes|thurs|fri|"
                    r"satur|sun)day)\b", I)


# A clinician's instruction passed on to the reader about something both know of ("Dr. Lee
# says keep icing that shoulder", "our PA says no running on that ankle", "Nurse Bea says
# don't skip those treatments"): the demonstrative or "your" points at the reader's own care;
# "Dr. Lee says stay hydrated" points at nothing.
_CLINICIAN_ADVICE = lazy(
    r"\b(?:(?:dr\.?|doctor|nurse|np|pa)\s+[A-Z][\w'’-]+|our\s+(?:" + STAFF_WORDS
    + r"|pt|ot|physical therapist|athletic trainer|trainer)|(?P<bare>(?-i:[A-Z][\w'’-]+)))\s+"
    r"(?:says|said|wants you to|would like you to|reminds you to|asked you to|told you to|"
    r"recommends|suggests)\s+(?:(?:to\s+)?(?:keep|no|don['’]t|do not|stay|stop|start|take|ice|"
    r"icing|rest|avoid|go easy|skip|use|wear|finish|do|doing|continue|elevate)\b"
    r"(?:\s+(?!(?:during|in|at|for|before|after|until)\b)[\w'’-]+){0,5}?\s+"
    r"(?:that|those|these|your)|those|these|your)\s+"
    # ... or straight to "those/your <thing>": "our PT says those stretches are paying off"
    r"(?P<what>(?:[\w'’-]+\s+){0,2}[\w'’-]+)", I)
# what the instruction is about: a body part, a health word, or home care
_HOME_CARE = lazy(r"\b(?:" + _BODY_PART + r"|exercises|stretches|treatments|meds|"
                  r"brace|boot|cast|splint|sling|stitches|bandage|dressing|drops|pills|"
                  r"ice packs?|compression)\b", I)


def _clinician_advice(text: str, allow: Any = None) -> re.Match[str] | None:
    """A clinician's instruction about the reader's own care. The clinician is titled, "our"
    staff, or a bare name the practice's allow-list holds ("Heidi says keep up those
    stretches": the practice's NP, by the first name the reader knows her by)."""
    for m in _CLINICIAN_ADVICE.finditer(text):
        if m.group("bare") and not (allow is not None and allow.allows_name(m.group("bare"))):
            continue
        if _HOME_CARE.search(m.group("what")) or health_mentions(m.group("what")):
            return m
    return None


_BRING = gated(r"\b(?:bring|have|pack|carry)\s", I)


def _checklist(sentence: str) -> bool:
    return bool(_CHECKLIST.match(_GREETING.sub("", sentence, count=1))) and not (
        _THEIR_VISIT.search(sentence))


# advice meant for anyone: "those stretches in our video work for most people"
_FOR_EVERYONE = lazy(r"\b(?:for|with|to)\s+(?:most|many|all|every)\s+(?:of\s+)?(?:people|"
                     r"patients|folks|adults|kids|us|you)\b|\bin our (?:video|blog|post|"
                     r"handout|guide|newsletter|reel)s?\b|\bfor (?:anyone|everyone)\b", I)


# General wording does not clear what the reader or their family already has: "no
# appointment needed to get the cast off" (the cast is on someone), "get the antibiotics
# refilled" (someone takes them), "your daughter can get her booster at the walk-in clinic"
# (her: the reader's daughter's)
_REMOVED_AFTER = lazy(r"\s+(?:off|out|removed|taken out|taken off|changed|rechecked|"
                      r"refilled|renewed|adjusted|increased|lowered)\b", I)
_YOUR_KIN = lazy(r"\byour\s+(?:[\w-]+\s+)?(?:" + KIN + r")\b", I)


def _readers_own(text: str, sentence: str, m: Mention) -> bool:
    before = text[max(0, m.start - 25) : m.start]
    return bool(re.search(r"\bthe\s+(?:[\w-]+\s+)?$", before, I) and _REMOVED_AFTER.match(
        text, m.end) or _YOUR_KIN.search(sentence) and _POSSESSED_CLOSE.search(before)
        or _YOUR_KINS.search(text, max(0, m.start - 40), m.start)
        or any(not re.search(r"\bif\s+$", sentence[max(0, u.start() - 4) : u.start()], I)
               for u in _UNDER_WAY.finditer(sentence)))  # "if you had an appointment": anyone


# care the reader already gets: "the allergy shots you've been getting", "you had"
_UNDER_WAY = lazy(r"\byou(?:['’]ve|\s+have)?\s+(?:been\s+)?(?:getting|had|got|received|"
                  r"taking|using|started|finished)\b|\byou['’]re\s+(?:getting|taking|on)\b",
                  I)


_YOUR_KINS = lazy(r"\byour\s+(?:[\w-]+\s+)?(?:" + KIN + r")['’]s\s+(?:[\w-]+\s+){0,2}$",
                  I)  # "your son's ear infection"


# being a patient is not required: "you don't need to be a patient here to join"
_NOT_REQUIRED = lazy(r"\b(?:don['’]t|do not|doesn['’]t|does not|won['’]t|will not)\s+"
                     r"(?:need|have)\s+to\s+be\s+$", I)


# who everyone has, said in general advice: "check with your pharmacy", "ask your pharmacy
# to send the request" (as "ask your doctor": the reader's pharmacy is no care of ours)
# (only as an errand or a pointer: "ask your pharmacy for the brand Dr. X approved" tells of
# the reader's prescription; an outside review, session 34)
_EVERYONES = lazy(r"(?:pharmacy|pharmacist|pcp|primary care(?: provider| doctor)?)", I)
_ERRAND = lazy(r"\s*(?:[.!?]|$|to\s+(?:send|fax|call|request|transfer|forward)\b)", I)


# a sentence that speaks to the reader: "you", or an imperative ("so bring a book")
_TO_READER = lazy(r"\b(?:you|your|yours)\b|(?:^\W*|[,;]\s*|\b(?:so|and|then)\s+)(?:just\s+|"
                  r"please\s+)?(?:bring|come|plan|expect|eat|drink|wear|arrive|allow|pack|"
                  r"stop|skip|take|keep|call|ask|book)\b", I)


def _phrase_span(cx: Context, c: Candidate) -> bool:
    """A name span that is a phrase, not a name the reply greets (session 56): the small
    model's PERSON over a sentence's opening words ("Atendemos de lunes a viernes", "Revisa
    el calendario", "Figueroa da consulta de medicina"). It holds a capitalised word and a
    lower-case word that is no name particle, opens on no listed first name ("Ana gracias"
    stays a name), and nothing greets or titles it. Such a span names no commenter, so it
    does not tie the reply's care words to one; its own findings are left as they are."""
    if c.vocative or c.titled:
        return False
    words = cx.text[c.start : c.end].split()
    return (len(words) >= 2 and words[0][:1].isupper()
            and words[0].strip(".,;:!?¡¿").lower() not in first_names()
            and any(w[:1].islower() and w not in _NAME_JOINERS for w in words[1:]))


def _reply_hits(cx: Context) -> list[Hit]:
    text, hits = cx.text, []
    for c in cx.candidates:
        s, e = cx.sentence(c.start)
        if c.kind == "patient" and not _general(text[s:e]) and not _NOT_REQUIRED.search(
                text, max(s, c.start - 30), c.start):
            return [_hit(c, text, 0.8, "reply_confirms_care",
                         "Calling the commenter a patient in a reply confirms the care "
                         "relationship, next to their name",
                         redaction="[general wording, e.g. 'thank you for your kind words']")]
    vocative = any(c.vocative or c.kind == "name" and not c.staff and not _phrase_span(cx, c)
                   for c in cx.candidates)
    # a reader named or tagged: a condition, or a service a condition names, is theirs
    # whatever the offer or general wording around it ("You can join the HIV support group
    # anytime, Marcus", "Sam, walk-ins welcome for the Suboxone clinic")
    named = vocative or any(c.kind in ("handle", "tagged") for c in cx.candidates)
    service = condition_service(text) if named else None
    if service and not _DECLINE.search(cx.clause_text(service.start())):
        c = Candidate(service.start(), service.end(), "reply")
        return [_hit(c, text, 0.8, "reply_confirms_care",
                     f"The reply offers '{service.group(0)}', a service named by a condition, "
                     "to the commenter it names: that tells what they have. Keep replies "
                     "general and take details offline",
                     redaction="[general wording, e.g. 'please call our office']")]
    # (to a reader the reply names: "Dr. Sorel says keep those feet dry this winter" is a tip
    # for anyone; an outside review, session 39)
    advice = vocative and _clinician_advice(text, cx.allow)
    if advice and not _general(cx.sentence_text(advice.start())) and not _FOR_EVERYONE.search(
            cx.sentence_text(advice.start())):
        c = Candidate(advice.start(), advice.end(), "reply")
        return [_hit(c, text, 0.8, "reply_confirms_care",
                     f"The reply passes on a clinician's instruction ('{advice.group(0)}') to "
                     "the commenter it names: that confirms they are a patient. Keep replies "
                     "general and take details offline",
                     redaction="[general wording, e.g. 'please call our office']")]
    # ... and a Spanish reply's everyday care of the reader's own: "ya le bajó la presión",
    # "las pastillas te están ayudando" (spanish_replies, session 56)
    for m in sorted(cx.mentions + reader_care(text), key=lambda m: m.start):
        s, e = cx.sentence(m.start)
        sentence = text[s:e]
        before = text[max(s, m.start - 40) : m.start]
        clause = cx.clause_text(m.start)
        # a wish ties even a service to the reader: "no appointment needed ...; congrats
        # again!", "walk-ins welcome for the HIV test, and we're proud of you for coming in"
        held = bool(CARE_WISH.search(sentence))  # nothing below releases it
        if cx.service(m) and not held or (_general(sentence) or _if_you_before(cx, m)
                                          or _DECLINE_ES.search(sentence)) and not (
                (_YOUR_CLOSE.search(before) and not (
                    _EVERYONES.fullmatch(m.text) and _ERRAND.match(text, m.end))
                 or _readers_own(text, sentence, m) or held)
                and not _DECLINE.search(clause)):
            continue
        if unjudged_lab(text, m.start, m.end):
            continue  # "Your A1c target depends on your age": the test, not their value
        # an offer, a requirement nobody has to meet or care open to anyone ("you can get the
        # flu shot at any visit", "no appointments", "open to the whole community"): a service
        # word there that nobody owns says what the practice does for every reader (offers.py)
        # (never to a named or tagged reader: "You don't need an appointment for the
        # depression support group, Sam" offers Sam what the group is for)
        if service_word(text, m.start, m.end) and unowned(text, m.start) and offer_in(
                clause) and not held and not named:
            continue
        # care the practice gives anyone ("we do Mohs surgery here", "the vaccine schedule we
        # follow"), in a reply that wishes the reader nothing ("Congrats!! We stock the
        # prenatal vitamins"); a condition only while the reply names no reader ("Hi Sam, Dr.
        # Lee treats depression") and its sentence does not speak to them ("The chemo we give
        # runs four hours, so bring a book")
        if practice_gives(text, m.start, m.end, cx.clause_bounds(m.start)) and not (
                CARE_WISH.search(text)) and (m.term.kind == "care" or not (
                    named or _TO_READER.search(sentence))):
            continue
        if emergency_advice(text, m.start, m.end, sentence) and not held:
            continue  # "go to the ER or call 911"
        if hypothetical_visit(sentence, m.text) and not held:
            continue  # "If you have a dog allergy, ... during your visit": any visit
        if _checklist(sentence):
            continue  # "Bring your glasses and a list of your medications": for any visit
        tied = (
            _YOUR.search(before)
            or _YOUR_CLOSE.search(before)  # and Spanish: "sus resultados de laboratorio"
            or _WISH.search(sentence)
            or _SECOND.search(sentence)
            or _THIRD.search(sentence)
            or re.search(r"\bthe\s+(?:[\w-]+\s+){0,2}$", before, I)
            # a care told with the reader's own part: "su rodilla está sanando" (session 46)
            or m.term is _INJURY_TERM and re.match(r"(?:su|sus|tu|tus)\s", m.text, I)
            or m.term is READER_CARE_ES  # its own "le", "te", "su" is the reader
            # a named commenter ties the reply's care words to them, unless the sentence opens
            # with the bare noun: "Sunscreen should be SPF 30 or higher" is about everyone
            or vocative and bool(text[s : m.start].strip())
        )
        if tied:
            c = Candidate(m.start, m.end, "reply")
            hits.append(_hit(c, text, 0.8, "reply_confirms_care",
                             f"The reply ties '{m.text}' to the commenter (or their family), whose "
                             "name is shown with it: that confirms they are a patient. Keep "
                             "replies general and take details offline",
                             redaction="[general wording, e.g. 'please call our office']"))
            break
    tie = None if hits else reader_tie(text)  # "the CPAP supplies you ordered" (reader_ties)
    if tie and not _DECLINE.search(cx.clause_text(tie.start())) and not _general(
            cx.sentence_text(tie.start())):
        hits.append(_told_hit(text, tie, "reply_reader_tie",
                              "ties care to the commenter by a clause or a reference back"))
    told = None if hits else visit_told(text)
    if told and not _general(cx.sentence_text(told.start())):
        hits.append(_told_hit(text, told, "reply_visit", "tells the commenter's own visit"))
    # a visit thanked for, a booked slot, a clinician seeing the reader at a time (session 44):
    # the construction reads its own general wording (an event, anyone, a crowd), so only a
    # refusal clears it here ("The doctor can see you at 1:15 today" opens like a rule of
    # thumb, "Bring your card; we have you down for 2pm" like advice to everyone)
    booked = None if hits else booking_told(text)
    if booked and not _DECLINE.search(cx.sentence_text(booked.start())):
        hits.append(_told_hit(text, booked, "reply_visit",
                              "confirms the commenter's visit or appointment"))
    under_way = None if hits else care_told(text)
    if under_way and not _general(cx.sentence_text(under_way.start())) and not _DECLINE.search(
            cx.clause_text(under_way.start())):
        hits.append(_told_hit(text, under_way, "reply_care",
                              "speaks to the commenter's care as under way"))
    return hits


def _told_hit(text: str, m: re.Match[str], rule: str, says: str) -> Hit:
    """A reply's construction (visits.py) that confirms the commenter is a patient."""
    c = Candidate(m.start(), m.end(), "reply")
    return _hit(c, text, 0.75, rule, f"The reply {says} ('{m.group(0)}'): that confirms they "
                "are a patient. Keep replies general and take details offline",
                redaction="[general wording, e.g. 'please call our office']")


def _self_disclosure_hits(cx: Context) -> list[Hit]:
    text, hits = cx.text, []
    for m in cx.mentions:
        s, e = cx.sentence(m.start)
        if _FIRST.search(text[s:e]):
            c = Candidate(m.start, m.end, "self")
            hits.append(_hit(c, text, 0.75, "self_disclosure",
                             f"The commenter discloses their own health information ('{m.text}'); "
                             "their account name is shown with it, so it is identifiable",
                             redaction="[health detail]"))
    return hits
