"""Retention: blocked drafts do not keep PHI forever (issue 14, item 12).

A revision the PHI screen blocked keeps, after purging, only what the audit needs: its
content hash, and its findings' categories, severities and positions. Its text, the
findings' matched text, reasons and suggested redactions are emptied. This happens
``[retention] blocked_days`` after the revision was written (the daemon checks), or at
once with ``socialbot post purge ID``. Every purge is audited (categories only).

A blocked revision that is the current one of a post still waiting (blocked_phi, draft)
ends that post: it is cancelled, since there is no text left to edit or approve. The
current revision of a post that went ahead (a finding dismissed with a recorded reason,
then approved and published) is not purged: it is what the practice published.

A purged revision's images lose their alt text (typed, so maybe PHI; the hashes stay),
and their files (stored once per content hash, so possibly shared) are deleted once no
revision that is not purged refers to them: after the purge commits, so a failed purge
leaves every file. Only ``<sha256>.png|jpg`` in the media folder is ever deleted: the path
in a row is not trusted.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import String, cast, exists, select
from sqlalchemy.orm import Session

from social_bot import audit
from social_bot.app import App
from social_bot.db.models import Finding, Post, Revision, utcnow
from social_bot.domain import Status
from social_bot.errors import NotFound, UserError
from social_bot.posts import Staff, as_policy_names, lock_post, set_status

log = logging.getLogger(__name__)

# A post in one of these states will never be published, so all its blocked revisions go.
ENDED_OR_WAITING = frozenset({Status.DRAFT, Status.BLOCKED_PHI, Status.CANCELLED,
                              Status.REJECTED})


@dataclass(frozen=True)
class Purged:
    post_id: int
    revisions: tuple[int, ...]
    cancelled: bool
    media_removed: int = 0  # image files deleted (not used by any revision left)
    media_deferred: int = 0  # unused, but stored or reused within MEDIA_GRACE: deleted later
    scrub_note: str | None = None  # why the old copies of the text may still be on disk


# What media.py stores: the cleaned bytes' SHA-256, then the type.
MEDIA_FILE = re.compile(r"(?P<digest>[0-9a-f]{64})\.(?:png|jpg)")
PARTIAL_FILE = re.compile(r"\.[0-9a-f]{64}\.\d+\.tmp")  # media._store's file being written
# A file stored or reused this recently may belong to a post still being created: its row
# commits only after the image screen (seconds, more on a slow machine), so neither a purge
# nor the orphan sweep deletes it (a purge that looked in between saw no user and deleted
# it: an outside review, session 43). media._store touches a file it reuses, so the grace
# starts again at every reuse; an hour is far longer than any create.
MEDIA_GRACE = timedelta(hours=1)
SWEEP_BATCH = 500

# What a purge of blocked revisions overwrites: their old versions are scrubbed after it
# (Database.scrub: SQLite's -wal emptied, PostgreSQL's old row versions vacuumed).
PURGED_TABLES = ("revisions", "findings", "finding_dismissals")


def _blocked(revision: Revision) -> bool:
    return any(f.severity == "block" for f in revision.findings)


def _purgeable(post: Post, revision: Revision) -> bool:
    if revision.purged_at is not None or not _blocked(revision):
        return False
    return revision.number != post.current_revision or Status(post.status) in ENDED_OR_WAITING


def _purge_dismissals(revision: Revision) -> int:
    """Empty the dismissals of a purged revision's findings: a dismissal copies the
    finding's span (the patient's name) and carries the author's free-text note, which may
    name the patient too (an outside review, session 43: both outlived the purge, and `post
    show` printed the note). Reason, category, place and who dismissed stay; the audit
    record of the dismissal keeps only keyed digests. Returns how many were emptied."""
    emptied = 0
    for finding in revision.findings:
        if finding.dismissal is not None:
            finding.dismissal.text = ""
            finding.dismissal.note = None
            emptied += 1
    return emptied


def _purge_post(session: Session, post: Post, revisions: list[Revision], actor: str,
                os_user: str | None, why: str, now: datetime) -> tuple[Purged, set[str]]:
    """Purge the rows; return what was done and the media file names the revisions held."""
    files: set[str] = set()
    for revision in revisions:
        categories = sorted({f.category for f in revision.findings})
        revision.text = ""
        revision.purged_at = now
        files.update(Path(str(m.get("path") or "")).name for m in revision.media or ())
        revision.media = [{k: v for k, v in m.items() if k != "alt"}
                          for m in revision.media or ()]
        for finding in revision.findings:
            finding.text = ""
            finding.reason = ""
            finding.redaction = ""
        dismissals = _purge_dismissals(revision)
        audit.append(session, actor=actor, os_user=os_user, action="revision.purged",
                     post_id=post.id, revision=revision.number,
                     revision_hash=revision.content_hash,
                     detail={"categories": categories, "why": why,
                             **({"dismissals": dismissals} if dismissals else {})})
    cancelled = False
    current = next(r for r in post.revisions if r.number == post.current_revision)
    if current.purged_at is not None and post.status in (Status.BLOCKED_PHI, Status.DRAFT):
        for delivery in post.deliveries:
            delivery.status = "cancelled"
        set_status(session, post, Status.CANCELLED, actor=actor, os_user=os_user,
                   action="post.cancelled", reason=f"blocked text purged ({why})")
        cancelled = True
    return Purged(post.id, tuple(r.number for r in revisions), cancelled), files


def _remove_unused_media(app: App, names: set[str]) -> int:
    """Delete the media files among ``names`` that no revision left unpurged refers to."""
    digests = {m["digest"]: name for name in names if (m := MEDIA_FILE.fullmatch(name))}
    if not digests:
        return 0
    with app.db.read() as session:
        in_use = {ref.get("sha256")
                  for digest in digests
                  for media in session.scalars(select(Revision.media).where(
                      Revision.purged_at.is_(None),
                      cast(Revision.media, String).contains(digest)))
                  for ref in media or ()}
    removed = 0
    for digest, name in digests.items():
        path = app.media_dir / name
        if digest in in_use or path.is_symlink() or not path.is_file():
            continue
        try:
            path.unlink()
        except OSError as exc:  # the rows are purged; say so and leave the file for a person
            log.warning("purged media file %s could not be deleted: %s", name, exc.strerror)
            continue
        removed += 1
    return removed


def discard_unreferenced(app: App, paths: Sequence[Path]) -> int:
    """Delete files a refused create or edit wrote, unless a revision names them by now
    (the same image attached to another post meanwhile). Never raises: a file that cannot
    be checked or deleted now is left for sweep_orphan_media, and the refusal that brought
    us here is what the person must see."""
    names = {path.name for path in paths if path.parent == app.media_dir}
    try:
        return _remove_unused_media(app, names)
    except Exception as exc:  # noqa: BLE001 - the database may be why the create failed
        log.warning("media files of a refused post left for the sweep: %s",
                    type(exc).__name__)
        return 0


def sweep_orphan_media(app: App, now: float | None = None) -> int:
    """Delete stored images no unpurged revision names, untouched for MEDIA_GRACE: what a
    create killed between storing its images and committing its row left behind, and what a
    purge left for its grace period (media.py touches a file it stores again, so the grace
    counts from its last use). At most SWEEP_BATCH files per call."""
    folder = app.media_dir
    if not folder.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - MEDIA_GRACE.total_seconds()
    stale: dict[str, Path] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_mtime >= cutoff:
                continue
            if m := MEDIA_FILE.fullmatch(entry.name):
                stale[m["digest"]] = Path(entry.path)
            elif PARTIAL_FILE.fullmatch(entry.name):  # a write cut short: no row names it
                Path(entry.path).unlink(missing_ok=True)
    if not stale:
        return 0
    with app.db.read() as session:
        in_use = {ref.get("sha256")
                  for media in session.scalars(select(Revision.media).where(
                      Revision.purged_at.is_(None)))
                  for ref in media or ()}
    removed = 0
    for digest in sorted(set(stale) - in_use)[:SWEEP_BATCH]:
        try:
            stale[digest].unlink()
        except OSError as exc:
            log.warning("orphan media file %s could not be deleted: %s", stale[digest].name,
                        exc.strerror)
            continue
        removed += 1
    return removed


def _recently_used(path: Path) -> bool:
    """A stored media file written or reused within MEDIA_GRACE (False if there is none)."""
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return False
    return MEDIA_FILE.fullmatch(path.name) is not None and utcnow() - modified < MEDIA_GRACE


def _with_media(app: App, done: Purged, files: set[str]) -> Purged:
    """After the purge committed: its unused files deleted, but those used within
    MEDIA_GRACE left for the daemon's hourly orphan sweep (sweep_orphan_media)."""
    young = {name for name in files if _recently_used(app.media_dir / name)}
    return replace(done, media_removed=_remove_unused_media(app, files - young),
                   media_deferred=len(young))


