"""The comment review queue: list, resolve (keep/hide/delete on the platform), reply.

A reply is a post like any other (revision, screen, two approvals), attached to the
comment; the daemon publishes it as a reply on the platform.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from adapters.base import Gone, NotVisible
from social_bot import audit
from social_bot.app import App
from social_bot.comment_lock import Busy, decision_lock
from social_bot.db.models import Comment, Delivery, Post, Revision, utcnow
from social_bot.domain import (
    IN_REVIEW,
    CommentAction,
    CommentState,
    Status,
    after_decision,
    platform_call,
)
from social_bot.errors import NotFound, Refused, UserError
from social_bot.inputs import check_text, is_blank, require_text, stored_form
from social_bot.policy_audit import note_policy
from social_bot.posts import Staff, answered, create_post, iso_or_none, prepare_draft

ACTIONS = tuple(str(a) for a in CommentAction)
REVIEW_STATES = tuple(str(s) for s in IN_REVIEW)
AdapterFactory = Callable[[str], Any]
MARK_CHARS = 16  # a decision_mark's length in hex


def decision_mark(comment: Comment) -> str:
    """What a person's decision is about: the comment's words as last read (an edit moves
    fetched_at, and on X the id) and the last person's decision on it. A chat card's
    buttons carry it; a decision whose mark no longer matches is refused, not applied over
    what the person never saw. The policy's hide leaves it alone, so a person's keep
    still undoes a hide that landed meanwhile (session 44)."""
    stamp = (f"{comment.id}|{comment.remote_id}|{iso_or_none(comment.fetched_at)}|"
             f"{iso_or_none(comment.resolved_at)}")
    return hashlib.sha256(stamp.encode()).hexdigest()[:MARK_CHARS]


def commenter(platform: str, author: str) -> str:
    """The commenter's name as staff read it. LinkedIn's comments API names a commenter by
    member URN only ("urn:li:person:..."; the stand-in does the same, and the adapter keeps
    it as the author): it is shown as "a LinkedIn member", or "a LinkedIn organization"
    for a page's comment (the newcomer, session 52). Facebook and X give a name."""
    if platform == "linkedin" and author.startswith("urn:li:"):
        return ("a LinkedIn organization" if author.startswith("urn:li:organization:")
                else "a LinkedIn member")
    return author


def comment_view(comment: Comment) -> dict[str, Any]:
    # a row marked purged shows neither author nor words, whatever it holds: `purged_at`
    # set by a database writer over swapped words had staff answer them (a third attack
    # review, session 51)
    purged = comment.purged_at is not None
    return {
        "id": comment.id,
        "platform": comment.platform,
        "post_id": comment.post_id,
        "author": "" if purged else commenter(comment.platform, comment.author),
        "text": "" if purged else comment.text,
        "flags": list(comment.flags or []),
        "state": comment.state,
        "hidden_on_platform": comment.hidden_on_platform,
        "last_error": comment.last_error,
        "created_at": iso_or_none(comment.remote_created_at),
        "resolved_by": comment.resolved_by,
        # text and author emptied by retention (social_bot/comment_retention.py)
        "purged": purged,
        "mark": decision_mark(comment),
    }


def list_comments(app: App, flagged_only: bool = False, limit: int = 200) -> list[dict[str, Any]]:
    """The newest comments (``flagged_only``: those waiting for a person). Waiting comments
    flagged ``crisis`` come first and are never cut by ``limit``'s newest-first bound: a
    wave of spam after one pushed it off `/socialbot comments` (an outside review, session
    46). Their ids are found from the flags column alone (JSON, read in Python)."""
    stmt = select(Comment).order_by(Comment.id.desc()).limit(limit)
    waiting = (Comment.state.in_(REVIEW_STATES), Comment.resolved_at.is_(None))
    if flagged_only:  # waiting for a person: flagged, or hidden automatically by the policy
        stmt = stmt.where(*waiting)
    with app.db.read() as session:
        urgent: list[Comment] = []
        if flagged_only:
            ids = [cid for cid, flags in session.execute(
                       select(Comment.id, Comment.flags).where(*waiting)
                       .order_by(Comment.id.desc()))
                   if any(f.get("flag") == "crisis" for f in flags or [])][:limit]
            urgent = [session.get(Comment, cid) for cid in ids]
        rest = [c for c in session.scalars(stmt) if c.id not in {u.id for u in urgent}]
        return [comment_view(c) for c in [*urgent, *rest][:limit]]


