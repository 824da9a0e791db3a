"""socialbot's own words in a chat message, told apart from text a person wrote.

The chat guard screens every text it sends, and the screen reads an approver's name as a
patient's and a revision code as a phone number (security review, finding 10). A renderer
wraps the words it writes itself (`own`): approver and staff names from the policy, "the
daemon", a revision code, a command to copy, an authorization's validity date. The guard
(`unmark`) removes the marks and leaves a finding alone only when it lies wholly inside a
marked span whose text has one of those shapes (a name must be one the policy lists). The
marks carry a per-process random nonce and never leave the process, so text a person typed
cannot mark itself; a person's text is screened and redacted as before.

Each mark has a kind (``Mark``) and the guard accepts on it only that kind's shapes: a
refusal's shape only on the span ``own_refusal`` marks (``commands.refused``), the card
header's only on the span ``own_header`` makes from the post's state (``domain.Status``),
and on every other own-words span (``own``: a name, the author's or an approver's) only
names, fixed lines and the narrow shapes in ``SHAPES``. Before (session 48) every marked
span was accepted with any shape, so a recorded name shaped like a refusal or a header
carried what its slots held past the guard.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection
from enum import Enum

from adapters import PLATFORMS
from policies.moderation.policy import ALL_FLAGS
from policies.phi.categories import REDACTIONS
from policies.phi.redact import FALLBACK
from social_bot.domain import Status
from social_bot.revision_code import CODE_PATTERN


class Mark(Enum):
    """What a marked span is, and so which shapes the guard accepts on it. Its value is
    the private-use character the mark carries after the nonce."""

    WORDS = "\ue004"    # ``own``: names, fixed lines, ``SHAPES``
    REFUSAL = "\ue005"  # ``own_refusal``: a refusal ``refused()`` makes (``REFUSALS``)
    HEADER = "\ue006"   # ``own_header``: a card's header (``HEADER``)


_NONCE = secrets.token_hex(8)
_CLOSE = f"\ue002{_NONCE}\ue003"
_KIND = {kind.value: kind for kind in Mark}
_KINDS = f"[{''.join(_KIND)}]"
_MARKED = re.compile(re.escape(f"\ue000{_NONCE}") + f"({_KINDS})\ue001(.*?)"
                     + re.escape(_CLOSE), re.S)
# What is left of a mark once the marks that match are gone (``_strays``): an opener or
# closer with the whole nonce (its partner was cut by a length cap), and one cut inside its
# nonce (the hex run after it a prefix of the nonce, nothing more). Any other private-use
# character is a person's, shown as U+FFFD with its neighbours kept (session 48: "\ue009cafe4827193"
# lost the run after it, which the post still publishes).
_WHOLE = re.compile(re.escape(f"\ue000{_NONCE}") + f"{_KINDS}\ue001|"
                    + "|".join(re.escape(f"{a}{_NONCE}{b}") for a, b in
                               (("\ue002", "\ue003"), ("\ue007", "\ue008"),
                                ("\ue009", "\ue00a"))))
_CUT = re.compile(rf"([\ue000\ue002\ue007\ue009])([0-9a-f]{{0,{len(_NONCE)}}})({_KINDS})?")
# the mark alphabet and the rest of the Basic Multilingual Plane's private-use area
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
REPLACEMENT = "\ufffd"
# A unit: a person's text the guard screens on its own, apart from the rest of the message
# (``unit``, session 48): one post's row, one post's text, one comment.
_UNIT_OPEN, _UNIT_CLOSE = f"\ue007{_NONCE}\ue008", f"\ue009{_NONCE}\ue00a"
_UNIT = re.compile(re.escape(_UNIT_OPEN) + "(.*?)" + re.escape(_UNIT_CLOSE), re.S)
# socialbot's own refusal to someone off the approver list, whole: the screen's learned
# second look reads "this attempt was recorded" as a patient's story, so the person was told
# "[identifier]" (an outside review, session 42)
NOT_APPROVER_REFUSAL = ("Refused: you are not on this practice's approver list, so socialbot "
                        "will not act on your commands (this attempt was recorded)")
# what a revision code looks like (revision_code.shown_code): every refusal of a typed code
# shows it (session 51, the newcomer's #12: a mistyped code got "codes are now ..." words
# that only made sense to someone who had typed an older form)
EXAMPLE_CODE = "r3-1a2b3c4d-5e6f7a8b-9c0d1e2f"
# the refusal of a revision code that is no hexadecimal code: read as a patient's story too
BAD_REVISION_CODE = ("Refused: CODE is the code `show` prints after the revision number, "
                     f"as {EXAMPLE_CODE}")
# what staff must do about a comment flagged `crisis` (session 46): the comment's own words
# stay out of chat (guard.HEALTH_FLAGS), so this line is what tells them it is urgent; the
# screen reads "suicide" and "988" as a person's health and a number, so it is fixed text
CRISIS_NOTE = ("URGENT, possible crisis (suicide or self-harm): reach out to the person "
               "today, privately, and give them the 988 Suicide & Crisis Lifeline (call or "
               "text 988, chat at 988lifeline.org; in Spanish press 2 or text AYUDA to 988). "
               "If someone is in immediate danger, call 911. This flag never hides the comment.")
# the label above the post's text on a card (session 48: a post's finding spilled into it)
PUBLISHED_LABEL = "Text as it will be published:"
# the label above a text with parts taken out for chat, by the renderer or the guard
# (session 51, N5: "as it will be published" stood above a text the guard had cut)
CUT_LABEL = ("Text shortened for chat (parts taken out; not the full text that will be "
             "published):")
# the list `/socialbot help` (and the answer to an unknown command) gives: socialbot's own
# words, no slot; the screen read the reject line ("reject, with a reason (no patient
# details: it is screened)") as an identifier, so the list lost it (newcomer, session 51)
HELP = """\
`/socialbot pending` — posts waiting for approval
`/socialbot show ID` — a post's text as it will be published, platforms, schedule, \
screen findings, approvals, revision
`/socialbot approve ID [CODE]` — approve what you were shown (run `show ID` first; \
CODE, the code `show` prints beside the revision number on a card that shows the post \
in full (else `socialbot post show ID`, run under your own login, gives it), as \
`r3-1a2b3c4d-5e6f7a8b-9c0d1e2f`, is \
checked too: it must be the current revision's; \
refused if the post changed since)
`/socialbot reject ID REASON` — reject, with a reason (no patient details: it is screened)
`/socialbot hold ID REASON` — stop an approved post before it is published
`/socialbot release ID` — release a held post (two approvers, not the author)
`/socialbot comments` — flagged comments waiting for review
`/socialbot resolve CID keep|hide|delete` — decide on a flagged comment; keeping one \
flagged phi needs a reason: `resolve CID keep WHY`, WHY being not_phi, own_disclosure \
or your own words (screened; recorded as your claim)
`/socialbot help` — this list"""
# exact lines, no slot: accepted on any mark (nothing can ride in them)
FIXED = frozenset({"the daemon", NOT_APPROVER_REFUSAL, BAD_REVISION_CODE, CRISIS_NOTE,
                   PUBLISHED_LABEL, CUT_LABEL, HELP})
# a code typed as before session 51 (24 digits, or 12 before session 50's second round) or
# mistyped (23 digits), without the revision number: refused, never matched (revision_code,
# A5); said as what a code is now, not as news ("codes now start ...", newcomer #12)
OLD_CODE_REFUSAL = ("a code starts with its revision number, as " + EXAMPLE_CODE + ": show "
                    "again with `/socialbot show {post_id}` and type the code it prints")
# a code no revision of the post has: a typo
NO_SUCH_CODE_REFUSAL = ("no revision of post {post_id} has the code you gave (a code looks "
                        "like " + EXAMPLE_CODE + "). The current one's code is in "
                        "`/socialbot show {post_id}`")
# counts of redaction kinds, as RedactionResult.summary writes them ("2 patient name, 1
# date"): the only slot a refusal's summary or the redaction note has
_REDACTED_KINDS = "|".join(re.escape(p.strip("[]")) for p in sorted(
    {*REDACTIONS.values(), FALLBACK, "[health detail]"}))
_SUMMARY = rf"\d{{1,4}} (?:{_REDACTED_KINDS})(?:, \d{{1,4}} (?:{_REDACTED_KINDS}))*"
# a revision's code as shown (revision_code.shown_code), or a hash's hex digits
_CODE = rf"(?:{CODE_PATTERN}|[0-9a-f]{{12,64}})"


# a comment flag's name, the daemon's own included (policies.moderation.policy.ALL_FLAGS)
_FLAG = f"(?:{'|'.join(ALL_FLAGS)})"
# a platform's registered name (adapters.PLATFORMS): a comment row's platform column is
# text a database writer could set, so no other word passes as part of the line's head
_PLATFORM = f"(?:{'|'.join(re.escape(name) for name in PLATFORMS)})"


def _slotted(template: str) -> str:
    """A fixed refusal with ``{post_id}`` slots, as a pattern taking a post number there."""
    return re.escape(template).replace(re.escape("{post_id}"), r"\d{1,9}")


# a post waiting for approval whose votes hold again (render._again, session 48)
AGAIN_NOTE = " · these votes hold again: an approver's approve puts it back for publishing"

SHAPES = (
    re.compile(_CODE),                                                   # revision code
    re.compile(rf"revision \d{{1,9}} \(`?{_CODE}`?\)"),                 # revision and code
    re.compile(rf"`?/socialbot [a-z]+ \d{{1,20}}(?: {_CODE}| [0-9a-f]{{6,64}})?`?"),  # to copy
    # validity: "through 2027-06-30", "until 2027-06-30 19:00 CDT" (or UTC-03:00)
    re.compile(r"(?:through |until )?\d{4}-\d{2}-\d{2}"
               r"(?: \d{2}:\d{2} (?:[A-Za-z]{2,6}|UTC[+-]\d{2}:\d{2}))?"),
    # where and when a post goes out (render.platforms_line): platform names and a time
    # (session 48: the time as timefmt.show_time writes it, "2026-12-01 09:30 PST")
    re.compile(r"Platforms: [a-z]{1,20}(?:, [a-z]{1,20}){0,9} · Schedule: (?:as soon as "
               r"approved|\d{4}-\d{2}-\d{2} \d{2}:\d{2} (?:[A-Za-z]{2,6}|UTC[+-]\d{2}:\d{2}))"),
    # how to vote, under a pending post's text (render.post_summary)
    re.compile(rf"To approve: `/socialbot approve \d{{1,9}} {_CODE}` · to reject: "
               r"`/socialbot reject \d{1,9} REASON`"),
    # ... and under a card that is no read in full, which shows no code (session 51, A6)
    re.compile(r"To approve: read the post in full with `socialbot post show \d{1,9}`, which "
               r"prints its code, then `/socialbot approve \d{1,9} CODE` · to reject: "
               r"`/socialbot reject \d{1,9} REASON`"),
    # the line above the author's dismissals on a card (review_card.review_lines)
    re.compile(r"Dismissed by the author \(\d{1,4}\), check before you vote:"),
    # the media line's head (review_card.media_line; the rest is screened as before): the
    # screen read "image" as a photo reference ("Media: 1 [photo reference](s)")
    re.compile(r"Media: \d{1,3} image\(s\):"),
    # what the renderer redacted before the guard (render.redaction_note): counts of kinds
    # only; the screen read the line as an identifier, so approvers were not told what was
    # redacted (an outside review, session 48)
    re.compile(rf"Redacted for chat: {_SUMMARY}\. The full text stays on the practice's "
               r"computer: `socialbot (?:post show \d{1,9}|comments list --flagged)`\."),
    # an approver's vote counted: the learned second look read it as a reply confirming care,
    # so the approver was never told (an outside review, session 42)
    re.compile(rf"Your approval of post \d{{1,9}}, revision \d{{1,9}} \({_CODE}\), is "
               r"recorded \(\d{1,3}/\d{1,3}\); \d{1,3} more approver\(s\) needed\."),
    # a card that is not a read in full says so (render.too_long_note,
    # render.no_approve_button_note), and a dismissal's note is pointed at, not shown
    # (dismissals.dismissal_line): the screen read the too-long note as an identifier, so
    # approvers clicking Approve never saw it (an outside re-review, session 49, finding C)
    re.compile(r"The text is too long for chat; only its beginning is shown above, so this "
               r"card is not a read in full\. Read it with `socialbot post show \d{1,9}` and "
               r"approve with the code: `/socialbot approve \d{1,9} CODE`\."),
    re.compile(r"This card is not a read in full, so it has no Approve button\. Read the "
               r"post with `socialbot post show \d{1,9}` and approve with the code: "
               r"`/socialbot approve \d{1,9} CODE`\."),
    re.compile(r"kept out of chat, read it with `socialbot post show \d{1,9}`"),
    # a card with images says chat cannot show them (review_card.images_note, session 50)
    re.compile(r"Chat cannot show the images, so this card is not a read in full\. Look at "
               r"them \(`socialbot post show \d{1,9}` gives each cleaned file\) and approve "
               r"with the code: `/socialbot approve \d{1,9} CODE`\."),
    # when an author dismissed a finding (dismissals.dismissal_line)
    re.compile(r"on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC"),
    # the head of a flagged comment's line in `/socialbot comments` (render.comments_text):
    # its id, platform, post and flag names, all socialbot's; the learned look read a whole
    # line as an identifier and the approver lost the id to resolve it with (newcomer,
    # session 51, #2). The commenter's name and words after it are screened as before.
    re.compile(rf"• (?:\*{{1,2}}URGENT\*{{1,2}} )?#\d{{1,15}} {_PLATFORM} on post \d{{1,9}} "
               rf"\[(?:-|{_FLAG}(?:, {_FLAG}){{0,{len(ALL_FLAGS) - 1}}})\]"),
    # the head of a post's line in `/socialbot pending` (render.pending_text): number,
    # revision, platforms and vote count; the learned look read a short post's whole line
    # as an identifier ("[identifier]" in place of the post), and the author's name beside
    # its words as a patient with care (newcomer, session 52). The author is marked on its
    # own (a policy name), the post's words are screened on their own, as before.
    re.compile(rf"• #\d{{1,9}} rev \d{{1,9}} · {_PLATFORM}(?:, {_PLATFORM}){{0,9}} · "
               rf"\d{{1,3}}/\d{{1,3}} approvals(?:{re.escape(AGAIN_NOTE)})? · by"),
    # the note before the new revision of a post that changed while an approver read it
    re.compile(r"Post \d{1,9} changed since you saw it; this is the new revision \d{1,9}:"),
)
# socialbot's refusals in chat that the screen misread (an outside review, session 47). A
# ``name`` must be one the policy lists; the last may be followed by typed text, redacted by
# the screen that refused it, which stays outside the mark and is screened as before.
# The refusal's summary is only counts of the redaction kinds ("2 patient name, 1 date", as
# RedactionResult.summary writes it): a wider slot would let an own-words span shaped like a
# refusal carry a name or a record number past the guard (session 47's second review).
REFUSALS = (
    # approved, or released (a hold: holds._eligibility words it so, session 48)
    re.compile(r"Refused: (?P<name>[^\n]{1,100}) has already (?:approved|released) this "
               r"revision\.?"),
    re.compile(r"Refused: post \d{1,9} changed since you saw it: it is now revision \d{1,9}; "
               r"review the new text before voting\.?"),
    # an approve without the code of a revision chat cannot show in full (session 49)
    re.compile(r"Refused: chat cannot show revision \d{1,9} of post \d{1,9} in full \("
               r"(?:parts of it are redacted for chat|its text is too long for chat|a "
               r"dismissal's note is kept out of chat|its images are not shown in chat)\), so "
               r"(?:a plain approve|the card's Approve button) cannot count\. Read it with "
               r"`socialbot post show \d{1,9}` on the practice's computer, then "
               r"`/socialbot approve \d{1,9} CODE`"),
    re.compile(r"Refused: the [a-z ]{1,40} looks like it names a patient or other identifier "
               rf"\({_SUMMARY}\), so it was not recorded\. Chat is not the place for "
               r"patient details; reword it without them, e\.g\.: "),
)
_TYPED_AFTER = REFUSALS[-1]
# the refusals of a coded approve of a revision chat cannot show in full, when the approver's
# own login never read it with `post show` (session 51's attack review, finding 4). The
# screen's learned look read the first as an identifier and the approver got "[identifier]"
# and nothing else (the newcomer walk-through, session 52). ``login`` must be an os_user the
# policy lists (``login_entry``), as ``name`` must be one of its names.
UNREAD_IN_CLI = ("chat cannot show post {post_id} in full, and revision {revision} was not "
                 "read under your login ({login}): run `socialbot post show {post_id}` as "
                 "yourself, then approve with the code it prints")
NO_LOGIN = ("chat cannot show post {post_id} in full, and the policy maps no OS login to "
            "you, so your reading it with `socialbot post show {post_id}` cannot be "
            "recorded: ask your administrator to add your login (os_user) to the approval "
            "policy")
REFUSALS += tuple(
    re.compile("Refused: " + re.escape(t).replace(re.escape("{post_id}"), r"\d{1,9}")
               .replace(re.escape("{revision}"), r"\d{1,9}")
               .replace(re.escape("({login})"), r"\((?P<login>[^\s()]{1,64})\)"))
    for t in (UNREAD_IN_CLI, NO_LOGIN))
# the refusal of a reason typed in chat that tells a person's health (session 56, T1): fixed
# words, with no part of the typed text (even redacted, it would be a person's care)
CARE_REFUSAL = ("the {what} looks like it tells a person's health (a name, or he or she, "
                "beside a health term), so it was not recorded. Chat is not the place for "
                "patient details; write it without them: no name and no health detail")
REFUSALS += (re.compile("Refused: " + re.escape(CARE_REFUSAL).replace(
    re.escape("{what}"), "[a-z ]{1,40}")),)
# the refusals of a typed code (session 50, second attack review, N3: the screen's learned
# look read "the code you gave matches more than one revision of post 5" as a patient's
# care, and the approver was told "[identifier] Read the post again")
REFUSALS += tuple(re.compile("Refused: " + _slotted(t))
                  for t in (OLD_CODE_REFUSAL, NO_SUCH_CODE_REFUSAL))
# a card's header: post number, revision, code and status are all socialbot's; the learned
# look read the header of a scheduled post as an identifier (an outside review, session 47).
# Accepted only on ``own_header``'s mark, and the status only as one of the post's states.
_STATES = "|".join(re.escape(state.value) for state in Status)
# The code is left out on a card that is no read in full (session 51, A6).
HEADER = re.compile(rf"\*{{1,2}}Post \d{{1,9}}\*{{1,2}} · revision \d{{1,9}}"
                    rf"(?: \(`{_CODE}`\))? · (?:{_STATES})")


def _mark(text: str, kind: Mark) -> str:
    return f"\ue000{_NONCE}{kind.value}\ue001{text}{_CLOSE}" if text else text


def own(text: str) -> str:
    """``text`` marked as socialbot's own words (see the module docstring): accepted as a
    policy name, a fixed line or one of ``SHAPES``, never as a refusal or a header."""
    return _mark(text, Mark.WORDS)


def own_refusal(text: str) -> str:
    """A refusal with socialbot's own sentence marked, when it is a fixed refusal or one of
    ``REFUSALS``; typed text after it (and any other refusal) is left unmarked, to be
    screened."""
    if text in FIXED or any(pattern.fullmatch(text) for pattern in REFUSALS):
        return _mark(text, Mark.REFUSAL)
    head = _TYPED_AFTER.match(text)
    return _mark(head.group(), Mark.REFUSAL) + text[head.end():] if head else text


def own_header(head: str, status: Status) -> str:
    """A card's header (``render.post_header``): ``head`` (number, revision and code) and
    the post's state, which must be a ``Status``; the one mark ``HEADER`` is accepted on."""
    if not isinstance(status, Status):
        raise TypeError(f"a header's status is a Status, not {type(status).__name__}")
    return _mark(f"{head}{status.value}", Mark.HEADER)


def unit(text: str) -> str:
    """``text`` (a person's, with any own-words marks inside) to be screened on its own:
    a finding in one post or comment never reaches another's line or socialbot's labels.
    A unit only narrows what the screen reads at once; it accepts nothing."""
    return f"{_UNIT_OPEN}{text}{_UNIT_CLOSE}" if text else text


def units(text: str) -> list[str]:
    """``text`` cut into the pieces the guard screens one by one: each ``unit`` and each
    stretch between units (socialbot's labels), marks of own words still in them."""
    return [piece for piece, _ in flagged_units(text)]


def flagged_units(text: str) -> list[tuple[str, bool]]:
    """``units``, each with whether it is a ``unit`` (True) or a stretch outside one."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for match in _UNIT.finditer(text):
        pieces += [(text[pos:match.start()], False), (match.group(1), True)]
        pos = match.end()
    pieces.append((text[pos:], False))
    return [(piece, inside) for piece, inside in pieces if piece] or [(text, False)]


# An os_user of the policy as it stands among the policy's ``names`` (guard._policy_names):
# the private-use lead is one no text reaching ``_allowed`` keeps (``_strays``), so a login
# is accepted in a refusal's ``login`` slot only, never as a name.
_LOGIN = "\ue00blogin:"


def login_entry(login: str) -> str:
    """How the policy's os_user ``login`` is listed among the names ``unmark`` takes."""
    return _LOGIN + login


def _refusal(inner: str, names: Collection[str]) -> bool:
    for pattern in REFUSALS:
        match = pattern.fullmatch(inner)
        if not match:
            continue
        slots = match.groupdict()
        name, login = slots.get("name"), slots.get("login")
        if (name is None or name in names) and (login is None or login_entry(login) in names):
            return True
    return False


def _allowed(inner: str, kind: Mark, names: Collection[str]) -> bool:
    """May the guard leave ``inner``, marked as ``kind``, alone? Only that kind's shapes."""
    if inner in FIXED:
        return True
    if kind is Mark.REFUSAL:
        return _refusal(inner, names)
    if kind is Mark.HEADER:
        return HEADER.fullmatch(inner) is not None
    return inner in names or any(shape.fullmatch(inner) for shape in SHAPES)


def unmark(text: str, names: Collection[str]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` without marks, and the (start, end) spans in it of own words the guard may
    leave alone: only marked text of an allowed shape; ``names`` are the policy's names."""
    if not PRIVATE_USE.search(text):
        return text, []
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = pos = 0
    for match in _MARKED.finditer(text):
        before = _strays(text[pos:match.start()])
        inner = _strays(match.group(2))
        parts += [before, inner]
        length += len(before)
        if _allowed(inner, _KIND[match.group(1)], names):
            spans.append((length, length + len(inner)))
        length += len(inner)
        pos = match.end()
    parts.append(_strays(text[pos:]))
    joined = "".join(parts)
    return joined, _merged(joined, spans)


def _cut(match: re.Match[str]) -> str:
    lead, hexes, kind = match.groups()
    ours = _NONCE.startswith(hexes) and (not kind or (lead == "\ue000" and hexes == _NONCE))
    return "" if ours else PRIVATE_USE.sub(REPLACEMENT, match.group())


def _strays(text: str) -> str:
    """``text`` without what is left of marks (``_WHOLE``, ``_CUT``: a mark cut by a length
    cap) and with every other private-use character shown as U+FFFD: never read as a mark,
    never taking the characters next to it away. (The renderers already show a person's
    private-use characters as U+FFFD: ``neutral``.)"""
    return PRIVATE_USE.sub(REPLACEMENT, _CUT.sub(_cut, _WHOLE.sub("", text)))


def neutral(text: str) -> str:
    """A person's ``text`` with its private-use characters (the marks' alphabet) shown as
    U+FFFD: what a person wrote never carries a mark, and the approver still sees that a
    character is there and everything around it (the renderers' escaping calls this)."""
    return PRIVATE_USE.sub(REPLACEMENT, text)


def _merged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Own spans with only white space between them made one: the screen's learned look
    flags a whole line or sentence, which may run over two marks ("Refused: ... before
    voting. Post 3 changed since you saw it ..."); white space cannot carry an identifier."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and not text[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
