"""The life of a post as plain data and pure functions (no database, no network)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from social_bot.errors import Refused


class Status(StrEnum):
    DRAFT = "draft"
    BLOCKED_PHI = "blocked_phi"
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    PARTIALLY_PUBLISHED = "partially_published"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # Approved, then stopped by an approver (`/socialbot hold`): not published until two
    # eligible approvers release it (`/socialbot release`), back to approved.
    HELD = "held"


# A post's state in words a practice manager reads (`post list` at a terminal, `post show`,
# `post edit`); --json and piped `post list` keep the machine names above, which scripts and
# `post list --status` read (session 52: "blocked_phi" and "pending_approval" on screen)
STATUS_WORDS: dict[str, str] = {
    Status.DRAFT: "draft",
    Status.BLOCKED_PHI: "blocked by the PHI screen",
    Status.PENDING_APPROVAL: "waiting for approval",
    Status.APPROVED: "approved",
    Status.REJECTED: "rejected",
    Status.PUBLISHING: "publishing",
    Status.PUBLISHED: "published",
    Status.PARTIALLY_PUBLISHED: "published on some platforms",
    Status.FAILED: "failed",
    Status.CANCELLED: "cancelled",
    Status.HELD: "held by an approver",
}


def status_words(status: str) -> str:
    """``status`` in plain words (an unknown one as it is)."""
    return STATUS_WORDS.get(status, status)


class DeliveryStatus(StrEnum):
    PENDING = "pending"          # waiting for the post's approval and due time
    ATTEMPTING = "attempting"    # intent recorded, call in flight: reconcile after a crash
    RETRY = "retry"              # a transient failure; next_attempt_at says when
    HELD = "held"                # only a person can get it through (hold_kind says how)
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"


class HoldKind(StrEnum):
    """Why a held delivery waits, and so what releases it (claims.release_holds)."""

    CONFIG = "config"    # a setting must change (a retired API version): released at start
    AUTH = "auth"        # credentials must be renewed: released by `socialbot connect`
    BY_HAND = "by_hand"  # a person does it on the platform (an X reply the API refuses)
    CHECK = "check"      # a publish-time check refused it (social_bot.daemon.preflight)
    # The platform's account changed (`socialbot connect`) after the post was approved: two
    # approvers release it (`/socialbot release`), or it goes nowhere they did not see.
    ACCOUNT = "account"
    CREDITS = "credits"  # the platform's prepaid credits ran out (X's 402): tried again
    #                      after SOCIALBOT_CREDITS_RETRY and at a daemon start


# Statuses from which the post's content may still change (edit or cancel).
BEFORE_PUBLISHING = frozenset(
    {Status.DRAFT, Status.BLOCKED_PHI, Status.PENDING_APPROVAL, Status.APPROVED, Status.HELD}
)
FINAL = frozenset({Status.PUBLISHED, Status.FAILED, Status.REJECTED, Status.CANCELLED})

_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.BLOCKED_PHI, Status.PENDING_APPROVAL, Status.CANCELLED}),
    Status.BLOCKED_PHI: frozenset({Status.BLOCKED_PHI, Status.PENDING_APPROVAL, Status.CANCELLED}),
    Status.PENDING_APPROVAL: frozenset(
        {Status.PENDING_APPROVAL, Status.BLOCKED_PHI, Status.APPROVED, Status.REJECTED,
         Status.CANCELLED}
    ),
    Status.APPROVED: frozenset(
        {Status.PENDING_APPROVAL, Status.BLOCKED_PHI, Status.PUBLISHING, Status.CANCELLED,
         Status.HELD}
    ),
    Status.HELD: frozenset(
        {Status.APPROVED, Status.PENDING_APPROVAL, Status.BLOCKED_PHI, Status.CANCELLED}
    ),
    Status.PUBLISHING: frozenset(
        # cancelled: a person withdrew every delivery before any went out
        {Status.PUBLISHED, Status.PARTIALLY_PUBLISHED, Status.FAILED, Status.PUBLISHING,
         Status.CANCELLED}
    ),
    Status.PARTIALLY_PUBLISHED: frozenset(
        {Status.PUBLISHED, Status.PARTIALLY_PUBLISHED, Status.FAILED}
    ),
}


def check_transition(current: str, target: str) -> None:
    """Raise Refused unless the state machine allows ``current -> target``."""
    if Status(target) not in _TRANSITIONS.get(Status(current), frozenset()):
        raise Refused(f"a post that is {current} cannot become {target}")


def after_screen(blocking: bool) -> Status:
    return Status.BLOCKED_PHI if blocking else Status.PENDING_APPROVAL


# Ends a person decided (DESIGN, the life of a post: nothing leaves them), not publishing.
_DECIDED = {
    Status.REJECTED: "was rejected by an approver, and a rejection is final",
    Status.CANCELLED: "was cancelled, and a cancellation is final",
}


def check_editable(status: str, post_id: int | None = None) -> None:
    """Refused, with the real reason, unless the post's content may still change. A
    rejected or cancelled post never started publishing: "only posts that have not started
    publishing can change" sent its author looking for a publish that never happened
    (session 48); the way on is a new post."""
    if Status(status) in BEFORE_PUBLISHING:
        return
    post = f"post {post_id}" if post_id is not None else "the post"
    decided = _DECIDED.get(Status(status))
    if decided is not None:
        raise Refused(f"{post} {decided}: it cannot be edited back into review; put the "
                      "corrected text in a new post (`socialbot post create`)")
    raise Refused(f"{post} is {status}: only posts that have not started publishing can change")


def check_votable(status: str) -> None:
    """Approve/reject only while waiting for approvals."""
    if Status(status) != Status.PENDING_APPROVAL:
        raise Refused(f"post is {status}, not waiting for approval")


@dataclass(frozen=True)
class MediaRef:
    path: str
    sha256: str  # of the cleaned bytes: what approvals bind and publishing re-checks
    alt: str = ""  # alt text sent with the image; part of what is approved
    # type, width, height, size, removed (metadata stripped): shown, not hashed
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def hashed(self) -> str | dict[str, str]:
        # Without alt text the hash input is the bare digest, as before alt text existed.
        return {"sha256": self.sha256, "alt": self.alt} if self.alt else self.sha256

    def stored(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, **({"alt": self.alt} if self.alt
                                                             else {}), **self.meta}

    @classmethod
    def from_stored(cls, row: dict) -> MediaRef:
        meta = {k: v for k, v in row.items() if k not in ("path", "sha256", "alt")}
        return cls(row["path"], row["sha256"], row.get("alt") or "", meta)


@dataclass(frozen=True)
class ReplyRemote:
    """The answered comment as the platform knows it: the platform and the comment's id
    there, which is where the reply goes (session 50: the row's `comments.remote_id` was
    outside every hash, and swapped in the database it re-aimed an approved reply)."""

    platform: str
    remote_id: str


@dataclass(frozen=True)
class RevisionContent:
    text: str
    platforms: tuple[str, ...]
    media: tuple[MediaRef, ...] = ()
    scheduled_at: datetime | None = None
    reply_to: int | None = None  # the comment a reply answers (None: a post)
    reply_remote: ReplyRemote | None = None  # that comment's platform id (None: a post)

    def content_hash(self, key: bytes | None = None) -> str:
        """What an approval is bound to: text, media hashes, platforms, schedule and, for a
        reply, the comment it answers and that comment's platform id.

        Keyed (HMAC-SHA256 under the audit key) for every revision written since session 44:
        the hash outlives a purge and is in every export, and a plain SHA-256 let whoever
        held an export confirm a guessed post text offline. ``key=None`` is the plain hash
        of revisions written before (their ``hash_key_id`` is NULL)."""
        canonical = json.dumps(
            {
                "text": self.text,
                "platforms": sorted(self.platforms),
                "media": [m.hashed() for m in self.media],
                # In UTC, as the database gives it back, so the publisher can recompute
                # the hash from the stored row (social_bot/approval_proof.py).
                "scheduled_at": (self.scheduled_at.astimezone(UTC).isoformat()
                                 if self.scheduled_at else None),
                # Only on a reply (session 49): every post's hash, and every revision's
                # written before, stays what it was.
                **({"reply_to": self.reply_to} if self.reply_to is not None else {}),
                # Session 50, likewise: a reply's hash written before stays what it was.
                **({"reply_remote": [self.reply_remote.platform, self.reply_remote.remote_id]}
                   if self.reply_remote is not None else {}),
            },
            sort_keys=True,
            ensure_ascii=False,
        )
        if key is None:
            return hashlib.sha256(canonical.encode()).hexdigest()
        # A prefix of its own: no other digest under the audit key (typed text, names) can
        # be read as a revision's.
        return hmac.new(key, b"socialbot revision\0" + canonical.encode(),
                        hashlib.sha256).hexdigest()


def overall_delivery_status(statuses: Sequence[str]) -> Status:
    """The post's status once publishing has started, from its deliveries' statuses."""
    done = [s for s in statuses if s in (DeliveryStatus.PUBLISHED, DeliveryStatus.FAILED)]
    published = [s for s in statuses if s == DeliveryStatus.PUBLISHED]
    if len(done) < len(statuses):
        return Status.PARTIALLY_PUBLISHED if published else Status.PUBLISHING
    if len(published) == len(statuses):
        return Status.PUBLISHED
    return Status.PARTIALLY_PUBLISHED if published else Status.FAILED


class CommentState(StrEnum):
    """Where a comment stands. HIDE_PENDING replaces the old ``last_error LIKE 'auto-hide%'``
    marker: the policy wants it hidden and the daemon has not managed to yet."""

    NEW = "new"                    # stored, nothing flagged
    FLAGGED = "flagged"            # waiting for a person
    HIDE_PENDING = "hide_pending"  # flagged, to be hidden on the platform by the policy
    HIDDEN = "hidden"              # hidden on the platform (by the policy or a person)
    KEPT = "kept"                  # a person decided to leave it up
    DELETED = "deleted"            # a person deleted it (final)


# Waiting for a person's decision (hidden by the policy still needs one).
IN_REVIEW = frozenset({CommentState.FLAGGED, CommentState.HIDE_PENDING, CommentState.HIDDEN})


class CommentAction(StrEnum):
    KEEP = "keep"
    HIDE = "hide"
    DELETE = "delete"


def after_decision(action: CommentAction) -> CommentState:
    return {CommentAction.KEEP: CommentState.KEPT, CommentAction.HIDE: CommentState.HIDDEN,
            CommentAction.DELETE: CommentState.DELETED}[action]


def platform_call(action: CommentAction, hidden_on_platform: bool) -> str | None:
    """Which adapter call a decision needs: "hide", "unhide", "delete" or None.

    A hide is always sent: the record may say hidden while the platform shows the comment
    (a process killed between its unhide and its record, or a moderator's unhide in the
    platform's own app), and a hide of what was recorded hidden then made no call and
    left it visible, recorded hidden (an attack on the lock, session 45). Hiding twice is
    harmless wherever comments can be hidden. A keep of a comment recorded not hidden
    still makes none (a deleted Facebook comment's keep must go through: docs/moderation.md
    "Facebook's 100/33")."""
    if action == CommentAction.HIDE:
        return "hide"
    if action == CommentAction.KEEP:
        return "unhide" if hidden_on_platform else None
    return "delete"


# Comment flags that mean the text is about someone's health: a chat card shows such a
# comment with every finding redacted, the commenter's name too, and withholds it entirely
# if the screen finds no span (chat/guard.py); a reply under one must not name its writer
# (posts.answered; session 52). "crisis" (suicide or self-harm) is mental health, the most
# sensitive kind: the card says what to do (ownwords.CRISIS_NOTE) and the words stay on the
# practice's computer, always.
HEALTH_FLAGS = frozenset({"phi", "self_disclosure", "crisis"})
