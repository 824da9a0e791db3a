"""A person's decision about a PHI finding, as plain rules over plain data.

The screen blocks; a person who knows better (this is our nurse, a public figure who spoke
about it, a cartoon, a patient who signed an authorization) may dismiss one finding, but
only with a reason from this fixed list, and a "written authorization" must name a
registry entry that covers what the finding discloses and is still in force. Nothing here
touches the database: social_bot/dismissals.py and social_bot/consents.py do the I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from difflib import SequenceMatcher
from enum import StrEnum

from policies.rendering import format_char


class DismissReason(StrEnum):
    STAFF = "staff"
    PUBLIC_FIGURE = "public_figure"
    NOT_A_PERSON = "not_a_person"
    AUTHORIZATION = "authorization"
    NOT_IDENTIFIABLE = "not_identifiable"  # faces only: blurred, from behind, too small


REASON_LABELS: dict[DismissReason, str] = {
    DismissReason.STAFF: "staff member",
    DismissReason.PUBLIC_FIGURE: "public figure, publicly disclosed",
    DismissReason.NOT_A_PERSON: "fictional or not a person",
    DismissReason.AUTHORIZATION: "written HIPAA authorization on file",
    DismissReason.NOT_IDENTIFIABLE: "face not identifiable",
}


class Scope(StrEnum):
    """What a patient's written authorization lets the practice publish."""

    NAME = "name"    # the patient's name, as it will appear
    STORY = "story"  # details of their care (condition, procedure, dates, place); never a
    # date of birth, which no scope covers (BIRTH_DATE_RULES)
    PHOTO = "photo"  # their face or other recognisable image


def parse_scopes(values: Iterable[str]) -> tuple[Scope, ...]:
    """Scopes from what a person typed ("name,story" or repeated); ValueError names the bad one."""
    chosen: list[Scope] = []
    for value in values:
        for part in value.split(","):
            word = part.strip().lower()
            if not word:
                continue
            try:
                scope = Scope(word)
            except ValueError:
                raise ValueError(f"unknown scope {part.strip()!r}: choose name, story or "
                                 "photo") from None
            if scope not in chosen:
                chosen.append(scope)
    if not chosen:
        raise ValueError("say what the authorization covers: --scope name,story,photo")
    return tuple(chosen)


@dataclass(frozen=True)
class FindingKey:
    """What identifies a finding across revisions: its category, where it came from (the
    caption, an image's text or faces, an alt text) and the exact text of its span."""

    category: str
    source: str
    text: str
    # which rule found it: not part of the identity (a dismissal carries over by category,
    # source and span text, as before session 51), but a date of birth is told by its rule
    rule: str = field(default="", compare=False)


# Findings that are a date of birth (session 51): a direct identifier, not a detail of the
# patient's story, so no authorization scope covers them (the form practices record names
# the name, the story, the photo); the post can say "her birthday" or "this month" instead.
BIRTH_DATE_RULES = frozenset({"birth_date", "labelled_birth_date"})


def is_birth_date(key: FindingKey) -> bool:
    return key.rule.split("+")[0] in BIRTH_DATE_RULES


@dataclass(frozen=True)
class ConsentTerms:
    id: int
    patient_name: str
    scopes: tuple[Scope, ...]
    expires_at: datetime
    revoked_at: datetime | None = None
    zone: tzinfo | None = None  # the practice's zone (None: this machine's), for its dates


def is_photo(key: FindingKey) -> bool:
    return key.category == "photo"


def face_count(key: FindingKey) -> int:
    """How many faces a photo finding counts ("2 faces"); 0 for any other finding."""
    match = re.match(r"(\d+) faces?$", key.text) if is_photo(key) else None
    return int(match.group(1)) if match else 0


# The rules of a name finding that tell no more than the name and that the person is among
# the practice's patients ("our patient Jane Doe", a name in a post that speaks of a
# patient), with no condition, treatment, visit, program, date or death: the `name` scope
# alone covers these. Every other rule on a name (name+own_health, name+health, +program,
# +identifier, owned_care, condolence+patient, fundraiser+patient, service_date+patient,
# a reply naming whose comment it answers, a rule this list does not know) tells the
# person's care with the name, so it needs `story` as well: until session 55 `name` alone
# cleared "name+own_health" and the patient's chemotherapy was published on a name-only
# authorization (attack review, C1).
NAME_ONLY_RULES = frozenset(f"{who}+{tie}" for who in ("name", "handle", "tagged")
                            for tie in ("patient", "no_health"))


