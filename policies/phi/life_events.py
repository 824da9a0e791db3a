"""Life events told about one person: a birth, a death, a fundraiser, a car in the lot.

Each is a construction, not a phrase list: an event (closed-class predicates of English: "was
born", "arrived", "passed away", "in loving memory of", "meal train") x who it happened to
(candidates.py: a name, a relative, "our patient", "a local 6-year-old", a baby) x what ties
it to the practice's care or singles the person out (a weight, a clock time, a day, the
practice's own delivery team, a condition, "caring for you"). A practice that announces a
delivery, mourns someone it cared for, raises money for a patient's treatment or describes a
patient's car confirms who its patients are.

What passes: the same events told about staff ("our receptionist welcomed her first baby", a
retirement), told in general ("babies born in winter ...", "after the loss of a loved one"),
about a public figure the practice did not treat, or a fundraiser for a cause, not a person."""

from __future__ import annotations

import re
from itertools import chain
from typing import TYPE_CHECKING

from . import dates as dt
from .candidates import ANIMALS, STAFF_WORDS, Candidate
from .hits import Hit
from .lazy_pattern import lazy
from .prefilter import gated
from .vocabulary import vehicle_words

if TYPE_CHECKING:
    from .judge import Context

I = re.IGNORECASE  # noqa: E741

# --- births -------------------------------------------------------------------------------
# a baby: the noun phrase the birth predicates take as their subject or object
_BABY = lazy(
    r"\b(?:baby|newborn|little one|bundle of joy|son|daughter|boy|girl|twins|triplets|"
    r"(?:twin|baby|newborn) (?:boys|girls|brothers|sisters)|"
    r"little (?:guy|man|lady|miss|dude|peanut|nugget)|"
    r"beb[eé]|reci[eé]n nacid[oa]|gemel[oa]s|ni[ñn][oa]|hij[oa]|"
    r"family['’]s (?:newest|new|latest) (?:member|addition|arrival)|"
    r"(?:newest|new|latest) addition to the (?:[A-Z][\w'’-]+\s+)?family)\b",
    I,
)
# the birth predicates; "arrived", "welcomed" and "delivered" need a baby beside them
_BIRTH = gated(
    r"\b(?:born|delivered|deliver(?:ing|y)?|arrived|welcome(?! to)|welcomed|welcoming|"
    r"came into the world|naci[oó]|dio a luz|"
    r"entered the world|made (?:his|her|their) (?:\w+\s+)?(?:entrance|debut|arrival|appearance)|"
    r"(?:bring|brought|bringing|helped bring|help bring)\s+(?:[\w-]+\s+){1,4}?into the world)\b|"
    # inherently a birth: no baby noun needed
    r"(?P<inherent>\bwelcome to the world\b|\bit['’]?s an? (?:boy|girl)\b|\bit['’]?s twins\b|"
    r"\bthe birth of\b|\bnew arrival\b|\b(?:gave|giving|give) birth\b|"
    r"\b(?:water|home|natural|vaginal|breech|twin|vbac|surprise|quick|speedy|early) birth\b|"
    r"\bbienvenid[oa]s? al mundo\b|"
    # "the Carters became a family of four", "party of five!", "the stork visited Room 4"
    r"\b(?:became|become|becomes|is now|are now|officially) a family of (?:three|four|five|six|"
    r"seven|\d)\b|(?:^|(?<=[.!?]\s))\W*party of (?:three|four|five|six|seven|\d)\b|"
    r"\bthe stork (?:[\w-]+\s+){0,3}?(?:visited|arrived|delivered|dropped|made|brought)\b)",
    I,
)
# babies in general: "babies born in winter", "newborns should ...", "once your baby is born"
_BIRTH_GENERAL = lazy(
    r"\b(?:babies|newborns|infants|children|kids|moms|mothers|parents|families)\b|"
    r"\b(?:when|once|after|before|until|if|whether)\s+(?:\w+\s+){0,3}?(?:is|are|gets?|was)?\s*$|"
    r"\b(?:should|can|may|might|will|could|must)\s+(?:\w+\s+){0,2}$",
    I,
)
# what makes one birth specific: a weight, a clock time, a day
_WEIGHT = lazy(
    r"\b(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[\s-]*(?:lbs?|pounds?|pounder|oz|ounces?|kg|kilos?|grams?)\b",
    I,
)
# a clock time or a weekday ("4:12", "Sunday"); dates.py has the rest of a day's shapes
_CLOCK_OR_DAY = lazy(r"\b\d{1,2}:\d{2}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", I)
# the practice's own part in the birth: "our L&D team", "in our birthing suite", "our midwives"
_DELIVERY_CARE = lazy(
    r"\b(?:our|the)\s+(?:[\w&-]+\s+){0,2}?(?:l\s*&\s*d|labou?r and delivery|labou?r & delivery|"
    r"birth(?:ing)?(?!\s+of\b)|maternity|nursery|obstetric\w*|ob|ob/gyn|midwi\w+|nicu|postpartum|"
    r"delivery|mother-baby|newborn)\b|\bdelivered (?:by|with|at)\b|\b(?:here|with us|at our)\b",
    I,
)
# a staff member's own baby: staff news, shared as such
_STAFF_SINGULAR = lazy(
    r"\b(?:our|one of our)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?!team\b|staff\b|crew\b)(?:"
    + STAFF_WORDS + r")\b(?!s|\s+(?:team|staff|crew|unit|department|group|nurses|suite)\b)|"
    r"\b(?:maternity|paternity|parental|family) leave\b",
    I,
)