def _default_adapters(app: App) -> AdapterFactory:
    def build(platform: str) -> Any:
        from adapters import build_adapter
        from social_bot.accounts.store import platform_env

        # What `socialbot connect` stored fills what the environment leaves empty.
        return build_adapter(platform, platform_env(app.settings.env, app.settings.data_dir))

    return build


def _load(app: App, comment_id: int) -> Comment:
    with app.db.read() as session:
        comment = session.get(Comment, comment_id)
        if comment is None:
            raise NotFound(f"no comment with id {comment_id}")
        return comment


@dataclass(frozen=True)
class Decided:
    """What apply_decision did: ``applied`` False with ``error`` when the platform refused,
    False without error when someone else's decision stands. ``changed``: the one line a
    person is told when the comment changed since they looked (another person's decision,
    a delete, an edit), so theirs was not recorded as asked."""

    applied: bool
    view: dict[str, Any] | None = None
    error: str | None = None
    changed: str | None = None


def _gone(app: App, in_force: Any, comment_id: int, action: CommentAction, actor: str,
          by_policy: bool) -> Decided:
    """The platform says the comment is not there any more (deleted by its author or by the
    platform): recorded as deleted, so the daemon stops retrying a policy hide on it every
    pass and a person is told (an outside review, session 42: before, a hide failed with the
    platform's raw error, for ever, and a person could still record a decision on it)."""
    with app.db.write() as session:
        row = session.execute(
            select(Comment).where(Comment.id == comment_id).with_for_update()
        ).scalar_one()
        why = f"no longer on {row.platform} (deleted by its author or by the platform)"
        if row.state != CommentState.DELETED:
            note_policy(app, session, in_force, actor)
            row.state = CommentState.DELETED
            row.hidden_on_platform = False
            row.last_error = why
            # recorded as a delete (audit verify matches each deleted comment to one), saying
            # the platform had already removed it
            audit.append(session, actor=actor, action="comment.deleted", post_id=row.post_id,
                         detail={"comment_id": comment_id, "platform": row.platform,
                                 "remote_id": row.remote_id, "gone_from_platform": True,
                                 "asked": str(action),
                                 "by": "policy" if by_policy else "person"})
        return Decided(False, comment_view(row), error=f"{why}; recorded as deleted")


def apply_decision(app: App, comment_id: int, action: CommentAction, actor: str,
                   adapter: Any, *, by_policy: bool = False, seen: str | None = None,
                   policy: Any = None, why: dict[str, Any] | None = None) -> Decided:
    """The one way a decision about a comment is applied, by a person or by the policy:
    make the platform call it needs, then record the new state and audit it.

    One decision about a comment at a time (comment_lock): the read, the platform call and
    the record run under the comment's decision lock, so each starts from what the last one
    did and the database says what the platform shows, whatever the order. Before, the
    policy's hide and a person's keep at the same moment could leave the comment hidden on
    the platform and recorded kept (an outside review, session 44). A person waits for a
    decision under way; the policy does not: a person's decision being applied stands (a
    pending hide is retried only while the comment still waits for it).

    A failed platform call changes nothing but the comment's last error (a person sees it
    in the queue; the daemon retries a pending policy hide). The policy acts only on a
    comment still waiting for its hide: a person's decision in between stands. A delete
    is final: a decision arriving after it is recorded as superseded.

    ``seen`` is the decision_mark of the comment as the person saw it. Under the lock, a
    comment another person decided, deleted or that was edited since is not decided again:
    the decision is recorded as superseded and the person told (an attack on the lock,
    session 45: a keep waiting for someone's hide undid it and both were told they had
    won; a keep after someone's delete said "now deleted (by <the keeper>)").

    ``policy``: the policy the decision was taken under (the daemon's hide passes the one its
    judgement used), else the policy in force now; the trail names it before the decision.
    """
    try:
        # Read once, and named in the trail before the decision it governed (session 46):
        # who may decide and what the policy hides come from the file, like a vote's approvers
        in_force = policy if policy is not None else app.policy
        with decision_lock(app.db, comment_id, wait=not by_policy):
            return _apply(app, in_force, comment_id, action, actor, adapter, by_policy, seen,
                          why)
    except Busy:
        if by_policy:
            return Decided(False)  # a person's decision is under way: it stands
        raise
    except UserError as exc:  # the lock itself is unusable (comment_lock says why)
        if by_policy:  # logged by the monitor every pass, never a silent skip
            return Decided(False, error=str(exc))
        raise


