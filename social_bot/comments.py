"""The comment review queue: list, resolve (keep/hide/delete on the platform), reply.

A reply is a post like any other (revision, screen, two approvals), attached to the
comment; the daemon publishes it as a reply on the platform.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from social_bot import audit
from social_bot.app import App
from social_bot.db.models import Comment, Delivery, utcnow
from social_bot.errors import NotFound, Refused, UserError
from social_bot.inputs import require_text
from social_bot.posts import Staff, create_post, iso_or_none, prepare_draft

ACTIONS = ("keep", "hide", "delete")
REVIEW_STATES = ("flagged", "hidden")
AdapterFactory = Callable[[str], Any]


def comment_view(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "platform": comment.platform,
        "post_id": comment.post_id,
        "author": comment.author,
        "text": comment.text,
        "flags": list(comment.flags or []),
        "state": comment.state,
        "hidden_on_platform": comment.hidden_on_platform,
        "last_error": comment.last_error,
        "created_at": iso_or_none(comment.remote_created_at),
        "resolved_by": comment.resolved_by,
    }


def list_comments(app: App, flagged_only: bool = False, limit: int = 200) -> list[dict[str, Any]]:
    stmt = select(Comment).order_by(Comment.id.desc()).limit(limit)
    if flagged_only:  # waiting for a person: flagged, or hidden automatically by the policy
        stmt = stmt.where(Comment.state.in_(REVIEW_STATES), Comment.resolved_at.is_(None))
    with app.db.read() as session:
        return [comment_view(c) for c in session.scalars(stmt)]


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


def resolve_comment(app: App, actor: str, comment_id: int, action: str,
                    adapters: AdapterFactory | None = None) -> dict[str, Any]:
    """Apply a person's decision on the platform, then record and audit it.

    A failed platform call changes nothing but the comment's last error, which the
    review queue shows; the comment stays where it was.
    """
    from adapters.base import AdapterError

    if action not in ACTIONS:
        raise UserError(f"unknown action {action!r}: choose keep, hide or delete")
    comment = _load(app, comment_id)
    if comment.state == "deleted":
        raise Refused(f"comment {comment_id} was already deleted")
    adapter = (adapters or _default_adapters(app))(comment.platform)
    try:
        if action == "hide" and not comment.hidden_on_platform:
            adapter.hide_comment(comment.remote_id)
        elif action == "keep" and comment.hidden_on_platform:
            adapter.unhide_comment(comment.remote_id)
        elif action == "delete":
            adapter.delete_comment(comment.remote_id)
    except AdapterError as exc:
        with app.db.write() as session:
            row = session.get(Comment, comment_id)
            row.last_error = f"{action} failed: {exc}"
            audit.append(session, actor=actor, action="comment.action_failed",
                         post_id=row.post_id, detail={"comment": comment_id, "action": action,
                                                      "error": str(exc)})
        raise UserError(f"comment {comment_id}: {action} failed on {comment.platform}: {exc}") \
            from None
    with app.db.write() as session:
        row = session.execute(
            select(Comment).where(Comment.id == comment_id).with_for_update()
        ).scalar_one()
        if row.state == "deleted":  # someone else's delete landed meanwhile: it is final
            audit.append(session, actor=actor, action="comment.action_superseded",
                         post_id=row.post_id, detail={"comment": comment_id, "action": action})
            return comment_view(row)
        row.state = {"keep": "kept", "hide": "hidden", "delete": "deleted"}[action]
        row.hidden_on_platform = action == "hide"
        row.last_error = None
        row.resolved_by, row.resolved_at = actor, utcnow()
        audit.append(session, actor=actor, action=f"comment.{row.state}", post_id=row.post_id,
                     detail={"comment": comment_id, "platform": row.platform,
                             "remote_id": row.remote_id})
        return comment_view(row)


def reply_to_comment(app: App, staff: Staff, comment_id: int, text: str | None = None,
                     template: str | None = None) -> tuple[int, Any]:
    """Queue a reply post (screened as a reply, then two approvals). Returns (id, draft)."""
    if (text is None) == (template is None):
        raise UserError("give the reply's text with --text or a --template name (exactly one)")
    if template is not None:
        templates = app.policy.moderation.reply_templates
        if template not in templates:
            names = ", ".join(sorted(templates)) or "none configured"
            raise UserError(f"unknown reply template {template!r} (templates: {names})")
        text = templates[template]
    assert text is not None
    text = require_text(text, "the reply's text")
    comment = _load(app, comment_id)
    if comment.state == "deleted":
        raise Refused(f"comment {comment_id} was deleted; there is nothing to reply to")
    with app.db.read() as session:
        delivery = session.scalar(select(Delivery).where(Delivery.id == comment.delivery_id))
        if delivery is None or delivery.remote_id is None:
            raise Refused(f"comment {comment_id} belongs to no published post")
    draft = prepare_draft(app, text, [comment.platform], context="reply")
    return create_post(app, staff, draft, reply_to_comment_id=comment_id), draft