# a clinician's delivery count: "our midwife delivered her 1,000th baby", "his 500th
# delivery", "delivered more than 2,000 babies" is a staff milestone, no one birth (session 56
# attack review, F6); a mother's own "third baby" is not a count of this size
_DELIVERY_COUNT = lazy(
    r"\b(?:her|his|their|our|the)\s+(?P<nth>\d{1,3}(?:,\d{3})+|\d{2,6})(?:st|nd|rd|th)\s+"
    r"(?:baby|birth|delivery)\b|\b(?:(?:one|two|five|ten)[- ])?(?:hundredth|thousandth)\s+"
    r"(?:baby|birth|delivery)\b|\bdeliver(?:ed|s|ing)\s+(?:(?:over|more\s+than|nearly|almost|"
    r"about|some)\s+)?(?P<many>\d{1,3}(?:,\d{3})+|\d{2,6})\s+(?:babies|newborns|infants)\b|"
    r"\bsu\s+(?:parto|beb[eé])\s+n[uú]mero\s+(?P<es>\d{1,3}(?:,\d{3})*|\d{2,6})\b", I)
_MIN_COUNT = 20


def _delivery_count(text: str, s: int, e: int) -> bool:
    """A count of deliveries at or past _MIN_COUNT in text[s:e]: a clinician's milestone."""
    for m in _DELIVERY_COUNT.finditer(text, s, e):
        number = m.group("nth") or m.group("many") or m.group("es")
        if number is None or int(number.replace(",", "")) >= _MIN_COUNT:
            return True
    return False


_ONE_OF_OURS = lazy(r"\b(?:one|two|three|some) of our\s+(?:[\w-]+\s+){0,2}?(?:patients|"
                    r"moms|mothers|mamas|families|parents|dads)\b", I)

