"""The audit trail: append-only records chained by a keyed MAC, verified and exported.

Each record carries ``HMAC-SHA256(key, canonical record + previous MAC)``. The key lives
outside the database (social_bot/audit_key.py), so someone who can only write to the
database cannot edit, remove or re-chain records without ``verify`` noticing; truncating
the tail together with ``audit_head`` is caught by an anchor kept elsewhere
(``socialbot audit anchor``). Records written before the chain was keyed (``key_id`` NULL,
plain SHA-256) are accepted only as a prefix: the first keyed record covers their last
hash, so they cannot be rewritten afterwards either (docs/security.md).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from sqlalchemy import ColumnElement, String, Text, cast, func, select, type_coerce
from sqlalchemy.orm import Session, object_session

from social_bot import vote_seal
from social_bot.audit_aims import early_deliveries, moved_replies
from social_bot.audit_approvals import SEAL_SEEN, VOIDS, ApprovalBacking
from social_bot.audit_key import AuditKeys, missing_key_error
from social_bot.chat_views import check_views
from social_bot.db.models import (
    Approval,
    AuditHead,
    AuditRecord,
    Comment,
    Delivery,
    Post,
    Revision,
    utcnow,
)
from social_bot.domain import MediaRef, ReplyRemote, RevisionContent, Status
from social_bot.errors import UserError

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "os_user", "action", "post_id", "revision", "revision_hash",
          "detail", "prev_hash", "key_id", "hash")
# Fields of records written before keying (their hash never covered key_id).
_LEGACY_FIELDS = tuple(f for f in FIELDS if f not in ("hash", "key_id"))
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_STATUSES = frozenset(Status)
# The actions verify compares with the tables they describe.
_CROSS_CHECKED = frozenset({"approval.recorded", "delivery.published", "comment.kept",
                            "comment.hidden", "comment.deleted"})


def _canonical(fields: Mapping[str, Any], names: tuple[str, ...]) -> bytes:
    return json.dumps({k: fields[k] for k in names}, sort_keys=True, ensure_ascii=False,
                      default=str).encode()


def record_hash(fields: Mapping[str, Any]) -> str:
    """The unkeyed hash of a record written before the chain was keyed."""
    return hashlib.sha256(_canonical(fields, _LEGACY_FIELDS)).hexdigest()


def record_mac(fields: Mapping[str, Any], key: bytes) -> str:
    """The keyed MAC of one record's content, its key id and its predecessor's MAC."""
    names = tuple(f for f in FIELDS if f != "hash")
    return hmac.new(key, _canonical(fields, names), hashlib.sha256).hexdigest()


def session_keys(session: Session) -> AuditKeys:
    keys = session.info.get("audit_keys")
    if keys is None:
        raise missing_key_error()
    return keys


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="microseconds")


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    os_user: str | None = None,
    post_id: int | None = None,
    revision: int | None = None,
    revision_hash: str | None = None,
    detail: Mapping[str, Any] | None = None,
    approval_round: int | None = None,
) -> AuditRecord:
    """Write one record in the caller's transaction. Locking the head serialises writers.
    ``approval_round`` (`post.approved` only) goes in the keyed detail as "round" and in the
    column the unique index uq_audit_approval_round reads: one per revision and round."""
    if (approval_round is None) != (action != "post.approved"):
        raise ValueError("a post.approved record, and only it, names its approval round")
    if approval_round is not None:
        detail = {**(detail or {}), "round": approval_round}
    head, keys = _locked_head(session, rotating=action == "audit.key_rotated")
    at = utcnow()
    fields: dict[str, Any] = {
        "seq": head.seq + 1,
        "at": _iso(at),
        "actor": actor,
        "os_user": os_user,
        "action": action,
        "post_id": post_id,
        "revision": revision,
        "revision_hash": revision_hash,
        "detail": json.dumps(dict(detail or {}), sort_keys=True, ensure_ascii=False, default=str),
        "prev_hash": head.hash,
        "key_id": keys.current_id,
    }
    fields["hash"] = record_mac(fields, keys.current)
    record = AuditRecord(**{**fields, "at": at}, approval_round=approval_round)
    session.add(record)
    head.seq, head.hash = fields["seq"], fields["hash"]
    session.flush()
    return record


def _locked_head(session: Session, rotating: bool = False) -> tuple[AuditHead, AuditKeys]:
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    return head, _keys_for_next(session, head.seq, rotating)


def next_place(session: Session) -> tuple[int, str]:
    """The seq and prev_hash the next record of this transaction will carry (the head is
    locked, so no other writer takes them): what a record's own signature can bind it to."""
    head = _locked_head(session)[0]
    return head.seq + 1, head.hash


def keys_in_force(session: Session) -> AuditKeys:
    """The keys the next record of this transaction will be written with: a new revision's
    content hash is keyed with the same key as the records that name it."""
    return _locked_head(session)[1]


def stored_content(revision: Revision) -> RevisionContent:
    """The content a revision row holds, as its hash was computed from it."""
    return RevisionContent(
        text=revision.text, platforms=tuple(revision.platforms or ()),
        media=tuple(MediaRef.from_stored(m) for m in revision.media or ()),
        scheduled_at=revision.scheduled_at, reply_to=revision.reply_to_comment_id,
        reply_remote=stored_reply_remote(revision))


def stored_reply_remote(revision: Revision) -> ReplyRemote | None:
    """The answered comment's platform id the revision row holds. Half a pair still makes
    one: its hash then differs from the approved, rather than reading as "a post"."""
    if revision.reply_to_platform is None and revision.reply_to_remote_id is None:
        return None
    return ReplyRemote(revision.reply_to_platform or "", revision.reply_to_remote_id or "")


def hashed_as(revision: Revision, keys: AuditKeys, content: RevisionContent) -> str | None:
    """``content``'s hash computed as this revision's was: under the audit key its row
    names, or plain SHA-256 for a revision written before hashes were keyed (hash_key_id
    NULL). None when that key is not configured (retired and dropped)."""
    if revision.hash_key_id is None:
        return content.content_hash()
    key = keys.get(revision.hash_key_id)
    return None if key is None else content.content_hash(key)


