"""Service functions for staff: create, edit, cancel, list and show posts.

One domain, several doors: the CLI, the chat endpoint and the demo all call these.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from social_bot import audit, outbox, witness
from social_bot.app import App
from social_bot.db.models import (
    Approval,
    Comment,
    Delivery,
    Finding,
    Post,
    Revision,
    utcnow,
)
from social_bot.domain import (
    BEFORE_PUBLISHING,
    HEALTH_FLAGS,
    DeliveryStatus,
    MediaRef,
    RevisionContent,
    Status,
    after_screen,
    check_editable,
    check_transition,
)
from social_bot.drafts import parse_platforms, parse_when
from social_bot.errors import NotFound, Refused, UserError
from social_bot.inputs import (
    kept_form,
    refuse_controls,
    refuse_hidden,
    require_text,
    stored_carrier,
)
from social_bot.reply_target import answered_remote, unvouched

if TYPE_CHECKING:
    from policies.phi.answering import Answered
    from social_bot.approval_proof import Standing


@dataclass(frozen=True)
class Staff:
    """Who runs a CLI command: a name to show, and the OS login that ran it.

    The login (from the password database) is the identity the two-person rule checks;
    the name is whatever the policy calls that login, else what --as said, else the login.
    ``display`` is what --as / SOCIALBOT_USER said, kept in the audit record only.
    """

    name: str
    os_user: str | None = None
    display: str | None = None

    @property
    def identity(self) -> str:
        """The writer identity recorded on revisions ("os:<login>")."""
        return f"os:{self.os_user}" if self.os_user else f"name:{self.name}"


def as_policy_names(app: App, staff: Staff) -> Staff:
    """The policy names people by their login: a typed name never replaces that."""
    approval = getattr(app.policy, "approval", None)
    mapped = approval.staff_name(staff.os_user) if approval is not None else None
    if mapped is None or mapped == staff.name:
        return staff
    return Staff(name=mapped, os_user=staff.os_user, display=staff.display)


def _as_detail(session: Session, staff: Staff) -> dict[str, Any]:
    """What the audit record keeps of a typed --as name: its length and keyed digest, as
    for other typed text (social_bot/chat/typed.py). The chain is never purged and a name
    typed there may be a patient's ("Maria Lopez MRN 5583921"); the key holder can still
    check a guess."""
    if not staff.display or staff.display == staff.name:
        return {}
    from social_bot.chat.typed import trace

    return {"display_name": trace(audit.session_keys(session).current,
                                  staff.display).as_detail()}


@dataclass(frozen=True)
class ScreenedDraft:
    content: RevisionContent
    findings: list[Any]
    # image files this draft's cleaning wrote: removed again if the post is not created
    new_files: tuple[Path, ...] = ()

    @property
    def blocked(self) -> bool:
        return any(f.severity == "block" for f in self.findings)


def prepare_draft(
    app: App,
    text: str,
    platforms: Sequence[str],
    at: str | datetime | None = None,
    media: Sequence[str | MediaRef] = (),
    *,
    context: str = "post",
    alts: Sequence[str] | None = None,
    answering: str | Answered | None = None,
) -> ScreenedDraft:
    """Check everything a person typed, then screen it: the text, and each image's text,
    faces and alt text (social_bot/media_screen.py). Writes nothing to the database
    (cleaned images are stored by hash, which no post references until it is created; a
    refusal here or in create_post/edit_post removes the files it wrote). `answering`: a
    reply's comment, read with it (its text as stored now; None for a post)."""
    # line-break hints go, and spaces, line ends and accents take the one form the screen
    # reads, before anything reads the text: stored = screened = published (inputs.kept_form)
    typed, text = text, kept_form(text, "the text")
    # blank, oversized or holding a carrier: refused by every door; exactly the string
    # stored is checked ("😀"+3×VS16 was checked normalised twice: an attack review, 51, 5)
    require_text(text, "the text", kept=True)
    alts = None if alts is None else [
        kept_form(alt, f"the alt text of image {n}")
        for n, alt in enumerate(alts, start=1)]
    for n, alt in enumerate(alts or (), start=1):
        refuse_hidden(refuse_controls(alt, f"the alt text of image {n}"),
                      f"the alt text of image {n}")
    chosen = parse_platforms(platforms)
    when = at if isinstance(at, datetime) or at is None else parse_when(at)
    refs, images = (), []
    if media:
        from social_bot.media_screen import prepare_images

        refs, images = prepare_images(app, media, alts)
    elif alts:
        raise UserError("--alt describes an image: attach it with --media")
    with _discarding_on_failure(app, images):
        media_paths = [Path(r.path) for r in refs]
        problems = [p for platform in chosen for p in app.validate(platform, text, media_paths)]
        if context == "reply":  # held to the comment limit, not the post's (session 54, C2)
            from adapters import validate_reply

            problems += [p for platform in chosen for p in validate_reply(platform, text)]
        if problems:
            raise UserError("; ".join(_named(problems, refs, media)))
        findings = list(app.screen([text], context,
                                   None if answering is None else [answering])[0])
        _blocked_as_typed(app, typed, text, findings, context, answering)
        if images:
            from social_bot.media_screen import screen_with_images

            findings = screen_with_images(
                app, text, findings, images, [r.alt for r in refs],
                lambda joined: app.screen([joined], context,
                                          None if answering is None else [answering])[0])
    # Whole minutes only: the card and `post show` give the schedule to the minute, and the
    # seconds nobody is shown were room for an author to grind two revisions to one code
    # (an attack review, session 50, finding 5).
    when = when.replace(second=0, microsecond=0) if when is not None else None
    content = RevisionContent(text=text, platforms=chosen, media=refs, scheduled_at=when)
    return ScreenedDraft(content=content, findings=findings,
                         new_files=tuple(i.path for i in images if i.fresh))