# --- deaths -------------------------------------------------------------------------------
_DEATH = lazy(
    r"\b(?:rest in peace|rest easy|rest well|r\.?i\.?p\b|fly high|passed away|passed on|"
    r"passed (?:peacefully|quietly|unexpectedly|suddenly|this|last|over the|early|yesterday|"
    r"today|on)\b|(?:has|had|have) passed\b|the passing of|(?:his|her|their) passing|"
    r"(?:we|we['’]ve|we have|we just)\s+(?:\w+\s+)?(?:lost|said goodbye to|say goodbye to)|"
    r"(?:lost|losing) (?:his|her|their) (?:long\s+|brave\s+|hard-fought\s+)?(?:battle|fight)|"
    r"the loss of|celebration of life|in loving memory|in memory of|memorial (?:service|for)|"
    r"funeral|obituary|died|our hearts are with|condolences|sympathy to|saying goodbye to|"
    r"said goodbye to|gone too soon|until we meet again|forever in our hearts|"
    r"(?:gained|earned|got) (?:his|her|their) wings|mourn(?:s|ing|ed)?|grieving|"
    r"(?:gained|got|welcomed) (?:an|a new|another) angel|"
    r"went (?:home )?to be with the lord|"
    # and in Spanish: "descanse en paz", "falleció", "nuestro más sentido pésame"
    r"descans[ea] en paz|q\.?e\.?p\.?d|falleci\w*|sentido p[eé]same|en memoria de)\b",
    I,
)
# what ties the one who died to the practice (a public figure's death has none of these)
_CARE_TIE = lazy(
    r"\bpatients?\b|\b(?:car(?:ing|ed|e)\s+for|look(?:ing|ed)?\s+after|treat(?:ing|ed)?|"
    r"walk(?:ing|ed)? (?:beside|alongside|with) (?:you|him|her|them)|(?:in|under) our care|"
    r"pacientes?|"
    r"cuid(?:ar|arlo|arla|arte|amos|ado|ada)|atend(?:er|erlo|erla|imos))\b",
    I,
)
_PRACTICE_TIE = lazy(
    r"\bour\s+(?:sweet|dear|dearest|beloved|precious|brave|little|favou?rite|wonderful|longtime|"
    r"long-time)\b|\bone of our\b|\bour\s+(?:[\w-]+\s+){0,2}?(?:family|lobby|waiting room|front "
    r"desk|halls?|hallways?|exam rooms?)\b|\b(?:our|the)\s+(?:[\w-]+\s+){0,2}?(?:team|staff|"
    r"nurses|doctors|providers|clinic|office|practice)\b(?!['’]s)|\bvisits?\b|\bappointments?\b|"
    r"\bcheck-?ups?\b",
    I,
)
# ... and where a patient spends their care with the practice: "our dialysis unit", "our
# Wednesday balance class", "a Tuesday session" (not when the one who died worked there:
# "who ran our balance class for 20 years")
_CARE_PLACE_TIE = lazy(
    r"\bour\s+(?:[\w'’-]+\s+){0,2}?(?:unit|wing|floor|class|group|program|chairs?|bay|gym)\b|"
    r"\b(?:sessions?)\b", I)
_WORKED = lazy(r"\b(?:work(?:ed|s|ing)?|serv(?:ed|es|ing)|ran|run(?:s|ning)?|taught|"
               r"teach(?:es|ing)?|led|lead(?:s|ing)?|volunteer\w*|retir\w*|career|"
               r"colleague|co-?worker|staff|founder|founded)\b", I)

# What a practice knows of a death it announces only when it knew the person: when or where
# it happened, their age, the practice's own memory of them ("Harold Kim passed away at home
# on Sunday. He was 54."). A public figure is named with a title and is skipped before this.
_KNOWN_DEATH = lazy(
    r"\b(?:at home|in (?:his|her|their) sleep|last night|yesterday|this (?:morning|week)|"
    r"(?:he|she|they) (?:was|were) \d{1,3}|at (?:the )?age (?:of )?\d{1,3}|aged? \d{1,3}|"
    r"we (?:will|['’]ll) (?:miss|remember|never forget)|miss(?:ing)? (?:you|him|her|them)\b|"
    r"(?:honou?red|privileged|blessed|lucky) to (?:know|have known|care)|in our hearts|"
    r"your (?:smile|laugh|kindness|visits))",
    I,
)
# a public figure named by their calling, which a title test does not see: "actor Matthew Perry"
_FAMED = lazy(r"\b(?:actor|actress|singer|songwriter|musician|rapper|author|writer|poet|"
              r"artist|comedian|host|broadcaster|journalist|athlete|legend|icon|star|"
              r"president|senator|governor|congress\w*|justice|activist|pioneer|"
              r"entertainer|director|filmmaker|composer|astronaut)\W*\s+$", I)
_STAFF_ROLE = lazy(r"\b(?:" + STAFF_WORDS + r")\b", I)
_ANIMAL = lazy(r"\b(?:" + ANIMALS + r")s?\b", I)