def needed_scopes(key: FindingKey, text: str | None = None) -> tuple[Scope, ...]:
    """Which parts of an authorization a finding needs, by what it discloses: a face
    "photo"; a name "name", and "story" too when its rule ties the name to the person's
    health or care (NAME_ONLY_RULES: the rules that do not); anything else a post says
    about a patient's care "story". ``text`` is the post's text: where it tells of care
    anywhere, a face or a name-only rule needs "story" as well.

    The screen gives `name+patient` when no health word stands near the name, and a care
    service is not one ("Our patient <name> visited the dialysis unit today", "... thanked
    the oncology team"): the rule then tells only that the text speaks of a patient, while
    the text tells the reader the patient's care (session 55, re-read of the C1 fix, R1)."""
    care = text is not None and _tells_care(text)
    if is_photo(key):
        # a face with "her last day of radiation" in the caption tells that person's care:
        # a photo-only authorization cleared both and the post went to approval (re-read R3)
        return (Scope.PHOTO, Scope.STORY) if care else (Scope.PHOTO,)
    if key.category == "name":
        if key.rule in NAME_ONLY_RULES and not care:
            return (Scope.NAME,)
        return (Scope.NAME, Scope.STORY)
    return (Scope.STORY,)


def _tells_care(text: str) -> bool:
    from policies.phi.judge import tells_care  # the screen's vocabulary, loaded on use

    return tells_care(text)


def scopes_text(scopes: Iterable[str]) -> str:
    """Scopes as `post show`, the card and the refusals list them: "name, story"."""
    return ", ".join(str(s) for s in scopes)


def reasons_for(key: FindingKey) -> tuple[DismissReason, ...]:
    """The reasons that make sense for this kind of finding."""
    if is_photo(key):
        return (DismissReason.STAFF, DismissReason.AUTHORIZATION, DismissReason.NOT_IDENTIFIABLE)
    return (DismissReason.STAFF, DismissReason.PUBLIC_FIGURE, DismissReason.NOT_A_PERSON,
            DismissReason.AUTHORIZATION)


def canonical(text: str) -> str:
    """Text as people read it: compatibility forms folded, invisible characters dropped,
    punctuation around words ignored, spacing and case ignored."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(" " if unicodedata.category(ch)[0] in "PZ" else ch for ch in folded
                      if not format_char(ch))
    return " ".join(visible.split()).casefold()


def local_time(at: datetime, zone: tzinfo | None) -> datetime:
    """``at`` on the practice's clock: ``zone``, or this machine's zone when None; in UTC
    when that clock cannot show it (within a day of year 1 or 9999, which `post create
    --at` once let in: `post list` then failed for every post, session 53's A3)."""
    try:
        return at.astimezone(zone) if zone is not None else at.astimezone()
    except OverflowError:
        return at.astimezone(UTC)


def zone_label(local: datetime) -> str:
    """The zone a local time is marked with: its abbreviation (CDT, ChST, UTC) or offset."""
    name = local.tzname() or ""
    if name.isalpha():
        return name
    offset = local.strftime("%z")  # e.g. +0530, or -03 for America/Santiago's "-03"
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def day_end(day: date, zone: tzinfo | None) -> datetime:
    """The first instant after ``day`` in ``zone`` (None: this machine's zone), in UTC.

    Midnight, except where the clocks skip it (America/Santiago, America/Havana,
    Asia/Beirut, Africa/Cairo spring forward at 00:00): there the next day begins at
    its 01:00. Found by bisection on the local date, so the machine's zone (known only
    through the C library, as `show_time` reads it) is handled like a named one."""
    midnight_utc = datetime.combine(day + timedelta(days=1), time(), UTC)
    # every zone's offset is within 26 hours: the local date at `low` is `day` or
    # earlier, at `low + span` the next day or later
    low = (midnight_utc - timedelta(hours=26) if midnight_utc.year > 1
           else datetime.min.replace(tzinfo=UTC))
    span = 52 * 3600
    after, before = span, 0  # seconds from `low`: local date past `day` / not yet
    while after - before > 1:
        middle = (after + before) // 2
        moment = low + timedelta(seconds=middle)
        try:
            past = local_time(moment, zone).date() > day
        except OverflowError:  # before year 1 or after year 9999 on the local clock
            past = moment.year > 1
        if past:
            after = middle
        else:
            before = middle
    return low + timedelta(seconds=after)


def validity(expires_at: datetime, zone: tzinfo | None = None) -> str:
    """An expiry as the person typed it, on the practice's clock (``zone``; None: this
    machine's). `--expires 2027-06-30` is stored as the first instant after that day in
    the practice's zone (05:00 UTC on July 1 in Chicago) and reads "through 2027-06-30";
    any other instant, such as a time typed with a zone or a date recorded in UTC before
    session 44 by a practice elsewhere, reads as its local time "until 2027-06-30 19:00
    CDT"."""
    at = expires_at.astimezone(UTC)
    try:
        day = local_time(at - timedelta(microseconds=1), zone).date()
        if day_end(day, zone) == at:
            return f"through {day:%Y-%m-%d}"
        local = local_time(at, zone)
        return f"until {local:%Y-%m-%d %H:%M} {zone_label(local)}"
    except OverflowError:  # a year-1 or year-9999 instant: its UTC reading
        return f"until {at:%Y-%m-%d %H:%M} UTC"


def consent_problem(consent: ConsentTerms, now: datetime) -> str | None:
    """Why this authorization is not in force now, or None."""
    if consent.revoked_at is not None:
        return f"authorization #{consent.id} was revoked on {consent.revoked_at:%Y-%m-%d}"
    if consent.expires_at <= now:
        return (f"authorization #{consent.id} expired (it was valid "
                f"{validity(consent.expires_at, consent.zone)})")
    return None


# Words that make a surname a form of address, not a given name ("Mr. Gonzalez").
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "sra", "srta"})


