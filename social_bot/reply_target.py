"""Where a reply goes, as the platform knows it: the answered comment's platform and id.

The comment row's `remote_id` is a column any database writer can change; swapped between
two comments it re-aimed an approved reply at the other person (an attack re-review, session
49, finding D). A reply's revision therefore holds the platform id under its keyed hash,
taken when the reply is written; where the trail has a keyed record of that comment (the
monitor's `comment.flagged`, or `comment.edited` when the words, and on X the id, changed),
that record is believed before the row. Since session 51 the monitor also writes
`comment.stored` (one record a poll) naming each comment it stores unflagged, so a comment
polled since then is never aimed by its row: a writer who swaps two such rows before the
reply is written no longer aims it from the start. Comments stored before have no record
and still fall back to the row.

Session 51's attack review aimed one anyway: (a) a comment row moved to another post had no
record among that post's, and fell back to the row; (b) two rows' words and authors swapped
(ids untouched) made staff answer Robin's words under Casey's id, and the reply went to
Casey. So every naming record also carries a keyed digest of the comment's author and words
(`words`), and a comment the trail cannot vouch for is refused, never aimed by its row:
- no record names it, and it was stored after the first `comment.stored` record (its id is at
  or above the lowest comment id that record names: the watermark);
- or its row's author and words no longer match the record's digest.

A third review (session 51) got past both: (1) `purged_at` set by a writer switched the
words check off, so now a row counts as purged only when it holds what the purge left and
a keyed `comments.purged` record under its post names it (`purge_vouched`), else it is
refused; (2) junk `comment.stored` rows below the first real one blinded the watermark, so
now the first `comment.stored` record by seq must be intact, else no row fallback at all,
a non-positive id never falls back, and every record carries the watermark (`since`), so
deleting the first record does not raise it.

Session 51's closing note: a writer who deleted *every* `comment.stored` record left no
watermark, and every comment fell back to its row again (`audit verify` said BROKEN; the
reply path reads none of it). Nothing in the database can show that records existed: a
writer removes any row, replaces a removed record by a row with its seq and MAC (so no count
sees a gap), or cuts the chain's tail with its head. So the daemon, when a poll has written
a `comment.stored` record and the file is not there yet, keeps the watermark outside the
database: `comments.since` beside the vote key, in the folder only its account can write
(docs/daemon.md), naming the record it was taken from. A reply (and a card) then takes the
lower of the file's watermark and the trail's; and when that record is no longer in the
trail as written, no comment without a record falls back to its row.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from social_bot import audit
from social_bot.db.models import AuditRecord, Comment
from social_bot.domain import ReplyRemote
from social_bot.errors import Refused
from social_bot.filesafety import read_text_checked
from social_bot.vote_seal import VoteKeys

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The records that name a comment's platform id as the monitor stored it.
_NAMING = ("comment.stored", "comment.flagged", "comment.edited")
_WORDS_LABEL = b"socialbot comment words\0"
_WORDS_HEX = 32  # 128 bits: a forgery needs the key, not a collision search


@dataclass(frozen=True)
class Named:
    """What the last intact keyed record of a comment says about it."""

    remote: ReplyRemote
    words: str | None  # "key id:digest" of author and words; None in records before it


def words_digest(keys: audit.AuditKeys, author: str, text: str) -> str:
    """The keyed digest of who wrote a comment and what it says, as a naming record keeps
    it ("key id:hex"): the row's author and text must still read so when a reply is aimed
    by the record. Under the audit key, so a database writer cannot recompute it."""
    return f"{keys.current_id}:{_words_mac(keys.current, author, text)}"


def _words_mac(key: bytes, author: str, text: str) -> str:
    message = json.dumps([author, text], ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hmac.new(key, _WORDS_LABEL + message, hashlib.sha256).hexdigest()[:_WORDS_HEX]


def recorded(session: Session, comment: Comment) -> Named | None:
    """The last intact keyed record of this comment, or None (a comment stored unflagged
    before session 51 has no record; a row moved to another post finds none either). Read
    by the comment's post, whose records the monitor writes them under (ix_audit_post): one
    indexed read, where searching the whole trail by comment id costs a read of every poll."""
    keys = audit.session_keys(session)
    records = audit.post_records(session, comment.post_id, AuditRecord.action.in_(_NAMING))
    for record in reversed(records):
        detail = json.loads(record.detail or "{}")
        named = _named(detail, comment.id)
        if named is None or not audit.record_intact(record, keys):
            continue
        platform = detail.get("platform")
        if isinstance(platform, str):
            return Named(ReplyRemote(platform, named[0]), named[1])
    return None


def recorded_remote(session: Session, comment: Comment) -> ReplyRemote | None:
    """The platform id the last intact keyed record of this comment names, or None."""
    named = recorded(session, comment)
    return named.remote if named is not None else None


def _named(detail: dict[str, Any], comment_id: int) -> tuple[str, str | None] | None:
    """(platform id, words digest) a record gives this comment: one comment's record
    (`comment_id`, `remote_id`, `words`), or a poll's `comment.stored` listing [comment id,
    platform id, words digest] (two items before the digest)."""
    if detail.get("comment_id") == comment_id:
        remote = detail.get("remote_id")
        return (remote, _text(detail.get("words"))) if isinstance(remote, str) else None
    pairs = detail.get("comments")
    if isinstance(pairs, list):
        for pair in pairs:
            if (isinstance(pair, list) and len(pair) in (2, 3) and pair[0] == comment_id
                    and isinstance(pair[1], str)):
                return pair[1], _text(pair[2]) if len(pair) == 3 else None
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Watermark:
    """Where comments without a naming record stop being plausible: `lowest` is the lowest
    comment id the first `comment.stored` record names (None: there is none yet); `intact`
    False when that first record's MAC does not hold (edited, or a row a writer added below
    it), or when a record lacks `since` after one carried it, and then no comment falls
    back to its row (fail closed)."""

    lowest: int | None
    intact: bool = True


_STORED = AuditRecord.action == "comment.stored"
# how `since` is spelled in a record's detail (audit.append: json.dumps, sort_keys, default
# separators); a record written by no monitor of this version may lack it
_HAS_SINCE = AuditRecord.detail.like('%"since": %')


def _since(record: AuditRecord, keys: Any) -> int | None:
    """The `since` an intact record carries, else None."""
    if not audit.record_intact(record, keys):
        return None
    return _carried(record)


def _carried(record: AuditRecord) -> int | None:
    """The `since` a record's detail holds (its MAC checked by the caller), else None."""
    since = json.loads(record.detail or "{}").get("since")
    return since if type(since) is int else None