# --- dates of service ---------------------------------------------------------------------
# a stay or a visit, told with its day: "admitted on the 3rd", "seen on 9/12", "spent Nov 2
# to Nov 6 in our inpatient unit"
_SERVICE = gated(
    r"\b(?:admitted|readmitted|discharged|seen|treated|operated on|came in|checked in|went home|"
    r"sent home|released|stayed with us|spent\s+(?:[\w/-]+\s+){0,6}?in our|in our\s+"
    r"(?:[\w-]+\s+)?(?:unit|ward|icu|nicu|picu|er|hospital|recovery room|infusion (?:center|"
    r"suite|chair)|inpatient \w+))\b",
    I,
)
_SERVICE_PEOPLE = ("name", "relative", "patient")

# --- wishes -------------------------------------------------------------------------------
# a prayer or a get-well wish for one person with their illness or treatment: "keep Coach Tim
# in your prayers as he recovers from surgery" is his own health, title or not
_WISHES = gated(
    r"\b(?:pray(?:ing|ers)?\s+for|in (?:your|our) (?:prayers|thoughts)|(?:sending|send)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:vibes|love|prayers|thoughts|strength|wishes|hugs|energy)|"
    r"get well soon|(?:speedy|quick|full|smooth) recovery|rooting for|hang in there|"
    r"wishing (?:[\w-]+\s+){0,3}?(?:recovery|healing|well))\b",
    I,
)
_WISH_PEOPLE = ("name", "relative", "role", "patient", "handle")
# a recovery wish (not a prayer, not "sending love") with a body part someone has: the injury
# is theirs ("Get well soon to Jaylen ... that wrist will be back to hitting threes")
_RECOVERY_WISH = lazy(r"\b(?:get well soon|(?:speedy|quick|full|smooth) recovery|"
                      r"wishing (?:[\w-]+\s+){0,3}?(?:recovery|healing)|heal(?:s|ing)? "
                      r"(?:up|fast|quickly))\b", I)


def _owned_body_part(text: str, start: int, end: int) -> re.Match[str] | None:
    from policies.anatomy import BODY_PART

    return re.compile(r"\b(?:that|his|her|their|your|the)\s+(?:(?:left|right|broken|sore|"
                      r"injured|bad)\s+)?(?:" + BODY_PART + r")\b", I).search(text, start, end)

# --- fundraisers --------------------------------------------------------------------------
_FUNDRAISER = gated(
    r"\b(?:go ?fund ?me|gofund\w*|fund-?rais\w*|meal train|meal sign-?up|benefit (?:dinner|"
    r"concert|breakfast|lunch|auction|run|walk|game|night|show|ride|golf)|benefit for|bake sale|"
    r"car wash|spaghetti dinner|pancake breakfast|fish fry|chili cook-?off|raffle|silent auction|"
    r"donat(?:e|ed|ing|ions?)|(?:raise|raised|raising)\s+(?:money|funds|\$)|"
    r"medical (?:bills|expenses|costs|debt)|(?:help|helping) (?:cover|pay)|"
    r"every (?:dollar|penny|bit|cent)|proceeds|chip in|pitch in|venmo|cash ?app|"
    r"rally (?:for|around|behind)|in honou?r of|[A-Za-z]+[- ]?strong)\b",
    I,
)
_FUND_PEOPLE = ("name", "relative", "patient", "role", "individual", "handle")

# --- vehicles -----------------------------------------------------------------------------
_COLOUR = (r"black|white|silver|gr[ae]y|red|maroon|burgundy|blue|navy|teal|green|olive|"
           r"yellow|gold|golden|orange|tan|beige|brown|bronze|champagne|purple|pink|"
           r"lime|copper|charcoal|cream|turquoise")
_BODY = (r"car|truck|pickup|pick-up|van|minivan|suv|sedan|hatchback|coupe|wagon|convertible|"
         r"motorcycle|motorbike|scooter|camper|rv|motorhome|hatch|jeep|4x4")
