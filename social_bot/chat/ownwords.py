"""socialbot's own words in a chat message, told apart from text a person wrote.

The chat guard screens every text it sends, and the screen reads an approver's name as a
patient's and a revision code as a phone number (security review, finding 10). A renderer
wraps the words it writes itself (`own`): approver and staff names from the policy, "the
daemon", a revision code, a command to copy, an authorization's validity date. The guard
(`unmark`) removes the marks and leaves a finding alone only when it lies wholly inside a
marked span whose text has one of those shapes (a name must be one the policy lists). The
marks carry a per-process random nonce and never leave the process, so text a person typed
cannot mark itself; a person's text is screened and redacted as before.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection

from policies.phi.categories import REDACTIONS
from policies.phi.redact import FALLBACK

_NONCE = secrets.token_hex(8)
_OPEN, _CLOSE = f"\ue000{_NONCE}\ue001", f"\ue002{_NONCE}\ue003"
_MARKED = re.compile(re.escape(_OPEN) + "(.*?)" + re.escape(_CLOSE), re.S)
_STRAY = re.compile(r"\ue000[0-9a-f]*\ue001?|\ue002[0-9a-f]*\ue003?")  # cut by a length cap
# socialbot's own refusal to someone off the approver list, whole: the screen's learned
# second look reads "this attempt was recorded" as a patient's story, so the person was told
# "[identifier]" (an outside review, session 42)
NOT_APPROVER_REFUSAL = ("Refused: you are not on this practice's approver list, so socialbot "
                        "will not act on your commands (this attempt was recorded)")
# the refusal of a revision code that is no hexadecimal code: read as a patient's story too
BAD_REVISION_CODE = ("Refused: REVISION is the hexadecimal code `show` prints after the "
                     "revision number")
# what staff must do about a comment flagged `crisis` (session 46): the comment's own words
# stay out of chat (guard.HEALTH_FLAGS), so this line is what tells them it is urgent; the
# screen reads "suicide" and "988" as a person's health and a number, so it is fixed text
CRISIS_NOTE = ("URGENT, possible crisis (suicide or self-harm): reach out to the person "
               "today, privately, and give them the 988 Suicide & Crisis Lifeline (call or "
               "text 988, chat at 988lifeline.org; in Spanish press 2 or text AYUDA to 988). "
               "If someone is in immediate danger, call 911. This flag never hides the comment.")
FIXED = frozenset({"the daemon", NOT_APPROVER_REFUSAL, BAD_REVISION_CODE, CRISIS_NOTE})
SHAPES = (
    re.compile(r"[0-9a-f]{12,64}"),                                       # revision code
    re.compile(r"revision \d{1,9} \(`?[0-9a-f]{12,64}`?\)"),              # revision and code
    re.compile(r"`?/socialbot [a-z]+ \d{1,20}(?: [0-9a-f]{6,64})?`?"),   # command to copy
    # validity: "through 2027-06-30", "until 2027-06-30 19:00 CDT" (or UTC-03:00)
    re.compile(r"(?:through |until )?\d{4}-\d{2}-\d{2}"
               r"(?: \d{2}:\d{2} (?:[A-Za-z]{2,6}|UTC[+-]\d{2}:\d{2}))?"),
    # where and when a post goes out (render.platforms_line): platform names and a time
    re.compile(r"Platforms: [a-z]{1,20}(?:, [a-z]{1,20}){0,9} · Schedule: (?:as soon as "
               r"approved|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
               r"(?:Z|[+-]\d{2}:?\d{2})?(?: UTC)?)"),
    # an approver's vote counted: the learned second look read it as a reply confirming care,
    # so the approver was never told (an outside review, session 42)
    re.compile(r"Your approval of post \d{1,9}, revision \d{1,9} \([0-9a-f]{12}\), is "
               r"recorded \(\d{1,3}/\d{1,3}\); \d{1,3} more approver\(s\) needed\."),
    # a card's header: post number, revision, code and status are all socialbot's; the learned
    # look read the header of a scheduled post as an identifier (an outside review, session 47)
    re.compile(r"\*{1,2}Post \d{1,9}\*{1,2} · revision \d{1,9} \(`[0-9a-f]{12,64}`\) · "
               r"[a-z_]{2,30}"),
    # the note before the new revision of a post that changed while an approver read it
    re.compile(r"Post \d{1,9} changed since you saw it; this is the new revision \d{1,9} "
               r"\(`[0-9a-f]{12,64}`\):"),
)
# socialbot's refusals in chat that the screen misread (an outside review, session 47). A
# ``name`` must be one the policy lists; the last may be followed by typed text, redacted by
# the screen that refused it, which stays outside the mark and is screened as before.
# The refusal's summary is only counts of the redaction kinds ("2 patient name, 1 date", as
# RedactionResult.summary writes it): a wider slot would let an own-words span shaped like a
# refusal carry a name or a record number past the guard (session 47's second review).
_KINDS = "|".join(re.escape(p.strip("[]")) for p in sorted(
    {*REDACTIONS.values(), FALLBACK, "[health detail]"}))
_SUMMARY = rf"\d{{1,4}} (?:{_KINDS})(?:, \d{{1,4}} (?:{_KINDS}))*"
REFUSALS = (
    re.compile(r"Refused: (?P<name>[^\n]{1,100}) has already approved this revision\.?"),
    re.compile(r"Refused: post \d{1,9} changed since you saw it: it is now revision \d{1,9}; "
               r"review the new text before voting\.?"),
    re.compile(r"Refused: the [a-z ]{1,40} looks like it names a patient or other identifier "
               rf"\({_SUMMARY}\), so it was not recorded\. Chat is not the place for "
               r"patient details; reword it without them, e\.g\.: "),
)
_TYPED_AFTER = REFUSALS[-1]


def own(text: str) -> str:
    """``text`` marked as socialbot's own words (see the module docstring)."""
    return f"{_OPEN}{text}{_CLOSE}" if text else text


def own_refusal(text: str) -> str:
    """A refusal with socialbot's own sentence marked, when it is one of ``REFUSALS``;
    typed text after it (and any other refusal) is left unmarked, to be screened."""
    if any(pattern.fullmatch(text) for pattern in REFUSALS):
        return own(text)
    head = _TYPED_AFTER.match(text)
    return own(head.group()) + text[head.end():] if head else text


def _refusal(inner: str, names: Collection[str]) -> bool:
    for pattern in REFUSALS:
        match = pattern.fullmatch(inner)
        name = match.groupdict().get("name") if match else None
        if match and (name is None or name in names):
            return True
    return False


def _allowed(inner: str, names: Collection[str]) -> bool:
    return (inner in FIXED or inner in names or _refusal(inner, names)
            or any(shape.fullmatch(inner) for shape in SHAPES))


def unmark(text: str, names: Collection[str]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` without marks, and the (start, end) spans in it of own words the guard may
    leave alone: only marked text of an allowed shape; ``names`` are the policy's names."""
    if "\ue000" not in text and "\ue002" not in text:
        return text, []
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = pos = 0
    for match in _MARKED.finditer(text):
        before = _STRAY.sub("", text[pos:match.start()])
        inner = _STRAY.sub("", match.group(1))
        parts += [before, inner]
        length += len(before)
        if _allowed(inner, names):
            spans.append((length, length + len(inner)))
        length += len(inner)
        pos = match.end()
    parts.append(_STRAY.sub("", text[pos:]))
    joined = "".join(parts)
    return joined, _merged(joined, spans)


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
