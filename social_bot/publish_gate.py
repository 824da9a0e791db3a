"""Checks made just before a post goes out, beside the PHI re-screen and the approval
re-proof: the people's decisions still hold, and the images are the images approved.

- A dismissal that rests on a written authorization holds only while that authorization
  is in force: revoked or expired, the finding blocks again (clear reason, audited by the
  publisher's block path). A fresh screen finding that nobody dismissed blocks as before.
- Each image is re-read, re-hashed and compared with the hash the approvals are bound to;
  the platform receives a private copy of exactly the bytes that were checked, so a file
  swapped on disk after the check cannot slip through (issue 14, item 4).

- The delivery is the one approved (session 49): its platform is among the revision's
  hashed platforms, it is not claimed before the revision's hashed schedule (the delivery
  row's `due_at` is only the queue's index), and a reply answers the comment its revision
  was approved for, under the platform id it was approved for (session 50).
  `approved_delivery` judges plain data; `delivery_check` reads it.

- The revision's text and alt texts hold no invisible data carrier (session 50): one stored
  before the door refused them is sent back to blocked_phi (`hidden_check`).

The publisher calls `screen_verdict` before it claims, the claim `consent_check`,
`hidden_check` and `delivery_check` (preflight checks) and `verified_media` around the
platform call; none knows anything else about publishing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.base import PermanentError
from social_bot import audit, outbox
from social_bot.app import App
from social_bot.db.models import AuditRecord, Comment, Dismissal, Post, Revision, utcnow
from social_bot.dismissals import audited_before_approval, key_of, lapse
from social_bot.domain import ReplyRemote
from social_bot.errors import UserError
from social_bot.filesafety import (
    FOLDER_OWNER,
    NotRegularFile,
    folder_open_to_others,
    open_regular,
    owner_name,
)
from social_bot.posts import current_revision
from social_bot.reply_target import recorded_remote

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from social_bot.daemon.preflight import ClaimContext, Refusal


class MediaChanged(PermanentError):
    """An image's bytes are not the bytes that were approved (or cannot be read). A
    permanent failure for the publisher: the delivery fails with this reason, audited."""


@dataclass(frozen=True)
class Verdict:
    blocks: bool
    # A reason of our own (an authorization no longer in force); None: the screen's wording.
    reason: str | None = None
    findings: list[Any] = field(default_factory=list)  # what blocks (undismissed findings)


def screen_verdict(app: App, post_id: int, revision_number: int, fresh: Sequence[Any],
                   now: datetime | None = None) -> Verdict:
    """Does this post still block, given the screen's fresh findings on its text and the
    dismissals recorded on the revision that was approved?"""
    now = now or utcnow()
    with app.db.read() as session:
        post = session.get(Post, post_id)
        if post is None or post.current_revision != revision_number:
            return Verdict(False)  # the claim re-checks the revision under its lock
        revision = current_revision(post)
        dismissals = _audited_dismissals(session, post, revision)
        if (lapsed := _lapsed_authorization(dismissals, now)) is not None:
            return Verdict(True, lapsed[1], list(fresh))
        # a dismissal clears its own span, not the same words elsewhere in the text
        cleared = {(key_of(d), d.start, d.end) for d in dismissals}
    blocking = [f for f in fresh if getattr(f, "severity", None) == "block"
                and (key_of(f), getattr(f, "start", None), getattr(f, "end", None))
                not in cleared]
    return Verdict(bool(blocking), None, blocking)


def _audited_dismissals(session: Session, post: Post, revision: Revision) -> list[Dismissal]:
    # Only dismissals the keyed audit trail recorded before the first approval count: a
    # row inserted in the database (or one made after the votes) clears nothing.
    return audited_before_approval(
        session, post, revision,
        [f.dismissal for f in revision.findings if f.dismissal is not None])


def _lapsed_authorization(dismissals: Sequence[Dismissal], now: datetime) -> tuple[str, str] | None:
    """(category, reason) of the first dismissal whose authorization is not in force now
    or no longer covers its finding, or None. The reason names no patient: it is shown in
    chat."""
    for d in dismissals:
        # The row and the keyed audit trail: a revocation undone in the database, or
        # an expiry moved, does not put an authorization back in force.
        problem = lapse(d, now)
        if problem:
            return d.category, (f"{problem}: the {d.category} finding it cleared blocks "
                                "again; record a new authorization and edit the post, "
                                "or remove what it covered")
    return None


def lapsed_reason(session: Session, post: Post, revision: Revision,
                  now: datetime) -> tuple[str, str] | None:
    """(category, reason) of the first audited dismissal of the revision whose
    authorization is not in force at ``now``, or None: the claim's check, and the fence
    before each request once a revocation or an expiry is seen (session 52)."""
    if not any(f.dismissal is not None and f.dismissal.consent_id is not None
               for f in revision.findings):
        return None  # nothing rests on an authorization: no audit records to read
    return _lapsed_authorization(_audited_dismissals(session, post, revision), now)


def consent_check(ctx: ClaimContext) -> Refusal | None:
    """The preflight check (social_bot/daemon/preflight.py): the authorizations again, in
    the claim transaction at the claim's time. `screen_verdict` asks before the claim; a
    revocation or an expiry between the two published a story the patient had withdrawn
    (the rest of a partly published post, which a revocation does not send back: an
    outside review, session 44). Before anything went out the post goes back to
    blocked_phi, as the screen's block does; after, the delivery fails with the reason."""
    from social_bot.daemon.decide import Action
    from social_bot.daemon.preflight import Refusal
    from social_bot.domain import Status

    session, post, revision = ctx.session, ctx.post, ctx.revision
    lapsed = lapsed_reason(session, post, revision, ctx.now)
    if lapsed is None:
        return None
    category, reason = lapsed
    if post.status != Status.APPROVED:
        return Refusal(Action.FAIL, reason, "authorization")
    _block_at_publish(ctx, category, reason)
    return None