_VEHICLE_HEAD = gated(
    r"\b(?:(?P<year>(?:19|20)\d{2})\s+|(?P<colour>(?:" + _COLOUR + r")(?:[- ](?:" + _COLOUR
    + r"))?)\s+)(?P<rest>(?:[\w-]+\s*){1,3})",
    I,
)
# ... or no colour, but a feature that tells it apart: "the minivan with the stick-figure
# decal", "the pickup with Montana plates"
_VEHICLE_FEATURE = gated(
    r"\b(?:the|that|a|an)\s+(?P<rest>(?:[\w-]+\s+){0,2}?[\w-]+)\s+with\s+(?:a|an|the|those|"
    r"its|[A-Z][\w-]*)\s+(?:[\w'’.-]+\s+){0,4}?(?:stickers?|decals?|plates?|racks?|frames?|"
    r"bumper|dents?|magnets?|wraps?|flags?|tags?|hitch|lift kit|rims)\b",
    I,
)
# the car's owner is the reader, or someone the post points at
_OWNER = lazy(
    r"\b(?:you|your|you're|you've|yours|whoever|owner|driver|belongs to|its owner)\b|"
    r"\b(?:his|her|their)\s+(?:\w+\s+){0,2}(?:car|truck|van|suv|jeep)\b",
    I,
)
_VISIT = lazy(r"\b(?:appointments?|appt|visit|check-?up|follow-?up|session|therapy|"
              r"infusion|dialysis|treatment|procedure|exam|scan|x-?ray|shots?)\b", I)
_OURS = lazy(r"\b(?:our|the clinic['’]s|the practice['’]s)\s+(?:[\w-]+\s+){0,2}$", I)
# "the red van in our lot is our mobile mammography unit": the car the practice says is its own
_OURS_AFTER = lazy(r"[^.!?;]{0,40}?\b(?:is|are|was|=)\s+(?:our|the clinic['’]s|"
                   r"the practice['’]s)\s+(?:[\w-]+\s+){0,3}?(?:unit|van|bus|shuttle|"
                   r"clinic|truck|vehicle|car|coach|rv|office|lab|team)\b", I)


def _hit(start: int, end: int, score: float, rule: str, why: str, category: str = "name",
         redaction: str | None = None) -> Hit:
    return Hit(category, start, end, "", score, rule, why, redaction)


def _people(cx: Context, s: int, e: int, kinds: tuple[str, ...]) -> list[Candidate]:
    # a tagged person is a named one ("Rest in peace, Walter Kimes (tagged)")
    return [c for c in cx.candidates if (c.kind in kinds or c.kind == "tagged" and "name" in kinds)
            and s <= c.start < e]


def _staff_text(cx: Context, s: int, e: int) -> bool:
    return any(c.staff for c in _people(cx, s, e, ("name",))) or bool(
        _STAFF_SINGULAR.search(cx.text, s, e))


def clinicians_relative(text: str, c: Candidate) -> bool:
    """A relative named through a clinician's title ("Dr. Moreno's son"): the clinician's own
    family news, unless the text also tells of their care."""
    return c.kind == "relative" and bool(re.search(r"\b(?:dr|doctor|nurse)\.?\s+$",
                                                   text[max(0, c.start - 8) : c.start], I))


# Substrings one of which every match of _DEATH / _FUNDRAISER contains: a cheap test that
# spares most posts the two long alternations (about 25 microseconds a post).
_DEATH_WORDS = ("rest ", "rip", "r.i.p", "fly high", "pass", "lost", "losing", "loss",
                "celebration", "memor", "funeral", "obituar", "died", "hearts", "condolenc",
                "sympathy", "goodbye", "gone too", "meet again", "wings", "mourn", "griev",
                "lord", "angel", "descans", "qepd", "q.e.p", "falleci", "pésame", "pesame")
_FUNDRAISER_WORDS = ("fund", "meal", "benefit", "bake sale", "car wash", "dinner", "breakfast",
                     "fish fry", "cook", "raffle", "auction", "donat", "rais", "medical", "help",
                     "every", "proceeds", "chip in", "pitch in", "venmo", "cash", "rally",
                     "honor", "honour", "strong")


def life_event_hits(cx: Context) -> list[Hit]:
    """Hits for births, deaths, fundraisers and vehicles tied to a person; the cheap text
    tests first, since most posts have none of these."""
    lower = cx.text.lower()
    hits: list[Hit] = []
    if any(w in lower for w in ("born", "deliver", "arriv", "welcom", "world", "birth", "it's a",
                                "it’s a", "it's twins", "entrance", "debut", "naci", "mundo",
                                "dio a luz", "family of", "party of", "stork")):
        hits += _birth_hits(cx)
    if any(w in lower for w in _DEATH_WORDS) and _DEATH.search(cx.text):
        hits += _death_hits(cx)
    if any(w in lower for w in _FUNDRAISER_WORDS) and _FUNDRAISER.search(cx.text):
        hits += _fundraiser_hits(cx)
    if _WISHES.search(cx.text):
        hits += _wish_hits(cx)
    hits += _vehicle_hits(cx)
    if _SERVICE.search(cx.text):
        hits += _service_date_hits(cx)
    return hits


