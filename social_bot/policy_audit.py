"""Which policy a decision was taken under, in the audit trail (session 45).

Whoever edits the policy file chooses the approvers and what the PHI screen lets through,
and before this nothing recorded an edit: an approver added for one vote and removed after
left no trace. Now, before a vote is counted or a post is claimed for publishing, the trail
must name the policy in force by the SHA-256 of its file; if its last `policy.changed`
record names another (or none), one is appended in the same transaction: the hash, the
file's owner, mode and modification time as the operating system reports them, what
changed since the policy the trail names last, and the whole policy (so the next change
can be told from the trail alone; since session 46 once per file content, later records
point to it). Nothing in a policy is secret or a patient's.

The summary and the difference are plain functions; `record_in_force` is the shell.
"""

from __future__ import annotations

import json
import logging
import pwd
import stat
import weakref
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from social_bot import audit
from social_bot.db.models import AuditHead, AuditRecord

ACTION = "policy.changed"
ACTOR = "socialbot"
REFUSED_CHARS = 500  # of a refused file's error, in the record its last good policy writes
Summary = dict[str, Any]  # "section.key" -> a scalar, or a sorted list of entries

# Per App: the digest its trail last named and the trail's head then. The trail is searched
# once per process and policy; after that a vote only looks for policy.changed records
# appended since (another process with another policy file writes them), not the whole trail.
_confirmed: weakref.WeakKeyDictionary[Any, tuple[str, int]] = weakref.WeakKeyDictionary()
log = logging.getLogger("socialbot.policy")


def _person(p: Any) -> str:
    ids = [f"{k}:{v}" for k, v in (("slack", getattr(p, "slack_id", None)),
                                   ("mattermost", getattr(p, "mattermost_id", None)),
                                   ("os", p.os_user)) if v]
    return f"{p.name} ({', '.join(ids)})"


def summary(policy: Any) -> Summary:
    """What a policy decides, flattened to "section.key" entries that compare one by one."""
    out: Summary = {}
    if (a := policy.approval) is not None:
        out["approval.required"] = a.required
        out["approval.approvers"] = sorted(_person(p) for p in a.approvers)
        out["approval.staff"] = sorted(_person(p) for p in a.staff)
    for key in ("names", "addresses", "phones", "domains"):
        out[f"phi.allow_{key}"] = sorted(getattr(policy.phi, key))
    m = policy.moderation
    out["moderation.auto_hide"] = sorted(m.auto_hide)
    out["moderation.monitor_days"] = m.monitor_days
    out["moderation.reply_templates"] = sorted(m.reply_templates)
    for table in ("thresholds", "hide_thresholds"):
        for flag, value in getattr(m, table).items():
            out[f"moderation.{table}.{flag}"] = value
    out["retention.blocked_days"] = policy.retention.blocked_days
    out["retention.comments_days"] = policy.retention.comments_days
    p = policy.polling
    out["polling.publish_reserve"] = p.publish_reserve
    out["polling.schedule"] = [f"from {age} every {every}" for age, every in p.schedule]
    for platform, calls in p.daily_calls.items():
        out[f"polling.daily_calls.{platform}"] = calls
    for setting, reason in getattr(policy, "loosened", {}).items():  # why, beside the value
        out[f"loosened.{setting}"] = reason
    return out


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> dict[str, Any]:
    """Entry by entry: lists as added/removed, values as from/to. No `before`: all added."""
    before = before or {}
    out: dict[str, Any] = {}
    for key in sorted({*before, *after}):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, list) or isinstance(new, list):
            if not old and not new:
                continue  # an empty list where there was none: nothing changed
            out[key] = {"added": [v for v in new or [] if v not in (old or [])],
                        "removed": [v for v in old or [] if v not in (new or [])]}
        else:
            out[key] = {"from": old, "to": new}
    return out


def file_facts(policy: Any) -> dict[str, Any]:
    """Owner, mode and modification time of the policy file the policy was read from, as the
    OS reported them at that read (who *wrote* it the OS does not keep; its owner and time
    narrow it down)."""
    st = getattr(policy, "stat", None)
    if st is None:
        return {"file": policy.source, "stat_error": "not read from a file"}
    try:
        owner = pwd.getpwuid(st.st_uid).pw_name
    except KeyError:
        owner = f"uid {st.st_uid}"
    return {"file": policy.source, "owner": owner, "mode": f"{stat.S_IMODE(st.st_mode):04o}",
            "modified": datetime.fromtimestamp(st.st_mtime, UTC).isoformat()}