def stored_hash_holds(revision: Revision, keys: AuditKeys) -> bool:
    """Is the stored revision (text, platforms, media, schedule) still what its hash, and so
    its votes, were bound to? Votes name `content_hash`; without recomputing it, someone who
    edits `revisions.text` in the database would publish words nobody approved."""
    recomputed = hashed_as(revision, keys, stored_content(revision))
    return recomputed is not None and hmac.compare_digest(recomputed, revision.content_hash)


WRITES = ("post.created", "post.edited")


def unkeyed_hash_vouched(revision: Revision, keys: AuditKeys | None) -> bool:
    """Is this revision's hash one socialbot wrote? A keyed hash (`hash_key_id` set) is: only
    the audit key makes it. An unkeyed one (plain SHA-256, written before session 44) anyone
    can compute, so a database writer without the key could put a decoy in the row, NULL in
    `hash_key_id` and the decoy's plain hash in `content_hash`, and the card, the vote and
    the publisher took the decoy as the author's (session 54, reread C, R3). It holds only
    where an audit record of the revision's writing (post.created or post.edited, by post,
    number and hash) names it and is itself intact: keyed with a key held here, or written
    before the chain was keyed and covered by the first keyed record (`_sealed_unkeyed`).
    A keyed-era record never names a plain hash, so such a record is the revision's own.
    One query, for unkeyed revisions only. A purged revision is asked too: `purged_at` is a
    column any database writer sets, and it must not turn this check off (reread E, E1)."""
    if revision.hash_key_id is not None:
        return True
    session = object_session(revision)
    if keys is None or session is None:
        return False
    vouched = session.info.get("unkeyed_vouched", {})
    said = (revision.post_id, revision.number, revision.content_hash)
    if said in vouched:  # `vouch_unkeyed` read it, in this session
        return vouched[said]
    records = post_records(session, revision.post_id, AuditRecord.revision == revision.number,
                           AuditRecord.revision_hash == revision.content_hash,
                           AuditRecord.action.in_(WRITES))
    return _vouches(session, records, keys)


def _vouches(session: Session, records: Iterable[AuditRecord], keys: AuditKeys) -> bool:
    return any(record_intact(r, keys) or (r.key_id is None and _sealed_unkeyed(session, r, keys))
               for r in records)


def vouch_unkeyed(session: Session, revisions: Iterable[Revision], keys: AuditKeys | None) -> None:
    """`unkeyed_hash_vouched` of many revisions read in one statement, kept in the session
    for the calls that follow: a listing of 100 pre-session-44 revisions took 59 ms one by
    one (docs/history/security.md)."""
    wanted = {(r.post_id, r.number, r.content_hash) for r in revisions
              if r.hash_key_id is None}
    if keys is None or not wanted:
        return
    found: dict[tuple[int, int, str], list[AuditRecord]] = {w: [] for w in wanted}
    for record in session.scalars(select(AuditRecord).where(
            AuditRecord.post_id.in_({w[0] for w in wanted}),
            AuditRecord.action.in_(WRITES)).order_by(AuditRecord.seq)):
        said = (record.post_id, record.revision, record.revision_hash)
        if said in found:
            found[said].append(record)
    vouched = session.info.setdefault("unkeyed_vouched", {})
    for said, records in found.items():
        vouched[said] = _vouches(session, records, keys)


def _sealed_unkeyed(session: Session, record: AuditRecord, keys: AuditKeys) -> bool:
    """Is unkeyed ``record`` one of the records written before the chain was keyed, and
    unchanged since? Each from it to the first keyed record holds its plain hash and links
    to the one before, and that first keyed record (`init`'s `audit.keyed` seal) holds its
    MAC: it covers the last unkeyed hash (docs/security.md). Walked once per session from
    the lowest record asked about: the unkeyed prefix never grows. What the walk read of
    each record (`_said`) is kept with it, and ``record`` as this session loaded it must
    say the same: the walk reads the rows again, and on PostgreSQL (read committed) a row
    can change between two statements of one session, so a record that named a decoy's
    hash when loaded and was put back before the walk vouched for the decoy (reread E, E2)."""
    first_keyed = session.scalar(select(func.min(AuditRecord.seq))
                                 .where(AuditRecord.key_id.is_not(None)))
    seq = record.seq
    if first_keyed is None or first_keyed <= seq:
        return False
    done = session.info.get("sealed_unkeyed")
    if done is None or done[1] != first_keyed or done[0] > seq:
        walked = _walk_sealed(session, seq, first_keyed, keys)
        if walked is None:
            return False
        session.info["sealed_unkeyed"] = done = (seq, first_keyed, walked)
    return done[2].get(seq) == _said(record)


def _said(fields: Any) -> tuple[Any, ...]:
    """What vouching reads of a record: its action, post, revision and revision hash, and
    its own hash (which covers the rest)."""
    get = fields.get if isinstance(fields, dict) else lambda name: getattr(fields, name)
    return tuple(get(name) for name in ("action", "post_id", "revision", "revision_hash",
                                        "hash"))


def _walk_sealed(session: Session, seq: int, first_keyed: int,
                 keys: AuditKeys) -> dict[int, tuple[Any, ...]] | None:
    """The unkeyed records ``seq`` .. ``first_keyed - 1`` as stored (`_said` of each, by
    seq), when they chain unbroken to a first keyed record whose MAC holds; else None."""
    expected, prev = seq, None
    walked: dict[int, tuple[Any, ...]] = {}
    for fields in _rows(session, where=AuditRecord.seq.between(seq, first_keyed),
                        order=AuditRecord.seq):
        if fields["seq"] != expected or (prev is not None and fields["prev_hash"] != prev):
            return None
        if fields["key_id"] is None:
            if fields["seq"] == first_keyed or record_hash(fields) != fields["hash"]:
                return None
            walked[fields["seq"]] = _said(fields)
        else:
            key = keys.get(fields["key_id"])
            if key is None or not hmac.compare_digest(record_mac(fields, key), fields["hash"]):
                return None
        expected, prev = expected + 1, fields["hash"]
    return walked if expected == first_keyed + 1 else None