def _name_words(text: str) -> list[str]:
    """A name's words as `canonical` reads them, a trailing possessive dropped ("Maria's")."""
    stripped = re.sub(r"['\u2019]s?$", "", text.strip())
    return canonical(stripped).split()


def name_forms(consent: ConsentTerms, post_text: str) -> tuple[str, ...]:
    """The forms of a name an authorization covers (canonical): the name as registered, and
    its given name alone (the first word after any title) only in a post that names the
    patient as registered too, where the given name refers back to them; never a surname
    alone or a titled surname, which may be a relative's. (Until session 42 the given name
    alone was covered in any post, so "Maria Lopez"'s authorization cleared "Maria, 54, was
    discharged ..." about any Maria: an outside review.)"""
    words = _name_words(consent.patient_name)
    forms = [" ".join(words)] if words else []
    untitled = words[1:] if words and words[0] in TITLES else words
    if len(untitled) > 1 and untitled[0] not in forms and forms and \
            f" {forms[0]} " in f" {' '.join(_name_words(post_text))} ":
        forms.append(untitled[0])
    return tuple(forms)


_ABBREVIATION = re.compile(r"(?:\b(?:mr|mrs|ms|mx|dr|prof|st|jr|sr|vs|no)|(?<![^\W\d_])[^\W\d_])$",
                           re.IGNORECASE)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: cut after . ! ? followed by a space, and at line
    breaks; not after a title or an initial ("Dr. Lee", "Jane Q. Doe")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?\u2026]+[\"'\u2019\u201d)]*(?=\s)|\n", text):
        if match.group() != "\n" and match.group()[0] == "." and _ABBREVIATION.search(
                text[start:match.start()]):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _names_patient(consent: ConsentTerms, sentence: str, post_text: str) -> bool:
    padded = f" {' '.join(_name_words(sentence))} "
    return any(f" {form} " in padded for form in name_forms(consent, post_text))