def _last_named(session: Session) -> AuditRecord | None:
    """The chain's last policy.changed record, if its MAC holds. A row planted past the head
    (or over a record) naming the file about to be installed made the trail seem to name it
    already: nothing was recorded, and once the row was removed, decisions under the new
    file stood under the old one's record and verified (an outside review, session 46)."""
    last = session.scalars(select(AuditRecord).where(
        AuditRecord.action == ACTION, AuditRecord.seq <= _head_seq(session))
        .order_by(AuditRecord.seq.desc()).limit(1)).first()
    return last if last is None or audit.record_intact(last, audit.session_keys(session)) \
        else None


def _named_since(session: Session, seq: int) -> bool:
    """Has a policy.changed record been appended after ``seq``? (A range of the seq index.)"""
    return session.scalar(select(AuditRecord.seq).where(
        AuditRecord.seq > seq, AuditRecord.action == ACTION).limit(1)) is not None


def _head_seq(session: Session) -> int:
    return session.scalar(select(AuditHead.seq).where(AuditHead.id == 1)) or 0


def _first_holding(session: Session, key: str, **named: str | None) -> int | None:
    """The seq of the first policy.changed record whose detail names these values and holds
    ``key`` in full. The trail is append-only and chained, so a later record may point to it
    instead of copying it (session 46: two processes on different files flip-flopping wrote
    the whole policy, up to a megabyte, at each decision)."""
    # Only a record already in the chain (up to its head) whose MAC holds: one planted in the
    # table by someone without the key (at a seq past the head, or over a real record) was
    # pointed to, the whole policy left out of the keyed record, and the planted row removed
    # before `audit verify` ran: the trail named a file whose policy it no longer held
    # (an outside review, session 46).
    keys = audit.session_keys(session)
    stmt = select(AuditRecord).where(AuditRecord.action == ACTION,
                                     AuditRecord.seq <= _head_seq(session))
    for field, value in named.items():
        if value is None:
            return None
        # canonical JSON (audit.append: sort_keys, ", " and ": "); hex digests only
        stmt = stmt.where(AuditRecord.detail.contains(f'"{field}": "{value}"'))
    # The first record naming these that holds ``key`` (a JSON object, written in canonical
    # form), and only it: every record naming a file was read and buffered before, a
    # thousand for a file named in every other record (bench/policy_pointer_search.py)
    stmt = stmt.where(AuditRecord.detail.contains(f'"{key}": {{'))
    record = session.scalars(stmt.order_by(AuditRecord.seq).limit(1)).first()
    if record is None:
        return None
    detail = json.loads(record.detail or "{}")
    if (isinstance(detail.get(key), dict) and all(detail.get(f) == v for f, v in named.items())
            and audit.record_intact(record, keys)):
        return record.seq
    return None  # not what it seemed: the next record holds its own copy


def _held(session: Session, detail: Mapping[str, Any], key: str) -> Any:
    """A record's ``key`` (policy or changes): its own copy (every record before session 46
    holds one), else the one in the record it points to (``<key>_in``)."""
    if key in detail:
        return detail[key]
    seq = detail.get(f"{key}_in")
    if seq is None:
        return None
    text = session.scalar(select(AuditRecord.detail).where(
        AuditRecord.seq == seq, AuditRecord.action == ACTION))
    return json.loads(text or "{}").get(key)


def policy_of(session: Session, record: AuditRecord) -> Summary | None:
    """What the policy a `policy.changed` record names decides (its summary), wherever the
    trail holds it."""
    return _held(session, json.loads(record.detail or "{}"), "policy")


def _standing_in_for(detail: Mapping[str, Any]) -> str | None:
    """The refused file's SHA-256 a record's policy stood in for ("" if unread), or None."""
    stood = detail.get("stands_in_for")
    return (stood.get("sha256") or "") if isinstance(stood, dict) else None


