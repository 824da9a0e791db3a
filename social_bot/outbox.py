"""Typed chat notifications: one class per kind, written by the services, read by notify.py.

A message is written into the ``outbox`` table in the same transaction as the change it
announces (``add``) and delivered later by the daemon (``social_bot/notify.py``), which
reads it back with ``from_row``. Both sides use the classes below, so a field cannot be
written under one key and read under another.

Rows written before these classes existed use the same kind strings and a subset of the
fields; every field has a default, so they still read (unknown keys are ignored).

What is stored here stays in the local database; what reaches chat is decided by the
renderer and the chat guard (social_bot/chat/guard.py), never by the writer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy.orm import Session


class Kind(StrEnum):
    POST_PENDING_APPROVAL = "post.pending_approval"
    POST_APPROVED = "post.approved"
    POST_REJECTED = "post.rejected"
    POST_CANCELLED = "post.cancelled"
    POST_BLOCKED_AT_PUBLISH = "post.blocked_phi"  # the re-screen at publish time blocked it
    POST_CONSENT_REVOKED = "post.consent_revoked"  # an authorization it relied on was revoked
    POST_PUBLISH_REFUSED = "post.publish_refused"  # approvals could not be re-proven
    POST_HELD = "post.held"
    POST_RELEASED = "post.released"
    DELIVERY_FAILED = "delivery.failed"
    DELIVERY_HELD = "delivery.held"  # only a person can get it through (daemon/claims.py)
    DELIVERY_DUPLICATE = "delivery.duplicate"  # it went out twice: a person deletes one
    COMMENT_FLAGGED = "comment.flagged"
    TOKEN_EXPIRING = "account.token_expiring"  # noqa: S105 - a kind, not a secret
    ACCESS_MISSING = "account.access_missing"
    POLICY_REFUSED = "policy.refused"  # the policy file cannot be used: decisions wait
    POLICY_RESTORED = "policy.restored"  # it can again
    VOTE_KEY_RIVAL = "vote_key.rival"  # the trail names a vote key besides the daemon's


@dataclass(frozen=True)
class Message:
    """Base class. ``post_id`` and ``comment_id`` are columns; the other fields, payload."""

    kind: ClassVar[Kind]
    post_id: int | None = None
    comment_id: int | None = None

    def payload(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("post_id", None)
        data.pop("comment_id", None)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


@dataclass(frozen=True)
class PostPendingApproval(Message):
    kind: ClassVar[Kind] = Kind.POST_PENDING_APPROVAL
    revision: int = 0
    revision_hash: str = ""


@dataclass(frozen=True)
class PostApproved(Message):
    kind: ClassVar[Kind] = Kind.POST_APPROVED
    revision: int = 0
    revision_hash: str = ""
    actor: str = ""


@dataclass(frozen=True)
class PostRejected(Message):
    kind: ClassVar[Kind] = Kind.POST_REJECTED
    revision: int = 0
    revision_hash: str = ""
    actor: str = ""
    reason: str = ""  # screened when typed in chat; shown redacted all the same


@dataclass(frozen=True)
class PostCancelled(Message):
    kind: ClassVar[Kind] = Kind.POST_CANCELLED
    revision: int = 0
    revision_hash: str = ""
    actor: str = ""
    reason: str = ""  # socialbot's own words (an edited comment); shown through the guard


# A cancellation is told in chat when people may still act on the post: approvers with its
# card in front of them, or a hold they would release (a cancel said nothing before; the
# approvers learnt of it when their click was refused: a note of session 44's reply review).
_CANCEL_TOLD_FROM = frozenset({"pending_approval", "approved", "held", "publishing"})


@dataclass(frozen=True)
class PostBlockedAtPublish(Message):
    """The screen run just before publishing blocked a post that had been approved."""

    kind: ClassVar[Kind] = Kind.POST_BLOCKED_AT_PUBLISH
    revision: int = 0
    categories: tuple[str, ...] = ()  # finding categories only: never the finding's text
    reason: str = ""


@dataclass(frozen=True)
class PostConsentRevoked(Message):
    """A post waiting for or holding approval went back to blocked_phi: an authorization a
    dismissal of its cited was revoked. Ids and counts only: never the patient's name."""

    kind: ClassVar[Kind] = Kind.POST_CONSENT_REVOKED
    revision: int = 0
    consent: int = 0
    approvals_voided: int = 0
    # Why, when it is not the revocation: an approval found the authorization expired (or no
    # longer covering the finding) while the post waited (session 49). Names no patient.
    why: str = ""


@dataclass(frozen=True)
class PostPublishRefused(Message):
    """The publisher could not re-prove the approvals of the current revision."""

    kind: ClassVar[Kind] = Kind.POST_PUBLISH_REFUSED
    revision: int = 0
    revision_hash: str = ""
    problems: tuple[str, ...] = ()  # one short sentence each, e.g. "only 1 eligible approval"


@dataclass(frozen=True)
class PostHeld(Message):
    kind: ClassVar[Kind] = Kind.POST_HELD
    revision: int = 0
    actor: str = ""
    reason: str = ""


@dataclass(frozen=True)
class PostReleased(Message):
    kind: ClassVar[Kind] = Kind.POST_RELEASED
    revision: int = 0
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeliveryDuplicate(Message):
    """A second copy of a published post was found on the platform (a daemon paused past
    its lease published after another had: docs/security.md). Only a person can delete it."""

    kind: ClassVar[Kind] = Kind.DELIVERY_DUPLICATE
    platform: str = ""
    kept_remote_id: str = ""
    remote_id: str = ""
    url: str = ""