def _apply(app: App, in_force: Any, comment_id: int, action: CommentAction, actor: str,
           adapter: Any, by_policy: bool, seen: str | None,
           why: dict[str, Any] | None = None) -> Decided:
    comment = _load(app, comment_id)  # read under the decision lock: nobody else's call
    if by_policy and comment.state != CommentState.HIDE_PENDING:
        return Decided(False)  # a person decided (or the comment was edited) first
    if comment.state == CommentState.DELETED or (
            not by_policy and seen is not None and decision_mark(comment) != seen):
        return _superseded(app, in_force, comment_id, action, actor)
    if action == CommentAction.KEEP and not by_policy and why is None and phi_flag(comment):
        # flagged phi after resolve_comment read it: its reason was never asked
        raise KeepReasonRefused(f"comment {comment_id} was flagged phi (a patient's details) "
                                "while your keep was on its way: nothing was changed; keep "
                                "it again with a reason",
                                "keeping a comment flagged phi needs a reason")
    call = platform_call(action, comment.hidden_on_platform)
    try:
        if call == "hide":
            adapter.hide_comment(comment.remote_id)
        elif call == "unhide":
            adapter.unhide_comment(comment.remote_id)
        elif call == "delete":
            # LinkedIn addresses a comment through the post (or, for a reply, the parent
            # comment) it belongs to: both travel with the id.
            adapter.delete_comment(comment.remote_id, post_id=_remote_post_id(app, comment),
                                   parent_id=comment.parent_remote_id)
    except Gone:
        return _gone(app, in_force, comment_id, action, actor, by_policy)
    except Exception as exc:  # noqa: BLE001 - recorded on the comment, sorted by the caller
        if isinstance(exc, NotVisible):
            # deleted on Facebook, or a permission missing: Graph does not say which, so
            # the comment stays as it was (never recorded deleted while it may be visible)
            reason = exc.sentence("the comment")
        else:
            reason = str(exc) if _is_adapter_error(exc) else f"{type(exc).__name__}: {exc}"
        with app.db.write() as session:
            row = session.get(Comment, comment_id)
            row.last_error = f"{'auto-hide' if by_policy else action} failed: {reason}"[:500]
            if not by_policy:  # the daemon retries every pass: one record per person's try
                note_policy(app, session, in_force, actor)
                audit.append(session, actor=actor, action="comment.action_failed",
                             post_id=row.post_id, detail={"comment_id": comment_id,
                                                          "action": str(action),
                                                          "error": reason})
        return Decided(False, error=reason)
    with app.db.write() as session:
        row = session.execute(
            select(Comment).where(Comment.id == comment_id).with_for_update()
        ).scalar_one()
        note_policy(app, session, in_force, actor)
        if (not by_policy and decision_mark(row) != decision_mark(comment)
                and (action == CommentAction.HIDE or (action == CommentAction.KEEP
                                                      and row.flags))):
            return _edited_meanwhile(app, in_force, session, row, action, actor, call)
        # Under the lock no other decision ran, so the platform shows what this call left.
        # An edit stored meanwhile (monitor._apply_edit) may have moved a pending hide's
        # state: the hide went through, so it is recorded hidden, in a person's queue.
        row.state = after_decision(action)
        row.hidden_on_platform = action == CommentAction.HIDE
        row.last_error = None
        detail: dict[str, Any] = {"comment_id": comment_id, "platform": row.platform,
                                  "remote_id": row.remote_id,
                                  "by": "policy" if by_policy else "person"}
        if why is not None:  # a person's reason to keep what the screen flagged
            detail["why"] = why
        if by_policy:
            detail["flags"] = [f.get("flag") for f in row.flags or []]
        else:
            row.resolved_by, row.resolved_at = actor, utcnow()
        audit.append(session, actor=actor, action=f"comment.{row.state}", post_id=row.post_id,
                     detail=detail)
        return Decided(True, comment_view(row))