def stored_hash_now(revision: Revision, keys: AuditKeys | None) -> str | None:
    """The hash of the revision's content as its row holds it now (text, platforms, media,
    schedule), computed as its `content_hash` was; None when its key is not held."""
    content = stored_content(revision)
    if keys is None:
        return content.content_hash() if revision.hash_key_id is None else None
    return hashed_as(revision, keys, content)


def not_shown(revision: Revision, keys: AuditKeys | None) -> str | None:
    """Why a person may not be shown this revision's stored words, or None when they may:
    the text (with its platforms, media and schedule) no longer hashes to `content_hash`,
    or cannot be checked. Every vote, code, sealed view and witness names `content_hash`;
    a database writer who showed a decoy while a card was drawn, and put the real words
    back before the clicks, had approvers approve words they never read (session 54's
    attack review, P1 and P2). A purged revision shows no words: None."""
    kid = revision.hash_key_id
    said = f"revision {revision.number}'s stored text"
    if revision.purged_at is not None:
        # a purge empties the words; a row marked purged that still holds some was marked
        # in the database, and its words are shown unchecked no more (reread E, E1)
        if not revision.text and not any(not isinstance(m, dict) or m.get("alt")
                                          for m in revision.media or ()):
            return None
        return (f"revision {revision.number} is marked purged but its row still holds words "
                "(changed in the database), so they are not shown; run `socialbot audit "
                "verify`")
    if kid is not None and (keys is None or keys.get(kid) is None):
        # the key id is not named: it is a column any database writer sets, and 16 hex
        # digits carry a phone or chart number as well as a key's name (reread C, s54)
        return (f"{said} cannot be checked against its hash (the audit key its row names "
                "is not configured here), so it is not shown; run `socialbot audit verify`")
    recomputed = stored_hash_now(revision, keys)
    if recomputed is None or not hmac.compare_digest(recomputed, revision.content_hash):
        return (f"{said} does not match its hash (changed in the database), so it is not "
                "shown; run `socialbot audit verify`")
    if not unkeyed_hash_vouched(revision, keys):
        # a plain hash anyone can compute: the text and hash were both replaced (R3)
        return (f"{said} has an unkeyed hash that no intact audit record of its writing "
                "names (text and hash changed in the database), so it is not shown; run "
                "`socialbot audit verify`")
    return None


def _keys_for_next(session: Session, head_seq: int, rotating: bool = False) -> AuditKeys:
    """The keys to write the next record with, checked under the head's lock against the
    key of the chain's last record. A key this process does not hold there means another
    process rotated the key after this one loaded it: the key files are read again, and if
    they still do not know it nothing is written (a retired key must not sign records
    after its retirement). And a key in force that no `audit.key_rotated` record
    introduced signs nothing but that record (``rotating``): see _unrecorded_key."""
    keys = session_keys(session)
    last = session.scalar(select(AuditRecord.key_id).where(AuditRecord.seq == head_seq))
    if last is None:
        return keys
    if keys.get(last) is None:
        reload = session.info.get("audit_key_reload")
        fresh = reload() if callable(reload) else None
        if fresh is None or fresh.get(last) is None:
            raise UserError(f"audit record #{head_seq} was written with audit key {last}, "
                            "which this process does not hold: the audit key was rotated or "
                            "changed after socialbot started; restart it with the key in "
                            "force")
        session.info["audit_keys"] = keys = fresh
    if not rotating and _unrecorded_key(session, keys, last):
        raise UserError(f"the audit key in force ({keys.current_id}) replaced key {last}, "
                        f"which signed the last record (#{head_seq}), without an "
                        "audit.key_rotated record: an `audit rotate-key` was interrupted, or "
                        "audit.key was replaced by hand; run `socialbot audit rotate-key` "
                        "(it undoes an unfinished rotation) before anything else")
    return keys


def _unrecorded_key(session: Session, keys: AuditKeys, last: str) -> bool:
    """Has the key in force signed nothing, while the last record is signed with a key from
    an audit.key.<id>.retired file? `rotate-key` writes its record with the new key before
    anything else can; before session 46 it swapped the files first and wrote the record after, so
    one killed (or whose database went away) in between left a key in force that every
    process then signed with, and the trail never verified again ("which no
    audit.key_rotated record retired"). Keys retired in SOCIALBOT_AUDIT_OLD_KEYS are the
    operator's hand rotation (docs/security.md) and are not held to this; nor is a key in
    force that signed records already (a leaver's records after them are verify's to name,
    and must not stop the practice writing)."""
    if last == keys.current_id or last not in keys.from_files:
        return False
    return session.scalar(select(AuditRecord.seq).where(AuditRecord.key_id == keys.current_id)
                          .limit(1)) is None


def unfinished_rotation(session: Session, keys: AuditKeys) -> str | None:
    """The key an interrupted `audit rotate-key` retired, when the key it left in force has
    signed nothing: that rotation can be undone (the retired key put back in force) without
    losing a record. The same files as audit.key replaced by hand, and undoing that is safe
    too: the key put back is the one the trail was last signed with. None otherwise."""
    last = session.scalar(select(AuditRecord.key_id).where(AuditRecord.key_id.is_not(None))
                          .order_by(AuditRecord.seq.desc()).limit(1))
    return last if last is not None and _unrecorded_key(session, keys, last) else None


def post_records(session: Session, post_id: int,
                 *where: ColumnElement[bool]) -> list[AuditRecord]:
    """This post's audit records that match ``where``, in chain order (by ``seq``).

    Sorted here, not by ``ORDER BY seq``: with that ORDER BY and one action named, SQLite
    reads by `ix_audit_action_seq` (seq order for free) and walks every record of that
    action in the whole trail; without it, by `ix_audit_post`, only this post's few records.
    The claim's checks call this each time (session 49: 74.5 ms a claim at 100,000
    `post.created` records, 0.5 ms; bench/queue_scale.py times `delivery.published`)."""
    return sorted(session.scalars(select(AuditRecord).where(
        AuditRecord.post_id == post_id, *where)), key=lambda record: record.seq)