_DAY_OF = lazy(r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}\b", I)


def _service_date_hits(cx: Context) -> list[Hit]:
    """A person, a stay or visit, and its day in one sentence: the date of service is theirs
    ("Janelle was admitted on the 3rd"), which the practice may not publish."""
    text, hits = cx.text, []
    days = [(e.start_char, e.end_char) for e in cx.doc.ents if e.label_ == "DATE" and (
        dt.EXACT_DATE.search(e.text) or _CLOCK_OR_DAY.search(e.text) or _DAY_OF.search(e.text))]
    days += [m.span() for m in _DAY_OF.finditer(text)]
    for m in _SERVICE.finditer(text):
        s, e = cx.sentence(m.start())
        if cx.generic(m.start()) or not any(s <= a < e for a, _ in days):
            continue
        for c in _people(cx, s, e, _SERVICE_PEOPLE):
            if c.staff or c.public or clinicians_relative(text, c):
                continue
            hits.append(_hit(c.start, c.end, 0.85, "service_date+patient",
                             f"'{text[c.start : c.end]}' is told with a stay or visit "
                             f"('{m.group(0)}') and its day: a date of service, which identifies "
                             "a patient"))
    return hits


def _birth_hits(cx: Context) -> list[Hit]:
    text, hits = cx.text, []
    for m in _BIRTH.finditer(text):
        s, e = cx.sentence(m.start())
        ws, we = cx.window(m.start())
        window = text[ws:we]
        if m.group(0).lower() == "delivery" and not _WEIGHT.search(window):
            continue  # "our home delivery pharmacy": a delivery is a birth only with a weight
        named_babies = [c for c in _people(cx, ws, we, ("name",))
                        if re.search(r"\b(?:baby|little|newborn)\s+$", text[max(0, c.start - 9):
                                                                            c.start], I)]
        # the baby is the predicate's subject or object, a few words away: not "we delivered
        # flu shots to your son's school"
        near = [b for b in _BABY.finditer(text, max(s, m.start() - 45), min(e, m.end() + 45))
                if not re.match(r"['’]s\b", text[b.end() : b.end() + 2])
                and not re.search(r"\byour\s+(?:\w+\s+)?$",
                                  text[max(0, b.start() - 20) : b.start()], I)]
        baby = m.group("inherent") or near or named_babies or _WEIGHT.search(window)
        if not baby or cx.generic(m.start()):
            continue
        before = text[s : m.start()]
        # "one of our prenatal moms ... welcomed twins": one of the practice's patients
        ours = _ONE_OF_OURS.search(window)
        if _BIRTH_GENERAL.search(before) and not (_BABY.search(before) or named_babies or ours):
            continue  # "babies born in winter", "once your baby is born": babies in general
        people = [c for c in _people(cx, ws, we, ("name", "relative", "patient", "handle"))
                  if not c.staff and not c.public]
        details = [d for d in (_WEIGHT.search(window), _CLOCK_OR_DAY.search(window),
                               dt.RECENT.search(window), dt.EXACT_DATE.search(window),
                               _DELIVERY_CARE.search(window)) if d]
        if not (details or people):
            continue
        if _delivery_count(text, s, e) and not (named_babies or _WEIGHT.search(window)):
            continue  # "our midwife delivered her 1,000th baby this month": staff news
        if m.group("inherent") and not (people or near or named_babies or _WEIGHT.search(window)
                                        or _BABY.search(window)):
            continue  # "Welcome to the world, 2025!": whom the phrase greets is no baby
        # "Dr. Moreno's son was born": a clinician's own baby
        staff = _staff_text(cx, ws, we) or any(clinicians_relative(text, c) for c in people)
        if staff and not any(c.kind == "patient" for c in people) and not (
                _DELIVERY_CARE.search(window) or ours):
            continue  # "our receptionist Kayla welcomed her first baby": staff news
        what = details[0].group(0) if details else text[people[0].start : people[0].end]
        hits.append(_hit(m.start(), m.end(), 0.85, "birth+announcement",
                         f"A birth the practice announces, with '{what}', confirms that the "
                         "mother and the baby are its patients and gives the baby's date of "
                         "birth", category="date", redaction="[birth details]"))
        hits += [_hit(c.start, c.end, 0.85, "name+birth",
                      f"'{text[c.start : c.end]}' is named in a birth the practice announces, "
                      "which confirms they are its patients") for c in people]
    return hits


