"""Checks made just before a post goes out, beside the PHI re-screen and the approval
re-proof: the people's decisions still hold, and the images are the images approved.

- A dismissal that rests on a written authorization holds only while that authorization
  is in force: revoked or expired, the finding blocks again (clear reason, audited by the
  publisher's block path). A fresh screen finding that nobody dismissed blocks as before.
- Each image is re-read, re-hashed and compared with the hash the approvals are bound to;
  the platform receives a private copy of exactly the bytes that were checked, so a file
  swapped on disk after the check cannot slip through (issue 14, item 4).

The publisher calls `screen_verdict` before it claims, the claim `consent_check` (a
preflight check) and `verified_media` around the platform call; none knows anything else
about publishing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.base import PermanentError
from social_bot import outbox
from social_bot.app import App
from social_bot.db.models import Dismissal, Post, Revision, utcnow
from social_bot.dismissals import audited_before_approval, key_of, lapse
from social_bot.posts import current_revision

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
    from social_bot.posts import set_status

    session, post, revision = ctx.session, ctx.post, ctx.revision
    if not any(f.dismissal is not None and f.dismissal.consent_id is not None
               for f in revision.findings):
        return None  # nothing rests on an authorization: no audit records to read
    lapsed = _lapsed_authorization(_audited_dismissals(session, post, revision), ctx.now)
    if lapsed is None:
        return None
    category, reason = lapsed
    if post.status != Status.APPROVED:
        return Refusal(Action.FAIL, reason, "authorization")
    set_status(session, post, Status.BLOCKED_PHI, actor=ctx.actor,
               action="post.blocked_at_publish", reason=reason,
               detail={"categories": [category]})
    outbox.add(session, outbox.PostBlockedAtPublish(
        post_id=post.id, revision=revision.number, categories=(category,), reason=reason))
    return None


def _read_regular(path: Path) -> bytes:
    """The file's bytes, refusing symlinks and anything but a regular file (opened without
    following a link, then checked on the open descriptor)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise MediaChanged(f"approved image {path.name} cannot be read ({exc.strerror})") \
            from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise MediaChanged(f"approved image {path.name} is no longer a regular file")
        return fh.read()


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
    folder = Path(tempfile.mkdtemp(prefix="socialbot-media-"))
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