def intact_revision_records(session: Session, post_id: int, revision: int, revision_hash: str,
                            actions: tuple[str, ...]) -> list[AuditRecord]:
    """This revision's records of these actions whose MAC holds under a key we hold, in chain
    order: what the publisher may trust (the rows alone can be written by anyone with database
    access). The revision number and its hash both: a record about revision 1 is not one about
    revision 3 even when 3 reads the same."""
    records = post_records(session, post_id, AuditRecord.revision == revision,
                           AuditRecord.revision_hash == revision_hash,
                           AuditRecord.action.in_(actions))
    return of_revision(records, revision, revision_hash, actions, session_keys(session))


def of_revision(records: Iterable[AuditRecord], revision: int, revision_hash: str,
                actions: tuple[str, ...], keys: AuditKeys) -> list[AuditRecord]:
    """The records among ``records`` (in chain order) that `intact_revision_records` selects:
    this revision's, by number and hash, of these actions, with their MAC holding. Also for
    records loaded for many posts at once (approval_proof.standings)."""
    return [r for r in records if r.action in actions and r.revision == revision
            and r.revision_hash == revision_hash and record_intact(r, keys)]


def missing_after(session: Session, seq: int) -> int:
    """How many records after record ``seq`` are missing from the chain (0: none). Records
    are numbered without gaps and never deleted, so a gap is a record someone removed in
    the database: a check that trusts the *absence* of a record (a revocation) must not
    trust a trail with one. `verify` names the record; this only counts. The chain's head
    row counts the tail; a tail removed with the head row set back is seen only by an
    anchor. One statement, so one snapshot: read in three, on PostgreSQL (read committed)
    a record another writer committed between them counted -1 "missing", which stopped
    the post as a gap would (an outside review, session 44), or could hide a real one."""
    head = select(AuditHead.seq).where(AuditHead.id == 1).scalar_subquery()
    last = select(func.max(AuditRecord.seq)).scalar_subquery()
    count = (select(func.count()).select_from(AuditRecord).where(AuditRecord.seq > seq)
             .scalar_subquery())
    row = session.execute(select(head, last, count)).one()
    return max(0, max(int(row[0] or 0), int(row[1] or 0)) - seq - int(row[2] or 0))


def record_intact(record: AuditRecord, keys: AuditKeys) -> bool:
    """Is this single record's MAC valid under a key we hold? (Legacy records: never.)"""
    if record.key_id is None:
        return False
    key = keys.get(record.key_id)
    if key is None:
        return False
    fields = {name: getattr(record, name) for name in FIELDS}
    fields["at"] = _iso(record.at)
    if not hmac.compare_digest(record_mac(fields, key), record.hash):
        return False
    session = object_session(record)
    return session is None or not retired_before(session, record, keys)


def retired_before(session: Session, record: AuditRecord, keys: AuditKeys) -> bool:
    """Was the key this record names retired before it was written? A retired key stays
    configured to verify what it wrote before the rotation; whoever kept a copy (the
    colleague who left) must not be able to write valid-looking records after it. A key's
    records come in one run: it is retired once a record with the current key, or with
    any other key after its own first record, precedes this one."""
    return _retired_by(session, record.key_id, record.seq, keys)


def _retired_by(session: Session, kid: str | None, seq: int, keys: AuditKeys) -> bool:
    """`retired_before` of a record signed with key ``kid`` at ``seq``."""
    if kid is None or kid == keys.current_id:
        return False
    earlier = select(AuditRecord.seq).where(AuditRecord.seq < seq).limit(1)
    if session.scalar(earlier.where(AuditRecord.key_id == keys.current_id)) is not None:
        return True
    other = session.scalar(select(func.max(AuditRecord.seq)).where(
        AuditRecord.seq < seq, AuditRecord.key_id.is_not(None),
        AuditRecord.key_id != kid))
    return other is not None and session.scalar(
        earlier.where(AuditRecord.seq < other, AuditRecord.key_id == kid)) is not None


@dataclass(frozen=True)
class Anchor:
    """A chain position kept outside the database: ``SEQ:MAC``."""

    seq: int
    mac: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.mac}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        seq_text, _, mac = text.strip().partition(":")
        if not seq_text.isdigit() or len(mac) != 64 or not all(
                c in "0123456789abcdef" for c in mac):
            raise ValueError(f"anchor {text!r} is not SEQ:MAC (a number, a colon and 64 hex "
                             "digits, as `socialbot audit anchor` prints it)")
        return cls(int(seq_text), mac)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    head: Anchor | None = None
    # what verify found that is no tampering, to say beside its verdict (session 48: chat
    # view rows written before they were keyed)
    notes: tuple[str, ...] = ()


def _stored_time(value: Any) -> str:
    """A record's time as its MAC covers it. Read as stored, not through the column type:
    a time overwritten with text that is not one ('garbage' in SQLite) is then kept as
    that text, so its MAC fails and verify names the record, rather than crashing."""
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return _iso(value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC))


def _stored_rows(session: Session, *columns: Any, where: ColumnElement[bool] | None = None,
                 order: Any = AuditRecord.id) -> Any:
    """The records' fields as stored (``at`` as read, not through the column type), plain
    rows in ``order``."""
    fields = [type_coerce(AuditRecord.at, String).label("at") if name == "at"
              else getattr(AuditRecord, name) for name in FIELDS]
    stmt = select(*columns, *fields).order_by(order).execution_options(yield_per=5000)
    # by the connection: the ORM's row handling cost as much again (bench/trail_window.py)
    return session.connection().execute(stmt if where is None else stmt.where(where))