def _blocked_as_typed(app: App, typed: str, text: str, findings: Sequence[Any], context: str,
                      answering: str | Answered | None) -> None:
    """UserError when the screen blocks the text as typed but not as it would be stored
    (inputs.kept_form changed it). The stored form is the one screened, but the screen
    does not read every form alike: a name and a diagnosis one word a line, split by
    U+2028, was blocked, and with "\n" there it is a warning (an outside review's
    look-alike set, session 51). Asked only when normalising changed the text, so real
    texts pay nothing; never weaker than before the text was normalised."""
    if typed == text or any(_blocks(f) for f in findings):
        return
    as_typed = app.screen([typed], context, None if answering is None else [answering])[0]
    blocking = sorted({getattr(f, "category", "phi") for f in as_typed if _blocks(f)})
    if blocking:
        raise UserError(f"the text as typed is blocked by the PHI screen ({', '.join(blocking)})"
                        " though not once its spaces and line ends are normalised, as it "
                        "would be stored: reword it without the patient's details")


def _blocks(finding: Any) -> bool:
    return getattr(finding, "severity", None) == "block"


def _named(problems: Sequence[str], refs: Sequence[MediaRef],
           media: Sequence[str | MediaRef] | None) -> list[str]:
    """The platforms' problems with each stored image (named by the hash of its cleaned
    bytes) named as the person knows it: the file they gave, or "image N" for one an edit
    keeps (the newcomer, session 51, #10: a hash named no file of theirs)."""
    names = {}
    for n, (ref, given) in enumerate(zip(refs, media or (), strict=False), start=1):
        names[Path(ref.path).name] = (Path(given).name if isinstance(given, str | Path)
                                      else f"image {n}")
    out = []
    for problem in problems:
        for stored, shown in names.items():
            problem = problem.replace(stored, shown)
        out.append(problem)
    return out