def _superseded(app: App, in_force: Any, comment_id: int, action: CommentAction,
                actor: str) -> Decided:
    """A person's decision about a comment that changed since they looked: not applied,
    audited, and the person told what happened instead, unless it already stands as they
    asked (two people clicking the same button), when they see who decided it."""
    with app.db.write() as session:
        row = session.execute(
            select(Comment).where(Comment.id == comment_id).with_for_update()
        ).scalar_one()
        note_policy(app, session, in_force, actor)
        audit.append(session, actor=actor, action="comment.action_superseded",
                     post_id=row.post_id,
                     detail={"comment_id": comment_id, "action": str(action),
                             "state": row.state, "decided_by": row.resolved_by})
        if row.state == after_decision(action) and row.resolved_by is not None:
            return Decided(False, comment_view(row))
        return Decided(False, comment_view(row), changed=(
            f"comment {comment_id}: {_what_changed(row)} since you looked; your {action} was "
            f"not applied{_look_again(row)}"))


def _what_changed(row: Comment) -> str:
    if row.state == CommentState.DELETED:
        return (f"{row.resolved_by} deleted it" if row.resolved_by
                else f"it is gone from {row.platform}")
    if row.resolved_by is not None:
        return f"{row.resolved_by} decided it ({row.state})"
    return f"it was edited on {row.platform}"


def _look_again(row: Comment) -> str:
    if row.state == CommentState.DELETED:
        return ""
    return (f"; read it again (`socialbot comments list`) and decide again if you still "
            f"mean it (`socialbot comments resolve {row.id} --action ...`)")


def _edited_meanwhile(app: App, in_force: Any, session: Session, row: Comment,
                      action: CommentAction, actor: str, call: str | None) -> Decided:
    """An edit stored while a person's hide or keep (of words now flagged) was on its way to
    the platform: the decision was about the old words (monitor._apply_edit voids it), so
    it is not recorded as theirs, only what the platform shows: a hide stays hidden, in the
    queue; a keep's unhide left the new words visible, so they wait for the policy's hide
    or a person as the edit judged them. Before (session 45), the keep was recorded over
    the edit, and new words with PHI stayed visible, kept, out of every queue."""
    detail: dict[str, Any] = {"comment_id": row.id, "platform": row.platform,
                              "remote_id": row.remote_id, "by": "person",
                              "edited_meanwhile": True}
    if action == CommentAction.HIDE:
        row.state, row.hidden_on_platform, row.last_error = CommentState.HIDDEN, True, None
        audit.append(session, actor=actor, action="comment.hidden", post_id=row.post_id,
                     detail=detail)
    elif call == "unhide":
        row.hidden_on_platform, row.last_error = False, None
        row.state = (CommentState.HIDE_PENDING if _policy_hides(in_force, row)
                     else CommentState.FLAGGED)
        audit.append(session, actor=actor, action="comment.flagged", post_id=row.post_id,
                     detail={**detail, "flags": [f.get("flag") for f in row.flags or []],
                             "auto_hide": row.state == CommentState.HIDE_PENDING})
    else:  # a keep with no call: nothing changed anywhere; the edit's judgement stands
        audit.append(session, actor=actor, action="comment.action_superseded",
                     post_id=row.post_id, detail={**detail, "action": str(action)})
    said = ("it is hidden there, and waits for a decision on its new words"
            if action == CommentAction.HIDE else "read its new words and decide again")
    return Decided(action == CommentAction.HIDE, comment_view(row), changed=(
        f"comment {row.id} was edited on {row.platform} while your {action} was being "
        f"applied: {said} (`socialbot comments list`)"))