def record_in_force(session: Session, policy: Any, *, noticed_by: str,
                    os_user: str | None,
                    stands_in: Mapping[str, Any] | None = None) -> AuditRecord | None:
    """Append a `policy.changed` record unless the trail's last one names this policy. Its
    actor is socialbot, which noticed the change; `noticed_by` is whose vote or claim came
    first under it (not who edited the file: the OS does not say).

    ``stands_in``: the refused file this (last good) policy stands in for, its SHA-256 and
    why it was refused (`PolicyWatch.stands_in`); the record says so under
    ``stands_in_for``, and a record that did not (or named another refused file) does not
    name this one: the trail showed the hides taken while a file was refused as taken under
    the file in force (session 46).

    The whole policy is written once per content hash, and what changed once per pair of
    hashes: a later record naming the same file (or the same change) holds ``policy_in`` /
    ``changes_in``, the seq of the record that has it, so each stays a few hundred bytes."""
    audit.keys_in_force(session)  # the head's lock first: two processes record one change
    last = _last_named(session)
    previous = json.loads(last.detail or "{}") if last is not None else {}
    standing = None if stands_in is None else (stands_in.get("sha256") or "")
    if previous.get("sha256") == policy.digest and _standing_in_for(previous) == standing:
        return None
    detail: dict[str, Any] = {"sha256": policy.digest, **file_facts(policy),
                              "previous_sha256": previous.get("sha256"),
                              "noticed_by": noticed_by}
    if stands_in is not None:
        detail["stands_in_for"] = {"sha256": stands_in.get("sha256"),
                                   "refused": str(stands_in.get("refused", ""))[:REFUSED_CHARS]}
    now = summary(policy)
    if (seq := _first_holding(session, "changes", sha256=policy.digest,
                              previous_sha256=previous.get("sha256"))) is not None:
        detail["changes_in"] = seq
    else:
        detail["changes"] = changes(_held(session, previous, "policy"), now)
    if (seq := _first_holding(session, "policy", sha256=policy.digest)) is not None:
        detail["policy_in"] = seq
    else:
        detail["policy"] = now
    return audit.append(session, actor=ACTOR, os_user=os_user, action=ACTION, detail=detail)


def note_policy(app: Any, session: Session, policy: Any, noticed_by: str) -> None:
    """The shell: record the policy a decision in this transaction is taken under. A
    policy handed to the App (tests, tools) is no file anyone edits and is not recorded."""
    digest = getattr(policy, "digest", "")
    if not app.policy_from_file or not digest:
        return
    from social_bot.cli.common import os_login

    # The last good policy standing in for a refused file is named as such (session 46).
    stands_in = app.policy_stands_in(policy)
    noted = digest if stands_in is None else f"{digest} for {stands_in.get('sha256') or ''}"
    # Remembering only "written once" let a second process's record stand over every later
    # vote of this one (session 45 review): the head is locked, then what came since looked at.
    audit.keys_in_force(session)
    known = _confirmed.get(app)
    ours = known is not None and known[0] == noted
    if ours and not _named_since(session, known[1]):
        return
    other = None  # the refused file the other process's record stood in for, if it did
    if ours and (last := _last_named(session)) is not None:
        other = _standing_in_for(json.loads(last.detail or "{}"))
    written = record_in_force(session, policy, noticed_by=noticed_by, os_user=os_login(),
                              stands_in=stands_in)
    if ours and written is not None:  # unchanged here, so another process named another
        _warn_other(policy, stands_in, other)
    head = _head_seq(session)
    # Known only once the transaction commits: a rollback leaves it to be written again.
    event.listen(session, "after_commit",
                 lambda _session: _confirmed.__setitem__(app, (noted, head)), once=True)


def _warn_other(policy: Any, stands_in: Mapping[str, Any] | None, other: str | None) -> None:
    """Another process's record came between two of this one's. "A different policy file"
    was said also when one of the two refuses the file and hides under its last good policy,
    which the other loaded (session 46): then that is said."""
    if stands_in is not None:
        log.warning("another socialbot process decides under a policy this one does not use: "
                    "%s is refused here, so its comments are judged and hidden under the "
                    "last good policy (sha256 %s...), recorded as standing in for it",
                    policy.source, policy.digest[:12])
    elif other is not None:
        same = "the file loaded here" if other == policy.digest else \
            f"its policy file (sha256 {other[:12] or 'unreadable'}...)"
        log.warning("another socialbot process refuses %s and judges and hides comments under "
                    "its last good policy, recorded as standing in for it; this one decides "
                    "under %s", same, policy.source)
    else:
        log.warning("another socialbot process is using a different policy file than %s: "
                    "each decision is recorded under its own, but they should share one",
                    policy.source)