def _block_at_publish(ctx: ClaimContext, category: str, reason: str) -> None:
    """Send an approved post back to blocked_phi at the claim, and tell chat: the author
    edits it (a lapsed authorization, a stored revision holding hidden characters)."""
    from social_bot.domain import Status
    from social_bot.posts import set_status

    set_status(ctx.session, ctx.post, Status.BLOCKED_PHI, actor=ctx.actor,
               action="post.blocked_at_publish", reason=reason,
               detail={"categories": [category]})
    outbox.add(ctx.session, outbox.PostBlockedAtPublish(
        post_id=ctx.post.id, revision=ctx.revision.number, categories=(category,),
        reason=reason))


def hidden_check(ctx: ClaimContext) -> Refusal | None:
    """The preflight check: a revision whose text or alt text holds an invisible data
    carrier (stored and approved before the door refused them) is not sent (an outside
    review's second round, session 50, F3: the tags spelling an MRN went out with it).
    Nothing gone yet: the post goes back to blocked_phi, the author edits it. Partly
    published: this delivery fails with the reason."""
    from social_bot.daemon.decide import Action
    from social_bot.daemon.preflight import Refusal
    from social_bot.domain import Status
    from social_bot.posts import hidden_in_revision

    post, revision = ctx.post, ctx.revision
    reason = hidden_in_revision(post.id, revision)
    if reason is None:
        return None
    if post.status != Status.APPROVED:
        from social_bot.approval_proof import refused_for

        refused_for(ctx, reason)
        return Refusal(Action.FAIL, f"publishing refused: {reason}", "hidden_characters")
    _block_at_publish(ctx, "hidden_characters", reason)
    return None


@dataclass(frozen=True)
class Approved:
    """What the votes approved about where and when, from the revision under its hash (and,
    for the reply target of a revision written before session 49, its `post.created`
    record). ``reply_to``: the comment id, None for a post; ``reply_known`` False when no
    intact record says (then nothing goes out: the target cannot be proven).
    ``reply_remote``: that comment's platform id, hashed since session 50, or for a reply
    written before, as the comment's last intact keyed record names it (None: none does,
    and nothing goes out)."""

    platforms: tuple[str, ...]
    scheduled_at: datetime | None
    reply_to: int | None
    reply_known: bool = True
    reply_remote: ReplyRemote | None = None


@dataclass(frozen=True)
class Outgoing:
    """What the claim is about to send, as the rows say now."""

    platform: str
    reply_to: int | None  # posts.reply_to_comment_id
    now: datetime
    reply_remote: ReplyRemote | None = None  # that comment row's platform and remote_id