def _rows(session: Session, where: ColumnElement[bool] | None = None,
          order: Any = AuditRecord.id) -> Iterator[dict[str, Any]]:
    """Each stored record's fields as written (its time as stored), in ``order``."""
    for row in _stored_rows(session, AuditRecord.id, where=where, order=order):
        values = row._asdict()
        values["at"] = _stored_time(values["at"])
        yield values


@dataclass(frozen=True)
class _Seen:
    """One record as the cross-check needs it: where it is, and what it says."""

    seq: int
    action: str
    actor: str
    os_user: str | None
    revision_hash: str | None
    detail: Mapping[str, Any]


# The records that set a comment's state, and the states a row may then be in.
_COMMENT_STATES = ("comment.flagged", "comment.edited", "comment.kept", "comment.hidden",
                   "comment.deleted")
_IN_REVIEW = frozenset({"flagged", "hide_pending", "hidden"})


def comment_states_after(action: str, detail: Mapping[str, Any]) -> frozenset[str]:
    """The states a comment row may be in when this is its last state-setting record.
    Flagged: waiting for a person, or hidden (an edit of a hidden comment is flagged again
    and stays hidden). Edited: judged anew (comments.py, daemon/monitor.py)."""
    if action == "comment.flagged":
        return _IN_REVIEW
    if action == "comment.edited":
        if detail.get("state_before") == "hidden":
            return frozenset({"hidden"})
        return _IN_REVIEW if detail.get("flags") else frozenset({"new"})
    return frozenset({action.split(".")[1]})


class _Tables:
    """What the chain says happened, collected while walking it, to compare with the tables."""

    def __init__(self, public: Any = None) -> None:
        self.approvals: Counter[tuple[Any, ...]] = Counter()
        self.published: Counter[tuple[Any, ...]] = Counter()
        self.comment_actions: dict[int, set[str]] = {}
        self.comment_last: dict[int, _Seen] = {}
        self.writes: dict[tuple[int, int], _Seen] = {}  # (post, revision): created/edited
        self.statuses: dict[int, _Seen] = {}  # post: its last status change
        self.purges: set[tuple[Any, ...]] = set()  # (post, revision, hash) of revision.purged
        self.newest: dict[int, tuple[int, _Seen]] = {}  # post: its last revision written
        # each post.approved against its votes, each vote's seal (session 49)
        self.backing = ApprovalBacking(public)

    def see(self, row: Mapping[str, Any]) -> None:
        action = row["action"]
        if action in VOIDS:
            # The revocation (or lapse) deleted the votes then on this revision (consents.py): they
            # are expected to be gone, and a row put back is reported as not recorded.
            for key in [k for k in self.approvals if k[:2] == (row["post_id"],
                                                               row["revision_hash"])]:
                del self.approvals[key]
        if action == "revision.purged":
            self.purges.add((row["post_id"], row["revision"], row["revision_hash"]))
        if action not in _CROSS_CHECKED and action not in _COMMENT_STATES \
                and action not in SEAL_SEEN and not action.startswith("post."):
            return
        detail = json.loads(row["detail"] or "{}")
        seen = _Seen(row["seq"], action, row["actor"], row["os_user"], row["revision_hash"],
                     detail if isinstance(detail, dict) else {})
        detail = seen.detail
        self.backing.see(row, detail)
        if action == "approval.recorded":
            self.approvals[(row["post_id"], row["revision_hash"], detail.get("identity"))] += 1
        elif action == "delivery.published":
            self.published[(row["post_id"], detail.get("platform"),
                            str(detail.get("remote_id")))] += 1
        elif action in ("post.created", "post.edited") and row["revision"] is not None:
            self.writes.setdefault((row["post_id"], row["revision"]), seen)
            newest = self.newest.get(row["post_id"])
            if newest is None or row["revision"] > newest[0]:
                self.newest[row["post_id"]] = (row["revision"], seen)
        comment_id = detail.get("comment_id", detail.get("comment"))
        if action in _COMMENT_STATES and isinstance(comment_id, int):
            self.comment_last[comment_id] = seen
            if action in _CROSS_CHECKED:
                self.comment_actions.setdefault(comment_id, set()).add(action.split(".")[1])
        # Every status change goes through posts.set_status, which records from and to.
        if row["post_id"] is not None and "from" in detail and detail.get("to") in _STATUSES:
            self.statuses[row["post_id"]] = seen

    def problems(self, session: Session, keys: AuditKeys) -> list[str]:
        # The words first: a revision changed in the database is the cause of the vote and
        # delivery rows that then disagree.
        found = self._revision_problems(session, keys)
        rows = Counter(
            (p, h, i) for p, h, i in session.execute(
                select(Approval.post_id, Approval.content_hash, Approval.identity)))
        found += _differences("approval", rows, self.approvals,
                              lambda k: f"of post {k[0]} (revision {str(k[1])[:12]}) by {k[2]}")
        found += self.backing.seals.problems + self.backing.problems  # the cause first
        published = Counter(
            (p, platform, str(remote)) for p, platform, remote in session.execute(
                select(Delivery.post_id, Delivery.platform, Delivery.remote_id)
                .where(Delivery.status == "published")))
        found += _differences("published delivery", published, self.published,
                              lambda k: f"of post {k[0]} on {k[1]} ({k[2]})")
        found += self._status_problems(session)
        found += _unapproved_platforms(session)
        found += moved_replies(session) + early_deliveries(session)
        found += self._comment_problems(session)
        return found

    def _revision_problems(self, session: Session, keys: AuditKeys) -> list[str]:
        """Each revision row against the keyed record of its writing: its hash (and so its
        words, recomputed under its key), its writer. Before (session 43, finding 3) a text
        or writer changed in the database verified, to be refused only at publish."""
        found: list[str] = []
        unseen = dict(self.writes)
        for revision in session.scalars(select(Revision).order_by(Revision.post_id,
                                                                  Revision.number)):
            where = f"revision {revision.number} of post {revision.post_id}"
            record = unseen.pop((revision.post_id, revision.number), None)
            if record is None:
                found.append(f"{where} has no audit record of its writing (post.created or "
                             "post.edited)")
                continue
            said = f"audit record #{record.seq} ({record.action})"
            # Only a purge its keyed record tells of spares the words their recomputation:
            # purged_at set in the database let whoever could write it erase or replace an
            # approved or published post's words unnoticed (an outside review, session 44).
            purged = revision.purged_at is not None and (
                revision.post_id, revision.number, revision.content_hash) in self.purges
            if record.revision_hash != revision.content_hash:
                found.append(f"{where} has another content hash than its {said}")
            elif revision.purged_at is not None and not purged:
                found.append(f"{where} is marked purged but no audit record says it was "
                             "(revision.purged): its text was erased or changed in the "
                             "database")
            elif not purged and not stored_hash_holds(revision, keys):
                found.append(f"{where}: its text, platforms, media or schedule no longer "
                             f"match the hash its {said} names (changed in the database)")
            writer = f"os:{record.os_user}" if record.os_user else f"name:{record.actor}"
            # created_by was always the record's actor. written_by is NULL only on revisions
            # written before writers were kept; a record that names its hash key (session 44
            # on) is of a revision that had one: set to NULL, the publisher's writer rule
            # would fall back to the typed name (an outside review, session 44).
            unnamed = revision.written_by is None and "hash_key" in record.detail
            if revision.created_by != record.actor or unnamed or (
                    revision.written_by is not None and revision.written_by != writer):
                names = (f"{revision.written_by} ({revision.created_by}) as its writer"
                         if revision.written_by is not None
                         else f"no writer login, only the name {revision.created_by},")
                found.append(f"{where} names {names} but its {said} names {writer} "
                             f"({record.actor})")
        for post_id, number in sorted(unseen):
            found.append(f"the audit trail records revision {number} of post {post_id}, "
                         "which is not in the database")
        return found

    def _status_problems(self, session: Session) -> list[str]:
        found: list[str] = []
        for post_id, status, current in session.execute(
                select(Post.id, Post.status, Post.current_revision).order_by(Post.id)):
            # Revisions are only added, each becoming the current one: a post pointed back
            # at words an edit withdrew (the publisher refuses it) is named here too.
            newest = self.newest.get(post_id)
            if newest is not None and newest[0] != current:
                found.append(f"post {post_id} shows revision {current} but its audit record "
                             f"#{newest[1].seq} ({newest[1].action}) wrote revision "
                             f"{newest[0]}, its latest")
            record = self.statuses.get(post_id)
            if record is not None and record.detail["to"] != status:
                found.append(f"post {post_id} is {status} but its last status change, audit "
                             f"record #{record.seq} ({record.action}), made it "
                             f"{record.detail['to']}")
        return found

    def _comment_problems(self, session: Session) -> list[str]:
        found: list[str] = []
        decided = select(Comment.id, Comment.state).where(
            Comment.state.in_(("kept", "hidden", "deleted")))
        states = dict(session.execute(decided).all())
        for comment_id, state in sorted(states.items()):
            if state not in self.comment_actions.get(comment_id, set()):
                found.append(f"comment {comment_id} is {state} but no audit record says so")
        # A flag or a hide undone in the database (session 43, finding 4): the row must be
        # in a state its last record allows.
        recorded = dict(session.execute(select(Comment.id, Comment.state).where(
            Comment.id.in_(list(self.comment_last)))).all())
        for comment_id, last in sorted(self.comment_last.items()):
            state = recorded.get(comment_id)
            allowed = comment_states_after(last.action, last.detail)
            if state is None:
                found.append(f"audit records act on comment {comment_id}, which is not in the "
                             "comments table")
            elif state not in allowed:
                found.append(f"comment {comment_id} is {state} but its audit record "
                             f"#{last.seq} ({last.action}) leaves it "
                             f"{' or '.join(sorted(allowed))}")
        return found