def _death_hits(cx: Context) -> list[Hit]:
    text, hits = cx.text, []
    done: set[tuple[int, int]] = set()
    for m in _DEATH.finditer(text):
        ws, we = cx.window(m.start())
        if (ws, we) in done:
            continue  # the same window, people and ties: the same hits (a long text ran minutes)
        if cx.generic(m.start()):
            continue  # "grief after the loss of a loved one can ..."
        done.add((ws, we))
        window = text[ws:we]
        # the death's own words ("the loss of") are no care the practice gave
        said = [d.span() for d in _DEATH.finditer(text, ws, we)]
        care = [x for x in cx.mentions_near(Candidate(m.start(), m.end(), "death"),
                                            ("condition", "care"))
                if not cx.generic(x.start) and not any(a <= x.start < b for a, b in said)]
        if _ANIMAL.search(window):
            continue  # "Rest easy, Rex. Our beloved clinic cat passed away ..."
        # once per death, not per person: a long text with many names stays linear
        care_tie, practice_tie = _CARE_TIE.search(window), _PRACTICE_TIE.search(window)
        if not practice_tie and not _WORKED.search(window):
            practice_tie = _CARE_PLACE_TIE.search(window)
        for c in _people(cx, ws, we, ("name", "relative", "patient", "role", "handle")):
            if c.staff or c.public or c.kind == "role" and _STAFF_ROLE.search(
                    text, c.start, c.end):
                continue  # "in loving memory of our founding physician", a public figure
            official = c.titled or c.kind == "role"
            theirs = [x for x in care if not c.start <= x.start < c.end]  # not the name itself
            tie = theirs or care_tie or (not official and practice_tie)
            if not tie and not official and c.kind in ("name", "handle", "relative") and not (
                    _FAMED.search(text, max(ws, c.start - 30), c.start)):
                known = _KNOWN_DEATH.search(window) or _CLOCK_OR_DAY.search(window)
                if known:
                    hits.append(_hit(c.start, c.end, 0.7, "condolence+named",
                                     f"A medical practice announcing the death of "
                                     f"'{text[c.start : c.end]}' with '{known.group(0)}' "
                                     "confirms it knew them as a patient, even with no care word"))
                continue
            if not tie:
                continue  # "Rest in peace to the legendary ...": no sign the practice cared
            shown = text[c.start : c.end]
            why = theirs[0].text if theirs else tie.group(0)
            hits.append(_hit(c.start, c.end, 0.85, "condolence+patient",
                             f"A death or condolence about '{shown}', with '{why}', tells "
                             "readers the practice cared for them: a patient's death is still "
                             "their PHI"))
    return hits


def _wish_hits(cx: Context) -> list[Hit]:
    """A prayer or get-well wish names one person and their illness or treatment: whoever
    they are (a mayor, a coach), the wish makes the health theirs. Staff only with their own
    ("our nurse Amy, after her surgery"); a wish for groups names nobody."""
    text, hits = cx.text, []
    for m in _WISHES.finditer(text):
        if cx.generic(m.start()):
            continue
        s, e = cx.window(m.start(), before=0, after=1)
        # what the wish's window says of health, worked out once per wish, not per person
        told = [x for x in cx.mentions if s <= x.start < e and not cx.generic(x.start)]
        for c in _people(cx, *cx.window(m.start(), before=0, after=0), _WISH_PEOPLE):
            if c.public:
                continue
            if c.staff:
                own = cx.possessed(c, close=True)
                health = [own] if own else []
            else:
                health = told
            if not health and not c.staff and _RECOVERY_WISH.match(text, m.start()):
                body = _owned_body_part(text, s, e)
                if body:
                    health = [body]
                    hits.append(_hit(c.start, c.end, 0.85, "get_well+health",
                                     f"A recovery wish for '{text[c.start : c.end]}' with "
                                     f"'{body.group(0)}' tells readers about their injury"))
                    continue
            if health:
                hits.append(_hit(c.start, c.end, 0.85, "get_well+health",
                                 f"A wish for '{text[c.start : c.end]}' with "
                                 f"'{health[0].text}' tells readers about their health"))
    return hits