@contextmanager
def _discarding_on_failure(app: App, images: Sequence[Any] = (),
                          paths: Sequence[Path] = ()) -> Iterator[None]:
    """Whatever stops a create or edit (a refusal, the database, Ctrl-C), the image files
    it wrote go: a patient's photo must not stay on disk with no post naming it (an
    outside review, session 43). A crash before this runs is swept later
    (retention.sweep_orphan_media)."""
    try:
        yield
    except BaseException:
        from social_bot.media_screen import discard_new

        discard_new(app, [*paths, *(i.path for i in images if i.fresh)])
        raise


def answering_in_hash(draft: ScreenedDraft, comment_id: int | None) -> ScreenedDraft:
    """The draft with the comment it answers in its content: a reply's target is then under
    the revision's hash, which the votes approve (session 49; before, only the post row
    named it, and a database edit could aim an approved reply at another comment)."""
    if comment_id is None:
        return draft
    return replace(draft, content=replace(draft.content, reply_to=comment_id))


def _aimed(session: Session, draft: ScreenedDraft, comment_id: int | None,
           previous: Revision | None = None) -> ScreenedDraft:
    """The draft with the answered comment's platform id in its content, under the hash
    the votes approve (session 50). An edit keeps what its earlier revision was approved
    for: the comment row may have been moved since, and the edit must not carry that in."""
    if comment_id is None:
        return draft
    remote = audit.stored_reply_remote(previous) if previous is not None else None
    remote = remote or answered_remote(session, comment_id)
    return replace(draft, content=replace(draft.content, reply_remote=remote))


def _findings_rows(findings: Sequence[Any]) -> list[Finding]:
    return [
        Finding(category=f.category, start=f.start, end=f.end, text=f.text, severity=f.severity,
                score=float(f.score), rule=f.rule, reason=f.reason, redaction=f.redaction,
                source=getattr(f, "source", None) or "text")
        for f in findings
    ]


def _new_revision(session: Session, post: Post, number: int, draft: ScreenedDraft,
                  by: Staff) -> Revision:
    content = draft.content
    # Keyed with the key the records about it are signed with: the hash outlives a purge
    # and is exported, and a plain one confirmed a guessed text (an outside review, s. 43).
    keys = audit.keys_in_force(session)
    revision = Revision(
        number=number,
        text=content.text,
        platforms=list(content.platforms),
        media=[m.stored() for m in content.media],
        scheduled_at=content.scheduled_at,
        reply_to_comment_id=content.reply_to,
        reply_to_platform=content.reply_remote.platform if content.reply_remote else None,
        reply_to_remote_id=content.reply_remote.remote_id if content.reply_remote else None,
        content_hash=content.content_hash(keys.current),
        hash_key_id=keys.current_id,
        created_by=by.name,
        written_by=by.identity,
        findings=_findings_rows(draft.findings),
    )
    post.revisions.append(revision)
    return revision


def _sync_deliveries(post: Post, content: RevisionContent) -> None:
    wanted = set(content.platforms)
    for delivery in list(post.deliveries):
        if delivery.platform not in wanted:
            post.deliveries.remove(delivery)
    have = {d.platform for d in post.deliveries}
    for platform in content.platforms:
        if platform not in have:
            post.deliveries.append(Delivery(platform=platform, status=DeliveryStatus.PENDING))
    for delivery in post.deliveries:
        delivery.due_at = content.scheduled_at


