"""Minimum necessary: what may leave the practice through chat (Slack, Mattermost).

Chat platforms are third parties; most practices have no business associate agreement
with them. So:

- ``release`` is the one way out. Every body sent to chat (the answer to a slash command,
  a reply to a ``response_url``, a webhook notification) is built by a renderer, then
  passed through ``release``, which screens every text in it and replaces what the PHI
  screen blocks with category placeholders (``[patient name]``, ``[date]``). The senders
  accept only the ``Cleared`` value it returns, so a new message kind cannot skip it.
  If the screen cannot run, nothing but a fixed line is sent (fail closed).
- The renderers redact first, with more context than ``release`` has: a post whose
  revision is blocked is shown with every finding redacted (``post_for_chat``), a
  flagged comment with every finding of the screen redacted and its flag reasons left
  out (``comment_for_chat``); the full text stays in the local CLI.
- Data carriers (tag characters, variation-selector runs, zero-width runs:
  ``policies/hidden.py``) are cut from every text before it is screened: the screen reads
  a text without them, so whatever they spell left unjudged (session 50).
- Text typed in chat that will be stored or echoed (a rejection or hold reason) is
  screened first (``screen_typed``), more strictly than a post: it is refused on any
  finding chat withholds, on any name the screen finds (a warning included), and on a
  health term beside he/she/his/her (session 56, T1). A reason goes to the channel and
  the audit trail, where nobody can act on a warning; what is recorded and sent is the
  text that passed, never more. A refusal shows it redacted, or only the categories when
  it tells a health detail.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policies.hidden import carrier, drop_break_hints, plain_layout, without_hidden
from policies.phi.answering import NAME_END, name_words, named_here
from policies.phi.categories import REDACTIONS
from policies.phi.redact import FALLBACK, OWN_HEALTH, Redacted, placeholder, redact
from social_bot.app import App
from social_bot.chat.ownwords import CARE_REFUSAL, flagged_units, login_entry, unmark
from social_bot.chat.render import mattermost_escape
from social_bot.domain import HEALTH_FLAGS
from social_bot.errors import Refused, UserError
from social_bot.review_card import unscreened_previews
from social_bot.revision_code import CODE_PATTERN

log = logging.getLogger(__name__)

# Keys whose string values are socialbot's own structure (ids, enums, button values made
# of ids and hashes), never text a person wrote.
STRUCTURAL = frozenset({"type", "action_id", "block_id", "response_type", "style", "value",
                        "emoji", "url"})
TEXT_LIMIT = 3000  # Slack refuses a block text over 3000 characters
WITHHELD = ("socialbot could not run the PHI screen on this message, so it was not sent "
            "to chat; read it with the socialbot CLI on the practice's computer.")
# When the policy file cannot be used (session 48): the screen needs its allow-lists, so
# nothing goes out, and chat says why in general; the log says what is wrong with the file.
POLICY_UNUSABLE = ("socialbot cannot use its policy file right now, so this message was not "
                   "sent to chat; the practice's administrator can see why in socialbot's log.")
# The daemon's one notice when its policy file becomes unusable (session 51, the newcomer's
# #13: it was said only in the JSON log). Fixed words, nothing of the file, so it is the one
# body that goes out while the screen cannot run; a person's text can only match it whole.
POLICY_REFUSED_BODY = {"text": ":warning: socialbot cannot use its policy file: votes, "
                               "screening and publishing wait until it is fixed (comments are "
                               "still judged and hidden under the last good policy); the "
                               "practice's administrator can see why in socialbot's log."}
COMMENTER = "[commenter name]"
# A comment longer than this is not screened for chat, and so not shown there: the daemon
# does not judge one either (monitor.ANALYSED_CHARS), a text over a million characters
# makes the screen fail (so `/socialbot comments` failed for everyone while one waited),
# and 200,000 characters held the daemon's threads for seconds at every listing.
CHAT_COMMENT_CHARS = 20_000


@dataclass(frozen=True)
class Cleared:
    """A chat body that went through ``release``. Senders take nothing else."""

    body: dict[str, Any]
    redacted: dict[str, int] = field(default_factory=dict)  # category -> spans replaced
    _seal: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._seal is not _SEAL:
            raise TypeError("a chat body must be made by guard.release()")


_SEAL = object()


def require_cleared(body: object) -> dict[str, Any]:
    """What a sender calls: the body, if (and only if) it went through ``release``."""
    if not isinstance(body, Cleared):
        raise TypeError("refusing to send a chat body that did not pass guard.release()")
    return body.body


def _leaves(node: Any, out: list[tuple[Any, Any]], parent_key: str | None = None) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                if key not in STRUCTURAL:
                    out.append((node, key))
            else:
                _leaves(value, out, key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                out.append((node, index))
            else:
                _leaves(value, out, parent_key)


# Numbers and addresses that reach a person directly. The screen only warns on one it
# reads as the practice's own (a toll-free line, "call our office at ..."), for a person
# to check; a misread one is a patient's, so chat gets it redacted too (an outside
# review, session 42, found a warn-level phone sent raw). Links, names and dates that the
# screen only warns on stay: without them an approver could not read the card.
REDACTED_WARNINGS = frozenset({"phone", "fax", "email", "ssn", "mrn", "health_plan", "account",
                               "license", "vehicle", "device", "ip", "other_id"})


def withheld_from_chat(finding: Any) -> bool:
    """A finding chat never shows: every blocking one, and a warning on a direct contact
    number or identifier (``REDACTED_WARNINGS``). Reads attributes or a stored dict."""
    def get(key: str) -> Any:
        return finding.get(key) if isinstance(finding, dict) else getattr(finding, key, None)

    severity = get("severity")
    return severity == "block" or (severity == "warn"
                                   and str(get("category")) in REDACTED_WARNINGS)


def _blocking(findings: Iterable[Any]) -> list[Any]:
    return [f for f in findings if withheld_from_chat(f)]


CACHE_SIZE = 4096


def _policy_names(app: App) -> frozenset[str]:
    """Approver and staff names from the policy: the only names `ownwords` may clear; and
    their os_user logins (``ownwords.login_entry``), taken only in a refusal's login slot."""
    try:
        policy = app.policy.require_approval()
    except Exception:  # noqa: BLE001 - no approval policy: no names are socialbot's own
        return frozenset()
    people = (*policy.approvers, *policy.staff)
    return frozenset([*(p.name for p in people if p.name),
                      *(login_entry(p.os_user) for p in people if p.os_user)])