class _KeyOrder:
    """Which key may sign each record, as the chain itself says. A key signs one run of
    records: it is retired by the record that names it in `audit.key_rotated`, or by the
    first record another key signs after it. Once a record is signed with the key in force
    now, no other key may sign a later one. So a retired key (kept to verify what it wrote)
    cannot add records after its retirement, and a key file put in the data directory
    by hand can sign nothing no rotation retired."""

    def __init__(self, keys: AuditKeys) -> None:
        self.keys = keys
        self.current_id = keys.current_id  # a digest of the key: once, not for each record
        self.retired_at: dict[str, int] = {}
        self.named: set[str] = set()  # retired by an audit.key_rotated record
        self.used: set[str] = set()
        self.last: str | None = None
        self.current_seen = False

    def problem(self, row: Mapping[str, Any]) -> str | None:
        kid, seq = row["key_id"], row["seq"]
        if kid in self.retired_at:
            return (f"was written with audit key {kid}, which record #{self.retired_at[kid]} "
                    "retired: a retired key cannot sign later records")
        if self.current_seen and kid != self.current_id:
            return (f"was written with audit key {kid} after records signed with the key in "
                    f"force ({self.current_id})")
        if self.last is not None and kid != self.last:
            self.retired_at[self.last] = seq
        self.last = kid
        self.used.add(kid)
        self.current_seen = self.current_seen or kid == self.current_id
        if row["action"] == "audit.key_rotated":
            old = json.loads(row["detail"] or "{}").get("old_key_id")
            if old == kid:
                return "retires the key it is signed with"
            if isinstance(old, str):
                self.retired_at.setdefault(old, seq)
                self.named.add(old)
        return None

    def unannounced(self) -> str | None:
        stray = sorted((self.used & self.keys.from_files) - self.named)
        if not stray:
            return None
        return (f"records are signed with audit key {stray[0]} from the file "
                f"audit.key.{stray[0]}.retired, which no audit.key_rotated record retired "
                "(put in the data directory by hand? an interrupted `audit rotate-key` whose "
                "new key signed nothing is undone by running it again)")