def create_post(
    app: App,
    staff: Staff,
    draft: ScreenedDraft,
    *,
    reply_to_comment_id: int | None = None,
) -> int:
    status = after_screen(draft.blocked)
    staff = as_policy_names(app, staff)
    draft = answering_in_hash(draft, reply_to_comment_id)
    with _discarding_on_failure(app, paths=draft.new_files), app.db.write() as session:
        draft = _aimed(session, draft, reply_to_comment_id)
        post = Post(status=Status.DRAFT, author=staff.name, author_os_user=staff.os_user,
                    current_revision=1, reply_to_comment_id=reply_to_comment_id)
        session.add(post)
        revision = _new_revision(session, post, 1, draft, staff)
        _sync_deliveries(post, draft.content)
        session.flush()
        audit.append(session, actor=staff.name, os_user=staff.os_user, action="post.created",
                     post_id=post.id, revision=1, revision_hash=revision.content_hash,
                     detail={"platforms": list(draft.content.platforms),
                             "hash_key": revision.hash_key_id,
                             "scheduled_at": draft.content.scheduled_at,
                             "reply_to_comment": reply_to_comment_id, **_as_detail(session, staff)})
        set_status(session, post, status, actor=staff.name, os_user=staff.os_user,
                    action="post.screened",
                    detail={"findings": len(draft.findings), "blocked": draft.blocked})
        made = (post.id, revision.content_hash)
    # committed: this process's file in the daemon's witness folder says, by its owner,
    # which login wrote it (witness.py); the `Staff` passed in cannot change that
    witness.leave_or_log(app.settings, witness.WROTE, made[0], 1, made[1])
    return made[0]


def set_status(
    session: Session,
    post: Post,
    status: Status,
    *,
    actor: str,
    action: str,
    os_user: str | None = None,
    detail: dict[str, Any] | None = None,
    reason: str | None = None,
    approval_round: int | None = None,
) -> None:
    check_transition(post.status, status)
    previous = post.status
    post.status = status
    post.status_reason = reason
    post.updated_at = utcnow()
    revision = current_revision(post)
    audit.append(session, actor=actor, os_user=os_user, action=action, post_id=post.id,
                 revision=revision.number, revision_hash=revision.content_hash,
                 detail={"from": previous, "to": str(status), **(detail or {})},
                 approval_round=approval_round)
    message = outbox.status_message(status, post.id, revision.number, revision.content_hash,
                                    actor, reason, previous)
    if message is not None:
        outbox.add(session, message)


def current_revision(post: Post) -> Revision:
    return next(r for r in post.revisions if r.number == post.current_revision)


def hidden_in_revision(post_id: int, revision: Revision) -> str | None:
    """Why this stored revision may not be approved or published for the invisible data
    carriers in its text or alt texts (inputs.stored_carrier), or None."""
    alts = [MediaRef.from_stored(m).alt if isinstance(m, dict) else None
            for m in revision.media or ()]
    return stored_carrier(post_id, revision.text or "", alts)


def lock_post(session: Session, post_id: int) -> Post:
    """The post row, locked for this transaction (PostgreSQL); SQLite's writer lock covers it."""
    post = session.execute(
        select(Post).where(Post.id == post_id).with_for_update()
        .execution_options(populate_existing=True)  # never a copy read before the lock
    ).scalar_one_or_none()
    if post is None:
        raise NotFound(f"no post with id {post_id}")
    return post