def _screened(app: App, texts: list[str]) -> list[list[Any]]:
    """The screen's findings for each text. A message repeats texts (Slack's fallback text
    and its blocks, the same card for every approver, the buttons' labels), so each
    distinct text is screened once per policy version and the answers kept (LRU)."""
    from collections import OrderedDict

    cache: OrderedDict[tuple[Any, ...], list[Any]] | None = getattr(app, "_chat_guard_cache",
                                                                    None)
    if cache is None:
        cache = OrderedDict()
        app._chat_guard_cache = cache  # type: ignore[attr-defined]
    version = (app.policy_version, id(getattr(app, "_screener", None)))
    missing = list(dict.fromkeys(t for t in texts if (version, t) not in cache))
    if missing:
        for text, findings in zip(missing, app.screen(missing, "post"), strict=True):
            cache[(version, text)] = list(findings)
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
    results = []
    for text in texts:
        cache.move_to_end((version, text))
        results.append(cache[(version, text)])
    return results


# What the renderers' escaping adds to a person's text (render.slack_escape and
# render.mattermost_escape): the screen must read the words as typed, or it finds other
# spans on Mattermost than on Slack ("\\(555\\) 201-7788" lost its area code, a dismissed
# name no longer matched its dismissal: an outside review, session 42).
_ENTITIES = (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"))
_ESCAPABLE = frozenset("\\`*_~[]()#>|!{}<")


def as_typed(text: str) -> tuple[str, list[int]]:
    """``text`` with the chat escaping undone, and for each character of the result (and
    its end) the index in ``text`` it came from, so a finding maps back onto ``text``."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\u200b":  # the escaping's zero-width space (one typed reads the same)
            i += 1
            continue
        if ch == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            out.append(text[i + 1])
            where.append(i)  # a redaction from here takes the backslash with it
            i += 2
            continue
        if ch == "&":
            entity = next((e for e in _ENTITIES if text.startswith(e[0], i)), None)
            if entity:
                out.append(entity[1])
                where.append(i)
                i += len(entity[0])
                continue
        out.append(ch)
        where.append(i)
        i += 1
    where.append(n)
    return "".join(out), where


@dataclass(frozen=True)
class _Mapped:
    """A finding on the text as typed, placed back onto the text as sent."""

    category: str
    start: int
    end: int


def _mapped(findings: Iterable[Any], where: list[int]) -> list[_Mapped]:
    # where[end] starts the next character's source, so an escape or entity ending the
    # span (and a dropped zero-width space after it) goes with the redaction
    return [_Mapped(str(f.category), where[f.start], where[f.end])
            for f in _blocking(findings) if f.end > f.start]


def _pieces(raw: str, names: frozenset[str]) -> tuple[str, list[tuple[int, int]],
                                                     list[tuple[int, int, bool]]]:
    """``raw`` without marks, its own-words spans, and the (start, end, is a unit) of each
    piece: a ``ownwords.unit`` (one post's or comment's text in a list) is screened on its
    own; the rest of the message is screened together (``release``)."""
    text, ours, ranges = "", [], []
    for piece, inside in flagged_units(raw):
        plain, spans = unmark(piece, names)
        ours += [(len(text) + a, len(text) + b) for a, b in spans]
        ranges.append((len(text), len(text) + len(plain), inside))
        text += plain
    return text, ours, ranges


# Between the parts of a message screened together: a line of its own, so the screen's
# whole-line look never reads two blocks as one line.
JOINT = "\n\n"


def _together(typed: list[tuple[int, int, str, list[int]]]) -> tuple[str, list[int]]:
    """The typed views of ``typed`` as one text, and where each starts in it."""
    starts, at = [], 0
    for _, _, view, _ in typed:
        starts.append(at)
        at += len(view) + len(JOINT)
    return JOINT.join(view for _, _, view, _ in typed), starts


def _split(findings: Iterable[Any], typed: list[tuple[int, int, str, list[int]]], starts: list[int]
           ) -> list[list[_Mapped]]:
    """Findings on the joined text, cut to each part and placed back onto it as sent."""
    out: list[list[_Mapped]] = [[] for _ in typed]
    for f in _blocking(findings):
        for k, ((_, _, view, where), start) in enumerate(zip(typed, starts, strict=True)):
            a, b = max(f.start, start) - start, min(f.end, start + len(view)) - start
            if b > a:
                out[k].append(_Mapped(str(f.category), where[a], where[b]))
    return out


def _outside(finding: _Mapped, ours: list[tuple[int, int]], text: str) -> list[_Mapped]:
    """The parts of ``finding`` outside own-words spans (white space trimmed): a finding that
    runs from a person's words into socialbot's label redacts the words, not the label."""
    parts, start = [], finding.start
    for a, b in sorted(ours):
        if b <= start or a >= finding.end:
            continue
        parts.append((start, max(start, a)))
        start = max(start, b)
    parts.append((start, finding.end))
    out = []
    for a, b in parts:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(_Mapped(finding.category, a, b))
    return out


# How each door's renderer escapes a placeholder it quotes (render.mattermost_escape):
# one the guard adds is escaped the same way, so a card reads alike on both doors.
DRESS: dict[str, Any] = {"slack": None, "mattermost": mattermost_escape}


def _with_placeholder(finding: _Mapped, text: str) -> _Mapped:
    """``finding`` stretched over a placeholder of its own category that it touches or
    that only white space parts it from (as sent: escaped or not). A renderer redacted the
    name already; the screen, reading the card again, finds the words beside it ("our
    patient [patient name], 54, recovering") and one name became two placeholders (the
    newcomer walk-through, session 50, finding 10)."""
    mark = placeholder(finding.category)
    hits = [(m.start(), m.end()) for form in {mark, mattermost_escape(mark)}
            for m in re.finditer(re.escape(form), text)]
    start, end, grown = finding.start, finding.end, True
    while grown:
        grown = False
        for a, b in hits:
            gap = text[end:a] if a >= end else text[b:start] if b <= start else ""
            if not gap.strip(" \t") and (a < start or b > end):
                start, end, grown = min(start, a), max(end, b), True
    return _Mapped(finding.category, start, end)


_CODE = re.compile(CODE_PATTERN)


def _as_read(text: str, ours: list[tuple[int, int]]) -> str:
    """``text`` as the screen reads it: in socialbot's own words, a revision code's hex
    digits as "x" (same length, so every span still points at the text as sent). The card's
    code is random hex ("r1-c6a53877-f17fd374-3fc1ea36"), and with one in two codes the learned
    look read the card as an identifier and redacted every line a person wrote: a clean post
    was refused a plain approve ("10 other_id", an attack review, session 52, A1). A code a
    person typed is read as typed."""
    out = None
    for m in _CODE.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in ours):
            out = out if out is not None else list(text)
            cut = text.index("-", m.start())
            out[cut:m.end()] = ["-" if ch == "-" else "x" for ch in text[cut:m.end()]]
    return text if out is None else "".join(out)


# A redacted text shorter than this is not hunted in the message's other parts: "Al" or "5"
# would take letters out of every word around them (as HIDDEN_WORD_CHARS).
EVERYWHERE_CHARS = 3


def _everywhere(placed: list[list[_Mapped]],
                leaves: list[tuple[str, list[tuple[int, int]], list[tuple[int, int, bool]]]],
                parts: list[tuple[int, int, str, list[int]]]) -> list[list[_Mapped]]:
    """One redaction decision for the parts of a message screened together (``placed``:
    each part's findings, on the part as sent): words redacted in one part are redacted in
    every part that holds them, as whole words read as typed. The screen reads those parts
    with the context each gives the others, so a sentence was redacted in Slack's fallback
    text and went as typed in the block that Slack displays (an attack review, session 52,
    W4). Units (one post's row, one comment) are screened on their own and stay apart."""
    hidden: dict[str, str] = {}
    for (leaf, at, _, _), mapped in zip(parts, placed, strict=True):
        text = leaves[leaf][0]
        for f in mapped:
            words = as_typed(text[at + f.start:at + f.end])[0].strip()
            if len(words) >= EVERYWHERE_CHARS:
                hidden.setdefault(words, f.category)
    out = [list(mapped) for mapped in placed]
    for (_, _, view, where), mapped in zip(parts, out, strict=True):
        for words, category in hidden.items():
            for m in re.finditer(re.escape(words), view):
                a, b = m.span()
                if (a > 0 and view[a - 1].isalnum() and words[0].isalnum()) or (
                        b < len(view) and view[b].isalnum() and words[-1].isalnum()):
                    continue  # inside a longer word
                if not any(f.start <= where[a] and where[b] <= f.end for f in mapped):
                    mapped.append(_Mapped(category, where[a], where[b]))
    return out


def release(app: App, body: dict[str, Any], flavour: str = "slack") -> Cleared:
    """``body`` with whatever the PHI screen blocks redacted, ready to send to chat through
    ``flavour``'s door ("slack" or "mattermost": how a placeholder is escaped).

    Nothing a person dismissed passes unscreened: a dismissal clears a finding for
    publishing (two approvers judge it), never for chat (session 49, finding 7).
    """
    try:
        app.policy  # noqa: B018 - the screen reads it; refused, nothing can be screened
    except UserError as exc:
        if body == POLICY_REFUSED_BODY:  # socialbot's fixed notice of this very state
            return Cleared(dict(POLICY_REFUSED_BODY), _seal=_SEAL)
        log.error("chat message withheld: the policy file cannot be used: %s", exc)
        return Cleared({"response_type": "ephemeral", "text": POLICY_UNUSABLE}, _seal=_SEAL)
    body = copy.deepcopy(body)
    slots: list[tuple[Any, Any]] = []
    _leaves(body, slots)
    names = _policy_names(app)
    # data carriers (policies/hidden.py) never leave: the screen reads a text without them,
    # so a name spelled in tag characters went out in every copy of a card, each judged
    # clean (an outside review, session 50); cut first, what is screened is what is sent
    leaves = [_pieces(without_hidden(container[key], escaping_space), names)
              for container, key in slots]
    for (container, key), (text, _, _) in zip(slots, leaves, strict=True):
        container[key] = text  # the marks never leave (and never reach the screen)
    # each unit on its own: a finding in one post never redacts another's line; the rest
    # of the message (a card: its text, alt texts, notes, over every Slack block and the
    # fallback text) together, so a block is read with the context the others give it
    # (white space alone, between two units, holds nothing to find)
    typed = [(leaf, a, *as_typed(_as_read(text, ours)[a:b]), inside)
             for leaf, (text, ours, ranges) in enumerate(leaves) for a, b, inside in ranges
             if text[a:b].strip() or len(ranges) == 1]
    alone = [t[:4] for t in typed if t[4]]
    rest = [t[:4] for t in typed if not t[4]]
    joined, starts = _together(rest)
    try:
        results = _screened(app, [view for _, _, view, _ in alone] + ([joined] if rest else []))
    except Exception as exc:  # noqa: BLE001 - whatever failed, nothing unscreened goes out
        log.error("chat message withheld: the PHI screen failed (%s)", type(exc).__name__)
        return Cleared({"response_type": "ephemeral", "text": WITHHELD}, _seal=_SEAL)
    placed = [_mapped(findings, where)
              for (_, _, _, where), findings in zip(alone, results, strict=False)]
    if rest:
        placed += _everywhere(_split(results[-1], rest, starts), leaves, rest)
    found: list[list[_Mapped]] = [[] for _ in leaves]
    for (leaf, at, _, _), mapped in zip(alone + rest, placed, strict=True):
        text, ours, _ = leaves[leaf]
        for f in mapped:
            found[leaf] += _outside(_Mapped(f.category, f.start + at, f.end + at), ours, text)
    counts: dict[str, int] = {}
    for (container, key), (text, _, _), blocking in zip(slots, leaves, found, strict=True):
        if not blocking:
            continue
        result = redact(text, [_with_placeholder(f, text) for f in blocking], DRESS[flavour])
        new = result.text
        if len(new) > TEXT_LIMIT and len(text) <= TEXT_LIMIT:
            new = new[:TEXT_LIMIT - 1] + "…"
        container[key] = new
        for category, n in result.counts.items():
            counts[category] = counts.get(category, 0) + n
    if counts:
        log.info("chat message redacted by the guard: %s",
                 ", ".join(f"{n} {c}" for c, n in sorted(counts.items())))
    return Cleared(body, counts, _seal=_SEAL)


def _texts(body: dict[str, Any]) -> list[str]:
    slots: list[tuple[Any, Any]] = []
    _leaves(body, slots)
    return [container[key] for container, key in slots]


def carries(body: dict[str, Any], sent: Cleared, parts: Sequence[str]) -> bool:
    """Does ``sent`` (``body`` as ``release`` let it out) still hold each of ``parts`` (a
    person's text as the renderer quoted it) as often as ``body`` did: nothing in it
    redacted or cut by the guard? A card is screened whole, with the context its text lacks
    alone (alt texts, notes), so the guard can find in the text what the post's own screen
    and ``post_for_chat`` did not (session 49); a fail-closed body holds none of them."""
    before, after = _texts(body), _texts(sent.body)
    return all(sum(t.count(p) for t in after) >= sum(t.count(p) for t in before)
               for p in parts if p)


def notice(text: str) -> Cleared:
    """A refusal made before a request is authenticated (bad signature, body too large).

    These are socialbot's own fixed sentences, never stored or typed text (web/verify.py
    keeps them so), and they are answered on the event loop without a worker thread: a
    flood of unsigned requests must not queue behind the PHI screen."""
    return Cleared({"response_type": "ephemeral", "text": text[:300]}, _seal=_SEAL)


def escaping_space(text: str, i: int) -> bool:
    """Is the lone zero-width space at ``i`` one chat's escaping put there
    (render.mattermost_escape: after "@" before a word, ":" before "//", the first "w" of
    "www.")? The guard cuts every other invisible character writing does not need."""
    return text[i] == "\u200b" and (
        text[i - 1:i] == "@" or (text[i - 1:i] == ":" and text.startswith("//", i + 1))
        or (text[i - 1:i].lower() == "w" and text[i + 1:i + 4].lower() == "ww."))


# --- typed in chat ----------------------------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """Words typed in chat as they are recorded, and the note to show when they changed."""

    text: str
    note: str | None = None


def screen_typed(app: App, text: str, what: str) -> Typed:
    """``text`` as it is recorded if the PHI screen lets it through; else Refused, showing
    it redacted. Line-break hints are removed and spaces, line ends and accents put in one
    form first, with a note, as a post's text is (inputs.kept_form; a soft hyphen was
    refused here and removed from posts: an outside review, session 50, A3). An invisible
    data carrier is refused: the screen reads through it, the audit trail and its exports
    kept it (an outside review's second round, session 50, F6)."""
    text, hints = drop_break_hints(text)
    layout = plain_layout(text)
    text = layout.text
    notes = [f"note: {hints} invisible line-break hint(s) (soft hyphen, zero-width space, "
             "word joiner) removed"] if hints else []
    notes += [n for n in (layout.note(f"the {what}"),) if n]
    found = carrier(text)
    if found is not None:
        raise Refused(f"the {what} holds U+{ord(found.char):04X} ({found.name}) at character "
                      f"{found.index + 1}, an invisible character that can carry text nobody "
                      "sees, so it was not recorded: type it again without it")
    from policies.phi.judge import tells_care

    findings = app.screen([text], "post")[0]
    refused = _refused_in_typed(app, text, findings)
    care = tells_care(text)
    if not refused and not (care and _points_at_person(app, text)):
        return Typed(text, "; ".join(notes) or None)
    if care:  # even redacted, the words would be a person's care: none of them is echoed
        raise Refused(CARE_REFUSAL.format(what=what))
    result = redact(text, refused)
    raise Refused(f"the {what} looks like it names a patient or other identifier "
                  f"({result.summary()}), so it was not recorded. Chat is not the place "
                  f"for patient details; reword it without them, e.g.: {result.text[:300]}")


# A person pointed at (he, she, his, her, ...): beside a health term, in a reason typed in
# chat, that is a person's health even where the screen finds no name ("Pereira asked us
# not to post about his surgery": a surname alone at the start; an outside attack,
# session 56, T1). A post's own text is judged by the post screen; a reason has no reader
# who could act on a warning, so what is only warned on in a post is refused here.
# The re-read of the fix (session 56) found "they ... their abortion", "su hijo tiene
# cáncer", "A.R. has cancer" and "Ruiz: HIV+" taken and posted to the channel: a singular
# they, a Spanish pronoun, initials, and a surname alone the screen does not find point at a
# person as well as "he" does.
_PERSON = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself|they|them|their|theirs"
                     r"|themselves|themself|él|ella|ellos|ellas|su|sus)\b", re.IGNORECASE)
_INITIALS = re.compile(r"\b[A-Z]\.\s?[A-Z]\b")  # "A.R.", "J. R."
_CAPITALISED = re.compile(r"\b[A-ZÀ-Þ][a-zß-ÿ'’-]{2,}\b")


def _points_at_person(app: App, text: str) -> bool:
    """Does ``text`` point at a person: a pronoun, initials, or a capitalised word the
    name lists hold (a surname or first name, not one that is also an everyday word) that
    is no approver's or staff member's name of the policy?"""
    if _PERSON.search(text) or _INITIALS.search(text):
        return True
    from policies.phi.vocabulary import first_names, name_key, surnames, wordlike_first_names

    ours = {w for n in _policy_names(app) for w in n.casefold().split()}
    names, everyday = surnames() | first_names(), wordlike_first_names()
    return any(key in names and key not in everyday and word.casefold() not in ours
               for word in _CAPITALISED.findall(text) if (key := name_key(word)))


def _refused_in_typed(app: App, text: str, findings: Iterable[Any]) -> list[Any]:
    """The findings that refuse a reason typed in chat: every one chat withholds (blocking,
    or a direct identifier it only warns on), and every name the screen finds, a warning
    included ("Ana Ruiz asked us not to post about her HIV" is ``name+public_disclosure``,
    a warning), unless it is an approver's or a staff member's name from the policy. A
    reason never needs a patient's name; it is posted to the channel and kept in the
    trail (session 56, T1)."""
    ours = {n.casefold() for n in _policy_names(app)}
    own_words = {w for n in ours for w in n.split()}

    def ours_named(f: Any) -> bool:
        words = " ".join(text[f.start:f.end].split()).casefold()
        return words in ours or (bool(words) and all(w in own_words for w in words.split()))

    return [f for f in findings if withheld_from_chat(f)
            or (str(getattr(f, "category", "")) == "name" and not ours_named(f))]


# --- posts and comments as chat may see them -------------------------------------------


def _dismissal_for_chat(finding: dict[str, Any], post_id: Any) -> Any:
    """The dismissal as chat may show it: the finding's kind, its reason (one of
    ``DismissReason``), who and when, and which authorization it cites (number, scopes,
    validity, whether it is in force), never the name on that authorization. Since session
    49 the name is replaced whether or not the caption names her and whether or not it is
    in force: the span it clears is shown redacted too (``post_for_chat``), and `post show`
    names her. Its note, free text the author typed, never goes to chat (``note_kept``
    says where to read it): a note repeating the name in another spelling ("M. Gonzalez",
    "Maria Gonzales") went to chat beside the redacted span (an outside re-review, session
    49, finding E); only the exact span was hidden."""
    dismissal = finding.get("dismissal")
    if not dismissal:
        return dismissal
    view = {**dismissal, "note": None,
            "note_kept": f"socialbot post show {post_id}" if dismissal.get("note") else None}
    consent = dismissal.get("consent")
    if not consent:
        return view
    return {**view, "consent": {**consent, "patient_name": "[patient name]",
                                "form_ref": None}}


def _placeholder(finding: dict[str, Any]) -> str:
    return str(finding.get("redaction") or f"[{finding.get('category')}]")


# Shorter dismissed texts are not hunted for outside their own span: "Al" or "5" would
# take letters out of every word around them.
HIDDEN_WORD_CHARS = 3


def _placeholders() -> str:
    """Every placeholder a card's text can already hold (redact's, the commenter's), longest
    first, as one alternation."""
    marks = {*REDACTIONS.values(), FALLBACK, placeholder(OWN_HEALTH), COMMENTER}
    return "|".join(map(re.escape, sorted(marks, key=len, reverse=True)))


def _sub_outside_placeholders(body: str, text: str,
                              replace: Callable[[re.Match[str]], str]) -> str:
    """``text`` with each match of ``body`` (any case) replaced, in one pass that steps over
    the placeholders already in it: a hidden word that is also a placeholder's word
    ("patient" in "[patient name]") was rewritten inside it, and the card showed "[[health
    detail] name]" (session 52's note). A placeholder stays whole, one placeholder."""
    pattern = re.compile(rf"(?P<placeholder>{_placeholders()})|(?:{body})", re.IGNORECASE)
    return pattern.sub(lambda m: m.group(0) if m.group("placeholder") else replace(m), text)


def _mark_of(marks: dict[str, Any], found: str) -> Any:
    """``marks``' entry for words matched in any case: re's IGNORECASE matches "YILDIZ" to
    "yıldız" and "Roſa" to "rosa", whose lower() is not the key (a KeyError ended the card)."""
    key = found.lower()
    if key not in marks:
        key = next(k for k in marks if re.fullmatch(re.escape(k), found, re.IGNORECASE))
    return marks[key]


def _hide_words(text: Any, dismissed: Sequence[dict[str, Any]]) -> Any:
    """``text`` with every other occurrence of a dismissed finding's words replaced (any
    case): a dismissal note or an alt text repeating the name the span hides."""
    if not isinstance(text, str):
        return text
    marks: dict[str, str] = {}
    for f in dismissed:
        words = str(f.get("text") or "").strip()
        if len(words) >= HIDDEN_WORD_CHARS:
            marks.setdefault(words.lower(), _placeholder(f))
    if not marks:
        return text
    body = "|".join(map(re.escape, sorted(marks, key=len, reverse=True)))
    return _sub_outside_placeholders(body, text, lambda m: _mark_of(marks, m.group(0)))


# What chat sees of a finding: never its text (a dismissed one shows its placeholder).
FINDING_KEYS = ("ref", "category", "severity", "source", "dismissal")


def _counted(total: dict[str, int], more: dict[str, int]) -> dict[str, int]:
    return {k: total.get(k, 0) + more.get(k, 0) for k in {*total, *more}}


def post_for_chat(detail: dict[str, Any], app: App | None = None) -> dict[str, Any]:
    """A post's detail as chat may show it.

    A revision the screen blocks (a finding of severity "block" that nobody dismissed)
    is shown with every finding redacted; finding texts and reasons never go to chat
    (the renderer shows categories and counts). A finding the author dismissed is shown
    redacted too, in the text and in its alt text (session 49, finding 7: one person's
    claim, "public figure", sent a name and a condition to a third party); the card still
    lists the dismissal, its reason, who and when, and says where its note is read.
    ``redacted`` says what was replaced, so such a card is not recorded as read in full:
    approvers read it with `socialbot post show` and approve with the code. A reply's
    comment (``reply_to``) is shown as a comment card shows it (``comment_for_chat``);
    without ``app`` to screen it, its text is withheld.
    """
    findings = detail.get("findings") or []
    view = dict(detail)
    answered = detail.get("reply_to")
    hidden: Hidden = []
    if answered and app is not None:
        view["reply_to"], hidden = _comment_views(app, [answered])[0]
    elif answered:
        view["reply_to"] = {**answered, "text": "", "author": COMMENTER, "withheld": True}
    dismissed = [f for f in findings if f.get("dismissal")]
    view["findings"] = [{**{k: f.get(k) for k in FINDING_KEYS},
                         "dismissal": _dismissal_for_chat(f, detail.get("id")),
                         **({"text": _placeholder(f)} if f.get("dismissal") else {})}
                        for f in findings]
    view["redacted"] = {}
    # the practice's zone, for the schedule as people read it (render._schedule)
    view["timezone"] = app.settings.timezone if app is not None else detail.get("timezone")
    # Only the caption's findings have spans in the caption (image findings point into the
    # text read from an image: source "image:N", "faces:N", "alt:N").
    caption = [f for f in findings if (f.get("source") or "text") == "text"]
    # a link's host, on the unscreened-preview line, only where chat shows the link itself
    view["previews"] = unscreened_previews([f for f in caption if not f.get("dismissal")])
    if any(f.get("severity") == "block" and not f.get("dismissal") for f in findings):
        shown = caption
        view["previews"] = []
    else:
        # a dismissed finding, and a contact number the screen only warns on: redacted
        # here, so the card says so and the view is not recorded as a read in full
        shown = [f for f in caption if withheld_from_chat(f) or f.get("dismissal")]
    if detail.get("not_shown"):  # the text is socialbot's line saying why (post_detail)
        shown, dismissed, hidden = [], [], []
    if shown:
        result = redact(detail["text"], [_Span(f) for f in shown])
        view["text"] = result.text
        view["redacted"] = dict(result.counts)
    if dismissed and view.get("media"):
        view["media"] = [_media_for_chat(m, n, dismissed, view)
                         for n, m in enumerate(view["media"], start=1)]
    if dismissed:
        before = view["text"]
        view["text"] = _hide_words(before, dismissed)
        if view["text"] != before and not view["redacted"]:
            view["redacted"] = {str(dismissed[0].get("category")): 1}
    if hidden:
        # the reply never shows what its comment's card hid: a reply naming the person
        # the comment's redaction hid put the name beside the redacted story (an outside
        # attack review, session 52, B1), as a dismissed name is hidden everywhere above
        before = view["text"]
        view["text"] = _hide_answered(before, hidden)
        if view["text"] != before:
            view["redacted"] = _counted(view["redacted"], {"name": 1})
    return view


def _media_for_chat(media: dict[str, Any], n: int, dismissed: Sequence[dict[str, Any]],
                    view: dict[str, Any]) -> dict[str, Any]:
    """Image ``n`` with the spans of its alt text that the author dismissed redacted (and
    the dismissed words anywhere else in it); the counts go to ``view["redacted"]``."""
    alt = media.get("alt")
    if not alt:
        return media
    spans = [_Span(f) for f in dismissed if f.get("source") == f"alt:{n}"]
    result = redact(alt, spans)
    hidden = _hide_words(result.text, dismissed)
    counts = dict(result.counts)
    if hidden != result.text and not counts:
        counts = {str(dismissed[0].get("category")): 1}
    view["redacted"] = _counted(view["redacted"], counts)
    return {**media, "alt": hidden}


def comment_for_chat(app: App, comments: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Comments as chat may show them: flag names and scores without their reasons; a
    flagged comment's text with every screen finding redacted; a comment about someone's
    health without the commenter's name, and withheld when no span can be pointed at."""
    return [view for view, _hidden in _comment_views(app, comments)]


# (words, placeholder, a name's): what a comment's card hid, to hide in the reply shown under
# it; a name's words that are everyday words too ("Hope") are hidden only capitalised
Hidden = list[tuple[str, str, bool]]


def _comment_views(app: App, comments: Sequence[dict[str, Any]]
                   ) -> list[tuple[dict[str, Any], Hidden]]:
    """``comment_for_chat``'s views, each with the words its redaction hid: the redacted
    spans' texts, each word of a redacted name, and the commenter's name where the view
    shows [commenter name] (a reply's card hides them in the reply too; session 52, B1)."""
    flagged = [c for c in comments if c.get("flags")
               and len(c.get("text") or "") <= CHAT_COMMENT_CHARS]
    results = app.screen([c["text"] for c in flagged], "comment") if flagged else []
    by_id = {c["id"]: findings for c, findings in zip(flagged, results, strict=True)}
    views = []
    for comment in comments:
        view = dict(comment)
        flags = comment.get("flags") or []
        view["flags"] = [{"flag": f.get("flag"), "score": f.get("score")} for f in flags]
        view["redacted"] = {}
        view["withheld"] = False
        hidden: Hidden = []
        if flags and len(comment.get("text") or "") > CHAT_COMMENT_CHARS:
            view["text"] = (f"(not shown in chat: {len(comment['text']):,} characters, too "
                            "long to screen; read it with `socialbot comments list "
                            "--flagged`)")
            view["author"] = COMMENTER
        elif flags:
            found = by_id.get(comment["id"], [])
            result: Redacted = redact(comment["text"], found)
            view["text"], view["redacted"] = result.text, result.counts
            hidden = _hidden_by(found)
            names = {str(f.get("flag")) for f in flags}
            if names & HEALTH_FLAGS:
                view["author"] = COMMENTER
                # suicide or self-harm: the fixed urgent line (ownwords.CRISIS_NOTE) is all
                # chat needs; with one span redacted the rest of the words went out ("[name]
                # here, I keep planning how to end my life": an outside review, session 46)
                if not result.changed or "crisis" in names:
                    view["text"], view["withheld"], view["redacted"] = "", True, {}
        # a display name with a number in it may carry an identifier ("Maria Lopez
        # 4471823": an outside review, session 42); nothing screens the author field. Any
        # comment, flagged or not: a reply's card shows the one it answers (session 44).
        if any(ch.isdigit() for ch in str(comment.get("author"))):
            view["author"] = COMMENTER
        if view.get("last_error"):
            view["last_error"] = str(view["last_error"]).split(":")[0][:80]
        if view.get("author") == COMMENTER and comment.get("author"):
            hidden.append((str(comment["author"]), COMMENTER, True))
            hidden += [(w, COMMENTER, True) for w in name_words(str(comment["author"]))]
        views.append((view, hidden))
    return views


def _hidden_by(findings: Iterable[Any]) -> Hidden:
    """The words a comment's redaction hid: each finding's text, and each word of a name."""
    hidden: Hidden = []
    for f in findings:
        words = str(getattr(f, "text", "") or "").strip()
        mark = placeholder(OWN_HEALTH if getattr(f, "rule", None) == "self_disclosure"
                           else str(getattr(f, "category", "")))  # as redact() marks it
        name = getattr(f, "category", None) == "name" and getattr(f, "rule", None) != (
            "self_disclosure")
        hidden.append((words, mark, name))
        if getattr(f, "category", None) == "name":
            hidden += [(w, mark, name) for w in name_words(words, capitalised=True)]
    return hidden


def _hide_answered(text: Any, hidden: Hidden) -> Any:
    """``text`` (a reply) with the words its comment's card hid replaced, as whole words in
    any case, in one pass (a placeholder's own words are never hunted); words under three
    characters are not hunted."""
    if not isinstance(text, str):
        return text
    marks: dict[str, tuple[str, bool]] = {}
    for words, mark, name in hidden:
        if len(words) >= HIDDEN_WORD_CHARS:
            marks.setdefault(words.lower(), (mark, name))
    if not marks:
        return text
    body = (r"(?<![\w'’-])(?:" + "|".join(map(re.escape, sorted(marks, key=len, reverse=True)))
            + r")" + NAME_END)

    def hide(m: re.Match[str]) -> str:
        mark, name = _mark_of(marks, m.group(0))
        return m.group(0) if name and not named_here(m.group(0)) else mark

    return _sub_outside_placeholders(body, text, hide)


@dataclass(frozen=True)
class _Span:
    """A stored finding (a dict) seen as the category/start/end redact() reads."""

    finding: dict[str, Any]

    @property
    def category(self) -> str:
        return str(self.finding.get("category"))

    @property
    def start(self) -> int:
        return int(self.finding.get("start") or 0)

    @property
    def end(self) -> int:
        return int(self.finding.get("end") or 0)