def approved_delivery(approved: Approved, outgoing: Outgoing) -> str | None:
    """Why this delivery is not the one approved, or None. The rows a database editor can
    write without the audit key (deliveries.platform, deliveries.due_at,
    posts.reply_to_comment_id, comments.remote_id) are held against what the approval
    covers."""
    if outgoing.platform not in approved.platforms:
        return (f"{outgoing.platform} is not among the platforms this revision was approved "
                f"for ({', '.join(sorted(approved.platforms)) or 'none'}); its delivery was "
                "added outside socialbot")
    if approved.scheduled_at is not None and outgoing.now < approved.scheduled_at:
        when = approved.scheduled_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return (f"it was approved to go out at {when}, not before; its due time was "
                "changed outside socialbot")
    if not approved.reply_known:
        # a post written before the chain was keyed (its post.created record unkeyed) ends
        # here too: the user is told what to run (session 54, R3)
        return ("no intact audit record says which comment this post answers (post.created), "
                "so the reply target cannot be proven; if the post was queued before the "
                "audit trail was keyed, cancel it (`socialbot post cancel`) and queue it again "
                "(`socialbot post create`)")
    if outgoing.reply_to != approved.reply_to:
        def what(comment_id: int | None) -> str:
            return "no comment (a post)" if comment_id is None else f"comment {comment_id}"
        return (f"it was approved as an answer to {what(approved.reply_to)}, and now names "
                f"{what(outgoing.reply_to)}; the reply target was changed outside socialbot")
    if approved.reply_to is not None and approved.reply_remote is None:
        return (f"this reply was approved before its revision named where comment "
                f"{approved.reply_to} is on the platform, and no intact audit record names "
                "it, so where it would go cannot be proven; write it again (`socialbot "
                f"comments reply {approved.reply_to}`) and have it approved")
    if approved.reply_remote is not None and outgoing.reply_remote != approved.reply_remote:
        def where(remote: ReplyRemote | None) -> str:
            return "nothing" if remote is None else f"{remote.platform} comment {remote.remote_id}"
        return (f"comment {approved.reply_to} was approved as {where(approved.reply_remote)}, "
                f"and its row now names {where(outgoing.reply_remote)}; the comment's platform "
                "id was changed outside socialbot")
    return None


def _approved(session: Session, post: Post, revision: Revision) -> Approved:
    """The edge: the approved revision's fields, and for a revision without a hashed reply
    target the intact `post.created` record's (it has named the target since the first
    release; a post's target never changes after creation)."""
    platforms, when = tuple(revision.platforms or ()), revision.scheduled_at
    if revision.reply_to_comment_id is not None:
        target: Any = revision.reply_to_comment_id
    else:
        keys = audit.session_keys(session)
        records = audit.post_records(session, post.id, AuditRecord.action == "post.created")
        record = next((r for r in records if audit.record_intact(r, keys)), None)
        if record is None:
            return Approved(platforms, when, None, reply_known=False)
        target = json.loads(record.detail or "{}").get("reply_to_comment")
        target = target if type(target) is int else None
    remote = audit.stored_reply_remote(revision)
    if target is not None and remote is None:  # written before session 50
        comment = session.get(Comment, target)
        remote = recorded_remote(session, comment) if comment is not None else None
    return Approved(platforms, when, target, reply_remote=remote)


def _answered_now(session: Session, post: Post) -> ReplyRemote | None:
    """The platform id the publisher would reply under: the comment row's, as it is now."""
    comment = (session.get(Comment, post.reply_to_comment_id)
               if post.reply_to_comment_id is not None else None)
    return None if comment is None else ReplyRemote(comment.platform, comment.remote_id)


def delivery_check(ctx: ClaimContext) -> Refusal | None:
    """The preflight check (after the approval re-proof, so the revision's fields are the
    hashed ones): a delivery that is not the approved one fails, nothing sent,
    `publish.refused` audited; the failure is announced in chat (claims.fail)."""
    from social_bot.approval_proof import refused_for
    from social_bot.daemon.decide import Action
    from social_bot.daemon.preflight import Refusal

    problem = approved_delivery(_approved(ctx.session, ctx.post, ctx.revision),
                                Outgoing(ctx.platform, ctx.post.reply_to_comment_id, ctx.now,
                                         _answered_now(ctx.session, ctx.post)))
    if problem is None:
        return None
    refused_for(ctx, problem)
    return Refusal(Action.FAIL, f"publishing refused: {problem}", "approved_delivery")


def _read_regular(path: Path) -> bytes:
    """The file's bytes, refusing symlinks and anything but a regular file (opened without
    following a link, then checked on the open descriptor: `open_regular`, which opens
    without blocking, so a named pipe swapped in for the image is refused at once instead of
    holding the publisher for ever: second attack review, B4)."""
    try:
        fd = open_regular(path, os.O_RDONLY | os.O_NOFOLLOW)
    except NotRegularFile:
        raise MediaChanged(f"approved image {path.name} is no longer a regular file") from None
    except OSError as exc:
        raise MediaChanged(f"approved image {path.name} cannot be read ({exc.strerror})") \
            from None
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


MEDIA_PREFIX = "socialbot-media-"
# A folder named before session 54 (no pid) is taken as stale only this long after its last
# change: a publish holds its copies for one upload, seconds, never an hour.
UNNAMED_STALE_S = 3600