def _since_dropped(session: Session) -> bool:
    """Does a `comment.stored` record lack `since` after one carried it? Every record a
    monitor writes once one carried it carries it too (`stored_since`), so such a record
    was made by a writer, or by a monitor that found the first record broken, and with the
    records before it deleted it raised the watermark (a fourth attack review, 51, 2)."""
    carried = session.scalar(select(AuditRecord.seq).where(_STORED, _HAS_SINCE)
                             .order_by(AuditRecord.seq).limit(1))
    return carried is not None and session.scalar(
        select(AuditRecord.seq).where(_STORED, AuditRecord.seq > carried, ~_HAS_SINCE)
        .limit(1)) is not None


def watermark(session: Session) -> Watermark:
    """The first `comment.stored` record by seq, and only that one (ix_audit_action_seq: one
    row). Searching a window past broken records let a writer fill the window with junk
    and return "none yet" (a third attack review, session 51, finding 2)."""
    keys = audit.session_keys(session)
    record = session.scalar(select(AuditRecord).where(_STORED)
                            .order_by(AuditRecord.seq).limit(1))
    if record is None:
        return Watermark(None)
    if not audit.record_intact(record, keys) or _since_dropped(session):
        return Watermark(None, intact=False)
    since = _carried(record)  # intact: checked above
    if since is not None:  # carried from the first record: the first may have been deleted
        return Watermark(since)
    pairs = json.loads(record.detail or "{}").get("comments")
    ids = [p[0] for p in pairs or () if isinstance(p, list) and p and type(p[0]) is int]
    return Watermark(min(ids)) if ids else Watermark(None, intact=False)