def edit_post(app: App, staff: Staff, post_id: int, text: str | None = None,
              platforms: Sequence[str] | None = None, at: str | datetime | None = None,
              media: Sequence[str] | None = None,
              alts: Sequence[str] | None = None) -> dict[str, Any]:
    with app.db.read() as session:
        post = _get(session, post_id)
        check_editable(post.status, post_id)
        old = current_revision(post)
        old_media = [MediaRef.from_stored(m) for m in old.media]
        reply_to = post.reply_to_comment_id
        is_reply = reply_to is not None
        # the reply is screened again under the comment as it reads now (an edited comment
        # withdraws its replies; this is the reply edited)
        answering = answered_text(session, post.reply_to_comment_id)
    if is_reply and platforms and list(parse_platforms(platforms)) != list(old.platforms):
        raise UserError(f"post {post_id} is a reply to a {old.platforms[0]} comment: "
                        "its platform cannot change")
    if is_reply and (media or alts):
        # the adapters reply with text alone: an image approvers saw on the card was
        # dropped at publishing, and the reply shown as published (session 44)
        raise UserError(f"post {post_id} is a reply to a comment: a reply is text only "
                        "(no --media or --alt)")
    draft = prepare_draft(
        app,
        text if text is not None else old.text,
        platforms if platforms else old.platforms,
        at if at is not None else old.scheduled_at,
        media if media is not None else old_media,
        context="reply" if is_reply else "post",
        alts=alts,
        answering=answering,
    )
    draft = answering_in_hash(draft, reply_to)
    staff = as_policy_names(app, staff)
    with _discarding_on_failure(app, paths=draft.new_files), app.db.write() as session:
        post = lock_post(session, post_id)
        check_editable(post.status, post_id)  # again, under the lock: the daemon may claim it
        if post.current_revision != old.number:  # another edit won the race: redo on top of it
            raise Refused(f"post {post_id} changed while you were editing it (now revision "
                          f"{post.current_revision}); run the edit again")
        previous = current_revision(post)
        draft = _aimed(session, draft, reply_to, previous)
        # Hashed as the previous revision was (its key, or plain for an older one).
        if audit.hashed_as(previous, audit.session_keys(session),
                           draft.content) == previous.content_hash:
            raise UserError(f"post {post_id}: the edit changes nothing")
        voided = len(previous.approvals)
        number = post.current_revision + 1
        revision = _new_revision(session, post, number, draft, staff)
        post.current_revision = number
        _sync_deliveries(post, draft.content)
        session.flush()
        audit.append(session, actor=staff.name, os_user=staff.os_user, action="post.edited",
                     post_id=post.id, revision=number, revision_hash=revision.content_hash,
                     detail={"previous_hash": previous.content_hash, "approvals_voided": voided,
                             "hash_key": revision.hash_key_id,
                             **_as_detail(session, staff)})
        from social_bot.dismissals import carry_over

        still_blocked = carry_over(session, post, previous, revision, staff) > 0
        set_status(session, post, after_screen(still_blocked), actor=staff.name,
                    os_user=staff.os_user, action="post.screened",
                    detail={"findings": len(draft.findings), "blocked": still_blocked})
        result = {"id": post.id, "status": post.status, "revision": number,
                  "approvals_voided": voided, "findings": draft.findings,
                  "media": [m.stored() for m in draft.content.media],
                  "media_removed": len(previous.media or ()) if not draft.content.media else 0}
        made = revision.content_hash
    witness.leave_or_log(app.settings, witness.WROTE, post_id, number, made)
    return result


# Deliveries a person may still withdraw once the post has started publishing: nothing is
# in flight for them (a claim locks the post row first, as cancel_post does).
WITHDRAWABLE = frozenset({DeliveryStatus.PENDING, DeliveryStatus.RETRY, DeliveryStatus.HELD})


def cancel_post(app: App, staff: Staff, post_id: int) -> tuple[str, ...]:
    """Cancel a post; once it has started publishing, withdraw what has not gone out yet.

    Returns the platforms withdrawn from a post that had started publishing (empty for a
    plain cancel). A delivery held on one platform while the others published used to go out
    whenever its setting was fixed, days later perhaps, with nobody able to stop it."""
    staff = as_policy_names(app, staff)
    with app.db.write() as session:
        post = lock_post(session, post_id)
        if Status(post.status) in BEFORE_PUBLISHING:
            cancel_with_deliveries(session, post, actor=staff.name, os_user=staff.os_user,
                                   action="post.cancelled")
            return ()
        if Status(post.status) not in (Status.PUBLISHING, Status.PARTIALLY_PUBLISHED):
            raise Refused(f"post {post_id} is {post.status}: it can no longer be cancelled")
        return _withdraw_unpublished(session, post, staff)


