"""The patient-authorization registry: `socialbot consent add|list|revoke`.

A practice may publish a patient's name, story or photo only with the patient's written
HIPAA authorization (45 CFR 164.508). The form itself stays in the practice's records;
the registry names it (a reference, or the file's SHA-256), says what it covers and until
when, and who recorded it. Dismissing a finding as "written authorization on file" must
name one of these entries, and publishing re-checks that it is still in force.

The audit trail records each change with the name's hash, not the name: the trail is
kept for ever, the patient's name need not be.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, exists, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import object_session

from policies.rendering import is_blank
from policies.review import (
    ConsentTerms,
    Scope,
    consent_problem,
    day_end,
    parse_scopes,
    validity,
)
from social_bot import audit
from social_bot.app import App
from social_bot.db.models import AuditRecord, Consent, utcnow
from social_bot.errors import NotFound, Refused, UserError
from social_bot.filesafety import open_checked
from social_bot.inputs import kept_form, refuse_controls, refuse_hidden
from social_bot.posts import Staff, as_policy_names
from social_bot.timefmt import display_zone, session_zone


def typed_trace(session: Any, text: str) -> dict[str, int | str]:
    """What the audit trail keeps of free text a person typed (a revocation's reason, a
    form's filing reference, a dismissal's note): its length and keyed digest, never the
    text. The trail is kept for ever and exported; "Maria withdrew it after her mastectomy"
    or an EHR reference with a record number must not be in it (chat/typed.py)."""
    from social_bot.chat.typed import trace

    return trace(audit.session_keys(session).current, text).as_detail()


def _canonical_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def name_hash(name: str) -> str:
    """The unkeyed hash records written before this session carry (``name_sha256``)."""
    return hashlib.sha256(_canonical_name(name).encode()).hexdigest()


def name_digest(key: bytes, name: str) -> str:
    """The keyed digest new records carry (``name_hmac``): not confirmable by guessing."""
    from social_bot.chat.typed import identifier_digest

    return identifier_digest(key, _canonical_name(name))


def _same_name(detail: dict[str, Any], key: bytes | None, name: str) -> bool:
    if "name_hmac" in detail:
        return key is not None and hmac.compare_digest(str(detail["name_hmac"]),
                                                       name_digest(key, name))
    return detail.get("name_sha256") == name_hash(name)


def parse_expiry(value: str, now: datetime | None = None,
                 zone: tzinfo | None = None) -> datetime:
    """A date (valid through that day in the practice's zone, ``zone``; None: this
    machine's) or an ISO time with a zone (that instant); must be ahead. Stored in UTC."""
    now = now or datetime.now(UTC)
    text = value.strip()
    too_late = UserError(f"--expires {value[:40]!r} is out of range: give a date before "
                         "9999-12-31")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    try:
        if day is not None:
            if day == date.max:  # no day after it to end on
                raise too_late
            when = day_end(day, zone)
        else:
            try:
                when = datetime.fromisoformat(text)
            except ValueError:
                raise UserError(f"--expires {value!r} is not a date (e.g. 2027-06-30)") from None
            if when.tzinfo is None:
                raise UserError(f"--expires {value!r} has no time zone; give a date "
                                "(2027-06-30) or a time with a zone") from None
            when = when.astimezone(UTC)
    except OverflowError:
        raise too_late from None
    if when <= now:
        raise UserError(f"--expires {value!r} is not in the future: an expired authorization "
                        "covers nothing")
    return when


def _form_hash(path: str) -> str:
    file = Path(path).expanduser()
    if file.is_symlink() or not file.is_file():
        raise UserError(f"form file not found (or not a regular file): {path}")
    digest = hashlib.sha256()
    try:
        with os.fdopen(open_checked(file, os.O_RDONLY), "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise UserError(f"cannot read form file {path}: {exc.strerror}") from None
    return digest.hexdigest()


def terms(row: Consent) -> ConsentTerms:
    return ConsentTerms(id=row.id, patient_name=row.patient_name,
                        scopes=tuple(Scope(s) for s in row.scopes), expires_at=row.expires_at,
                        revoked_at=row.revoked_at, zone=session_zone(object_session(row)))


# The consent a `consent.*` record names, read by the database from the keyed detail: the
# index ix_audit_consent (migration 0018) is on this very text, with seq, over these two
# actions. Written out, not bound: a planner matches an expression index, and proves a
# partial one applies, only for the same literal text (a bound '$.consent' or action list
# would not be, and each check would read every consent record again).
CONSENT_OF = {"sqlite": "json_extract(detail, '$.consent')",
              "postgresql": "(CAST(detail AS JSONB) ->> 'consent')"}
CONSENT_ACTIONS = "action IN ('consent.added', 'consent.revoked')"


def consent_records_query(dialect: str, consent_id: int) -> Select[tuple[AuditRecord]]:
    """The `consent.added` and `consent.revoked` records naming ``consent_id``, in trail
    order, read through the index. A pre-filter only: the caller still compares each
    record's parsed detail and checks its MAC, so nothing is trusted to the index."""
    value: int | str = consent_id if dialect == "sqlite" else str(consent_id)  # ->> is text
    named = sql_text(f"{CONSENT_OF[dialect]} = :consent").bindparams(consent=value)
    return (select(AuditRecord).where(sql_text(CONSENT_ACTIONS), named)
            .order_by(AuditRecord.seq))


def revocation_seen(dialect: str, consent_ids: Sequence[int]) -> ColumnElement[bool]:
    """Whether any of these authorizations has a `consent.revoked` record in the trail or a
    revoked row, as one expression of two indexed lookups (the publisher's fence reads it
    with the delivery row before each platform request, one round trip). A pre-filter
    only: a True answer is judged by `audited_problem`."""
    ids = sorted(set(consent_ids))
    named = sql_text(f"{CONSENT_OF[dialect]} IN :ids").bindparams(
        bindparam("ids", [i if dialect == "sqlite" else str(i) for i in ids], expanding=True))
    recorded = select(AuditRecord.seq).where(
        sql_text(CONSENT_ACTIONS), named, AuditRecord.action == "consent.revoked")
    revoked_row = select(Consent.id).where(Consent.id.in_(ids), Consent.revoked_at.is_not(None))
    return or_(exists(recorded), exists(revoked_row))


def _consent_records(session: Any, consent_id: int) -> Iterable[AuditRecord]:
    return session.scalars(consent_records_query(session.get_bind().dialect.name, consent_id))


def _recorded_problem(session: Any, row: Consent) -> str | None:
    """Why this row is not the authorization the keyed audit trail recorded, or None.

    The row can be written by anyone with database access: a revoked authorization set
    back to unrevoked, an expiry moved, a scope or name added, a row inserted by hand.
    The trail's `consent.added` record (name hash, scopes, expiry) and any
    `consent.revoked` record are what the row must agree with."""
    keys = audit.session_keys(session)
    records = _consent_records(session, row.id)
    added = revoked = None
    added_key: bytes | None = None
    added_seq = 0
    for record in records:
        detail = json.loads(record.detail or "{}")
        if detail.get("consent") != row.id or not audit.record_intact(record, keys):
            continue
        if record.action == "consent.added" and added is None:
            added, added_key, added_seq = detail, keys.get(record.key_id), record.seq
        elif record.action == "consent.revoked" and revoked is None:
            revoked = record
    if added is None:
        return f"authorization #{row.id} has no intact audit record of being recorded"
    # A revocation is known by its record: removed from the database together with the
    # row's revoked_at, the votes it voided put back, the story was published (an outside
    # review, session 44). Any record missing since this one was written may be it.
    if missing := audit.missing_after(session, added_seq):
        return (f"authorization #{row.id} cannot be trusted: {missing} audit record(s) "
                f"written after it was recorded (record #{added_seq}) were removed from the "
                "database; run socialbot audit verify")
    try:
        expires = datetime.fromisoformat(str(added.get("expires_at")))
    except ValueError:
        expires = None
    if (not _same_name(added, added_key, row.patient_name)
            or sorted(added.get("scopes") or []) != sorted(row.scopes or [])
            or expires is None or expires != row.expires_at):
        return (f"authorization #{row.id} was changed in the database after it was recorded "
                "(it differs from its audit record)")
    if revoked is not None:
        return f"authorization #{row.id} was revoked on {revoked.at:%Y-%m-%d}"
    return None


def audited_problem(session: Any, row: Consent, now: datetime | None = None) -> str | None:
    """Why this authorization is not in force now, judged on the row *and* the keyed audit
    trail (the publisher, the dismissal and the approvers' card all ask this)."""
    return _recorded_problem(session, row) or consent_problem(terms(row), now or utcnow())


def view(row: Consent, now: datetime | None = None) -> dict[str, Any]:
    session = object_session(row)
    problem = (audited_problem(session, row, now) if session is not None
               else consent_problem(terms(row), now or utcnow()))
    return {
        "id": row.id, "patient_name": row.patient_name, "scopes": list(row.scopes),
        "form_ref": row.form_ref, "form_sha256": row.form_sha256,
        "recorded_by": row.recorded_by, "recorded_os_user": row.recorded_os_user,
        "recorded_at": row.recorded_at.isoformat(), "expires_at": row.expires_at.isoformat(),
        "valid": validity(row.expires_at, session_zone(session)),
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
        "revoked_by": row.revoked_by, "revoke_reason": row.revoke_reason,
        "in_force": problem is None, "problem": problem,
    }


def _warn_if_allowed(app: App, name: str) -> None:
    """A patient whose name the policy's allow_names lists is read by the screen as staff:
    posts naming them are not blocked, so no dismissal naming this authorization is asked
    for and the approvers are shown none (session 45). Said, not refused: a staff member
    may be a patient of the practice too. The name is not logged (a patient's)."""
    allow = app.policy.phi
    if allow.lists_exactly(name) or allow.allows_name(name):
        logging.getLogger("socialbot.consents").warning(
            "warning: the policy's [phi] allow_names lists this patient's name, so the PHI "
            "screen reads it as staff and does not stop posts naming them; if they are not "
            "staff, remove the name from allow_names")


def _warn_if_one_word(name: str) -> None:
    """A one-word name ("Ann") is every person who shares it: a dismissal citing this
    authorization clears "Ann" in any post, about any Ann. Said as the policy file's
    one-word allow_names are (settings.load_policy); not refused, a patient may be known
    by one name. The name is not logged (a patient's)."""
    if len(name.split()) == 1:
        logging.getLogger("socialbot.consents").warning(
            "warning: the patient's name is one word: a dismissal citing this authorization "
            "clears that word in any post, whoever it names; record the name as posts will "
            "write it in full (given name and surname) where you can")


def _on_file(session: Any, name: str, scopes: Sequence[Any], ref: str | None,
             digest: str | None) -> int | None:
    """The id of an authorization not revoked with the same name (case aside), scopes and
    form, or None: the same form typed in twice (the newcomer, session 51, #8)."""
    wanted = {str(s) for s in scopes}
    rows = session.scalars(select(Consent).where(Consent.revoked_at.is_(None))
                           .order_by(Consent.id)).all()
    for row in rows:
        if (row.patient_name.casefold() == name.casefold() and set(row.scopes) == wanted
                and row.form_ref == ref and row.form_sha256 == digest):
            return row.id
    return None


def _warn_twin(twin: int, new_id: int) -> None:
    """Said, not refused: a renewal of the same form (a new expiry date) is recorded as a
    new authorization, and refusing would make staff invent a form reference to get it
    through. Ids only: the name is a patient's."""
    logging.getLogger("socialbot.consents").warning(
        "warning: an authorization with this name, scope and form is already on file as #%d; "
        "#%d is recorded too. If it was typed twice, revoke one: `socialbot consent revoke %d "
        "--reason \"recorded twice\"`", twin, new_id, new_id)


def add_consent(app: App, staff: Staff, patient_name: str, scopes: Sequence[str],
                expires: str, *, form_ref: str | None = None,
                form_file: str | None = None) -> int:
    staff = as_policy_names(app, staff)  # the policy's name for the login, as posts show
    refuse_controls(patient_name, "the patient's name")  # before split() eats \x1c-\x1f
    # a soft hyphen or an NFD accent is removed or composed with a note, as in a post's
    # text (session 51, A3): the name must match the post's words as the post stores them
    patient_name = kept_form(patient_name, "the patient's name")
    form_ref = kept_form(form_ref, "--form") if form_ref else form_ref
    # a name that hides text covers nobody's visible name and kept the hidden one in the
    # table (an outside review's second round, session 50, N2)
    refuse_hidden(patient_name, "the patient's name")
    refuse_hidden(refuse_controls(form_ref or "", "--form"), "--form")
    name = " ".join(patient_name.split())
    if is_blank(name):  # empty, or zero-width characters alone: no name (a review)
        raise UserError("give the patient's name as it will appear in posts")
    try:
        chosen = parse_scopes(scopes)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    ref = " ".join((form_ref or "").split()) or None
    if ref is not None and is_blank(ref):
        raise UserError("--form names where the signed form is filed: this one has nothing "
                        "visible in it")
    if ref is None and form_file is None:
        raise UserError("name the signed form: --form REF (where it is filed) and/or "
                        "--form-file PATH (its hash is kept, not the file)")
    digest = _form_hash(form_file) if form_file is not None else None
    _warn_if_allowed(app, name)
    _warn_if_one_word(name)
    # the day typed ends at midnight on the practice's clock: an unknown
    # SOCIALBOT_TIMEZONE is refused here, not guessed
    expires_at = parse_expiry(expires, zone=display_zone(app.settings.timezone))
    with app.db.write() as session:
        twin = _on_file(session, name, chosen, ref, digest)
        row = Consent(patient_name=name, scopes=[str(s) for s in chosen], form_ref=ref,
                      form_sha256=digest, recorded_by=staff.name,
                      recorded_os_user=staff.os_user, expires_at=expires_at)
        session.add(row)
        session.flush()
        if twin is not None:
            _warn_twin(twin, row.id)
        audit.append(session, actor=staff.name, os_user=staff.os_user, action="consent.added",
                     detail={"consent": row.id,
                             "name_hmac": name_digest(audit.session_keys(session).current,
                                                      name),
                             "scopes": row.scopes,
                             "form_ref": typed_trace(session, ref) if ref else None,
                             "form_sha256": digest,
                             "expires_at": expires_at})
        return row.id


def list_consents(app: App, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    now = utcnow()
    with app.db.read() as session:
        rows = session.scalars(select(Consent).order_by(Consent.id)).all()
        views = [view(r, now) for r in rows]
    return views if include_inactive else [v for v in views if v["in_force"]]


def get_consent(app: App, consent_id: int) -> dict[str, Any]:
    with app.db.read() as session:
        row = session.get(Consent, consent_id)
        if row is None:
            raise NotFound(f"no authorization with id {consent_id}")
        return view(row)


@dataclass(frozen=True)
class Revoked:
    """What a revocation did to the posts whose current revision relies on it: ``blocked``,
    waiting for or holding approval, went back to blocked_phi (approvers told in chat);
    ``live`` were already published (or publishing) and name the patient: socialbot cannot
    take them down, a person does, on the platform (the newcomer walk-through, session 48)."""

    blocked: tuple[int, ...] = ()
    live: tuple[int, ...] = ()
    # blocked_phi already (another finding not yet dismissed): they stay blocked, and the
    # dismissal citing the authorization no longer clears its finding, so dismissing the
    # others does not send them to approval (dismissals.still_blocking). Before session 49
    # they were not named, and went to approval carrying the revoked dismissal.
    still_blocked: tuple[int, ...] = ()


def revoke_consent(app: App, staff: Staff, consent_id: int, reason: str) -> Revoked:
    """The patient withdrew it (or it was recorded in error). Every post waiting for or
    holding approval whose current revision has a dismissal citing it goes back to
    blocked_phi at once, its approvals voided (as an edit would): nobody may vote on, or
    publish, a name the patient no longer allows. Returns those posts, the live ones, and
    the ones blocked already (they cannot go to approval while that dismissal stands)."""
    staff = as_policy_names(app, staff)
    reason = refuse_hidden(refuse_controls(kept_form(reason, "--reason"), "--reason"),
                           "--reason")
    reason = " ".join(reason.split())
    if is_blank(reason):  # a zero-width space alone was recorded as the reason (session 44)
        raise UserError("say why the authorization is revoked: --reason TEXT")
    with app.db.write() as session:
        row = session.get(Consent, consent_id, with_for_update=True)
        if row is None:
            raise NotFound(f"no authorization with id {consent_id}")
        if row.revoked_at is not None:
            raise Refused(f"authorization #{consent_id} was already revoked on "
                          f"{row.revoked_at:%Y-%m-%d}")
        # the relying posts first, then the record: its audit head lock, taken before a
        # post that a publisher was claiming (post locked, audit head next), deadlocked
        # on PostgreSQL and could abort the revocation (review, session 44)
        _lock_relying_posts(session, consent_id)
        row.revoked_at, row.revoked_by, row.revoke_reason = utcnow(), staff.name, reason
        audit.append(session, actor=staff.name, os_user=staff.os_user,
                     action="consent.revoked",
                     detail={"consent": consent_id, "reason": typed_trace(session, reason)})
        return _reblock_relying_posts(session, staff, consent_id)


def _lock_relying_posts(session: Any, consent_id: int) -> dict[int, Any]:
    """The posts with a dismissal citing this authorization, locked in id order."""
    from social_bot.db.models import Dismissal
    from social_bot.posts import lock_post

    post_ids = session.scalars(select(Dismissal.post_id).where(
        Dismissal.consent_id == consent_id).distinct()).all()
    return {post_id: lock_post(session, post_id) for post_id in sorted(post_ids)}


def _reblock_relying_posts(session: Any, staff: Staff, consent_id: int) -> Revoked:
    from social_bot.dismissals import send_back
    from social_bot.domain import Status
    from social_bot.posts import current_revision

    voting = (Status.PENDING_APPROVAL, Status.APPROVED, Status.HELD)
    out = (Status.PUBLISHING, Status.PUBLISHED, Status.PARTIALLY_PUBLISHED)
    blocked: list[int] = []
    live: list[int] = []
    still: list[int] = []
    for post in _lock_relying_posts(session, consent_id).values():
        if post.status not in (*voting, *out, Status.BLOCKED_PHI):
            continue
        revision = current_revision(post)
        if not any(f.dismissal is not None and f.dismissal.consent_id == consent_id
                   for f in revision.findings):
            continue
        if post.status in out:
            live.append(post.id)
            continue
        if post.status == Status.BLOCKED_PHI:
            still.append(post.id)
            continue
        # the approvers have its card in chat: their buttons no longer count
        send_back(session, post, revision, consent_id, f"authorization #{consent_id} was "
                  "revoked", actor=staff.name, os_user=staff.os_user,
                  action="post.consent_revoked", detail={}, tell=False)
        blocked.append(post.id)
    return Revoked(tuple(blocked), tuple(live), tuple(still))
