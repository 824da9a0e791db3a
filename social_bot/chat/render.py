"""How posts and comments look in chat: text for slash-command replies, Block Kit cards.

Text a person typed (post text, comment text, reasons) is escaped so that it cannot
ping a channel or forge a link in the message that shows it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from social_bot.chat.ownwords import (
    AGAIN_NOTE,
    CRISIS_NOTE,
    CUT_LABEL,
    PUBLISHED_LABEL,
    neutral,
    own,
    own_header,
    unit,
)
from social_bot.domain import Status
from social_bot.review_card import lapsed, review_lines
from social_bot.revision_code import shown_code

SECTION_LIMIT = 2900  # a comment's text on its card (cut with a marker; no vote rests on it)
# What chat platforms accept (docs/history/chat.md, "Session 49"): Slack refuses a section text over
# 3,000 characters and a message of more than 50 blocks (docs.slack.dev, Block Kit blocks),
# and was seen refusing ~13,200 characters of blocks in one message (msg_blocks_too_long,
# slackapi/bolt-js#2509, not documented); a Mattermost post holds 16,383 characters (5.0+).
SECTION_CHARS = 3000
MESSAGE_BLOCKS = 50
SLACK_TEXT_CHARS = 12_000  # the post's quoted text over all its sections
MATTERMOST_POST_CHARS = 16_000  # a whole `show` answer, with room for a note above it
APPROVE, REJECT = "socialbot.approve", "socialbot.reject"
COMMENT_ACTION = "socialbot.comment."  # + keep | hide | delete
REASON_BLOCK, REASON_INPUT = "socialbot.reason", "reason"


def slack_escape(text: str) -> str:
    # Slack's three control characters: <!channel>, <@U123> and links all need "<".
    # A private-use character (the own-words marks' alphabet) shows as U+FFFD (session 48).
    return neutral(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Everything Mattermost's Markdown gives meaning to (CommonMark punctuation it honours a
# backslash before): emphasis, links and images, headings, tables, quotes, code, lists.
_MARKDOWN = re.compile(r"([\\`*_~\[\]()#>|!{}<])")


def mattermost_escape(text: str) -> str:
    """Text a person wrote, made inert in a Mattermost message: Markdown characters are
    backslash-escaped (shown as typed), links cannot autolink (a zero-width space after
    "://" and before "www."), and @channel/@all/@someone notify nobody."""
    text = re.sub(r"@(?=\w)", "@\u200b", neutral(text))  # private use: U+FFFD, as on Slack
    text = re.sub(r"(?i)(://|www\.)", lambda m: m.group(1)[0] + "\u200b" + m.group(1)[1:], text)
    return _MARKDOWN.sub(r"\\\1", text)


@dataclass(frozen=True)
class Style:
    bold_mark: str
    escape: Callable[[str], str]

    def bold(self, text: str) -> str:
        return f"{self.bold_mark}{text}{self.bold_mark}"

    def quote(self, text: str, limit: int = SECTION_LIMIT) -> str:
        body = text if len(text) <= limit else text[:limit] + " …(truncated)"
        return "\n".join(f"> {line}" for line in self.escape(body).splitlines() or [""])


@dataclass(frozen=True)
class Quoted:
    """A person's text quoted for chat in ``parts`` (each within the platform's limit);
    ``complete``: every line of it is there. When not, the parts hold its beginning."""

    parts: list[str]
    complete: bool


def _fitted(line: str, escape: Callable[[str], str], room: int) -> list[str]:
    """``line`` (as typed) cut into pieces whose escaped form fits ``room`` characters;
    never inside an escape (``&amp;``, a backslash and its character)."""
    pieces, start, room = [], 0, max(1, room)
    while start < len(line):
        end = min(len(line), start + room)
        while (size := len(escape(line[start:end]))) > room and end > start + 1:
            end -= max(1, (size - room) // 5)  # an escape is at most 5 characters
        pieces.append(escape(line[start:end]))
        start = end
    return pieces or [""]


def quoted(text: str, style: Style, part_chars: int, budget: int, parts: int) -> Quoted:
    """``text`` as quoted lines ("> ...") over at most ``parts`` parts of at most
    ``part_chars`` characters, ``budget`` characters in all. A line too long for one part
    goes on over the next (each piece quoted); nothing is cut without ``complete`` False."""
    lines = [f"> {piece}" for line in (text.splitlines() or [""])
             for piece in _fitted(line, style.escape, part_chars - 2)]
    packed = _packed(lines, part_chars)
    kept: list[str] = []
    for part in packed:
        if len(kept) == parts or sum(map(len, kept)) + len(part) > budget:
            break
        kept.append(part)
    return Quoted(kept, len(kept) == len(packed))


def too_long_note(post_id: int) -> str:
    """Said on a card that could not carry the whole text (socialbot's own words)."""
    return own(f"The text is too long for chat; only its beginning is shown above, so this "
               f"card is not a read in full. Read it with `socialbot post show {post_id}` "
               f"and approve with the code: `/socialbot approve {post_id} CODE`.")


def no_approve_button_note(post_id: int) -> str:
    """Said where the Approve button would be on a card that is not a read in full (a text
    too long for chat, or parts redacted): two clicks on such a card published a tail nobody
    was shown (an outside re-review, session 49, finding C). Socialbot's own words."""
    return own(f"This card is not a read in full, so it has no Approve button. Read the post "
               f"with `socialbot post show {post_id}` and approve with the code: "
               f"`/socialbot approve {post_id} CODE`.")


SLACK = Style("*", slack_escape)
MATTERMOST = Style("**", mattermost_escape)


def style_for(provider: str) -> Style:
    return SLACK if provider == "slack" else MATTERMOST


def short_hash(revision: int, content_hash: str) -> str:
    """The code `approve ID CODE` takes (revision_code.py: the revision number, then 24 hex
    digits of its hash, grouped)."""
    return shown_code(revision, content_hash)


def _schedule(detail: dict[str, Any]) -> str:
    """The time as README shows it ("2026-12-01 09:30 PST"), in the practice's zone
    (``timezone``, which ``guard.post_for_chat`` sets; None: this machine's)."""
    from social_bot.timefmt import show_time

    return show_time(detail["scheduled_at"], detail.get("timezone"),
                     empty="as soon as approved")


def platforms_line(detail: dict[str, Any]) -> str:
    """Where and when, as socialbot writes it: the learned second look read a scheduled
    time as a patient's visit and blanked the line (an outside review, session 42)."""
    return own(f"Platforms: {', '.join(detail['platforms'])} · Schedule: {_schedule(detail)}")


def findings_text(findings: Sequence[dict[str, Any]], style: Style) -> str:
    """Categories and counts only: a finding's text and reason quote the identifier."""
    if not findings:
        return "Screen findings: none"
    counts: dict[tuple[str, str], int] = {}
    for f in findings:
        # a dismissal that no longer holds blocks again, as `post show` labels it
        severity = ("block" if lapsed(f.get("dismissal")) else "dismissed"
                    if f.get("dismissal") else str(f.get("severity")))
        key = (severity, str(f.get("category")))
        counts[key] = counts.get(key, 0) + 1
    parts = [f"{n} {severity} {category}" for (severity, category), n in sorted(counts.items())]
    return "Screen findings: " + ", ".join(parts)


def redaction_note(counts: dict[str, int], where: str) -> str:
    """'Redacted for chat: 1 patient name, 1 date. Full text: `socialbot ...`' or ''."""
    if not counts:
        return ""
    from policies.phi.redact import Redacted

    # socialbot's own words: counts of kinds only (ownwords.SHAPES), so the screen's
    # learned look cannot blank the line that tells approvers what was redacted
    return own(f"Redacted for chat: {Redacted('', counts).summary()}. The full text stays on "
               f"the practice's computer: `{where}`.")


def approvals_text(detail: dict[str, Any], required: int) -> str:
    """The votes that count under the policy in force (as publishing counts them), and
    each recorded vote that no longer does with why: "Approvals: Dana Whitfield · 1 of 2
    approvals hold (Luis Ortega is no longer an approver)". Recorded votes alone read 2/2
    next to the publisher's "1 of 2 required approvals hold" (session 48)."""
    names = detail.get("approvals_holding", detail["approvals"])
    dropped = detail.get("approvals_not_counted") or []
    if not dropped:
        who = ", ".join(own(n) for n in names) if names else "none yet"
        return f"Approvals: {who} ({len(names)}/{required}){_again(detail, len(names), required)}"
    who = ", ".join(own(n) for n in names) if names else "none hold"
    why = "; ".join(f"{own(d['approver'])} {d['why']}" for d in dropped)
    return f"Approvals: {who} · {len(names)} of {required} approvals hold ({why})"




def _again(row: dict[str, Any], holding: int, required: int) -> str:
    """A post waiting for approval whose votes already hold (publishing sent it back when
    they did not): the next approve by any approver makes it approved again (session 48)."""
    waiting = row.get("status", Status.PENDING_APPROVAL) == Status.PENDING_APPROVAL
    return AGAIN_NOTE if waiting and holding >= required else ""


def post_header(detail: dict[str, Any], style: Style, code: bool = True) -> str:
    """Number, revision, code and status: all socialbot's own (``ownwords.own_header``, the
    status one of the post's states). A status that is none is screened as typed text.
    ``code`` False: a card that is no read in full shows no code (session 51, A6: an
    approver could approve from chat what they never read; the code comes with `post
    show`)."""
    shown = f" (`{short_hash(detail['revision'], detail['revision_hash'])}`)" if code else ""
    head = style.bold(f"Post {detail['id']}") + f" · revision {detail['revision']}{shown} · "
    try:
        status = Status(detail["status"])
    except ValueError:
        return head + style.escape(str(detail["status"]))
    return own_header(head, status)


def vote_line(detail: dict[str, Any], code: bool) -> str:
    """How to vote, under a pending post's text: with the code on a card that is a read in
    full, else where to read the post and get its code (session 51, A6)."""
    post_id = detail["id"]
    reject = f"to reject: `/socialbot reject {post_id} REASON`"
    if detail.get("not_shown"):  # no code anywhere: nothing shown can be approved
        return own(f"No approval can count while revision {detail['revision']} is not shown "
                   f"(`socialbot audit verify`) · {reject}")
    if code:
        return own(f"To approve: `/socialbot approve {post_id} "
                   f"{short_hash(detail['revision'], detail['revision_hash'])}` · {reject}")
    return own(f"To approve: read the post in full with `socialbot post show {post_id}`, which "
               f"prints its code, then `/socialbot approve {post_id} CODE` · {reject}")


def text_label(detail: dict[str, Any]) -> str:
    """The label above the post's text: "as it will be published" only when nothing of it
    was taken out for chat (session 51, N5: the label stood above a text the guard cut)."""
    if detail.get("not_shown"):  # no text below, only why (posts.post_detail)
        return ""
    return own(CUT_LABEL if detail.get("redacted") else PUBLISHED_LABEL)


def answered_text(detail: dict[str, Any], style: Style) -> str:
    """For a reply: the comment it answers, as a comment card shows it (the text as
    ``guard.post_for_chat`` left it), so approvers judge the reply by what it answers."""
    comment = detail.get("reply_to")
    if not comment:
        return ""
    if comment.get("purged"):
        return ("In reply to " + style.bold(f"comment {comment['id']}") + f" on "
                f"{comment['platform']} (post {comment['post_id']}) · {comment['state']}: "
                "its text and author's name were purged")
    return "In reply to:\n" + comment_summary(comment, style)


def post_summary(detail: dict[str, Any], required: int, style: Style) -> str:
    """Everything an approver needs to decide (``summary``), as one text."""
    return summary(detail, required, style)[0]


def summary(detail: dict[str, Any], required: int, style: Style,
            room: int = MATTERMOST_POST_CHARS) -> tuple[str, Quoted]:
    """Everything an approver needs to decide: the text as published, where, when, findings,
    and for a reply the comment it answers; and the post's text as quoted in it (``complete``:
    the whole text is in it). A text that does not fit ``room`` (a Mattermost post) shows its
    beginning and says so.

    The card is no ``unit``: the guard screens it whole, so the post's text is read with
    everything that gives it its context (alt texts, dismissal notes, the status reason,
    the answered comment). Screened apart, "Welcome back, <name>!" lost the health context
    its image's alt text gave it and the name went to chat (an outside review, session 48).
    Only separate posts or comments in a list are units (``pending_text``)."""
    full = short_of(detail) is None

    def lines(code: bool) -> tuple[list[str], list[str]]:
        head = [
            post_header(detail, style, code),
            f"Author: {own(style.escape(detail['author']))}",
            platforms_line(detail),
            answered_text(detail, style),
            approvals_text(detail, required),
            findings_text(detail["findings"], style),
            *review_lines(detail, style.escape, own),
            redaction_note(detail.get("redacted") or {},
                           f"socialbot post show {detail['id']}"),
            # the text below is shown without its hidden characters: say so (session 50)
            own(f"Hidden characters: {detail['hidden']}") if detail.get("hidden") else "",
            text_label(detail),
        ]
        tail = [vote_line(detail, code)] if detail["status"] == "pending_approval" else []
        if detail.get("status_reason"):
            tail.append(f"Reason: {style.escape(detail['status_reason'])}")
        return [line for line in head if line], tail

    # room is counted with the code: a card that turns out too long only loses it
    (head, tail), note = lines(full), too_long_note(detail["id"])
    left = room - sum(len(line) + 1 for line in (*head, *tail, note))
    text = quoted(detail["text"], style, max(0, left), max(0, left), 1)
    if full and not text.complete:
        head, tail = lines(False)
    body = text.parts if text.complete else [*text.parts, note]
    return "\n".join([*head, *body, *tail]), text


def pending_text(rows: Sequence[dict[str, Any]], required: int, style: Style) -> str:
    if not rows:
        return "No posts are waiting for approval."
    lines = [style.bold(f"{len(rows)} post(s) waiting for approval")]
    for row in rows:
        preview = " ".join(row["text"].split())
        preview = preview if len(preview) <= 80 else preview[:79] + "…"
        # one post's words are screened on their own (ownwords.unit): a finding in another
        # post's text never redacts this one's (session 48). The head is socialbot's
        # (ownwords.SHAPES) and the author marked as the card marks it, a policy name
        # passing: read together, the screen took a short post's whole line for an
        # identifier, and the author's name beside a post's words for a patient with care
        # (the newcomer walk-through, session 52: "by [patient name]: ... [date] for flu
        # shots", and "[identifier]" in place of "See you Saturday!")
        holding = row.get("approvals_holding", row["approvals"])
        head = own(f"• #{row['id']} rev {row['revision']} · {', '.join(row['platforms'])} · "
                   f"{holding}/{required} approvals"
                   f"{_again(row, row.get('approvals_holding', 0), required)} · by")
        lines.append(f"{head} {own(style.escape(row['author']))}: "
                     f"{unit(style.escape(preview))}")
    lines.append("Use `/socialbot show ID` to read one in full.")
    return "\n".join(lines)


def comments_text(rows: Sequence[dict[str, Any]], style: Style) -> str:
    if not rows:
        return "No flagged comments are waiting for review."
    lines = [style.bold(f"{len(rows)} flagged comment(s)")]
    for row in rows:
        flags = ", ".join(f["flag"] for f in row["flags"]) or "-"
        text = " ".join(row["text"].split())
        text = text if len(text) <= 100 else text[:99] + "…"
        if row.get("withheld"):
            text = "(text withheld from chat: it is about someone's health)"
        error = f" · last error: {style.escape(row['last_error'])}" if row["last_error"] else ""
        # the space outside the mark: Slack shows "*URGENT *" as typed, stars and all
        urgent = style.bold("URGENT") + " " if _in_crisis(row) else ""
        # the head is socialbot's own (ownwords.SHAPES): a finding in the commenter's words
        # redacts those, never the id and flags the approver resolves it by (session 51)
        head = own(f"• {urgent}#{row['id']} {row['platform']} on post {row['post_id']} "
                   f"[{flags}]")
        lines.append(unit(f"{head} {style.escape(row['author'])}: {style.escape(text)}"
                          f"{error}"))
    if any(row.get("redacted") or row.get("withheld") for row in rows):
        lines.append("Identifiers are redacted here; the full text stays on the practice's "
                     "computer: `socialbot comments list --flagged`.")
    if any(_in_crisis(row) for row in rows):
        lines.append(own(CRISIS_NOTE))
    lines.append("Use `/socialbot resolve CID keep|hide|delete`.")
    return "\n".join(lines)


def _in_crisis(comment: dict[str, Any]) -> bool:
    """Flagged `crisis`: a person must reach the commenter today (CRISIS_NOTE)."""
    return any(f.get("flag") == "crisis" for f in comment.get("flags") or [])


# --- Block Kit (Slack) -------------------------------------------------------------------


def _section(text: str) -> dict[str, Any]:
    """One section. Callers keep ``text`` within SECTION_CHARS (``quoted``, ``_packed``); the
    cut is the last resort for socialbot's own lines, never for a post's text."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_CHARS]}}


def _packed(lines: Sequence[str], limit: int = 3000) -> list[str]:
    """Lines joined into texts of at most ``limit`` characters, a line never split."""
    texts: list[str] = []
    for line in lines:
        if texts and len(texts[-1]) + 1 + len(line) <= limit:
            texts[-1] += "\n" + line
        else:
            texts.append(line)
    return texts


def _button(text: str, action_id: str, value: dict[str, Any], style: str | None = None
            ) -> dict[str, Any]:
    button: dict[str, Any] = {"type": "button", "action_id": action_id,
                              "text": {"type": "plain_text", "text": text},
                              "value": json.dumps(value, separators=(",", ":"))}
    if style:
        button["style"] = style
    return button


def post_card(detail: dict[str, Any], required: int, note: str | None = None
              ) -> list[dict[str, Any]]:
    """A post as Slack blocks; Approve/Reject buttons (bound to this revision) while pending."""
    return card(detail, required, note)[0]


def card(detail: dict[str, Any], required: int, note: str | None = None
         ) -> tuple[list[dict[str, Any]], Quoted]:
    """``post_card``'s blocks, and the post's text as quoted on them (``complete``: the whole
    text is on them). The text goes over as
    many sections as it needs (a section holds 3,000 characters once quoted and escaped),
    within the message's 50 blocks and ``SLACK_TEXT_CHARS``; a text that does not fit shows
    its beginning and says so on the card (session 49: a section cut at 3,000 characters
    with no marker hid a post's last sentence from both approvers)."""
    def header(code: bool) -> dict[str, Any]:
        return _section("\n".join(line for line in [
            post_header(detail, SLACK, code),
            f"Author: {own(slack_escape(detail['author']))}",
            platforms_line(detail),
            approvals_text(detail, required),
        ] if line))

    before: list[dict[str, Any]] = []
    if note:
        before.append(_section(note))
    at = len(before)  # the header's block: its code is shown only on a read in full (A6)
    before += [
        header(True),
        *([_section(answered)] if (answered := answered_text(detail, SLACK)) else []),
    ]
    after: list[dict[str, Any]] = [
        {"type": "context", "elements": [
            {"type": "mrkdwn", "text": "\n".join(line for line in [
                findings_text(detail["findings"], SLACK),
                redaction_note(detail.get("redacted") or {},
                               f"socialbot post show {detail['id']}"),
            ] if line)[:SECTION_CHARS]}]},
    ]
    # media, alt texts and the author's dismissals: up to 20 alt texts of 1,000 characters
    # would not fit one section (3,000), and a cut section hides what approvers vote on
    after += [_section(text) for text in _packed(review_lines(detail, slack_escape, own))]
    pending = detail["status"] == "pending_approval"
    # one block for the too-long note; one for the no-Approve-button note and one for the
    # buttons while pending (the reason box is the fourth)
    room = MESSAGE_BLOCKS - len(before) - len(after) - 1 - (3 if pending else 0)
    text = quoted(detail["text"], SLACK, SECTION_CHARS, SLACK_TEXT_CHARS, max(0, room))
    middle = [_section(part) for part in text.parts]
    if not text.complete:
        middle.append(_section(too_long_note(detail["id"])))
    in_full = text.complete and short_of(detail) is None
    if not in_full:
        before[at] = header(False)
    if pending and not detail.get("not_shown"):
        after += _buttons(detail, in_full=in_full)
    elif pending:  # no button: the card's hash is of words nobody may be shown
        after.append(_section(vote_line(detail, False)))
    return [*before, *middle, *after], text


def short_of(detail: dict[str, Any]) -> str | None:
    """What keeps a card from being a read in full whatever room it has, or None: parts
    redacted for chat ("redacted"), a dismissal's note kept out ("note"), images chat does
    not carry ("media"; session 50, finding 3). A text too long is the caller's to count."""
    if detail.get("not_shown"):  # the stored words do not hash to what a vote names
        return "not_shown"
    if detail.get("redacted"):  # by the renderer, or by the chat guard (commands._released)
        return "redacted"
    if notes_kept(detail):
        return "note"
    return "media" if detail.get("media") else None


def notes_kept(detail: dict[str, Any]) -> bool:
    """Is a dismissal's note kept out of chat on this card (``guard.post_for_chat``)? Then
    the card is no read in full: approvers judge the note too (session 49, finding E)."""
    return any((f.get("dismissal") or {}).get("note_kept") for f in detail.get("findings") or [])


def _buttons(detail: dict[str, Any], in_full: bool) -> list[dict[str, Any]]:
    """The reason box and the buttons of a pending post's card, bound to this revision. A
    card that is not a read in full has Reject only, and says how to approve (session 49,
    finding C: its Approve button still approved; the click is refused too, for cards
    drawn before: ``actions._post_button``)."""
    value = {"post": detail["id"], "hash": detail["revision_hash"]}
    buttons = [_button("Reject", REJECT, value, "danger")]
    if in_full:
        buttons.insert(0, _button("Approve", APPROVE, value, "primary"))
    return [
        *([] if in_full else [_section(no_approve_button_note(detail["id"]))]),
        {"type": "input", "block_id": REASON_BLOCK, "optional": True,
         "label": {"type": "plain_text", "text": "Reason (needed to reject)"},
         "element": {"type": "plain_text_input", "action_id": REASON_INPUT,
                     "max_length": 500}},
        {"type": "actions", "block_id": "socialbot.post", "elements": buttons},
    ]


def comment_summary(comment: dict[str, Any], style: Style) -> str:
    """A comment as chat shows it: flag names and scores (a flag's reason can quote the
    comment, so it stays local); the text as ``guard.comment_for_chat`` left it."""
    flags = ", ".join(f"{f['flag']} ({float(f.get('score') or 0):.2f})"
                      for f in comment["flags"]) or "none"
    if comment.get("withheld"):
        body = ("(text withheld from chat: it is about someone's health; read it with "
                f"`socialbot comments list --flagged`, comment {comment['id']})")
    else:
        body = style.quote(comment["text"])
    lines = [
        style.bold(own(CRISIS_NOTE)) if _in_crisis(comment) else "",
        style.bold(f"Comment {comment['id']}") + f" on {comment['platform']} "
        f"(post {comment['post_id']}) · {comment['state']}",
        f"From: {style.escape(comment['author'])} · Flags: {flags}",
        body,
        redaction_note(comment.get("redacted") or {}, "socialbot comments list --flagged"),
    ]
    return "\n".join(line for line in lines if line)


def _platform_hides(platform: object) -> bool:
    """No Hide button where the platform cannot hide (LinkedIn): the click could only fail."""
    from adapters import PLATFORMS, can_hide

    return platform not in PLATFORMS or can_hide(str(platform))


def _platform_deletes(platform: object) -> bool:
    """No Delete button where the platform deletes only the account's own posts (X)."""
    from adapters import PLATFORMS, can_delete_others

    return platform not in PLATFORMS or can_delete_others(str(platform))


def comment_card(comment: dict[str, Any], note: str | None = None) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if note:
        blocks.append(_section(note))
    blocks.append(_section(comment_summary(comment, SLACK)))
    if comment["state"] in ("flagged", "new", "hidden", "hide_pending"):
        value = {"comment": comment["id"]}
        if comment.get("mark"):  # binds a click to the words and decision shown (comments.py)
            value["seen"] = comment["mark"]
        hide = [_button("Hide", COMMENT_ACTION + "hide", value)] \
            if _platform_hides(comment.get("platform")) else []
        delete = [_button("Delete", COMMENT_ACTION + "delete", value, "danger")] \
            if _platform_deletes(comment.get("platform")) else []
        blocks.append({"type": "actions", "block_id": "socialbot.comment", "elements": [
            _button("Keep", COMMENT_ACTION + "keep", value), *hide, *delete]})
    return blocks
