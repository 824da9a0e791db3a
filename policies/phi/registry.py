"""Every recognizer of the screen in one table, Presidio-style: each has a HIPAA category, a
`block_at` score (at or above it a finding blocks; below it, it warns) and a `report_at`
score (below it, nothing is reported), plus one line saying what it finds. Changing how sure
the screen must be before one identifier blocks is changing one number here.

Recognizers return scored hits; `apply` turns scores into severities with this table. The
pattern recognizers live in numbers.py, contacts.py and addresses.py; the judgement ones
(names, patients, photos, replies ...) in judge.py."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .findings import BLOCK, WARN
from .hits import Hit


@dataclass(frozen=True)
class Recognizer:
    name: str
    category: str  # HIPAA slug (categories.py); "*" when the recognizer decides per hit
    block_at: float
    report_at: float
    finds: str


REGISTRY: dict[str, Recognizer] = {
    r.name: r
    for r in (
        # identifiers with a shape or a check digit (numbers.py, contacts.py, addresses.py)
        Recognizer("ssn", "ssn", 0.6, 0.2, "SSN shapes; valid by SSA rules or called an SSN"),
        Recognizer("ssn_shape", "ssn", 0.6, 0.2,
                   "a dashed 3-2-4 number an SSA rule rejects, in a text about a person"),
        Recognizer("card_number", "account", 0.6, 0.2, "payment card numbers (Luhn)"),
        Recognizer("imei", "device", 0.6, 0.2, "IMEI numbers (Luhn, labelled)"),
        Recognizer("vin", "vehicle", 0.6, 0.2, "vehicle identification numbers (check digit)"),
        Recognizer("udi", "device", 0.6, 0.2, "device UDIs (GS1 check digit)"),
        Recognizer("iban", "account", 0.6, 0.2, "bank account IBANs (mod 97)"),
        Recognizer("medicare_mbi_format", "health_plan", 0.6, 0.2, "Medicare MBI format"),
        Recognizer("plate", "vehicle", 0.6, 0.2, "licence plates in a US state's format"),
        Recognizer("labelled_mrn", "mrn", 0.6, 0.2, "a number the text calls a record number"),
        Recognizer("labelled_health_plan", "health_plan", 0.6, 0.2,
                   "a number the text calls a member, group, policy or plan ID"),
        Recognizer("labelled_account", "account", 0.6, 0.2, "a number called an account"),
        Recognizer("labelled_birth_date", "date", 0.6, 0.2,
                   "a date called a date of birth (DOB), in any written form"),
        Recognizer("labelled_license", "license", 0.6, 0.2, "a number called a licence"),
        Recognizer("labelled_vehicle", "vehicle", 0.6, 0.2, "a number called a plate or VIN"),
        Recognizer("labelled_device", "device", 0.6, 0.2, "a number called a serial"),
        Recognizer("labelled_other_id", "other_id", 0.6, 0.2,
                   "a number called a case, claim, specimen or reference"),
        Recognizer("email", "email", 0.7, 0.2, "email addresses (role mailboxes warn)"),
        Recognizer("url", "url", 0.7, 0.2,
                   "links; profile, fundraiser and record links block, others warn"),
        Recognizer("ip_address", "ip", 0.6, 0.2, "IPv4/IPv6 addresses"),
        Recognizer("phonenumbers", "*", 0.7, 0.2, "phone and fax numbers (phonenumbers)"),
        Recognizer("phone_pattern", "phone", 0.7, 0.2, "US-shaped numbers phonenumbers skips"),
        Recognizer("local_phone", "phone", 0.7, 0.2, "7-digit numbers called a phone"),
        Recognizer("usaddress", "geographic", 0.7, 0.2, "street addresses, PO boxes (usaddress)"),
        Recognizer("spanish_address", "geographic", 0.7, 0.2,
                   "street addresses in Spanish order ('el 1520 de la Calle Olmo')"),
        Recognizer("zip", "geographic", 0.7, 0.2, "ZIP codes with a patient"),
        Recognizer("long_number", "other_id", 0.75, 0.2,
                   "unlabelled ID-shaped codes; block where the text is about care"),
        # the judgement (judge.py)
        Recognizer("name", "name", 0.6, 0.25, "a named person with health or care"),
        Recognizer("handle", "name", 0.6, 0.25, "an @handle with health or care"),
        Recognizer("tagged", "name", 0.6, 0.25, "people tagged in a photo"),
        Recognizer("owned_care", "name", 0.6, 0.25,
                   "a named person told as using a care service ('her oxygen supplies')"),
        Recognizer("relative", "name", 0.6, 0.25, "someone identified through a relative"),
        Recognizer("patient", "name", 0.6, 0.25, "one specific patient without a name"),
        Recognizer("role", "name", 0.6, 0.25, "a role tied to a place, with health"),
        Recognizer("staff", "name", 0.6, 0.25,
                   "an allow-listed staff member with their own health or care"),
        Recognizer("name_es", "name", 0.6, 0.25,
                   "a Spanish name no list holds, read after an honorific (don, doña, "
                   "compadre ...), with one person's health event (spanish_names.py)"),
        Recognizer("individual", "other_id", 0.6, 0.25,
                   "an unnamed person plus details that single them out"),
        Recognizer("addressee", "name", 0.6, 0.25, "a post speaking to one patient"),
        Recognizer("photo", "photo", 0.6, 0.25, "a described photo of a patient"),
        Recognizer("biometric", "biometric", 0.6, 0.25, "a biometric of a patient"),
        Recognizer("date", "date", 0.6, 0.25, "dates of a patient's birth or care"),
        Recognizer("birth_date", "date", 0.6, 0.25,
                   "a birthday's day of a person the text ties to care, told in any sentence"),
        Recognizer("age_over_89", "age_over_89", 0.6, 0.25, "ages over 89"),
        Recognizer("place", "geographic", 0.6, 0.25, "a town named with a patient"),
        Recognizer("dwelling", "geographic", 0.6, 0.25,
                   "a unit or lot at a named residential complex, in a text about care"),
        Recognizer("reply_confirms_care", "name", 0.6, 0.25,
                   "a reply that confirms the commenter's care"),
        Recognizer("reply_visit", "name", 0.6, 0.25,
                   "a reply that tells the commenter's own visit (a wait, seeing them)"),
        Recognizer("reply_care", "name", 0.6, 0.25,
                   "a reply that speaks to the commenter's care as under way (a care "
                   "visit to come, home care, their recovery)"),
        Recognizer("reply_reader_tie", "name", 0.6, 0.25,
                   "a reply that ties care to the commenter by a relative clause ('the CPAP "
                   "supplies you ordered') or a reference back ('the same X as last time')"),
        Recognizer("reply_answers_comment", "name", 0.6, 0.25,
                   "a reply that answers, or speaks of, the care its comment asks about or "
                   "tells of (answering.py)"),
        Recognizer("reply_names_answered", "name", 0.6, 0.25,
                   "a reply naming a person its comment ties to health or an identifier, or "
                   "the writer of a comment about their own health (answering.py)"),
        Recognizer("reply_restates_crisis", "name", 0.6, 0.25,
                   "a reply that repeats to its reader words of suicide or self-harm, in "
                   "English or Spanish (crisis_reply.py)"),
        Recognizer("self_disclosure", "name", 0.6, 0.25, "a commenter's own health"),
        # life events told about one person (life_events.py)
        Recognizer("birth", "date", 0.6, 0.25, "a birth the practice announces, with details"),
        Recognizer("condolence", "name", 0.6, 0.25, "a death of someone the practice cared for"),
        Recognizer("fundraiser", "*", 0.6, 0.25, "a fundraiser for a person's care"),
        Recognizer("anaphora", "name", 0.6, 0.25,
                   "one person said to have the condition the text has named ('has it too')"),
        Recognizer("get_well", "name", 0.6, 0.25,
                   "a prayer or get-well wish for a person, with their illness"),
        Recognizer("service_date", "name", 0.6, 0.25,
                   "a person with a stay or visit and its day (a date of service)"),
        Recognizer("vehicle_described", "vehicle", 0.6, 0.25,
                   "a described car whose owner the post points at, with a visit"),
        # the learned second opinion (learned.py): only where no rule blocked; it only
        # ever blocks, so report_at is block_at (a warning from it would say nothing).
        # 0.9275, not the 0.95 it was trained at: leave-one-writer-out on today's rules, it
        # blocks as few clean posts at 0.9275 as at 0.95, with 0.009 more recall
        # (bench/phi_tensor_experiment.py's baseline); over every labelled set the move added
        # 0 false blocks (docs/history/phi.md, "Session 10: the learned scorer's threshold")
        Recognizer("learned", "other_id", 0.9275, 0.9275,
                   "a text a trained scorer reads as about one specific patient"),
        # its second look (contextual.py): a fine-tuned MiniLM, asked only where the scorer
        # is at least learned.LOOK_FROM sure and below its own block_at; it only ever blocks.
        # 0.95 since session 13: in four writer-grouped folds over 36 writers' sets, 0.98 ->
        # 0.95 added 27 of 2,928 disclosures for 3 of 4,069 false blocks (docs/phi.md,
        # "Session 13"); session 11 chose 0.98 on 19 sets
        Recognizer("learned_context", "other_id", 0.95, 0.95,
                   "a text a fine-tuned language model reads as about one specific patient"),
        # the same model alone on a short reply (under learned.MIN_WORDS words) the word
        # scorer may not read or reads as calm (below learned.LOOK_FROM; between that and its
        # own block_at, the row above decides). 0.99: on replies from sets it never trained
        # on, the reply-care misses it reads sit at 0.95-0.998, writers' clean short replies
        # at 0.47 and under (docs/history/phi.md, "Session 23")
        Recognizer("learned_short_reply", "other_id", 0.99, 0.99,
                   "a short reply a fine-tuned language model reads as confirming the "
                   "commenter's care"),
        # the same model alone on a longer reply the word scorer reads as calm (below
        # learned.LOOK_FROM): a reply answers one commenter, and the scorer, trained mostly on
        # posts, misses care a reply confirms in everyday words. 0.99 as above: on the replies
        # every labelled set's screen passes, it adds 3 of 16 missed disclosures and 0 of 496
        # clean replies on the blind sets it never trained on, 10 of 210 and 3 of 853 on the
        # outside reviews' probes; at 0.95 those are 4/1 and 37/58 (docs/history/phi.md, "Session
        # 24")
        Recognizer("learned_reply", "other_id", 0.99, 0.99,
                   "a reply a fine-tuned language model reads as confirming the commenter's "
                   "care, where the word scorer reads it as calm"),
    )
}


def recognizer_of(hit: Hit) -> Recognizer:
    """The table row behind a hit: its rule up to the first '+' ("phonenumbers+practice")."""
    return REGISTRY[hit.rule.split("+")[0]]


def apply(hits: list[Hit]) -> list[Hit]:
    """Severities from scores; hits below their recognizer's report_at are dropped."""
    out = []
    for h in hits:
        r = recognizer_of(h)
        if h.score < r.report_at:
            continue
        severity = BLOCK if h.score >= r.block_at else WARN
        out.append(h if h.severity == severity else replace(h, severity=severity))
    return out