def cancel_with_deliveries(session: Session, post: Post, *, actor: str, action: str,
                           os_user: str | None = None, detail: dict[str, Any] | None = None,
                           reason: str | None = None) -> None:
    """Inside the caller's transaction: a post nothing of which went out is cancelled with
    every delivery (a person's cancel, an edited comment's reply, a cancellation restored
    from the trail)."""
    for delivery in post.deliveries:
        delivery.status = DeliveryStatus.CANCELLED
    set_status(session, post, Status.CANCELLED, actor=actor, os_user=os_user, action=action,
               detail=detail, reason=reason)


def _withdraw_unpublished(session: Session, post: Post, staff: Staff,
                          why: str | None = None) -> tuple[str, ...]:
    in_flight = sorted(d.platform for d in post.deliveries
                       if d.status == DeliveryStatus.ATTEMPTING)
    if in_flight:
        raise Refused(f"post {post.id} is being published to {', '.join(in_flight)} right "
                      "now (or socialbot is checking whether it went out); try again once "
                      "that has ended (`socialbot post show` says)")
    withdrawn = sorted(d.platform for d in post.deliveries if d.status in WITHDRAWABLE)
    if not withdrawn:
        raise Refused(f"post {post.id} is {post.status} and nothing of it is waiting to go "
                      "out: what was published stays published (delete it on the platform)")
    for delivery in post.deliveries:
        if delivery.status in WITHDRAWABLE:
            delivery.status = DeliveryStatus.CANCELLED
            delivery.last_error = why or f"withdrawn by {staff.name}"
    # Nothing of the post is waiting any more: some of it is out (on fewer platforms than
    # approved), all of it failed, or none of it ever went out.
    settled = {d.status for d in post.deliveries}
    target = (Status.PARTIALLY_PUBLISHED if DeliveryStatus.PUBLISHED in settled
              else Status.FAILED if DeliveryStatus.FAILED in settled else Status.CANCELLED)
    set_status(session, post, target, actor=staff.name, os_user=staff.os_user,
               action="post.withdrawn", detail={"platforms": withdrawn}, reason=why)
    return tuple(withdrawn)


def withdraw_replies(session: Session, comment_id: int, actor: str, why: str) -> list[int]:
    """Inside the caller's transaction: cancel every reply to the comment that has not gone
    out (withdraw it where it is held or waiting to be retried), saying ``why``. For a
    comment whose words changed on the platform: its replies were written, and approved,
    for the old words (an outside review, session 44: "Yes, see you then!", approved under
    "Do you take walk-ins?", went out under the commenter's edit disclosing a diagnosis).
    A reply the daemon is publishing right now is left to it. Returns the posts cancelled."""
    ids = session.scalars(select(Post.id).where(Post.reply_to_comment_id == comment_id)
                          .order_by(Post.id)).all()
    done = []
    for post_id in ids:
        post = lock_post(session, post_id)
        status = Status(post.status)
        if status in BEFORE_PUBLISHING:
            cancel_with_deliveries(session, post, actor=actor, action="post.cancelled",
                                   detail={"comment_id": comment_id}, reason=why)
        elif status in (Status.PUBLISHING, Status.PARTIALLY_PUBLISHED) and not any(
                d.status == DeliveryStatus.ATTEMPTING for d in post.deliveries) and any(
                d.status in WITHDRAWABLE for d in post.deliveries):
            _withdraw_unpublished(session, post, Staff(actor), why)
        else:
            continue
        done.append(post_id)
    return done


def _get(session: Session, post_id: int) -> Post:
    post = session.get(Post, post_id)
    if post is None:
        raise NotFound(f"no post with id {post_id}")
    return post


