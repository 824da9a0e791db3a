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
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from social_bot import audit
from social_bot.db.models import AuditRecord, Comment
from social_bot.domain import ReplyRemote
from social_bot.errors import Refused

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


def watermark(session: Session) -> int | None:
    """The lowest comment id the first intact `comment.stored` record names: every comment
    stored from there on has a naming record (stored or flagged), so one without is a row
    someone moved. None before the first such record (ix_audit_action_seq: a few rows)."""
    keys = audit.session_keys(session)
    records = session.scalars(select(AuditRecord).where(AuditRecord.action == "comment.stored")
                              .order_by(AuditRecord.seq).limit(20))
    for record in records:
        pairs = json.loads(record.detail or "{}").get("comments")
        ids = [p[0] for p in pairs or () if isinstance(p, list) and p and type(p[0]) is int]
        if ids and audit.record_intact(record, keys):
            return min(ids)
    return None


def unvouched(session: Session, comment: Comment) -> str | None:
    """Why a reply may not be aimed at, nor a card show, this comment row (None: it may).
    A database writer changed what the monitor recorded: the row is no evidence of whom a
    reply would reach, nor of the words a person would be answering."""
    named = recorded(session, comment)
    if named is None:
        mark = watermark(session)
        if mark is not None and comment.id >= mark:
            return (f"comment {comment.id} is not where the monitor recorded it (no keyed "
                    "record of it under its post): its row was changed in the database; "
                    "run `socialbot audit verify` and tell your administrator")
        return None  # stored before session 51: the row is all there is (docs/security.md)
    if named.words is None or comment.purged_at is not None:
        return None  # recorded before the digest, or its words are gone (nothing shown)
    kid, _, digest = named.words.partition(":")
    key = audit.session_keys(session).get(kid)
    if key is None or hmac.compare_digest(_words_mac(key, comment.author, comment.text), digest):
        return None
    return (f"comment {comment.id}'s author or words are not what the monitor stored: its "
            "row was changed in the database; run `socialbot audit verify` and tell your "
            "administrator")


def answered_remote(session: Session, comment_id: int | None) -> ReplyRemote | None:
    """The platform id a new reply to this comment is approved for: its keyed record's, or
    the row's for a comment stored before session 51. None for a post, or a comment that
    is not there. Refused for a row the trail cannot vouch for (`unvouched`)."""
    comment = session.get(Comment, comment_id) if comment_id is not None else None
    if comment is None:
        return None
    problem = unvouched(session, comment)
    if problem is not None:
        raise Refused(problem)
    return recorded_remote(session, comment) or ReplyRemote(comment.platform, comment.remote_id)