def coverage_problem(consent: ConsentTerms, key: FindingKey, post_text: str,
                     others: Iterable[FindingKey] = ()) -> str | None:
    """Why this authorization's terms do not cover this finding in this post, or None
    (whether it is in force is `consent_problem`'s question).

    - A name is covered only as registered (case, spacing and punctuation aside) or, in a
      post that also names the patient as registered, by the registered given name alone; a
      surname alone or a titled surname ("Mr. Gonzalez") may be a relative, and is not.
    - A story detail in the caption is covered only when each sentence it appears in names
      the patient (as above); a detail read from an image or an alt text, which has no
      sentence in the caption, is covered when the caption names the patient as
      registered (docs/security.md: the limit).
    - A face needs the photo scope; a name needs the name scope, and the story scope too
      when its rule ties the name to health or care (needed_scopes): the scopes are judged
      again wherever this runs (dismissal, carry-over, approval, publish), so a dismissal
      recorded under the older rule blocks again.
    - A date of birth is covered by none (is_birth_date).
    - An authorization covers one person (session 56, the screen attack review's S4): a
      finding that needs `story` is not covered in a post that tells the care of someone
      named by a kin word ("Her husband starts dialysis with us next week": no finding of
      its own, other_person.relative_care), and a story detail is not covered in a
      sentence that names another person too (``others``: the post's other findings; a
      name among them that this authorization does not cover, and that was not dismissed
      as staff, a public figure or not a person, is another person's), nor, read from an
      image or an alt text, in a post whose caption names another person.
    No refusal quotes the post: it is kept in the audit trail, which keeps no name.
    """
    problem = _terms_problem(consent, key, post_text, others)
    if problem is None and Scope.STORY in needed_scopes(key, post_text):
        from policies.other_person import relative_care

        told = relative_care(post_text, [consent.patient_name, *(
            o.text for o in others if o.category == "name")])
        if told is not None:
            return (f"authorization #{consent.id} covers one person, its patient, and sentence "
                    f"{told} of this post tells the health or care of someone else, named by "
                    "a kin word (\"her husband\", \"his mother\", \"su esposo\"): no "
                    "authorization of this patient covers a relative's care; edit the post to "
                    "leave it out")
    return problem


def _terms_problem(consent: ConsentTerms, key: FindingKey, post_text: str,
                   others: Iterable[FindingKey]) -> str | None:
    """coverage_problem for the name, the scopes and the detail's sentence."""
    if is_birth_date(key):
        return (f"authorization #{consent.id} cannot cover a date of birth: it is a direct "
                "identifier, not part of the name or the story; edit the post to leave the "
                "day out (\"her birthday is this week\")")
    needed = needed_scopes(key, post_text)
    missing = [s for s in needed if s not in consent.scopes]
    if missing:
        told = ("" if Scope.STORY not in needed or needed == (Scope.STORY,)
                else " (it tells the person's health or care with their picture)"
                if is_photo(key) else " (it tells the person's health or care with their name)")
        return (f"authorization #{consent.id} covers {scopes_text(consent.scopes)}, not "
                f"{scopes_text(missing)}: this finding needs {scopes_text(needed)}{told}")
    forms = name_forms(consent, post_text)
    if Scope.NAME in needed:
        words = _name_words(key.text)
        if " ".join(words) in forms:
            return None
        registered = set(forms[0].split()) if forms else set()
        if words and set(words) <= registered:
            return (f"authorization #{consent.id} covers its patient's name as registered, or "
                    "the given name alone in a post that names them as registered; this "
                    "finding is only part of that name (a surname or a titled surname may be "
                    "a relative's)")
        if words and words[0] in TITLES and set(words[1:]) <= registered:
            return (f"authorization #{consent.id} covers its patient's name as registered or "
                    "the given name alone, not a titled surname (it may be a relative's)")
        return (f"authorization #{consent.id} is for another name than the one this finding "
                "is about (it covers the name as registered, or the given name alone)")
    if needed == (Scope.STORY,):
        strangers = [o for o in others if o.category == "name" and o != key
                     and " ".join(_name_words(o.text)) not in forms]
        if key.source != "text":
            padded = f" {canonical(post_text)} "
            if not forms or f" {forms[0]} " not in padded:
                return (f"authorization #{consent.id} covers a story naming its patient, and "
                        "this post does not name them as recorded")
            if any(o.source in ("text", key.source) for o in strangers):
                return (f"authorization #{consent.id} covers a detail about its patient alone, "
                        "and this post also names another person, whose detail it may be: "
                        "leave the detail out, or the other person")
            return None
        spans = [(a, b) for a, b in sentences(post_text)
                 if key.text and key.text in post_text[a:b]]
        if not spans:
            return (f"authorization #{consent.id} covers a detail only in a sentence naming "
                    "its patient, and this detail is not found whole in one sentence")
        if not all(_names_patient(consent, post_text[a:b], post_text) for a, b in spans):
            return (f"authorization #{consent.id} covers a detail only in a sentence naming "
                    "its patient (as registered, or the given name), and a sentence with "
                    "this detail does not name them")
        names = [o.text for o in strangers if o.source == "text"]
        if any(_names_any(names, post_text[a:b]) for a, b in spans):
            return (f"authorization #{consent.id} covers a detail about its patient alone, "
                    "and a sentence with this detail also names another person, whose detail "
                    "it may be: put the detail in a sentence about the patient alone, or "
                    "leave it out")
    return None