def iso_or_none(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def post_detail(session: Session, post: Post, policy: object = None) -> dict[str, Any]:
    """``approvals``: the names recorded on the current revision; ``approvals_holding``
    and ``approvals_not_counted``: those votes re-checked under ``policy`` (the policy in
    force), as publishing counts them: a vote by someone since removed from the approver
    list is recorded and does not count (approval_proof.standing)."""
    from social_bot.approval_proof import standing
    from social_bot.dismissals import finding_views
    from social_bot.review_card import unscreened_previews

    revision = current_revision(post)
    findings = finding_views(revision)
    # Every path that shows a revision to a person comes here (the waiting card, chat
    # `show`, `post show`; `post witness` asks the same question of its rows): the words are
    # shown only while they still hash to `content_hash`, which every button, code, sealed
    # view and witness names (session 54's attack review, P1). Otherwise nothing of them
    # is shown, and `revision_hash` is the hash of what the row holds now, which no vote
    # can land on: a path that missed ``not_shown`` binds nothing real.
    keys = session.info.get("audit_keys")
    problem = audit.not_shown(revision, keys)
    shown = {"revision_hash": revision.content_hash, "text": revision.text,
             "platforms": list(revision.platforms),
             "scheduled_at": iso_or_none(revision.scheduled_at),
             "media": list(revision.media)}
    if problem is not None:
        shown = {**shown, "revision_hash": audit.stored_hash_now(revision, keys) or "",
                 "text": f"[not shown: {problem}]", "media": [], "not_shown": problem}
    return {
        "id": post.id,
        "status": post.status,
        "status_reason": post.status_reason,
        "author": post.author,
        "revision": revision.number,
        **shown,
        "reply_to_comment_id": post.reply_to_comment_id,
        "reply_to": answered_comment(session, post.reply_to_comment_id),
        # Each finding with its F-number and, when dismissed, by whom, why, on what authority.
        "findings": findings,
        # hosts whose link preview nobody screened (review_card.PREVIEW_NOTE)
        "previews": unscreened_previews(findings),
        # why it cannot be approved or published for a hidden data carrier (session 50, F3)
        "hidden": hidden_in_revision(post.id, revision) if problem is None else None,
        "approvals": [a.approver for a in revision.approvals],
        **standing(session, policy, post, revision).as_detail(),
        "deliveries": [
            {"platform": d.platform, "status": d.status, "remote_id": d.remote_id, "url": d.url,
             "attempts": d.attempts, "last_error": d.last_error,
             "published_at": iso_or_none(d.published_at), "account": d.account}
            for d in post.deliveries
        ],
        "revisions": [
            {"number": r.number, "hash": r.content_hash, "created_by": r.created_by,
             "written_by": r.written_by, "purged": r.purged_at is not None,
             "created_at": iso_or_none(r.created_at),
             "approvals": [a.approver for a in r.approvals]}
            for r in post.revisions
        ],
        "created_at": iso_or_none(post.created_at),
        "updated_at": iso_or_none(post.updated_at),
    }


def answered_comment(session: Session, comment_id: int | None) -> dict[str, Any] | None:
    """The comment a reply answers, as the review queue shows it (None for a post). "See
    you Tuesday!" is harmless alone and confirms a patient under "my chemo starts
    Tuesday": approvers judge a reply by what it answers, and before session 44 neither the
    approval card nor `post show` said a post was a reply at all (an outside review)."""
    if comment_id is None:
        return None
    from social_bot.comments import comment_view

    comment = session.get(Comment, comment_id)
    if comment is None:
        return None
    view = comment_view(comment)
    problem = unvouched(session, comment)
    if problem is not None:  # the row's words are not the comment's: show none of them
        view.update(text=f"[not shown: {problem}]", author="", unvouched=problem)
    return view


def answered_text(session: Session, comment_id: int | None) -> Answered | None:
    """The comment a reply answers, as stored now, for the reply screen (None for a post, or
    a comment whose words retention has removed): its words, and its writer's name when
    it is about their own health (``answered``)."""
    if comment_id is None:
        return None
    comment = session.get(Comment, comment_id)
    if comment is None or comment.purged_at is not None:
        return None  # purged: its words are gone (or a writer marked it so: none shown)
    return answered(comment.text, comment.author, comment.flags)


def answered(text: str | None, author: str | None, flags: Any) -> Answered | None:
    """The answered comment as the reply screen reads it: under a comment about its
    writer's health (domain.HEALTH_FLAGS) the writer's name blocks in the reply (a reply must
    not confirm a patient; session 52, B1), as the chat card hides it."""
    from policies.phi.answering import Answered

    if not text:
        return None
    names = {str(f.get("flag")) for f in flags or () if isinstance(f, dict)}
    return Answered(text, author if names & HEALTH_FLAGS else None)


def show_post(app: App, post_id: int) -> dict[str, Any]:
    with app.db.read() as session:
        return post_detail(session, _get(session, post_id), app.policy)


def list_posts(app: App, status: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
    if status is not None and status not in {s.value for s in Status}:
        choices = ", ".join(s.value for s in Status)
        raise UserError(f"unknown status {status!r}: choose one of {choices}")
    approvals = (
        select(func.count(Approval.id))
        .where(Approval.revision_id == Revision.id)
        .correlate(Revision)
        .scalar_subquery()
    )
    stmt = (
        select(Post.id, Post.status, Post.author, Post.current_revision, Revision,
               approvals.label("approvals"))
        .join(Revision, (Revision.post_id == Post.id)
              & (Revision.number == Post.current_revision))
        .order_by(Post.id.desc())
        .limit(limit)
        .offset(offset)
    )
    if status is not None:
        stmt = stmt.where(Post.status == status)
    with app.db.read() as session:
        rows = session.execute(stmt).all()
        voted = [row.id for row in rows if row.approvals]
        # the policy only where there are votes to count: loading it reads the PHI
        # package, which a plain listing does not need (tests/test_cli_imports.py)
        now = _standings(session, app.policy, voted) if voted else {}
        keys = session.info.get("audit_keys")
        audit.vouch_unkeyed(session, [row.Revision for row in rows], keys)
        return [
            {"id": row.id, "status": row.status, "author": row.author,
             "revision": row.current_revision, "text": _listed_text(row.Revision, keys),
             "platforms": list(row.Revision.platforms),
             "scheduled_at": iso_or_none(row.Revision.scheduled_at),
             "approvals": row.approvals, **standing_counts(now.get(row.id))}
            for row in rows
        ]


def _listed_text(revision: Revision, keys: Any) -> str | None:
    """A listed revision's words, as `post_detail` shows them: only while they hash to what
    its votes name (audit.not_shown; one HMAC a row). The chat `pending` list and `post
    list` are where approvers choose what to read."""
    problem = audit.not_shown(revision, keys)
    return revision.text if problem is None else f"[not shown: {problem}]"


def _standings(session: Session, policy: object,
               post_ids: Sequence[int]) -> dict[int, Standing]:
    """The listed posts' votes as publishing counts them now (approval_proof.standings), in
    a fixed number of statements: the posts with their revisions, then their votes and
    records. Before session 49 each listed post was proved alone (about five statements a
    post: 66 ms for 50 posts, about 1.3 s for 1,000)."""
    if not post_ids:
        return {}
    from social_bot.approval_proof import standings

    posts = session.scalars(select(Post).where(Post.id.in_(post_ids))
                            .options(joinedload(Post.revisions))).unique().all()
    return standings(session, policy, [(post, current_revision(post)) for post in posts])


def standing_counts(now: Standing | None) -> dict[str, Any]:
    """A listed post's approvals as publishing counts them now: ``approvals_holding`` and,
    when some recorded vote no longer counts, ``approvals_note`` ("1 of 2 approvals hold
    (Luis Ortega is no longer an approver)"). The list showed the recorded count alone, so
    a post whose approver left the policy read "2" as if it would publish. ``now``: the
    post's `Standing`, None for a post with no recorded vote."""
    if now is None:
        return {"approvals_holding": 0, "approvals_note": ""}
    return {"approvals_holding": len(now.holding), "approvals_note": now.summary}