def _policy_hides(in_force: Any, row: Comment) -> bool:
    from adapters import adapter_class
    from policies.moderation import should_auto_hide

    return (adapter_class(row.platform).can_hide
            and should_auto_hide(stored_flags(row.flags), in_force.moderation))


def stored_flags(flags: list[dict[str, Any]] | None) -> list[Any]:
    """A comment's flags as stored (dicts), as the moderation policy reads them."""
    from policies.moderation import Flag

    return [Flag(f["flag"], float(f.get("score", 0)), f.get("reason", "")) for f in flags or []]


def _remote_post_id(app: App, comment: Comment) -> str:
    """The platform's id of the post the comment was made on."""
    with app.db.read() as session:
        remote = session.scalar(select(Delivery.remote_id)
                                .where(Delivery.id == comment.delivery_id))
    return str(remote or "")


def _is_adapter_error(exc: BaseException) -> bool:
    from adapters.base import AdapterError

    return isinstance(exc, AdapterError)


# Why a person keeps a comment the screen flagged `phi`, by any door (`comments resolve
# --action keep --reason`, chat `resolve CID keep REASON`; the card's Keep button asks for
# the command): one of these, or their own words, screened and kept in the trail as a
# digest. What the trail keeps is the person's recorded claim, not a check that it is so.
KEEP_REASONS = {
    "not_phi": "it names no patient: the screen was wrong",
    "own_disclosure": "the commenter wrote about themselves, on their own",
}
CLI_REASON = "--reason WHY"


class KeepReasonRefused(UserError):
    """A keep of a `phi`-flagged comment refused for its reason (none given, or one that
    names patient details). ``audited``: the refusal in socialbot's own words only."""

    def __init__(self, message: str, audited: str) -> None:
        super().__init__(message)
        self.audited = audited


def phi_flag(comment: Comment) -> dict[str, Any] | None:
    """The comment's `phi` flag (the screen found a patient's details in it), or None."""
    return next((f for f in comment.flags or [] if f.get("flag") == "phi"), None)


def keep_reason_detail(app: App, comment: Comment, reason: str | None,
                       how: str = CLI_REASON) -> dict[str, Any]:
    """What the trail keeps of why a `phi`-flagged comment is kept; KeepReasonRefused
    without a reason. One command with no reason had un-hidden a patient's details (the
    newcomer walk-through, session 48), and the chat command and card button still did (an
    outside review, session 48): every door passes here. ``how``: how that door gives the
    reason (the CLI's option, the chat command), said in the refusal. A reason of one's own
    is screened first: it must not repeat what the comment was hidden for, and the refusal
    names only the screen's categories, never the words. The reason is recorded as the
    person's claim; nothing checks that it is true."""
    if reason is None or is_blank(reason):
        raise KeepReasonRefused(
            f"comment {comment.id} was flagged phi (a patient's details) and nothing was "
            f"changed: say why it may be seen with {how}, WHY being "
            f"{' or '.join(KEEP_REASONS)} or your own words (screened first; recorded as "
            "your claim, in the audit trail)",
            "keeping a comment flagged phi needs a reason")
    reason = " ".join(reason.split())
    if reason.lower() in KEEP_REASONS:
        return {"reason": reason.lower()}
    reason = require_text(reason, "the reason")
    found = [f for f in app.screen([reason], "post")[0] if f.severity == "block"]
    if found:
        raise KeepReasonRefused(
            f"the reason names what the screen reads as patient details "
            f"({', '.join(sorted({f.category for f in found}))}), so comment {comment.id} was "
            "not changed and the reason not recorded: say why without them",
            "the reason to keep a comment flagged phi was refused by the PHI screen")
    with app.db.read() as session:
        from social_bot.consents import typed_trace

        return {"reason": "own_words", "words": typed_trace(session, reason)}


def _cannot_hide_hint(platform: str, action: str) -> str:
    """The next step when a hide failed because the platform has none (LinkedIn): the
    failure alone left a person with a visible comment and no way on."""
    from adapters import can_hide

    if action != "hide" or can_hide(platform):
        return ""
    return f"; {platform} offers no hiding: delete the comment instead, or keep it"