def _names_any(names: Iterable[str], sentence: str) -> bool:
    """Does the sentence hold one of these names (canonical words, whole)?"""
    padded = f" {' '.join(_name_words(sentence))} "
    return any(words and f" {words} " in padded
               for words in (" ".join(_name_words(n)) for n in names))


def authorization_problem(consent: ConsentTerms, key: FindingKey, post_text: str,
                          now: datetime, scheduled_at: datetime | None = None,
                          others: Iterable[FindingKey] = ()) -> str | None:
    """Why this authorization does not cover this finding in this post now (and, for a
    scheduled post, when it is due), or None; ``others``: the post's other findings
    (coverage_problem)."""
    return (consent_problem(consent, now) or schedule_problem(consent, scheduled_at)
            or coverage_problem(consent, key, post_text, others))


def schedule_problem(consent: ConsentTerms, scheduled_at: datetime | None) -> str | None:
    """Why a post due at ``scheduled_at`` cannot rest on this authorization, or None: it
    would expire before the post is due. Such a post was dismissed, approved by two people,
    and then blocked at publish on its day (an outside review, session 44)."""
    if scheduled_at is None or scheduled_at < consent.expires_at:
        return None
    due = local_time(scheduled_at, consent.zone)
    return (f"the post is scheduled for {due:%Y-%m-%d %H:%M} {zone_label(due)}, "
            f"after authorization #{consent.id} expires (it is valid "
            f"{validity(consent.expires_at, consent.zone)}): schedule it earlier, or record "
            "the renewed authorization")


def dismissal_problem(key: FindingKey, reason: DismissReason, *, note: str | None,
                      consent: ConsentTerms | None, post_text: str, now: datetime,
                      scheduled_at: datetime | None = None,
                      others: Iterable[FindingKey] = ()) -> str | None:
    """Why this dismissal may not be recorded, or None."""
    allowed = reasons_for(key)
    if reason not in allowed:
        choices = ", ".join(allowed)
        return f"{reason} does not apply to a {key.category} finding: choose {choices}"
    if reason is DismissReason.AUTHORIZATION:
        if consent is None:
            return ("a written authorization must name its registry entry: --consent ID "
                    "(see `socialbot consent list`)")
        faces = face_count(key)
        if faces > 1 and not (note and note.strip()):
            # One authorization is one patient's face; "2 faces" cleared with it put a
            # second person in the post whom nobody named (an outside review, session 44).
            return (f"this image shows {faces} faces and authorization #{consent.id} covers "
                    "one patient: say who the others are (staff, or crop them out): --note "
                    "\"the others: Ana Ruiz, Ben Cole (staff)\"")
        return authorization_problem(consent, key, post_text, now, scheduled_at, others)
    if consent is not None:
        return "--consent goes only with --reason authorization"
    if reason is DismissReason.STAFF and is_photo(key) and not (note and note.strip()):
        return "name the staff in the photo: --note \"Ana Ruiz, Ben Cole\""
    return None


# Reasons that rest on who the person (or thing) is, which a post may say in any sentence
# ("Governor ..." a sentence before the name, "our therapy dog" two after it): a dismissal
# for one of these carries over an edit only when the edit left that text (the caption, or
# the alt text the finding is in) exactly as it was, so an edit of the schedule, the
# platforms or the images keeps it and any edit of the words asks again. Until session 55 a
# rewritten sentence before the name kept a public_figure dismissal ("Governor Edith ..."
# became "One of our Thursday clinic regulars."; attack review, D1).
WHOLE_TEXT_REASONS = frozenset({DismissReason.STAFF, DismissReason.PUBLIC_FIGURE,
                                DismissReason.NOT_A_PERSON})


