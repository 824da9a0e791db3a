"""Slack button clicks: Approve/Reject on a post card, Keep/Hide/Delete on a comment card.

The clicker's verified identity acts, on the revision the card showed (its hash rides in
the button's value), exactly as the slash commands would.
"""

from __future__ import annotations

import json
import re
from typing import Any

from social_bot.app import App
from social_bot.approvals import VerifiedIdentity, resolve_approver
from social_bot.chat.commands import (
    NOT_APPROVER,
    approve_reply,
    audit_refusal,
    guard_cut,
    not_in_full,
    not_in_full_refusal,
    rate_limited,
    refused,
    reject_reply,
    resolve_now,
    unshown_refusal,
)
from social_bot.chat.guard import comment_for_chat, post_for_chat
from social_bot.chat.render import (
    APPROVE,
    COMMENT_ACTION,
    REJECT,
    SLACK,
    comment_card,
    post_card,
)
from social_bot.chat.reply import ChatReply
from social_bot.errors import Refused, UserError
from social_bot.posts import show_post

FULL_HASH = re.compile(r"[0-9a-f]{64}")
HEX = re.compile(r"[0-9a-f]+")
NO_SUCH_REVISION = "the button names no revision of this post"


def _value(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        value = None
    except RecursionError:  # only a signed request can send one; not a crash to log
        raise ValueError("the button's value is not understood (nested too deep)") from None
    if not isinstance(value, dict):
        raise ValueError("the button's value is not understood")
    return value


def _positive_int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 10**15:
        raise ValueError("the button names no valid id")
    return value


def _post_button(app: App, identity: VerifiedIdentity, action_id: str, value: dict[str, Any],
                 reason: str | None) -> ChatReply:
    post_id = _positive_int(value.get("post"))
    shown = value.get("hash")
    if not isinstance(shown, str) or not FULL_HASH.fullmatch(shown):
        raise ValueError("the button carries no revision")
    if resolve_approver(app, identity) is None:
        # before anything else: a refusal further on (a stale revision) answers with the
        # current card, which someone off the approver list must not read (an outside
        # review, session 42: an old or forged button showed them the post's new text)
        audit_refusal(app, identity, f"button {action_id} post {post_id}", "not an approver")
        return refused(NOT_APPROVER, replace_original=False)
    if not any(r["hash"] == shown for r in show_post(app, post_id)["revisions"]):
        # no revision of this post has that hash: a garbled or forged button, not a change
        # since it was shown ("changed since you saw it ... now revision 1" on a post never
        # edited misled the newcomer, session 49); audited by _handle_action
        raise ValueError(NO_SUCH_REVISION)
    if action_id == APPROVE:
        current = show_post(app, post_id)
        if current.get("not_shown"):
            return unshown_refusal(app, identity, current, f"button {APPROVE}")
        why = (not_in_full(app, current, SLACK) if current["status"] == "pending_approval"
               and current["revision_hash"] == shown else None)
        if why:
            # a card not shown in full has no Approve button; one drawn before (or a
            # channel card the guard redacted as it left) must not approve either
            # (session 49, finding C): what chat cannot show in full needs the code
            return not_in_full_refusal(app, identity, current, why, f"button {APPROVE}")
        reply = approve_reply(app, identity, post_id, shown)
    else:
        if not (reason or "").strip():
            # reject() would refuse too, and audit it; say how to give the reason.
            reply = reject_reply(app, identity, post_id, "", shown)
            return ChatReply(f"{reply.text} Type the reason in the box above the buttons, "
                             "then click Reject again.", replace_original=False, ok=False)
        reply = reject_reply(app, identity, post_id, reason or "", shown)
    if not reply.ok:
        return ChatReply(reply.text, blocks=reply.blocks, replace_original=False, ok=False)
    # the card redrawn as the guard will let it out: no code on one it cuts (session 51)
    detail = guard_cut(app, post_for_chat(show_post(app, post_id), app))
    required = app.policy.require_approval().required
    return ChatReply(reply.text, blocks=post_card(detail, required, note=reply.text),
                     replace_original=True)


def _comment_button(app: App, identity: VerifiedIdentity, action: str,
                    value: dict[str, Any]) -> ChatReply:
    from social_bot.comments import MARK_CHARS, list_comments

    comment_id = _positive_int(value.get("comment"))
    seen = value.get("seen")  # absent on a card posted before session 45
    if seen is not None and not (isinstance(seen, str) and len(seen) == MARK_CHARS
                                 and HEX.fullmatch(seen)):
        raise ValueError("the button's value is not understood")
    approver = resolve_approver(app, identity)
    if approver is None:
        audit_refusal(app, identity, f"button {action} comment {comment_id}", "not an approver")
        return refused(NOT_APPROVER, replace_original=False)

    def finish() -> ChatReply:
        outcome = resolve_now(app, identity, approver, comment_id, action, seen,
                              command=f"button {COMMENT_ACTION}{action} comment {comment_id}")
        if not outcome.ok:
            return ChatReply(outcome.text, replace_original=False, ok=False)
        current = next((c for c in list_comments(app) if c["id"] == comment_id), None)
        blocks = (comment_card(comment_for_chat(app, [current])[0], note=outcome.text)
                  if current else None)
        return ChatReply(outcome.text, blocks=blocks, replace_original=True)

    return ChatReply(f"Working on it: {action} comment {comment_id}.", replace_original=False,
                     later=finish)


def handle_action(app: App, identity: VerifiedIdentity, action_id: str, value: str,
                  reason: str | None = None) -> ChatReply:
    """Answer one button click from a verified Slack user. Never raises UserError."""
    return rate_limited(app, identity,
                        lambda: _handle_action(app, identity, action_id, value, reason))


def _handle_action(app: App, identity: VerifiedIdentity, action_id: str, value: str,
                   reason: str | None) -> ChatReply:
    try:
        parsed = _value(value)
        if action_id in (APPROVE, REJECT):
            return _post_button(app, identity, action_id, parsed, reason)
        if action_id.startswith(COMMENT_ACTION):
            action = action_id.removeprefix(COMMENT_ACTION)
            if action in ("keep", "hide", "delete"):
                return _comment_button(app, identity, action, parsed)
        return refused("this button is not one socialbot knows", replace_original=False)
    except ValueError as exc:  # a malformed button value: audited like any refused attempt
        audit_refusal(app, identity, f"button {action_id}", str(exc))
        return refused(str(exc), replace_original=False)
    except UserError as exc:
        if not isinstance(exc, Refused):  # approve()/reject() audit their own refusals
            audit_refusal(app, identity, f"button {action_id}", str(exc))
        return refused(str(exc), replace_original=False)