def _require_deletable(comment: Comment, action: str) -> None:
    """Refuse, before any call, a delete the platform never allows (X: an account deletes
    only its own posts). The call answered 403 and the person got the API's words and no
    way on (the newcomer walk-through, session 52), as a hide on LinkedIn did (session 50)."""
    from adapters import PLATFORMS, can_delete_others

    if action != "delete" or comment.platform not in PLATFORMS \
            or can_delete_others(comment.platform):
        return
    raise UserError(f"comment {comment.id}: {comment.platform} lets an account delete only "
                    "its own posts, not someone's reply: hide it instead, or keep it")


class _Deferred:
    """The platform's adapter, built only when a decision makes a call. A keep of a comment
    that is not hidden makes none, yet `comments resolve --action keep` on a LinkedIn
    comment built the adapter first and, with no LinkedIn settings, died on "unexpected
    AuthError" (session 52's note). A build that fails says which settings to set."""

    def __init__(self, factory: AdapterFactory, comment: Comment, action: str) -> None:
        self._factory, self._platform = factory, comment.platform
        self._what = f"comment {comment.id}: {action} on {comment.platform}"
        self._built: Any = None

    def build(self) -> Any:
        if self._built is None:
            from adapters.base import AuthError, PermanentError

            try:
                self._built = self._factory(self._platform)
            except AuthError as exc:
                raise UserError(f"{self._what} needs the account's settings ({exc}): set "
                                f"them, or run `socialbot connect {self._platform}`") from None
            except PermanentError as exc:
                raise UserError(f"{self._what}: {exc}") from None
        return self._built

    def __getattr__(self, name: str) -> Any:
        return getattr(self.build(), name)


def resolve_comment(app: App, actor: str, comment_id: int, action: str,
                    adapters: AdapterFactory | None = None, seen: str | None = None, *,
                    keep_reason: str | None = None, reason_how: str = CLI_REASON
                    ) -> dict[str, Any]:
    """A person's decision (CLI or chat): applied on the platform, recorded and audited.
    ``seen``: the decision_mark of what they were shown (a chat card's button); without
    it, the comment as read here. Refused when it changed since. A keep of a
    `phi`-flagged comment needs ``keep_reason`` whoever asks (keep_reason_detail;
    ``reason_how`` says how the caller's door gives one)."""
    if action not in ACTIONS:
        raise UserError(f"unknown action {action!r}: choose keep, hide or delete")
    comment = _load(app, comment_id)
    if comment.state == CommentState.DELETED:
        raise Refused(f"comment {comment_id} was already deleted")
    _require_deletable(comment, action)
    # asked of a decision that can apply: an old card's is superseded first, as ever
    why = (keep_reason_detail(app, comment, keep_reason, reason_how)
           if action == "keep" and phi_flag(comment)
           and (seen is None or seen == decision_mark(comment)) else None)
    adapter = _Deferred(adapters or _default_adapters(app), comment, action)
    if platform_call(CommentAction(action), comment.hidden_on_platform) is not None:
        adapter.build()  # settings missing: one line saying what to set, nothing recorded
    done = apply_decision(app, comment_id, CommentAction(action), actor, adapter,
                          seen=seen or decision_mark(comment), why=why)
    if done.error is not None:
        raise UserError(f"comment {comment_id}: {action} failed on {comment.platform}: "
                        f"{done.error}{_cannot_hide_hint(comment.platform, action)}")
    if done.changed is not None:
        raise Refused(done.changed)
    assert done.view is not None
    if why is None or not done.applied:
        return done.view
    flag = phi_flag(comment) or {}
    return {**done.view, "kept_phi": {"unhidden": comment.hidden_on_platform,
                                      "flagged_for": flag.get("reason") or ""}}