# the watermark a record carries when the trail holds no intact one to carry: no comment
# id is below it, so no comment without a naming record falls back to its row
NO_FALLBACK = 1


# The watermark kept outside the database (module docstring), beside the vote key.
KEPT_FILE = "comments.since"


@dataclass(frozen=True)
class Kept:
    """What `comments.since` says: comments from `since` on have a naming record, as the
    `comment.stored` record `seq` (whose MAC is `mac`) carried it. `problem`: why the file
    or that record cannot be believed (then no comment falls back to its row)."""

    path: Path
    since: int = NO_FALLBACK
    seq: int = 0
    mac: str = ""
    problem: str | None = None


def kept_path(keys: Any) -> Path | None:
    """Where the daemon keeps the watermark: beside its vote key (None: no vote keys)."""
    return keys.path.parent / KEPT_FILE if isinstance(keys, VoteKeys) else None


def kept(session: Session) -> Kept | None:
    """The watermark file this process sees, checked against the trail; None when there is
    none (a fresh install, a daemon that has stored no comment yet, a legacy data dir).
    One small read and, when it is there, one record read by seq (uq_audit_seq)."""
    path = kept_path(session.info.get("vote_keys"))
    if path is None:
        return None
    try:
        text = read_text_checked(path)  # never a database file planted under the name
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeDecodeError) as exc:
        return Kept(path, problem=f"the watermark file {path} cannot be read ({exc})")
    try:
        found = json.loads(text)
        since, seq, mac = found["since"], found["seq"], found["mac"]
    except (ValueError, TypeError, KeyError):
        return Kept(path, problem=f"the watermark file {path} is not one socialbot wrote")
    if type(since) is not int or type(seq) is not int or not isinstance(mac, str):
        return Kept(path, problem=f"the watermark file {path} is not one socialbot wrote")
    record = session.scalar(select(AuditRecord).where(AuditRecord.seq == seq))
    if (record is None or record.action != "comment.stored" or record.hash != mac
            or not audit.record_intact(record, audit.session_keys(session))):
        return Kept(path, since, seq, mac, problem=(
            f"the audit trail no longer holds record #{seq}, the `comment.stored` record "
            f"{path} names (records deleted or replaced in the database, or a database "
            "that is not this daemon's)"))
    return Kept(path, since, seq, mac)