def purge_post(app: App, post_id: int, staff: Staff) -> Purged:
    """`socialbot post purge ID`: purge every blocked revision of one post now."""
    staff = as_policy_names(app, staff)
    with app.db.write() as session:
        post = lock_post(session, post_id)
        revisions = [r for r in post.revisions if _purgeable(post, r)]
        if not revisions:
            if not any(_blocked(r) for r in post.revisions):
                raise UserError(f"post {post_id} has no revision the PHI screen blocked: "
                                "nothing to purge")
            raise UserError(f"post {post_id}: its blocked revisions are already purged, or "
                            "the blocked one is what was approved and published")
        done, files = _purge_post(session, post, revisions, staff.name, staff.os_user,
                                  "asked", utcnow())
    # the CLI prints the note (a log line would go nowhere there)
    return replace(_with_media(app, done, files), scrub_note=app.db.scrub(PURGED_TABLES))


def purge_expired(app: App, now: datetime | None = None) -> list[Purged]:
    """Purge blocked revisions older than the policy's ``[retention] blocked_days``."""
    days = app.policy.retention.blocked_days
    if not days:
        return []
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    blocked = exists().where(Finding.revision_id == Revision.id, Finding.severity == "block")
    stmt = (select(Revision.post_id).join(Post, Post.id == Revision.post_id)
            .where(Revision.purged_at.is_(None), Revision.created_at < cutoff, blocked,
                   (Revision.number != Post.current_revision)
                   | Post.status.in_([str(s) for s in ENDED_OR_WAITING]))
            .distinct().limit(200))
    with app.db.read() as session:
        post_ids = list(session.scalars(stmt))
    done: list[Purged] = []
    for post_id in post_ids:
        with app.db.write() as session:
            try:
                post = lock_post(session, post_id)
            except NotFound:
                continue
            revisions = [r for r in post.revisions
                         if _purgeable(post, r) and r.created_at < cutoff]
            if not revisions:
                continue
            purged, files = _purge_post(session, post, revisions, "retention", None,
                                        f"retention: {days} days", now)
        done.append(_with_media(app, purged, files))
    if done and (note := app.db.scrub(PURGED_TABLES)) is not None:
        log.warning("after the retention purge: %s", note)
        done = [replace(p, scrub_note=note) for p in done]
    return done