def context_kept(reason: str, old_text: str, new_text: str, old_span: tuple[int, int],
                 new_span: tuple[int, int]) -> bool:
    """Did the edit leave alone what a dismissal with this reason rests on, beyond the span's
    own sentence (untouched_span's question)? For WHOLE_TEXT_REASONS the whole text; for any
    other reason (an authorization, which the registry's terms are judged again against the
    new text; a face not identifiable, which has no text) the sentence before and the
    sentence after the span's sentence, read the same (a sentence added or removed next to
    it is a change; one further away is not)."""
    if reason in WHOLE_TEXT_REASONS:
        return old_text == new_text
    return _neighbours(old_text, *old_span) == _neighbours(new_text, *new_span)


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The sentence before and the sentence after the one(s) holding the span (None: none)."""
    a, b = _sentence_around(text, start, end)
    spans = sentences(text)
    before = [text[x:y].strip() for x, y in spans if y <= a]
    after = [text[x:y].strip() for x, y in spans if x >= b]
    return (before[-1] if before else None, after[0] if after else None)


def carries_over(old: FindingKey, new: FindingKey) -> bool:
    """An edit keeps a dismissal only while its span reads exactly the same."""
    return old == new


def untouched_span(old_text: str, new_text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a span of the old text sits in the new one when the edit left its sentence alone:
    the whole sentence inside a stretch of words the edit kept (a word-level diff, difflib),
    and the same sentence around the span in the new text; shifted by what the edit added or
    removed before it. None when the edit touched the span or its sentence. A dismissal
    carries over only to a finding at exactly that place: "Bruno" dismissed as a therapy dog
    does not clear a "Bruno" the edit adds elsewhere, nor "Our patient Bruno had his stroke"
    written over "Our therapy dog Bruno had his vaccines" (two outside reviews, session 42;
    until then any finding with the same words took the dismissal)."""
    if not 0 <= start <= end <= len(old_text):
        return None
    if old_text == new_text:
        return (start, end)
    old_tokens, new_tokens = _token_spans(old_text), _token_spans(new_text)
    old_words = [old_text[a:b] for a, b in old_tokens]
    new_words = [new_text[a:b] for a, b in new_tokens]
    # the words both ends share are kept as they were; only the stretch between is diffed
    head = 0
    while head < min(len(old_words), len(new_words)) and old_words[head] == new_words[head]:
        head += 1
    tail = 0
    while tail < min(len(old_words), len(new_words)) - head and \
            old_words[-1 - tail] == new_words[-1 - tail]:
        tail += 1
    # ... and the end both share, counted on its own too (the head may have taken its first
    # word: "Bruno, 54, ..." put before "Bruno is our therapy dog.")
    whole_tail = tail
    while whole_tail < min(len(old_words), len(new_words)) and \
            old_words[-1 - whole_tail] == new_words[-1 - whole_tail]:
        whole_tail += 1
    blocks = [(0, 0, head), (len(old_words) - tail, len(new_words) - tail, tail),
              (len(old_words) - whole_tail, len(new_words) - whole_tail, whole_tail)]
    middle_old = old_words[head:len(old_words) - tail]
    middle_new = new_words[head:len(new_words) - tail]
    if max(len(middle_old), len(middle_new)) <= _DIFF_TOKENS:
        blocks += [(i + head, j + head, size) for i, j, size in SequenceMatcher(
            None, middle_old, middle_new, autojunk=False).get_matching_blocks()]
    a, b = _sentence_around(old_text, start, end)
    for i, j, size in blocks:
        if size and old_tokens[i][0] <= a and b <= old_tokens[i + size - 1][1]:
            shift = new_tokens[j][0] - old_tokens[i][0]
            # the words kept may now run on into new ones ("Bruno is our dog" + " who was
            # discharged ..."): the new text's sentence must be the old one
            if _sentence_around(new_text, start + shift, end + shift) == (a + shift, b + shift):
                return (start + shift, end + shift)
            return None
    return None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) holding the span, without surrounding blanks."""
    inside = [(a, b) for a, b in sentences(text) if a < max(end, start + 1) and b > start]
    if not inside:
        return (start, end)
    a, b = inside[0][0], inside[-1][1]
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b)


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# an edit rewriting more tokens than this in one stretch (words, blanks and punctuation marks
# each count) keeps only what lies outside it (difflib's time grows with the square of the
# stretch: 18,000 tokens took 7-13 s)
_DIFF_TOKENS = 3_000


def _token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]
