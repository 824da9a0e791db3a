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
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session, object_session

from social_bot.audit_key import AuditKeys, missing_key_error
from social_bot.db.models import Approval, AuditHead, AuditRecord, Comment, Delivery, utcnow
from social_bot.errors import UserError

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "os_user", "action", "post_id", "revision", "revision_hash",
          "detail", "prev_hash", "key_id", "hash")
# Fields of records written before keying (their hash never covered key_id).
_LEGACY_FIELDS = tuple(f for f in FIELDS if f not in ("hash", "key_id"))
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
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
) -> AuditRecord:
    """Write one record in the caller's transaction. Locking the head serialises writers."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    keys = _keys_for_next(session, head.seq)
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
    record = AuditRecord(**{**fields, "at": at})
    session.add(record)
    head.seq, head.hash = fields["seq"], fields["hash"]
    session.flush()
    return record


def _keys_for_next(session: Session, head_seq: int) -> AuditKeys:
    """The keys to write the next record with, checked under the head's lock against the
    key of the chain's last record. A key this process does not hold there means another
    process rotated the key after this one loaded it: the key files are read again, and if
    they still do not know it nothing is written (a retired key must not sign records
    after its retirement)."""
    keys = session_keys(session)
    last = session.scalar(select(AuditRecord.key_id).where(AuditRecord.seq == head_seq))
    if last is None or keys.get(last) is not None:
        return keys
    reload = session.info.get("audit_key_reload")
    fresh = reload() if callable(reload) else None
    if fresh is not None and fresh.get(last) is not None:
        session.info["audit_keys"] = fresh
        return fresh
    raise UserError(f"audit record #{head_seq} was written with audit key {last}, which this "
                    "process does not hold: the audit key was rotated or changed after "
                    "socialbot started; restart it with the key in force")


def intact_revision_records(session: Session, post_id: int, revision: int, revision_hash: str,
                            actions: tuple[str, ...]) -> list[AuditRecord]:
    """This revision's records of these actions whose MAC holds under a key we hold, in chain
    order: what the publisher may trust (the rows alone can be written by anyone with database
    access). The revision number and its hash both: a record about revision 1 is not one about
    revision 3 even when 3 reads the same."""
    keys = session_keys(session)
    records = session.scalars(select(AuditRecord).where(
        AuditRecord.post_id == post_id, AuditRecord.revision == revision,
        AuditRecord.revision_hash == revision_hash, AuditRecord.action.in_(actions))
        .order_by(AuditRecord.seq))
    return [r for r in records if record_intact(r, keys)]


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
    return max(int(row[0] or 0), int(row[1] or 0)) - seq - int(row[2] or 0)


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
    kid = record.key_id
    if kid is None or kid == keys.current_id:
        return False
    earlier = select(AuditRecord.seq).where(AuditRecord.seq < record.seq).limit(1)
    if session.scalar(earlier.where(AuditRecord.key_id == keys.current_id)) is not None:
        return True
    other = session.scalar(select(func.max(AuditRecord.seq)).where(
        AuditRecord.seq < record.seq, AuditRecord.key_id.is_not(None),
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


def _rows(session: Session) -> Iterator[dict[str, Any]]:
    columns = [type_coerce(AuditRecord.at, String).label("at") if name == "at"
               else getattr(AuditRecord, name) for name in FIELDS]
    stmt = select(AuditRecord.id, *columns).order_by(AuditRecord.id).execution_options(
        yield_per=5000
    )
    for row in session.execute(stmt):
        values = row._asdict()
        values["at"] = _stored_time(values["at"])
        yield values


class _Tables:
    """What the chain says happened, collected while walking it, to compare with the tables."""

    def __init__(self) -> None:
        self.approvals: Counter[tuple[Any, ...]] = Counter()
        self.published: Counter[tuple[Any, ...]] = Counter()
        self.comment_actions: dict[int, set[str]] = {}

    def see(self, row: Mapping[str, Any]) -> None:
        action = row["action"]
        if action == "post.consent_revoked":
            # The revocation deleted the votes then on this revision (consents.py): they
            # are expected to be gone, and a row put back is reported as not recorded.
            for key in [k for k in self.approvals if k[:2] == (row["post_id"],
                                                               row["revision_hash"])]:
                del self.approvals[key]
            return
        if action not in _CROSS_CHECKED:
            return
        detail = json.loads(row["detail"] or "{}")
        if action == "approval.recorded":
            self.approvals[(row["post_id"], row["revision_hash"], detail.get("identity"))] += 1
        elif action == "delivery.published":
            self.published[(row["post_id"], detail.get("platform"),
                            str(detail.get("remote_id")))] += 1
        else:
            comment_id = detail.get("comment_id", detail.get("comment"))
            if isinstance(comment_id, int):
                self.comment_actions.setdefault(comment_id, set()).add(action.split(".")[1])

    def problems(self, session: Session) -> list[str]:
        found: list[str] = []
        rows = Counter(
            (p, h, i) for p, h, i in session.execute(
                select(Approval.post_id, Approval.content_hash, Approval.identity)))
        found += _differences("approval", rows, self.approvals,
                              lambda k: f"of post {k[0]} (revision {str(k[1])[:12]}) by {k[2]}")
        published = Counter(
            (p, platform, str(remote)) for p, platform, remote in session.execute(
                select(Delivery.post_id, Delivery.platform, Delivery.remote_id)
                .where(Delivery.status == "published")))
        found += _differences("published delivery", published, self.published,
                              lambda k: f"of post {k[0]} on {k[1]} ({k[2]})")
        decided = select(Comment.id, Comment.state).where(
            Comment.state.in_(("kept", "hidden", "deleted")))
        states = dict(session.execute(decided).all())
        existing = set(session.scalars(select(Comment.id)
                                       .where(Comment.id.in_(list(self.comment_actions)))))
        for comment_id, state in sorted(states.items()):
            if state not in self.comment_actions.get(comment_id, set()):
                found.append(f"comment {comment_id} is {state} but no audit record says so")
        for comment_id in sorted(set(self.comment_actions) - existing):
            found.append(f"audit records act on comment {comment_id}, which is not in the "
                         "comments table")
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
        if self.current_seen and kid != self.keys.current_id:
            return (f"was written with audit key {kid} after records signed with the key in "
                    f"force ({self.keys.current_id})")
        if self.last is not None and kid != self.last:
            self.retired_at[self.last] = seq
        self.last = kid
        self.used.add(kid)
        self.current_seen = self.current_seen or kid == self.keys.current_id
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
                "(put in the data directory by hand?)")


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


def verify(session: Session, keys: AuditKeys | None = None, anchor: Anchor | None = None,
           cross_check: bool = True) -> VerifyResult:
    """Walk the chain in insertion order; name the first record that does not fit, then
    compare the chain with the tables it describes."""
    keys = keys or session_keys(session)
    prev_hash, expected_seq, checked, keyed = GENESIS, 1, 0, False
    anchor_seen = False
    tables = _Tables()
    key_order = _KeyOrder(keys)

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
        if row["key_id"] is None:
            if keyed:
                return broken(f"{where} is unkeyed although keyed records came before it: "
                              "the chain was rewritten")
            if record_hash(row) != row["hash"]:
                return broken(f"{where} was edited after it was written")
        else:
            keyed = True
            key = keys.get(row["key_id"])
            if key is None:
                return broken(f"{where} was written with audit key {row['key_id']}, which is "
                              "not configured (a retired key? see SOCIALBOT_AUDIT_OLD_KEYS)")
            if not hmac.compare_digest(record_mac(row, key), row["hash"]):
                return broken(f"{where} was edited after it was written (its MAC does not "
                              "match)")
            if (problem := key_order.problem(row)) is not None:
                return broken(f"{where} {problem}")
        if anchor is not None and row["seq"] == anchor.seq:
            if row["hash"] != anchor.mac:
                return broken(f"{where} is not the record anchored as {anchor}: the chain "
                              "was rewritten")
            anchor_seen = True
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
    if cross_check:
        problems = tables.problems(session)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return broken(problems[0] + more)
    return VerifyResult(True, checked, head=Anchor(checked, prev_hash) if checked else None)


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