def keep_since(keys: Any, record: AuditRecord) -> Path | None:
    """Keep the watermark `record` (a committed `comment.stored` record) carries in the
    file beside the vote key, unless the file is there: written once, never replaced, so
    a writer who deletes records cannot have the daemon write a higher one. Made whole
    before it appears (a link, which fails when another daemon made it first). The path
    made, or None."""
    path = kept_path(keys)
    since = _carried(record)
    if path is None or since is None or path.exists():
        return None
    body = json.dumps({"since": since, "seq": record.seq, "mac": record.hash}) + "\n"
    fd, temporary = tempfile.mkstemp(prefix=f".{KEPT_FILE}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)  # staff read it, as vote.pub
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
            return path
        return None
    finally:
        Path(temporary).unlink(missing_ok=True)


def stored_since(session: Session, unflagged: list[list[Any]]) -> int:
    """The watermark a new `comment.stored` record carries (`since`): the first record's,
    or this poll's lowest comment id when there is none yet. Carried in every record, so a
    writer who deletes the first record (the next one becomes first) does not raise it.
    When the first record is not intact, the `since` of the last intact record that has
    one; when none has, ``NO_FALLBACK``. Never none: a record without it, once the records
    before it were deleted, raised the watermark (a fourth attack review, 51, 2). Not the
    lowest id in the comments table: a writer deletes rows before the poll and puts them
    back after, below the mark. Never above the watermark file's (`kept`): with every
    record deleted, the next one carries the file's, for a reader who cannot see the file."""
    found = kept(session)
    since = _trail_since(session, unflagged)
    return since if found is None else min(since, found.since)


def _trail_since(session: Session, unflagged: list[list[Any]]) -> int:
    """`stored_since` as the trail alone tells it."""
    mark = watermark(session)
    if mark.intact and mark.lowest is not None:
        return mark.lowest
    if mark.intact:
        ids = [p[0] for p in unflagged if type(p[0]) is int and p[0] > 0]
        return min(ids, default=NO_FALLBACK)
    keys = audit.session_keys(session)
    for record in session.scalars(select(AuditRecord).where(_STORED, _HAS_SINCE)
                                  .order_by(AuditRecord.seq.desc())):
        since = _since(record, keys)
        if since is not None:
            return since
    return NO_FALLBACK


def purge_vouched(session: Session, comment: Comment) -> bool:
    """Whether a row with `purged_at` set is what a purge left: text and author empty, the
    text's keyed digest kept (`comment_retention._purge_rows`), and an intact
    `comments.purged` record under its post naming its id. `purged_at` alone is a column
    any writer can set; it turned off the words check (a third attack review, session 51)."""
    if comment.text or comment.author or not comment.text_digest:
        return False
    keys = audit.session_keys(session)
    for record in audit.post_records(session, comment.post_id,
                                     AuditRecord.action == "comments.purged"):
        ids = json.loads(record.detail or "{}").get("comment_ids")
        if isinstance(ids, list) and comment.id in ids and audit.record_intact(record, keys):
            return True
    return False


_CHANGED = ("its row was changed in the database; run `socialbot audit verify` and tell your "
            "administrator")


def unvouched(session: Session, comment: Comment) -> str | None:
    """Why a reply may not be aimed at, nor a card show, this comment row (None: it may).
    A database writer changed what the monitor recorded: the row is no evidence of whom a
    reply would reach, nor of the words a person would be answering."""
    return _unvouched(session, comment, recorded(session, comment))


def _unvouched(session: Session, comment: Comment, named: Named | None) -> str | None:
    """`unvouched` given the comment's last intact naming record (`recorded`), read once
    by a caller that also aims by it."""
    if comment.purged_at is not None and not purge_vouched(session, comment):
        return (f"comment {comment.id} is marked purged, but no keyed record of a purge "
                f"names it or its row is not what a purge leaves: {_CHANGED}")
    if named is None:
        return _unrecorded(session, comment.id)
    if named.words is None or comment.purged_at is not None:
        return None  # recorded before the digest, or purged (vouched above: nothing shown)
    kid, _, digest = named.words.partition(":")
    key = audit.session_keys(session).get(kid)
    if key is None or hmac.compare_digest(_words_mac(key, comment.author, comment.text), digest):
        return None
    return f"comment {comment.id}'s author or words are not what the monitor stored: {_CHANGED}"


def _unrecorded(session: Session, comment_id: int) -> str | None:
    """Why a comment no naming record names may not fall back to its row (None: it was
    stored before the records began, and the row is all there is; docs/security.md)."""
    mark, found = watermark(session), kept(session)
    if comment_id <= 0 or not mark.intact:
        return (f"comment {comment_id} has no keyed record under its post, and the "
                "audit trail cannot show it was stored before those records began "
                f"(first `comment.stored` record not intact, or a non-positive id): "
                f"{_CHANGED}")
    if found is not None and found.problem is not None:
        return (f"comment {comment_id} has no keyed record under its post, and "
                f"{found.problem}: run `socialbot audit verify` and tell your administrator")
    marks = [m for m in (mark.lowest, found.since if found else None) if m is not None]
    if marks and comment_id >= min(marks):
        return (f"comment {comment_id} is not where the monitor recorded it (no keyed "
                f"record of it under its post): {_CHANGED}")
    return None


def answered_remote(session: Session, comment_id: int | None) -> ReplyRemote | None:
    """The platform id a new reply to this comment is approved for: its keyed record's, or
    the row's for a comment stored before session 51. None for a post, or a comment that
    is not there. Refused for a row the trail cannot vouch for (`unvouched`)."""
    comment = session.get(Comment, comment_id) if comment_id is not None else None
    if comment is None:
        return None
    named = recorded(session, comment)
    problem = _unvouched(session, comment, named)
    if problem is not None:
        raise Refused(problem)
    return named.remote if named is not None else ReplyRemote(comment.platform,
                                                              comment.remote_id)