def _differences(what: str, table: Counter, chain: Counter,
                 describe: Callable[[tuple[Any, ...]], str]) -> list[str]:
    found = []
    for key in sorted(set(table) | set(chain), key=str):
        if table[key] > chain[key]:
            found.append(f"{what} {describe(key)} has no audit record")
        elif chain[key] > table[key]:
            found.append(f"the audit trail records {what} {describe(key)}, which is not in "
                         "the database")
    return found


class _PolicyPointers:
    """Since session 46 a `policy.changed` record may hold, instead of the whole policy or what
    changed, the seq of the earlier record that has it (``policy_in``, ``changes_in``). Each
    such pointer must lead to an earlier record of the same file (and, for a change, the same
    file before): a pointer to a record planted and then removed, or to another file's, let
    the trail name a policy it no longer held and still verify (an outside review)."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, Any, bool, bool]] = {}  # seq: sha, previous, holds

    def problem(self, seq: int, text: str | None) -> str | None:
        try:
            detail = json.loads(text or "{}")
        except ValueError:
            return "is not readable (its detail is not JSON)"
        if not isinstance(detail, dict):
            return "is not readable (its detail is not a JSON object)"
        sha, previous = detail.get("sha256"), detail.get("previous_sha256")
        for key, same in (("policy", lambda s: s[0] == sha),
                          ("changes", lambda s: s[:2] == (sha, previous))):
            if key in detail or f"{key}_in" not in detail:
                continue
            target = detail[f"{key}_in"]
            found = self._seen.get(target) if type(target) is int else None
            if found is None or not same(found) or not found[2 if key == "policy" else 3]:
                return (f"names its {key} in record #{target}, which is no earlier "
                        f"policy.changed record of the same file holding it: the trail "
                        "does not hold the policy this record names")
        self._seen[seq] = (sha, previous, "policy" in detail, "changes" in detail)
        return None


def _unapproved_platforms(session: Session) -> list[str]:
    """Each delivery on a platform its post's current revision was not approved for (ids
    only): a row added in the database, which the publisher refuses (publish_gate), and
    which verified as intact before (an outside review, session 49, finding 5)."""
    rows = session.execute(
        select(Delivery.id, Delivery.post_id, Delivery.platform,
               cast(Revision.platforms, Text))  # the JSON text: few distinct values
        .join(Post, Post.id == Delivery.post_id)
        .join(Revision, (Revision.post_id == Post.id)
              & (Revision.number == Post.current_revision))
        .order_by(Delivery.id))
    approved: dict[str | None, frozenset[str]] = {}
    found = []
    for delivery, post, platform, stored in rows:
        if stored not in approved:  # each distinct list decoded once (CPU: bench/queue_scale)
            listed = json.loads(stored) if stored else []
            approved[stored] = frozenset(listed if isinstance(listed, list) else ())
        if platform not in approved[stored]:
            found.append(f"delivery {delivery} of post {post} is on {platform}, which its "
                         "current revision was not approved for (a row added in the "
                         "database)")
    return found


_UNKEYED_AFTER = "is unkeyed although keyed records came before it: the chain was rewritten"


def _content_problem(row: Mapping[str, Any], keys: AuditKeys, key_order: _KeyOrder,
                     keyed: bool) -> str | None:
    """Why this record's content is not what was written (its MAC, or before the chain was
    keyed its plain hash, does not hold; a key that may not sign it), or None."""
    if row["key_id"] is None:
        if keyed:
            return _UNKEYED_AFTER
        return None if record_hash(row) == row["hash"] else "was edited after it was written"
    key = keys.get(row["key_id"])
    if key is None:
        return (f"was written with audit key {row['key_id']}, which is not configured (a "
                "retired key? see SOCIALBOT_AUDIT_OLD_KEYS)")
    if not hmac.compare_digest(record_mac(row, key), row["hash"]):
        return "was edited after it was written (its MAC does not match)"
    return key_order.problem(row)


@dataclass(frozen=True)
class Altered:
    """A record whose content no longer holds (`altered_since`): where, and why."""

    seq: int
    action: str
    problem: str


def altered_since(session: Session, seq: int) -> Altered | None:
    """The first record from record ``seq`` on whose content is not what was written, or
    None. `missing_after` finds a record deleted; a record *relabelled* (its seq and MAC
    kept, its `post_id`, `action` or detail changed) left no gap, and a check that trusts
    the absence of a record selected by those columns (a cancellation, an edit, a hold)
    missed it: a cancelled post set back to "approved" was published (session 52). So every
    record since ``seq``, whatever post it names now, must hold its MAC under a key we hold
    and allowed to sign it then; records written before the chain was keyed hold their
    plain hash and their link to the next record (the first keyed one covers the last
    hash). One statement, read as plain rows. A record this process verified before and
    whose stored fields are unchanged since (a keyed digest of them, `_VerifiedRows`) is
    not verified again: its MAC is a function of those fields. bench/trail_window.py
    measures both against a count."""
    keys = session_keys(session)
    verified = _VerifiedRows.of(session, keys)
    key_order = _KeyOrder(keys)
    prev: str | None = None
    keyed = False
    run: str | None = None
    for stored in _stored_rows(session, where=AuditRecord.seq >= seq, order=AuditRecord.seq):
        row = stored._mapping
        digest = verified.digest(stored)
        problem = None
        if prev is not None and row["prev_hash"] != prev:
            problem = "does not follow the record before it"
        elif verified.rows.get(row["seq"]) == digest:
            # the same fields as verified: only what the rows before it decide (key order;
            # a record unkeyed after keyed ones)
            if row["key_id"] is not None:
                problem = key_order.problem(row)
            elif keyed:
                problem = _UNKEYED_AFTER
        else:
            fields = dict(row)
            fields["at"] = _stored_time(fields["at"])
            problem = _content_problem(fields, keys, key_order, keyed)
            if problem is None:
                verified.add(row["seq"], digest)
        kid = row["key_id"]
        if problem is None and kid is not None and kid != run:
            # the window starts mid-chain: a key retired before it is asked of the chain,
            # once for each run of records one key signed
            run = kid
            if _retired_by(session, kid, row["seq"], keys):
                problem = f"was written with audit key {kid}, which was retired before it"
        if problem is not None:
            return Altered(row["seq"], row["action"], problem)
        keyed = keyed or kid is not None
        prev = row["hash"]
    return None


class _VerifiedRows:
    """The records this process found intact, by seq: a digest of their stored fields under
    a key of this process (a database writer cannot make a changed row match it). Per
    database and set of audit keys (a key dropped from the configuration verifies nothing
    more; four sets kept at most); cleared beyond ``LIMIT`` rows (about 100 bytes each)."""

    LIMIT = 500_000
    _secret = secrets.token_bytes(32)
    _by_scope: dict[tuple[Any, ...], _VerifiedRows] = {}

    def __init__(self) -> None:
        self.rows: dict[int, bytes] = {}

    @classmethod
    def of(cls, session: Session, keys: AuditKeys) -> _VerifiedRows:
        scope = (str(session.get_bind().engine.url), keys.current_id,
                 tuple(sorted(keys.retired)))  # ids: each a digest of its key
        if scope not in cls._by_scope and len(cls._by_scope) >= 4:
            cls._by_scope.clear()  # a rotated key, or tests' many databases: start afresh
        return cls._by_scope.setdefault(scope, cls())

    def digest(self, stored: Any) -> bytes:
        return hashlib.blake2b(repr(tuple(stored)).encode(), key=self._secret,
                               digest_size=16).digest()

    def add(self, seq: int, digest: bytes) -> None:
        if len(self.rows) >= self.LIMIT:
            self.rows.clear()
        self.rows[seq] = digest


def verify(session: Session, keys: AuditKeys | None = None, anchor: Anchor | None = None,
           cross_check: bool = True) -> VerifyResult:
    """Walk the chain in insertion order; name the first record that does not fit, then
    compare the chain with the tables it describes."""
    keys = keys or session_keys(session)
    prev_hash, expected_seq, checked, keyed = GENESIS, 1, 0, False
    anchor_seen = False
    tables = _Tables(vote_seal.session_public(session))
    key_order = _KeyOrder(keys)
    policies = _PolicyPointers()

    def broken(problem: str) -> VerifyResult:
        return VerifyResult(False, checked, problem)

    for row in _rows(session):
        where = f"audit record #{row['seq']} (row id {row['id']}, {row['action']})"
        if row["seq"] < expected_seq:
            return broken(f"{where} was inserted out of order")
        if row["seq"] > expected_seq:
            return broken(f"audit record #{expected_seq} was removed (next is {where})")
        if row["prev_hash"] != prev_hash:
            return broken(f"{where} does not follow the record before it")
        if (problem := _content_problem(row, keys, key_order, keyed)) is not None:
            return broken(f"{where} {problem}")
        keyed = keyed or row["key_id"] is not None
        if anchor is not None and row["seq"] == anchor.seq:
            if row["hash"] != anchor.mac:
                return broken(f"{where} is not the record anchored as {anchor}: the chain "
                              "was rewritten")
            anchor_seen = True
        if row["action"] == "policy.changed":
            if (problem := policies.problem(row["seq"], row["detail"])) is not None:
                return broken(f"{where} {problem}")
            tables.backing.policy_changed(row["seq"], row["detail"])
        tables.see(row)
        prev_hash, expected_seq, checked = row["hash"], expected_seq + 1, checked + 1
    if checked and not keyed:
        return broken("no record is keyed: run `socialbot init` to seal the existing chain "
                      "with the audit key")
    if (problem := key_order.unannounced()) is not None:
        return broken(problem)
    if anchor is not None and not anchor_seen:
        return broken(f"the chain ends at record #{checked} but the anchor names record "
                      f"#{anchor.seq}: records were removed")
    head = session.get(AuditHead, 1)
    if head is None or head.seq != checked or head.hash != prev_hash:
        last = head.seq if head else "?"
        return broken(f"the chain ends at record #{checked} but #{last} was written: records "
                      "were removed from the end")
    notes: tuple[str, ...] = ()
    if cross_check:
        problems = tables.problems(session, keys)
        # the chat view rows (session 48): a row whose seal does not verify was failing
        # closed at vote time, never reported; an unsealed one predates the seal (session
        # 50) or was not written by the door, and does not count; without vote.pub a sealed
        # one is not checked, a note as for vote seals (session 51)
        views = check_views(session, vote_seal.session_public(session))
        problems += [p for p in (views.problem(),) if p]
        notes = views.notes() + tuple(n for n in (tables.backing.note(),
                                                  tables.backing.seals.note()) if n)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return VerifyResult(False, checked, problems[0] + more, notes=notes)
    return VerifyResult(True, checked, head=Anchor(checked, prev_hash) if checked else None,
                        notes=notes)


def verify_database(db: Any, anchor: Anchor | None = None) -> VerifyResult:
    """`verify` in one snapshot of the database: on PostgreSQL each statement otherwise
    sees what other processes committed since the last one, and a revision, status change
    or record a running daemon wrote while the chain was being read was reported as
    tampering ("... has no audit record", "records were removed from the end")."""
    with db.read(snapshot=True) as session:
        return verify(session, anchor=anchor)


def is_legacy_head(session: Session) -> bool:
    """Does the chain end in an unkeyed record (written before the key existed)?"""
    last = session.scalars(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).first()
    return last is not None and last.key_id is None


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export(session: Session, out: TextIO, fmt: str = "jsonl") -> int:
    count = 0
    if fmt == "jsonl":
        for row in _rows(session):
            row.pop("id")
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        # Every cell quoted: a bare CR inside a value would otherwise split the row.
        writer = csv.DictWriter(out, fieldnames=list(FIELDS), lineterminator="\n",
                                quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for row in _rows(session):
            row.pop("id")
            writer.writerow({k: neutralise(v) for k, v in row.items()})
            count += 1
        return count
    raise ValueError(f"unknown export format {fmt!r}")


def export_text(session: Session, fmt: str = "jsonl") -> str:
    buffer = io.StringIO()
    export(session, buffer, fmt)
    return buffer.getvalue()