def media_temp_base() -> Path:
    """The temporary folder (TMPDIR) the approved images are copied into, refused
    (UserError) when another login can rename what is in it: owned by someone other than
    this user or root, or writable by group or others without the sticky bit. There a staff
    login swapped the copy folder (after its images were hashed) for one of its own, so
    the platform got other images than the approved ones, or for a link to the database,
    whose descriptor the removal then opened and closed (A1). (s54 reread-a)"""
    base = Path(tempfile.gettempdir())
    try:
        st = os.stat(base)
    except OSError as exc:
        raise UserError(f"the temporary folder {base} cannot be used ({exc.strerror})") \
            from None
    if not stat.S_ISDIR(st.st_mode):
        raise UserError(f"the temporary folder {base} is not a folder; set TMPDIR to a "
                        "folder only this user writes in, or one with the sticky bit as /tmp")
    why = folder_open_to_others(st)  # the test filesafety's folder walk makes (s55-small)
    if why is not None:
        how = (f"belongs to {owner_name(st.st_uid)}" if why == FOLDER_OWNER
               else "is writable by its group or others without the sticky bit")
        raise UserError(f"the temporary folder {base} lets other logins rename what is in "
                        f"it (it {how}): the approved images are copied there before "
                        "upload; set TMPDIR to a folder only this user writes in, or one "
                        "with the sticky bit as /tmp")
    return base


def remove_stale_media_folders(base: Path | None = None) -> list[str]:
    """Remove the private copy folders (`verified_media`) that dead publishers left in the
    temporary folder (`kill -9`, a power cut: the `finally` never ran): only real folders
    (not links) this user owns, named `socialbot-media-<pid>-…` for a pid that is no running
    process, or in the pre-session-54 form `socialbot-media-…` (no pid) untouched for an
    hour. A live process's folder is kept whoever runs it (two daemons with their own
    worker ids on one machine), this process's own too. Returns the names removed.

    Each folder is opened once, as a folder only (O_DIRECTORY | O_NOFOLLOW, relative to the
    temporary folder's descriptor), checked on that descriptor and emptied through it: a
    name swapped meanwhile (a TMPDIR other logins write in) for a link to the database is
    never opened, so no descriptor of it is closed (session 53's A1; s54 reread-a)."""
    base = media_temp_base() if base is None else base
    try:
        base_fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return []
    removed = []
    try:
        for name in sorted(os.listdir(base_fd)):
            if name.startswith(MEDIA_PREFIX) and _remove_if_stale(base_fd, name):
                removed.append(name)
    except OSError:
        pass
    finally:
        os.close(base_fd)
    return removed


def _remove_if_stale(base_fd: int, name: str) -> bool:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=base_fd)
    except OSError:
        return False  # a link, a file, a pipe (none opened), another user's private folder
    try:
        if not _stale(os.fstat(fd), name[len(MEDIA_PREFIX):]):
            return False
        shutil.rmtree(".", ignore_errors=True, dir_fd=fd)  # the contents, via the descriptor
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.rmdir(name, dir_fd=base_fd)  # empty now; anything else under the name stays
    return True


def _stale(st: os.stat_result, rest: str) -> bool:
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
        return False
    pid, dash, _ = rest.partition("-")
    if not dash:  # mkdtemp's random part has no "-": a folder named before session 54
        return time.time() - st.st_mtime > UNNAMED_STALE_S
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False  # alive under another login (EPERM), or no pid at all
    return False


@contextmanager
def verified_media(paths: Sequence[Path], hashes: Sequence[str]) -> Iterator[tuple[Path, ...]]:
    """Private copies of the approved images, each re-hashed against its approved hash.

    Raises MediaChanged (nothing is uploaded) on any mismatch. The copies live in a 0700
    directory removed afterwards.
    """
    if not paths:
        yield ()
        return
    if len(paths) != len(hashes):
        raise MediaChanged("the approved revision's media list does not match its hashes")
    # the pid in the name says whose it is: a daemon killed with -9 left its folder, which
    # the next start removes (remove_stale_media_folders)
    try:
        base = media_temp_base()
    except UserError as exc:
        raise MediaChanged(str(exc)) from None
    folder = Path(tempfile.mkdtemp(prefix=f"{MEDIA_PREFIX}{os.getpid()}-", dir=base))
    try:
        copies = []
        for index, (path, expected) in enumerate(zip(paths, hashes, strict=True), start=1):
            data = _read_regular(Path(path))
            actual = hashlib.sha256(data).hexdigest()
            if actual != expected:
                raise MediaChanged(
                    f"image {index} changed after it was approved (sha256 {actual[:12]} is not "
                    f"the approved {expected[:12]}): nothing was published; attach the image "
                    "again (`socialbot post edit ID --media FILE`, or --no-media to drop "
                    "it) and have it approved")
            copy = folder / f"{index}-{Path(path).name}"
            fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            copies.append(copy)
        yield tuple(copies)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
