"""A person's decision about a PHI finding, as plain rules over plain data.

The screen blocks; a person who knows better (this is our nurse, a public figure who spoke
about it, a cartoon, a patient who signed an authorization) may dismiss one finding, but
only with a reason from this fixed list, and a "written authorization" must name a
registry entry that covers what the finding discloses and is still in force. Nothing here
touches the database: social_bot/dismissals.py and social_bot/consents.py do the I/O.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


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
    STORY = "story"  # details of their care (condition, procedure, dates, place)
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


@dataclass(frozen=True)
class ConsentTerms:
    id: int
    patient_name: str
    scopes: tuple[Scope, ...]
    expires_at: datetime
    revoked_at: datetime | None = None


def is_photo(key: FindingKey) -> bool:
    return key.category == "photo"


def needed_scope(key: FindingKey) -> Scope:
    """Which part of an authorization a finding needs: a face needs "photo", a name needs
    "name", anything else a post says about a patient's care needs "story"."""
    if is_photo(key):
        return Scope.PHOTO
    if key.category == "name":
        return Scope.NAME
    return Scope.STORY


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
                      if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split()).casefold()


def consent_problem(consent: ConsentTerms, now: datetime) -> str | None:
    """Why this authorization is not in force now, or None."""
    if consent.revoked_at is not None:
        return f"authorization #{consent.id} was revoked on {consent.revoked_at:%Y-%m-%d}"
    if consent.expires_at <= now:
        return f"authorization #{consent.id} expired on {consent.expires_at:%Y-%m-%d}"
    return None


def authorization_problem(consent: ConsentTerms, key: FindingKey, post_text: str,
                          now: datetime) -> str | None:
    """Why this authorization does not cover this finding in this post, or None.

    A name must be (part of) the patient's name as recorded; any other detail of the story
    is covered only in a post that names that patient; a face needs the photo scope.
    """
    problem = consent_problem(consent, now)
    if problem:
        return problem
    scope = needed_scope(key)
    if scope not in consent.scopes:
        covered = ", ".join(consent.scopes)
        return f"authorization #{consent.id} covers {covered}, not {scope}"
    name = canonical(consent.patient_name).split()
    if scope is Scope.NAME:
        words = canonical(key.text).split()
        if not words or not set(words) <= set(name):
            return (f"authorization #{consent.id} is for another name than the one this "
                    "finding is about")
    elif scope is Scope.STORY and f" {' '.join(name)} " not in f" {canonical(post_text)} ":
        return (f"authorization #{consent.id} covers a story naming its patient, and this "
                "post does not name them as recorded")
    return None


def dismissal_problem(key: FindingKey, reason: DismissReason, *, note: str | None,
                      consent: ConsentTerms | None, post_text: str, now: datetime
                      ) -> str | None:
    """Why this dismissal may not be recorded, or None."""
    allowed = reasons_for(key)
    if reason not in allowed:
        choices = ", ".join(allowed)
        return f"{reason} does not apply to a {key.category} finding: choose {choices}"
    if reason is DismissReason.AUTHORIZATION:
        if consent is None:
            return ("a written authorization must name its registry entry: --consent ID "
                    "(see `socialbot consent list`)")
        return authorization_problem(consent, key, post_text, now)
    if consent is not None:
        return "--consent goes only with --reason authorization"
    if reason is DismissReason.STAFF and is_photo(key) and not (note and note.strip()):
        return "name the staff in the photo: --note \"Ana Ruiz, Ben Cole\""
    return None


def carries_over(old: FindingKey, new: FindingKey) -> bool:
    """An edit keeps a dismissal only while its span reads exactly the same."""
    return old == new
