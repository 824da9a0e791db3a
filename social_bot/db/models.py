"""SQLAlchemy models. The schema itself is created by Alembic migrations (social_bot/migrations)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# SQLite has no BIGSERIAL; an INTEGER PRIMARY KEY there is the rowid (64-bit anyway).
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes stored as UTC on both SQLite and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect):  # noqa: ANN001
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    author: Mapped[str] = mapped_column(String(200))
    author_os_user: Mapped[str | None] = mapped_column(String(200))
    current_revision: Mapped[int] = mapped_column(Integer, default=1)
    status_reason: Mapped[str | None] = mapped_column(Text)
    # The comment a reply post answers (no FK: comments reference posts already).
    reply_to_comment_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    revisions: Mapped[list[Revision]] = relationship(
        back_populates="post", order_by="Revision.number", cascade="all, delete-orphan"
    )
    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="post", order_by="Delivery.platform", cascade="all, delete-orphan"
    )


class Revision(Base):
    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("post_id", "number", name="uq_revision_number"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    platforms: Mapped[list[str]] = mapped_column(JSON)
    media: Mapped[list[dict]] = mapped_column(JSON, default=list)
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The comment a reply answers, under the content hash (session 49). NULL on a post and
    # on revisions written before: publish_gate checks those against `post.created`.
    reply_to_comment_id: Mapped[int | None] = mapped_column(BigInteger)
    # That comment's platform and platform id, under the hash too (session 50): where the
    # reply goes. NULL on a post and on revisions written before (publish_gate checks those
    # against the comment's keyed records).
    reply_to_platform: Mapped[str | None] = mapped_column(String(20))
    reply_to_remote_id: Mapped[str | None] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    # The audit key the content hash is an HMAC under (its id, audit_key.key_id). NULL: a
    # revision written before hashes were keyed, whose hash is a plain SHA-256 (session 44).
    hash_key_id: Mapped[str | None] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(200))  # display name (staff or --as)
    # Who wrote it, as something the writer cannot type: "os:<login>" from the password
    # database, or a chat platform's verified "slack:U..." id. NULL on revisions written
    # before this column existed (the rule then falls back to created_by).
    written_by: Mapped[str | None] = mapped_column(String(200))
    # Retention: the text and findings' text were purged; hashes and categories remain.
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    post: Mapped[Post] = relationship(back_populates="revisions")
    findings: Mapped[list[Finding]] = relationship(
        back_populates="revision", order_by="Finding.start", cascade="all, delete-orphan"
    )
    approvals: Mapped[list[Approval]] = relationship(
        back_populates="revision", order_by="Approval.ordinal", cascade="all, delete-orphan"
    )


class Finding(Base):
    """A PHI screen finding on one revision (kept for the audit and the author)."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(10))
    score: Mapped[float] = mapped_column(Float)
    rule: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text)
    redaction: Mapped[str] = mapped_column(String(80))
    # Where it was found: "text" (the caption), "image:N" (text read in image N),
    # "faces:N" (faces in image N), "alt:N" (image N's alt text).
    source: Mapped[str] = mapped_column(String(40), default="text", server_default="text")

    revision: Mapped[Revision] = relationship(back_populates="findings")
    dismissal: Mapped[Dismissal | None] = relationship(back_populates="finding",
                                                      cascade="all, delete-orphan")