def _fundraiser_hits(cx: Context) -> list[Hit]:
    text, hits = cx.text, []
    for m in _FUNDRAISER.finditer(text):
        ws, we = cx.window(m.start())
        for c in _people(cx, ws, we, _FUND_PEOPLE):
            if c.public:
                continue
            if c.staff or c.titled:
                own = cx.possessed(c, close=True)
                health = [own] if own else []
            else:
                health = [x for x in cx.mentions_near(c, ("condition", "care"))
                          if not cx.generic(x.start, c)]
            if not health or cx.generic(c.start, c):
                continue
            hits.append(_hit(c.start, c.end, 0.85, "fundraiser+patient",
                             f"A fundraiser ('{m.group(0)}') for '{text[c.start : c.end]}' "
                             f"with '{health[0].text}' tells the community who is ill; the "
                             "family may share it, the practice may not without a written "
                             "authorization",
                             category="name" if c.kind != "individual" else "other_id"))
    return hits


_BODY_WORDS = frozenset(_BODY.split("|"))


def _may_name_a_vehicle(text: str) -> bool:
    r"""Cheap (ASCII text): a described car needs a make, a model or a body word among its
    words, and the words the two patterns capture are whole [\w-]+ runs of the text."""
    makes, models, capital = vehicle_words()
    for word in set(re.findall(r"[\w-]+", text)):
        lower = word.lower()
        if lower in makes or lower in models or lower in _BODY_WORDS or (
                lower in capital and word[0].isupper()):
            return True
    return False


def _vehicle_hits(cx: Context) -> list[Hit]:
    """A described car ("the grey pickup with the ladder rack", "red Corolla") whose owner the
    post points at, in a post about a visit or care: people who know the car know the
    patient. The practice's own van is not a patient's."""
    text, hits = cx.text, []
    if text.isascii() and not _may_name_a_vehicle(text):
        return hits
    for m in chain(_VEHICLE_HEAD.finditer(text), _VEHICLE_FEATURE.finditer(text)):
        makes, models, capital = vehicle_words()  # loaded on the first described car
        words = re.findall(r"[\w-]+", m.group("rest"))
        named = next((w for w in words if w.lower() in makes or w.lower() in models
                      or w.lower() in capital and w[0].isupper()), None)
        body = next((w for w in words if re.fullmatch(_BODY, w, I)), None)
        if not (named or body) or _OURS.search(text, 0, m.start()) or _OURS_AFTER.match(
                text, m.end()):
            continue
        if m.groupdict().get("year") and not named:
            continue  # "2019 van": a year alone does not describe a car
        ws, we = cx.window(m.start(), before=1, after=2)
        window = text[ws:we]
        people = [c for c in _people(cx, ws, we, ("name", "relative", "patient", "individual"))
                  if not c.staff]
        care = cx.mentions_near(Candidate(m.start(), m.end(), "vehicle"), ("condition", "care"),
                                before=1, after=2) or list(_VISIT.finditer(window))
        # "To the silver Subaru with the bike rack, ...": the car addressed is its driver
        addressed = re.search(r"\b(?:to|hey|hi|dear)\s+(?:the\s+|our friend in the\s+)?$",
                              text[max(0, m.start() - 25) : m.start()], I)
        if not care or not (_OWNER.search(window) or people or addressed):
            continue
        end = max(w.end() for w in re.finditer(r"[\w-]+", m.group("rest"))
                  if w.group(0) in (named, body) or w.group(0).lower() in models
                  or w.group(0).lower() in capital and w.group(0)[0].isupper()) + m.start("rest")
        first = care[0]
        shown = first.text if hasattr(first, "text") else first.group(0)
        hits.append(_hit(m.start(), end, 0.8, "vehicle_described+patient",
                         f"A described vehicle whose owner the post points at, with "
                         f"'{shown}': people who know the car know who the patient is",
                         category="vehicle", redaction="[vehicle]"))
    return hits
