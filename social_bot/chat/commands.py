"""The `/socialbot` command: parse one line of chat text and call the service functions.

Who is asking comes only from the verified identity the web layer passes in; names in
the text never count. Every refusal is a reply (never an exception), and unknown users
are refused and audited before anything else is read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import astuple, replace
from typing import Any

from policies.approval import Approver
from social_bot import audit
from social_bot.app import App
from social_bot.approvals import VerifiedIdentity, approve, reject, resolve_approver
from social_bot.chat.guard import (
    carries,
    comment_for_chat,
    post_for_chat,
    screen_typed,
)
from social_bot.chat.guard import release as guard_release
from social_bot.chat.memory import record_view, was_shown
from social_bot.chat.ownwords import (
    BAD_REVISION_CODE,
    HELP,
    NO_LOGIN,
    NO_SUCH_CODE_REFUSAL,
    NOT_APPROVER_REFUSAL,
    OLD_CODE_REFUSAL,
    UNREAD_IN_CLI,
    neutral,
    own,
    own_refusal,
    unit,
)
from social_bot.chat.render import (
    APPROVE,
    COMMENT_ACTION,
    REJECT,
    SLACK,
    Style,
    card,
    comments_text,
    pending_text,
    short_hash,
    short_of,
    style_for,
    summary,
)
from social_bot.chat.reply import ChatReply
from social_bot.errors import Refused, UserError
from social_bot.posts import list_posts, show_post
from social_bot.revision_code import CodeKind, names, parse_code

log = logging.getLogger(__name__)

ID_PATTERN = re.compile(r"[0-9]{1,15}")  # ASCII digits only (str.isdigit accepts others)
LIST_LIMIT = 25
REASON_LIMIT = 500
NOT_APPROVER = NOT_APPROVER_REFUSAL.removeprefix("Refused: ")


class Usage(Exception):
    """The command line was not understood: the message says how to write it. ``audited``
    is the message without the words typed (for the audit trail); ``typed`` those words."""

    def __init__(self, message: str, audited: str | None = None,
                 typed: str | None = None) -> None:
        super().__init__(message)
        self.audited = audited or message
        self.typed = typed


def parse_id(word: str, what: str = "post") -> int:
    if not ID_PATTERN.fullmatch(word) or int(word) < 1:
        rule = f"the {what} id must be a positive whole number"
        raise Usage(f"{rule}, not {word[:40]!r}", audited=rule, typed=word)
    return int(word)


NOT_A_COMMAND = "[not a command]"
BUTTONS = frozenset({APPROVE, REJECT, *(COMMENT_ACTION + a for a in ("keep", "hide", "delete"))})


def own_words(command: str) -> bool:
    """Is ``command`` made only of socialbot's own words (a command name, a button it drew
    with a numeric id), so that the audit trail may keep it as it is?"""
    words = command.split(" ")
    if len(words) == 1:
        return words[0] in COMMANDS or words[0] == "help"
    if words[0] != "button" or words[1] not in BUTTONS:
        return False
    rest = words[2:]
    return not rest or (len(rest) == 2 and rest[0] == "comment"
                        and ID_PATTERN.fullmatch(rest[1]) is not None)


def audit_refusal(app: App, identity: VerifiedIdentity, command: str, reason: str,
                  post_id: int | None = None, *, typed: str | None = None) -> None:
    """Record a refused attempt. ``command`` and ``reason`` must be socialbot's own words; a
    command that is not (an unknown word, a forged button) and ``typed`` are kept only as
    length and keyed digest (chat/typed.py): what a person typed may be PHI."""
    from social_bot.chat.typed import trace

    own = own_words(command)
    texts = [t for t in ((None if own else command), typed) if t]
    with app.db.write() as session:
        key = audit.session_keys(session).current
        detail: dict[str, object] = {"identity": identity.label,
                                     "command": command if own else NOT_A_COMMAND,
                                     "reason": reason}
        if texts:
            detail["typed"] = [trace(key, t).as_detail() for t in texts]
        audit.append(session, actor=identity.label, action="chat.refused", post_id=post_id,
                     detail=detail)


def refused(message: str, replace_original: bool | None = None) -> ChatReply:
    text = neutral(f"Refused: {message}")  # typed text in it: private use as U+FFFD
    return ChatReply(own_refusal(text), ok=False,
                     replace_original=replace_original)


# --- one function per command -----------------------------------------------------------

Handler = Callable[[App, VerifiedIdentity, Approver, list[str], Style], ChatReply]


def _pending(app: App, identity: VerifiedIdentity, approver: Approver, args: list[str],
             style: Style) -> ChatReply:
    if args:
        raise Usage("`pending` takes no arguments")
    rows = list_posts(app, status="pending_approval", limit=LIST_LIMIT)
    return ChatReply(pending_text(rows, app.policy.require_approval().required, style))


def _shown(app: App, detail: dict[str, Any], style: Style, note: str | None = None
           ) -> tuple[str, list[dict[str, Any]] | None, list[str] | None]:
    """The answer to `show` on this door (text; Slack's blocks) and, when it carries the
    post's text in full (nothing redacted, nothing left off for want of room: session 49,
    findings 2, 3 and 7), that text as quoted in it; else None."""
    required = app.policy.require_approval().required
    text, quoted = summary(detail, required, style)
    if note:
        # The note is screened on its own (a unit), as it is in its own block on a Slack
        # card: read with it, the card's lines ("Author: root", the approvals, the text)
        # were taken by the learned look for one patient's story and sent as
        # [identifier] (the newcomer walk-through, session 49). The card is then read
        # exactly as `show` reads it; the note is socialbot's marked words.
        text = f"{unit(note)}\n{text}"
    blocks, parts = None, [quoted]
    if style is SLACK:
        blocks, on_card = card(detail, required, note)
        parts.append(on_card)
    whole = all(q.complete for q in parts) and short_of(detail) is None
    return text, blocks, [p for q in parts for p in q.parts] if whole else None


NOT_SHOWN = {"redacted": "parts of it are redacted for chat",
             "note": "a dismissal's note is kept out of chat",
             "media": "its images are not shown in chat",
             "long": "its text is too long for chat",
             "not_shown": "its stored text does not match its hash"}


def _short_of(detail: dict[str, Any]) -> str:
    """What a card is short of before any room is counted (``NOT_SHOWN``'s key)."""
    return short_of(detail) or "long"


def guard_cut(app: App, detail: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    """``detail`` with what the chat guard takes out of its card's ``text`` (default: the
    card as `show` draws it) counted in ``redacted``, as the renderer counts its own: the
    card then says "Redacted for chat", labels the text as shortened, not "as it will be
    published" (session 51, N5), and shows no code (A6). The channel's pending card is drawn
    through it too (notify._pending), as the guard screens that card when it is sent."""
    if detail["redacted"]:
        return detail
    if text is None:
        text = summary(detail, app.policy.require_approval().required, SLACK)[0]
    counts = guard_release(app, {"text": text}).redacted
    return {**detail, "redacted": counts} if counts else detail


def _released(app: App, detail: dict[str, Any], style: Style, note: str | None = None,
              ok: bool = True) -> tuple[ChatReply, str | None]:
    """The answer to `show` as the chat guard lets it out, and why it is no read in full
    (``NOT_SHOWN``), or None when it is. The guard screens the card whole, with context the
    text lacks on its own (an alt text, a note), so it can redact a name in the text that
    the post's screen passed: then the card says "Redacted for chat" as for a redaction
    made before it, and approvers approve with the code (session 49)."""
    flavour = "slack" if style is SLACK else "mattermost"
    text, blocks, parts = _shown(app, detail, style, note)
    reply = ChatReply(text, blocks=blocks, ok=ok)
    sent = guard_release(app, reply.body(flavour), flavour)
    if parts is not None and carries(reply.body(flavour), sent, parts):
        return replace(reply, released=(flavour, sent)), None
    if not detail["redacted"]:
        # Did the guard take words out of the text itself? Asked of a card that is no read
        # in full for another reason too (images, a note kept out, a text too long), or it
        # would not say what was redacted (session 50: every card with images).
        cut = guard_cut(app, detail, text)
        if cut["redacted"]:
            return _released(app, cut, style, note, ok)
    # withheld whole (no screen, no policy) when the parts were all there: "redacted"
    why = NOT_SHOWN[_short_of(detail)] if parts is None else NOT_SHOWN["redacted"]
    return replace(reply, released=(flavour, sent)), why


def _show_reply(app: App, identity: VerifiedIdentity, post_id: int, style: Style,
                note: str | None = None, ok: bool = True) -> ChatReply:
    """The post in full; remembered (server side) as shown to this person, so a plain
    `approve ID` from them binds to exactly this revision. Remembered only once the answer
    went through the chat guard and still carries the whole text: a card redacted (before
    the guard or by it) or too long for chat is not, so a plain approve is refused and the
    approver reads it in the CLI and approves with the code."""
    detail = post_for_chat(show_post(app, post_id), app)
    reply, why = _released(app, detail, style, note, ok)
    if why is None:
        record_view(app.db, identity.label, post_id, detail["revision_hash"])
    return reply


def not_in_full(app: App, post: dict[str, Any], style: Style) -> str | None:
    """Why chat cannot show this revision in full (so no plain approve can rest on a
    `show`), or None when it can."""
    detail = post_for_chat(post, app)
    if short_of(detail) in ("not_shown", "redacted", "note"):
        return NOT_SHOWN[_short_of(detail)]
    # images: the guard may still have redacted the text, the first thing to say (_released)
    return _released(app, detail, style)[1]


# how an approve without the code was given, in a refusal (``not_in_full_refusal``)
WITHOUT_CODE = {"approve": "a plain approve", f"button {APPROVE}": "the card's Approve button"}


def not_in_full_refusal(app: App, identity: VerifiedIdentity, post: dict[str, Any], why: str,
                        command: str) -> ChatReply:
    """Refuse an approve without the code (``command``: "approve", or the Approve button)
    of a revision chat cannot show in full (``why``: ``NOT_SHOWN``), audited; the reply
    says to read it in the CLI and approve with the code (socialbot's own words)."""
    reason = (f"chat cannot show revision {post['revision']} of post {post['id']} in full "
              f"({why}), so {WITHOUT_CODE[command]} cannot count. Read it with `socialbot "
              f"post show {post['id']}` on the practice's computer, then "
              f"`/socialbot approve {post['id']} CODE`")
    audit_refusal(app, identity, command, "revision not shown in full in chat", post["id"])
    return refused(reason, replace_original=False if command != "approve" else None)


def unshown_refusal(app: App, identity: VerifiedIdentity, post: dict[str, Any],
                    command: str) -> ChatReply:
    """Refuse, audited, an approve of a revision whose stored words do not hash to what
    the vote would name (``post["not_shown"]``, posts.post_detail): nobody was shown them."""
    audit_refusal(app, identity, command, "revision's stored text does not match its hash",
                  post["id"])
    return refused(f"post {post['id']}: {post['not_shown']}. Nothing was counted",
                   replace_original=False if command != "approve" else None)


def _show(app: App, identity: VerifiedIdentity, approver: Approver, args: list[str],
          style: Style) -> ChatReply:
    if len(args) != 1:
        raise Usage("write `show ID`")
    return _show_reply(app, identity, parse_id(args[0]), style)


def stale_or_refused(app: App, identity: VerifiedIdentity, post_id: int, shown: str | None,
                     exc: Refused) -> ChatReply:
    """A refusal; when the post changed since it was shown, show the new revision with it."""
    style = style_for(identity.provider)
    if shown:
        current = show_post(app, post_id)
        if current["revision_hash"] != shown:
            note = (own_refusal(f"Refused: {exc}.") + " "
                    # no code here: the card below shows it only if it is a read in full
                    + own(f"Post {post_id} changed since you saw it; this is the new "
                          f"revision {current['revision']}:"))
            return _show_reply(app, identity, post_id, style, note=note, ok=False)
    return refused(str(exc))


def approve_reply(app: App, identity: VerifiedIdentity, post_id: int,
                  shown: str | None) -> ChatReply:
    try:
        outcome = approve(app, identity, post_id, shown_hash=shown)
    except Refused as exc:
        return stale_or_refused(app, identity, post_id, shown, exc)
    which = own(f"revision {outcome.revision} "
                f"({short_hash(outcome.revision, outcome.revision_hash)})")
    if outcome.approved_now:
        names = " and ".join(own(n) for n in outcome.approvals)
        return ChatReply(f"Post {post_id} is approved by {names} "
                         f"({len(outcome.approvals)}/{outcome.required}, {which}); "
                         f"{own('the daemon')} publishes it when it is due.", in_channel=True)
    missing = outcome.required - len(outcome.approvals)
    return ChatReply(own(f"Your approval of post {post_id}, revision {outcome.revision} "
                         f"({short_hash(outcome.revision, outcome.revision_hash)}), is recorded "
                         f"({len(outcome.approvals)}/{outcome.required}); {missing} more "
                         "approver(s) needed."))


def _unread(app: App, identity: VerifiedIdentity, approver: Approver,
            current: dict[str, Any], style: Style, coded: bool) -> ChatReply | None:
    """The refusal of an approve of the current revision this person was not shown in
    full by the chat door, or None when they were. A revision chat cannot show in full is
    read in the CLI: a plain approve of it is refused, and the code binds only with a
    recorded `post show` of that revision by this approver's own OS login (the code is
    matched against every revision of the post first, so an edit cannot take it over)."""
    post_id = current["id"]
    why = not_in_full(app, current, style)
    if why is not None:
        if not coded:
            return not_in_full_refusal(app, identity, current, why, "approve")
        return _unread_in_cli(app, identity, approver, current)
    if was_shown(app.db, identity.label, post_id, current["revision_hash"]):
        return None
    # A vote binds to a revision its voter read: only a `show` (or a card's button) put in
    # front of this person counts, with or without the code (session 50, finding 5).
    reason = (f"you have not been shown revision {current['revision']} of post "
              f"{post_id} in chat. Read it first with `/socialbot show {post_id}`, then "
              f"approve (or use the card's Approve button)")
    audit_refusal(app, identity, "approve", "revision not shown to this approver", post_id)
    return refused(reason)


def _unread_in_cli(app: App, identity: VerifiedIdentity, approver: Approver,
                   current: dict[str, Any]) -> ChatReply | None:
    """A code is what `post show` prints to whoever runs it: the author could read it and
    relay it, and it approved a post the approver never saw (session 51's attack review,
    finding 4). It counts with a record of this approver's login reading that revision."""
    from social_bot import witness
    from social_bot.cli_views import was_read

    post_id, number = current["id"], current["revision"]
    if was_read(app, approver, post_id, number, current["revision_hash"]) and (
            not witness.required(app.policy) or witness.read_by(
                app.settings, approver.os_user, post_id, number, current["revision_hash"])):
        # with os_witness, the record alone (any staff login can write one) is not enough:
        # the file `post show` left in the door's witness folder, owned by their login
        return None
    audit_refusal(app, identity, "approve", "coded approval of a revision this approver's "
                  "login never read with `post show`", post_id)
    if not approver.os_user:
        return refused(NO_LOGIN.format(post_id=post_id))
    return refused(UNREAD_IN_CLI.format(post_id=post_id, revision=number,
                                        login=approver.os_user))


def _approve(app: App, identity: VerifiedIdentity, approver: Approver, args: list[str],
             style: Style) -> ChatReply:
    if not 1 <= len(args) <= 5:
        raise Usage("write `approve ID` or `approve ID CODE`")
    post_id = parse_id(args[0])
    current = show_post(app, post_id)
    if current.get("not_shown"):
        return unshown_refusal(app, identity, current, "approve")
    if len(args) > 1:
        # the code's parts may be typed apart ("approve 5 r3 1a2b3c4d 5e6f7a8b ..."): joined
        # with dashes, so the revision number never runs into the digits
        code = parse_code("-".join(args[1:]))
        if code.kind is CodeKind.BAD:
            raise Usage(BAD_REVISION_CODE.removeprefix("Refused: "))
        if code.kind is not CodeKind.CODE:
            # digits without the revision number (session 50's form, or the 12-digit one
            # before it): they cannot tell apart two texts sharing them (A5), so whatever
            # they match, the approver shows the post again and types the code it prints
            why = ("revision code without the revision number" if code.kind is
                   CodeKind.UNNUMBERED else "revision code in the old 12-digit form")
            audit_refusal(app, identity, "approve", why, post_id)
            return refused(OLD_CODE_REFUSAL.format(post_id=post_id))
        # Only the current revision's code approves: its number AND its hash (session 51,
        # A5: the number is what two colliding texts cannot share, as an edit is always a
        # new number). An older revision's code means the approver read a text that is no
        # longer the post: "changed since you saw it", with the new revision shown (approve()
        # refuses it under the post's lock). Anything else is a typo.
        if names(code, current["revision"], current["revision_hash"]):
            shown = current["revision_hash"]
        else:
            older = next((r["hash"] for r in current["revisions"]
                          if r["number"] < current["revision"]
                          and names(code, r["number"], r["hash"])), None)
            if older is None:
                # no revision of this post has that code: a typo, not a change since it
                # was read ("changed since you saw it" misled an outside review, session 42)
                audit_refusal(app, identity, "approve", "revision code matches no revision",
                              post_id)
                return refused(NO_SUCH_CODE_REFUSAL.format(post_id=post_id))
            shown = older
        if shown == current["revision_hash"] and current["status"] == "pending_approval":
            unread = _unread(app, identity, approver, current, style, coded=True)
            if unread is not None:
                return unread
    elif current["status"] != "pending_approval":
        shown = current["revision_hash"]  # approve() refuses with the post's state
    else:
        unread = _unread(app, identity, approver, current, style, coded=False)
        if unread is not None:
            return unread
        shown = current["revision_hash"]  # shown in full to this very person by `show`
    return approve_reply(app, identity, post_id, shown)


def reject_reply(app: App, identity: VerifiedIdentity, post_id: int, reason: str,
                 shown: str | None) -> ChatReply:
    reason, note = reason[:REASON_LIMIT], None
    if reason.strip():  # an empty reason is refused (and audited) by reject() itself
        try:
            reason, note = astuple(screen_typed(app, reason, "rejection reason"))
        except Refused as exc:  # audited without the text: it is what must not be stored
            audit_refusal(app, identity, "reject", "the reason was refused by the PHI screen",
                          post_id)
            return refused(str(exc))
    try:
        reject(app, identity, post_id, reason, shown_hash=shown)
    except Refused as exc:
        return stale_or_refused(app, identity, post_id, shown, exc)
    return ChatReply(f"Post {post_id} is rejected. Reason recorded: "
                     f"{style_for(identity.provider).escape(reason[:REASON_LIMIT])}"
                     + (f" ({note})" if note else ""))


def _reject(app: App, identity: VerifiedIdentity, approver: Approver, args: list[str],
            style: Style) -> ChatReply:
    if len(args) < 2:
        raise Usage("write `reject ID REASON` (the reason is required)")
    return reject_reply(app, identity, parse_id(args[0]), " ".join(args[1:]), None)


def _comments(app: App, identity: VerifiedIdentity, approver: Approver, args: list[str],
              style: Style) -> ChatReply:
    from social_bot.comments import list_comments

    if args:
        raise Usage("`comments` takes no arguments")
    rows = list_comments(app, flagged_only=True, limit=LIST_LIMIT)
    return ChatReply(comments_text(comment_for_chat(app, rows), style))


def resolve_now(app: App, identity: VerifiedIdentity, approver: Approver, comment_id: int,
                action: str, seen: str | None = None, reason: str | None = None,
                command: str = "resolve") -> ChatReply:
    """The slow part of `resolve` (a platform call): run after the first answer. ``seen``:
    the decision mark of the card clicked (comments.decision_mark); ``command``: what was
    used, for the trail. ``reason``: why a comment flagged phi may be seen (`resolve CID
    keep WHY`); the service refuses a keep of one without it, from the command and the
    card's button alike, and the button's answer is the command to type."""
    from social_bot.comments import KeepReasonRefused, resolve_comment

    try:
        result = resolve_comment(app, approver.name, comment_id, action, seen=seen,
                                 keep_reason=reason,
                                 reason_how=f"`/socialbot resolve {comment_id} keep WHY`")
    except KeepReasonRefused as exc:  # audited in own words; typed words as a digest only
        audit_refusal(app, identity, command, exc.audited, typed=reason)
        return refused(str(exc))
    except UserError as exc:
        return refused(str(exc))
    except Exception:
        log.exception("resolving comment %s failed", comment_id)
        return refused(f"comment {comment_id}: {action} failed (internal error, logged)")
    # who decided: someone else, when two clicked the same button at once
    said = (f"Comment {comment_id} is now {result['state']} "
            f"(by {result['resolved_by'] or approver.name}).")
    kept = result.get("kept_phi")
    if kept:  # never the flag's words here: chat is not where a patient's details go
        seen_now = "visible again" if kept["unhidden"] else "still visible"
        said += (f" It was flagged phi; it is {seen_now} on {result['platform']}, and your "
                 "reason is recorded in the audit trail as your claim.")
    return ChatReply(said)


def _resolve(app: App, identity: VerifiedIdentity, approver: Approver, args: list[str],
             style: Style) -> ChatReply:
    if len(args) < 2 or args[1].lower() not in ("keep", "hide", "delete"):
        raise Usage("write `resolve CID keep [WHY]`, `resolve CID hide` or "
                    "`resolve CID delete`")
    comment_id, action = parse_id(args[0], "comment"), args[1].lower()
    reason = " ".join(args[2:])[:REASON_LIMIT] or None
    if reason is not None and action != "keep":
        rule = f"only keep takes a reason: write `resolve {comment_id} {action}`"
        raise Usage(rule, audited="only keep takes a reason", typed=reason)
    return ChatReply(f"Working on it: {action} comment {comment_id}; the result follows here.",
                     later=lambda: resolve_now(app, identity, approver, comment_id, action,
                                               reason=reason))


def _hold(app: App, identity: VerifiedIdentity, approver: Approver, args: list[str],
          style: Style) -> ChatReply:
    from social_bot.holds import hold

    if len(args) < 2:
        raise Usage("write `hold ID REASON` (say why, without patient details)")
    post_id, reason = parse_id(args[0]), " ".join(args[1:])[:REASON_LIMIT]
    try:
        reason, note = astuple(screen_typed(app, reason, "hold reason"))
    except Refused as exc:
        audit_refusal(app, identity, "hold", "the reason was refused by the PHI screen", post_id)
        return refused(str(exc))
    hold(app, identity, post_id, reason)
    return ChatReply(f"Post {post_id} is on hold ({own(approver.name)}): "
                     f"{style.escape(reason)}. "
                     f"It will not be published until two approvers run "
                     f"`/socialbot release {post_id}`."
                     + (f" ({note})" if note else ""), in_channel=True)


def _release(app: App, identity: VerifiedIdentity, approver: Approver, args: list[str],
             style: Style) -> ChatReply:
    from social_bot.holds import release

    if len(args) != 1:
        raise Usage("write `release ID`")
    post_id = parse_id(args[0])
    outcome = release(app, identity, post_id)
    if outcome.released_now:
        names = " and ".join(own(n) for n in outcome.released_by)
        return ChatReply(f"Post {post_id} is released by {names}; "
                         "it is published when due.", in_channel=True)
    missing = outcome.required - len(outcome.released_by)
    return ChatReply(f"Your release of post {post_id} is recorded "
                     f"({len(outcome.released_by)}/{outcome.required}); {missing} more "
                     "approver(s) needed.")


# These audit their own refusals (social_bot/approvals.py, social_bot/holds.py).
SELF_AUDITED = frozenset({"approve", "reject", "hold", "release"})

COMMANDS: dict[str, Handler] = {
    "pending": _pending,
    "show": _show,
    "approve": _approve,
    "reject": _reject,
    "comments": _comments,
    "resolve": _resolve,
    "hold": _hold,
    "release": _release,
}


def _limiter(app: App):  # noqa: ANN202 - memory.RefusalLimiter
    from datetime import timedelta

    from social_bot.chat.memory import Limit, RefusalLimiter
    from social_bot.settings import chat_settings

    limits = chat_settings(app.settings)
    return RefusalLimiter(app.db, Limit(limits.refusal_limit,
                                        timedelta(seconds=limits.refusal_window)))


def rate_limited(app: App, identity: VerifiedIdentity,
                 answer: Callable[[], ChatReply]) -> ChatReply:
    """Run ``answer`` unless this person has had too many refusals lately; count refusals.

    Past the limit nothing is read or changed; the attempts are counted, and the count is
    audited (not each attempt: a flood must not flood the audit trail)."""
    limiter = _limiter(app)
    wait = limiter.allowed(identity.label)
    if wait is not None:
        minutes = max(1, round(wait.total_seconds() / 60))
        return refused(f"too many refused attempts from you; socialbot will not act on your "
                       f"commands for about {minutes} more minute(s). The attempts are "
                       "counted in the audit trail.")
    reply = answer()
    if not reply.ok:
        limiter.refused(identity.label)
    return reply


def handle_command(app: App, identity: VerifiedIdentity, text: str) -> ChatReply:
    """Answer one `/socialbot ...` line from a verified chat user. Never raises UserError."""
    return rate_limited(app, identity, lambda: _handle_command(app, identity, text))


def _handle_command(app: App, identity: VerifiedIdentity, text: str) -> ChatReply:
    words = text.split()
    name = words[0].lower() if words else "help"
    try:
        approver = resolve_approver(app, identity)
    except (ValueError, UserError) as exc:  # no [approval] table, or the file is broken
        return refused(f"approvals are not configured on this server ({exc})")
    if name == "help":  # the list is socialbot's own words (ownwords.HELP), marked whole
        return ChatReply(own(HELP) if approver else f"{own(HELP)}\nNote: {NOT_APPROVER}.")
    if approver is None:
        audit_refusal(app, identity, name, "not an approver")
        return refused(NOT_APPROVER)
    handler = COMMANDS.get(name)
    if handler is None:
        audit_refusal(app, identity, name, "unknown command")
        # the typed word is screened as before; the list after it is socialbot's own
        said = refused(f"unknown command {name[:40]!r}.")
        return ChatReply(f"{said.text}\n{own(HELP)}", ok=False)
    try:
        return handler(app, identity, approver, words[1:], style_for(identity.provider))
    except Refused as exc:
        if name not in SELF_AUDITED:
            audit_refusal(app, identity, name, str(exc))
        return refused(str(exc))
    except Usage as exc:  # malformed: audited without the words typed
        audit_refusal(app, identity, name, exc.audited, typed=exc.typed)
        return refused(str(exc))
    except UserError as exc:  # NotFound, a bad setting: audited too
        audit_refusal(app, identity, name, str(exc))
        return refused(str(exc))