class Consent(Base):
    """A patient's written HIPAA authorization, as recorded by staff (the form stays in
    the practice's records; this names it by reference or by the file's hash)."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    patient_name: Mapped[str] = mapped_column(String(200))  # as it will appear in posts
    scopes: Mapped[list[str]] = mapped_column(JSON)          # name | story | photo
    form_ref: Mapped[str | None] = mapped_column(String(300))
    form_sha256: Mapped[str | None] = mapped_column(String(64))
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_os_user: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(200))
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class Dismissal(Base):
    """The author's recorded decision that one blocking finding is not PHI (or is
    authorized), kept with the finding and its span."""

    __tablename__ = "finding_dismissals"
    __table_args__ = (UniqueConstraint("finding_id", name="uq_dismissal_finding"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(30))
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consents.id"))
    note: Mapped[str | None] = mapped_column(Text)
    dismissed_by: Mapped[str] = mapped_column(String(200))
    os_user: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    carried_from: Mapped[int | None] = mapped_column(BigInteger)  # the dismissal it repeats

    finding: Mapped[Finding] = relationship(back_populates="dismissal")
    consent: Mapped[Consent | None] = relationship()


class Approval(Base):
    """One person's approval of one revision. The constraints make double votes impossible."""

    __tablename__ = "approvals"
    __table_args__ = (
        UniqueConstraint("revision_id", "approver", name="uq_approval_person"),
        UniqueConstraint("revision_id", "ordinal", name="uq_approval_ordinal"),
        CheckConstraint("ordinal >= 1", name="ck_approval_ordinal"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    approver: Mapped[str] = mapped_column(String(200))
    identity: Mapped[str] = mapped_column(String(200))  # e.g. "slack:U01DANA"
    ordinal: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    revision: Mapped[Revision] = relationship(back_populates="approvals")


class Delivery(Base):
    """One (post, platform) pair: published at most once."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("post_id", "platform", name="uq_delivery_platform"),
        Index("ix_delivery_due", "status", "due_at"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    platform: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Refreshed while the platform call runs: a slow publish keeps its claim alive.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_hash: Mapped[str | None] = mapped_column(String(64))
    remote_id: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Why a `held` delivery waits, and so what releases it (social_bot.daemon.claims.HoldKind).
    hold_kind: Mapped[str | None] = mapped_column(String(20))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    comment_cursor: Mapped[str | None] = mapped_column(Text)
    comments_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Where it went (or is going): "organization 123", "Page 456", "@handle"; set at the claim.
    account: Mapped[str | None] = mapped_column(String(200))

    post: Mapped[Post] = relationship(back_populates="deliveries")


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (UniqueConstraint("platform", "remote_id", name="uq_comment_remote"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    remote_id: Mapped[str] = mapped_column(String(200))
    # The comment this one answers, on the platform (None: a comment on the post itself).
    parent_remote_id: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    remote_created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    flags: Mapped[list[dict]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), index=True)  # new|flagged|hidden|kept|deleted
    hidden_on_platform: Mapped[bool] = mapped_column(default=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Retention (social_bot/comment_retention.py): text and author emptied; ids, flags and
    # "<audit key id>:<keyed digest>" of the text remain, so a read of the same words again
    # can be told from an edit without keeping them.
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    text_digest: Mapped[str | None] = mapped_column(String(60))


class AuditRecord(Base):
    """Append-only, chained by a keyed MAC (social_bot/audit.py). ``prev_hash`` is unique,
    so the chain cannot fork."""

    __tablename__ = "audit_records"
    __table_args__ = (
        UniqueConstraint("seq", name="uq_audit_seq"),
        UniqueConstraint("prev_hash", name="uq_audit_prev"),
        # One `post.approved` record per revision and approval round, whatever races or
        # replays in the application. A round begins with each move of the revision into
        # pending_approval (publishing sends it back when its votes no longer hold), so a
        # revision may be approved again as often as it is sent back (migration 0015; 0014
        # allowed it once per approver, session 49).
        Index(
            "uq_audit_approval_round",
            "post_id",
            "revision",
            "approval_round",
            unique=True,
            sqlite_where=text("action = 'post.approved'"),
            postgresql_where=text("action = 'post.approved'"),
        ),
        Index("ix_audit_post", "post_id"),
        # The policy.changed records, in order, without reading the trail (migration 0012).
        Index("ix_audit_action_seq", "action", "seq"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    os_user: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    post_id: Mapped[int | None] = mapped_column(BigInteger)
    revision: Mapped[int | None] = mapped_column(Integer)
    revision_hash: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    # The id of the HMAC key that wrote it; NULL for records written before the chain was
    # keyed (plain SHA-256, accepted only before the first keyed record).
    key_id: Mapped[str | None] = mapped_column(String(16))
    hash: Mapped[str] = mapped_column(String(64))  # HMAC-SHA256 (legacy: SHA-256)
    # `post.approved` only: the approval round (also in its keyed detail as "round"), for
    # the unique index above; NULL on every other record.
    approval_round: Mapped[int | None] = mapped_column(Integer)


class AuditHead(Base):
    """One row: the chain's tip. Locking it serialises appends; it also catches tail removal."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class OutboxMessage(Base):
    """A chat notification written in the same transaction as the change it announces.

    The daemon delivers these with retries, so a failed webhook never blocks the queue and
    a CLI process that exits early loses nothing.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # post.pending_approval, comment.flagged, ...
    post_id: Mapped[int | None] = mapped_column(BigInteger)
    comment_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class AccountNotice(Base):
    """A chat warning about a platform credential, at most once per token, kind and day.

    The unique key makes "once a day" hold across daemons sharing a database and across
    restarts: a second daemon's insert fails and it sends nothing. The token is named by its
    fingerprint (a truncated SHA-256), never stored itself.
    """

    __tablename__ = "account_notices"
    __table_args__ = (UniqueConstraint("platform", "fingerprint", "kind", "day",
                                       name="uq_account_notice"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    fingerprint: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(40))  # token_expiring, access_missing, ...
    day: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD, UTC
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- chat (issue 14): replay memory, what each approver was shown, refusal counts, holds --


class ChatReplay(Base):
    """A signed chat request already acted on, kept for the signature window (so a replay
    is refused after a daemon restart too, and by every daemon sharing the database)."""

    __tablename__ = "chat_replays"
    signature: Mapped[str] = mapped_column(String(100), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ChatView(Base):
    """A revision shown in full to one verified chat identity (`show`, or a card it
    clicked): what a plain `approve ID` may bind that person's vote to."""

    __tablename__ = "chat_views"
    __table_args__ = (UniqueConstraint("identity", "post_id", "content_hash",
                                       name="uq_chat_view"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    identity: Mapped[str] = mapped_column(String(200))
    post_id: Mapped[int] = mapped_column(BigInteger, index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # HMAC under the audit key (session 47): every staff login holds that key, so since
    # session 50 it is no longer written nor relied on (kept for rows written before)
    mac: Mapped[str | None] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16))
    # The chat door's Ed25519 signature (vote key) over the four fields above, and that
    # key's id (chat_views.view_sealed): only a sealed row counts as shown (session 50)
    seal: Mapped[str | None] = mapped_column(String(100))
    seal_key: Mapped[str | None] = mapped_column(String(16))


class ChatRefusals(Base):
    """Refused chat attempts per identity in the current window (rate limit); attempts
    beyond the limit are answered without being acted on and audited as one count."""

    __tablename__ = "chat_refusals"
    identity: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    suppressed: Mapped[int] = mapped_column(Integer, default=0)


class PostHold(Base):
    """An approved post stopped by an approver (`/socialbot hold`). While ``released_at``
    is empty the post is held; releasing takes two distinct eligible approvers."""

    __tablename__ = "post_holds"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    held_by: Mapped[str] = mapped_column(String(200))
    identity: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    held_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HoldRelease(Base):
    """One approver's vote to release a hold; two distinct ones release it."""

    __tablename__ = "hold_releases"
    __table_args__ = (UniqueConstraint("hold_id", "approver", name="uq_hold_release_person"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hold_id: Mapped[int] = mapped_column(ForeignKey("post_holds.id"), index=True)
    approver: Mapped[str] = mapped_column(String(200))
    identity: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CallBudgetDay(Base):
    """Platform calls spent on one UTC day, shared by every daemon using this database
    (social_bot/daemon/budget.py). ``day`` is the ISO date."""

    __tablename__ = "call_budget"
    platform: Mapped[str] = mapped_column(String(20), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    used: Mapped[int] = mapped_column(Integer, default=0)