@dataclass(frozen=True)
class DeliveryFailed(Message):
    kind: ClassVar[Kind] = Kind.DELIVERY_FAILED
    platform: str = ""
    reason: str = ""
    attempts: int = 0


@dataclass(frozen=True)
class DeliveryHeld(Message):
    """A delivery the publisher holds: a setting to change, a reply to make by hand, a
    reconnect. `hold_kind` is social_bot.domain.HoldKind; `reason` says what to do."""

    kind: ClassVar[Kind] = Kind.DELIVERY_HELD
    platform: str = ""
    reason: str = ""
    hold_kind: str = ""


@dataclass(frozen=True)
class CommentFlagged(Message):
    """Flag names only: a flag's reason may quote the comment (a name, a diagnosis)."""

    kind: ClassVar[Kind] = Kind.COMMENT_FLAGGED
    platform: str = ""
    flags: tuple[str, ...] = ()
    auto_hide: bool = False


@dataclass(frozen=True)
class TokenExpiring(Message):
    kind: ClassVar[Kind] = Kind.TOKEN_EXPIRING
    platform: str = ""
    expires_at: str = ""  # ISO-8601, UTC
    days_left: int = 0


@dataclass(frozen=True)
class AccessMissing(Message):
    """A platform credential is missing, revoked, or lacks a permission socialbot needs."""

    kind: ClassVar[Kind] = Kind.ACCESS_MISSING
    platform: str = ""
    problem: str = ""


@dataclass(frozen=True)
class PolicyRefused(Message):
    """The daemon's policy file became unusable. No field: what is wrong with the file (its
    path, a line of it) stays in the daemon's log, never in chat (session 48)."""

    kind: ClassVar[Kind] = Kind.POLICY_REFUSED


@dataclass(frozen=True)
class PolicyRestored(Message):
    kind: ClassVar[Kind] = Kind.POLICY_RESTORED


@dataclass(frozen=True)
class VoteKeyRival(Message):
    """The running daemon found seals (or an acceptance) by another vote key than its own
    in the trail: another daemon may be running on this database (session 52, finding 8).
    Key ids and the record's number only."""

    kind: ClassVar[Kind] = Kind.VOTE_KEY_RIVAL
    keys: tuple[str, ...] = ()
    record: int = 0


CLASSES: dict[Kind, type[Message]] = {
    cls.kind: cls
    for cls in (PostPendingApproval, PostApproved, PostRejected, PostCancelled,
                PostBlockedAtPublish, PostConsentRevoked,
                PostPublishRefused, PostHeld, PostReleased, DeliveryFailed, DeliveryHeld,
                DeliveryDuplicate,
                CommentFlagged,
                TokenExpiring, AccessMissing, PolicyRefused, PolicyRestored, VoteKeyRival)
}


@dataclass(frozen=True)
class UnknownMessage(Message):
    """A row whose kind this version does not know (written by a newer one): announced
    by kind only, never by its payload."""

    kind: ClassVar[Kind] = Kind.POST_PENDING_APPROVAL  # unused; see ``raw_kind``
    raw_kind: str = ""


def add(session: Session, message: Message) -> None:
    """Queue ``message`` in the caller's transaction (it is sent only if that commits)."""
    from social_bot.db.models import OutboxMessage

    if isinstance(message, UnknownMessage):
        raise TypeError("an unknown message cannot be written")
    session.add(OutboxMessage(kind=str(message.kind), post_id=message.post_id,
                              comment_id=message.comment_id, payload=message.payload()))


def _coerce(field: dataclasses.Field[Any], value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    if field.type in ("int", "int | None") and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def from_row(kind: str, post_id: int | None, comment_id: int | None,
             payload: dict[str, Any] | None) -> Message:
    """The typed message for one stored row (old rows included)."""
    try:
        cls = CLASSES[Kind(kind)]
    except ValueError:
        return UnknownMessage(post_id=post_id, comment_id=comment_id, raw_kind=kind[:40])
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values = {name: _coerce(fields[name], value) for name, value in (payload or {}).items()
              if name in fields and name not in ("post_id", "comment_id") and value is not None}
    if cls is DeliveryFailed and "reason" not in values:  # rows from before the classes
        old = (payload or {}).get("error") or (payload or {}).get("last_error")
        if old:
            values["reason"] = str(old)
    return cls(post_id=post_id, comment_id=comment_id, **values)


def status_message(status: str, post_id: int, revision: int, revision_hash: str, actor: str,
                   reason: str | None, previous: str | None = None) -> Message | None:
    """The announcement for a post entering ``status``, or None when chat is not told
    (or is told by the caller: a hold and its release announce themselves)."""
    if status == "held" or (previous == "held" and status == "approved"):
        return None
    if status == "pending_approval":
        return PostPendingApproval(post_id=post_id, revision=revision,
                                   revision_hash=revision_hash)
    if status == "approved":
        return PostApproved(post_id=post_id, revision=revision, revision_hash=revision_hash,
                            actor=actor)
    if status == "rejected":
        return PostRejected(post_id=post_id, revision=revision, revision_hash=revision_hash,
                            actor=actor, reason=reason or "")
    if status == "cancelled" and previous in _CANCEL_TOLD_FROM:
        return PostCancelled(post_id=post_id, revision=revision, revision_hash=revision_hash,
                             actor=actor, reason=reason or "")
    return None