def reply_to_comment(app: App, staff: Staff, comment_id: int, text: str | None = None,
                     template: str | None = None,
                     warn: Callable[[str], None] | None = None) -> tuple[int, Any]:
    """Queue a reply post (screened as a reply, then two approvals). Returns (id, draft);
    `warn` gets what the person should know though nothing stops the reply."""
    if (text is None) == (template is None):
        raise UserError("give the reply's text with --text or a --template name (exactly one)")
    if template is not None:
        templates = app.policy.moderation.reply_templates
        if template not in templates:
            names = ", ".join(sorted(templates)) or "none configured"
            raise UserError(f"unknown reply template {template!r} (templates: {names})")
        text = templates[template]
    assert text is not None
    # as typed: prepare_draft puts it in the form it is kept in and screens both forms
    # (normalised here, the screen never saw the typed form: a second attack review, 51, 3)
    typed = check_text(text, "the reply's text")
    text = stored_form(typed)  # what a reply already queued holds (_same_reply)
    comment = _load(app, comment_id)
    if comment.state == CommentState.DELETED:
        raise Refused(f"comment {comment_id} was deleted; there is nothing to reply to")
    _require_vouched(app, staff, comment)
    with app.db.read() as session:
        delivery = session.scalar(select(Delivery).where(Delivery.id == comment.delivery_id))
        if delivery is None or delivery.remote_id is None:
            raise Refused(f"comment {comment_id} belongs to no published post")
        published_from = delivery.account
        twin = _same_reply(session, comment_id, text)
    if twin is not None:
        # a retried command (its id never printed) queued the same reply twice, and two
        # pairs of approvals sent both (an outside review, session 44)
        raise Refused(f"comment {comment_id} already has this reply: post {twin[0]} "
                      f"({twin[1]}); to queue it again, cancel that one first "
                      f"(`socialbot post cancel {twin[0]}`)")
    if comment.platform == "x":  # X refuses a reply where the author did not mention us
        from social_bot.x_reply_check import Verdict, check_x_reply

        found = check_x_reply(app.settings.env, app.settings.data_dir, comment_id=comment_id,
                              comment_text=None if comment.purged_at is not None else comment.text,
                              comment_remote_id=comment.remote_id,
                              post_id=comment.post_id, published_from=published_from)
        if found.verdict is Verdict.REFUSED:
            raise Refused(found.message)
        if warn is not None:
            for line in found.warnings:
                warn(line)
    draft = prepare_draft(app, typed, [comment.platform], context="reply",
                          answering=answered(comment.text, comment.author, comment.flags))
    return create_post(app, staff, draft, reply_to_comment_id=comment_id), draft


def _require_vouched(app: App, staff: Staff, comment: Comment) -> None:
    """Refuse (audited, `reply.refused`) a reply to a row the trail cannot vouch for: moved
    to another post, or its author and words swapped (reply_target.unvouched; session 51)."""
    from social_bot.reply_target import unvouched

    with app.db.write() as session:
        problem = unvouched(session, comment)
        if problem is None:
            return
        audit.append(session, actor=staff.name, os_user=staff.os_user, action="reply.refused",
                     post_id=comment.post_id,
                     detail={"comment_id": comment.id, "why": "comment row unvouched"})
    raise Refused(problem)


# A reply in one of these states is not going out, so the same words may be queued again.
ENDED = (Status.CANCELLED, Status.REJECTED, Status.FAILED)


def _same_reply(session: Session, comment_id: int, text: str) -> tuple[int, str] | None:
    """(id, status) of a reply to the comment with these very words that has not ended."""
    row = session.execute(
        select(Post.id, Post.status)
        .join(Revision, (Revision.post_id == Post.id)
              & (Revision.number == Post.current_revision))
        .where(Post.reply_to_comment_id == comment_id, Revision.text == text,
               Post.status.not_in([str(s) for s in ENDED]))
        .order_by(Post.id).limit(1)
    ).first()
    return (int(row.id), str(row.status)) if row is not None else None


def flag_lines(rows: list[dict[str, Any]]) -> list[str]:
    """"#ID flag: reason" for each flag that still has its reason: a purged comment keeps its
    flags' names, not their reasons, which quoted its words (`socialbot demo` run into a
    folder with purged comments died on ``KeyError: 'reason'``, session 49)."""
    from policies.moderation.wording import flag_words, plain_reason

    return [f"#{row['id']} {flag_words(flag['flag'])}: {plain_reason(flag['reason'])}"
            for row in rows for flag in row["flags"] if flag.get("reason")]
